"""The admin page in Debian's chromium on a server where it is enabled but sign-in is not configured:
listed in the navigation, explains what is missing, shows no upload, no exception, no request off loopback.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser_util import wait_rendered, watch
from conftest import ARTIFACTS, start_server
from playwright.sync_api import Page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def admin_server() -> Iterator[str]:
    """A dashboard server with DASHBOARD_ADMIN=1 (and no [auth] secrets)."""
    proc, url = start_server({"DASHBOARD_ADMIN": "1"})
    yield url
    proc.kill()  # a test server: nothing to shut down gracefully
    proc.wait()


def test_admin_page_without_sign_in_is_disabled_with_an_explanation(page: Page, admin_server: str) -> None:
    log = watch(page)
    page.goto(admin_server)  # the home page first: the app's navigation is then in place
    wait_rendered(page)
    page.locator('[data-testid="stTopNav"] a', has_text="データ更新").click()
    page.wait_for_url("**/admin**")
    wait_rendered(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator("h1").first.inner_text().strip() == "データ更新"
    body = page.inner_text("body")
    assert "ログイン（Streamlit の OIDC 認証）が設定されていない" in body and "[auth]" in body
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    page.screenshot(path=str(ARTIFACTS / "screenshots" / "admin-1920x1080.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "screenshots" / "admin-390x844.png"), full_page=True)
    assert log.outside == [], log.outside
