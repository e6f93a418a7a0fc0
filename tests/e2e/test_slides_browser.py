"""Presentation mode slide by slide, and the normal view on a 4K screen, in Debian's chromium.

One context per screen size steps through every slide of every page with the keyboard only
(no click first), from the overview's first slide until the survey's last slide comes back
round to the overview, and checks each slide: nothing runs off the screen or under the
presenter's bar, no text is cut with an ellipsis, body text is large enough, and every map's
canvas is drawn whole inside its frame. Screenshots of every slide go to
artifacts/screenshots/slides/<width>x<height>/.
"""

from __future__ import annotations

import re
import urllib.parse

import pytest
from browser_util import scroll_through, wait_rendered, watch
from conftest import ARTIFACTS, URL_PATHS
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS / "screenshots" / "slides"
PAGE_ORDER = ["overview", "population", "dx", "facilities", "survey"]
# Keys a presenter or a clicker sends for "next"; the steps cycle through them.
NEXT_KEYS = ["PageDown", "ArrowRight", "Space"]

# Everything the checks need from the slide on screen (sizes in CSS px times the effective zoom).
SLIDE_JS = """() => {
    const main = document.querySelector('[data-testid="stMainBlockContainer"]');
    const bar = document.querySelector('.st-key-present_bar');
    const barTop = bar ? bar.getBoundingClientRect().top : innerHeight;
    const shown = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0
        && getComputedStyle(el).visibility !== 'hidden'; };
    const zoom = el => el.currentCSSZoom || 1;
    const textOf = el => [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
    const all = [...main.querySelectorAll('*')].filter(shown);
    const boxes = all.filter(el => !el.closest('.st-key-present_bar, [data-testid="stTooltipHoverTarget"]'));
    const bottom = Math.max(0, ...boxes.map(el => el.getBoundingClientRect().bottom));
    const right = Math.max(0, ...boxes.map(el => el.getBoundingClientRect().right));
    // Material icons are ligatures of an icon font (aria-hidden): symbols, not text.
    const texts = all.filter(el => textOf(el).length > 0 && !el.closest('svg, [data-testid="stIconMaterial"], [aria-hidden="true"]'));
    const body = texts.filter(el => !el.closest('h1, h2, h3, h4, .st-key-present_bar'))
        .map(el => ({size: parseFloat(getComputedStyle(el).fontSize) * zoom(el), text: textOf(el).slice(0, 40)}));
    const cut = texts.filter(el => {
        const cs = getComputedStyle(el);
        return (cs.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1)
            || (parseInt(cs.webkitLineClamp) > 0 && el.scrollHeight > el.clientHeight + 1);
    }).map(el => textOf(el).slice(0, 40));
    const svgCut = [...main.querySelectorAll('svg text')].filter(shown)
        .map(el => el.textContent).filter(s => s.endsWith('…'));
    const maps = [...main.querySelectorAll('[data-testid="stDeckGlJsonChart"]')].filter(shown).map(frame => {
        const canvas = frame.querySelector('canvas');
        const f = frame.getBoundingClientRect(), c = canvas.getBoundingClientRect();
        return {frame: [f.left, f.top, f.right, f.bottom], box: [c.left, c.top, c.right, c.bottom],
                buffer: [canvas.width, canvas.height],
                // Sharp and whole: one buffer pixel per screen pixel of the canvas as shown (zoom included).
                wanted: [Math.round(c.width * devicePixelRatio), Math.round(c.height * devicePixelRatio)]};
    });
    const count = document.querySelector('.present-count');
    const scroller = document.querySelector('[data-testid="stMain"]');
    return {bottom, right, barTop, body, cut, svgCut, maps,
            counter: count ? count.textContent : null,
            scrolls: scroller ? scroller.scrollHeight > scroller.clientHeight + 1 : false,
            h: [...main.querySelectorAll('h1, h2, h3, h4')].filter(shown).map(e => e.innerText.trim()).join(' / ')};
}"""


def _page_name(url: str) -> str:
    path = urllib.parse.urlparse(url).path.strip("/")
    return next((name for name, p in URL_PATHS.items() if p == path), "overview")


def _slide_param(url: str) -> str | None:
    values = urllib.parse.parse_qs(urllib.parse.urlparse(url).query).get("slide")
    return values[0] if values else None


def _wait_for_slide(page: Page, counter: str | None, url: str) -> None:
    """After a key: the counter or the page changed, and what is shown has drawn."""
    page.wait_for_function(
        "([c, u]) => { const e = document.querySelector('.present-count');"
        " return location.href !== u || (e && e.textContent !== c); }",
        arg=[counter, url],
        timeout=60_000,
    )
    wait_rendered(page)
    page.wait_for_selector(".present-count", timeout=45_000)
    page.wait_for_timeout(300)


def _check_slide(page: Page, width: int, height: int, body_min: float, where: str) -> dict:
    state = page.evaluate(SLIDE_JS)
    assert state["bottom"] <= state["barTop"] + 1, (where, "runs under the bar or off the screen", state["bottom"])
    assert state["barTop"] <= height and state["right"] <= width + 1, (where, state["right"])
    assert state["cut"] == [] and state["svgCut"] == [], (where, state["cut"], state["svgCut"])
    small = [b for b in state["body"] if b["size"] < body_min]
    assert not small, (where, small[:5])
    for m in state["maps"]:
        f, c = m["frame"], m["box"]
        assert c[0] >= f[0] - 1 and c[1] >= f[1] - 1 and c[2] <= f[2] + 1 and c[3] <= f[3] + 1, (where, m)
        assert abs(m["buffer"][0] - m["wanted"][0]) <= 2 and abs(m["buffer"][1] - m["wanted"][1]) <= 2, (where, m)
        assert c[2] - c[0] >= 0.9 * (f[2] - f[0]), (where, "the map does not fill its frame", m)
    return state


@pytest.mark.parametrize(("width", "height", "body_min"), [(1920, 1080, 24), (3840, 2160, 48)])
def test_every_slide_of_every_page_by_keyboard(
    browser: Browser, server_url: str, width: int, height: int, body_min: float
) -> None:
    context = browser.new_context(viewport={"width": width, "height": height}, locale="ja-JP")
    page = context.new_page()
    log = watch(page)
    shots = SHOTS / f"{width}x{height}"
    shots.mkdir(parents=True, exist_ok=True)
    for old in shots.glob("*.png"):
        old.unlink()
    page.goto(server_url)  # the first request of a fresh server goes to / (see shell.run_page)
    wait_rendered(page)
    page.goto(f"{server_url}/?mode=present")
    wait_rendered(page)
    page.wait_for_selector(".present-count", timeout=45_000)
    seen: dict[str, list[int]] = {}
    steps = 0
    while True:
        name = _page_name(page.url)
        counter = page.locator(".present-count").inner_text().strip()
        match = re.fullmatch(r"(\d+)／(\d+)", counter)
        assert match, counter
        number, total = int(match[1]), int(match[2])
        if name == "overview" and seen.get("survey"):
            break  # round the whole dashboard: the survey's last slide went on to the overview
        assert _slide_param(page.url) == str(number), page.url
        state = _check_slide(page, width, height, body_min, f"{name} {counter}")
        assert state["h"], (name, counter, "a slide without a heading")
        page.screenshot(path=str(shots / f"{PAGE_ORDER.index(name) + 1}-{name}-{number:02d}.png"))
        seen.setdefault(name, []).append(number)
        url = page.url
        page.keyboard.press(NEXT_KEYS[steps % len(NEXT_KEYS)])
        steps += 1
        assert steps < 200, "never came back to the overview"
        _wait_for_slide(page, counter, url)
        if _page_name(page.url) != name:
            assert number == total, (name, counter, "left the page before its last slide")
    assert list(seen) == PAGE_ORDER
    for name, numbers in seen.items():
        assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 3, (name, numbers)
    # Back: ← on the overview's first slide goes to the survey's last slide; ← again to the one before it.
    url = page.url
    page.keyboard.press("ArrowLeft")
    _wait_for_slide(page, "1／" + str(len(seen["overview"])), url)
    assert _page_name(page.url) == "survey"
    last = len(seen["survey"])
    assert page.locator(".present-count").inner_text().strip() == f"{last}／{last}"
    page.keyboard.press("PageUp")
    _wait_for_slide(page, f"{last}／{last}", page.url)
    assert page.locator(".present-count").inner_text().strip() == f"{last - 1}／{last}"
    assert _slide_param(page.url) == str(last - 1)
    # A link to a slide reopens it.
    link = page.url
    fresh = context.new_page()
    fresh.goto(link)
    wait_rendered(fresh)
    fresh.wait_for_selector(".present-count", timeout=45_000)
    assert fresh.locator(".present-count").inner_text().strip() == f"{last - 1}／{last}"
    fresh.close()
    assert log.outside == [], log.outside
    context.close()


def test_normal_view_on_a_4k_screen_is_drawn_twice_as_large(browser: Browser, server_url: str) -> None:
    context = browser.new_context(viewport={"width": 3840, "height": 2160}, locale="ja-JP")
    page = context.new_page()
    page.goto(server_url)
    wait_rendered(page)
    shots = SHOTS / "normal-3840x2160"
    shots.mkdir(parents=True, exist_ok=True)
    for name in PAGE_ORDER:
        page.goto(f"{server_url}/{URL_PATHS[name]}")
        wait_rendered(page)
        scroll_through(page)  # charts further down are drawn when scrolled to
        wait_rendered(page)
        sizes = page.evaluate(
            """() => {
            const main = document.querySelector('[data-testid="stMainBlockContainer"]');
            const shown = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
            const own = el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
            return [...main.querySelectorAll('*')]
                .filter(el => shown(el) && own(el) && !el.closest('svg, [data-testid="stIconMaterial"], [aria-hidden="true"]'))
                .map(el => ({size: parseFloat(getComputedStyle(el).fontSize) * (el.currentCSSZoom || 1),
                             text: el.textContent.trim().slice(0, 30)}));
        }"""
        )
        small = [s for s in sizes if s["size"] < 24]
        assert sizes and not small, (name, small[:5])
        cut = page.evaluate(
            """() => [...document.querySelectorAll('[data-testid="stMetric"] *')].filter(el => {
                const cs = getComputedStyle(el);
                return cs.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1;
            }).map(el => el.textContent.slice(0, 30))"""
        )
        assert cut == [], (name, "cards cut with an ellipsis", cut)
        charts = page.evaluate(
            "() => [...document.querySelectorAll('[data-testid=\"stVegaLiteChart\"]')]"
            ".map(c => (c.currentCSSZoom || 1) * parseFloat(getComputedStyle(c).zoom || 1))"
        )
        assert all(z >= 2 for z in charts), (name, charts)
        if name == "overview":
            assert page.locator(".st-key-present_offer button").first.is_visible()  # a hall screen offers presenting
        page.screenshot(path=str(shots / f"{name}.png"))
    context.close()
