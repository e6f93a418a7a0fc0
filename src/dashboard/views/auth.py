"""Sign-in for non-public deployments, with Streamlit's built-in OIDC authentication.

Off by default (the public case): the dashboard works unchanged. A deployment
turns it on with ``DASHBOARD_REQUIRE_LOGIN=1`` (or ``require_login = true`` in a
``[dashboard]`` table of ``.streamlit/secrets.toml``) and configures its identity
provider in the ``[auth]`` table of the same, never-committed secrets file.
When sign-in is required, no page shows any data before the user is signed in;
when it is required but not configured, the app says so instead of opening up.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlparse

import streamlit as st

from dashboard import settings
from dashboard.i18n import t
from dashboard.views import a11y
from dashboard.views.safe import plain

REQUIRED_KEYS: tuple[str, ...] = ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")
MIN_COOKIE_SECRET = 32


def secrets_table(name: str) -> Mapping[str, Any]:
    """A table of ``.streamlit/secrets.toml`` (empty when there is no such table or file)."""
    try:
        value = st.secrets.get(name)
    except (FileNotFoundError, OSError, ValueError):  # no or unreadable secrets file
        return {}
    return value if isinstance(value, Mapping) else {}


def dashboard_secrets() -> settings.DashboardSecrets:
    """The ``[dashboard]`` secrets table, typed (:mod:`dashboard.settings`)."""
    return settings.dashboard_secrets(secrets_table("dashboard"))


def login_required() -> bool:
    """Whether this deployment requires sign-in (environment or secrets)."""
    return settings.login_required(dashboard_secrets())


def auth_config_problems(section: Mapping[str, Any]) -> list[str]:
    """What is wrong with an ``[auth]`` table (empty list when usable).

    Checks the settings Streamlit needs for a single OIDC provider: every key
    present, absolute http(s) URLs, a redirect URI ending in ``/oauth2callback``
    and a cookie secret long enough to be a real secret.
    """
    problems = [f"missing: {key}" for key in REQUIRED_KEYS if not str(section.get(key, "")).strip()]
    for key in ("redirect_uri", "server_metadata_url"):
        value = str(section.get(key, ""))
        if value and urlparse(value).scheme not in ("http", "https"):
            problems.append(f"not an absolute http(s) URL: {key}")
    redirect = str(section.get("redirect_uri", ""))
    if redirect and not urlparse(redirect).path.endswith("/oauth2callback"):
        problems.append("redirect_uri must end with /oauth2callback")
    secret = str(section.get("cookie_secret", ""))
    if secret and len(secret) < MIN_COOKIE_SECRET:
        problems.append(f"cookie_secret shorter than {MIN_COOKIE_SECRET} characters")
    return problems


def gate() -> None:
    """Stop the script unless the user may see the dashboard.

    Public deployments (the default) pass straight through.
    """
    if not login_required():
        return
    problems = auth_config_problems(secrets_table("auth"))
    if problems:
        st.error(t("auth.not_configured", problems="; ".join(problems)), icon=":material/lock:")
        a11y.page_language()  # the page's language, although the page itself is not shown
        st.stop()
    if not st.user.get("is_logged_in", False):
        st.title(t("app.title"))
        st.info(t("auth.please_sign_in"), icon=":material/lock:")
        st.button(t("auth.sign_in"), on_click=st.login, type="primary", icon=":material/login:")
        a11y.page_language()
        st.stop()


def account() -> None:
    """Who is signed in and a sign-out button, in the page's tools row (only where sign-in is required)."""
    if not login_required() or not st.user.get("is_logged_in", False):
        return
    name = st.user.get("name") or st.user.get("email") or ""
    st.caption(t("auth.signed_in_as", name=plain(name)))  # the identity provider's text, shown as typed
    st.button(t("auth.sign_out"), key="sign_out", on_click=st.logout, icon=":material/logout:")
