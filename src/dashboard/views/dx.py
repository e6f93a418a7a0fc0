"""DX KPI screen (DX指標): every result the report prints as a card, the trends, My Number card uptake, derived figures.

Sections (each guarded, so one failing part never hides the others):

1. cards, grouped by the five pillars with a pillar filter bound to ``?dx_pillar=``
   (the overview links to ``/dx?dx_pillar=<pillar_id>``);
2. trends: copy output index and the implied sheets a month, working hours R4 → R6
   with R5 marked as not published;
3. derived figures (computed in ``metrics.dx``, labelled as the dashboard's);
4. My Number card uptake from 総務省's open data, with peers bound to ``?dx_peers=``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard.charts.before_after import before_after_chart
from dashboard.charts.dx import (
    MAX_PEERS,
    TONE_COLOURS,
    copy_index_chart,
    implied_sheets_chart,
    series_colours,
    uptake_chart,
    working_hours_chart,
)
from dashboard.charts.spec import VegaSpec
from dashboard.data import open_data
from dashboard.i18n import has, language, localized, t
from dashboard.i18n.format import (
    chart_unit,
    fiscal_year_label,
    fmt_change,
    fmt_number,
    fmt_tone,
    fmt_toned_change,
    fmt_value,
    is_missing,
    join_unit,
    ordinal,
    unit_label,
    wareki,
)
from dashboard.metrics import dx as m
from dashboard.views import cache, links
from dashboard.views.components import (
    DELTA_COLOURS,
    DeltaColour,
    Source,
    data_block,
    dataset_source,
    download_csv,
    guarded,
    on_demand,
    open_source,
    page_header,
    pages_of,
    presentation_mode,
    report_quotes,
    report_sentences,
    section,
    sections_of,
    slide,
    source_caption,
    updated_caption,
)
from dashboard.views.safe import plain

PILLAR_PARAM = "dx_pillar"  # URL key; the overview links to /dx?dx_pillar=<pillar_id>
PILLAR_WIDGET = "dx_pillar_filter"
PEERS_KEY = "dx_peers"
ALL = "all"
# Cards have a fixed width inside a wrapping row: four a row on a full-HD screen,
# more on 4K, one on a phone, and labels never squeezed into an ellipsis.
CARD_WIDTH = 340
COPY_UNIT_KEY = "dx_copy_unit"
COPY_UNITS = ("index", "sheets")  # the printed index first; sheets a month are the dashboard's conversion
CARDS_PER_SLIDE = 3  # presentation mode: one row of three cards (each with the report's words and any reading) a screen
# st.metric's named colours closest to the theme's GOOD (Okabe–Ito blue) and BAD (vermillion):
# red/green ("normal"/"inverse") is the pair colour-blind readers cannot tell apart.


# --------------------------------------------------------------------------- formatting


def _decimals(unit: str, value: float) -> int:
    """Decimals as the report prints them: 0.80, 522.0万時間, 6.4％, 60,000件."""
    if unit == "index_2021":
        return 2
    if unit == "hours_10k":
        return 1
    return 0 if float(value).is_integer() else 1


def _man(value: float) -> str:
    """Large counts in 万 as the report prints them (300万) in Japanese; in full in English."""
    if language() == "ja":
        man = value / 10_000
        return t("number.man", value=fmt_number(man, 0 if float(round(man, 6)).is_integer() else 1))
    return fmt_number(value)


def _value_text(row: pd.Series) -> str:
    """The card's value: the printed change in words for span KPIs (23.5万時間減), 万 for the sheets, else number + unit."""
    unit, value = str(row["unit"]), float(row["value"])
    if row["change_kind"] == "span":
        return fmt_change(value, unit, _decimals(unit, value))
    if unit == "index_2021":
        return fmt_number(value, 2)  # the label already says "2021 = 1"
    if unit == "sheets_per_month":
        return join_unit(_man(value), unit)
    return fmt_value(value, unit, _decimals(unit, value))


def _period_label(year: int, period_type: str) -> str:
    """A year as the report uses it: 2024年 (calendar) or 2024年度（R6） (fiscal)."""
    return fiscal_year_label(year) if period_type.startswith("fiscal") else t("year.label", year=year)


def _short_period(year: int, period_type: str) -> str:
    """A compact base label for a delta: R4 (fiscal, Japanese), FY2022 (fiscal, English), 2021年."""
    if period_type.startswith("fiscal"):
        return wareki(year) if language() == "ja" else t("fy.short", year=year)
    return t("year.label", year=year)


def _delta(row: pd.Series) -> str | None:
    """The card's delta text (the change in words, 改善／悪化 in words), or None without a baseline.

    The card draws no arrow: the words say up or down, and an arrow beside 「減」 only competes with them.
    """
    kind, change = row["change_kind"], row["change"]
    if kind == "none" or is_missing(change):
        return None
    if kind == "series":
        unit = str(row["unit"])
        decimals = _decimals(unit, float(row["value"]))
        baseline = float(row["baseline_value"])
        text = t(
            "dx.delta.series",
            change=fmt_toned_change(change, None if unit == "index_2021" else unit, str(row["tone"]), decimals),
            base=_short_period(int(row["baseline_year"]), str(row["baseline_period_type"])),
            base_value=fmt_number(baseline, decimals) if unit == "index_2021" else fmt_value(baseline, unit, decimals),
        )
        return text
    if kind == "span":
        span = t(
            "dx.delta.span",
            start=_short_period(int(row["baseline_year"]), "fiscal_year"),
            end=_short_period(int(row["year"]), "fiscal_year"),
        )
        word = fmt_tone(str(row["tone"]))
        return t("change.toned", change=span, tone=word) if word else span
    key = f"dx.delta.ratio.{row['kpi_id']}"
    return t(key) if has(key) else t("dx.delta.ratio")


def _as_of_text(row: pd.Series) -> str:
    """As-of of a card: the printed/inferred date, else the period the value is for."""
    if not is_missing(row["as_of"]):
        return str(row["as_of"])
    if row["period_type"] == "fiscal_year_span":
        return t(
            "dx.card.span", start=fiscal_year_label(int(row["baseline_year"])), end=fiscal_year_label(int(row["year"]))
        )
    if str(row["period_type"]).startswith("fiscal"):
        return _period_label(int(row["year"]), str(row["period_type"]))
    # A calendar year as a date (``2021``): the source line prints it in the reader's language and,
    # for a figure over a year older than the data, its age — the same in both languages.
    return str(int(row["year"]))


def _localized_table(df: pd.DataFrame, headers: dict[str, str]) -> pd.DataFrame:
    """The columns in ``headers`` (field → catalogue key), renamed for the reader."""
    return df[list(headers)].rename(columns={c: t(k) for c, k in headers.items()})


# --------------------------------------------------------------------------- section 1: cards


def _pillar_filter(pillars: pd.DataFrame) -> str:
    """The pillar filter, kept in the URL as ``?dx_pillar=<pillar_id>``; returns ``all`` or a pillar id.

    Synced with the URL by hand rather than with ``bind``: a bound widget
    writes its translated label into the URL, while links (the overview's
    ``/dx?dx_pillar=citizen_dx``) and shared URLs must carry the pillar id, the
    same in both languages. The URL is read whenever the page is entered
    (Streamlit drops the widget's state when another page is shown); after
    that the widget leads and the URL follows.
    """
    names = {row["pillar_id"]: localized(row, "name") for _, row in pillars.iterrows()}
    if PILLAR_WIDGET not in st.session_state:
        linked = st.query_params.get(PILLAR_PARAM)
        st.session_state[PILLAR_WIDGET] = m.match_pillar(linked, pillars) or ALL
        if linked is not None and m.match_pillar(linked, pillars) is None:
            links.report_invalid(PILLAR_PARAM)
    choice = (
        st.segmented_control(
            t("dx.filter.pillar"),
            options=[ALL, *names],
            format_func=lambda p: t("pillar.all") if p == ALL else plain(names[p]),
            key=PILLAR_WIDGET,
            required=True,
            wrap=True,
            help=t("dx.filter.help"),
        )
        or ALL
    )
    if choice == ALL:
        st.query_params.pop(PILLAR_PARAM, None)
    elif st.query_params.get(PILLAR_PARAM) != choice:
        st.query_params[PILLAR_PARAM] = choice
    st.caption(t("prov.classification"))
    return choice


def _source(kpis: pd.DataFrame, *kpi_ids: str, **kwargs: Any) -> Source:
    """The source line of the figures of ``kpi_ids``: the dataset's source, the sections those rows cite."""
    return dataset_source("dx_kpis", rows=kpis[kpis["kpi_id"].isin(kpi_ids)], **kwargs)


def _card_row() -> DeltaGenerator:
    """A row of fixed-width cards that wraps onto as many lines as the screen needs."""
    return st.container(horizontal=True, wrap=True, gap="small")


def _card(row: pd.Series, extra_notes: Sequence[str] = ()) -> None:
    """One KPI card: value with unit, change and direction colour, source and as-of under it."""
    delta = _delta(row)
    notes = (
        [t(f"dx.card.basis.{row['as_of_basis']}")] if row["as_of_basis"] in ("inferred", "printed", "reading") else []
    )
    notes += [t(f"dx.card.direction.{row['direction']}"), *extra_notes]
    note = localized(row, "note")
    reading = localized(row, "reading") if "reading_ja" in row else ""
    with st.container(border=True, width=CARD_WIDTH):
        st.metric(
            plain(localized(row, "name")),
            _value_text(row),
            delta=delta,
            delta_color=DELTA_COLOURS[str(row["tone"])],
            delta_arrow="off",
            help=plain(note) or None,
        )
        if reading:
            # What the dashboard reads into the figure, with the report's exact words beside it.
            st.caption(t("prov.reading_wording", reading=plain(reading), wording=plain(row["wording_ja"])))
        source_caption(
            Source([str(row["source_id"])], sections_of(row), _as_of_text(row), notes=notes, pages=pages_of(row))
        )


def _cards_section() -> None:
    """KPI cards of the report's results, grouped by pillar, with the pillar filter."""
    pillars = cache.dataset("pillars").sort_values("order")
    facilities = cache.dataset("facility_counts")
    cards = m.kpi_cards(cache.dataset("dx_kpis"), cache.dataset("kpi_definitions"), facilities)
    st.header(t("dx.cards.heading"))
    chosen = _pillar_filter(pillars)
    towards = [
        f"{plain(localized(r, 'label'))}{t('prov.label_sep')}{t('not_published')}"
        for _, r in facilities[facilities["status"] != "actual"].iterrows()
    ]
    for _, pillar in pillars.iterrows():
        if chosen not in (ALL, pillar["pillar_id"]):
            continue
        rows = cards[cards["pillar_id"] == pillar["pillar_id"]]
        # Presenting, a pillar's cards take as many slides as they need, three a slide.
        per = CARDS_PER_SLIDE if presentation_mode() else max(1, len(rows))
        for start in range(0, max(1, len(rows)), per):
            with slide(), st.container(border=False):
                st.subheader(plain(localized(pillar, "name")))
                st.caption(plain(localized(pillar, "aims")))
                if rows.empty:
                    st.caption(t("dx.cards.none"))
                    continue
                with _card_row():
                    for _, row in rows.iloc[start : start + per].iterrows():
                        _card(row, towards if row["kpi_id"] == "facility_count" else ())
        if pillar["pillar_id"] == "citizen_dx":
            report_quotes(report_sentences("online"), lead=t("dx.online.report_words"))


# --------------------------------------------------------------------------- section 2: trends and derived


def _tone_labels(tones: Sequence[str]) -> dict[str, str]:
    """Tone code → translated legend name, for the tones present (in a fixed order)."""
    return {k: t(f"dx.tone.{k}") for k in ("neutral", "good", "bad") if k in set(tones)}


def _copy_unit() -> str:
    """The copy-output chart's unit switch (printed index or sheets a month), kept in the URL (``?dx_copy_unit=``)."""
    return (
        st.segmented_control(
            t("dx.copy.unit"),
            options=list(COPY_UNITS),
            format_func=lambda u: t(f"dx.copy.unit.{u}"),
            default=COPY_UNITS[0],
            key=COPY_UNIT_KEY,
            bind="query-params",
            required=True,
            help=t("dx.copy.unit_help"),
        )
        or COPY_UNITS[0]
    )


def _copy_blocks(kpis: pd.DataFrame, direction: str) -> None:
    """Copy output: one chart, in the printed index (2021 = 1) or, switched, in sheets a month (derived).

    The two are the same data in two units; one chart with a switch says so, where two charts side by
    side looked like two findings.
    """
    base = m.base_value(kpis, "copy_output_sheets_base")
    trend = m.copy_trend(m.kpi_series(kpis, "copy_output_index"), base)
    tones = m.tone_by_baseline(trend["value"], direction)
    labels = _tone_labels(tones)
    trend["tone_label"] = [labels[k] for k in tones]
    # The axis counts in 万枚 in Japanese, as the report's 「月300万枚」 does.
    per = 10_000 if language() == "ja" else 1
    trend = trend.assign(
        value_label=[_man(v) for v in trend["implied_sheets_per_month"]],
        axis_value=trend["implied_sheets_per_month"] / per,
    )
    table = _localized_table(
        trend,
        {
            "year": "dx.col.year",
            "value": "dx.col.index",
            "implied_sheets_per_month": "dx.col.implied_sheets",
            "tone_label": "dx.col.direction",
        },
    )
    # A trend of four years needs no more than part of the width; a slide gives it the whole screen.
    left = st.container() if presentation_mode() else st.columns([3, 2])[0]
    with left:
        unit = _copy_unit()
        if unit == "sheets":
            chart = cache.chart(implied_sheets_chart, trend, "axis_value", t("dx.axis.year"), t("dx.axis.sheets"))
            source = _source(
                kpis,
                "copy_output_index",
                "copy_output_sheets_base",
                derived=True,
                notes=[t("dx.note.sheets", printed=plain(_wording("copy_output_sheets_base")))],
            )
        else:
            chart = cache.chart(
                copy_index_chart, trend, t("dx.axis.year"), t("unit.index_2021"), labels, t("dx.legend.direction")
            )
            source = _source(kpis, "copy_output_index")
        data_block(
            key="dx_copy",
            title=t(f"dx.chart.copy.{unit}"),
            chart=chart,
            table=table,
            source=source,
            filename="copy_output",
        )


def _hours_chart(series: pd.DataFrame, tones: Sequence[str], gaps: Sequence[int], direction: str) -> VegaSpec:
    """Working hours as a before→after slope of the printed years (dashed across the years with no figure).

    522.0 and 498.5 as bars from zero look equal; the slope and the two numbers show the cut. More than two
    printed years keep the bars, with a marker where a year has no figure.
    """
    factor, axis_unit = chart_unit("hours_10k")
    if len(series) != 2:
        labels = _tone_labels(tones)
        years = m.fiscal_years_between(int(series["year"].min()), int(series["year"].max()))
        shown = series.assign(
            value=series["value"] * factor,
            fy_label=[fiscal_year_label(int(y)) for y in series["year"]],
            value_label=[fmt_value(v, "hours_10k", 1) for v in series["value"]],
            tone_label=[labels[k] for k in tones],
        )
        gap_frame = pd.DataFrame(
            {
                "fy_label": [fiscal_year_label(y) for y in gaps],
                "note": [t("dx.hours.gap", label=wareki(y)) for y in gaps],
            }
        )
        return cache.chart(
            working_hours_chart,
            shown,
            [fiscal_year_label(y) for y in years],
            gap_frame,
            t("dx.axis.fiscal_year"),
            axis_unit,
            labels,
            t("dx.legend.direction_fy"),
        )
    pair = pd.DataFrame(
        {
            "label": [fiscal_year_label(int(y)) for y in series["year"]],
            "value": series["value"].astype(float) * factor,
            "value_label": [fmt_value(v, "hours_10k", 1) for v in series["value"]],
        }
    )
    tone = m.direction_tone(float(series["value"].iloc[-1] - series["value"].iloc[0]), direction)
    return cache.chart(
        before_after_chart, pair, t("dx.axis.fiscal_year"), axis_unit, TONE_COLOURS[tone], gap=bool(len(gaps))
    )


def _hours_block(kpis: pd.DataFrame, direction: str) -> None:
    """Working hours R4 → R6: bars for printed years only, R5 marked as not published."""
    series = m.kpi_series(kpis, "working_hours")
    years = m.fiscal_years_between(int(series["year"].min()), int(series["year"].max()))
    gaps = m.unpublished_years(series, years)
    tones = m.tone_by_baseline(series["value"], direction)
    table = pd.DataFrame({"fiscal_year": [fiscal_year_label(y) for y in years], "year": years})
    table = table.merge(series[["year", "value"]], on="year", how="left")
    table["value"] = [None if is_missing(v) else fmt_value(v, "hours_10k", 1) for v in table["value"]]
    table["status"] = [t("dx.col.published") if y not in gaps else t("not_published") for y in years]
    notes = [t("dx.note.hours_gap", label=fiscal_year_label(y)) for y in gaps]
    data_block(
        key="dx_hours",
        title=t("dx.chart.hours"),
        chart=_hours_chart(series, tones, gaps, direction),
        table=_localized_table(
            table, {"fiscal_year": "dx.col.fiscal_year", "value": "dx.col.hours", "status": "dx.col.status"}
        ),
        source=_source(kpis, "working_hours", notes=notes),
        filename="working_hours",
    )
    reduction = kpis[kpis["kpi_id"].isin(["working_hours_reduction", "working_hours_reduction_rate"])]
    if len(reduction) == 2:
        saved = reduction.set_index("kpi_id")["value"]
        st.caption(
            t(
                "dx.hours.summary",
                start=_short_period(years[0], "fiscal_year"),
                end=_short_period(years[-1], "fiscal_year"),
                change=fmt_change(float(saved["working_hours_reduction"]), "hours_10k", 1),
                rate=fmt_change(float(saved["working_hours_reduction_rate"]), "percent", 1),
            )
        )
    # What the report says about the cut, word for word: how it was achieved, the kinds of work, where it goes.
    report_quotes(report_sentences("working_hours"), lead=t("dx.hours.report_words"))
    report_quotes(report_sentences("working_hours", ("work_type",)), lead=t("dx.hours.work_types"))
    _hours_context()


def _hours_context() -> None:
    """Published facts around the hours cut (the reform headquarters, the press's figures), each with its source."""
    figures = cache.dataset("context_figures")
    rows = figures[figures["topic"] == "working_hours"]
    if rows.empty:
        return
    st.markdown(
        f"**{t('dx.hours.context')}**\n\n" + "\n".join(f"- {plain(localized(r, 'note'))}" for _, r in rows.iterrows())
    )
    published = str(rows["published"].dropna().iloc[0]) if rows["published"].notna().any() else None
    source_caption(Source(list(dict.fromkeys(rows["source_id"])), as_of=published, notes=[t("dx.hours.context_apart")]))


def _derived_block(kpis: pd.DataFrame) -> None:
    """The derived figures: pre-reform online applications, hours saved as a share, copies saved."""
    value = kpis.groupby("kpi_id")["value"].last()
    hours = m.kpi_series(kpis, "working_hours")
    copy = m.kpi_series(kpis, "copy_output_index")
    base = m.base_value(kpis, "copy_output_sheets_base")
    after, multiple = float(value["online_applications"]), float(value["online_growth_vs_before"])
    saved, hours_base = abs(float(value["working_hours_reduction"])), float(hours["value"].iloc[0])
    latest_index, latest_year = float(copy["value"].iloc[-1]), int(copy["year"].iloc[-1])
    span = t(
        "dx.card.span",
        start=fiscal_year_label(int(hours["year"].iloc[0])),
        end=fiscal_year_label(int(hours["year"].iloc[-1])),
    )
    # (key, value, unit, formula, as-of of the inputs)
    figures = [
        (
            "before",
            m.implied_before(after, multiple),
            "applications_per_year",
            t("dx.derived.before_formula", after=fmt_number(after), multiple=fmt_number(multiple)),
            t("dx.derived.before_as_of"),  # "before the reform" has no printed date; 2025.3 dates the result
        ),
        (
            "hours_share",
            m.share_pct(saved, hours_base),
            "percent",
            t(
                "dx.derived.hours_share_formula",
                saved=fmt_value(saved, "hours_10k", 1),
                base=fmt_value(hours_base, "hours_10k", 1),
                printed=fmt_change(float(value["working_hours_reduction_rate"]), "percent", 1),
            ),
            span,
        ),
        (
            "copy_saved",
            m.copy_reduction_sheets(latest_index, base),
            "sheets_per_month",
            t(
                "dx.derived.copy_saved_formula",
                index=fmt_number(latest_index, 2),
                base=join_unit(_man(base), "sheets_per_month"),
            ),
            str(latest_year),
        ),
    ]
    st.subheader(t("dx.derived.heading"))
    st.caption(t("dx.derived.intro"))
    rows = []
    grid = _card_row()
    inputs = {
        "before": ("online_applications", "online_growth_vs_before"),
        "hours_share": ("working_hours", "working_hours_reduction"),
        "copy_saved": ("copy_output_index", "copy_output_sheets_base"),
    }
    wording = cache.dataset("kpi_definitions").set_index("kpi_id")["wording_ja"]
    for key, number, unit, formula, as_of in figures:
        source_kpis = inputs[key]
        label = t(f"dx.derived.{key}", year=latest_year)
        if unit == "sheets_per_month":
            text = join_unit(_man(round(number)), unit)
        else:
            text = join_unit(fmt_number(number, 1 if unit == "percent" else 0), unit)
        printed = t("dx.derived.report_sep").join(
            t("prov.quoted", text=plain(str(wording[k])))
            for k in source_kpis
            if k in wording.index and not is_missing(wording[k])
        )
        with grid, st.container(border=True, width=CARD_WIDTH):
            # What the report prints comes first; the dashboard's computation second, labelled, with its method.
            st.caption(t("dx.derived.report_says", printed=printed))
            st.caption(t("dx.derived.computed"))
            st.metric(label, text, help=formula)
            source_caption(
                _source(
                    kpis,
                    *source_kpis,
                    as_of=None if is_missing(as_of) else str(as_of),
                    derived=True,
                    notes=[t("dx.derived.method", formula=formula), *_derived_notes(key, wording)],
                )
            )
        rows.append({"figure": label, "value": round(number, 4), "unit": unit_label(unit), "formula": formula})
    download_csv(
        _localized_table(
            pd.DataFrame(rows), {"figure": "dx.col.figure", "value": "dx.col.value", "formula": "dx.col.formula"}
        ),
        "dx_derived",
        "dx_derived",
        title=t("dx.derived.heading"),
    )


def _derived_notes(key: str, wording: pd.Series) -> list[str]:
    """What a derived figure depends on beyond its formula (a reading of the report, a missing date)."""
    if not has(f"dx.derived.{key}_depends"):
        return []
    return [t(f"dx.derived.{key}_depends", printed=plain(str(wording.get("copy_output_sheets_base", ""))))]


def _wording(kpi_id: str) -> str:
    """The report's own words for a KPI (``kpi_definitions.wording_ja``)."""
    return str(cache.dataset("kpi_definitions").set_index("kpi_id")["wording_ja"].get(kpi_id, ""))


def _trends_section() -> None:
    """Trends (copy output, working hours) and the derived figures."""
    kpis = cache.dataset("dx_kpis")
    directions = cache.dataset("kpi_definitions").set_index("kpi_id")["direction"]
    st.header(t("dx.trends.heading"))
    _copy_blocks(kpis, str(directions["copy_output_index"]))
    left, right = st.columns(2)
    with left:
        _hours_block(kpis, str(directions["working_hours"]))
    with right, slide(), guarded("dx.derived"):
        _derived_block(kpis)


# --------------------------------------------------------------------------- section 3: My Number card


def _series_label(kind: str, label: str) -> str:
    """Display name of an uptake series: the municipality, or the weighted prefecture / nation."""
    return t(f"dx.mn.series.{kind}") if kind in ("prefecture", "national") else label


def _mynumber_cards(series: pd.DataFrame, as_of: str, n_munis: int) -> None:
    """Latest Iwaki, Fukushima and national rates and Iwaki's percentile among ``n_munis``, as cards."""
    latest = series[series["snapshot"] == series["snapshot"].max()].set_index("series_kind")
    iwaki, pref, nation = (float(latest.loc[k, "rate_pct"]) for k in ("iwaki", "prefecture", "national"))
    grid = _card_row()
    specs = [
        ("iwaki", iwaki, nation, [t("dx.mn.note.population")], False),
        ("prefecture", pref, None, [t("dx.mn.note.weighted")], True),
        ("national", nation, None, [t("dx.mn.note.weighted")], True),
    ]
    for kind, rate, versus, notes, derived in specs:
        delta: str | None = None
        colour: DeltaColour = "gray"
        if versus is not None:
            diff = round(rate - versus, 1)
            gap = fmt_value(abs(diff), "points", 1)
            delta = t("dx.mn.equal") if diff == 0 else t("dx.mn.below" if diff < 0 else "dx.mn.above", gap=gap)
            colour = DELTA_COLOURS[m.direction_tone(diff, "higher_better")]
        with grid, st.container(border=True, width=CARD_WIDTH):
            st.metric(
                t(f"dx.mn.card.{kind}"),
                join_unit(fmt_number(rate, 1), "percent"),
                delta=delta,
                delta_color=colour,
                delta_arrow="off",
            )
            source_caption(open_source(open_data.MYNUMBER_FILE, as_of=as_of, derived=derived, notes=notes))
    with grid, st.container(border=True, width=CARD_WIDTH):
        st.metric(
            t("dx.mn.card.percentile"),
            t("dx.mn.percentile_value", value=ordinal(round(float(latest.loc["iwaki", "percentile"])))),
        )
        source_caption(
            open_source(
                open_data.MYNUMBER_FILE,
                as_of=as_of,
                derived=True,
                notes=[t("dx.mn.note.percentile", n=fmt_number(n_munis))],
            )
        )


def _mynumber_section() -> None:
    """My Number card issuance: Iwaki vs the weighted Fukushima and national rates, percentile, peers."""
    with slide():
        st.header(t("dx.mn.heading"))
        st.caption(t("dx.mn.intro"))
        _, options, n_munis = cache.mynumber_prepared()
        peers = st.multiselect(
            t("dx.mn.peers"),
            options,
            key=PEERS_KEY,
            bind="query-params",
            max_selections=MAX_PEERS,
            placeholder=t("dx.mn.peers_placeholder"),
            help=t("dx.mn.peers_help", n=MAX_PEERS),
        )
        series = cache.uptake_series(list(peers)).copy()
        series["series_label"] = [
            _series_label(k, s) for k, s in zip(series["series_kind"], series["series"], strict=True)
        ]
        as_of = pd.Timestamp(series["snapshot"].max()).strftime("%Y-%m-%d")
        _mynumber_cards(series, as_of, n_munis)

    legend = series.drop_duplicates("series_label")
    domain, colours = series_colours(legend["series_label"].tolist(), legend["series_kind"].tolist())
    shown = series.assign(
        date=series["snapshot"].dt.strftime("%Y-%m-%d"),
        rate_pct=series["rate_pct"].round(2),
        percentile=series["percentile"].round(1),
    )
    left, right = st.columns(2)
    with left:
        data_block(
            key="dx_mn_rate",
            title=t("dx.mn.chart_rate"),
            chart=cache.chart(
                uptake_chart,
                shown,
                "rate_pct",
                t("dx.mn.axis.snapshot"),
                t("dx.mn.axis.rate"),
                t("dx.mn.legend"),
                domain,
                colours,
                y_max=min(100.0, math.ceil(float(shown["rate_pct"].max()) / 10) * 10 + 10),
            ),
            table=_localized_table(
                shown,
                {
                    "date": "dx.col.snapshot",
                    "series_label": "dx.col.series",
                    "rate_pct": "dx.col.rate",
                    "cards": "dx.col.cards",
                    "population": "dx.col.population",
                },
            ),
            source=open_source(
                open_data.MYNUMBER_FILE,
                as_of=as_of,
                derived=True,
                notes=[t("dx.mn.note.weighted"), t("dx.mn.note.population")],
            ),
            filename="mynumbercard_rate",
        )
    municipal = shown[shown["series_kind"].isin(["iwaki", "peer"])]
    m_domain = [d for d, k in zip(domain, legend["series_kind"], strict=True) if k in ("iwaki", "peer")]
    m_colours = [c for c, k in zip(colours, legend["series_kind"], strict=True) if k in ("iwaki", "peer")]
    with right:
        data_block(
            key="dx_mn_pct",
            title=t("dx.mn.chart_percentile"),
            chart=cache.chart(
                uptake_chart,
                municipal,
                "percentile",
                t("dx.mn.axis.snapshot"),
                t("dx.mn.axis.percentile"),
                t("dx.mn.legend"),
                m_domain,
                m_colours,
            ),
            table=_localized_table(
                municipal,
                {
                    "date": "dx.col.snapshot",
                    "series_label": "dx.col.series",
                    "percentile": "dx.col.percentile",
                    "rate_pct": "dx.col.rate",
                },
            ),
            source=open_source(
                open_data.MYNUMBER_FILE,
                as_of=as_of,
                derived=True,
                notes=[t("dx.mn.note.percentile", n=fmt_number(n_munis))],
            ),
            filename="mynumbercard_percentile",
        )


# --------------------------------------------------------------------------- page


def render() -> None:
    """Draw the page."""
    with slide():
        page_header("dx.title", "dx.intro")
    # Each part reruns alone when its widgets change; the parts below the cards are built when opened.
    section("dx.cards", _cards_section)
    st.divider()
    trend_params = ("dx_copy_view", "dx_sheets_view", "dx_hours_view")
    section(
        "dx.trends", partial(on_demand, "open_dx_trends", t("dx.trends.heading"), _trends_section, linked=trend_params)
    )
    st.divider()
    mn_params = (PEERS_KEY, "dx_mn_rate_view", "dx_mn_pct_view")
    section("dx.mynumber", partial(on_demand, "open_dx_mn", t("dx.mn.heading"), _mynumber_section, linked=mn_params))
    updated_caption(["dx_kpis", "kpi_definitions", "facility_counts", "pillars"])
