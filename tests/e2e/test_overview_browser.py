"""The overview in Debian's chromium: one screen at 1920×1080, the hall display at 3840×2160, a phone, pillar links,
filters in the URL, no request off loopback."""

from __future__ import annotations

import urllib.parse

import pytest
from browser_util import wait_rendered, watch
from conftest import ARTIFACTS
from playwright.sync_api import Page

from dashboard.data import load_dataset

pytestmark = pytest.mark.browser
SHOTS = ARTIFACTS / "screenshots"
CHART = '[data-testid="stVegaLiteChart"]'
# True once the timeline has drawn at least ``arg`` texts (item labels, axis and band labels).
CHART_DRAWN = f"""(n) => {{
    const svg = document.querySelector('{CHART} svg');
    return !!svg && svg.querySelectorAll('text').length >= n;
}}"""


def _open(page: Page, url: str, texts: int = 30) -> None:
    page.goto(url)
    wait_rendered(page)
    page.wait_for_function(CHART_DRAWN, arg=texts, timeout=30_000)
    page.wait_for_timeout(500)  # the chart redraws once when its final width is known
    assert page.locator('[data-testid="stException"]').count() == 0


def _box(page: Page, selector: str) -> dict[str, float]:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box


def _query(page: Page) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)


def test_the_story_fits_one_full_hd_screen_and_pillars_open_the_dx_page(page: Page, server_url: str) -> None:
    log = watch(page)
    _open(page, server_url)
    height = page.viewport_size["height"]
    # The report's verdict, the results line and the headline cards are on the first screen, and the
    # timeline starts on it (the message comes first; the timeline is read by scrolling on).
    for part in (".st-key-ov_verdict", ".st-key-ov_results"):
        box = _box(page, part)
        assert box["y"] + box["height"] <= height, part
    cards = page.locator('.st-key-ov_cards [data-testid="stMetric"]')
    assert cards.count() == 5
    for i in range(5):
        box = cards.nth(i).bounding_box()
        assert box and box["y"] + box["height"] <= height
    assert _box(page, ".st-key-ov_timeline_box")["y"] < height - 200
    body = page.inner_text("body")
    for figure in (
        "175,940人",
        "23.5万時間減",
        "4.5％減（改善）",
        "1,281施設",
        "2021年比 35施設減・2.7％減（改善）",
        "3倍",
        "54％ / 78％",
        "構造改革の歩み",
        "5つの課題",
        "4つのWell-Being",
        "出典",
        "時点",
    ):
        assert figure in body, figure
    page.screenshot(path=str(SHOTS / "overview-onescreen-1920x1080.png"))

    # Every pillar's link carries its filter to the DX page.
    pillars = load_dataset("pillars")
    for row in pillars.itertuples():
        link = page.locator(f'[class*="st-key-ov_pillar_{row.pillar_id}"] [data-testid="stPageLink"] a').first
        href = link.get_attribute("href") or ""
        assert urllib.parse.parse_qs(urllib.parse.urlparse(href).query) == {"dx_pillar": [row.pillar_id]}, href
        assert urllib.parse.urlparse(href).path.endswith("dx")
    page.locator('[class*="st-key-ov_pillar_citizen_dx"] [data-testid="stPageLink"] a').first.click()
    page.wait_for_function("() => location.pathname.endsWith('/dx')")
    wait_rendered(page)
    assert _query(page).get("dx_pillar") == ["citizen_dx"]
    assert page.get_by_role("radio", name="市民サービスDX", exact=True).get_attribute("aria-checked") == "true"
    assert log.outside == [], log.outside


def test_filters_live_in_the_url(page: Page, server_url: str) -> None:
    log = watch(page)
    _open(page, f"{server_url}/?ov_q=BPR", texts=2)
    assert page.locator('[data-testid="stTextInput"] input').first.input_value() == "BPR"
    assert "30件中 2件を表示" in page.inner_text("body")
    box = page.locator('[data-testid="stTextInput"] input').first
    box.fill("チャットボット")
    box.press("Enter")
    page.wait_for_function("() => decodeURIComponent(location.search).includes('ov_q=チャットボット')")
    page.wait_for_function("() => document.body.innerText.includes('30件中 1件を表示')")
    page.get_by_role("button", name="2024年度（R6）").click()
    page.wait_for_function("() => location.search.includes('ov_fy=')")
    page.wait_for_function("() => document.body.innerText.includes('条件に合う取組はありません')")
    assert _query(page)["ov_fy"] == ["2024年度（R6）"]
    assert log.outside == [], log.outside


def test_hall_display_4k_draws_the_full_hd_layout_twice_as_large(page: Page, server_url: str) -> None:
    log = watch(page)
    page.set_viewport_size({"width": 3840, "height": 2160})
    _open(page, server_url)
    title = _box(page, "h1")
    assert title["height"] > 90  # twice the full-HD title
    # The chart fills its box without running past it.
    svg, frame = _box(page, f"{CHART} svg"), _box(page, ".st-key-ov_timeline_box")
    assert svg["x"] + svg["width"] <= frame["x"] + frame["width"] + 2
    assert svg["width"] > 0.8 * frame["width"]
    assert _box(page, ".st-key-ov_timeline_box")["y"] < 2160 - 400  # the same first screen as at full HD
    page.screenshot(path=str(SHOTS / "overview-hall-3840x2160.png"))
    assert log.outside == [], log.outside


def test_on_a_phone_nothing_runs_off_the_page(page: Page, server_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    _open(page, server_url)
    assert page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollWidth") <= 391
    # The timeline keeps a readable width and scrolls sideways inside its own frame.
    frame = page.locator('.st-key-ov_timeline_box [data-testid="stFullScreenFrame"]').first
    assert frame.evaluate("e => e.scrollWidth > e.clientWidth")
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 390, "height": min(int(height) + 100, 16000)})
    wait_rendered(page)
    page.screenshot(path=str(SHOTS / "overview-phone-390.png"), full_page=True)
