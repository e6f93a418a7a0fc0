"""The facilities page through app.py with AppTest: figures, what-if, filters, tables, credits; both languages."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pytest
from apptest_util import open_downloads, page_text, run_page, shown
from streamlit.proto.Metric_pb2 import Metric as MetricProto
from streamlit.testing.v1 import AppTest


@pytest.fixture(scope="module")
def at() -> AppTest:
    page = run_page("facilities")
    assert not page.exception, page.exception
    return page


def _deck(at: AppTest) -> dict:
    decks = at.get("deck_gl_json_chart")
    assert len(decks) == 1
    return json.loads(decks[0].proto.json)


def _frames(chart: object) -> list[pd.DataFrame]:
    """The datasets a Vega-Lite chart element ships (Arrow)."""
    return [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in chart.proto.datasets]  # type: ignore[attr-defined]


def _frames_of_spec(at: AppTest, needle: str) -> list[dict]:
    """The rows of the first chart dataset that holds ``needle``."""
    for chart in at.get("vega_lite_chart"):
        for frame in _frames(chart):
            if needle in frame.to_string():
                return frame.to_dict("records")
    raise AssertionError(needle)


def _points_on_map(at: AppTest) -> int:
    spec = _deck(at)
    return sum(len(layer["data"]) for layer in spec["layers"] if layer["@@type"] == "ScatterplotLayer")


def test_counts_change_and_no_invented_target(at: AppTest) -> None:
    assert not at.error, [e.value for e in at.error]
    metrics = {shown(m.label): shown(m.value) for m in at.metric}
    assert metrics["2021年"] == "1,316施設"
    assert metrics["2024年"] == "1,281施設"
    assert metrics["増減（2021年→2024年）"] == "35施設減"  # one sign convention: in words, never ▲
    change = next(m for m in at.metric if m.label == "増減（2021年→2024年）")
    assert change.proto.delta == "2.7％減（改善）"  # fewer facilities is the plan's aim: better, in words and blue
    assert change.proto.color == MetricProto.MetricColor.BLUE
    # Two counts are a before→after slope in a small box, not a full-width chart of two bars.
    slope = next(json.loads(c.proto.spec) for c in at.get("vega_lite_chart") if "1,316施設" in str(_frames(c)))
    assert slope["width"] <= 400 and slope["layer"][0]["mark"]["type"] == "line"
    assert [d["value_label"] for d in _frames_of_spec(at, "1,316施設")] == ["1,316施設", "1,281施設"]
    assert metrics["2025年以降"] == "最適な施設数へ（2025年以降）"
    text = page_text(at)
    assert "目標の数値は示していません" in " ".join(m.help or "" for m in at.metric)
    assert "いわき市「構造改革レポート vol.5」「公共施設等のマネジメントを推進」" in text


def test_context_is_apart_and_labelled_with_its_own_source(at: AppTest) -> None:
    metrics = {shown(m.label): shown(m.value) for m in at.metric}
    assert metrics["2060年ごろに残る施設数（上限側シナリオ）"] == "673施設"
    assert metrics["1981年以前（旧耐震基準）の建築"] == "40％"
    text = page_text(at)
    assert "決定した目標ではありません" in text
    assert "出典：いわき民報 2024年5月28日｜時点：2024年5月28日｜レポートの数値とは分けて表示" in text


def test_what_if_defaults(at: AppTest) -> None:
    metrics = {shown(m.label): shown(m.value) for m in at.metric}
    # 1,281 / 318,946 × 10,000 = 40.16; 1,281 × 255,645 / 318,946 = 1,026.8; × 175,940 / 318,946 = 706.6
    assert metrics["2024年の水準（人口1万人あたり）"] == "40.2"
    assert metrics["2040年に同じ水準を保つ施設数"] == "約1,027施設"
    assert metrics["2060年に同じ水準を保つ施設数"] == "約707施設"
    cut = next(m for m in at.metric if m.label == "2060年に同じ水準を保つ施設数")
    assert cut.proto.delta == "574施設減（44.8％減）"
    text = page_text(at)
    assert "市の計画や目標ではありません" in text
    assert "ダッシュボードの試算（市の計画ではない）" in text
    assert "2024年5月1日現在の人口（いわき民報 2024年5月28日）" in text
    # the scenario table behind the chart: default 20 % cut → 1,024.8 facilities
    assert at.slider(key="fac_rate").value == 20


def _scenario_rows(at: AppTest) -> list[dict]:
    """The rows the per-resident chart was drawn from (Streamlit ships chart data as Arrow)."""
    return _chart_frame(at, {"per_10k", "scenario"}).to_dict("records")


def test_slider_and_mode_change_the_scenario() -> None:
    at = run_page("facilities")
    rows = {(r["scenario"], r["year"]): r for r in _scenario_rows(at)}
    # No counterfactual bar: the 2024 count is never drawn for 2020 (a year with another count).
    assert {year for _, year in rows} == {2040, 2060}
    assert rows[("custom", 2060)]["facilities"] == pytest.approx(1024.8)
    at.slider(key="fac_rate").set_value(50).run()
    rows = {(r["scenario"], r["year"]): r for r in _scenario_rows(at)}
    assert rows[("custom", 2060)]["facilities"] == pytest.approx(640.5)
    # 640.5 / 175,940 × 10,000 = 36.40
    assert rows[("custom", 2060)]["per_10k"] == pytest.approx(36.4045, abs=1e-3)
    assert rows[("keep", 2060)]["per_10k"] == pytest.approx(72.8089, abs=1e-3)
    at.segmented_control(key="fac_mode").set_value("count").run()
    at.slider(key="fac_count").set_value(700).run()
    rows = {(r["scenario"], r["year"]): r for r in _scenario_rows(at)}
    assert rows[("custom", 2040)]["facilities"] == 700
    assert not at.exception


def test_map_filters_change_the_number_of_points() -> None:
    at = run_page("facilities")
    assert _points_on_map(at) == 575
    assert "地図（575か所を表示）" in [s.value for s in at.subheader]
    at.pills(key="fac_hazard").set_value(["tsunami"]).run()
    assert _points_on_map(at) == 109
    assert "地図（109か所を表示）" in [s.value for s in at.subheader]
    at.pills(key="fac_hazard").set_value([]).run()
    at.pills(key="fac_kind").set_value(["shelter"]).run()
    at.pills(key="fac_type").set_value(["elementary", "junior_high"]).run()
    n = _points_on_map(at)
    assert 0 < n < 280
    spec = _deck(at)
    names = [d["name"] for layer in spec["layers"] if layer["@@type"] == "ScatterplotLayer" for d in layer["data"]]
    assert all("学校" in name for name in names)
    assert not at.exception


def test_deck_is_offline_and_fitted(at: AppTest) -> None:
    spec = _deck(at)
    assert spec["mapStyle"] == "__MAP_STYLE__" and "mapProvider" not in spec  # no base map (see the chart tests)
    assert spec["layers"][0]["@@type"] == "GeoJsonLayer"
    assert "http" not in json.dumps(spec)
    assert 8.5 < spec["initialViewState"]["zoom"] < 9.5


def test_tables_and_credits(at: AppTest) -> None:
    text = page_text(at)
    # required credits, verbatim
    assert "国土数値情報（行政区域データ）（国土交通省）を加工して作成" in text
    assert "国土地理院 指定避難所データ" in text
    assert "国土地理院 指定緊急避難場所データ" in text
    assert "Geolonia「Japanese Addresses」" in text
    assert "市の公共施設全体（2024年 1,281施設、レポート）の台帳ではありません" in text
    assert "概算" in text
    assert "津波の指定緊急避難場所（地区別、計109か所）" in [s.value for s in at.subheader]
    # the type × district heatmap is drawn from every point on the map
    cells = _chart_frame(at, {"district_label", "type_label", "points"})
    assert cells["points"].sum() == 575 and len(cells) == 14 * 9
    # downloads: one button per block, each opening its files (built only when opened)
    assert len([p for p in at.get("popover") if str(p.proto.id).endswith("_downloads")]) >= 6
    assert not at.get("download_button")
    assert len(open_downloads(at).get("download_button")) >= 6


def test_type_by_district_table_behind_the_heatmap() -> None:
    at = run_page("facilities")
    at.segmented_control(key="fac_by_type_view").set_value("table").run()
    wide = next(df.value for df in at.dataframe if "地区（概算）" in df.value.columns)
    assert wide["計"].sum() == 575
    assert list(wide.columns)[:3] == ["地区（概算）", "小学校", "中学校"]
    assert "久之浜・大久" in set(wide["地区（概算）"]) and "不明・その他" in set(wide["地区（概算）"])
    # the table follows the map's filters
    at.pills(key="fac_kind").set_value(["shelter"]).run()
    wide = next(df.value for df in at.dataframe if "地区（概算）" in df.value.columns)
    assert wide["計"].sum() == 280


def _chart_frame(at: AppTest, columns: set[str]):
    """The data of the first chart whose rows have ``columns``."""
    for chart in at.get("vega_lite_chart"):
        for dataset in chart.proto.datasets:
            frame = pa.ipc.open_stream(dataset.data.data).read_pandas()
            if columns <= set(frame.columns):
                return frame
    raise AssertionError(f"no chart with {columns}")


def test_english() -> None:
    at = run_page("facilities", lang="en")
    assert not at.exception and not at.error
    metrics = {shown(m.label): shown(m.value) for m in at.metric}
    assert metrics["Change (2021 → 2024)"] == "down 35 facilities"
    assert metrics["2025 onward"] == "Towards the optimal number (2025 onward)"
    text = page_text(at)
    assert "not the city's plan" in text
    # the Japanese credit wording the licence asks for stays, with the translation beside it
    assert "国土数値情報（行政区域データ）（国土交通省）を加工して作成" in text
    assert "Processed from National Land Numerical Information" in text
