"""Staff-survey charts: proportion bars for published shares, diverging Likert bars, the trend across waves.

Pure functions returning Altair charts; labels arrive already translated and
the geometry (segment starts and ends) is computed in ``metrics.survey``.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from dashboard.charts.theme import BLUE, ORANGE, PALETTE, SKY_BLUE, VERMILLION, layer, themed

REST_COLOUR = "#C8C8C8"
"""The remainder whose breakdown is unknown: a light grey, so it does not read as an answer."""
NEUTRAL_COLOUR = "#BDBDBD"
# Agreeing side in blues, disagreeing side in vermillion/orange (Okabe–Ito), strongest first;
# the light tints extend a 7-point scale without leaving the two hues.
_AGREE = (BLUE, SKY_BLUE, "#A6D5F2")
_DISAGREE = (VERMILLION, ORANGE, "#F5D08C")
_DARK = {BLUE, VERMILLION}
BAR_HEIGHT = 26
"""Thickness of a bar in pixels."""
LINE_HEIGHT = 17
"""Pixels per line of a row label written above its bar."""
FRAME_HEIGHT = 110
"""Pixels of axis, axis title and legend, which Streamlit fits into a chart's total height."""


def _lines(label: str) -> int:
    return label.count("\n") + 1


def _max_lines(df: pd.DataFrame) -> int:
    return max(_lines(r) for r in df["row"].unique())


def _row_step(df: pd.DataFrame) -> int:
    """Pixels per row: its label lines, the bar below them and a gap."""
    return BAR_HEIGHT + LINE_HEIGHT * _max_lines(df) + 14


def _bar_offset(df: pd.DataFrame) -> float:
    """How far below the row's centre a bar sits, so that it starts just under the label block."""
    label_block = LINE_HEIGHT * _max_lines(df)
    return label_block + 8 + BAR_HEIGHT / 2 - _row_step(df) / 2


def _sized(layer: alt.LayerChart, df: pd.DataFrame) -> alt.LayerChart:
    # A step height (not a total): Vega-Lite then makes every row exactly one step
    # tall whatever the renderer adds for axes and legend, so labels and bars align.
    return themed(layer.properties(height=alt.Step(_row_step(df))), height=None)


def _y(df: pd.DataFrame) -> alt.Y:
    # Rows are labelled above the bars (not on the axis), so a phone's narrow
    # screen still has the full width for the bars.
    return alt.Y(
        "row:N",
        title=None,
        sort=list(df["row"].drop_duplicates()),
        axis=None,
        scale=alt.Scale(paddingInner=0.0, paddingOuter=0.0),
    )


def _row_labels(df: pd.DataFrame, x: float) -> alt.LayerChart:
    """Each row's label, left-aligned just above its bar (multi-line labels break at ``\\n``).

    One text layer per line count: a label's block must end just above the bar,
    and the offset of a text mark is a single number per layer.
    """
    labels = df[["row"]].drop_duplicates().assign(x=x)
    labels["lines"] = labels["row"].map(_lines)
    bar_top = _bar_offset(df) - BAR_HEIGHT / 2
    layers = []
    for lines, block in labels.groupby("lines"):
        layers.append(
            alt.Chart(block)
            .mark_text(
                align="left",
                baseline="top",
                dy=bar_top - 4 - LINE_HEIGHT * int(lines),
                fontSize=13,
                lineBreak="\n",
                lineHeight=LINE_HEIGHT,
                fontWeight="bold",
                color="#31333F",
            )
            .encode(y=_y(df), x=alt.X("x:Q"), text="row:N")
        )
    return layer(*layers)


def _legend() -> alt.Legend:
    # Two columns: a five-point scale wraps onto three lines on a phone instead of running off the screen.
    # Labels are never cut (「Published share (answer options not pri…」 hid what the colour means).
    return alt.Legend(orient="bottom", columns=2, labelLimit=0, symbolType="square", columnPadding=24)


def wrap_label(text: str, width: int = 18) -> str:
    """Break a long axis label into lines of about ``width`` characters (words kept whole when spaced).

    Japanese has no spaces, so it is cut every ``width`` characters; English
    wraps at word boundaries with roughly twice the width (Latin letters are narrower).
    """
    if " " in text.strip():
        return "\n".join(textwrap.wrap(text, width * 2)) or text
    return "\n".join(text[i : i + width] for i in range(0, len(text), width)) or text


def score_colours(scores: list[float]) -> list[str]:
    """Colours for Likert scores: blues for agreement, vermillion/orange for disagreement, grey for neutral.

    The strongest answer on each side takes the darkest colour whatever the
    length of the scale (4, 5 or 7 points).
    """
    positive = sorted({s for s in scores if s > 0}, reverse=True)
    negative = sorted({s for s in scores if s < 0})
    colours = []
    for s in scores:
        if s > 0:
            colours.append(_AGREE[min(positive.index(s), len(_AGREE) - 1)])
        elif s < 0:
            colours.append(_DISAGREE[min(negative.index(s), len(_DISAGREE) - 1)])
        else:
            colours.append(NEUTRAL_COLOUR)
    return colours


def proportion_bars(df: pd.DataFrame, share_title: str) -> alt.LayerChart:
    """100 % bars: each option's share and, in grey, the rest whose breakdown is unknown.

    ``df``: row (bar label), part (legend label), share (percent), order (stack
    order within a bar), kind (``option`` or ``rest``), rank (position of the
    option within its question: the first is blue, as the published share).
    """
    legend = df.sort_values(["kind", "rank", "order"]).drop_duplicates("part")
    colours = [
        REST_COLOUR if k == "rest" else PALETTE[int(r) % len(PALETTE)]
        for k, r in zip(legend["kind"], legend["rank"], strict=True)
    ]
    data = df.sort_values(["order"], kind="stable").copy()
    data["end"] = data.groupby("row", sort=False)["share"].cumsum()
    data["start"] = data["end"] - data["share"]
    data["label"] = data["share"].map(lambda v: f"{v:.0f}%")
    offset = _bar_offset(df)
    base = alt.Chart(data).encode(y=_y(df))
    bars = base.mark_bar(size=BAR_HEIGHT, yOffset=offset).encode(
        x=alt.X(
            "start:Q",
            title=share_title,
            scale=alt.Scale(domain=[0, 100]),
            axis=alt.Axis(values=list(range(0, 101, 10))),
        ),
        x2="end:Q",
        color=alt.Color(
            "part:N",
            title=None,
            sort=list(legend["part"]),
            legend=_legend(),
            scale=alt.Scale(domain=list(legend["part"]), range=colours),
        ),
        tooltip=[alt.Tooltip("row:N"), alt.Tooltip("part:N"), alt.Tooltip("share:Q", format=".1f")],
    )
    text = (
        base.mark_text(align="right", dx=-6, yOffset=offset, fontSize=14, fontWeight="bold")
        .encode(
            x="end:Q",
            text="label:N",
            color=alt.condition(alt.datum.kind == "rest", alt.value("#333333"), alt.value("white")),
        )
        .transform_filter(alt.datum.share >= 6)
    )
    return _sized(layer(bars, text, _row_labels(df, 0)), df)


def likert_bars(df: pd.DataFrame, axis_title: str) -> alt.LayerChart:
    """Diverging Likert bars: disagreement left of 0, agreement right, the neutral answer split around 0.

    ``df``: row (bar label: a question or a group), legend (colour label of the
    score), option (the option's own wording, for the tooltip), score, share,
    start, end (percent, from :func:`dashboard.metrics.survey.diverging_segments`).
    """
    legend = df.sort_values("score").drop_duplicates("score")
    domain = list(legend["legend"])
    colours = score_colours(list(legend["score"]))
    dark = [legend_label for legend_label, colour in zip(domain, colours, strict=True) if colour in _DARK]
    extent = max(50.0, float(df["start"].abs().max()), float(df["end"].abs().max()))
    extent = min(100.0, 10 * -(-extent // 10))
    data = df.assign(mid=(df["start"] + df["end"]) / 2, label=df["share"].map(lambda v: f"{v:.0f}"))
    offset = _bar_offset(df)
    base = alt.Chart(data).encode(y=_y(df))
    bars = base.mark_bar(size=BAR_HEIGHT, yOffset=offset).encode(
        x=alt.X(
            "start:Q",
            title=axis_title,
            scale=alt.Scale(domain=[-extent, extent], nice=False),
            axis=alt.Axis(labelExpr="abs(datum.value) + '%'", tickCount=10, titleAnchor="middle", titleAlign="center"),
        ),
        x2="end:Q",
        color=alt.Color(
            "legend:N", title=None, sort=domain, legend=_legend(), scale=alt.Scale(domain=domain, range=colours)
        ),
        tooltip=[alt.Tooltip("row:N"), alt.Tooltip("option:N"), alt.Tooltip("share:Q", format=".1f")],
    )
    text = (
        base.mark_text(fontSize=12, yOffset=offset)
        .encode(
            x="mid:Q",
            text="label:N",
            color=alt.condition(
                alt.FieldOneOfPredicate(field="legend", oneOf=dark), alt.value("white"), alt.value("#222222")
            ),
        )
        .transform_filter(alt.datum.share >= 5)
    )
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#444444", strokeWidth=1).encode(x="x:Q")
    return _sized(layer(bars, text, zero, _row_labels(df, -extent)), df)


def trend_chart(df: pd.DataFrame, wave_title: str, share_title: str) -> alt.LayerChart:
    """Favourable share per wave and question, with 95 % Wilson intervals where the respondent count is known.

    ``df``: wave (sortable code), wave_label, question, share, ci_low, ci_high (percent).
    """
    order = list(df.sort_values("wave")["wave_label"].drop_duplicates())
    base = alt.Chart(df).encode(
        x=alt.X(
            "wave_label:O",
            title=wave_title,
            sort=order,
            axis=alt.Axis(labelAngle=0, labelExpr="split(datum.label, '\\n')"),
        ),
        color=alt.Color(
            "question:N", title=None, legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=600)
        ),
    )
    line = base.mark_line(point=alt.OverlayMarkDef(size=70, filled=True)).encode(
        y=alt.Y("share:Q", title=share_title, scale=alt.Scale(domain=[0, 100])),
        tooltip=[
            alt.Tooltip("question:N"),
            alt.Tooltip("wave_label:O"),
            alt.Tooltip("share:Q", format=".1f"),
            alt.Tooltip("ci_low:Q", format=".1f"),
            alt.Tooltip("ci_high:Q", format=".1f"),
        ],
    )
    interval = (
        base.mark_rule(strokeWidth=3, opacity=0.45)
        .encode(y="ci_low:Q", y2="ci_high:Q")
        .transform_filter("isValid(datum.ci_low) && isValid(datum.ci_high)")
    )
    questions = df["question"].nunique()
    return themed(layer(interval, line), height=FRAME_HEIGHT + 300 + 20 * questions)
