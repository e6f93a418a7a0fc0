"""The population page through AppTest: its widgets change what is shown (tables, figures), in both languages."""

from __future__ import annotations

import json
import math
import shutil

import pandas as pd
import pytest
from apptest_util import chart_count, page_text, run_page, shown
from conftest import REPO
from streamlit.testing.v1 import AppTest

from dashboard.data import open_data


def _table_with(at: AppTest, column: str) -> pd.DataFrame:
    """The one table on the page that has ``column``."""
    found = [df.value for df in at.dataframe if column in df.value.columns]
    assert len(found) == 1, [list(df.value.columns) for df in at.dataframe]
    value = found[0]
    return value.data if hasattr(value, "data") else value  # a Styler carries its frame in .data


def _outlook_table(at: AppTest) -> pd.DataFrame:
    at.segmented_control(key="pop_outlook_view").set_value("table").run()
    return _table_with(at, "系列")


def _metric(at: AppTest, label_start: str) -> str:
    values = [m.value for m in at.metric if m.label.startswith(label_start)]
    assert len(values) == 1, [m.label for m in at.metric]
    return values[0]


@pytest.fixture()
def at() -> AppTest:
    page = run_page("population")
    assert not page.exception, page.exception
    assert not page.error, [e.value for e in page.error]
    return page


def test_page_shows_all_five_parts(at: AppTest) -> None:
    text = page_text(at)
    for figure in ("332,931", "255,645", "175,940", "2063年ごろ", "18,317", "浜通り", "いわき市", "59市町村中 2位"):
        assert figure in text, figure
    assert chart_count(at) == 5  # outlook, age structure, ageing, map and the map's legend
    assert len(at.get("deck_gl_json_chart")) == 1
    for credit in ("総務省統計局", "国立社会保障・人口問題研究所", "国土数値情報", "構造改革レポート"):
        assert credit in text, credit
    assert "ダッシュボードによる算出値" in text


def test_index_toggle_changes_the_values_in_the_table(at: AppTest) -> None:
    absolute = _outlook_table(at)
    assert "人" in absolute.columns
    proj = absolute[absolute["系列"] == "市の将来推計（レポート）"]
    assert proj["人"].tolist() == [255645, 175940]
    at.toggle(key="pop_index").set_value(True).run()
    indexed = _table_with(at, "系列")
    col = "指数（2020年＝100）"
    assert col in indexed.columns and "人" not in indexed.columns
    proj = indexed[indexed["系列"] == "市の将来推計（レポート）"]
    assert proj[col].tolist() == [round(255645 / 332931 * 100, 1), round(175940 / 332931 * 100, 1)]  # 76.8, 52.8
    census = indexed[indexed["系列"] == "国勢調査"].set_index("時点")[col]
    assert census["2020-10-01"] == 100.0 and census["2015-10-01"] == round(350237 / 332931 * 100, 1)
    assert not indexed["系列"].str.contains("旧人口ビジョン").any()  # no stated basis → never indexed
    # Another base year: the register has no 2015 value and is left out, and says so.
    at.selectbox(key="pop_base").set_value(2015).run()
    rebased = _table_with(at, "系列")
    col15 = "指数（2015年＝100）"
    assert rebased.set_index("時点").loc["2020-10-01", col15] == round(332931 / 350237 * 100, 1)
    assert not rebased["系列"].str.startswith("住民基本台帳").any()
    assert "住民基本台帳（1月1日）" in " ".join(c.value for c in at.caption if "省いた系列" in c.value)
    # The base year need not be among the years shown.
    at.selectbox(key="pop_base").set_value(2020).run()
    at.slider(key="pop_range").set_value((2040, 2060)).run()
    late = _table_with(at, "系列")
    assert late["指数（2020年＝100）"].tolist() == [76.8, 52.8]


def test_year_range_and_other_figures_filter_the_table(at: AppTest) -> None:
    _outlook_table(at)
    at.slider(key="pop_range").set_value((2016, 2022)).run()
    table = _table_with(at, "系列")
    years = table["時点"].str[:4].astype(int)
    assert years.between(2016, 2022).all() and (years == 2016).any() and len(table) == 7 + 1  # register + 2020 census
    at.slider(key="pop_range").set_value((2010, 2060)).run()
    assert _table_with(at, "系列")["系列"].str.contains("旧人口ビジョン").sum() == 2
    assert any("いわき民報" in c.value and "マイナンバーカード" in c.value for c in at.caption)
    at.toggle(key="pop_context").set_value(False).run()
    hidden = _table_with(at, "系列")
    assert not hidden["系列"].str.contains("旧人口ビジョン|個別施設計画|2024年5月1日").any()
    # The source line names only the sources of the points shown.
    source_lines = [c.value for c in at.caption if "時点：" in c.value and "マイナンバーカード" in c.value]
    assert source_lines and not any("集会所個別管理計画" in v or "いわき民報" in v for v in source_lines)


def test_derived_figures_follow_the_selectors(at: AppTest) -> None:
    rate = (175940 / 332931) ** (1 / 40) - 1
    assert _metric(at, "年平均変化率 2020→2060年") == f"{abs(rate) * 100:.2f}％減／年"  # 1.58％減
    at.selectbox(key="pop_from").set_value(2015).run()
    at.selectbox(key="pop_to").set_value(2020).run()
    rate = (332931 / 350237) ** (1 / 5) - 1
    assert _metric(at, "年平均変化率 2015→2020年") == f"{abs(rate) * 100:.2f}％減／年"  # 1.01％減
    at.slider(key="pop_at").set_value(2050).run()
    assert _metric(at, "2050年の人口") == f"{round(math.sqrt(255645 * 175940)):,}人"
    at.slider(key="pop_at").set_value(2040).run()
    assert _metric(at, "2040年の人口") == "255,645人"


def test_age_structure_area_and_shares(at: AppTest) -> None:
    at.segmented_control(key="pop_age_view").set_value("table").run()
    table = _table_with(at, "年齢区分")
    assert set(table["地域"]) == {"浜通り地域（いわき市を含む13市町村）"}
    assert table[table["年"] == 2050]["人"].sum() == 307228
    at.selectbox(key="pop_area").set_value("07000").run()
    table = _table_with(at, "年齢区分")
    assert set(table["地域"]) == {"福島県"}
    assert table[table["年"] == 2020]["人"].sum() == 1833152
    assert table.groupby("年")["構成比（％）"].sum().between(99.8, 100.2).all()  # shares rounded to 0.1


def _age_chart_y(at: AppTest) -> str:
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    (age,) = [s for s in specs if "group_label" in json.dumps(s)]
    return age["encoding"]["y"]["field"]


def test_share_toggle_switches_the_age_chart_to_shares(at: AppTest) -> None:
    assert _age_chart_y(at) == "persons"
    at.toggle(key="pop_share").set_value(True).run()
    assert _age_chart_y(at) == "share_pct"


def test_choosing_a_municipality_shows_its_figures(at: AppTest) -> None:
    peers = _table_with(at, "順位（増加率の高い順）")
    assert len(peers) == 59
    assert peers.set_index("団体コード").loc["07204", "増減（人）"] == 7988
    assert _metric(at, "2010年人口") == "342,249人"
    at.selectbox(key="pop_muni").set_value("07203").run()
    assert _metric(at, "2010年人口") == "338,712人" and _metric(at, "2015年人口") == "335,444人"
    assert any("参考：いわき市" in c.value for c in at.caption)


def test_english_page_has_every_message() -> None:
    at = run_page("population", lang="en")
    assert not at.exception and not at.error
    text = page_text(at)
    assert "Population outlook" in text and "Source" in text
    assert "[population." not in text


def test_without_open_data_the_report_figures_still_show(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DASHBOARD_OPEN_DATA_DIR", str(tmp_path / "nothing"))
    at = run_page("population")
    assert not at.exception and not at.error
    text = page_text(at)
    assert "175,940" in text and "2063年ごろ" in text
    assert len(at.get("vega_lite_chart")) >= 1
    assert any("公開データ" in i.value for i in at.info)


def test_a_damaged_open_data_file_is_named_and_the_rest_still_shows(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "open"
    shutil.copytree(REPO / "data" / "open", folder)
    ipss = folder / open_data.IPSS_FILE
    ipss.write_bytes(ipss.read_bytes()[:-200])  # truncated
    monkeypatch.setenv("DASHBOARD_OPEN_DATA_DIR", str(folder))
    at = run_page("population")
    assert not at.exception and not at.error
    warnings = [shown(w.value) for w in at.warning]
    assert len(warnings) == 1, warnings
    assert open_data.IPSS_FILE in warnings[0] and "チェックサム" in warnings[0]
    assert "git checkout -- data/open" in warnings[0] and "dashboard fetch" in warnings[0]
    text = page_text(at)
    assert "175,940" in text  # the report's figures
    assert not any("公開データ" in i.value for i in at.info)  # the other open data reads fine
    assert len(at.get("deck_gl_json_chart")) == 1  # the peers map still draws


def test_open_data_sources_and_as_of_come_from_the_manifest(tmp_path, monkeypatch) -> None:
    # The views name no open-data source id or date of their own: a newer manifest's as-of is what the page prints.
    folder = tmp_path / "open"
    shutil.copytree(REPO / "data" / "open", folder)
    manifest = json.loads((folder / open_data.MANIFEST).read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        if entry["path"] == open_data.IPSS_FILE:
            assert entry["as_of"] != "2024-01-31"
            entry["as_of"] = "2024-01-31"
    (folder / open_data.MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv("DASHBOARD_OPEN_DATA_DIR", str(folder))
    at = run_page("population")
    assert not at.exception and not at.error
    captions = [shown(c.value) for c in at.caption]
    dated = [c for c in captions if "社会保障・人口問題研究所" in c and "時点" in c]
    assert len(dated) >= 2 and all("時点：2024年1月31日" in c for c in dated), dated


def test_the_2010_2015_peer_growth_is_explained_where_it_is_shown(at: AppTest) -> None:
    # Iwaki grew 2010→2015 (2nd of 59) only because evacuees from the nuclear accident's zone settled there;
    # beside a page about decline the comparison says so, with the figure computed from the census file.
    peers = _table_with(at, "順位（増加率の高い順）").set_index("団体コード")
    pct = peers.loc["07204", "増減率（％）"]
    assert pct > 0
    why = [i.value for i in at.info if "避難" in i.value]
    assert len(why) == 1, why
    assert f"{pct:.1f}％増" in why[0] and "2011年" in why[0] and "原発事故" in why[0]
    text = page_text(at)
    assert f"いわき市は **{pct:.1f}％増**" in text  # the change in words, never ▲ or a bare +
    assert "▲" not in text
    # The census is over a year older than the report's figures: its lines say so.
    census = [
        shown(c.value)
        for c in at.caption
        if shown(c.value).startswith("出典：総務省統計局「平成27年国勢調査」")
        and "｜" in c.value
        and "各年の値" not in c.value
    ]
    assert census and all("2015年10月時点・最新ではありません" in c for c in census), census
