"""Overview screen (概要), the default page: the reform's story on one screen.

Sections (each guarded, so one failing part never hides the others):

1. the context strip: the five challenges and the four Well-Being goals (the report's 「市の現状」 and 「行政経営の方向性」);
2. five headline cards computed by ``metrics.overview`` (population, working hours,
   facilities, online applications, staff survey), each with its source and a
   link to its page;
3. the five pillars with their aims and KPIs; each links to the DX KPI page
   filtered by it (``/dx?dx_pillar=<pillar_id>``);
4. the timeline 構造改革の歩み with filters by pillar, fiscal year and keyword
   (``?ov_pillar=``, ``?ov_fy=``, ``?ov_q=``) and the searchable list of the
   other initiatives the report names.

The layout is made for a 1920×1080 screen: cards, pillars and the timeline fit
on it; on a 4K hall display everything is drawn twice as large.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard.charts.overview import LABEL_LIMIT, LABEL_PX, timeline_chart
from dashboard.charts.theme import PILLAR_COLOURS
from dashboard.data import DataError, provenance
from dashboard.i18n import language, localized, t
from dashboard.i18n.format import (
    fiscal_year_label,
    fmt_change,
    fmt_number,
    fmt_toned_change,
    fmt_value,
    wareki,
    year_month_label,
)
from dashboard.metrics import overview as m
from dashboard.metrics.dx import direction_tone
from dashboard.views import cache, present
from dashboard.views.components import (
    DELTA_COLOURS,
    Source,
    data_block,
    dataset_source,
    guarded,
    on_demand,
    pages_of,
    quote_text,
    report_quotes,
    report_sentences,
    section,
    section_text,
    sections_of,
    slide,
    source_caption,
    updated_caption,
)
from dashboard.views.dx import PILLAR_PARAM
from dashboard.views.safe import plain, plain_all

PAGES = {
    "population": "pages/population.py",
    "dx": "pages/dx.py",
    "facilities": "pages/facilities.py",
    "survey": "pages/survey.py",
}
PILLAR_KEY = "ov_pillar"
FY_KEY = "ov_fy"
QUERY_KEY = "ov_q"
# Plot width the timeline's labels are packed for: the chart's width on a 1920 px
# screen (4K draws the same layout twice as large, so it holds there too).
TIMELINE_WIDTH_PX = 1000
# In presentation mode the timeline takes the full width and its type is scaled up (present.chart_spec).
TIMELINE_WIDTH_PRESENT_PX = 1450
# st.metric's named colours closest to the theme's GOOD (blue) and BAD (vermillion), as on the DX page.
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


# Outside presentation mode the page keeps the frame's padding (a compact top for every page is set in
# .streamlit/config.toml, theme.paddingTop). Streamlit applies a page's styles only once its run has
# ended, after the first screen is drawn, so a rule that changes a size there moves what lies below
# it: the verdict, the results line and the cards take Streamlit's own sizes (the cards' spacing from
# their containers' ``gap``), and only gaps inside the timeline's box are tightened here, so that the
# first 1920×1080 screen holds the verdict, the results line, the cards and the timeline's start.
_SCREEN_CSS = """
.st-key-ov_cards [data-testid="stMetricChart"] { margin-top: 0.25rem !important; }
.st-key-ov_timeline_box, .st-key-ov_timeline_box [data-testid="stVerticalBlock"] { gap: 0.2rem !important; }
.st-key-ov_timeline_box h2 { padding-top: 0.1rem !important; padding-bottom: 0.1rem !important; }
.st-key-ov_timeline_box { padding-top: 0.6rem !important; }
"""
# Presenting, the five pillars share one slide: tighter boxes.
_PRESENT_CSS = """
[class*="st-key-ov_pillar_"] { padding: 0.4rem 0.9rem !important; gap: 0 !important; }
"""
# On a phone the timeline keeps a readable width and scrolls sideways inside its box
# (the page itself never does); the table view is the other way to read it there.
_PHONE_CSS = """
@media (max-width: 640px) {
  .st-key-ov_timeline_box [data-testid="stFullScreenFrame"] { overflow-x: auto; }
  .st-key-ov_timeline_box [data-testid="stVegaLiteChart"] { width: 1000px !important; }
}
"""


# On paper the timeline takes the sheet's whole width (at most the sheet's width at the print scale),
# the pillars follow it: in the screen's three-quarter column its labels printed at about 6 pt.
_PRINT_CSS = """
@media print {
  [data-testid="stHorizontalBlock"]:has(.st-key-ov_timeline_box) { flex-direction: column-reverse !important; }
  [data-testid="stHorizontalBlock"]:has(.st-key-ov_timeline_box) > [data-testid="stColumn"] {
    width: 100% !important; flex: 1 1 auto !important;
  }
  /* No wider than the sheet (a chart redrawn for a wider window would be shrunk to fit, its type with it). */
  .st-key-ov_timeline_box [data-testid="stVegaLiteChart"] { max-width: 1120px !important; }
}
"""


def _page_css() -> str:
    """Static styles of this page (no data in them): compact top, card figures, pillar colours, 4K scale.

    The pillar colours come from the theme's constants (checked to be hex
    colours), keyed by the theme's pillar ids, never from the datasets.
    Presentation mode brings its own sizes, so the compact top and the 4K
    scale apply only outside it.
    """
    pillar_rules = "\n".join(
        f".st-key-ov_pillar_{pid} {{ border-left: 6px solid {colour} !important; }}"
        for pid, colour in PILLAR_COLOURS.items()
        if pid.isidentifier() and _HEX.match(colour)
    )
    screen = _PRESENT_CSS if present.active() else _SCREEN_CSS
    return f"""
<style>
{screen}
{_PHONE_CSS}
{_PRINT_CSS}
/* Card figures as large as on every other page (36 px at 1920×1080), wrapped rather than cut. */
.st-key-ov_cards [data-testid="stMetricValue"] {{ font-size: 2.25rem; line-height: 1.15; }}
.st-key-ov_cards [data-testid="stMetricValue"] *, .st-key-ov_cards [data-testid="stMetricDelta"] * {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}}
.st-key-ov_cards [data-testid="stMetricLabel"] p {{ font-weight: 600; }}
[class*="st-key-ov_context"] p {{ font-size: 0.9rem; }}
{pillar_rules}
/* The KPI names of a pillar: two lines, the whole list in the tooltip and on the DX page. */
[class*="st-key-ov_kpis_"] [data-testid="stCaptionContainer"] p {{
  display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden;
}}
</style>
"""


# --------------------------------------------------------------------------- small formatting helpers


def _fy_short(year: int) -> str:
    """A fiscal year in a card: R4 (Japanese, as the report writes it) or FY2022."""
    return wareki(year) if language() == "ja" else t("fy.short", year=year)


def _from_to(start: float, end: float, unit: str) -> str:
    """``332,931 → 175,940人``: two counts, the unit once."""
    return f"{fmt_number(start)} → {fmt_value(end, unit, 0)}"


def _link(page: str, label: str, params: dict[str, str] | None = None, help_text: str | None = None) -> None:
    """A link to another page; presentation mode and the language travel with it."""
    query = {**present.carry_params(), **(params or {})}
    st.page_link(PAGES[page], label=label, icon=":material/arrow_forward:", query_params=query or None, help=help_text)


# --------------------------------------------------------------------------- section 0: the report's verdict


def _verdict() -> None:
    """The report's own verdict, word for word, before any figure: its opening and its closing lines.

    The city's review calls the reform 「道半ば」 (half-way); the overview
    opens with that, beside the title, so the figures below are read in the
    report's own tone and the story still fits one full-HD screen.
    """
    rows = report_sentences("overview", ("verdict",))
    if rows.empty:
        return
    with st.container(border=True, key="ov_verdict", gap="xxsmall"):
        lines = [
            t("overview.verdict.sep").join(plain(quote_text(r)) for _, r in part.iterrows())
            for _, part in rows.groupby("section", sort=False)
        ]
        lines[0] = f"**{t('overview.verdict.heading')}**{t('overview.verdict.sep')}{lines[0]}"
        st.markdown("  \n".join(lines))
        source_caption(dataset_source("report_context", rows=rows, timeless=True))


def _results_line() -> None:
    """One line of the reform's results, computed from the data (never typed): hours, facilities, online, survey.

    Each part is the same figure its card shows below, with its own tone word, so the line and the
    cards can never disagree. A part whose data cannot be read is left out (its card says why).
    """
    parts = [
        text for text in (_part(build) for build in (_hours_part, _facilities_part, _online_part, _survey_part)) if text
    ]
    if not parts:
        return
    kpis = cache.dataset("dx_kpis")
    hours = m.hours_headline(kpis)
    period = t("overview.span.fiscal", start=fiscal_year_label(hours.start_year), end=fiscal_year_label(hours.end_year))
    with st.container(key="ov_results"):
        st.markdown(t("overview.results.line", period=period, parts=t("overview.results.sep").join(parts)))


def _part(build: Callable[[], str]) -> str | None:
    """One part of the results line, or None when its data are missing or damaged."""
    try:
        return build()
    except (DataError, ValueError, KeyError):
        return None


def _hours_part() -> str:
    hours = m.hours_headline(cache.dataset("dx_kpis"))
    tone = direction_tone(hours.reduction, str(_directions().get("working_hours", "")))
    return t(
        "overview.results.hours",
        change=fmt_change(hours.reduction, "hours_10k", 1),
        pct=fmt_toned_change(hours.reduction_pct, "percent", tone, 1),
    )


def _facilities_part() -> str:
    change = m.facilities_headline(cache.dataset("facility_counts")).change
    return t("overview.results.facilities", change=fmt_change(change.change, "facilities", 0))


def _online_part() -> str:
    online = m.online_headline(cache.dataset("dx_kpis"))
    return t("overview.results.online", multiple=fmt_value(online.multiple, "ratio"))


def _survey_part() -> str:
    answers = cache.dataset("staff_survey")
    survey = cache.derived(m.survey_headline, answers)
    questions = answers.drop_duplicates("question_id").set_index("question_id")
    return t(
        "overview.results.survey",
        pct=fmt_value(round(survey.progress_pct), "percent"),
        question=plain(localized(questions.loc[m.PROGRESS_QUESTION], "question")),
    )


# --------------------------------------------------------------------------- section 1: context


def _context_frames() -> dict[str, pd.DataFrame]:
    """``report_context`` split by kind (challenge, wellbeing_goal, vision, mission), each in order."""
    context = cache.dataset("report_context").sort_values(["kind", "order"])
    return {str(kind): rows for kind, rows in context.groupby("kind")}


def _numbered(rows: pd.DataFrame | None) -> str:
    """``1. 人口減少・少子高齢化　2. 担い手不足 …`` (data text, shown as Markdown, never as HTML)."""
    if rows is None:
        return ""
    return t("overview.list.sep").join(f"{int(r['order'])}. {plain(localized(r, 'name'))}" for _, r in rows.iterrows())


def _context_strip() -> None:
    """The five challenges and four Well-Being goals, one line each, side by side."""
    frames = _context_frames()
    left, right = st.columns([11, 9], gap="medium")
    with left, st.container(key="ov_context"):
        st.markdown(
            f"**{t('overview.context.challenges')}**{t('overview.list.sep')}{_numbered(frames.get('challenge'))}"
        )
    with right, st.container(key="ov_context_goals"):
        st.markdown(
            f"**{t('overview.context.goals')}**{t('overview.list.sep')}{_numbered(frames.get('wellbeing_goal'))}"
        )


def _context_details() -> None:
    """The challenges with their details, the goals, the vision and the missions (report sections 「市の現状」「行政経営の方向性」)."""
    frames = _context_frames()
    st.header(t("overview.context.more"), anchor=False)
    for _, row in frames.get("challenge", pd.DataFrame()).iterrows():
        st.markdown(f"{int(row['order'])}. **{plain(localized(row, 'name'))}** — {plain(localized(row, 'detail'))}")
    st.markdown(f"**{t('overview.context.goals')}**{t('overview.list.sep')}{_numbered(frames.get('wellbeing_goal'))}")
    for kind, key in (("vision", "overview.context.vision"), ("mission", "overview.context.missions")):
        rows = frames.get(kind)
        if rows is not None and len(rows):
            st.markdown(
                f"**{t(key)}**{t('overview.list.sep')}"
                + t("overview.list.sep").join(
                    t("overview.context.item", name=plain(localized(r, "name")), detail=plain(localized(r, "detail")))
                    for _, r in rows.iterrows()
                )
            )
    context = pd.concat([frames[k] for k in ("challenge", "wellbeing_goal", "vision", "mission") if k in frames])
    source_caption(Source([_source_of(context, "report_context")], sections_of(context), pages=pages_of(context)))
    report_quotes(report_sentences("overview"), lead=t("overview.context.claims"))


def _source_of(df: pd.DataFrame, dataset: str) -> str:
    """The source id of a dataset's rows (else the one its metadata declares)."""
    return str(df["source_id"].iloc[0]) if "source_id" in df.columns and len(df) else provenance(dataset).source_id


# --------------------------------------------------------------------------- section 2: headline cards


def _cited(head: m.Headline) -> tuple[str, ...]:
    """The report section a headline figure is printed under (none for a staff-imported wave)."""
    return (head.section,) if head.section else ()


def _card(
    col: DeltaGenerator,
    *,
    label: str,
    value: str,
    source: Source,
    link: tuple[str, dict[str, str] | None],
    delta: str | None = None,
    tone: str = "neutral",
    chart: Sequence[float] = (),
    lines: Sequence[str] = (),
    help_text: str | None = None,
) -> None:
    """One headline card: the figure, its change in words, a small chart of its series, source and as-of, link.

    No arrow: the change is written in words (減／増, 改善／悪化) and coloured by its tone. The small
    chart is drawn only where the data hold a series (two points or more).
    """
    with col, st.container(border=True, height="stretch", gap="xxsmall"):
        st.metric(
            label,
            value,
            delta=delta,
            delta_color=DELTA_COLOURS[tone],
            delta_arrow="off",
            help=help_text,
            chart_data=list(chart) if len(chart) >= 2 else None,
            chart_type="line",
        )
        for line in lines:
            st.caption(line)
        source_caption(source)
        page, params = link
        _link(page, t("overview.card.more", page=t(f"nav.{page}")), params)


def _directions() -> pd.Series:
    """Each KPI's desired direction (``higher_better``/``lower_better``), by kpi_id."""
    return cache.dataset("kpi_definitions").set_index("kpi_id")["direction"]


def _population_card(col: DeltaGenerator) -> None:
    """The projection's last year, the change from the census year in words, and the outlook as a small chart."""
    outlook = cache.dataset("population_outlook")
    head = m.population_headline(outlook)
    change = head.end - head.base
    _card(
        col,
        label=t("overview.card.population", start=head.base_year, end=head.end_year),
        value=fmt_value(head.end, "persons", 0),
        delta=t(
            "overview.card.population_delta",
            base=head.base_year,
            change=fmt_change(change, "persons", 0),
            pct=fmt_change(change / head.base * 100, "percent", 1),
        ),
        chart=m.population_series(outlook),
        lines=[
            t(
                "overview.card.population_line",
                start=head.base_year,
                end=head.end_year,
                before=fmt_value(head.base, "persons", 0),
                after=fmt_value(head.end, "persons", 0),
                index=head.end_index,
            )
        ],
        # The report's own headline for this projection, word for word (the population page leads with it).
        help_text="\n\n".join(
            t("overview.card.report_headline", quote=plain(quote_text(r)))
            for _, r in report_sentences("population").iterrows()
        )
        or None,
        source=Source(
            [head.source_id], _cited(head), t("overview.span.years", start=head.base_year, end=head.end_year)
        ),
        link=("population", None),
    )


def _hours_card(col: DeltaGenerator) -> None:
    """Working hours saved between the first and last fiscal year, as printed, in words (23.5万時間減, 4.5％減)."""
    kpis = cache.dataset("dx_kpis")
    head = m.hours_headline(kpis)
    start, end = _fy_short(head.start_year), _fy_short(head.end_year)
    tone = direction_tone(head.reduction, str(_directions().get("working_hours", "")))
    _card(
        col,
        label=t("overview.card.hours", start=start, end=end),
        value=fmt_change(head.reduction, "hours_10k", 1),
        delta=fmt_toned_change(head.reduction_pct, "percent", tone, 1),
        chart=m.hours_series(kpis),
        lines=[
            t(
                "overview.card.hours_line",
                start=start,
                end=end,
                before=fmt_value(head.start, "hours_10k", 1),
                after=fmt_value(head.end, "hours_10k", 1),
            )
        ],
        tone=tone,
        source=Source(
            [head.source_id],
            _cited(head),
            t("overview.span.fiscal", start=fiscal_year_label(head.start_year), end=fiscal_year_label(head.end_year)),
        ),
        link=("dx", {PILLAR_PARAM: "work_efficiency"}),
    )


def _facilities_card(col: DeltaGenerator) -> None:
    """Public facilities: the last published count, the change in words (derived) and the counts as a small chart."""
    counts = cache.dataset("facility_counts")
    head = m.facilities_headline(counts)
    c = head.change
    towards = counts[counts["year"].isin(head.towards_years)]
    tone = direction_tone(c.change, str(_directions().get("facility_count", "")))
    _card(
        col,
        label=t("overview.card.facilities", start=c.start_year, end=c.end_year),
        value=fmt_value(c.end, "facilities", 0),
        delta=t(
            "overview.card.facilities_delta",
            base=c.start_year,
            change=fmt_change(c.change, "facilities", 0),
            pct=fmt_toned_change(c.change_pct, "percent", tone, 1),
        ),
        chart=m.facilities_series(counts),
        tone=tone,
        lines=[
            t("overview.card.facilities_line", start=c.start_year, before=fmt_value(c.start, "facilities", 0)),
            *(plain(localized(r, "label")) for _, r in towards.iterrows()),  # printed without a count
        ],
        source=Source(
            [head.source_id], _cited(head), t("overview.span.years", start=c.start_year, end=c.end_year), derived=True
        ),
        link=("facilities", None),
    )


def _online_card(col: DeltaGenerator) -> None:
    """Online applications: the multiple of the pre-reform level, the yearly count and the rate."""
    head = m.online_headline(cache.dataset("dx_kpis"))
    _card(
        col,
        label=t("overview.card.online"),
        value=fmt_value(head.multiple, "ratio"),
        lines=[
            t(
                "overview.card.online_note",
                per_year=fmt_value(head.per_year, "applications_per_year"),
                rate=fmt_value(head.rate_pct, "percent"),
            )
        ],
        source=Source([head.source_id], _cited(head), head.as_of),
        link=("dx", {PILLAR_PARAM: "citizen_dx"}),
    )


def _survey_card(col: DeltaGenerator) -> None:
    """The staff survey's two headline shares."""
    survey = cache.dataset("staff_survey")
    head = cache.derived(m.survey_headline, survey)
    questions = survey.drop_duplicates("question_id").set_index("question_id")
    shares = ((m.PROGRESS_QUESTION, head.progress_pct), (m.CONTINUE_QUESTION, head.continue_pct))
    year, month = (int(p) for p in head.survey_date.split("-")[:2])
    # The statements in full, as asked (never shortened: 「着実に」 is part of what staff answered).
    _card(
        col,
        label=t("overview.card.survey", when=year_month_label(year, month)),
        value=" / ".join(fmt_value(round(pct), "percent") for _, pct in shares),
        lines=[
            t(
                "overview.card.survey_line",
                pct=fmt_value(round(pct), "percent"),
                question=plain(localized(questions.loc[q], "question")),
            )
            for q, pct in shares
        ],
        help_text=t("overview.card.survey_share"),
        source=Source([head.source_id], _cited(head), head.survey_date),
        link=("survey", None),
    )


def _cards_section() -> None:
    """The five headline cards in one row (they stack on a phone)."""
    with st.container(key="ov_cards"):
        cols = st.columns(5, gap="small")
        cards = [
            ("overview.population", _population_card),
            ("overview.hours", _hours_card),
            ("overview.facilities", _facilities_card),
            ("overview.online", _online_card),
            ("overview.survey", _survey_card),
        ]
        for col, (section, draw) in zip(cols, cards, strict=True):
            with col, guarded(section):
                draw(col)


# --------------------------------------------------------------------------- section 3: pillars


def _pillars_column() -> None:
    """The five pillars, stacked: name (a link to the DX page filtered by it), aims, KPIs and initiatives."""
    summary = m.pillar_summary(cache.dataset("pillars"), cache.dataset("kpi_definitions"), cache.dataset("initiatives"))
    st.header(t("overview.pillars.heading"), anchor=False)
    for _, row in summary.iterrows():
        pid = str(row["pillar_id"])
        with st.container(border=True, key=f"ov_pillar_{pid}", gap="xxsmall"):
            if present.active():  # presentation mode hides links: the name stands as text
                st.markdown(f"**{plain(localized(row, 'name'))}**")
            else:
                _link("dx", f"**{plain(localized(row, 'name'))}**", {PILLAR_PARAM: pid}, t("overview.pillar.link_help"))
            st.caption(plain(localized(row, "aims")))
            names = plain_all(row[f"kpi_names_{language()}"])
            counts = t("overview.pillar.counts", kpis=len(names), initiatives=int(row["n_initiatives"]))
            listed = t("overview.pillar.separator").join(names) if names else t("overview.pillar.no_kpis")
            with st.container(key=f"ov_kpis_{pid}"):
                st.caption(f"{counts}{t('overview.list.sep')}{listed}", help=listed if names else None)
    definitions = cache.dataset("kpi_definitions")
    source_caption(
        Source(
            [_source_of(summary, "pillars")],
            sections_of(summary, definitions),
            None,
            # How to use the links means nothing to an audience.
            notes=([] if present.active() else [t("overview.pillars.intro")]) + [t("prov.classification")],
        )
    )


# --------------------------------------------------------------------------- section 4: timeline


def _filters(pillars: pd.DataFrame, years: list[int]) -> tuple[list[str], list[int], str]:
    """Pillar, fiscal-year and keyword filters, each kept in the URL (``ov_pillar``, ``ov_fy``, ``ov_q``)."""
    names = {str(r["pillar_id"]): localized(r, "name") for _, r in pillars.iterrows()}
    left, middle, right = st.columns([4, 4, 3], gap="small", vertical_alignment="bottom")
    with left:
        chosen = st.multiselect(
            t("overview.filter.pillar"),
            options=list(names),
            format_func=lambda p: names[p],
            key=PILLAR_KEY,
            bind="query-params",
            placeholder=t("pillar.all"),
            help=t("overview.filter.help"),
        )
    with middle:
        fys = st.pills(
            t("overview.filter.fiscal_year"),
            options=years,
            format_func=fiscal_year_label,
            selection_mode="multi",
            key=FY_KEY,
            bind="query-params",
            help=t("overview.filter.help"),
            wrap=True,
        )
    with right:
        query = st.text_input(
            t("overview.filter.query"),
            key=QUERY_KEY,
            bind="query-params",
            placeholder=t("overview.filter.query_placeholder"),
            help=t("overview.filter.query_help"),
        )
    return list(chosen or []), [int(y) for y in (fys or [])], str(query or "")


def _when_label(row: pd.Series) -> str:
    """``2022年9月`` for a dated item; ``2022年度（R4）（月の記載なし）`` otherwise."""
    if row["month_known"]:
        month = int(row["month"])
        return year_month_label(m.calendar_year(int(row["fiscal_year"]), month), month)
    return t("overview.timeline.no_month", fy=fiscal_year_label(int(row["fiscal_year"])))


def _timeline_frame(items: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The items with the texts the chart and table show, in the current language."""
    out = items.copy()
    out["name"] = [localized(r, "name") for _, r in out.iterrows()]
    out["label"] = [
        t("overview.timeline.until", name=n, year=int(u)) if not pd.isna(u) else n
        for n, u in zip(out["name"], out["until_year"], strict=True)
    ]
    out["when_label"] = [_when_label(r) for _, r in out.iterrows()]
    out["fy_label"] = [fiscal_year_label(int(y)) for y in out["fiscal_year"]]
    out["detail"] = [localized(r, "detail") for _, r in out.iterrows()]
    out["pillar_label"] = [names[p] for p in out["pillar_id"]]
    return out


def _timeline_section() -> None:
    """The timeline with its filters (pillar, fiscal year, keyword), in one bordered box."""
    pillars = cache.dataset("pillars").sort_values("order")
    initiatives = cache.dataset("initiatives")
    names = _pillar_names(pillars)
    all_years = sorted(int(y) for y in initiatives["fiscal_year"].unique())
    with st.container(border=True, key="ov_timeline_box"):
        chosen, fys, query = _filters(pillars, all_years)
        items = m.timeline_items(initiatives)
        shown = m.filter_items(items, chosen, fys, query)
        years = fys or all_years
        title = t("overview.timeline.title", start=fiscal_year_label(min(years)), end=fiscal_year_label(max(years)))
        if shown.empty:
            st.header(title, anchor=False)
            st.info(t("overview.timeline.empty"), icon=":material/search_off:")
            return
        frame = _timeline_frame(shown, names)
        domain = m.x_domain(years)
        scale = present.CHART_FONT_SCALE if present.active() else 1.0
        width = TIMELINE_WIDTH_PRESENT_PX if present.active() else TIMELINE_WIDTH_PX
        # Presenting, no label is cut (a hall cannot hover for the rest): the packing takes whole labels.
        most = float(width) if present.active() else LABEL_LIMIT * scale
        packed = m.pack_rows(frame, domain, width, font_px=LABEL_PX * scale, max_label_px=most)
        lanes = [p for p in pillars["pillar_id"] if p in set(packed["pillar_id"])]
        slotted = m.slot_keys(packed, lanes, names)
        bands = m.fiscal_year_bands(years)
        bands["fy_label"] = [fiscal_year_label(int(y)) for y in bands["fiscal_year"]]
        chart = cache.chart(
            timeline_chart,
            slotted,
            bands=bands,
            domain=domain,
            colours={names[p]: PILLAR_COLOURS[p] for p in lanes},
            marker_key=t("overview.timeline.key"),
            titles={k: t(f"overview.tooltip.{k}") for k in ("name", "pillar", "fiscal_year", "when", "detail")},
            date_format=t("overview.timeline.date_format"),
            label_limit=0 if present.active() else round(LABEL_LIMIT * scale),
        )
        table = slotted.sort_values(["fiscal_year", "sort_month", "initiative_id"])[
            ["fy_label", "when_label", "name", "lane_label", "detail"]
        ].rename(
            columns={
                "fy_label": t("overview.col.fiscal_year"),
                "when_label": t("overview.col.when"),
                "name": t("overview.col.name"),
                "lane_label": t("overview.col.pillar"),
                "detail": t("overview.col.detail"),
            }
        )
        data_block(
            key="ov_timeline",
            title=title,
            chart=chart,
            table=table,
            source=Source(
                [_source_of(initiatives, "initiatives")],
                sections_of(initiatives),
                None,
                notes=[
                    t("overview.timeline.count", total=len(items), shown=len(shown)),
                    t("overview.timeline.note_month"),
                    t("prov.classification"),
                ],
            ),
            filename="reform_timeline",
        )


def _pillar_names(pillars: pd.DataFrame) -> dict[str, str]:
    """Pillar id → its name in the current language."""
    return {str(r["pillar_id"]): localized(r, "name") for _, r in pillars.iterrows()}


def _named_section() -> None:
    """The other initiatives the report names, filtered by the timeline's pillar and keyword filters."""
    named = cache.dataset("named_initiatives")
    names = _pillar_names(cache.dataset("pillars"))
    chosen = [p for p in (st.session_state.get(PILLAR_KEY) or []) if p in names]
    shown = m.filter_items(named, chosen, None, st.session_state.get(QUERY_KEY) or "", search=m.NAMED_SEARCH)
    table = pd.DataFrame(
        {
            t("overview.col.name"): [localized(r, "name") for _, r in shown.iterrows()],
            t("overview.col.pillar"): [names[p] for p in shown["pillar_id"]],
            t("overview.col.section"): [section_text([s]) if isinstance(s, str) else "" for s in shown["section"]],
        }
    )
    data_block(
        key="ov_named",
        title=t("overview.named.title", shown=len(shown), total=len(named)),
        chart=None,
        table=table,
        source=Source(
            [_source_of(named, "named_initiatives")],
            sections_of(named),
            None,
            notes=[t("overview.named.intro"), t("prov.classification")],
        ),
        filename="named_initiatives",
    )


# --------------------------------------------------------------------------- page


def _initiatives() -> None:
    """The pillars beside the timeline, then the named initiatives and the report's context (built when opened)."""
    # The pillars stand beside the timeline; presentation mode gives the timeline the whole width.
    left, right = (st.container(), st.container()) if present.active() else st.columns([1.15, 4], gap="medium")
    with left, slide(), guarded("overview.pillars"):
        _pillars_column()
    with right, guarded("overview.timeline"):
        _timeline_section()
    st.divider()
    left, right = st.columns([3, 2], gap="large")
    with left, guarded("overview.named"):
        on_demand("open_ov_named", t("overview.named.open"), _named_section, linked=("ov_named_view",))
    with right, slide(), guarded("overview.context_details"):
        on_demand("open_ov_context", t("overview.context.more"), _context_details)


def render() -> None:
    """Draw the page: context, headline cards, pillars beside the timeline, then the named initiatives."""
    st.html(_page_css())
    with slide():
        # The title and the report's verdict side by side: the verdict is the first thing read, before any figure.
        title, verdict = st.columns([7, 8], gap="small", vertical_alignment="center")
        with title:
            st.title(t("app.title"))
            st.caption(t("app.subtitle"))
        with verdict, guarded("overview.verdict"):
            _verdict()
        with guarded("overview.results"):
            _results_line()
        with guarded("overview.context"):
            _context_strip()
    with slide(), guarded("overview.cards"):
        if present.active():  # a slide has a heading; the normal view shows the cards under the title
            st.header(t("overview.cards.heading"), anchor=False)
        _cards_section()
    # The timeline's filters also filter the named initiatives, so both are one part that reruns alone.
    section("overview.initiatives", _initiatives)
    updated_caption(
        [
            "population_outlook",
            "dx_kpis",
            "facility_counts",
            "staff_survey",
            "pillars",
            "initiatives",
            "named_initiatives",
            "report_context",
        ]
    )
