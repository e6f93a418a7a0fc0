"""A two-point series as a before→after slope: two dots joined by a line, each with its value, sized by content.

Two bars of 1,316 and 1,281 (or 522.0 and 498.5) drawn from zero look equal and
take a full-width chart to say one thing: how much it went down. A slope with
the values beside the dots says it in a small box, and its y axis starts near
the values so the change is visible (the numbers carry the exact size).

Pure: a frame with already-translated labels in, a themed Altair chart out.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard.charts.theme import BLACK, layer, themed

WIDTH_PX = 320
"""The plot's width: two points need no more, so the chart never stretches across the page."""
HEIGHT_PX = 240


def before_after_chart(
    df: pd.DataFrame, x_title: str, y_title: str, colour: str, *, gap: bool = False
) -> alt.LayerChart:
    """A slope from the first to the last point.

    ``df`` has columns ``label`` (the period, in order), ``value`` and ``value_label`` (the formatted
    value printed beside its dot); ``colour`` is the line's colour (the change's tone). ``gap`` dashes
    the line: years between the two points have no published figure, and a solid line would suggest one.
    """
    order = list(df["label"])
    lo, hi = float(df["value"].min()), float(df["value"].max())
    pad = max((hi - lo) * 0.6, abs(hi) * 0.01, 1e-9)  # room for the labels above and below the dots
    base = alt.Chart(df).encode(
        x=alt.X("label:N", title=x_title, sort=order, scale=alt.Scale(padding=0.35), axis=alt.Axis(labelAngle=0)),
        y=alt.Y(
            "value:Q",
            title=y_title,
            scale=alt.Scale(domain=[lo - pad, hi + pad], nice=False, zero=False),
            axis=alt.Axis(format=",~f", tickCount=4),
        ),
        tooltip=[alt.Tooltip("label:N", title=x_title), alt.Tooltip("value_label:N", title=y_title)],
    )
    line = base.mark_line(color=colour, strokeWidth=3, strokeDash=[6, 5] if gap else [1, 0])
    dots = base.mark_point(color=colour, filled=True, size=140, opacity=1)
    labels = base.mark_text(dy=-16, fontSize=15, fontWeight="bold", color=BLACK).encode(text="value_label:N")
    return themed(layer(line, dots, labels).properties(width=WIDTH_PX), height=HEIGHT_PX)
