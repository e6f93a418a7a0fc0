"""DX KPI charts."""

from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard.charts.theme import BLUE, themed


def copy_index_chart(df: pd.DataFrame, x_title: str, y_title: str) -> alt.Chart:
    """Copy-output index by year (2021 = 1). ``df`` has columns year, value."""
    base = alt.Chart(df).encode(
        x=alt.X("year:O", title=x_title),
        y=alt.Y("value:Q", title=y_title, scale=alt.Scale(domain=[0, 1.1])),
        tooltip=[alt.Tooltip("year:O", title=x_title), alt.Tooltip("value:Q", title=y_title, format=".2f")],
    )
    bars = base.mark_bar(color=BLUE, size=48)
    labels = base.mark_text(dy=-10, fontSize=14).encode(text=alt.Text("value:Q", format=".2f"))
    return themed(alt.layer(bars, labels))
