"""The facilities page in Debian's chromium: the offline map draws, a click shows a point's details, no request leaves."""

from __future__ import annotations

import math

import pytest
from browser_util import wait_rendered, watch
from conftest import ARTIFACTS
from playwright.sync_api import Page

from dashboard.data import open_data
from dashboard.metrics import geo

pytestmark = pytest.mark.browser

FIT = (400, 500)  # the size the page fits the view for (views.facilities.FIT_*_PX)


def _merc(lon: float, lat: float) -> tuple[float, float]:
    """Web-mercator x, y in world units (0..1), y growing southwards like screen pixels."""
    x = (lon + 180) / 360
    y = 0.5 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / (2 * math.pi)
    return x, y


def _pixel_of(lon: float, lat: float, box: dict) -> tuple[float, float]:
    """Where a point of the initial view lies on the map canvas (deck.gl: 512 px world at zoom 0)."""
    view = geo.fit_view(geo.geojson_bbox(open_data.read_boundary("iwaki")), *FIT)
    scale = 512 * 2 ** view["zoom"]
    cx, cy = _merc(view["longitude"], view["latitude"])
    px, py = _merc(lon, lat)
    return box["x"] + box["width"] / 2 + (px - cx) * scale, box["y"] + box["height"] / 2 + (py - cy) * scale


def _warm_up(page: Page, server_url: str) -> None:
    """Open the overview once, as the whole suite does before this page.

    The very first request to a fresh server runs a page without app.py's
    navigation (see views.shell.run_page); that start-up path is the shell's
    and is covered by test_browser.py, not by this page's test.
    """
    page.goto(server_url)
    wait_rendered(page)


def test_map_draws_offline_and_a_click_shows_details(page: Page, server_url: str) -> None:
    _warm_up(page, server_url)
    log = watch(page)
    page.goto(f"{server_url}/facilities")
    wait_rendered(page)
    # The map is built when its section is opened: closed, no map is sent; opening it puts it in the URL.
    assert page.locator('[data-testid="stDeckGlJsonChart"]').count() == 0
    page.locator(".st-key-open_fac_map summary").click()
    page.wait_for_url("**open_fac_map=true**", timeout=20_000)
    # the map comes late in the page: wait for it before the generic "everything drawn" check
    page.wait_for_selector('[data-testid="stDeckGlJsonChart"] canvas', timeout=60_000)
    wait_rendered(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    deck = page.locator('[data-testid="stDeckGlJsonChart"]')
    assert deck.count() == 1
    canvas = deck.locator("canvas").first
    canvas.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    box = canvas.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 300
    # something was drawn: the canvas is not blank (read back through a 2D copy)
    drawn = page.evaluate(
        """(c) => { const o = document.createElement('canvas'); o.width = c.width; o.height = c.height;
                   const g = o.getContext('2d'); g.drawImage(c, 0, 0);
                   const d = g.getImageData(0, 0, o.width, o.height).data; const seen = new Set();
                   for (let i = 0; i < d.length; i += 4 * 97) { seen.add(d[i] + ',' + d[i+1] + ',' + d[i+2] + ',' + d[i+3]); }
                   return seen.size; }""",
        canvas.element_handle(),
    )
    assert drawn > 3, drawn
    body = page.inner_text("body")
    assert "国土数値情報（行政区域データ）（国土交通省）を加工して作成" in body
    assert "国土地理院 指定避難所データ" in body
    page.screenshot(path=str(ARTIFACTS / "screenshots" / "facilities-map-1920x1080.png"))

    # click an isolated shelter in the mountains (川前): its details appear beside the map
    shelters = open_data.read_shelters().set_index("name")
    target = shelters.loc["小白井集会所"]
    x, y = _pixel_of(float(target["lon"]), float(target["lat"]), box)
    page.mouse.move(x, y)
    page.wait_for_timeout(300)
    page.mouse.click(x, y)
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stTable\"]')].some(t => t.innerText.includes('小白井集会所'))",
        timeout=20_000,
    )
    wait_rendered(page)
    details = page.locator('[data-testid="stTable"]', has_text="小白井集会所").inner_text()
    assert "川前" in details and "集会所" in details
    page.screenshot(path=str(ARTIFACTS / "screenshots" / "facilities-map-selected-1920x1080.png"))
    assert log.outside == [], log.outside
    # the whole page at 1920 wide (Streamlit scrolls inside the page, so grow the window to its height)
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1920, "height": int(height) + 40})
    page.wait_for_timeout(1500)
    page.screenshot(path=str(ARTIFACTS / "screenshots" / "facilities-1920-full.png"))
    assert log.outside == [], log.outside


def test_map_on_a_phone_and_in_english(page: Page, server_url: str) -> None:
    _warm_up(page, server_url)
    log = watch(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server_url}/facilities?lang=en&fac_hazard=Tsunami&open_fac_map=true")
    page.wait_for_selector('[data-testid="stDeckGlJsonChart"] canvas', timeout=60_000)
    wait_rendered(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stDeckGlJsonChart"] canvas').count() >= 1
    body = page.inner_text("body")
    assert "Map (109 points shown)" in body
    page.locator('[data-testid="stDeckGlJsonChart"]').scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "screenshots" / "facilities-390-en-tsunami.png"))
    assert log.outside == [], log.outside
