"""The DX KPI page through app.py with AppTest: every report KPI, direction colours, R5 gap, My Number card, peers."""

from __future__ import annotations

import json
import re
import shutil
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from apptest_util import run_page
from conftest import REPO
from streamlit.proto.Metric_pb2 import Metric as MetricProto
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

MYNUMBER_PARQUET = "mynumbercard/mynumbercard_2017-2022.parquet"

# The results as READING.md lists them: (a fragment of the card's label, the value the card must show).
REPORT_KPIS = [
    ("コピー出力枚数（2021年＝1）", "0.80"),
    ("年の記載のない量", "300万枚／月"),
    ("ビジネスチャットツール", "239,322件／月"),
    ("LINE友達数", "40,000人"),
    ("スマホから利用", "65サービス"),
    ("登録者数の伸び", "1.6倍"),
    ("対応窓口", "24窓口"),
    ("直近利用率", "6.4％"),
    ("クレジットカード", "6種類"),
    ("電子マネー", "14種類"),
    ("コード決済", "8種類"),
    ("オンライン申請件数", "60,000件／年"),
    ("オンライン申請率", "20.5％"),
    ("改革前比", "3倍"),
    ("職員の業務時間", "498.5万時間"),
    ("業務時間の削減量", "23.5万時間減"),  # one sign convention: the change in words, never ▲
    ("業務時間の削減率", "4.5％減"),
    ("公共施設数", "1,281施設"),
]


@pytest.fixture(scope="module")
def dx_page() -> AppTest:
    at = run_page("dx")
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    return at


def _metric(at: AppTest, label_part: str):
    found = [x for x in at.metric if x.label == label_part] or [x for x in at.metric if label_part in x.label]
    assert len(found) == 1, (label_part, [x.label for x in found])
    return found[0]


def _blocks(block: Block):
    yield block
    for child in block.children.values():
        if isinstance(child, Block):
            yield from _blocks(child)


def _charts(at: AppTest) -> list[list[pd.DataFrame]]:
    """The data of every Vega-Lite chart on the page (Streamlit ships it as Arrow datasets)."""
    return [
        [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in c.proto.datasets]
        for c in at.get("vega_lite_chart")
    ]


def _chart_with(at: AppTest, column: str, value: str) -> pd.DataFrame:
    for frames in _charts(at):
        for df in frames:
            if column in df.columns and (df[column] == value).any():
                return df
    raise AssertionError(f"no chart with {column}={value}")


def _independent_mynumber() -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    """National rate per snapshot and every municipality's rate, straight from the file (not the app's reader)."""
    table = pq.read_table(REPO / "data" / "open" / MYNUMBER_PARQUET).to_pylist()
    cards: dict[str, int] = defaultdict(int)
    people: dict[str, int] = defaultdict(int)
    rates: dict[str, dict[str, float]] = defaultdict(dict)
    for row in table:
        snap = row["snapshot"].strftime("%Y%m%d")
        cards[snap] += int(row["cards"])
        people[snap] += int(row["population"])
        rates[snap][row["prefecture"] + row["municipality"]] = int(row["cards"]) / int(row["population"]) * 100
    return {s: cards[s] / people[s] * 100 for s in cards}, rates


# --------------------------------------------------------------------------- cards


def test_every_report_kpi_is_a_card_with_its_value(dx_page: AppTest) -> None:
    for label_part, value in REPORT_KPIS:
        assert _metric(dx_page, label_part).value == value, label_part
    # The R4 base of the working hours is on the page too (in the card's change).
    assert "522.0万時間" in _metric(dx_page, "職員の業務時間").proto.delta


def test_every_card_shows_source_and_as_of(dx_page: AppTest) -> None:
    with_metrics = 0
    for block in _blocks(dx_page.main):
        direct = [c for c in block.children.values() if not isinstance(c, Block)]
        if any(c.type == "metric" for c in direct):
            with_metrics += 1
            captions = " ".join(c.value for c in direct if c.type == "caption")
            assert "出典" in captions and "時点" in captions, captions
    assert with_metrics == len(dx_page.metric)
    chat = next(
        b
        for b in _blocks(dx_page.main)
        if any(getattr(c, "type", "") == "metric" and "ビジネスチャット" in c.label for c in b.children.values())
    )
    caption = " ".join(c.value for c in chat.children.values() if getattr(c, "type", "") == "caption")
    assert "2025年3月" in caption and "推定" in caption  # inferred as-of said so
    # The tool's name is the dashboard's reading; the report's own words stand beside it.
    assert "ダッシュボードの読み" in caption and "「ビジネスチャットツールを積極的に活用 … 月239,322件」" in caption


def test_direction_colours(dx_page: AppTest) -> None:
    # 改善／悪化 in words and in colour, and no arrow (an arrow beside 「減」 competed with the words).
    blue, gray = MetricProto.MetricColor.BLUE, MetricProto.MetricColor.GRAY
    none = MetricProto.MetricDirection.NONE
    for label in (
        "コピー出力枚数（2021年＝1）",
        "職員の業務時間",
        "業務時間の削減量",
        "業務時間の削減率",
        "公共施設数",
    ):
        metric = _metric(dx_page, label)
        assert (metric.proto.color, metric.proto.direction) == (blue, none), label  # fewer is good
        assert "（改善）" in metric.proto.delta and "▲" not in metric.proto.delta, label
    assert _metric(dx_page, "コピー出力枚数（2021年＝1）").proto.delta == "2021年 1.00から0.20減（改善）"
    assert _metric(dx_page, "職員の業務時間").proto.delta == "R4 522.0万時間から23.5万時間減（改善）"
    for label in ("登録者数の伸び", "改革前比"):
        metric = _metric(dx_page, label)
        assert (metric.proto.color, metric.proto.direction) == (blue, none), label
    assert _metric(dx_page, "LINE友達数").proto.delta == ""
    assert _metric(dx_page, "LINE友達数").proto.color == gray


def test_a_worsening_kpi_is_shown_in_the_bad_colour(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dashboard.data import DATASET_NAMES, store

    for name in DATASET_NAMES:
        shutil.copy(store.paths.parquet_path(name), tmp_path)
    target = tmp_path / "dx_kpis.parquet"
    table = pq.read_table(target)
    df = table.to_pandas()
    df.loc[(df["kpi_id"] == "copy_output_index") & (df["year"] == 2024), "value"] = 1.05
    pq.write_table(pa.Table.from_pandas(df, schema=table.schema, preserve_index=False), target)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path))
    at = run_page("dx")
    assert not at.exception and not at.error
    metric = _metric(at, "コピー出力枚数（2021年＝1）")
    assert metric.value == "1.05"
    assert (metric.proto.color, metric.proto.direction) == (
        MetricProto.MetricColor.RED,
        MetricProto.MetricDirection.NONE,
    )
    assert metric.proto.delta == "2021年 1.00から0.05増（悪化）"


def test_pillar_filter_from_the_url_and_back_into_it() -> None:
    at = run_page("dx", dx_pillar="citizen_dx")
    assert not at.exception and not at.error
    pillars = {"しごと効率化", "インフラ最適化", "行財政マネジメント", "人材マネジメント", "市民サービスDX"}
    assert [s.value for s in at.subheader if s.value in pillars] == ["市民サービスDX"]
    labels = " ".join(x.label for x in at.metric)
    assert "LINE友達数" in labels and "ビジネスチャット" not in labels
    assert any("ダッシュボード独自の分類" in c.value for c in at.caption)
    at.segmented_control(key="dx_pillar_filter").set_value("admin_fiscal").run()
    assert at.query_params["dx_pillar"] == ["admin_fiscal"] or at.query_params["dx_pillar"] == "admin_fiscal"
    assert any(
        "この柱に割り当てた数値指標はありません" in c.value and "ダッシュボード独自の分類" in c.value
        for c in at.caption
    )
    at.segmented_control(key="dx_pillar_filter").set_value("all").run()
    assert "dx_pillar" not in at.query_params
    assert len([s for s in at.subheader if s.value in pillars]) == 5


# --------------------------------------------------------------------------- trends and derived figures


def test_r5_is_absent_from_the_hours_series_and_marked(dx_page: AppTest) -> None:
    # Two printed years: a before→after slope of exactly those two (dashed across R5), never a value for R5.
    slope = _chart_with(dx_page, "label", "2022年度（R4）")
    assert slope["label"].tolist() == ["2022年度（R4）", "2024年度（R6）"]
    assert slope["value"].tolist() == [522.0, 498.5]
    assert slope["value_label"].tolist() == ["522.0万時間", "498.5万時間"]
    assert not any((df == "2023年度（R5）").any().any() for frames in _charts(dx_page) for df in frames)
    at = run_page("dx")
    at.segmented_control(key="dx_hours_view").set_value("table").run()
    table = next(d.value for d in at.dataframe if "業務時間" in d.value.columns)
    r5 = table[table["年度"] == "2023年度（R5）"].iloc[0]
    assert pd.isna(r5["業務時間"]) and r5["状態"] == "数値の記載なし"  # never 0
    assert list(table["業務時間"].dropna()) == ["522.0万時間", "498.5万時間"]
    assert any("2023年度（R5）はレポートの軸にあるが数値の記載がない" in c.value for c in at.caption)


def test_two_point_charts_are_sized_by_their_content(dx_page: AppTest) -> None:
    hours = next(c for c in dx_page.get("vega_lite_chart") if "2022年度（R4）" in str(_chart_frames(c)))
    spec = json.loads(hours.proto.spec)
    assert spec["width"] <= 400  # a small box, not a full-width chart of two points (the browser test measures it)
    assert spec["layer"][0]["mark"]["type"] == "line" and spec["layer"][1]["mark"]["type"] == "point"
    y = spec["layer"][0]["encoding"]["y"]["scale"]["domain"]
    assert 400 < y[0] < 498.5 and 522.0 < y[1] < 600  # not from zero: the cut is visible, the labels carry the size


def _chart_frames(chart: object) -> list[pd.DataFrame]:
    return [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in chart.proto.datasets]  # type: ignore[attr-defined]


def test_one_copy_output_chart_with_a_unit_switch() -> None:
    at = run_page("dx")
    copy_charts = [c for c in at.get("vega_lite_chart") if "copy" in c.proto.spec or "tone_label" in c.proto.spec]
    index = _chart_with(at, "value", 0.8)  # the printed index first
    assert index["year"].tolist()[-1] == 2024
    assert [s.value for s in at.subheader if "コピー出力枚数" in s.value] == ["コピー出力枚数の推移（2021年＝1）"]
    assert copy_charts
    at.segmented_control(key="dx_copy_unit").set_value("sheets").run()
    assert not at.exception and not at.error
    assert not [s for s in at.subheader if s.value == "コピー出力枚数の推移（2021年＝1）"]
    # The link restores the unit (a bound widget writes its shown label into the URL).
    at = run_page("dx", dx_copy_unit="枚／月（換算）")
    sheets = _chart_with(at, "value_label", "300万")
    assert sheets["implied_sheets_per_month"].tolist() == [3_000_000, 2_820_000, 2_520_000, 2_400_000]
    # Still one chart of copy output, now in sheets, labelled as the dashboard's conversion.
    assert [s.value for s in at.subheader if "コピー出力枚数" in s.value] == [
        "コピー出力枚数の推移（月あたりの枚数に換算）"
    ]
    captions = " ".join(c.value for c in at.caption)
    assert "ダッシュボードによる算出値｜月あたり枚数" in captions


def test_derived_figures(dx_page: AppTest) -> None:
    assert _metric(dx_page, "改革前のオンライン申請件数").value == "20,000件／年"
    assert _metric(dx_page, "業務時間の削減割合").value == "4.5％"
    assert _metric(dx_page, "コピー出力の削減量").value == "60万枚／月"
    captions = " ".join(c.value for c in dx_page.caption)
    assert "60,000÷3" in captions and "23.5万時間÷522.0万時間" in captions


# --------------------------------------------------------------------------- My Number card


def test_national_rate_equals_an_independent_computation(dx_page: AppTest) -> None:
    national, _ = _independent_mynumber()
    chart = _chart_with(dx_page, "series_kind", "national")
    shown = chart[chart["series_kind"] == "national"]
    assert len(shown) == len(national) == 46
    for _, row in shown.iterrows():
        expected = national[pd.Timestamp(row["snapshot"]).strftime("%Y%m%d")]
        assert row["rate_pct"] == pytest.approx(expected, abs=0.006)
    latest = national[max(national)]
    assert _metric(dx_page, "全国の交付率").value == f"{latest:.1f}％"


def test_iwaki_percentile_equals_an_independent_computation(dx_page: AppTest) -> None:
    _, rates = _independent_mynumber()
    latest = rates[max(rates)]
    iwaki = latest["福島県いわき市"]
    share = sum(r <= iwaki for r in latest.values()) / len(latest) * 100
    assert _metric(dx_page, "いわき市の位置").value == f"{share:.0f}パーセンタイル"
    assert _metric(dx_page, "いわき市の交付率").value == f"{iwaki:.1f}％"


def test_peer_selector_changes_the_chart_data() -> None:
    at = run_page("dx")
    before = _chart_with(at, "series_kind", "national")
    assert set(before["series_kind"]) == {"iwaki", "prefecture", "national"}
    options = at.multiselect(key="dx_peers").options
    assert "福島県 郡山市" in options and "福島県 いわき市" not in options
    at.multiselect(key="dx_peers").set_value(["福島県 郡山市", "東京都 三宅村"]).run()
    assert not at.exception and not at.error
    after = _chart_with(at, "series_kind", "national")
    assert len(after) == len(before) + 2 * 46
    assert set(after.loc[after["series_kind"] == "peer", "series"]) == {"福島県 郡山市", "東京都 三宅村"}
    percentile = next(
        df
        for frames in _charts(at)
        for df in frames
        if "series" in df.columns and set(df["series_kind"]) == {"iwaki", "peer"}
    )
    assert set(percentile["series"]) == {"福島県 いわき市", "福島県 郡山市", "東京都 三宅村"}
    assert percentile["percentile"].between(0, 100).all()
    _, rates = _independent_mynumber()
    koriyama = after[(after["series"] == "福島県 郡山市")].sort_values("snapshot")["rate_pct"].iloc[-1]
    assert koriyama == pytest.approx(rates[max(rates)]["福島県郡山市"], abs=0.006)
    at.multiselect(key="dx_peers").set_value(options[:6]).run()
    assert all(len(df) <= 5000 for frames in _charts(at) for df in frames)


def test_english_page() -> None:
    at = run_page("dx", lang="en")
    assert not at.exception and not at.error
    values = {x.value for x in at.metric}
    assert {
        "×3",
        "×1.6",
        "3,000,000 sheets/month",
        "239,322 messages/month",
        "down 235,000 hours",
        "4.985 million hours",
    } <= values
    assert any("population-weighted" in c.value for c in at.caption)


def test_my_number_uptake_says_it_is_not_current(dx_page: AppTest) -> None:
    # The uptake data end on 2022-12-31, over 12 months before the report's latest figures (2025-05):
    # every card and chart of it says its age where the date would be, and the gap to the nation is in words.
    iwaki = _metric(dx_page, "いわき市の交付率")
    assert iwaki.proto.delta == "全国を4.5ポイント下回る"
    assert (
        iwaki.proto.color == MetricProto.MetricColor.RED and iwaki.proto.direction == MetricProto.MetricDirection.NONE
    )
    uptake = [c.value for c in dx_page.caption if "マイナンバーカード交付状況" in c.value and "｜" in c.value]
    assert len(uptake) >= 4
    assert all("**2022年12月時点・最新ではありません**" in c for c in uptake), uptake
    assert not any("時点：2022年12月31日" in c for c in uptake)
    # The copy volume printed for 2021 (the dashboard's reading) is as old in both languages.
    assert any("**2021年時点・最新ではありません**" in c.value for c in dx_page.caption)
    # The report's own figures are current: their lines keep 時点.
    assert any("構造改革レポート" in c.value and "時点：2025年3月" in c.value for c in dx_page.caption)


def test_english_my_number_age_and_no_japanese_punctuation() -> None:
    at = run_page("dx", lang="en")
    assert not at.exception and not at.error
    assert _metric(at, "Iwaki's issuance rate").proto.delta == "4.5 points below the national rate"
    uptake = [c.value for c in at.caption if "My Number card issuance" in c.value and " | " in c.value]
    assert uptake and all("**as of December 2022, not current**" in c for c in uptake)
    for caption in at.caption:
        outside_quotes = re.sub(r"「[^」]*」", "", caption.value)
        assert not re.search(r"[、：｜]", outside_quotes), caption.value
