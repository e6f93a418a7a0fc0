"""Population outlook screen (人口推計): the city's projection, the actual counts, the area's age structure and peers.

Five parts, each guarded so a missing file only blanks its own part:
headline cards with the derived halving year; the outlook chart (report
projection with the census and 住民基本台帳 counts and other published
vintages, absolute or indexed); derived figures (rates, interpolation); the
IPSS age structure of 浜通り and the prefecture (area context); and the
2010→2015 census change of the prefecture's municipalities on a map.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.charts.population import (
    MAP_LAYER_ID,
    actual_outlook_chart,
    age_structure_chart,
    ageing_chart,
    change_legend,
    change_map,
    mix_with_white,
    rgb_hex,
)
from dashboard.charts.theme import IWAKI
from dashboard.data import DataError, open_data, provenance
from dashboard.i18n import t
from dashboard.i18n.format import fmt_change, fmt_number, fmt_value
from dashboard.metrics import population as pm
from dashboard.views import cache, present
from dashboard.views.components import (
    credit,
    data_block,
    dataset_source,
    download_csv,
    guarded,
    on_demand,
    open_source,
    page_header,
    report_quotes,
    report_sentences,
    section,
    section_text,
    show_chart,
    show_data_error,
    slide,
    slide_table,
    source_caption,
)
from dashboard.views.safe import plain

AREAS: tuple[str, ...] = (pm.HAMADORI_CODE, pm.PREFECTURE_CODE)


CENSUS = open_data.CENSUS_FILES["fukushima"]


def _open_ids(*files: str) -> list[str]:
    """The source ids of open-data files (from their manifest), to credit beside another dataset's."""
    return list(open_source(*files).source_ids)


def _census_as_of() -> str | None:
    """The census's own as-of (a map drawn on a later boundary still shows the census day)."""
    return open_source(CENSUS).as_of


def _optional(load: Callable[[], pd.DataFrame]) -> pd.DataFrame | None:
    """An open-data frame, or None after saying why it is missing (the rest of the part still draws)."""
    try:
        return load()
    except DataError as exc:
        show_data_error(exc)
        return None


def _persons(value: float) -> str:
    return fmt_value(round(float(value)), "persons")


def _rate(rate: float) -> str:
    return t("population.rate_value", value=fmt_change(rate * 100, "percent", 2))


def _table(columns: dict[str, Any]) -> pd.DataFrame:
    """A table (and its CSV) whose column names are catalogue keys, shown in the current language."""
    return pd.DataFrame({t(key): values for key, values in columns.items()})


def _series_labels() -> dict[str, str]:
    return {s: t(f"population.series.{s}") for s in pm.SERIES}


# --------------------------------------------------------------------------- 1. headline


def _report_words(report: pd.DataFrame) -> None:
    """The report's own headline, then its figures in one sentence (the page's first screen)."""
    base, last = report.iloc[0], report.iloc[-1]
    base_year, base_pop = int(base["year"]), float(base["population"])
    report_quotes(report_sentences("population"), lead=t("population.report_says"))
    st.markdown(
        t(
            "population.headline.message",
            base_year=base_year,
            base=fmt_number(base_pop),
            year=int(last["year"]),
            value=fmt_number(last["population"]),
            index=int(last["index_2020"]),
        )
    )


def _headline(report: pd.DataFrame) -> None:
    """The cards of the report's years and, after them, the dashboard's halving year labelled as its computation."""
    base = report.iloc[0]
    base_year, base_pop = int(base["year"]), float(base["population"])
    last = report.iloc[-1]
    if present.active():  # a slide of its own has a heading; the normal view shows the cards under the words
        st.header(t("population.cards.heading"), anchor=False)
    halving = pm.halving_year(report.set_index("year")["population"], base_year)
    cols = st.columns(len(report) + 1)
    for col, (_, row) in zip(cols, report.iterrows(), strict=False):
        year = int(row["year"])
        change = float(row["population"]) - base_pop
        col.metric(
            t(
                "population.card.label",
                year=year,
                kind=t(f"population.kind.{row['kind']}"),
                index=int(row["index_2020"]),
            ),
            _persons(row["population"]),
            delta=None
            if year == base_year
            else t(
                "population.card.delta",
                change=fmt_change(change, "persons", 0),
                pct=fmt_change(change / base_pop * 100, "percent", 1),
            ),
            delta_color="off",
            delta_arrow="off",  # the change is in words (人減); an arrow beside it only competes
            delta_description=None if year == base_year else t("population.card.delta_desc", year=base_year),
            help=t("population.index", index=int(row["index_2020"])),
            border=True,
        )
    if halving is not None:
        cols[-1].metric(
            t("population.card.halving", year=base_year),
            t("population.card.halving_value", year=round(halving.year)),
            delta=t("population.card.halving_after", years=round(halving.years_after_base)),
            delta_color="off",
            delta_arrow="off",
            border=True,
        )
        st.caption(
            t(
                f"population.halving.method.{halving.method}",
                y0=halving.segment[0],
                y1=halving.segment[1],
                rate=_rate(halving.rate),
                target=fmt_number(halving.target),
                base_year=base_year,
            )
        )
    source_caption(dataset_source("population_outlook", derived=True, notes=[t("population.headline.derived_note")]))
    if halving is not None:
        st.caption(t("population.halving.versus", year=int(last["year"]), index=int(last["index_2020"])))


# --------------------------------------------------------------------------- 2. outlook


def _outlook_series(report: pd.DataFrame) -> pd.DataFrame:
    census = _optional(lambda: cache.census2015("fukushima"))
    mynumber = _optional(lambda: cache.mynumbercard("iwaki"))
    register = pm.register_by_year(mynumber) if mynumber is not None else None
    context = _optional(lambda: cache.dataset("context_figures"))
    return pm.outlook_series(report, census, register, context)


def _source_label(row: pd.Series) -> str:
    text = credit(str(row["source_id"]))
    if isinstance(row["section"], str) and row["section"]:
        text = t("prov.credit_at", credit=text, where=section_text([row["section"]]))
    return text


def _outlook(series: pd.DataFrame) -> None:
    labels = _series_labels()
    years = sorted(series["year"].unique())
    base_years = sorted(series.loc[series["basis"].notna() & ~series["estimate"], "year"].unique())
    lo, hi = int(min(years)), int(max(years))
    with st.container(border=True):
        c1, c2, c3, c4 = st.columns([1, 1, 2, 1])
        index_mode = c1.toggle(t("population.ctl.index"), key="pop_index", bind="query-params")
        base_year = c2.selectbox(
            t("population.ctl.base"),
            options=[int(y) for y in base_years],
            index=[int(y) for y in base_years].index(2020) if 2020 in base_years else 0,
            format_func=lambda y: t("year.label", year=y),
            key="pop_base",
            bind="query-params",
            disabled=not index_mode,
        )
        y0, y1 = c3.slider(
            t("population.ctl.range"),
            min_value=lo,
            max_value=hi,
            value=(lo, hi),
            step=1,
            key="pop_range",
            bind="query-params",
        )
        show_context = c4.toggle(
            t("population.ctl.context"),
            value=True,
            key="pop_context",
            bind="query-params",
            help=t("population.ctl.context_help"),
        )
    shown = series if show_context else series[series["basis"].notna()]
    dropped: list[str] = []
    if index_mode:
        # Index before cutting the year range, so the base year need not be among the years shown.
        shown, dropped = pm.index_series(shown, int(base_year))
        shown = shown.assign(value=shown["index"].round(1))
        value_title, value_format = t("population.axis.index", year=base_year), ".1f"
    else:
        shown = shown.assign(value=shown["population"])
        value_title, value_format = t("unit.persons"), ",d"
    shown = shown[(shown["year"] >= y0) & (shown["year"] <= y1)]
    shown = shown.assign(
        series_label=shown["series"].map(labels),
        count_label=shown["series"].map(lambda s: t(f"population.count.{s}")),
        source_label=shown.apply(_source_label, axis=1) if len(shown) else pd.Series(dtype=str),
    )
    titles = {
        "x": t("population.axis.year"),
        "y": value_title,
        "series": t("population.col.series"),
        "count": t("population.col.count"),
        "date": t("population.col.date"),
        "value": value_title,
        "source": t("prov.source"),
    }
    table = pd.DataFrame(
        {
            t("population.col.series"): shown["series_label"],
            t("population.col.count"): shown["count_label"],
            t("population.col.date"): shown["date"],
            value_title: shown["value"],
            t("prov.source"): shown["source_label"],
        }
    )
    chart = None
    if len(shown):
        chart = cache.chart(
            actual_outlook_chart,
            shown,
            labels=labels,
            titles=titles,
            value_format=value_format,
            x_domain=(y0 - 0.5, y1 + 0.5),
        )
    data_block(
        key="pop_outlook",
        title=t("population.chart.actual"),
        chart=chart,
        table=table,
        # The sources of the points shown, the report last so its section follows its credit.
        source=dataset_source(
            "population_outlook",
            rows=shown,
            extra=[s for s in dict.fromkeys(shown["source_id"]) if s != provenance("population_outlook").source_id],
            derived=index_mode,
            notes=[t("population.outlook.index_note", year=base_year)] if index_mode else [],
        ),
        filename="population_outlook_series",
        level=2,  # the first section of the page after its cards
    )
    st.caption(t("population.outlook.marks"))
    if dropped:
        st.caption(
            t(
                "population.outlook.dropped",
                year=base_year,
                series=t("population.list_sep").join(labels[s] for s in dropped),
            )
        )
    with slide():
        _count_note(series)


def _count_note(series: pd.DataFrame) -> None:
    """Why the census and the register differ, with the gap computed from the two counts."""
    gaps = [(y, g) for y in (2015, 2020) if (g := pm.census_register_gap(series, y)) is not None]
    presenting = present.active()  # a slide has a heading; an expander's title is not one
    box = (
        st.container(border=True)
        if presenting
        else st.expander(t("population.note.title"), icon=":material/info:", expanded=True)
    )
    with box:
        if presenting:
            st.subheader(t("population.note.title"), anchor=False)
        st.markdown(t("population.note.body"))
        for year, (census, register, gap) in gaps:
            st.markdown(
                t(
                    "population.note.gap",
                    year=year,
                    next=year + 1,
                    census=fmt_number(census),
                    register=fmt_number(register),
                    gap=fmt_number(gap),
                )
            )
        if gaps:
            source_caption(
                dataset_source("population_outlook", derived=True, extra=_open_ids(CENSUS, open_data.MYNUMBER_FILE))
            )


# --------------------------------------------------------------------------- 5. derived figures


def _derived(series: pd.DataFrame) -> None:
    st.header(t("population.derived.title"), anchor=False)
    points = pm.census_basis_points(series)
    years = [int(y) for y in points.index]
    kinds = series[series["basis"] == "census"].drop_duplicates("year").set_index("year")["series"]

    def point_label(year: int) -> str:
        return t("population.derived.point", year=year, kind=t(f"population.kind.{kinds[year]}"))

    c1, c2, c3 = st.columns(3)
    with c1.container(border=True):
        a, b = st.columns(2)
        start = a.selectbox(
            t("population.derived.from"),
            years,
            index=years.index(2020) if 2020 in years else 0,
            format_func=point_label,
            key="pop_from",
            bind="query-params",
        )
        end = b.selectbox(
            t("population.derived.to"),
            years,
            index=len(years) - 1,
            format_func=point_label,
            key="pop_to",
            bind="query-params",
        )
        if start == end:
            st.info(t("population.derived.same"))
        else:
            lo, hi = sorted((start, end))
            rate = pm.rate_between(points, lo, hi)
            st.metric(
                t("population.derived.rate", y0=lo, y1=hi),
                _rate(rate),
                help=t("population.derived.rate_help"),
                border=False,
            )
    with c2.container(border=True):
        at = st.slider(
            t("population.derived.at"),
            min_value=years[0],
            max_value=years[-1],
            value=2030,
            step=1,
            key="pop_at",
            bind="query-params",
        )
        value = pm.interpolate_geometric(points, at)
        given = at in points.index
        st.metric(
            t("population.derived.at_value", year=at),
            _persons(value),
            help=t("population.derived.given" if given else "population.derived.at_help"),
        )
        if not given:
            below = max(y for y in years if y < at)
            above = min(y for y in years if y > at)
            st.caption(t("population.derived.between", y0=below, y1=above))
    with c3.container(border=True):
        reg = series[series["series"] == "register"].set_index("year")["population"]
        if len(reg) >= 2:
            first, last = int(reg.index.min()), int(reg.index.max())
            st.metric(
                t("population.derived.register_rate", y0=first, y1=last),
                _rate(pm.rate_between(reg, first, last)),
                help=t("population.derived.register_help"),
            )
        proj = [y for y in years if y >= 2020]
        if len(proj) >= 2:
            st.metric(
                t("population.derived.projection_rate", y0=proj[0], y1=proj[1]),
                _rate(pm.rate_between(points, proj[0], proj[1])),
            )
    source_caption(
        dataset_source(
            "population_outlook",
            derived=True,
            notes=[t("population.derived.method")],
            extra=_open_ids(CENSUS, open_data.MYNUMBER_FILE),
        )
    )


# --------------------------------------------------------------------------- 3. age structure


def _age_structure() -> None:
    st.header(t("population.age.title"), anchor=False)
    st.info(t("population.age.context"), icon=":material/location_city:")
    ipss = cache.ipss()
    codes = tuple(c for c in AREAS if c in set(ipss["code"]))
    area_labels = {c: t(f"population.area.{c}") for c in codes}
    group_labels = {g: t(f"population.age.{g}") for g in pm.AGE_GROUPS}
    basis = {False: t("population.age.census_base"), True: t("population.age.projected")}
    # IPSS's projections come every five years: the 2023 edition is the newest, not an old figure.
    source = open_source(open_data.IPSS_FILE, notes=[t("population.age.basis_note")], latest_edition=True)
    titles_common = {"x": t("population.axis.year"), "basis": t("population.col.basis")}
    a, b, _ = st.columns([2, 1, 3], vertical_alignment="bottom")
    area = a.selectbox(
        t("population.ctl.area"), codes, format_func=area_labels.__getitem__, key="pop_area", bind="query-params"
    )
    share = b.toggle(t("population.ctl.share"), key="pop_share", bind="query-params")
    left, right = st.columns(2)
    with left:
        ages = pm.age_structure(ipss, (area,))
        ages = ages.assign(group_label=ages["group"].map(group_labels), basis_label=ages["projected"].map(basis))
        table = _table(
            {
                "population.col.area": area_labels[area],
                "population.axis.year": ages["year"],
                "population.col.basis": ages["basis_label"],
                "population.col.group": ages["group_label"],
                "unit.persons": ages["persons"],
                "population.col.share": ages["share_pct"].round(1),
            }
        )
        data_block(
            key="pop_age",
            title=t("population.chart.age", area=t(f"population.area_short.{area}")),
            chart=cache.chart(
                age_structure_chart,
                ages,
                group_labels=group_labels,
                share=share,
                titles={
                    **titles_common,
                    "y": t("population.col.share") if share else t("unit.persons"),
                    "group": t("population.col.group"),
                    "persons": t("unit.persons"),
                    "share": t("population.col.share"),
                },
            ),
            table=table,
            source=source,
            filename=f"population_age_{area}",
        )
    with right:
        ind = pm.ageing_indicators(ipss, codes)
        ind_labels = {i: t(f"population.indicator.{i}") for i in ("ageing_rate", "working_age_share")}
        ind = ind.assign(
            area_label=ind["code"].map(area_labels),
            indicator_label=ind["indicator"].map(ind_labels),
            basis_label=(ind["year"] > ind["year"].min()).map(basis),
        )
        table = _table(
            {
                "population.col.area": ind["area_label"],
                "population.col.indicator": ind["indicator_label"],
                "population.axis.year": ind["year"],
                "population.col.basis": ind["basis_label"],
                "population.col.pct": ind["pct"].round(1),
            }
        )
        data_block(
            key="pop_ageing",
            title=t("population.chart.ageing"),
            chart=cache.chart(
                ageing_chart,
                ind,
                area_domain=[area_labels[c] for c in codes],
                indicator_domain=list(ind_labels.values()),
                titles={
                    **titles_common,
                    "y": t("population.col.pct"),
                    "area": t("population.col.area"),
                    "indicator": t("population.col.indicator"),
                },
            ),
            table=table,
            source=open_source(
                open_data.IPSS_FILE, derived=True, notes=[t("population.age.basis_note")], latest_edition=True
            ),
            filename="population_ageing",
        )


# --------------------------------------------------------------------------- 4. peers


def _peer_table(peers: pd.DataFrame) -> pd.DataFrame:
    return _table(
        {
            "population.col.code": peers["code5"],
            "population.col.municipality": peers["name"],
            "population.col.level": peers["level"].map(lambda lv: t(f"population.level.{lv}")),
            "population.col.pop_2010": peers["pop_2010"],
            "population.col.pop_2015": peers["pop_2015"],
            "population.col.change": peers["change"],
            "population.col.change_pct": peers["change_pct"].round(2),
            "population.col.rank": peers["rank"],
        }
    )


def _legend_labels() -> list[str]:
    """Labels of the map's change classes (``metrics.population.CHANGE_BREAKS``, all ≤ 0) in words: 「5〜10％減」."""
    breaks = pm.CHANGE_BREAKS
    labels = [t("population.legend.below", v=fmt_number(abs(breaks[0])))]
    labels += [
        t("population.legend.between", a=fmt_number(abs(hi)), b=fmt_number(abs(lo)))
        for lo, hi in itertools.pairwise(breaks)
    ]
    labels.append(t("population.legend.above", v=fmt_number(abs(breaks[-1]))))
    return labels


def _selected_from_map(event: Any, valid: set[str]) -> None:
    """Copy a new map click into the URL-bound municipality selector (only when the click changed)."""
    objects = ((event or {}).get("selection") or {}).get("objects") or {}
    picked = objects.get(MAP_LAYER_ID) or []
    code = None
    if picked:
        obj = picked[0]
        code = obj.get("code") or (obj.get("properties") or {}).get("code")
    if code != st.session_state.get("pop_map_last"):
        st.session_state["pop_map_last"] = code
        if code in valid:
            st.session_state["pop_muni"] = code


def _peers() -> None:
    st.header(t("population.peers.title"), anchor=False)
    census = cache.census2015("fukushima")
    peers = pm.census_change(census)
    iwaki = peers[peers["code5"] == pm.IWAKI_CODE5]
    if not iwaki.empty:
        row = iwaki.iloc[0]
        st.markdown(
            t(
                "population.peers.iwaki",
                pct=fmt_change(row["change_pct"], "percent", 1),
                rank=int(row["rank"]),
                n=len(peers),
            )
        )
        if row["change_pct"] > 0:
            # Iwaki grew in 2010→2015 only because people evacuated from the nuclear accident's zone settled
            # in the city; beside a page about decline this must be said where the figure is shown.
            st.info(
                t("population.peers.why_growth", pct=fmt_change(row["change_pct"], "percent", 1)),
                icon=":material/info:",
            )
    table = _peer_table(peers)
    codes = list(peers["code5"])
    names = dict(zip(peers["code5"], peers["name"], strict=True))
    if st.session_state.get("pop_muni") not in names:
        st.session_state.pop("pop_muni", None)
    left, right = st.columns([3, 2])
    with left:
        try:
            boundary = cache.boundary("fukushima")
        except DataError as exc:
            show_data_error(exc)
            boundary = None
        if boundary is not None:
            props = peers.set_index("code5").assign(
                p2010=lambda d: d["pop_2010"].map(fmt_number),
                p2015=lambda d: d["pop_2015"].map(fmt_number),
                pct=lambda d: d["change_pct"].map(lambda v: fmt_change(v, "percent", 1)),
            )[["name", "p2010", "p2015", "pct", "rank", "change_class"]]
            selected = st.session_state.get("pop_muni", pm.IWAKI_CODE5)
            deck = change_map(
                boundary,
                props,
                tooltip_text=t("population.map.tooltip"),
                highlight_code=pm.IWAKI_CODE5,
                selected_code=selected,
            )
            event = data_block(
                key="pop_map",
                title=t("population.chart.map"),
                chart=deck,
                table=table,
                source=open_source(CENSUS, open_data.BOUNDARY_FILES["fukushima"], as_of=_census_as_of(), derived=True),
                filename="population_census_change_map",
                selectable=True,
                legend=_map_legend,
            )
            _selected_from_map(event, set(names))
    with right, slide(), st.container(border=True):
        # No default index once the map has set the selector (Streamlit warns about a default plus a set value).
        default = codes.index(pm.IWAKI_CODE5) if pm.IWAKI_CODE5 in codes else 0
        code = st.selectbox(
            t("population.ctl.municipality"),
            codes,
            index=None if "pop_muni" in st.session_state else default,
            format_func=lambda code: names.get(code, code),
            key="pop_muni",
            bind="query-params",
        )
        _municipality_card(peers, code or pm.IWAKI_CODE5)  # a cleared selector falls back to Iwaki
    st.caption(t("population.peers.evacuation"))
    _peer_list(peers, table)


def _map_legend() -> None:
    """The map's colour classes and how to use it (the mouse hint only outside presentation mode)."""
    show_chart(cache.chart(change_legend, _legend_labels(), t("population.legend.title")), key="pop_map_legend")
    hint = "" if present.active() else t("prov.part_sep") + t("population.map.hint")
    st.caption(t("population.legend.iwaki") + hint)


def _municipality_card(peers: pd.DataFrame, code: str) -> None:
    row = peers[peers["code5"] == code].iloc[0]
    st.markdown(f"#### {plain(row['name'])}")
    a, b = st.columns(2)
    a.metric(t("population.col.pop_2010"), _persons(row["pop_2010"]))
    b.metric(t("population.col.pop_2015"), _persons(row["pop_2015"]))
    a.metric(t("population.col.change"), fmt_change(row["change"], "persons", 0))
    b.metric(t("population.col.change_pct"), fmt_change(row["change_pct"], "percent", 1))
    st.metric(t("population.col.rank"), t("population.rank_value", rank=int(row["rank"]), n=len(peers)))
    if code != pm.IWAKI_CODE5:
        iwaki = peers[peers["code5"] == pm.IWAKI_CODE5]
        if not iwaki.empty:
            st.caption(
                t(
                    "population.peers.compare",
                    pct=fmt_change(iwaki.iloc[0]["change_pct"], "percent", 1),
                    rank=int(iwaki.iloc[0]["rank"]),
                )
            )
    source_caption(open_source(CENSUS, derived=True))


def _peer_list(peers: pd.DataFrame, table: pd.DataFrame) -> None:
    """The sortable list of all municipalities, Iwaki's row highlighted (large static pages when presenting)."""
    iwaki_rows = set(peers.index[peers["code5"] == pm.IWAKI_CODE5])
    highlight = f"background-color: {rgb_hex(mix_with_white(IWAKI, 0.75))}; font-weight: bold"
    change_cols = [t("population.col.change"), t("population.col.change_pct")]

    def styled(rows: pd.DataFrame) -> Any:
        marks = [idx in iwaki_rows for idx in rows.index]
        return rows.style.apply(lambda col: [highlight if hit else "" for hit in marks], axis=0).format(
            {
                t("population.col.pop_2010"): "{:,.0f}",
                t("population.col.pop_2015"): "{:,.0f}",
                change_cols[0]: "{:+,.0f}",
                change_cols[1]: "{:+.2f}",
            }
        )

    source = open_source(CENSUS, derived=True, notes=[t("population.peers.derived")])
    if present.active():
        slide_table(t("population.peers.table_present"), table.set_axis(peers.index), source, styled)
        return
    st.markdown(f"**{t('population.peers.table')}**")
    st.dataframe(styled(table.set_axis(peers.index)), hide_index=True, height=420)
    source_caption(source)
    download_csv(table, "population_census_change", "pop_peers", title=t("population.peers.table"))


# --------------------------------------------------------------------------- page


def render() -> None:
    """Draw the page."""
    report = None
    with slide():
        page_header("population.title", "population.intro")
        with guarded("population.headline"):
            report = cache.dataset("population_outlook").sort_values("year").reset_index(drop=True)
            _report_words(report)
    if report is not None:
        # Presenting, the cards take a slide of their own: the report's words and the cards do not fit one screen.
        with slide(), guarded("population.headline"):
            _headline(report)
    series = None
    with guarded("population.outlook"):
        if report is not None:
            series = _outlook_series(report)
    # Each part reruns alone when its widgets change (section); the parts below the first screen are
    # built when opened (on_demand), their state in the URL.
    if series is not None:
        st.divider()
        section("population.outlook", partial(_outlook, series))
        st.divider()
        section(
            "population.derived",
            partial(
                on_demand,
                "open_pop_derived",
                t("population.derived.title"),
                partial(_derived_slide, series),
                linked=("pop_from", "pop_to", "pop_at"),
            ),
        )
    st.divider()
    age_params = ("pop_area", "pop_share", "pop_age_view", "pop_ageing_view")
    section(
        "population.age",
        partial(on_demand, "open_pop_age", t("population.age.title"), _age_structure, linked=age_params),
    )
    st.divider()
    section(
        "population.peers",
        partial(on_demand, "open_pop_peers", t("population.peers.title"), _peers, linked=("pop_muni", "pop_map_view")),
    )


def _derived_slide(series: pd.DataFrame) -> None:
    with slide():
        _derived(series)
