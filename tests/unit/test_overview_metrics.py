"""Overview figures (metrics.overview): the headline cards against the report, the pillars, the timeline's placement,
filters and label packing."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO

from dashboard.data import load_dataset
from dashboard.metrics import overview as m

READING = REPO.parent / "shared" / "seed" / "READING.md"
MONTHS = {
    name: i
    for i, name in enumerate(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], start=1
    )
}


def reading_timeline(path: Path = READING) -> list[tuple[int, str, int | None]]:
    """(fiscal year, name, month or None) of every timeline item READING.md lists for page 2."""
    if not path.exists():
        pytest.skip(f"{path} is not available")
    text = path.read_text(encoding="utf-8")
    section = text[text.index("Timeline (構造改革の歩み)") : text.index("## Page 3")]
    items: list[tuple[int, str, int | None]] = []
    for year, body in re.findall(r"^- FY(\d{4}): (.*?)(?=^- FY|\Z)", section, flags=re.S | re.M):
        flat = "".join(line.strip() for line in body.splitlines())  # wrapped Japanese names join without spaces
        for entry in flat.split("·"):
            match = re.match(r"\s*(.+?)\s*\((.*?)\)\s*$", entry)
            assert match, entry
            name, note = match.groups()
            month = MONTHS.get(note.split(";")[0].strip()[:3])
            items.append((int(year), name.strip(), month))
    return items


# --------------------------------------------------------------------------- headline cards = report figures


def test_population_headline_is_the_reports_outlook() -> None:
    head = m.population_headline(load_dataset("population_outlook"))
    assert (head.base_year, head.base, head.end_year, head.end, head.end_index) == (2020, 332_931, 2060, 175_940, 53)
    assert (head.section, head.page) == ("population_projection", None)  # cited by section, no unverified page
    assert round(head.ratio_pct) == head.end_index  # the printed index agrees with the two counts


def test_hours_headline_is_the_printed_reduction_and_agrees_with_the_totals() -> None:
    head = m.hours_headline(load_dataset("dx_kpis"))
    assert (head.start_year, head.end_year, head.start, head.end) == (2022, 2024, 522.0, 498.5)
    assert (head.reduction, head.reduction_pct) == (-23.5, -4.5)
    assert head.computed_reduction == pytest.approx(head.reduction, abs=0.05)
    assert head.computed_pct == pytest.approx(head.reduction_pct, abs=0.05)
    assert (head.section, head.page) == ("working_hours", None)


def test_facilities_headline_is_the_two_published_counts() -> None:
    head = m.facilities_headline(load_dataset("facility_counts"))
    c = head.change
    assert (c.start_year, c.start, c.end_year, c.end) == (2021, 1316, 2024, 1281)
    assert c.change == -35 and c.change_pct == pytest.approx(-2.66, abs=0.01)
    assert head.towards_years == (2025,) and (head.section, head.page) == ("facility_management", None)


def test_online_headline_is_three_times_60000_and_20_5_percent() -> None:
    head = m.online_headline(load_dataset("dx_kpis"))
    assert (head.multiple, head.per_year, head.rate_pct, head.as_of) == (3, 60_000, 20.5, "2025-03")
    assert (head.section, head.page) == ("citizen_digital", None)


def test_survey_headline_is_54_and_78_percent() -> None:
    head = m.survey_headline(load_dataset("staff_survey"))
    assert (head.progress_pct, head.continue_pct) == (54, 78)
    assert head.survey_date == "2025-03" and (head.section, head.page) == ("staff_survey", None)


def test_survey_headline_takes_the_latest_wave_of_a_full_survey() -> None:
    survey = load_dataset("staff_survey")
    later = survey.assign(
        wave="2026-03", survey_date="2026-03", share_pct=survey["share_pct"].map({54.0: 61.0, 78.0: 80.0})
    )
    head = m.survey_headline(pd.concat([survey, later], ignore_index=True))
    assert (head.wave, head.progress_pct, head.continue_pct) == ("2026-03", 61, 80)


def test_survey_headline_of_an_imported_wave_has_no_report_page() -> None:
    # A wave the staff import has no page in the report: the card must not fail on the missing page.
    survey = load_dataset("staff_survey")
    later = survey.assign(
        wave="2026-03",
        survey_date="2026-03",
        page=pd.NA,
        section=pd.NA,
        share_pct=survey["share_pct"].map({54.0: 61.0, 78.0: 80.0}),
    )
    head = m.survey_headline(pd.concat([survey, later], ignore_index=True))
    assert (head.wave, head.page, head.section) == ("2026-03", None, None)


def test_headline_raises_on_missing_figures() -> None:
    kpis = load_dataset("dx_kpis")
    with pytest.raises(ValueError):
        m.hours_headline(kpis[kpis["kpi_id"] != "working_hours_reduction"])
    with pytest.raises(ValueError):
        m.online_headline(kpis[kpis["kpi_id"] != "online_growth_vs_before"])


# --------------------------------------------------------------------------- pillars


def test_pillar_summary_assigns_every_kpi_once_and_counts_initiatives() -> None:
    defs, initiatives = load_dataset("kpi_definitions"), load_dataset("initiatives")
    summary = m.pillar_summary(load_dataset("pillars"), defs, initiatives)
    assert list(summary["pillar_id"]) == [
        "work_efficiency",
        "infrastructure",
        "admin_fiscal",
        "human_resources",
        "citizen_dx",
    ]
    assigned = [k for ids in summary["kpi_ids"] for k in ids]
    assert sorted(assigned) == sorted(defs["kpi_id"])
    row = summary.set_index("pillar_id")
    assert row.loc["infrastructure", "kpi_ids"] == ["facility_count"]
    assert row.loc["work_efficiency", "kpi_names_ja"][0] == "コピー出力枚数（2021年＝1）"
    assert row.loc["admin_fiscal", "n_kpis"] == 0
    assert int(summary["n_initiatives"].sum()) == len(initiatives)
    assert row.loc["citizen_dx", "n_initiatives"] == int((initiatives["pillar_id"] == "citizen_dx").sum())


# --------------------------------------------------------------------------- timeline placement


def test_fiscal_months_map_to_calendar_dates() -> None:
    assert m.calendar_year(2022, 4) == 2022 and m.calendar_year(2022, 12) == 2022
    assert m.calendar_year(2022, 1) == 2023 and m.calendar_year(2022, 3) == 2023
    assert [m.fiscal_month_position(x) for x in (4, 12, 1, 3)] == [1, 9, 10, 12]
    assert m.x_domain([2023, 2022]) == (pd.Timestamp(2022, 4, 1), pd.Timestamp(2024, 3, 31))


def test_every_reading_item_is_placed_in_its_fiscal_year() -> None:
    items = m.timeline_items(load_dataset("initiatives"))
    expected = reading_timeline()
    assert len(expected) == 30 and len(items) == len(expected)
    for fy, name, month in expected:
        row = items[(items["name_ja"] == name) & (items["fiscal_year"] == fy)]
        assert len(row) == 1, (fy, name)
        row = row.iloc[0]
        start, end = m.x_domain([fy])
        assert start <= row["date"] <= end, (fy, name)  # inside its fiscal year
        if month is None:
            assert not row["month_known"] and row["date"] == start
            assert row["span_start"] == start and row["span_end"] >= end
        else:
            assert row["month_known"] and row["date"].month == month
            assert row["date"].year == (fy if month >= 4 else fy + 1)


def test_the_intensive_maintenance_runs_to_2025() -> None:
    items = m.timeline_items(load_dataset("initiatives")).set_index("initiative_id")
    row = items.loc["facility_intensive_maintenance"]
    assert row["fiscal_year"] == 2023 and not row["month_known"]
    assert row["span_start"] == pd.Timestamp(2023, 4, 1) and row["span_end"] == pd.Timestamp(2026, 3, 31)


def test_items_are_in_date_order_with_undated_first_in_their_year() -> None:
    items = m.timeline_items(load_dataset("initiatives"))
    for _, year in items.groupby("fiscal_year"):
        assert list(year["sort_month"]) == sorted(year["sort_month"])
        assert list(year["date"]) == sorted(year["date"])


# --------------------------------------------------------------------------- filters


def test_filters_by_pillar_year_and_keyword() -> None:
    items = m.timeline_items(load_dataset("initiatives"))
    assert len(m.filter_items(items)) == len(items)
    by_pillar = m.filter_items(items, ["infrastructure"])
    assert set(by_pillar["pillar_id"]) == {"infrastructure"} and len(by_pillar) == 4
    by_year = m.filter_items(items, None, [2024])
    assert set(by_year["fiscal_year"]) == {2024} and len(by_year) == 12
    both = m.filter_items(items, ["citizen_dx"], [2022, 2023])
    assert set(both["pillar_id"]) == {"citizen_dx"} and set(both["fiscal_year"]) == {2022, 2023}


def test_keyword_search_folds_width_and_case_and_reads_details() -> None:
    items = m.timeline_items(load_dataset("initiatives"))
    bpr = m.filter_items(items, query="bpr")  # ＢＰＲ (full width) and BPR, any case
    assert set(bpr["initiative_id"]) == {"bpr_training_managers", "bpr_seven_counter_tasks"}
    assert set(m.filter_items(items, query="AI活用")["initiative_id"]) == {"young_wg_2024"}  # in the detail
    assert set(m.filter_items(items, query="AI 会議録")["initiative_id"]) == {
        "ai_minutes_introduced",
        "ai_minutes_operation",
    }
    assert m.filter_items(items, query="chatbot")["initiative_id"].tolist() == ["chatbot_operation"]
    assert m.filter_items(items, query="存在しない語").empty


def test_named_initiatives_search() -> None:
    named = load_dataset("named_initiatives")
    hits = m.filter_items(named, query="ｄｘ", search=m.NAMED_SEARCH)
    assert set(hits["name_ja"]) == {"介護保険DX", "保育DX"}
    assert len(m.filter_items(named, ["infrastructure"], None, "", search=m.NAMED_SEARCH)) == 5


# --------------------------------------------------------------------------- label packing


def _intervals(packed: pd.DataFrame, domain: tuple[pd.Timestamp, pd.Timestamp], width: float) -> pd.DataFrame:
    total = (domain[1] - domain[0]).total_seconds()

    def px(ts: pd.Timestamp) -> float:
        return (min(max(ts, domain[0]), domain[1]) - domain[0]).total_seconds() / total * width

    rows = []
    for _, r in packed.iterrows():
        x = px(r["date"])
        w = min(m.text_width(r["label"], 12), 210) + 8
        lo, hi = (x - 6, x + w) if r["label_side"] == "right" else (x - w, x + 6)
        if not pd.isna(r["span_start"]):
            lo, hi = min(lo, px(r["span_start"])), max(hi, px(r["span_end"]))
        rows.append((r["pillar_id"], r["row"], lo, hi))
    return pd.DataFrame(rows, columns=["lane", "row", "lo", "hi"])


@pytest.mark.parametrize("width", [600, 1000, 1600])
def test_packed_labels_never_overlap_and_stay_on_the_chart(width: int) -> None:
    items = m.timeline_items(load_dataset("initiatives")).assign(label=lambda d: d["name_ja"])
    domain = m.x_domain([2022, 2023, 2024])
    packed = m.pack_rows(items, domain, width)
    assert len(packed) == len(items)
    spans = _intervals(packed, domain, width)
    for _, cell in spans.groupby(["lane", "row"]):
        cell = cell.sort_values("lo")
        assert (cell["lo"].iloc[1:].to_numpy() >= cell["hi"].iloc[:-1].to_numpy()).all()
    dated = packed["month_known"]
    assert (spans.loc[dated, "hi"] <= width + 6).all()


def test_narrower_charts_need_more_rows() -> None:
    items = m.timeline_items(load_dataset("initiatives")).assign(label=lambda d: d["name_ja"])
    domain = m.x_domain([2022, 2023, 2024])
    rows = [int(m.pack_rows(items, domain, w).groupby("pillar_id")["row"].max().sum()) for w in (2000, 1000, 500)]
    assert rows[0] <= rows[1] < rows[2]


def test_slot_keys_keep_lane_order_and_name_each_lane_once() -> None:
    items = m.timeline_items(load_dataset("initiatives")).assign(label=lambda d: d["name_ja"])
    packed = m.pack_rows(items, m.x_domain([2022, 2023, 2024]), 1000)
    order = ["citizen_dx", "work_efficiency", "infrastructure", "admin_fiscal", "human_resources"]
    names = {p: p.upper() for p in order}
    slotted = m.slot_keys(packed, order, names)
    slots = sorted(slotted["slot"].unique())
    lanes_in_order = [s.split("|", 1)[1] for s in slots if s.split("|", 1)[1]]
    assert lanes_in_order == [names[p] for p in order]
    first = slotted.sort_values("slot").drop_duplicates("pillar_id")
    assert list(first["pillar_id"]) == order
    # every slot belongs to one lane only
    assert slotted.groupby("slot")["pillar_id"].nunique().max() == 1
