"""Staff-survey charts."""

from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard.charts.theme import BLUE, GREY, themed


def proportion_bars(df: pd.DataFrame, share_title: str) -> alt.Chart:
    """100 % bars: the published share against the rest. ``df``: question, part, share, order."""
    return themed(
        alt.Chart(df)
        .mark_bar(size=36)
        .encode(
            y=alt.Y("question:N", title=None, sort=None, axis=alt.Axis(labelLimit=420)),
            x=alt.X("share:Q", title=share_title, stack="zero", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("part:N", title=None, scale=alt.Scale(range=[BLUE, GREY]), sort=None),
            order=alt.Order("order:Q"),
            tooltip=[alt.Tooltip("question:N"), alt.Tooltip("part:N"), alt.Tooltip("share:Q", format=".0f")],
        ),
        height=200,
    )
