"""Sign-in for non-public deployments: config validation and that pages require login when enabled."""

from __future__ import annotations

import pytest
from apptest_util import page_text, run_page
from conftest import PAGES

from dashboard.views.auth import auth_config_problems

GOOD = {
    "redirect_uri": "https://dashboard.city.example/oauth2callback",
    "cookie_secret": "x" * 40,
    "client_id": "dashboard",
    "client_secret": "secret",
    "server_metadata_url": "https://idp.city.example/.well-known/openid-configuration",
}


def test_a_complete_auth_section_is_accepted() -> None:
    assert auth_config_problems(GOOD) == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"client_id": ""}, "missing: client_id"),
        ({"server_metadata_url": "idp.city.example/.well-known"}, "not an absolute http(s) URL: server_metadata_url"),
        ({"redirect_uri": "https://dashboard.city.example/callback"}, "redirect_uri must end with /oauth2callback"),
        ({"cookie_secret": "short"}, "cookie_secret shorter than 32 characters"),
    ],
)
def test_each_problem_is_named(change: dict[str, str], problem: str) -> None:
    assert problem in auth_config_problems({**GOOD, **change})


def test_public_by_default_no_sign_in(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DASHBOARD_REQUIRE_LOGIN", raising=False)
    at = run_page("population")
    assert not at.exception and "332,931" in page_text(at)
    assert not [b for b in at.button if b.label == "サインイン"]


@pytest.mark.parametrize("page", list(PAGES))
def test_required_but_unconfigured_shows_no_data(monkeypatch: pytest.MonkeyPatch, page: str) -> None:
    monkeypatch.setenv("DASHBOARD_REQUIRE_LOGIN", "1")
    at = run_page(page)
    assert not at.exception
    assert "サインインが必要" in " ".join(e.value for e in at.error)
    text = page_text(at)
    assert "332,931" not in text and "1,281" not in text and not at.metric


@pytest.mark.parametrize("page", list(PAGES))
def test_required_and_configured_asks_to_sign_in_first(monkeypatch: pytest.MonkeyPatch, page: str) -> None:
    monkeypatch.setenv("DASHBOARD_REQUIRE_LOGIN", "1")
    at = run_page(page, secrets={"auth": GOOD})
    assert not at.exception and not at.error
    assert [b for b in at.button if b.label == "サインイン"]
    text = page_text(at)
    assert "332,931" not in text and "1,281" not in text and not at.metric
