"""Overview figures (概要): the headline cards, the pillars' summary and the timeline of initiatives.

Pure pandas: the view hands in the datasets, these functions compute. Every
figure a headline card shows comes from here, so the cards are never typed by
hand and a test can hold each one against the report.

Timeline conventions. The report dates its initiatives by fiscal year (年度,
April–March) and month; a fiscal-year month ``m`` falls in calendar year
``fy`` for April–December and ``fy + 1`` for January–March. A dated item is
placed in the middle of its month. Items printed without a month are placed
at the start of their fiscal year and carry a span over the whole fiscal year
("some time in this year"), so the chart can mark them as undated rather than
pretend to know the month. An item that runs on (集中保全 「～2025」) carries a
span to the end of the printed year's fiscal year, cut at the chart's edge.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.metrics import survey as survey_metrics
from dashboard.metrics.facilities import CountChange, count_change

FY_FIRST_MONTH = 4  # 年度 starts in April
PROGRESS_QUESTION = "reform_progress"
CONTINUE_QUESTION = "reform_continue"


# --------------------------------------------------------------------------- headline cards


@dataclass(frozen=True)
class PopulationHeadline:
    """The city's projection from its base year to its last year (report: 「市の将来推計人口」)."""

    base_year: int
    base: int
    end_year: int
    end: int
    end_index: int  # the printed index (base year = 100)
    source_id: str
    page: int | None  # a verified report page; None when unverified (the report's text has none)
    section: str | None = None  # the report section (report_sections id) the figure is printed under

    @property
    def ratio_pct(self) -> float:
        """The last value in percent of the base, computed (checks the printed index)."""
        return self.end / self.base * 100


@dataclass(frozen=True)
class HoursHeadline:
    """Staff working hours saved between two fiscal years (report: results sections), in 万時間."""

    start_year: int
    end_year: int
    start: float
    end: float
    reduction: float  # printed change (negative = saved)
    reduction_pct: float  # printed change in percent
    source_id: str
    page: int | None  # a verified report page; None when unverified (the report's text has none)
    section: str | None = None  # the report section (report_sections id) the figure is printed under

    @property
    def computed_reduction(self) -> float:
        """End minus start, computed from the two printed totals."""
        return self.end - self.start

    @property
    def computed_pct(self) -> float:
        """The computed change in percent of the start."""
        return self.computed_reduction / self.start * 100


@dataclass(frozen=True)
class FacilitiesHeadline:
    """Public facilities, first → last published count (report: results sections)."""

    change: CountChange
    source_id: str
    page: int | None  # a verified report page; None when unverified (the report's text has none)
    towards_years: tuple[int, ...]  # years printed without a count (「最適な施設数へ」)
    section: str | None = None  # the report section (report_sections id) the figure is printed under


@dataclass(frozen=True)
class OnlineHeadline:
    """Online applications (report: results sections): the multiple of the pre-reform level, the yearly count and the rate."""

    multiple: float
    per_year: float
    rate_pct: float
    as_of: str | None
    source_id: str
    page: int | None  # a verified report page; None when unverified (the report's text has none)
    section: str | None = None  # the report section (report_sections id) the figure is printed under


@dataclass(frozen=True)
class SurveyHeadline:
    """The staff survey's two headline shares (report: 「構造改革に着手して３年」), latest wave, whole staff."""

    wave: str
    survey_date: str
    progress_pct: float
    continue_pct: float
    source_id: str
    page: int | None  # a verified report page; None when unverified (the report's text has none)
    section: str | None = None  # the report section (report_sections id) the figure is printed under


Headline = PopulationHeadline | HoursHeadline | FacilitiesHeadline | OnlineHeadline | SurveyHeadline
"""Any headline card's figures (each carries its source, section and verified page)."""


def _page(row: pd.Series) -> int | None:
    """A row's verified report page, or None (most rows carry none: the report's text has no page numbers)."""
    page = row.get("page")
    return None if page is None or pd.isna(page) else int(page)


def _section(row: pd.Series) -> str | None:
    """A row's report section id, or None (rows from other sources or staff imports may have none)."""
    section = row.get("section")
    return None if section is None or pd.isna(section) else str(section)


def _one(df: pd.DataFrame, what: str) -> pd.Series:
    if len(df) != 1:
        raise ValueError(f"{what}: expected one row, found {len(df)}")
    return df.iloc[0]


def population_headline(outlook: pd.DataFrame) -> PopulationHeadline:
    """First and last year of ``population_outlook`` with the printed index of the last."""
    rows = outlook.sort_values("year")
    if len(rows) < 2:
        raise ValueError("the outlook needs two years")
    first, last = rows.iloc[0], rows.iloc[-1]
    return PopulationHeadline(
        int(first["year"]),
        int(first["population"]),
        int(last["year"]),
        int(last["population"]),
        int(last["index_2020"]),
        str(last["source_id"]),
        _page(last),
        _section(last),
    )


def hours_headline(kpis: pd.DataFrame) -> HoursHeadline:
    """Working hours of the first and last fiscal year and the printed reduction between them (``dx_kpis``)."""
    hours = kpis[kpis["kpi_id"] == "working_hours"].sort_values("year")
    if len(hours) < 2:
        raise ValueError("working_hours needs two fiscal years")
    reduction = _one(kpis[kpis["kpi_id"] == "working_hours_reduction"], "working_hours_reduction")
    rate = _one(kpis[kpis["kpi_id"] == "working_hours_reduction_rate"], "working_hours_reduction_rate")
    first, last = hours.iloc[0], hours.iloc[-1]
    return HoursHeadline(
        int(first["year"]),
        int(last["year"]),
        float(first["value"]),
        float(last["value"]),
        float(reduction["value"]),
        float(rate["value"]),
        str(reduction["source_id"]),
        _page(reduction),
        _section(reduction),
    )


def facilities_headline(counts: pd.DataFrame) -> FacilitiesHeadline:
    """First → last published count of ``facility_counts`` and the years printed without one."""
    change = count_change(counts)
    actual = counts[(counts["status"] == "actual") & (counts["year"] == change.end_year)]
    last = _one(actual, f"facility count {change.end_year}")
    towards = tuple(int(y) for y in counts.loc[counts["facilities"].isna(), "year"].sort_values())
    return FacilitiesHeadline(change, str(last["source_id"]), _page(last), towards, _section(last))


def online_headline(kpis: pd.DataFrame) -> OnlineHeadline:
    """The three online-application figures of ``dx_kpis`` (latest period of each)."""
    latest = kpis.sort_values(["year", "period"]).groupby("kpi_id").tail(1).set_index("kpi_id")
    missing = {"online_growth_vs_before", "online_applications", "online_application_rate"} - set(latest.index)
    if missing:
        raise ValueError(f"missing KPIs: {sorted(missing)}")
    per_year = latest.loc["online_applications"]
    as_of = per_year["as_of"]
    return OnlineHeadline(
        float(latest.loc["online_growth_vs_before", "value"]),
        float(per_year["value"]),
        float(latest.loc["online_application_rate", "value"]),
        None if pd.isna(as_of) else str(as_of),
        str(per_year["source_id"]),
        _page(per_year),
        _section(per_year),
    )


def survey_headline(survey: pd.DataFrame) -> SurveyHeadline:
    """The share seeing progress and the share wanting the reform continued, latest wave, whole staff.

    Goes through :func:`metrics.survey.headline`, so a full survey (counts on
    a Likert scale) gives the favourable share the same way the published
    shares give themselves.
    """
    figures = survey_metrics.headline(survey_metrics.distribution(survey))
    whole = figures[(figures["group_dim"] == survey_metrics.ALL) & (figures["group_value"] == survey_metrics.ALL)]
    # Each question from the latest wave that asked it: a later wave need not repeat both.
    latest: dict[str, pd.Series] = {}
    for question in (PROGRESS_QUESTION, CONTINUE_QUESTION):
        asked = whole[whole["question_id"] == question].sort_values("wave")
        if asked.empty:
            raise ValueError(f"no wave asked {question}")
        latest[question] = asked.iloc[-1]
    progress = latest[PROGRESS_QUESTION]
    return SurveyHeadline(
        str(progress["wave"]),
        str(progress["survey_date"]),
        float(progress["share"]),
        float(latest[CONTINUE_QUESTION]["share"]),
        str(progress["source_id"]),
        _page(progress),
        _section(progress),
    )


def population_series(outlook: pd.DataFrame) -> list[float]:
    """The outlook's populations in year order: the population card's small chart."""
    return [float(v) for v in outlook.sort_values("year")["population"].dropna()]


def hours_series(kpis: pd.DataFrame) -> list[float]:
    """The printed working-hours totals (万時間) in fiscal-year order: the hours card's small chart."""
    hours = kpis[kpis["kpi_id"] == "working_hours"].sort_values("year")
    return [float(v) for v in hours["value"].dropna()]


def facilities_series(counts: pd.DataFrame) -> list[float]:
    """The published facility counts in year order (years printed without a count left out)."""
    actual = counts[counts["status"] == "actual"].dropna(subset=["facilities"]).sort_values("year")
    return [float(v) for v in actual["facilities"]]


# --------------------------------------------------------------------------- pillars


def pillar_summary(pillars: pd.DataFrame, definitions: pd.DataFrame, initiatives: pd.DataFrame) -> pd.DataFrame:
    """The pillars in order with the KPIs assigned to each and the number of timeline initiatives.

    Adds ``kpi_ids``, ``kpi_names_ja``, ``kpi_names_en`` (lists, in the KPIs'
    order), ``n_kpis`` and ``n_initiatives``. The assignment is the
    dashboard's own classification (``kpi_definitions.pillar_id``).
    """
    defs = definitions.sort_values("order")
    counts = initiatives.groupby("pillar_id").size()
    out = pillars.sort_values("order").reset_index(drop=True).copy()
    mine = [defs[defs["pillar_id"] == pid] for pid in out["pillar_id"]]
    out["kpi_ids"] = [list(d["kpi_id"]) for d in mine]
    out["kpi_names_ja"] = [list(d["name_ja"]) for d in mine]
    out["kpi_names_en"] = [list(d["name_en"]) for d in mine]
    out["n_kpis"] = [len(d) for d in mine]
    out["n_initiatives"] = [int(counts.get(pid, 0)) for pid in out["pillar_id"]]
    return out


# --------------------------------------------------------------------------- timeline


def calendar_year(fiscal_year: int, month: int) -> int:
    """The calendar year of month ``month`` of fiscal year ``fiscal_year`` (January–March: the next year)."""
    return fiscal_year if month >= FY_FIRST_MONTH else fiscal_year + 1


def fiscal_year_start(fiscal_year: int) -> date:
    """1 April of the fiscal year."""
    return date(fiscal_year, FY_FIRST_MONTH, 1)


def fiscal_year_end(fiscal_year: int) -> date:
    """31 March of the next calendar year."""
    return date(fiscal_year + 1, FY_FIRST_MONTH - 1, 31)


def fiscal_month_position(month: int) -> int:
    """Position of a month within the fiscal year: April = 1 … March = 12."""
    return (month - FY_FIRST_MONTH) % 12 + 1


def timeline_items(initiatives: pd.DataFrame) -> pd.DataFrame:
    """The ``initiatives`` rows with their place on a calendar axis, in date order.

    Adds ``month_known``, ``date`` (mid-month, or the fiscal year's start when
    no month is printed), ``span_start``/``span_end`` (the whole fiscal year
    for undated items, to the end of ``until_year``'s fiscal year for items
    that run on; NaT otherwise) and ``sort_month`` (April = 1 … March = 12,
    0 for undated items, which sort first in their year).
    """
    df = initiatives.copy()
    known = df["month"].notna()
    dates, starts, ends, order = [], [], [], []
    for fy, month, until, has_month in zip(df["fiscal_year"], df["month"], df["until_year"], known, strict=True):
        fy = int(fy)
        if has_month:
            m = int(month)
            dates.append(pd.Timestamp(calendar_year(fy, m), m, 15))
            order.append(fiscal_month_position(m))
        else:
            dates.append(pd.Timestamp(fiscal_year_start(fy)))
            order.append(0)
        if not pd.isna(until):
            starts.append(dates[-1])
            ends.append(pd.Timestamp(fiscal_year_end(int(until))))
        elif not has_month:
            starts.append(pd.Timestamp(fiscal_year_start(fy)))
            ends.append(pd.Timestamp(fiscal_year_end(fy)))
        else:
            starts.append(pd.NaT)
            ends.append(pd.NaT)
    df["month_known"] = known
    df["date"] = pd.to_datetime(dates)
    df["span_start"] = pd.to_datetime(starts)
    df["span_end"] = pd.to_datetime(ends)
    df["sort_month"] = order
    return df.sort_values(["fiscal_year", "sort_month", "initiative_id"]).reset_index(drop=True)


def normalise(text: object) -> str:
    """Text folded for search: NFKC (全角ＢＰＲ = BPR) and case-folded; missing → ''."""
    if text is None or (isinstance(text, float) and pd.isna(text)) or text is pd.NA:
        return ""
    return unicodedata.normalize("NFKC", str(text)).casefold()


def keyword_mask(df: pd.DataFrame, query: str | None, columns: Sequence[str]) -> pd.Series:
    """Rows whose ``columns`` together contain every whitespace-separated term of ``query`` (all rows if blank)."""
    terms = normalise(query).split()
    if not terms:
        return pd.Series(True, index=df.index)
    haystack = pd.Series("", index=df.index)
    for col in columns:
        haystack = haystack + " " + df[col].map(normalise)
    return haystack.map(lambda text: all(term in text for term in terms)).astype(bool)


TIMELINE_SEARCH = ("name_ja", "name_en", "detail_ja", "detail_en")
NAMED_SEARCH = ("name_ja", "name_en")


def filter_items(
    items: pd.DataFrame,
    pillar_ids: Iterable[str] | None = None,
    fiscal_years: Iterable[int] | None = None,
    query: str | None = None,
    search: Sequence[str] = TIMELINE_SEARCH,
) -> pd.DataFrame:
    """The items of the chosen pillars and fiscal years matching the keywords; empty choices mean all."""
    mask = keyword_mask(items, query, search)
    pillar_ids = list(pillar_ids or [])
    if pillar_ids:
        mask &= items["pillar_id"].isin(pillar_ids)
    years = [int(y) for y in (fiscal_years or [])]
    if years and "fiscal_year" in items.columns:
        mask &= items["fiscal_year"].isin(years)
    return items[mask].reset_index(drop=True)


def x_domain(fiscal_years: Iterable[int]) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The calendar span of the chosen fiscal years: 1 April of the first → 31 March after the last."""
    years = sorted(int(y) for y in fiscal_years)
    if not years:
        raise ValueError("no fiscal year")
    return pd.Timestamp(fiscal_year_start(years[0])), pd.Timestamp(fiscal_year_end(years[-1]))


def fiscal_year_bands(fiscal_years: Iterable[int]) -> pd.DataFrame:
    """One row per fiscal year: ``fiscal_year``, ``start``, ``end``, ``shade`` (alternating 0/1 for the background)."""
    years = sorted({int(y) for y in fiscal_years})
    return pd.DataFrame(
        {
            "fiscal_year": years,
            "start": [pd.Timestamp(fiscal_year_start(y)) for y in years],
            "end": [pd.Timestamp(fiscal_year_end(y)) for y in years],
            "shade": [i % 2 for i in range(len(years))],
        }
    )


def text_width(text: str, font_px: float) -> float:
    """Estimated width of a label: wide (CJK) characters are one em, others about 0.6 em."""
    return sum(font_px if unicodedata.east_asian_width(ch) in ("W", "F") else 0.6 * font_px for ch in text)


def pack_rows(
    items: pd.DataFrame,
    domain: tuple[pd.Timestamp, pd.Timestamp],
    width_px: float,
    *,
    label: str = "label",
    lane: str = "pillar_id",
    font_px: float = 12.0,
    max_label_px: float = 210.0,
    gap_px: float = 10.0,
) -> pd.DataFrame:
    """Rows within each lane so that no two labels (or spans) overlap on a chart ``width_px`` wide.

    Adds ``row`` (0, 1, … within the lane) and ``label_side`` (``right`` of the
    marker, or ``left`` where a right-hand label would run off the chart).
    Greedy interval packing in date order: an item goes to the first row
    whose last occupant ends before it starts.
    """
    start, end = domain
    total = (end - start).total_seconds()
    if total <= 0 or width_px <= 0:
        raise ValueError("empty domain or width")

    def px(ts: pd.Timestamp) -> float:
        return (min(max(ts, start), end) - start).total_seconds() / total * width_px

    rows, sides = [], []
    out = items.sort_values(["date", "initiative_id"]).reset_index(drop=True)
    ends_by_lane: dict[str, list[float]] = {}
    for _, item in out.iterrows():
        x = px(item["date"])
        w = min(text_width(str(item[label]), font_px), max_label_px) + 8
        side = "right" if x + w <= width_px else "left"
        lo, hi = (x - 6, x + w) if side == "right" else (x - w, x + 6)
        if not pd.isna(item["span_start"]):
            lo, hi = min(lo, px(item["span_start"])), max(hi, px(item["span_end"]))
        lane_ends = ends_by_lane.setdefault(str(item[lane]), [])
        for row, occupied in enumerate(lane_ends):
            if lo >= occupied + gap_px:
                lane_ends[row] = hi
                break
        else:
            row = len(lane_ends)
            lane_ends.append(hi)
        rows.append(row)
        sides.append(side)
    out["row"] = rows
    out["label_side"] = sides
    return out


def slot_keys(
    packed: pd.DataFrame, lane_order: Sequence[str], lane_labels: dict[str, str], lane: str = "pillar_id"
) -> pd.DataFrame:
    """A sortable y key per (lane, row): ``"007|name"`` for a lane's first row, ``"008|"`` for the others.

    The number keeps lanes in ``lane_order`` and rows in order when sorted as
    text; the text after ``|`` is what the axis prints (the lane's name once).
    Returns ``packed`` with ``slot`` (the key) and ``lane_label``.
    """
    offsets, running = {}, 0
    for lane_id in lane_order:
        offsets[lane_id] = running
        rows = packed.loc[packed[lane] == lane_id, "row"]
        running += int(rows.max()) + 1 if len(rows) else 0
    out = packed.copy()
    out["lane_label"] = [lane_labels[p] for p in out[lane]]
    out["slot"] = [
        f"{offsets[p] + int(r):03d}|{lane_labels[p] if int(r) == 0 else ''}"
        for p, r in zip(out[lane], out["row"], strict=True)
    ]
    return out
