"""The DX KPI page in Debian's chromium: pillar link from the URL, peer search, screenshots, no request off loopback."""

from __future__ import annotations

import urllib.parse

import pytest
from browser_util import wait_rendered, watch
from conftest import ARTIFACTS
from playwright.sync_api import Page

pytestmark = pytest.mark.browser
SHOTS = ARTIFACTS / "screenshots"


def _full_height_screenshot(page: Page, width: int, name: str) -> None:
    """Streamlit scrolls inside its own container: grow the viewport to the content, then shoot."""
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": width, "height": min(int(height) + 120, 16000)})
    wait_rendered(page)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def _query(page: Page) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)


def test_dx_page_pillar_link_peers_and_screenshots(page: Page, server_url: str) -> None:
    log = watch(page)
    # Open the app once at its root first: on a fresh server a direct first request to /dx is
    # served in Streamlit's pages-folder mode (no st.navigation yet), which the shell handles, not this page.
    page.goto(server_url)
    wait_rendered(page)
    # The overview's link form: /dx?dx_pillar=<pillar_id>.
    page.goto(f"{server_url}/dx?dx_pillar=citizen_dx")
    wait_rendered(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    body = page.inner_text("body")
    assert "40,000人" in body and "239,322" not in body
    assert _query(page).get("dx_pillar") == ["citizen_dx"]
    assert page.get_by_role("radio", name="市民サービスDX", exact=True).get_attribute("aria-checked") == "true"
    page.get_by_role("radio", name="しごと効率化", exact=True).click()
    page.wait_for_function("() => location.search.includes('dx_pillar=work_efficiency')")
    wait_rendered(page)
    assert "239,322件／月" in page.inner_text("body")
    page.get_by_role("radio", name="すべての柱", exact=True).click()
    page.wait_for_function("() => !location.search.includes('dx_pillar')")
    wait_rendered(page)

    # The trends and the My Number section are built when opened (each puts itself in the URL).
    for key in ("open_dx_trends", "open_dx_mn"):
        page.locator(f".st-key-{key} summary").click()
        page.wait_for_function(f"() => location.search.includes('{key}=true')")
        wait_rendered(page)
    # Search a municipality by name and add it as a peer; the choice goes into the URL.
    box = page.locator('[data-testid="stMultiSelect"] input')
    box.click()
    box.fill("郡山")
    page.get_by_role("option", name="福島県 郡山市").click()
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('dx_peers')")
    wait_rendered(page)
    assert _query(page).get("dx_peers") == ["福島県 郡山市"]
    assert page.locator('[data-testid="stException"]').count() == 0
    text = page.inner_text("body")
    for expected in ("出典", "時点", "総務省", "人口加重", "数値の記載なし", "ダッシュボード独自の分類"):
        assert expected in text, expected
    assert (
        page.locator('[data-testid="stVegaLiteChart"]').count() == 4
    )  # hours (before→after), copy output (one, unit switch), trends, My Number
    _full_height_screenshot(page, 1920, "dx-1920-full.png")

    page.set_viewport_size({"width": 1920, "height": 1080})
    page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)")
    page.screenshot(path=str(SHOTS / "dx-1920x1080-top.png"))
    assert log.outside == [], log.outside


def test_dx_page_on_a_phone_and_in_4k(page: Page, server_url: str) -> None:
    log = watch(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server_url}/dx")
    wait_rendered(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    # Nothing wider than the phone: the page does not scroll sideways.
    overflow = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollWidth")
    assert overflow <= 390
    _full_height_screenshot(page, 390, "dx-390-full.png")
    page.set_viewport_size({"width": 3840, "height": 2160})
    page.goto(f"{server_url}/dx")
    wait_rendered(page)
    page.screenshot(path=str(SHOTS / "dx-3840x2160.png"))
    assert log.outside == [], log.outside
