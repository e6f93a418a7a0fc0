"""Sign-in end to end in the browser, against a stub OIDC provider on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser_util import wait_rendered, watch
from conftest import free_port, start_server, stop_server
from oidc_stub import USER, StubIdP
from playwright.sync_api import Page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def signed_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, StubIdP]]:
    idp = StubIdP().start()
    port = free_port()
    secrets = tmp_path_factory.mktemp("secrets") / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "test-cookie-secret-that-is-long-enough-0123456789"\n'
        'client_id = "dashboard"\n'
        'client_secret = "stub-secret"\n'
        f'server_metadata_url = "{idp.issuer}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    proc, url = start_server({"DASHBOARD_REQUIRE_LOGIN": "1"}, args=("--secrets.files", str(secrets)), port=port)
    yield url, idp
    stop_server(proc)
    idp.stop()


def test_sign_in_flow_then_the_dashboard(page: Page, signed_app: tuple[str, StubIdP]) -> None:
    url, idp = signed_app
    log = watch(page)
    page.goto(f"{url}/population")
    button = page.get_by_role("button", name="サインイン")
    button.wait_for(timeout=30_000)
    assert "332,931" not in page.inner_text("body")
    button.click()
    page.wait_for_url(f"{url}/**", timeout=30_000)
    page.wait_for_selector("text=サインイン中", timeout=30_000)
    assert USER["name"] in page.inner_text(".st-key-copy_link_bar")  # the tools row at the top of the page
    assert {"/authorize", "/token", "/jwks"} <= set(idp.requests)
    assert log.outside == []


def test_signed_in_user_sees_figures_and_can_sign_out(page: Page, signed_app: tuple[str, StubIdP]) -> None:
    url, _ = signed_app
    page.goto(f"{url}/population")
    page.get_by_role("button", name="サインイン").click()
    page.wait_for_selector("text=サインイン中", timeout=30_000)
    page.goto(f"{url}/population")
    wait_rendered(page)
    assert "332,931" in page.inner_text("body")
    page.get_by_role("button", name="サインアウト").click()
    page.get_by_role("button", name="サインイン").wait_for(timeout=30_000)
