"""Accessibility in Debian's chromium: axe-core on every page, headings, keyboard focus and tab stops.

axe-core (the npm package, vendored in tests/vendor/axe-core, injected with ``add_script_tag``: no network)
runs on every page in the normal view and in presentation mode, in Japanese and in English. A serious or
critical violation fails the test, and so does a skipped heading level (axe rates that "moderate", but a
screen-reader user navigating by headings loses the page's outline). Screenshots of the focus ring go to
artifacts/screenshots/a11y-*.png.
"""

from __future__ import annotations

import pytest
from axe_util import axe_violations
from browser_util import OPEN_SECTIONS, scroll_through, wait_rendered
from conftest import ARTIFACTS, URL_PATHS
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS / "screenshots"
_warmed: set[str] = set()

# Presentation mode shows one slide at a time (the rest is display: none, which axe skips). For the check,
# every slide of the page is shown at once, in presentation mode's own styles, beside the presenter's bar.
SHOW_ALL_SLIDES_JS = """() => {
    const style = document.getElementById('dash-present-slide');
    if (style) { style.textContent = ''; }
    document.documentElement.setAttribute('data-present-slide', 'all');
    return document.querySelectorAll('[class*="st-key-pslide_"]').length;
}"""

# The heading levels of the page as a reader meets them (hidden ones excluded, as a screen reader does).
HEADINGS_JS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .filter(h => h.getClientRects().length > 0)
    .map(h => [Number(h.tagName[1]), h.innerText.trim().slice(0, 60)])"""

# Open every closed expander of the main area, so what is inside is checked too.
OPEN_EXPANDERS_JS = """() => {
    const closed = [...document.querySelectorAll('[data-testid="stMain"] details:not([open]) > summary')];
    closed.forEach(s => s.click());
    return closed.length;
}"""

# What has the keyboard focus: enough to tell a chart switch, a heading link or a chart's toolbar apart.
FOCUSED_JS = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const group = e.closest('[data-testid="stButtonGroup"]');
    return {
        tag: e.tagName, label: e.getAttribute('aria-label') || '', text: (e.innerText || '').trim().slice(0, 40),
        switch: group ? [...group.querySelectorAll('button')].map(b => b.innerText.trim()) : null,
        toolbar: !!e.closest('[data-testid="stElementToolbar"], [data-testid="stHeaderActionElements"]'),
        outline: [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineWidth],
    };
}"""


def _open(page: Page, base: str, path: str) -> None:
    """Open a page of the app; the first request of a fresh server goes to ``/`` (see shell.run_page)."""
    if base not in _warmed:
        page.goto(base)
        wait_rendered(page)
        _warmed.add(base)
    page.goto(f"{base}{path}")
    wait_rendered(page)


def _skips(levels: list[list]) -> list[str]:
    """Headings that jump more than one level deeper than the one before (h1 → h3), or a first heading not h1."""
    problems = []
    previous = 0
    for level, text in levels:
        if level > previous + 1:
            problems.append(f"h{previous} → h{level} 「{text}」")
        previous = level
    return problems


def _check(page: Page, where: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"{where}:\n" + "\n".join(v.describe() for v in violations)
    skips = _skips(page.evaluate(HEADINGS_JS))
    assert not skips, f"{where}: heading levels skipped: {skips}"
    order = axe_violations(page, impacts=("minor", "moderate", "serious", "critical"))
    assert not [v for v in order if v.rule == "heading-order"], where


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("page_name", list(URL_PATHS))
def test_no_serious_accessibility_violation_in_the_normal_view(
    page: Page, server_url: str, page_name: str, lang: str
) -> None:
    query = "?lang=en" if lang == "en" else ""
    _open(page, server_url, f"/{URL_PATHS[page_name]}{query}")
    scroll_through(page)
    if page.evaluate(OPEN_EXPANDERS_JS):
        wait_rendered(page)
    _check(page, f"{page_name} ({lang})")


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("page_name", list(URL_PATHS))
def test_no_serious_accessibility_violation_in_presentation_mode(
    page: Page, server_url: str, page_name: str, lang: str
) -> None:
    query = "?mode=present" + ("&lang=en" if lang == "en" else "")
    _open(page, server_url, f"/{URL_PATHS[page_name]}{query}")
    page.wait_for_selector(".present-bar")
    assert page.evaluate(SHOW_ALL_SLIDES_JS) > 1
    page.wait_for_timeout(500)
    wait_rendered(page)
    _check(page, f"{page_name} presenting ({lang})")


def test_keyboard_reaches_the_first_chart_switch_without_chart_toolbars_or_heading_links(
    page: Page, server_url: str
) -> None:
    """On /dx, Tab goes through the header, the tools row, the filter and the cards' help to the first chart's switch.

    Each chart used to add about 9 stops (its toolbar: fullscreen, "Show data", "Download as PNG",
    "Copy Vega-Lite spec"…) and each heading a "Link to heading": 40 Tabs to the first switch.
    """
    _open(page, server_url, f"/dx?{OPEN_SECTIONS}")  # the charts are in on-demand parts: opened, as a link can
    stops: list[dict] = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_JS)
        assert focused is not None
        stops.append(focused)
        if focused["switch"] and set(focused["switch"]) == {"グラフ", "表"}:
            break
    else:
        pytest.fail(f"no chart switch within 60 Tabs: {[s['label'] or s['text'] for s in stops]}")
    assert not [s for s in stops if s["toolbar"] or s["label"] in ("Link to heading", "Copy Vega-Lite spec")]
    # The header (skip link, 5 pages, menu), the tools row (language, 発表モード, copy link), the pillar
    # filter with its help, and one help button per card: nothing else on the way.
    cards = page.locator('[data-testid="stMain"] [data-testid="stMetric"]').count()
    assert len(stops) <= 18 + cards, [s["label"] or s["text"] for s in stops]
    assert stops[-1]["outline"] == ["solid", "3px"]  # the focus ring is visible on the switch


def test_focus_ring_is_visible_and_unlike_the_current_page_highlight(page: Page, server_url: str) -> None:
    """A focused control gets a 3 px ring; the current page's link is marked otherwise (and ringed when focused)."""
    _open(page, server_url, "/dx")
    current = page.locator('[data-testid="stTopNav"] a[aria-current="page"]')
    other = page.locator('[data-testid="stTopNav"] a:not([aria-current="page"])').first
    style_js = """e => { const s = getComputedStyle(e);
        return {outline: s.outlineStyle + ' ' + s.outlineWidth, shadow: s.boxShadow, background: s.backgroundColor}; }"""
    page.keyboard.press("Tab")  # the skip link: the focus is in the page, no page link is focused yet
    highlight = current.evaluate(style_js)
    assert highlight["outline"].startswith("none") and "inset" in highlight["shadow"]  # a line under it
    other.focus()
    ring = other.evaluate(style_js)
    assert ring["outline"] == "solid 3px"
    assert ring["outline"] != highlight["outline"]
    page.screenshot(path=str(SHOTS / "a11y-focus-ring.png"), clip={"x": 0, "y": 0, "width": 420, "height": 420})
    current.focus()
    assert current.evaluate(style_js)["outline"] == "solid 3px"  # focus on the current page still shows the ring


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_page_language_and_control_labels_follow_the_screen_language(
    page: Page, server_url: str, lang: str
) -> None:
    """``<html lang>`` is the screen's language, and Streamlit's own English labels are translated in Japanese."""
    _open(page, server_url, "/dx" + ("?lang=en" if lang == "en" else ""))
    page.wait_for_function(f"() => document.documentElement.lang === '{lang}'", timeout=15_000)
    labels = page.evaluate(
        "() => [...document.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label'))"
    )
    english = ("Collapse sidebar", "Main menu", "App pages", "Help for ")
    if lang == "ja":
        assert not [label for label in labels if label.startswith(english)], labels[:40]
        assert "メインメニュー" in labels and any(label.endswith("の説明") for label in labels)
    else:
        assert "Main menu" in labels and any(label.startswith("Help for ") for label in labels)
