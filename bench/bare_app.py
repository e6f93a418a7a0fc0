"""Streamlit's floor: a bare page with a title, three metrics and one small Altair chart.

With ``?widgets=1`` it also has the two kinds of widget the dashboard's pages have: a filter
(a segmented control that changes the chart's data) and a chart ↔ table switch (the chart or
``st.dataframe``), so a click on either can be timed beside the same click on a page.

The benchmark serves it next to the dashboard and loads both in the same run,
so every page's load time can be read as a multiple of what Streamlit itself
costs. Run it from the repository root (``streamlit run bench/bare_app.py``) so
it gets the same ``.streamlit/config.toml`` (theme, Noto Sans JP font faces,
static serving) as the app; ``bench/static`` links to the app's ``static/``
folder so the same font files are served. Its labels are fixed English
benchmark text, not dashboard UI (nothing here goes through the i18n catalogue).
"""

import altair as alt
import pandas as pd
import streamlit as st

st.set_page_config(page_title="Bare Streamlit page", page_icon="static/icon.png", layout="wide")
st.title("Bare Streamlit page")
cols = st.columns(3)
for col, (label, value, delta) in zip(
    cols, [("Alpha", "332,931", "-1.2%"), ("Beta", "1,281", "-35"), ("Gamma", "54%", None)], strict=True
):
    col.metric(label, value, delta, border=True)
data = pd.DataFrame({"year": [2020, 2025, 2030, 2035, 2040], "value": [100, 95, 89, 83, 77]})
view = "Chart"
if st.query_params.get("widgets"):
    span = st.segmented_control("Years", ["All", "From 2030"], default="All", key="bare_years")
    if span == "From 2030":
        data = data[data["year"] >= 2030]
    view = st.segmented_control("View", ["Chart", "Table"], default="Chart", key="bare_view") or "Chart"
if view == "Chart":
    st.altair_chart(
        alt.Chart(data).mark_line(point=True).encode(x="year:O", y="value:Q"),
        key="bare_chart",
    )
else:
    st.dataframe(data, hide_index=True)
