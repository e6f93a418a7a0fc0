"""The frame in the browser: no sidebar, the tools row at the top right, hidden when presenting and printing.

The app has no sidebar (Streamlit opens one only after the main column has been drawn, which moved
every page 300 px sideways while it loaded). The language switch, the presentation settings and
「リンクをコピー」 sit in one row at the top of every page, on a full-HD screen and on a phone, and
disappear in presentation mode and on paper. Screenshots go to ``artifacts/screenshots/frame-*.png``.
"""

from __future__ import annotations

import re

import pytest
from browser_util import wait_rendered, watch
from conftest import ARTIFACTS
from playwright.sync_api import Page

pytestmark = pytest.mark.browser
SHOTS = ARTIFACTS / "screenshots"
ROW = ".st-key-copy_link_bar"
TOOLS = {
    "language": ".st-key-lang_switch",
    "presentation": f'{ROW} [data-testid="stPopover"]',
    "copy link": f"{ROW} .copy-link-btn",
}
BOX_JS = """(sel) => { const e = document.querySelector(sel); if (!e) return null;
    const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; }"""


def _open(page: Page, url: str) -> None:
    page.goto(url)
    wait_rendered(page)
    page.locator(TOOLS["copy link"]).wait_for(timeout=30_000)


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (390, 844)])
@pytest.mark.parametrize("path", ["", "dx"])
def test_the_tools_row_is_at_the_top_of_the_page_and_there_is_no_sidebar(
    page: Page, server_url: str, width: int, height: int, path: str
) -> None:
    log = watch(page)
    page.set_viewport_size({"width": width, "height": height})
    _open(page, f"{server_url}/{path}")
    if width > 640:
        assert page.locator('[data-testid="stSidebar"]').count() == 0
    else:  # on a phone Streamlit folds the header's page list into a closed sidebar (its menu button)
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
    for name, selector in TOOLS.items():
        assert page.locator(selector).first.is_visible(), name
        box = page.evaluate(BOX_JS, selector)
        assert box["right"] <= width + 1 and box["left"] >= -1, (name, box)  # on the screen, never cut
    row, title = page.evaluate(BOX_JS, ROW), page.evaluate(BOX_JS, "h1")
    assert row["bottom"] <= title["top"] + 1  # above the page's title: nothing is inserted above the content
    assert row["top"] < height / 4
    # Nothing scrolls sideways.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(SHOTS / f"frame-{path or 'overview'}-{width}x{height}.png"))
    assert page.locator('[data-testid="stException"]').count() == 0
    assert log.outside == []


def test_the_page_list_is_reachable_on_a_phone(page: Page, server_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    _open(page, server_url)
    # Streamlit folds the header's page list into a closed sidebar on a narrow screen, opened by its menu button.
    page.locator('[data-testid="stExpandSidebarButton"]').click()
    link = page.locator('[data-testid="stSidebarNav"] a', has_text="DX指標")
    link.wait_for(state="visible")
    page.wait_for_function(  # slid into the screen
        "() => document.querySelector('[data-testid=\"stSidebarNav\"]').getBoundingClientRect().left >= 0"
    )
    link.click()
    page.wait_for_url(re.compile(r"/dx"))
    wait_rendered(page)
    assert page.locator("h1").first.inner_text().strip() == "DX指標"


def test_the_presentation_settings_open_presentation_mode_which_hides_the_row(page: Page, server_url: str) -> None:
    _open(page, f"{server_url}/dx")
    page.locator(TOOLS["presentation"]).get_by_role("button").click()
    page.locator(".st-key-present_toggle label").click()
    page.wait_for_url(re.compile(r"mode=present"), timeout=30_000)
    page.locator(".present-bar").wait_for(timeout=30_000)
    assert not page.locator(ROW).is_visible()
    assert page.locator('[data-testid="stSidebar"]').count() == 0


def test_presenting_from_a_link_and_printing_hide_the_row(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/?mode=present")
    page.locator(".present-bar").wait_for(timeout=45_000)
    wait_rendered(page)
    assert not page.locator(ROW).is_visible()
    assert not page.locator(TOOLS["language"]).is_visible()
    _open(page, f"{server_url}/dx")
    page.emulate_media(media="print")
    try:
        for name, selector in {**TOOLS, "row": ROW, "footer": ".st-key-app_footer"}.items():
            assert not page.locator(selector).first.is_visible(), name
        assert page.locator("h1").first.is_visible()
    finally:
        page.emulate_media(media="screen")
