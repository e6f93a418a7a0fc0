"""DX KPI screen (DX指標): the reform's measurable results."""

from __future__ import annotations

import streamlit as st

from dashboard.charts.dx import copy_index_chart
from dashboard.i18n import localized, t
from dashboard.i18n.format import as_of_label, first_present, fmt_value
from dashboard.views import cache
from dashboard.views.components import Source, data_block, guarded, page_header, source_caption


def render() -> None:
    """Draw the page."""
    page_header("dx.title", "dx.intro")
    with guarded("dx.cards"):
        kpis = cache.dataset("dx_kpis")
        defs = cache.dataset("kpi_definitions").set_index("kpi_id")
        latest = kpis.sort_values("year").groupby("kpi_id").tail(1)
        latest = latest.assign(order=latest["kpi_id"].map(defs["order"])).sort_values("order")
        cols = st.columns(4)
        for i, (_, row) in enumerate(latest.iterrows()):
            cols[i % 4].metric(localized(defs.loc[row["kpi_id"]], "name"), fmt_value(row["value"], row["unit"]),
                               help=t("prov.as_of") + "：" + as_of_label(first_present(row["as_of"], row["period"])), border=True)
        source_caption(Source(["iwaki_reform_report_vol5"], "3", "2025-03", notes=[t("dx.as_of_note")]))
    with guarded("dx.copy"):
        copy = kpis[kpis["kpi_id"] == "copy_output_index"][["year", "value"]]
        data_block(key="dx_copy", title=t("dx.chart.copy"),
                   chart=copy_index_chart(copy, t("population.axis.year"), t("unit.index_2021")),
                   table=copy, source=Source(["iwaki_reform_report_vol5"], "3"), filename="copy_output_index")
