"""Population charts: the city's outlook."""

from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard.charts.theme import BLUE, themed


def outlook_chart(df: pd.DataFrame, x_title: str, y_title: str) -> alt.Chart:
    """The report's three points (2020 census, 2040/2060 projection) with a dashed projection segment.

    ``df`` has columns year, population, kind_label.
    """
    base = alt.Chart(df).encode(
        x=alt.X("year:O", title=x_title),
        y=alt.Y("population:Q", title=y_title, scale=alt.Scale(zero=True), axis=alt.Axis(format=",d")),
        tooltip=[alt.Tooltip("year:O", title=x_title), alt.Tooltip("population:Q", title=y_title, format=",d"),
                 alt.Tooltip("kind_label:N", title=" ")],
    )
    line = base.mark_line(color=BLUE, strokeDash=[6, 4])
    points = base.mark_point(filled=True, size=120, color=BLUE)
    labels = base.mark_text(dy=-16, fontSize=14).encode(text=alt.Text("population:Q", format=",d"))
    return themed(alt.layer(line, points, labels))
