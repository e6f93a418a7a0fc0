"""An hourly check on every page: has new data been published since this page was drawn?

A meeting screen stays open for hours while staff publish data; the page says when what it shows
is no longer the latest and redraws on one click (it never changes under a presenter by itself).

The timed part also keeps a page working when its server goes away. Streamlit's client asks for
a whole run after it reconnects only when the page has a timed part (``st.fragment(run_every=…)``)
or its last run was a part's. Otherwise a browser moved to a restarted or another backend keeps
the old page while its new session knows none of the page's parts (``st.fragment``), and a click
on a part's widget (a chart's 表 switch) is dropped without a word — found by the failover check
in ``deploy/loadtest.py``.
"""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from dashboard.data import DATASET_NAMES, file_signature
from dashboard.i18n import t

# Long enough to cost nothing (one tiny rerun an hour), short enough for a meeting to notice new data.
INTERVAL = timedelta(hours=1)

Signature = tuple[tuple[int, int] | None, ...]


def published_signature() -> Signature:
    """The published datasets' file signatures (mtime, size): changes whenever any dataset is published."""
    return tuple(file_signature(name) for name in DATASET_NAMES)


def watch(*, quiet: bool = False) -> None:
    """Draw the hourly check; ``quiet`` (presenting) keeps the notice off the screen but keeps the timer."""
    drawn = published_signature()  # the fragment's reruns keep the value of the page's run

    @st.fragment(run_every=INTERVAL)
    def check() -> None:
        if quiet or published_signature() == drawn:
            return
        st.caption(t("fresh.updated"))
        if st.button(t("fresh.reload"), key="fresh_reload", icon=":material/refresh:"):
            st.rerun(scope="app")

    check()
