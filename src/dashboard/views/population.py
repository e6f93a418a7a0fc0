"""Population outlook screen (人口推計): the city's projection from the report."""

from __future__ import annotations

import streamlit as st

from dashboard.charts.population import outlook_chart
from dashboard.i18n import t
from dashboard.i18n.format import fmt_number
from dashboard.views import cache
from dashboard.views.components import Source, data_block, guarded, page_header


def render() -> None:
    """Draw the page."""
    page_header("population.title", "population.intro")
    with guarded("population.outlook"):
        df = cache.dataset("population_outlook").sort_values("year")
        cols = st.columns(len(df))
        for col, (_, row) in zip(cols, df.iterrows(), strict=True):
            col.metric(t("population.card", year=int(row["year"])), f"{fmt_number(row['population'])}{t('unit.persons')}",
                       help=t("population.index", index=int(row["index_2020"])), border=True)
        table = df.assign(kind_label=df["kind"].map(lambda k: t(f"population.kind.{k}")))[
            ["year", "population", "index_2020", "kind_label"]]
        data_block(key="pop_outlook", title=t("population.chart.outlook"),
                   chart=outlook_chart(table, t("population.axis.year"), t("unit.persons")),
                   table=table, source=Source(["iwaki_reform_report_vol5"], "1"), filename="population_outlook")
