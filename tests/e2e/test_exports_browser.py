"""Downloads in Debian's chromium: file names in the screen's language (Japanese names in the Japanese screen)."""

from __future__ import annotations

import re

import pytest
from browser_util import OPEN_SECTIONS, wait_rendered
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_download_file_names_follow_the_screen_language(page: Page, server_url: str, lang: str) -> None:
    page.goto(server_url)
    wait_rendered(page)
    # The charts with downloads are in DX's on-demand parts: opened, as a link can.
    page.goto(f"{server_url}/dx?{OPEN_SECTIONS}" + ("&lang=en" if lang == "en" else ""))
    wait_rendered(page)
    names = []
    # The first block's downloads, made when its download button (a popover) is opened.
    opener = page.locator('[class*="st-key-"][class*="_downloads"] button').first
    for label in ("CSVをダウンロード", "Excel（.xlsx）") if lang == "ja" else ("Download CSV", "Excel (.xlsx)"):
        button = page.locator('[data-testid="stDownloadButton"] button', has_text=label).first
        if not button.is_visible():
            opener.click()
            button.wait_for(state="visible", timeout=30_000)
        with page.expect_download(timeout=30_000) as info:
            button.click()
        names.append(info.value.suggested_filename)
    assert names[0].endswith(".csv") and names[1].endswith(".xlsx")
    if lang == "ja":
        assert all(JAPANESE.search(name) for name in names), names
        # Named after the block's title as the page shows it.
        headings = page.evaluate("() => [...document.querySelectorAll('h2, h3')].map(h => h.innerText.trim())")
        assert names[0].removesuffix(".csv") in headings, (names, headings)
    else:
        assert not any(JAPANESE.search(name) for name in names), names
