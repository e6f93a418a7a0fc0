"""Every page on a phone (390 × 844): no sideways page scroll, nothing cut at the right edge, the title largest.

One server and one load per page. Measured in the page: the document's and
Streamlit's main area's scroll widths against the viewport; every visible
element of the page body must end inside the screen unless it sits in a frame
that scrolls sideways on its own (the timeline, a data grid), so nothing is cut
off unseen; the page title's type is larger than every section heading's.
Full-height screenshots go to ``artifacts/screenshots/phone-*.png``.
"""

from __future__ import annotations

from typing import Any

import pytest
from browser_util import OPEN_SECTIONS, wait_rendered, watch
from conftest import ARTIFACTS, URL_PATHS
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser
SHOTS = ARTIFACTS / "screenshots"
PHONE = {"width": 390, "height": 844}

MEASURE_JS = """() => {
  const vw = window.innerWidth;
  const main = document.querySelector('[data-testid="stMain"]');
  const shown = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const sizes = sel => [...main.querySelectorAll(sel)].filter(shown).map(e => parseFloat(getComputedStyle(e).fontSize));
  // A frame that scrolls sideways by itself (and ends inside the screen) shows what overflows it.
  const inScroller = e => {
    for (let a = e.parentElement; a && a !== main; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if ((o === 'auto' || o === 'scroll') && a.getBoundingClientRect().right <= vw + 1) return true;
    }
    return false;
  };
  const over = [...main.querySelectorAll('*')].filter(e => {
    if (!shown(e)) return false;
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && (r.right > vw + 1 || r.left < -1) && !inScroller(e);
  });
  const label = e => (e.getAttribute('data-testid') || e.tagName.toLowerCase()) + '@' + Math.round(e.getBoundingClientRect().right);
  // Page elements past the edge, and the parts of a chart drawn past its own (clipped) SVG box.
  const cut = over.filter(e => !e.closest('svg')).map(label);
  const charts = [...main.querySelectorAll('[data-testid="stVegaLiteChart"]')];
  const clipped = [...new Set(over.filter(e => e.closest('svg') && e.closest('svg') !== e)
    .map(e => 'chart ' + (charts.indexOf(e.closest('[data-testid="stVegaLiteChart"]')) + 1)))];
  return {
    vw, doc: document.documentElement.scrollWidth, main: main.scrollWidth, height: main.scrollHeight,
    h1: sizes('h1'), h2: sizes('h2'), h3: sizes('h3'), cut: cut.slice(0, 20), clipped,
  };
}"""


def _measure(page: Page) -> dict[str, Any]:
    return dict(page.evaluate(MEASURE_JS))


def _open(browser: Browser, server_url: str) -> tuple[Any, Page]:
    context = browser.new_context(viewport=PHONE, locale="ja-JP", is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.goto(server_url)
    wait_rendered(page)
    return context, page


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_page_fits_a_phone(browser: Browser, server_url: str, lang: str) -> None:
    context = browser.new_context(viewport=PHONE, locale="ja-JP", is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    log = watch(page)
    page.goto(server_url)
    wait_rendered(page)
    problems: list[str] = []
    for name, path in URL_PATHS.items():
        page.set_viewport_size(PHONE)
        page.goto(f"{server_url}/{path}" + ("?lang=en" if lang == "en" else ""))
        wait_rendered(page)
        m = _measure(page)
        if m["doc"] > m["vw"] or m["main"] > m["vw"]:
            problems.append(f"{name}: page scrolls sideways ({m['doc']}/{m['main']} px > {m['vw']} px)")
        if m["cut"]:
            problems.append(f"{name}: cut at the screen's edge: {m['cut']}")
        if not m["h1"] or max(m["h2"] + m["h3"], default=0) >= min(m["h1"]):
            problems.append(f"{name}: title {m['h1']} px not larger than headings {m['h2']} / {m['h3']} px")
        # The copy-link button is on the phone too, not under Streamlit's header.
        button = page.get_by_role("button", name="リンクをコピー" if lang == "ja" else "Copy link")
        header = page.locator('[data-testid="stHeader"]').bounding_box()
        box = button.bounding_box()
        if box is None or (header is not None and box["y"] < header["y"] + header["height"]):
            problems.append(f"{name}: copy-link button hidden under the header ({box}, {header})")
        # Streamlit scrolls inside its own container: grow the viewport to the content for the screenshot.
        page.set_viewport_size({"width": PHONE["width"], "height": min(int(m["height"]) + 120, 16000)})
        wait_rendered(page)
        page.screenshot(path=str(SHOTS / f"phone-{name}-{lang}.png"), full_page=True)
    assert problems == [], "\n".join(problems)
    assert log.outside == []
    context.close()


def test_no_chart_is_clipped_on_a_phone(browser: Browser, server_url: str) -> None:
    """Every chart (every on-demand section open), ja and en: nothing drawn past the chart's own box."""
    context, page = _open(browser, server_url)
    clipped: dict[str, list[str]] = {}
    for lang in ("ja", "en"):
        for name, path in URL_PATHS.items():
            page.goto(f"{server_url}/{path}?{OPEN_SECTIONS}" + ("&lang=en" if lang == "en" else ""))
            wait_rendered(page)
            if found := _measure(page)["clipped"]:
                clipped[f"{name} ({lang})"] = found
    context.close()
    assert clipped == {}, clipped
