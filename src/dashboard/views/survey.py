"""Staff survey screen (職員アンケート): the published March 2025 results."""

from __future__ import annotations

import pandas as pd

from dashboard.charts.survey import proportion_bars
import streamlit as st

from dashboard.i18n import localized, t
from dashboard.i18n.format import fmt_value
from dashboard.views import cache
from dashboard.views.components import Source, data_block, guarded, page_header


def render() -> None:
    """Draw the page."""
    page_header("survey.title", "survey.intro")
    with guarded("survey.published"):
        df = cache.dataset("staff_survey")
        cols = st.columns(len(df))
        for col, (_, row) in zip(cols, df.iterrows(), strict=True):
            col.metric(localized(row, "question"), fmt_value(row["share_pct"], "percent"), border=True)
        rows = []
        for _, row in df.iterrows():
            question = localized(row, "question")
            rows.append({"question": question, "part": t("survey.agree"), "share": row["share_pct"], "order": 0})
            rows.append({"question": question, "part": t("survey.rest"), "share": 100 - row["share_pct"], "order": 1})
        table = pd.DataFrame(rows)
        data_block(key="survey_published", title=t("survey.chart.published"),
                   chart=proportion_bars(table, t("unit.percent")), table=table,
                   source=Source(["iwaki_reform_report_vol5"], "4", "2025-03"), filename="staff_survey")
