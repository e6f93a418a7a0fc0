"""Entry point: page config, language, navigation. Run with ``streamlit run app.py``."""

import streamlit as st

from dashboard.i18n import t
from dashboard.views import auth, shell

st.set_page_config(page_title=t("app.title"), page_icon="static/icon.png", layout="wide")
shell.start()
auth.gate()
navigation = st.navigation(shell.pages())
st.set_page_config(page_title=f"{navigation.title}｜{t('app.title')}", page_icon="static/icon.png")
shell.sidebar_footer()
navigation.run()
