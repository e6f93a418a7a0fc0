"""The survey page in Debian's chromium: shipped data and the synthetic full survey, URL-bound filters, screenshots."""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_util import wait_rendered, watch
from conftest import ARTIFACTS, start_server
from fixtures.make_synthetic_survey import publish_to
from playwright.sync_api import Page

pytestmark = pytest.mark.browser
SHOTS = ARTIFACTS / "screenshots"


@pytest.fixture(scope="module")
def full_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A dashboard server whose staff_survey is the SYNTHETIC full-survey fixture."""
    data = publish_to(Path(tmp_path_factory.mktemp("survey")) / "data")
    proc, url = start_server({"DASHBOARD_DATA_DIR": str(data)})
    yield url
    proc.terminate()
    proc.wait(timeout=30)


def _open(page: Page, url: str, query: str = "") -> None:
    # The first request of a fresh server runs the page without app.py (Streamlit's
    # pages-directory mode: no wide layout); open the app once so /survey runs through it.
    # Its title is enough: st.navigation has run by then.
    page.goto(url)
    page.wait_for_selector("h1")
    page.goto(f"{url}/survey{query}")
    page.wait_for_selector("h1:has-text('職員アンケート')")
    page.wait_for_selector('[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg')
    wait_rendered(page)


def _shoot(page: Page, name: str, width: int, full: bool = True) -> Path:
    """Screenshot at ``width``; full height of the scrolling main area unless ``full`` is False."""
    height = 2160 if width >= 3840 else 1080
    page.set_viewport_size({"width": width, "height": height})
    page.wait_for_timeout(500)
    if full:
        total = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
        page.set_viewport_size({"width": width, "height": max(height, int(total))})
    wait_rendered(page)
    path = SHOTS / f"survey-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _no_overflow(page: Page) -> None:
    """Nothing wider than the screen: no chart or block cut off on the right."""
    assert page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollWidth <= window.innerWidth + 1")


def test_published_page_renders_offline_with_what_is_not_known(page: Page, server_url: str) -> None:
    log = watch(page)
    _open(page, server_url)
    assert page.locator('[data-testid="stException"]').count() == 0
    body = page.inner_text("body")
    for part in (
        "54%",
        "78%",
        "分かっていないこと",
        "3,657人",
        "出典：いわき市「構造改革レポート vol.5」「構造改革に着手して３年」",
    ):
        assert part in body, part
    _shoot(page, "published-1920", 1920)
    # The CSV behind the chart: UTF-8 with a BOM (Excel), exactly the table shown, the rest named as unknown.
    # The block's downloads are made when its download button is opened.
    page.locator('[class*="st-key-"][class*="_downloads"] button').first.click()
    with page.expect_download() as download:
        page.get_by_role("button", name="CSVをダウンロード").first.click()
    raw = Path(download.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "それ以外（内訳は非公表）" in text and "54.0" in text and "46.0" in text
    _shoot(page, "published-390", 390)
    _no_overflow(page)
    assert log.outside == [], log.outside


def test_full_survey_page_in_the_browser(page: Page, full_server: str) -> None:
    log = watch(page)
    # The comparison and the trend are built when opened: the link opens them.
    _open(page, full_server, "?open_sv_compare=true&open_sv_trend=true")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stVegaLiteChart"]').count() == 3
    body = page.inner_text("body")
    assert "回答者数：277人" in body and "部署：部署E：回答者が10人未満" in body
    _shoot(page, "full-1920", 1920)
    _shoot(page, "full-3840x2160", 3840, full=False)
    _shoot(page, "full-390", 390)
    _no_overflow(page)
    assert log.outside == [], log.outside


def test_filters_are_read_from_the_url(page: Page, full_server: str) -> None:
    query = "?" + urllib.parse.urlencode(
        {"survey_group": "部署：部署B", "survey_dim": "年代", "open_sv_compare": "true"}
    )
    _open(page, full_server, query)
    body = page.inner_text("body")
    assert "結果：2027年3月（R9.3）・部署：部署B" in body
    assert "回答者数：80人" in body
    assert "部署：部署E：回答者が10人未満" not in body  # the age comparison has nothing hidden
