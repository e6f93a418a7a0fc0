"""Overview screen (概要): headline figures of the reform and its five pillars."""

from __future__ import annotations

import streamlit as st

from dashboard.charts.population import outlook_chart
from dashboard.i18n import localized, t
from dashboard.i18n.format import fmt_number
from dashboard.views import cache
from dashboard.views.components import Source, data_block, guarded, page_header, source_caption


def render() -> None:
    """Draw the page."""
    page_header("app.title", "app.subtitle")
    with guarded("overview.headline"):
        pop = cache.dataset("population_outlook").sort_values("year")
        first, last = pop.iloc[0], pop.iloc[-1]
        st.metric(t("overview.card.population"),
                  f"{fmt_number(first['population'])} → {fmt_number(last['population'])}{t('unit.persons')}",
                  border=True)
        table = pop.assign(kind_label=pop["kind"].map(lambda k: t(f"population.kind.{k}")))[
            ["year", "population", "index_2020", "kind_label"]]
        data_block(key="ov_population", title=t("population.chart.outlook"),
                   chart=outlook_chart(table, t("population.axis.year"), t("unit.persons")), table=table,
                   source=Source(["iwaki_reform_report_vol5"], "1"), filename="population_outlook")
    with guarded("overview.pillars"):
        st.subheader(t("overview.pillars"))
        pillars = cache.dataset("pillars").sort_values("order")
        cols = st.columns(len(pillars))
        for col, (_, row) in zip(cols, pillars.iterrows(), strict=True):
            with col.container(border=True):
                st.markdown(f"**{localized(row, 'name')}**")
                st.caption(localized(row, "aims"))
        source_caption(Source(["iwaki_reform_report_vol5"], "2"))
