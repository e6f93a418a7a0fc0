"""Overview chart: the timeline of initiatives (構造改革の歩み), one lane per pillar.

Each initiative is a marker at its month, coloured by its pillar (the
dashboard's classification), with its name beside it. Items printed without a
month are drawn as a hollow square at the start of their fiscal year with a
dashed line over the whole year, so they read as "some time in this fiscal
year"; an item that runs on carries a solid line to its end. Fiscal years are
shaded bands labelled above the plot. Lanes and rows come from
``metrics.overview.pack_rows`` / ``slot_keys``, so labels do not collide.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

from dashboard.charts.theme import BLACK, GREY, layer, themed

ROW_PX = 16  # height of one row of a lane: 12 px labels with 4 px between rows, so verdict, cards and the whole timeline fit one 1920×1080 screen
SPAN_OFFSET = 7  # px below the row's middle: a span runs under the item's label, not through it
LABEL_PX = 12  # font size of the item labels (metrics.overview.pack_rows measures with it)
LABEL_LIMIT = 240  # px; longer names are cut with an ellipsis (the tooltip and table have them whole)
BAND_FILL = "#f2f2f2"
SEPARATOR = "#d9d9d9"
SHAPE_DATED = "circle"
SHAPE_UNDATED = "square"


def _iso(ts: pd.Timestamp) -> str:
    """Local-time ISO text (no zone), read by Vega-Lite as local time like every date of the chart."""
    return pd.Timestamp(ts).strftime("%Y-%m-%dT%H:%M:%S")


def _datetime(ts: pd.Timestamp) -> alt.DateTime:
    ts = pd.Timestamp(ts)
    return alt.DateTime(year=ts.year, month=ts.month, date=ts.day)


def timeline_chart(
    items: pd.DataFrame,
    *,
    bands: pd.DataFrame,
    domain: tuple[pd.Timestamp, pd.Timestamp],
    colours: Mapping[str, str],
    marker_key: str,
    titles: Mapping[str, str],
    date_format: str,
    tick_months: Sequence[int] = (4, 10),
    label_limit: int = LABEL_LIMIT,
) -> alt.LayerChart:
    """The timeline: lanes by pillar, an item a marker with its name, undated items marked apart.

    ``items`` (from ``metrics.overview.slot_keys``) has columns slot,
    lane_label, pillar_id, label, date, month_known, span_start, span_end,
    label_side, when_label, fy_label, detail. ``bands`` has start, end, shade
    and fy_label. ``colours`` maps lane_label → colour;
    ``marker_key`` is the line above the plot saying what the two marker
    shapes mean. ``titles`` gives the tooltip titles (name, pillar, when,
    fiscal_year, detail). ``date_format`` is a d3 time format; ``label_limit``
    the width (px) at which an item's name is cut with an ellipsis.
    """
    data = items.assign(
        date=items["date"].map(_iso),
        span_start=items["span_start"].map(lambda v: None if pd.isna(v) else _iso(v)),
        span_end=items["span_end"].map(lambda v: None if pd.isna(v) else _iso(min(v, domain[1]))),
        runs_on=[not pd.isna(e) and e > domain[1] for e in items["span_end"]],
    )[
        [
            "slot",
            "lane_label",
            "label",
            "date",
            "span_start",
            "span_end",
            "runs_on",
            "label_side",
            "when_label",
            "fy_label",
            "detail",
            "month_known",
        ]
    ]
    band_data = bands.assign(start=bands["start"].map(_iso), end=bands["end"].map(_iso))[
        ["start", "end", "shade", "fy_label"]
    ]
    lo, hi = domain
    ticks = [
        _datetime(pd.Timestamp(y, m, 1))
        for y in range(lo.year, hi.year + 1)
        for m in tick_months
        if lo <= pd.Timestamp(y, m, 1) <= hi
    ]
    x_scale = alt.Scale(domain=[_datetime(lo), _datetime(hi)], nice=False)
    x = alt.X(
        "date:T",
        title=None,
        scale=x_scale,
        axis=alt.Axis(values=ticks, format=date_format, labelAngle=0, grid=False, orient="bottom"),
    )
    lane_order = sorted(data["slot"].unique())
    y = alt.Y(
        "slot:O",
        title=None,
        sort=lane_order,
        scale=alt.Scale(domain=lane_order, paddingInner=0, paddingOuter=0),
        axis=alt.Axis(
            labelExpr="slice(datum.value, indexof(datum.value, '|') + 1)",
            ticks=False,
            domain=False,
            labelFontWeight="bold",
            labelPadding=10,
            labelLimit=0,  # a pillar name is never cut (「Administrative & fiscal manag…」 in English)
        ),
    )
    colour = alt.Color("lane_label:N", scale=alt.Scale(domain=list(colours), range=list(colours.values())), legend=None)
    tooltip = [
        alt.Tooltip("label:N", title=titles["name"]),
        alt.Tooltip("lane_label:N", title=titles["pillar"]),
        alt.Tooltip("fy_label:N", title=titles["fiscal_year"]),
        alt.Tooltip("when_label:N", title=titles["when"]),
        alt.Tooltip("detail:N", title=titles["detail"]),
    ]

    band_x = alt.X("start:T", scale=x_scale, title=None)
    shading = (
        alt.Chart(band_data)
        .transform_filter("datum.shade == 1")
        .mark_rect(color=BAND_FILL)
        .encode(x=band_x, x2="end:T")
    )
    band_text = (
        alt.Chart(band_data)
        .mark_text(align="left", baseline="bottom", dx=4, dy=-4, fontSize=13, fontWeight="bold", color=BLACK)
        .encode(x=band_x, y=alt.YValue(0), text="fy_label:N")
    )
    # The key to the two marker shapes is a line of text above the plot (a Vega-Lite legend
    # cannot draw one symbol filled and the other hollow).
    key = (
        alt.Chart(pd.DataFrame({"text": [marker_key]}))
        .mark_text(align="left", baseline="bottom", fontSize=12, color=GREY, dy=-28)
        .encode(x=alt.XValue(0), y=alt.YValue(0), text="text:N")
    )

    # The item layers share their data and the lane position, colour and tooltip (set once below).
    item = alt.Chart()
    separators = (
        item.transform_filter("indexof(datum.slot, '|') < length(datum.slot) - 1")
        .mark_rule(tooltip=False)
        .encode(
            y=alt.Y("slot:O", sort=lane_order, bandPosition=0),
            x=alt.XValue(0),
            x2=alt.X2Value("width"),
            color=alt.ColorValue(SEPARATOR),
        )
    )
    # Spans: dotted over the fiscal year of an undated item, solid where an item runs on.
    spans = (
        item.transform_filter("isValid(datum.span_start)")
        .mark_rule(
            strokeWidth=3, opacity=0.55, yOffset=SPAN_OFFSET, strokeDash=alt.ExprRef("datum.runs_on ? [1, 0] : [4, 3]")
        )
        .encode(x=alt.X("span_start:T", scale=x_scale, title=None), x2="span_end:T")
    )
    dated = (
        item.transform_filter("datum.month_known")
        .mark_point(shape=SHAPE_DATED, size=130, filled=True, opacity=1)
        .encode(x=x)
    )
    undated = (
        item.transform_filter("!datum.month_known")
        .mark_point(shape=SHAPE_UNDATED, size=130, strokeWidth=2.5, opacity=1, filled=False, fill="#ffffff")
        .encode(x=x)
    )
    # Labels right of their marker, or left of it near the chart's right edge (metrics.overview.pack_rows).
    labels = item.mark_text(
        align=alt.ExprRef("datum.label_side == 'left' ? 'right' : 'left'"),
        dx=alt.ExprRef("datum.label_side == 'left' ? -9 : 9"),
        baseline="middle",
        fontSize=LABEL_PX,
        limit=label_limit,
    ).encode(x=x, text="label:N", color=alt.ColorValue(BLACK))
    runs_on = (
        item.transform_filter("datum.runs_on")
        .mark_text(align="right", baseline="middle", dy=SPAN_OFFSET, fontSize=14, text="→")
        .encode(x=alt.X("span_end:T", scale=x_scale, title=None), color=alt.ColorValue(GREY))
    )
    items_layer = layer(separators, spans, dated, undated, labels, runs_on, data=data).encode(
        y=y, color=colour, tooltip=tooltip
    )
    chart = layer(shading, band_text, items_layer, key).properties(height=alt.Step(ROW_PX))
    return themed(chart, height=None)
