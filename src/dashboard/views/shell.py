"""The frame around every page: language switch, shared styles, navigation list and sidebar credits."""

from __future__ import annotations

import streamlit as st

from dashboard.data import DataError
from dashboard.i18n import LANGUAGES, localized, set_language, t
from dashboard.views import cache

# Static CSS (no data-derived text): keeps metric values from being cut off on
# narrow phones and lets wide tables scroll instead of overflowing.
_CSS = """
<style>
[data-testid="stMetricValue"] { white-space: normal; overflow-wrap: anywhere; }
[data-testid="stCaptionContainer"] { overflow-wrap: anywhere; }
@media (max-width: 640px) {
  [data-testid="stMetricValue"] { font-size: 1.6rem; }
  h1 { font-size: 1.6rem !important; }
}
</style>
"""


def start() -> str:
    """Set the session's language from the sidebar switch (bound to ``?lang=``) and inject styles."""
    if "lang" not in st.session_state and st.query_params.get("lang") in LANGUAGES:
        # Seed from the URL on a session's first run (AppTest does not seed bound widgets).
        st.session_state["lang"] = st.query_params["lang"]
    lang = st.sidebar.segmented_control(
        t("lang.label"),
        options=list(LANGUAGES),
        format_func=lambda code: t(f"lang.{code}"),
        default=None if "lang" in st.session_state else "ja",
        key="lang",
        bind="query-params",
        required=True,
    )
    chosen = set_language(lang)
    st.sidebar.markdown(f"**{t('app.title')}**")
    st.html(_CSS)
    return chosen


def pages() -> list[st.Page]:
    """The navigation list; the overview is the default page served at ``/``."""
    return [
        st.Page("pages/overview.py", title=t("nav.overview"), icon=":material/dashboard:", default=True),
        st.Page("pages/population.py", title=t("nav.population"), icon=":material/groups:", url_path="population"),
        st.Page("pages/dx.py", title=t("nav.dx"), icon=":material/devices:", url_path="dx"),
        st.Page("pages/facilities.py", title=t("nav.facilities"), icon=":material/apartment:", url_path="facilities"),
        st.Page("pages/survey.py", title=t("nav.survey"), icon=":material/forum:", url_path="survey"),
    ]


def sidebar_footer() -> None:
    """About text and every source's credit line, in the sidebar."""
    st.sidebar.caption(t("sidebar.about"))
    with st.sidebar.expander(t("sidebar.credits"), icon=":material/info:"):
        try:
            sources = cache.dataset("sources")
        except DataError:
            return
        for _, row in sources.iterrows():
            st.caption(localized(row, "credit") + (f"（{row['licence']}）" if row["licence"] else ""))
