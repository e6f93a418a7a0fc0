"""The frame around every page (AppTest): no sidebar, the tools row at the top, the footer at the end.

Streamlit opens a sidebar only after the main column has been drawn at full width, which moved every
page 300 px sideways while it loaded; so nothing may be drawn in the sidebar, and what it held (the
language switch, the presentation settings, the sign-in name, the credits) is in the main area.
"""

from __future__ import annotations

from typing import Any

import pytest
from apptest_util import run_page
from conftest import PAGES, REPO
from streamlit.testing.v1 import AppTest

from dashboard.views import shell

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "x" * 40,
    "client_id": "dashboard",
    "client_secret": "secret",
    "server_metadata_url": "https://idp.city.example/.well-known/openid-configuration",
}


def _keys(node: Any) -> list[str]:
    """The user keys of the widgets and keyed containers inside ``node``, in the order drawn."""
    found: list[str] = []
    for child in getattr(node, "children", {}).values():
        key = getattr(child, "key", None)
        if key is None:
            element_id = str(getattr(getattr(child, "proto", None), "id", ""))
            key = element_id.rsplit("-", 1)[-1] if element_id.startswith("$$ID") else None
        if key:
            found.append(str(key))
        found += _keys(child)
    return found


@pytest.mark.parametrize("page", list(PAGES))
def test_no_page_draws_anything_in_the_sidebar(page: str) -> None:
    at = run_page(page)
    assert not at.exception
    assert len(at.sidebar.children) == 0, _keys(at.sidebar)


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_starts_with_its_tools_row_and_ends_with_the_credits(page: str) -> None:
    at = run_page(page, opened=False)
    keys = _keys(at.main)
    assert shell.TOOLS_KEY in keys and "app_footer" in keys
    # The tools row is the first thing drawn, the footer the last but the (hidden) print header.
    assert keys[0] == shell.TOOLS_KEY and len(keys) > keys.index("app_footer") > keys.index("copy_link") + 1
    assert set(keys[keys.index("app_footer") + 1 :]) <= {"print_meta", "print_url"}
    assert at.segmented_control(key=shell.LANG_SWITCH).value == "ja"
    assert at.toggle(key="present_toggle").value is False
    credits = next(e for e in at.expander if e.label == "出典・クレジット")
    assert any("国土数値情報" in c.value for c in credits.caption)


def test_a_shared_english_link_opens_in_english_on_the_first_run() -> None:
    at = run_page("dx", opened=False, lang="en")
    assert at.segmented_control(key=shell.LANG_SWITCH).value == "en"
    assert at.title[0].value == "DX KPIs"
    assert any(e.label == "Sources and credits" for e in at.expander)
    assert at.toggle(key="present_toggle").label == "Presentation mode"


def test_the_language_switch_changes_the_page_and_the_link() -> None:
    at = run_page("survey", opened=False)
    assert "lang" not in at.query_params
    at.segmented_control(key=shell.LANG_SWITCH).set_value("en").run()
    assert at.title[0].value == "Staff survey" and at.query_params["lang"] == "en"
    at.segmented_control(key=shell.LANG_SWITCH).set_value("ja").run()
    assert at.title[0].value == "職員アンケート" and "lang" not in at.query_params


def test_presenting_draws_no_control_of_the_tools_row() -> None:
    at = run_page("overview", opened=False, mode="present")
    assert len(at.sidebar.children) == 0
    assert shell.LANG_SWITCH not in [w.key for w in at.segmented_control] and not at.get("popover")
    assert all(b.key.startswith("present_") for b in at.button)


def test_the_signed_in_name_and_sign_out_are_in_the_tools_row(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_REQUIRE_LOGIN", "1")
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": "sato@city.iwaki.lg.jp", "name": "佐藤"}
    at.run()
    assert not at.exception and len(at.sidebar.children) == 0
    assert any("佐藤" in c.value for c in at.caption)
    assert at.button(key="sign_out").label == "サインアウト"
