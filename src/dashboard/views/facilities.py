"""Facility optimization screen (公共施設の最適化): counts, the per-resident burden ahead, and an offline map.

Sections, each guarded so one failing part never hides the others:

1. the report's counts (1,316 → 1,281, then 「最適な施設数へ」 with no figure);
2. reported context from the facility plan (いわき民報), kept apart from the report;
3. a what-if: facilities per 10,000 residents with the city's projection —
   the dashboard's arithmetic, not the city's plan;
4. a map of designated shelters and emergency sites over the city boundary,
   drawn fully offline, with type / hazard filters and a detail panel;
5. tables by district (approximate) with CSV downloads and the credits.
"""

from __future__ import annotations

import html
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.charts import facilities as charts
from dashboard.charts.before_after import before_after_chart
from dashboard.charts.spec import VegaSpec
from dashboard.charts.theme import ORANGE
from dashboard.data import open_data, place_rules, provenance
from dashboard.i18n import localized, t
from dashboard.i18n.format import as_of_label, fmt_change, fmt_number, fmt_toned_change, fmt_value
from dashboard.metrics import facilities as m
from dashboard.metrics import geo
from dashboard.metrics.dx import direction_tone
from dashboard.views import cache
from dashboard.views.components import (
    DELTA_COLOURS,
    Source,
    credit,
    data_block,
    dataset_source,
    guarded,
    on_demand,
    open_source,
    page_header,
    presentation_mode,
    report_quotes,
    report_sentences,
    section,
    sections_of,
    slide,
    source_caption,
    updated_caption,
)
from dashboard.views.safe import plain, plain_frame

# The map's open data: the boundary, both kinds of site, and the town points that place them in districts.
MAP_FILES = (
    open_data.BOUNDARY_FILES["iwaki"],
    open_data.SHELTER_FILE,
    open_data.EMERGENCY_FILE,
    open_data.TOWNS_FILE,
)
POPULATION_2024_ID = "population_2024_05_01"
# In rows of four: the 2024 count (most in Fukushima), the 673 scenario and what it means, then the ageing
# stock and its cost.
CONTEXT_IDS = (
    "facilities_2024_04_01",
    "facilities_2060_upper_bound",
    "saving_at_673",
    "shortfall_at_673",
    "plan_population_2060",
    "facilities_pre1981_share",
    "maintenance_cost_30y",
    "maintenance_shortfall_avg",
)
CONTEXT_PER_ROW = 4

MODE_KEY = "fac_mode"
RATE_KEY = "fac_rate"
COUNT_KEY = "fac_count"
KIND_KEY = "fac_kind"
TYPE_KEY = "fac_type"
HAZARD_KEY = "fac_hazard"

KINDS = ("shelter", "emergency")
TYPES = tuple(charts.TYPE_COLOURS)
DEFAULT_RATE = 20
DEFAULT_COUNT = 1000
# The map's initial view is fitted for a narrow (phone-width) map so the whole
# city shows everywhere; wider screens simply get margin around it.
FIT_WIDTH_PX = 400
FIT_HEIGHT_PX = 500
_WRAP_CSS = """
<style>
:is(.st-key-fac_cards, [class*="st-key-fac_ctx"]) :is([data-testid="stMetricValue"], [data-testid="stMetricLabel"]),
:is(.st-key-fac_cards, [class*="st-key-fac_ctx"]) :is([data-testid="stMetricValue"], [data-testid="stMetricLabel"]) * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  overflow-wrap: anywhere; line-height: 1.25;
}
</style>
"""


def render() -> None:
    """Draw the page."""
    with slide():
        page_header("facilities.title", "facilities.intro")
    with guarded("facilities.report_words"):
        # Why the city reviews its facilities, in the report's own words.
        report_quotes(report_sentences("facilities"), lead=t("facilities.report_words"))
    # Each part reruns alone when its widgets change; the what-if and the map are built when opened.
    section("facilities.counts", _counts)
    with guarded("facilities.context"):
        _context()
    whatif = (MODE_KEY, RATE_KEY, COUNT_KEY, "fac_per_view", "fac_need_view")
    section(
        "facilities.whatif",
        partial(on_demand, "open_fac_whatif", t("facilities.whatif.title"), _what_if, linked=whatif),
    )
    on_map = (KIND_KEY, TYPE_KEY, HAZARD_KEY, "fac_map_view", "fac_by_type_view", "fac_tsunami_view")
    section(
        "facilities.map",
        partial(on_demand, "open_fac_map", t("facilities.map.title"), _map_and_tables, linked=on_map),
    )
    updated_caption(["facility_counts", "population_outlook", "context_figures"])


# --------------------------------------------------------------------------- 1. counts


def _counts() -> None:
    """Cards for each year, the change, 2025's label, and the bar chart."""
    with slide():
        st.header(t("facilities.counts.title"))
        df = cache.dataset("facility_counts").sort_values("year")
        change = m.count_change(df)
        # Fewer facilities is what the plan aims at (kpi_definitions): 改善 in words and colour, as on the DX page.
        direction = cache.dataset("kpi_definitions").set_index("kpi_id")["direction"].get("facility_count", "")
        tone = direction_tone(change.change, str(direction))
        source = dataset_source("facility_counts", rows=df)
        actual = df[df["status"] == "actual"]
        planned = df[df["status"] != "actual"]
        # Constant CSS (no data in it): let long card values such as 「最適な施設数へ（2025年以降）」 wrap.
        st.html(_WRAP_CSS)
        cols = st.container(key="fac_cards").columns(len(actual) + 1 + len(planned))
        for col, (_, row) in zip(cols, actual.iterrows(), strict=False):
            col.metric(
                t("facilities.card.year", year=int(row["year"])),
                fmt_value(row["facilities"], "facilities"),
                border=True,
            )
        cols[len(actual)].metric(
            t("facilities.card.change", start=change.start_year, end=change.end_year),
            fmt_change(change.change, "facilities", 0),
            delta=fmt_toned_change(change.change_pct, "percent", tone, 1),
            delta_color=DELTA_COLOURS[tone],
            delta_arrow="off",
            border=True,
            help=t("facilities.change.help", start=fmt_number(change.start), end=fmt_number(change.end)),
        )
        for col, (_, row) in zip(cols[len(actual) + 1 :], planned.iterrows(), strict=False):
            col.metric(
                t("facilities.card.from", year=int(row["year"])),
                plain(localized(row, "label")),
                border=True,
                help=t("facilities.card.no_target"),
            )
        st.caption(t("facilities.change.derived_note"))
        source_caption(
            dataset_source("facility_counts", rows=df, derived=True, notes=[t("facilities.change.derived_what")])
        )
    table = actual[["year", "facilities"]].rename(
        columns={"year": t("facilities.col.year"), "facilities": t("facilities.col.facilities")}
    )
    data_block(
        key="fac_counts",
        title=t("facilities.chart.counts"),
        chart=_counts_chart(actual),
        table=table,
        source=source,
        filename="facility_counts",
    )


def _counts_chart(actual: pd.DataFrame) -> VegaSpec:
    """The published counts: two years as a compact before→after slope, more years as bars."""
    frame = actual[["year", "facilities"]]
    if len(frame) != 2:
        return cache.chart(charts.counts_chart, frame, t("facilities.axis.year"), t("unit.facilities"))
    pair = pd.DataFrame(
        {
            "label": [t("year.label", year=int(y)) for y in frame["year"]],
            "value": frame["facilities"].astype(float),
            "value_label": [fmt_value(v, "facilities") for v in frame["facilities"]],
        }
    )
    return cache.chart(before_after_chart, pair, t("facilities.axis.year"), t("unit.facilities"), ORANGE)


# --------------------------------------------------------------------------- 2. context


def _context() -> None:
    """Reported figures around the facility plan: their own source, apart from the report's."""
    figures = cache.dataset("context_figures").set_index("figure_id")
    present = [fid for fid in CONTEXT_IDS if fid in figures.index]
    if not present:
        return
    # Presenting, four figures (two by two) make one slide, each slide with its heading and source.
    per_row, per_slide = (2, 4) if presentation_mode() else (CONTEXT_PER_ROW, len(present))
    published = str(figures.loc[present[0], "published"])
    source_id = str(figures.loc[present[0], "source_id"])
    for first in range(0, len(present), per_slide):
        shown = present[first : first + per_slide]
        with slide(), st.container(border=True, key="fac_ctx" if first == 0 else f"fac_ctx_{first}"):
            st.subheader(t("facilities.context.title"))
            st.caption(t("facilities.context.lead"))
            for start in range(0, len(shown), per_row):
                cols = st.columns(per_row)
                for col, fid in zip(cols, shown[start : start + per_row], strict=False):
                    row = figures.loc[fid]
                    with col:
                        st.metric(t(f"facilities.ctx.{fid}"), fmt_value(row["value"], str(row["unit"])), border=True)
                        st.caption(plain(localized(row, "note")))
            source_caption(Source([source_id], as_of=published, notes=[t("facilities.context.apart")]))
    # Dated facts without a figure (the plan's revision), listed with their date.
    facts = figures[(figures["topic"] == "facilities") & figures["value"].isna()]
    if len(facts):
        st.markdown(
            "\n".join(
                "- "
                + t("facilities.context.fact", when=as_of_label(str(r["period"])), note=plain(localized(r, "note")))
                for _, r in facts.iterrows()
            )
        )


# --------------------------------------------------------------------------- 3. what-if


def _population_2024() -> tuple[int, str]:
    """The 2024 population used for 2024's per-resident level, and its date (from context_figures)."""
    row = cache.dataset("context_figures").set_index("figure_id").loc[POPULATION_2024_ID]
    return int(row["value"]), as_of_label(str(row["period"]))


def _scenario_controls(base: int, year: int) -> tuple[float, str]:
    """Mode (reduction rate or count) and slider, all bound to the URL; returns (count, description)."""
    mode = (
        st.segmented_control(
            t("facilities.whatif.mode"),
            options=["rate", "count"],
            format_func=lambda k: t(f"facilities.whatif.mode.{k}"),
            default=None if MODE_KEY in st.session_state else "rate",
            key=MODE_KEY,
            bind="query-params",
            required=True,
        )
        or "rate"
    )
    if mode == "count":
        count_value = st.slider(
            t("facilities.whatif.count"),
            min_value=300,
            max_value=1400,
            step=1,
            value=None if COUNT_KEY in st.session_state else DEFAULT_COUNT,
            key=COUNT_KEY,
            bind="query-params",
        )
        count = float(DEFAULT_COUNT if count_value is None else count_value)
        rate = m.reduction_pct_of(base, count)
    else:
        rate_value = st.slider(
            t("facilities.whatif.rate", year=year, count=fmt_number(base)),
            min_value=0,
            max_value=70,
            step=1,
            format="%d%%",
            value=None if RATE_KEY in st.session_state else DEFAULT_RATE,
            key=RATE_KEY,
            bind="query-params",
        )
        rate = float(DEFAULT_RATE if rate_value is None else rate_value)
        count = m.count_after_reduction(base, rate)
    return count, t("facilities.whatif.custom", count=fmt_number(count), rate=fmt_change(-rate, "percent", 1))


def _what_if() -> None:
    """Facilities per 10,000 residents for 'keep 1,281' and the user's scenario; the cut that holds 2024's level."""
    with slide():
        st.header(t("facilities.whatif.title"))
        st.info(t("facilities.whatif.disclaimer"), icon=":material/calculate:")
        counts = cache.dataset("facility_counts")
        change = m.count_change(counts)
        base = change.end
        outlook = cache.dataset("population_outlook")[["year", "population"]]
        pop_2024, pop_date = _population_2024()
        level = m.per_10k(base, pop_2024)
        hold = m.hold_level_table(outlook, base, pop_2024)

        notes = [t("facilities.whatif.src_note", date=pop_date), t("facilities.whatif.not_plan")]
        population_source = str(
            cache.dataset("context_figures").set_index("figure_id").loc[POPULATION_2024_ID, "source_id"]
        )
        source = Source(
            [provenance("facility_counts").source_id, population_source],
            sections_of(counts, cache.dataset("population_outlook")),
            derived=True,
            notes=notes,
        )

        cols = st.columns(1 + len(hold))
        cols[0].metric(
            t("facilities.whatif.level", year=change.end_year),
            fmt_number(level, 1),
            border=True,
            help=t("facilities.whatif.level_help", count=fmt_number(base), pop=fmt_number(pop_2024), date=pop_date),
        )
        for col, (_, row) in zip(cols[1:], hold.iterrows(), strict=True):
            col.metric(
                t("facilities.whatif.needed", year=int(row["year"])),
                t("facilities.whatif.about", count=fmt_number(row["facilities_needed"])),
                delta=t(
                    "facilities.whatif.cut",
                    count=fmt_change(-row["reduction"], "facilities", 0),
                    pct=fmt_change(-row["reduction_pct"], "percent", 1),
                ),
                delta_color="off",
                delta_arrow="off",
                border=True,
                help=t("facilities.whatif.needed_help", pop=fmt_number(row["population"])),
            )
        source_caption(source)

    left, right = st.columns(2, gap="medium")
    with left:
        _per_block(outlook, base, level, change.end_year, source)
    with right:
        _needed_block(hold, base, pop_2024, level, change.end_year, source)


def _per_block(outlook: pd.DataFrame, base: int, level: float, year: int, source: Source) -> None:
    """The scenario controls and the chart block of facilities per 10,000 residents by year and scenario."""
    with st.container(border=True):
        custom_count, custom_label = _scenario_controls(base, year)
    # Scenarios hold 2024's count from then on; years before it (2020) get no bar.
    per = m.per_resident_table(outlook, {"keep": float(base), "custom": custom_count}, after_year=year)
    labels = {"keep": t("facilities.whatif.keep", count=fmt_number(base)), "custom": custom_label}
    per["scenario_label"] = per["scenario"].map(labels)
    table = pd.DataFrame(
        {
            t("facilities.col.year"): per["year"],
            t("facilities.col.scenario"): per["scenario_label"],
            t("facilities.col.facilities"): per["facilities"].round(0).astype(int),
            t("facilities.col.population"): per["population"],
            t("facilities.col.per_10k"): per["per_10k"].round(2),
        }
    )
    data_block(
        key="fac_per",
        title=t("facilities.chart.per_10k"),
        chart=cache.chart(
            charts.per_resident_chart,
            per,
            t("facilities.axis.year"),
            t("facilities.axis.per_10k"),
            level,
            t("facilities.whatif.level_rule", year=year, value=fmt_number(level, 1)),
        ),
        table=table,
        source=source,
        filename="facilities_per_10k_scenario",
    )


def _needed_block(hold: pd.DataFrame, base: int, pop_2024: int, level: float, year: int, source: Source) -> None:
    """Chart block: the counts that would hold 2024's per-resident level."""
    needed = pd.concat(
        [
            pd.DataFrame(
                {
                    "year_label": [t("facilities.whatif.actual_label", year=year)],
                    "facilities": [float(base)],
                    "kind_label": [t("facilities.whatif.kind.actual")],
                    "population": [pop_2024],
                }
            ),
            pd.DataFrame(
                {
                    "year_label": [t("facilities.whatif.needed_label", year=int(y)) for y in hold["year"]],
                    "facilities": hold["facilities_needed"],
                    "kind_label": t("facilities.whatif.kind.needed"),
                    "population": hold["population"],
                }
            ),
        ],
        ignore_index=True,
    )
    needed_table = pd.DataFrame(
        {
            t("facilities.col.year"): needed["year_label"],
            t("facilities.col.facilities"): needed["facilities"].round(0).astype(int),
            t("facilities.col.population"): needed["population"],
            t("facilities.col.per_10k"): round(level, 2),
        }
    )
    data_block(
        key="fac_need",
        title=t("facilities.chart.needed"),
        chart=cache.chart(charts.needed_chart, needed, t("facilities.axis.year"), t("unit.facilities")),
        table=needed_table,
        source=source,
        filename="facilities_to_hold_2024_level",
    )


# --------------------------------------------------------------------------- 4–5. map and tables


def _points() -> pd.DataFrame:
    """Shelters and emergency sites with type, approximate district and translated labels."""
    points = cache.facility_points().copy()
    points["kind_label"] = points["kind"].map({k: t(f"facilities.kind.{k}") for k in KINDS})
    points["type_label"] = points["type"].map({k: t(f"facilities.type.{k}") for k in TYPES})
    points["district_label"] = points["district"].map({k: t(f"facilities.district.{k}") for k in place_rules.DISTRICTS})
    sep = t("facilities.hazards.sep")
    # Translated once per distinct (hazards, kind), not per site: a few dozen
    # combinations against hundreds of rows on every rerun (the benchmark, issue 10).
    keys = [(tuple(hz), kind) for hz, kind in zip(points["hazards"], points["kind"], strict=True)]
    labels = {
        (hz, kind): t("facilities.hazards.for", list=sep.join(t(f"facilities.hazard.{h}") for h in hz))
        if hz
        else t(f"facilities.hazards.none_{kind}")
        for hz, kind in set(keys)
    }
    points["hazards_label"] = [labels[k] for k in keys]
    return points


def _pills(label: str, options: tuple[str, ...], key: str, default: list[str], prefix: str, help_key: str) -> list[str]:
    """A multi-select pills filter bound to the URL."""
    chosen = st.pills(
        label,
        options=list(options),
        selection_mode="multi",
        format_func=lambda k: t(f"{prefix}.{k}"),
        # The same default on every run: the address leaves out exactly the default selection.
        default=default,
        key=key,
        bind="query-params",
        help=t(help_key),
    )
    return list(chosen or [])


def _filters() -> tuple[list[str], list[str], list[str]]:
    """Kind, type and hazard filters (each bound to the URL)."""
    with st.container(border=True):
        kinds = _pills(
            t("facilities.filter.kind"), KINDS, KIND_KEY, list(KINDS), "facilities.kind", "facilities.filter.kind_help"
        )
        types = _pills(
            t("facilities.filter.type"), TYPES, TYPE_KEY, list(TYPES), "facilities.type", "facilities.filter.type_help"
        )
        hazards = _pills(
            t("facilities.filter.hazard"),
            geo.HAZARDS,
            HAZARD_KEY,
            [],
            "facilities.hazard",
            "facilities.filter.hazard_help",
        )
    return kinds, types, hazards


def _legend(shown: pd.DataFrame) -> None:
    """Colour legend of the facility types with the number of points shown (catalogue text only, escaped)."""
    counts = shown["type"].value_counts()
    items = "".join(
        '<span style="display:inline-flex;align-items:center;margin:0 14px 6px 0;white-space:nowrap">'
        f'<span style="width:13px;height:13px;border-radius:50%;background:{colour};border:1px solid #444;'
        f'margin-right:6px;display:inline-block"></span>{html.escape(t(f"facilities.type.{type_id}"))}'
        f"&nbsp;({int(counts.get(type_id, 0))})</span>"
        for type_id, colour in charts.TYPE_COLOURS.items()
    )
    st.html(f'<div style="font-size:0.9rem;line-height:1.5;display:flex;flex-wrap:wrap">{items}</div>')
    st.caption(t("facilities.map.size_note"))


def _details(event: Any, shown: pd.DataFrame) -> None:
    """The clicked point's details (plain-text table), or a hint."""
    st.markdown(f"**{t('facilities.detail.title')}**")
    objects = None
    if event is not None:
        objects = event.get("selection", {}).get("objects")
    site_id = geo.selected_site_id(objects, shown)
    if site_id is None:
        st.caption(t("facilities.detail.hint"))
        return
    row = shown[shown["site_id"] == site_id].iloc[0]
    fields = [
        ("name", row["name"]),
        ("kind", row["kind_label"]),
        ("type", row["type_label"]),
        ("address", row["address"]),
        ("district", row["district_label"]),
        ("nearest_town", row["nearest_town"]),
        ("hazards", row["hazards_label"]),
        ("site_id", row["site_id"]),
        ("position", f"{row['lat']:.5f}, {row['lon']:.5f}"),
    ]
    # st.table: a small static table; its cells are Markdown, so the data's text is escaped.
    st.table(
        plain_frame(
            pd.DataFrame(
                {t("facilities.detail.value"): [str(v) for _, v in fields]},
                index=pd.Index([t(f"facilities.detail.{k}") for k, _ in fields], name=t("facilities.detail.field")),
            )
        ),
        hide_header=True,
    )
    st.caption(t("facilities.map.district_note"))


def _map_and_tables() -> None:
    """The offline map with filters, legend and details; then the district tables and the credits."""
    st.header(t("facilities.map.title"))
    st.caption(t("facilities.map.lead"))
    boundary = cache.boundary("iwaki")
    points = _points()
    kinds, types, hazards = _filters()
    shown = geo.filter_points(points, kinds, types, hazards)
    view = geo.fit_view(cache.boundary_bbox("iwaki"), FIT_WIDTH_PX, FIT_HEIGHT_PX)
    deck = charts.facility_map(boundary, shown, view, t("facilities.map.tooltip"))
    map_source = open_source(*MAP_FILES, notes=[t("facilities.map.as_of_note"), t("facilities.map.district_short")])
    table = _points_table(shown)

    map_col, side_col = st.columns([3, 1], gap="medium")
    presenting = presentation_mode()
    with map_col:
        event = data_block(
            key="fac_map",
            title=t("facilities.map.block", n=fmt_number(len(shown))),
            chart=deck,
            table=table,
            source=map_source,
            filename="facility_points",
            selectable=True,
            # Presenting, the legend sits under the map on its slide (the side column, for clicks, is not shown).
            legend=(lambda: _legend(shown)) if presenting else None,
        )
    with side_col:
        if not presenting:
            _legend(shown)
        with st.container(border=True):
            _details(event, shown)

    _district_tables(points, shown)
    _credits(points)


def _points_table(shown: pd.DataFrame) -> pd.DataFrame:
    """The points on the map as a plain table (translated headers)."""
    return pd.DataFrame(
        {
            t("facilities.detail.kind"): shown["kind_label"],
            t("facilities.detail.type"): shown["type_label"],
            t("facilities.detail.name"): shown["name"],
            t("facilities.detail.address"): shown["address"],
            t("facilities.detail.district"): shown["district_label"],
            t("facilities.detail.nearest_town"): shown["nearest_town"],
            t("facilities.detail.hazards"): shown["hazards_label"],
            t("facilities.detail.lat"): shown["lat"].round(6),
            t("facilities.detail.lon"): shown["lon"].round(6),
        }
    )


def _district_tables(points: pd.DataFrame, shown: pd.DataFrame) -> None:
    """Counts by type × district (the points shown) and tsunami sites by district (all emergency sites)."""
    st.header(t("facilities.tables.title"))
    derived = open_source(*MAP_FILES, derived=True, notes=[t("facilities.map.district_short")])
    wide = geo.type_district_counts(shown, TYPES, place_rules.DISTRICTS)
    long = wide.melt(id_vars="district", value_vars=list(TYPES), var_name="type", value_name="points")
    long["district_label"] = long["district"].map(lambda k: t(f"facilities.district.{k}"))
    long["type_label"] = long["type"].map(lambda k: t(f"facilities.type.{k}"))
    wide["district"] = wide["district"].map(lambda k: t(f"facilities.district.{k}"))
    wide = wide.rename(
        columns={
            "district": t("facilities.col.district"),
            "total": t("facilities.col.total"),
            **{k: t(f"facilities.type.{k}") for k in TYPES},
        }
    )
    data_block(
        key="fac_by_type",
        title=t("facilities.tables.by_type"),
        chart=cache.chart(
            charts.type_district_heatmap,
            long[["district_label", "type_label", "points"]],
            t("facilities.filter.type"),
            t("facilities.col.district"),
            t("facilities.col.points"),
        ),
        table=wide,
        source=derived,
        filename="facility_points_by_type_and_district",
    )
    st.caption(t("facilities.tables.by_type_note"))

    tsunami = geo.hazard_counts_by_district(points, "tsunami", place_rules.DISTRICTS)
    tsunami["district_label"] = tsunami["district"].map(lambda k: t(f"facilities.district.{k}"))
    chart = cache.chart(
        charts.district_bar_chart,
        tsunami[["district_label", "sites"]],
        t("facilities.axis.sites"),
        t("facilities.col.district"),
    )
    table = tsunami.rename(
        columns={"district_label": t("facilities.col.district"), "sites": t("facilities.col.sites")}
    )[[t("facilities.col.district"), t("facilities.col.sites")]]
    data_block(
        key="fac_tsunami",
        title=t("facilities.tables.tsunami", n=fmt_number(int(tsunami["sites"].sum()))),
        chart=chart,
        table=table,
        source=derived,
        filename="tsunami_sites_by_district",
    )
    st.caption(t("facilities.tables.tsunami_note"))


def _credit_line(sources: pd.DataFrame, source_id: str) -> str:
    """A source's required credit: always the Japanese wording the licence asks for, translated beside it in English."""
    if source_id not in sources.index:
        return credit(source_id)
    row = sources.loc[source_id]
    required = str(row["credit_ja"])
    shown = localized(row, "credit")
    return required if shown == required else f"{shown} — {required}"


def _credits(points: pd.DataFrame) -> None:
    """Credit lines exactly as the data's licences require, and what the points are (and are not)."""
    with st.container(border=True):
        st.markdown(f"**{t('facilities.credits.title')}**")
        sources = cache.dataset("sources").set_index("source_id")
        for source_id in open_source(*MAP_FILES).source_ids:
            st.caption(plain(_credit_line(sources, source_id)))
        counts = points["kind"].value_counts()
        register = m.count_change(cache.dataset("facility_counts"))
        st.caption(
            t(
                "facilities.credits.subset",
                shelters=fmt_number(int(counts.get("shelter", 0))),
                sites=fmt_number(int(counts.get("emergency", 0))),
                year=register.end_year,
                register=fmt_number(register.end),
            )
        )
        unknown = int((points["district"] == place_rules.UNKNOWN_DISTRICT).sum())
        st.caption(t("facilities.map.district_note") + " " + t("facilities.credits.unknown", n=fmt_number(unknown)))
