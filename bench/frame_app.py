"""The dashboard's frame around an empty page: how much of a page load the frame itself costs.

Everything ``app.py`` draws around a page — sign-in gate, navigation in the
header, and what ``shell.run_page`` draws around every page (the tools row with
language switch, presentation settings and copy link; the presentation and print
frame; the footer with the credits) — with a page that only shows its title. The
benchmark loads it beside the bare page and the real pages, so a page's load
splits into Streamlit's floor, the frame, and the page's own content. The
navigation lists the real pages' titles; only the first is served here.
"""

import streamlit as st

from dashboard.i18n import t
from dashboard.views import auth, shell

st.set_page_config(page_title=t("app.title"), page_icon="static/icon.png", layout="wide")
shell.start()
auth.gate()


def _empty() -> None:
    # The frame's pages, not the app's page files (shell.run_page lists those by default).
    shell.run_page(lambda: st.title(t("app.title")), shown=pages)


# The real pages' titles (their scripts cannot be listed from here: they live in the app's pages/).
titles = [t(f"nav.{name}") for name in ("overview", "population", "dx", "facilities", "survey")]
pages = [st.Page(_empty, title=titles[0], url_path="frame", default=True)] + [
    st.Page(_empty, title=title, url_path=f"frame_{i}") for i, title in enumerate(titles[1:])
]
navigation = st.navigation(pages, position="top")
st.set_page_config(page_title=f"{navigation.title}｜{t('app.title')}", page_icon="static/icon.png")
navigation.run()
