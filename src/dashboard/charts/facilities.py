"""Facility charts."""

from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard.charts.theme import ORANGE, themed


def counts_chart(df: pd.DataFrame, x_title: str, y_title: str) -> alt.Chart:
    """Facility counts by year (years without a figure are left out). ``df``: year, facilities."""
    base = alt.Chart(df).encode(
        x=alt.X("year:O", title=x_title),
        y=alt.Y("facilities:Q", title=y_title, scale=alt.Scale(zero=True)),
        tooltip=[alt.Tooltip("year:O", title=x_title), alt.Tooltip("facilities:Q", title=y_title, format=",d")],
    )
    bars = base.mark_bar(color=ORANGE, size=64)
    labels = base.mark_text(dy=-10, fontSize=14).encode(text=alt.Text("facilities:Q", format=",d"))
    return themed(alt.layer(bars, labels))
