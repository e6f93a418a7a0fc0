"""Views layer: the Streamlit code. Each screen module exposes one ``render()``."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard.i18n import set_language_provider


def _session_language() -> str | None:
    """The language chosen in this browser session (the switch in the tools row, kept in ``?lang=``)."""
    if get_script_run_ctx(suppress_warning=True) is None:
        return None  # outside a Streamlit script run (command line, unit tests)
    value = st.session_state.get("lang")
    return value if isinstance(value, str) else None


set_language_provider(_session_language)
