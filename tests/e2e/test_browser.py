"""Every page in Debian's chromium: it renders, shows no exception, and makes no request off loopback."""

from __future__ import annotations

import pytest
from browser_util import OPEN_SECTIONS, scroll_through, wait_rendered, watch
from conftest import ARTIFACTS, URL_PATHS
from playwright.sync_api import Page

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page_name", list(URL_PATHS))
def test_page_renders_offline(page: Page, server_url: str, page_name: str) -> None:
    log = watch(page)
    # Every on-demand section open (as a link can ask), so every chart and map of the page is drawn and checked.
    page.goto(f"{server_url}/{URL_PATHS[page_name]}?{OPEN_SECTIONS}")
    wait_rendered(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stVegaLiteChart"], [data-testid="stDeckGlJsonChart"]').count() >= 1
    assert "出典" in page.inner_text("body")
    scroll_through(page)  # maps and charts further down draw only when scrolled into view
    wait_rendered(page)
    page.screenshot(path=str(ARTIFACTS / "screenshots" / f"{page_name}-1920x1080.png"), full_page=True)
    assert log.urls, "no requests recorded"
    assert log.outside == [], log.outside


def test_noto_sans_jp_is_served_locally(page: Page, server_url: str) -> None:
    log = watch(page)
    page.goto(server_url)
    wait_rendered(page)
    assert page.evaluate("document.fonts.check('16px \"Noto Sans JP\"', '人口推計')")
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.family.includes('Noto Sans JP') && f.status === 'loaded').length"
    )
    assert loaded >= 1
    assert any("/app/static/fonts/" in u for u in log.urls)
    assert log.outside == []


def test_language_switch_in_the_url(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/dx?lang=en")
    wait_rendered(page)
    assert page.locator("h1").first.inner_text().strip() == "DX KPIs"
    assert "Source" in page.inner_text("body")


def test_4k_screenshot_of_the_overview(page: Page, server_url: str) -> None:
    page.set_viewport_size({"width": 3840, "height": 2160})
    page.goto(server_url)
    wait_rendered(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(ARTIFACTS / "screenshots" / "overview-3840x2160.png"))


def test_language_switch_survives_navigation(page: Page, server_url: str) -> None:
    page.goto(server_url)
    wait_rendered(page)
    page.locator(".st-key-lang_switch button", has_text="English").click()
    page.wait_for_function(
        "() => document.querySelector('h1') && document.querySelector('h1').innerText.includes('Iwaki')"
    )
    assert "lang=en" in page.url
    page.locator('[data-testid="stTopNav"] a', has_text="DX KPIs").click()
    page.wait_for_url("**/dx**")
    wait_rendered(page)
    assert page.locator("h1").first.inner_text().strip() == "DX KPIs"


def test_first_request_of_a_fresh_server_to_a_subpage_gets_the_full_frame(page: Page) -> None:
    """A fresh server whose very first request is /dx still runs app.py (wide layout, translated navigation)."""
    from conftest import start_server, stop_server

    proc, url = start_server()
    try:
        page.goto(f"{url}/dx")
        wait_rendered(page)
        nav = page.inner_text('[data-testid="stTopNav"]')
        assert "概要" in nav and "overview" not in nav.lower()
        assert page.locator("h1").first.inner_text().strip() == "DX指標"
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        stop_server(proc)
