"""The dashboard's frame around an empty page: how much of a page load the frame itself costs.

Everything ``app.py`` draws around a page — language switch, sign-in gate,
navigation, presentation settings, sidebar credits, the presentation and link
frame of ``shell.run_page`` — with a page that only shows its title. The
benchmark loads it beside the bare page and the real pages, so a page's load
splits into Streamlit's floor, the frame, and the page's own content. The
navigation lists the real pages' titles; only the first is served here.
"""

import streamlit as st

from dashboard.i18n import t
from dashboard.views import auth, present, shell

st.set_page_config(page_title=t("app.title"), page_icon="static/icon.png", layout="wide")
shell.start()
auth.gate()


def _empty() -> None:
    # What shell.run_page wraps around every page (it lists the app's page files, so it is spelled out here).
    frame = present.before_page(pages)
    st.title(t("app.title"))
    present.after_page(frame, pages)


# The real pages' titles (their scripts cannot be listed from here: they live in the app's pages/).
titles = [t(f"nav.{name}") for name in ("overview", "population", "dx", "facilities", "survey")]
pages = [st.Page(_empty, title=titles[0], url_path="frame", default=True)] + [
    st.Page(_empty, title=title, url_path=f"frame_{i}") for i, title in enumerate(titles[1:])
]
navigation = st.navigation(pages)
st.set_page_config(page_title=f"{navigation.title}｜{t('app.title')}", page_icon="static/icon.png")
shell.sidebar_footer()
navigation.run()
