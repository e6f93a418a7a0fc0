"""Entry point: page config, language, navigation. Run with ``streamlit run app.py``."""

import streamlit as st

from dashboard.i18n import t
from dashboard.views import auth, shell

st.set_page_config(page_title=t("app.title"), page_icon="static/icon.png", layout="wide")
shell.start()
auth.gate()
# Pages listed in the header: no sidebar, which Streamlit opens only after the page is drawn (moving it).
navigation = st.navigation(shell.pages(), position="top")
st.set_page_config(page_title=f"{navigation.title}｜{t('app.title')}", page_icon="static/icon.png")
navigation.run()
