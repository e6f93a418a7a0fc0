"""DX KPI charts: copy output, implied sheets, working hours (with the unpublished R5), My Number card uptake.

Pure functions: data frames and already-translated texts in, a themed Altair
chart out. Bars of a trend are coloured by direction against the first year
(GOOD / BAD from the theme; the base year is neutral).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import altair as alt
import pandas as pd

from dashboard.charts.theme import (
    BAD,
    BLACK,
    BLUE,
    GOOD,
    GREEN,
    GREY,
    IWAKI,
    NEUTRAL,
    ORANGE,
    PURPLE,
    SKY_BLUE,
    YELLOW,
    layer,
    themed,
)

TONE_COLOURS: dict[str, str] = {"good": GOOD, "bad": BAD, "neutral": NEUTRAL}
# Series colours of the uptake charts: Iwaki always vermillion, the aggregates blue and black, peers the rest.
PREFECTURE_COLOUR = BLUE
NATIONAL_COLOUR = BLACK
# Orange comes late: thin orange and vermillion lines are hard to tell apart.
PEER_COLOURS: tuple[str, ...] = (GREEN, PURPLE, SKY_BLUE, ORANGE, GREY, YELLOW)
MAX_PEERS = len(PEER_COLOURS)
# Streamlit sizes charts with Vega's "fit": the height includes axes and a legend below the
# plot, so charts with a legend get more of it to keep the plot itself readable.
LEGEND_HEIGHT = 420


def _tone_scale(tone_labels: dict[str, str]) -> alt.Scale:
    """Colour scale from tone codes to GOOD/BAD/NEUTRAL, for the tones present in ``tone_labels``."""
    return alt.Scale(domain=list(tone_labels.values()), range=[TONE_COLOURS[k] for k in tone_labels])


def copy_index_chart(
    df: pd.DataFrame, x_title: str, y_title: str, tone_labels: dict[str, str] | None = None, legend_title: str = ""
) -> alt.LayerChart:
    """Copy-output index by year (2021 = 1).

    ``df`` has columns year, value and, when ``tone_labels`` is given (tone
    codes good/bad/neutral → translated names), tone_label: the bars are then
    coloured by direction against 2021; without it they are plain blue.
    """
    base = alt.Chart(df).encode(
        x=alt.X("year:O", title=x_title),
        y=alt.Y("value:Q", title=y_title, scale=alt.Scale(domain=[0, 1.1])),
        tooltip=[alt.Tooltip("year:O", title=x_title), alt.Tooltip("value:Q", title=y_title, format=".2f")],
    )
    if tone_labels:
        bars = base.mark_bar(size=48).encode(
            color=alt.Color("tone_label:N", title=legend_title, scale=_tone_scale(tone_labels))
        )
    else:
        bars = base.mark_bar(size=48, color=BLUE)
    labels = base.mark_text(dy=-10, fontSize=14).encode(text=alt.Text("value:Q", format=".2f"))
    return themed(layer(bars, labels), height=LEGEND_HEIGHT if tone_labels else 360)


def implied_sheets_chart(df: pd.DataFrame, y_field: str, x_title: str, y_title: str) -> alt.LayerChart:
    """Implied sheets a month by year (index × the 2021 base), a derived figure.

    ``df`` has columns year, ``y_field`` (the sheets in the unit of
    ``y_title``: 万枚 in Japanese, sheets in English) and value_label (the
    formatted number printed above each bar).
    """
    top = float(df[y_field].max()) * 1.15 if len(df) else 1.0  # room for the labels above the bars
    base = alt.Chart(df).encode(
        x=alt.X("year:O", title=x_title),
        y=alt.Y(
            f"{y_field}:Q", title=y_title, scale=alt.Scale(domain=[0, top], nice=False), axis=alt.Axis(format=",~f")
        ),
        tooltip=[alt.Tooltip("year:O", title=x_title), alt.Tooltip(f"{y_field}:Q", title=y_title, format=",~f")],
    )
    # Hatched look is not available in Vega-Lite; a lighter colour with an outline marks "derived".
    bars = base.mark_bar(size=48, color=SKY_BLUE, stroke=BLUE, strokeDash=[4, 3], strokeWidth=1.5)
    labels = base.mark_text(dy=-10, fontSize=14).encode(text="value_label:N")
    return themed(layer(bars, labels))


def working_hours_chart(
    series: pd.DataFrame,
    axis_labels: Sequence[str],
    gaps: pd.DataFrame,
    x_title: str,
    y_title: str,
    tone_labels: dict[str, str],
    legend_title: str,
) -> alt.LayerChart:
    """Working hours by fiscal year: bars only where the report prints a figure, a marker where it does not.

    ``series`` has fy_label, value, value_label, tone_label (published years
    only); ``axis_labels`` every fiscal year of the axis in order; ``gaps``
    has fy_label, note for the years without a figure (R5): they get a text
    marker, never a bar, a zero or a line.
    """
    x = alt.X("fy_label:N", title=x_title, sort=list(axis_labels), scale=alt.Scale(domain=list(axis_labels)))
    top = float(series["value"].max()) * 1.15 if len(series) else 1.0
    y_scale = alt.Scale(domain=[0, top])
    base = alt.Chart(series).encode(
        x=x,
        y=alt.Y("value:Q", title=y_title, scale=y_scale),
        tooltip=[alt.Tooltip("fy_label:N", title=x_title), alt.Tooltip("value:Q", title=y_title, format=",.1f")],
    )
    bars = base.mark_bar(size=56).encode(
        color=alt.Color("tone_label:N", title=legend_title, scale=_tone_scale(tone_labels))
    )
    labels = base.mark_text(dy=-10, fontSize=14).encode(text="value_label:N")
    # The gap marker sits at mid-height of the plot (a pixel position, not a value on the y scale),
    # so nothing in the chart suggests a figure for the year.
    marker = (
        alt.Chart(gaps)
        .mark_text(fontSize=13, color=GREY, lineBreak="\n")
        .encode(x=x, y=alt.value({"expr": "height / 2"}), text="note:N", tooltip=[alt.Tooltip("note:N", title=x_title)])
    )
    return themed(layer(bars, labels, marker), height=LEGEND_HEIGHT)


def series_colours(series_labels: Sequence[str], kinds: Sequence[str]) -> tuple[list[str], list[str]]:
    """Colour domain and range for the uptake series: Iwaki vermillion, prefecture blue, nation black, peers after.

    ``series_labels`` and ``kinds`` are parallel (kind iwaki / prefecture /
    national / peer), one entry per series, in legend order.
    """
    fixed = {"iwaki": IWAKI, "prefecture": PREFECTURE_COLOUR, "national": NATIONAL_COLOUR}
    colours, peer_i = [], 0
    for kind in kinds:
        if kind in fixed:
            colours.append(fixed[kind])
        else:
            colours.append(PEER_COLOURS[peer_i % len(PEER_COLOURS)])
            peer_i += 1
    return list(series_labels), colours


def uptake_chart(
    df: pd.DataFrame,
    y_field: str,
    x_title: str,
    y_title: str,
    legend_title: str,
    domain: Sequence[str],
    colours: Sequence[str],
    y_max: float = 100.0,
) -> alt.LayerChart:
    """Lines over the snapshots, one per series; aggregates dashed, Iwaki thick.

    ``df`` has snapshot (datetime), series_label, series_kind and ``y_field``
    (rate_pct or percentile).
    """
    dash = alt.condition(
        alt.FieldOneOfPredicate(field="series_kind", oneOf=["prefecture", "national"]),
        alt.value([6, 4]),
        alt.value([1, 0]),
    )
    width = alt.condition(alt.datum.series_kind == "iwaki", alt.value(3.5), alt.value(2))
    base = alt.Chart(df).encode(
        x=alt.X("snapshot:T", title=x_title, axis=alt.Axis(format="%Y", tickCount="year")),
        y=alt.Y(f"{y_field}:Q", title=y_title, scale=alt.Scale(domain=[0, y_max], nice=False)),
        color=alt.Color(
            "series_label:N",
            title=legend_title,
            sort=list(domain),
            scale=alt.Scale(domain=list(domain), range=list(colours)),
            legend=alt.Legend(columns=2, symbolType="stroke"),
        ),
        detail="series_label:N",
        tooltip=[
            alt.Tooltip("series_label:N", title=legend_title),
            alt.Tooltip("snapshot:T", title=x_title, format="%Y-%m-%d"),
            alt.Tooltip(f"{y_field}:Q", title=y_title, format=".1f"),
        ],
    )
    lines = base.mark_line().encode(strokeDash=dash, strokeWidth=width)
    points = base.mark_point(filled=True, size=18)
    # Up to nine legend entries in two columns sit below the plot.
    return themed(layer(lines, points), height=LEGEND_HEIGHT + 20 * math.ceil(len(domain) / 2))
