"""The overview page through app.py with AppTest: headline cards from the metric functions, links, timeline filters."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from apptest_util import chart_count, page_text, run_page
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from dashboard.data import DATASET_NAMES, load_dataset, store
from dashboard.i18n import set_language
from dashboard.i18n.format import fiscal_year_label, fmt_number
from dashboard.metrics import overview as m
from dashboard.views.safe import plain

PILLARS = ["work_efficiency", "infrastructure", "admin_fiscal", "human_resources", "citizen_dx"]


@pytest.fixture(autouse=True)
def _japanese() -> None:
    set_language("ja")


@pytest.fixture(scope="module")
def page() -> AppTest:
    """The overview in Japanese, opened once for the read-only checks."""
    return run_page("overview")


def timeline_rows(at: AppTest) -> pd.DataFrame:
    """The items the timeline chart draws (the chart's dataset that has the item labels)."""
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1
    for ds in charts[0].proto.datasets:
        df = convert_arrow_bytes_to_pandas_df(ds.data.data)
        if "label" in df.columns:
            return df
    raise AssertionError("no item dataset in the chart")


def metrics(at: AppTest) -> dict[str, str]:
    return {mt.label: mt.value for mt in at.metric}


def test_headline_cards_are_the_metric_functions_and_the_reports_figures(page: AppTest) -> None:
    assert not page.exception and not page.error
    cards = metrics(page)
    pop = m.population_headline(load_dataset("population_outlook"))
    hours = m.hours_headline(load_dataset("dx_kpis"))
    fac = m.facilities_headline(load_dataset("facility_counts")).change
    online = m.online_headline(load_dataset("dx_kpis"))
    survey = m.survey_headline(load_dataset("staff_survey"))
    expected = {
        # label: (value computed from the metric function, value as the report prints it, in words)
        f"将来推計人口（{pop.end_year}年）": (f"{fmt_number(pop.end)}人", "175,940人"),
        "職員の業務時間の削減（R4→R6）": (f"{fmt_number(-hours.reduction, 1)}万時間減", "23.5万時間減"),
        f"公共施設数（{fac.end_year}年）": (f"{fmt_number(fac.end)}施設", "1,281施設"),
        "オンライン申請（改革前比）": (f"{fmt_number(online.multiple)}倍", "3倍"),
        "職員アンケート（2025年3月）": (
            f"{round(survey.progress_pct)}％ / {round(survey.continue_pct)}％",
            "54％ / 78％",
        ),
    }
    for label, (computed, printed) in expected.items():
        assert cards[label] == computed == printed, label
    by_label = {mt.label: mt.proto for mt in page.metric}
    # One sign convention: the change in words with 改善／悪化, coloured by tone, and never an arrow.
    assert by_label["職員の業務時間の削減（R4→R6）"].delta == "4.5％減（改善）"
    assert by_label[f"将来推計人口（{pop.end_year}年）"].delta == "2020年比 156,991人減（47.2％減）"
    assert by_label[f"公共施設数（{fac.end_year}年）"].delta == "2021年比 35施設減・2.7％減（改善）"
    for label, proto in by_label.items():
        if proto.delta:
            assert "▲" not in proto.delta and "−" not in proto.delta, label
    text = page_text(page)
    for line in (
        "60,000件／年・申請率20.5％",
        "R4 522.0万時間 → R6 498.5万時間",
        "2020年 332,931人 → 2060年 175,940人（指数53）",
        "2021年 1,316施設（増減は算出値）",
        "54％：構造改革が着実に進んでいると感じる",  # the statement in full, 「着実に」 included
        "78％：今後も引き続き改革を進めていくべき",
        "最適な施設数へ（2025年以降）",
    ):
        assert line in text, line


def test_cards_draw_a_small_chart_where_the_data_hold_a_series(page: AppTest) -> None:
    by_label = {mt.label: mt.proto for mt in page.metric}
    pop = m.population_headline(load_dataset("population_outlook"))
    fac = m.facilities_headline(load_dataset("facility_counts")).change
    series = {
        f"将来推計人口（{pop.end_year}年）": list(load_dataset("population_outlook").sort_values("year")["population"]),
        "職員の業務時間の削減（R4→R6）": [522.0, 498.5],
        f"公共施設数（{fac.end_year}年）": [1316.0, 1281.0],
    }
    for label, values in series.items():
        assert [float(v) for v in by_label[label].chart_data] == [float(v) for v in values], label
    for label in ("オンライン申請（改革前比）", "職員アンケート（2025年3月）"):  # a single figure: no chart
        assert not list(by_label[label].chart_data), label


def test_the_first_screen_says_the_verdict_and_the_results_in_one_line(page: AppTest) -> None:
    text = page_text(page)
    verdict = load_dataset("report_context")
    verdict = verdict[(verdict["topic"] == "overview") & (verdict["kind"] == "verdict")]
    assert len(verdict) and all(v in text for v in verdict["name_ja"])  # the report's own words
    hours = m.hours_headline(load_dataset("dx_kpis"))
    fac = m.facilities_headline(load_dataset("facility_counts")).change
    line = next(md.value for md in page.markdown if "の成果**" in md.value)
    assert line.startswith("**集中改革期間（2022年度（R4）〜2024年度（R6））の成果**")
    assert f"職員の業務時間 {fmt_number(-hours.reduction, 1)}万時間減・4.5％減（改善）" in line
    assert f"公共施設 {fmt_number(-fac.change)}施設減" in line
    assert "オンライン申請 改革前の3倍" in line
    assert "職員の54％が「構造改革が着実に進んでいると感じる」" in line


def test_the_results_line_follows_the_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The line is computed, not typed: a different published count changes it (and the card with it)."""
    for name in DATASET_NAMES:
        shutil.copy(store.paths.parquet_path(name), tmp_path)
    source = store.paths.csv_path("facility_counts")
    edited = tmp_path / "facility_counts.csv"
    edited.write_bytes(source.read_bytes().replace(b"2024,1281,", b"2024,1200,"))
    table, _ = store.csv_to_table("facility_counts", edited)
    store.write_atomic(table, tmp_path / "facility_counts.parquet")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path))
    at = run_page("overview")
    assert not at.exception and not at.error
    line = next(md.value for md in at.markdown if "の成果**" in md.value)
    assert "公共施設 116施設減" in line
    assert metrics(at)["公共施設数（2024年）"] == "1,200施設"


def test_every_card_shows_its_source_section_and_as_of(page: AppTest) -> None:
    captions = [c.value for c in page.caption]
    for expected in (
        "「市の将来推計人口」｜時点：2020年・2060年",
        "「業務時間削減」｜時点：2022年度（R4）〜2024年度（R6）",
        "「公共施設等のマネジメントを推進」｜時点：2021年・2024年｜ダッシュボードによる算出値",
        "「市民接点のデジタル化」｜時点：2025年3月",
        "「構造改革に着手して３年」｜時点：2025年3月",
    ):
        assert any(expected in c for c in captions), expected


def test_cards_link_to_their_pages(page: AppTest) -> None:
    links = [(pl.proto.page, pl.proto.query_string) for pl in page.page_link]
    assert links[:5] == [
        ("population", ""),
        ("dx", "dx_pillar=work_efficiency"),
        ("facilities", ""),
        ("dx", "dx_pillar=citizen_dx"),
        ("survey", ""),
    ]


def test_each_pillar_links_to_the_dx_page_filtered_by_it(page: AppTest) -> None:
    pillars = load_dataset("pillars").set_index("pillar_id")
    by_label = {pl.value: pl.proto for pl in page.page_link}
    for pid in PILLARS:
        link = by_label[f"**{plain(pillars.loc[pid, 'name_ja'])}**"]
        assert link.page == "dx" and link.query_string == f"dx_pillar={pid}"
    assert "ダッシュボード独自の分類" in page_text(page)


def test_pillars_show_aims_and_their_kpis(page: AppTest) -> None:
    text = page_text(page)
    summary = m.pillar_summary(load_dataset("pillars"), load_dataset("kpi_definitions"), load_dataset("initiatives"))
    for _, row in summary.iterrows():
        assert row["aims_ja"] in text
        assert f"成果指標 {row['n_kpis']}｜取組 {row['n_initiatives']}" in text
        for name in row["kpi_names_ja"]:
            assert name in text


def test_context_strip_lists_the_challenges_and_goals(page: AppTest) -> None:
    text = page_text(page)
    for name in (
        "人口減少・少子高齢化",
        "担い手不足",
        "自然災害",
        "インフラ・公共施設",
        "地域の活力の低下",
        "次世代を育てる",
        "命・暮らしを守る",
        "まちの魅力を高める",
        "豊かさを創る",
    ):
        assert name in text


def test_the_unfiltered_timeline_has_every_item_with_its_fiscal_year(page: AppTest) -> None:
    rows = timeline_rows(page)
    items = load_dataset("initiatives")
    assert len(rows) == len(items) == 30
    for item in items.itertuples():
        shown = rows[
            rows["label"].str.startswith(item.name_ja) & (rows["fy_label"] == fiscal_year_label(item.fiscal_year))
        ]
        assert len(shown) >= 1, item.name_ja
    assert "公共施設等の集中保全に着手（～2025）" in set(rows["label"])
    assert set(rows.loc[~rows["month_known"], "when_label"]) == {
        "2022年度（R4）（月の記載なし）",
        "2023年度（R5）（月の記載なし）",
    }
    assert chart_count(page) == 1
    named = page.dataframe[0].value
    assert len(named) == len(load_dataset("named_initiatives")) == 40


def test_filters_change_the_timeline_and_the_named_list() -> None:
    at = run_page("overview")
    at.multiselect(key="ov_pillar").set_value(["infrastructure"]).run()
    rows = timeline_rows(at)
    assert len(rows) == 4 and set(rows["lane_label"]) == {"インフラ最適化"}
    assert len(at.dataframe[0].value) == 5  # the named initiatives follow the pillar filter

    at.pills(key="ov_fy").set_value([2024]).run()
    rows = timeline_rows(at)
    assert set(rows["label"]) == {"下水道管路施設包括的管理業務委託の導入", "個別施設計画の策定"}
    assert "構造改革の歩み（2024年度（R6）〜2024年度（R6））" in [s.value for s in at.subheader]

    at.multiselect(key="ov_pillar").set_value([]).run()
    at.pills(key="ov_fy").set_value([]).run()
    at.text_input(key="ov_q").set_value("ｂｐｒ").run()  # width and case folded
    rows = timeline_rows(at)
    assert set(rows["label"]) == {"管理職向けＢＰＲ研修を実施", "窓口部門7業務でBPRを実施"}
    assert list(at.dataframe[0].value.iloc[:, 0]) == ["BPR研修"]

    at.text_input(key="ov_q").set_value("存在しない語").run()
    assert not at.exception and not at.error
    assert len(at.get("vega_lite_chart")) == 0
    assert any("条件に合う取組はありません" in i.value for i in at.info)


def test_english() -> None:
    at = run_page("overview", lang="en")
    assert not at.exception and not at.error
    cards = metrics(at)
    assert cards["Working hours (FY2022 → FY2024)"] == "down 235,000 hours"
    assert cards["Projected population (2060)"] == "175,940 persons"
    deltas = {mt.label: mt.proto.delta for mt in at.metric}
    assert deltas["Working hours (FY2022 → FY2024)"] == "down 4.5% (better)"
    assert deltas["Public facilities (2024)"] == "down 35 facilities, down 2.7% (better) from 2021"
    line = next(md.value for md in at.markdown if "Results of the reform period" in md.value)
    assert "staff working hours down 235,000 hours, down 4.5% (better)" in line
    assert not re.search(r"[、。：｜]", line)
    assert cards["Online applications vs pre-reform"] == "×3"
    rows = timeline_rows(at)
    assert "Chatbot in operation" in set(rows["label"]) and "FY2023 (R5)" in set(rows["fy_label"])
    assert f"**{plain('Citizen-service DX')}**" in [pl.value for pl in at.page_link]  # data text escaped


def test_a_broken_dataset_hides_only_its_card(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in DATASET_NAMES:
        shutil.copy(store.paths.parquet_path(name), tmp_path)
    (tmp_path / "staff_survey.parquet").write_bytes(b"broken")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path))
    at = run_page("overview")
    assert not at.exception
    assert any(plain("staff_survey.parquet") in e.value for e in at.error)
    assert len(at.metric) == 4 and "175,940人" in metrics(at).values()
    assert len(timeline_rows(at)) == 30
