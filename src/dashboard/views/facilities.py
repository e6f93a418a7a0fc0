"""Facility optimization screen (公共施設の最適化): counts from the report."""

from __future__ import annotations

import streamlit as st

from dashboard.charts.facilities import counts_chart
from dashboard.i18n import localized, t
from dashboard.i18n.format import fmt_number
from dashboard.views import cache
from dashboard.views.components import Source, data_block, guarded, page_header


def render() -> None:
    """Draw the page."""
    page_header("facilities.title", "facilities.intro")
    with guarded("facilities.counts"):
        df = cache.dataset("facility_counts").sort_values("year")
        actual = df[df["status"] == "actual"]
        cols = st.columns(len(df))
        for col, (_, row) in zip(cols, df.iterrows(), strict=True):
            value = fmt_number(row["facilities"]) if row["status"] == "actual" else localized(row, "label")
            col.metric(t("population.card", year=int(row["year"])), value, border=True)
        table = actual[["year", "facilities"]]
        data_block(key="fac_counts", title=t("facilities.chart.counts"),
                   chart=counts_chart(table, t("population.axis.year"), t("unit.facilities")),
                   table=table, source=Source(["iwaki_reform_report_vol5"], "3"), filename="facility_counts")
