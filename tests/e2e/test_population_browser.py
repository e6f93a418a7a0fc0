"""The population page in Debian's chromium: charts and map draw, a map click selects a municipality, nothing leaves loopback."""

from __future__ import annotations

import math
import urllib.parse

import pytest
from browser_util import wait_rendered, watch
from conftest import ARTIFACTS
from playwright.sync_api import Page

from dashboard.charts.population import MAP_VIEW

pytestmark = pytest.mark.browser

KORIYAMA = (140.313, 37.422)  # a point inside 郡山市 (07203), checked against the boundary file


def _offset(lon: float, lat: float) -> tuple[float, float]:
    """Pixel offset of (lon, lat) from the map's centre in deck.gl's Web Mercator (512 px world at zoom 0)."""
    lat0, lon0, zoom = MAP_VIEW
    scale = 512 * 2**zoom / (2 * math.pi)

    def merc(phi: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(phi) / 2))

    return math.radians(lon - lon0) * scale, -(merc(lat) - merc(lat0)) * scale


def _scroll_to(page: Page, selector: str) -> None:
    page.locator(selector).first.scroll_into_view_if_needed()
    page.wait_for_timeout(800)  # charts and maps below the fold are drawn when they come into view
    wait_rendered(page)


def test_population_page_renders_and_the_map_selects(page: Page, server_url: str) -> None:
    log = watch(page)
    page.goto(server_url)  # the app (not a lone page script) serves the session, as for a user
    wait_rendered(page)
    # The age structure and the map are built when opened; a link that carries them open opens them.
    page.goto(f"{server_url}/population?open_pop_age=true&open_pop_peers=true")
    wait_rendered(page)
    assert page.locator("h1").first.inner_text().strip() == "人口推計"
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stVegaLiteChart"]').count() >= 3
    assert "2063年ごろ" in page.inner_text("body")
    shots = ARTIFACTS / "screenshots"
    page.screenshot(path=str(shots / "population-1920x1080.png"))

    _scroll_to(page, ".st-key-pop_age_view")
    page.screenshot(path=str(shots / "population-1920x1080-age.png"))

    _scroll_to(page, ".st-key-pop_map_deck")
    canvas = page.locator(".st-key-pop_map_deck canvas").first
    canvas.wait_for(state="visible")
    page.wait_for_timeout(2000)  # the deck parses its GeoJSON after the canvas appears
    page.screenshot(path=str(shots / "population-1920x1080-map.png"))
    box = canvas.bounding_box()
    assert box is not None
    dx, dy = _offset(*KORIYAMA)
    x, y = box["x"] + box["width"] / 2 + dx, box["y"] + box["height"] / 2 + dy
    page.mouse.move(x, y)  # deck.gl picks on hover first; a click straight after a jump can miss
    page.wait_for_timeout(500)
    page.mouse.click(x, y)
    # The click reruns the page (the whole map is sent again): allow for a slow, busy machine.
    page.wait_for_function(
        "() => { const i = document.querySelector('.st-key-pop_muni input'); return i && i.value === '郡山市'; }",
        timeout=45_000,
    )
    # A bound selectbox keeps the shown option (the name) in the URL.
    page.wait_for_url(f"**pop_muni={urllib.parse.quote('郡山市')}**", timeout=60_000)  # busy CI: two workers
    wait_rendered(page)
    assert "338,712人" in page.locator('[data-testid="stMain"]').inner_text()
    page.screenshot(path=str(shots / "population-1920x1080-map-selected.png"))

    assert page.locator('[data-testid="stException"]').count() == 0
    assert "出典" in page.inner_text("body")
    assert log.outside == [], log.outside
