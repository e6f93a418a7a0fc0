"""Meetings and large displays in Debian's chromium: presentation mode, slideshow, links, print to PDF.

Type sizes are measured with getComputedStyle (and the element's effective CSS
zoom); screenshots go to artifacts/screenshots/present-*.png.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import urllib.parse
from pathlib import Path

import pytest
from browser_util import wait_rendered, watch
from conftest import ARTIFACTS, URL_PATHS
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS / "screenshots"
_warmed: set[str] = set()

# Sizes (CSS px, times the effective zoom) of the visible text in the main area, by kind.
SIZES_JS = """() => {
    const main = document.querySelector('[data-testid="stMainBlockContainer"]');
    const skip = el => el.closest('.st-key-present_controls, .st-key-present_ticker, [data-testid="stDataFrame"]');
    const visible = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
    const size = el => parseFloat(getComputedStyle(el).fontSize) * (el.currentCSSZoom || 1);
    const sizes = sel => [...main.querySelectorAll(sel)].filter(e => visible(e) && !skip(e)
        && e.innerText.trim().length > 0).map(size);
    return {
        body: sizes('p, li, [data-testid="stCaptionContainer"]'),
        metric: [...main.querySelectorAll('[data-testid="stMetricValue"]')].filter(visible)
            .map(m => size(m.querySelector('p') || m)),
        h1: sizes('h1'),
    };
}"""

# What a view shows: the chosen options, the charts' marks and labels, and the text.
STATE_JS = """() => {
    const main = document.querySelector('[data-testid="stMainBlockContainer"]');
    const hash = s => { let h = 0; for (let i = 0; i < s.length; i++) { h = (h * 31 + s.charCodeAt(i)) | 0; } return h; };
    // The page's own controls: the tools row at the top (language switch) belongs to the frame.
    const groups = [...main.querySelectorAll('[data-testid="stButtonGroup"]')].filter(g => !g.closest('.st-key-copy_link_bar')).map(g =>
        [...g.querySelectorAll('button')].filter(b => b.getAttribute('aria-checked') === 'true'
            || b.getAttribute('aria-pressed') === 'true' || (b.getAttribute('data-testid') || '').endsWith('Active'))
            .map(b => b.innerText.trim()).join('|'));
    const selects = [...main.querySelectorAll('[data-testid="stSelectbox"], [data-testid="stMultiSelect"]')]
        .map(s => s.innerText.trim() + '=' + [...s.querySelectorAll('input')].map(i => i.value).join('|'));
    const sliders = [...main.querySelectorAll('[data-testid="stSlider"] [role="slider"]')]
        .map(s => s.getAttribute('aria-valuenow'));
    const charts = [...main.querySelectorAll('[data-testid="stVegaLiteChart"]')].map(c => {
        const marks = [...c.querySelectorAll('path, text, rect, circle')].map(e =>
            (e.getAttribute('d') || '') + (e.textContent || '') + (e.getAttribute('x') || '') + (e.getAttribute('y') || ''));
        return hash(marks.join(';'));
    });
    const meta = main.querySelector('.st-key-print_meta');
    const text = main.innerText.replace(meta ? meta.innerText : '', '');
    return {groups, selects, sliders, charts, tables: main.querySelectorAll('[data-testid="stDataFrame"]').length, text};
}"""


def _open(page: Page, base: str, path: str) -> None:
    """Open a page of the app; the first request of a fresh server goes to ``/`` (see shell.run_page)."""
    if base not in _warmed:
        page.goto(base)
        wait_rendered(page)
        _warmed.add(base)
    page.goto(f"{base}{path}")
    wait_rendered(page)


def _settle(page: Page) -> None:
    page.wait_for_timeout(700)
    wait_rendered(page)


def _stable_state(page: Page, timeout_s: float = 30) -> dict:
    """The view's state once it stops changing (a fresh page may still be drawing after wait_rendered)."""
    wait_rendered(page)
    last = page.evaluate(STATE_JS)
    for _ in range(int(timeout_s / 0.8)):
        page.wait_for_timeout(800)
        wait_rendered(page)
        now = page.evaluate(STATE_JS)
        if now == last:
            return now
        last = now
    raise AssertionError("the page kept changing")


def _params(url: str) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(urllib.parse.urlparse(url).query, keep_blank_values=True)


@pytest.mark.parametrize(("width", "height", "body_min", "headline_min"), [(1920, 1080, 24, 64), (3840, 2160, 48, 128)])
def test_presentation_mode_is_readable_from_the_back_of_a_hall(
    page: Page, server_url: str, width: int, height: int, body_min: float, headline_min: float
) -> None:
    log = watch(page)
    page.set_viewport_size({"width": width, "height": height})
    _open(page, server_url, "/?mode=present")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stSidebar"]').count() == 0  # the app has no sidebar
    assert not page.locator(".st-key-copy_link_bar").is_visible()  # the tools row (language, presenting, link)
    for control in (
        '[data-testid="stMain"] [data-testid="stButtonGroup"]',
        '[data-testid="stDownloadButton"]',
        '[data-testid="stMain"] [data-testid="stPopover"]',
        '[data-testid="stMain"] [data-testid="stSelectbox"]',
    ):
        loc = page.locator(control)
        assert all(not loc.nth(i).is_visible() for i in range(loc.count())), control
    sizes = page.evaluate(SIZES_JS)
    assert sizes["body"] and min(sizes["body"]) >= body_min, sizes["body"]
    assert sizes["h1"] and min(sizes["h1"]) >= headline_min, sizes["h1"]
    assert min(sizes["metric"], default=headline_min) >= headline_min, sizes["metric"]
    # Charts are magnified on 4K but stay inside the screen.
    right = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=\"stVegaLiteChart\"]')]"
        ".map(c => c.getBoundingClientRect().right))"
    )
    assert right <= width
    page.screenshot(path=str(SHOTS / f"present-overview-{width}x{height}.png"))
    # One idea per screen: the next slide (the headline cards) carries its sources and as-of.
    page.keyboard.press("PageDown")
    page.wait_for_function("() => document.querySelector('.present-count').textContent.startsWith('2')")
    wait_rendered(page)
    main_text = page.inner_text('[data-testid="stMainBlockContainer"]')
    assert "出典" in main_text and "時点" in main_text
    page.screenshot(path=str(SHOTS / f"present-overview-chart-{width}x{height}.png"))
    assert log.outside == [], log.outside


@pytest.mark.parametrize("page_name", ["dx", "population"])
def test_presentation_screenshots_of_pages_with_figures_and_charts(page: Page, server_url: str, page_name: str) -> None:
    _open(page, server_url, f"/{URL_PATHS[page_name]}?mode=present")
    assert page.locator('[data-testid="stException"]').count() == 0
    # On a busy machine the presentation styles can land after the page reports drawn: give them time
    # (the assertion below still fails if they never apply).
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(
            f"() => {{ const s = ({SIZES_JS})(); return s.body.length && Math.min(...s.body) >= 24; }}", timeout=30_000
        )
    sizes = page.evaluate(SIZES_JS)
    assert min(sizes["body"]) >= 24 and min(sizes["h1"] + sizes["metric"]) >= 64, sizes
    page.screenshot(path=str(SHOTS / f"present-{page_name}-1920x1080.png"))
    page.keyboard.press("PageDown")
    page.wait_for_function("() => document.querySelector('.present-count').textContent.startsWith('2')")
    wait_rendered(page)
    page.screenshot(path=str(SHOTS / f"present-{page_name}-chart-1920x1080.png"))


def test_auto_advance_moves_to_the_next_page_keeping_the_view_settings(page: Page, server_url: str) -> None:
    _open(page, server_url, "/?mode=present&advance=3&lang=en")
    assert page.locator(".st-key-present_ticker").inner_text().strip() == "Auto-advance: every 3 s"
    # Overview: its top, then its chart block(s), 3 s each, then the population page.
    page.wait_for_url(re.compile(r"/population\?"), timeout=60_000)
    params = _params(page.url)
    assert params["mode"] == ["present"] and params["advance"] == ["3"] and params["lang"] == ["en"]
    wait_rendered(page)
    assert page.locator("h1").first.inner_text().strip() == "Population outlook"
    assert not page.locator(".st-key-copy_link_bar").is_visible()
    page.screenshot(path=str(SHOTS / "present-advanced-1920x1080.png"))


def test_keys_move_between_pages_and_exit_returns_to_the_normal_view(page: Page, server_url: str) -> None:
    # → on a page's last slide goes on to the next page's first slide.
    _open(page, server_url, "/dx?mode=present&slide=last")
    page.locator(".present-bar").get_by_role("button", name=re.compile("次へ")).wait_for()
    page.wait_for_timeout(500)
    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile(r"/facilities\?mode=present&slide=1$"), timeout=45_000)
    wait_rendered(page)
    assert page.locator(".present-count").inner_text().startswith("1／")
    page.locator(".present-bar").get_by_role("button", name=re.compile("終了")).click()
    page.wait_for_function(
        "() => { const s = document.querySelector('.st-key-copy_link_bar');"
        " return s && getComputedStyle(s).display !== 'none'; }",
        timeout=30_000,
    )
    _settle(page)
    assert "mode" not in _params(page.url)
    # The controls are back: a block's downloads button (its files are made when it is opened).
    assert page.locator('[data-testid="stMain"] [data-testid="stPopover"]').first.is_visible()
    size = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)")
    assert size < 64  # normal type again


PAGE_GROUPS = '[data-testid="stMain"] [data-testid="stButtonGroup"]:not(.st-key-copy_link_bar *)'
"""The page's segmented controls and pills, not the tools row's language switch."""


def _click_first_unselected(page: Page) -> None:
    """Choose another option of the main area's first segmented control (or pills)."""
    group = page.locator(PAGE_GROUPS).first
    choices = group.locator('button[aria-checked="false"], button[aria-pressed="false"]')
    assert choices.count(), "a segmented control with nothing to choose"
    choices.first.click()
    _settle(page)


def _change_first_widgets(page: Page) -> None:
    """Change the first segmented control/pills and the first enabled select box of the main area, if any."""
    if page.locator(PAGE_GROUPS).count():
        _click_first_unselected(page)
    select = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]:not(:has(input[disabled]))').first
    if select.count() and select.is_visible():
        field = select.locator("input").first
        before = field.input_value()
        field.click()
        page.keyboard.press("ArrowDown")  # opens the list
        options = page.locator('[role="listbox"] [role="option"]')
        options.first.wait_for(timeout=5_000)
        for i in range(options.count()):
            if options.nth(i).inner_text().strip() != before:
                options.nth(i).click()
                break
        else:
            page.keyboard.press("Escape")
        _settle(page)


@pytest.mark.parametrize("page_name", list(URL_PATHS))
def test_url_round_trip_restores_the_view(page: Page, server_url: str, page_name: str) -> None:
    _open(page, server_url, f"/{URL_PATHS[page_name]}")
    before = _stable_state(page)
    _change_first_widgets(page)
    changed = _stable_state(page)
    assert changed != before, "changing the first controls changed nothing"
    link = page.url
    assert _params(link), f"the view's state is not in the URL: {link}"
    fresh = page.context.new_page()
    fresh.set_viewport_size(page.viewport_size)
    fresh.goto(link)
    restored = _stable_state(fresh)
    for part in ("groups", "selects", "sliders", "charts", "tables", "text"):
        assert restored[part] == changed[part], (page_name, part)
    assert fresh.locator('[data-testid="stAlertContainer"]', has_text="link").count() == 0
    fresh.close()


def test_bad_values_in_a_link_fall_back_with_a_notice(page: Page, server_url: str) -> None:
    _open(page, server_url, "/")
    default = page.evaluate(STATE_JS)["groups"][0]
    _click_first_unselected(page)
    bound = [p for p in _params(page.url) if p not in ("lang", "mode", "advance")]
    assert bound, page.url
    fresh = page.context.new_page()
    fresh.goto(f"{server_url}/?{bound[0]}=no-such-option&lang=xx&mode=slides")
    wait_rendered(fresh)
    notice = fresh.locator('[data-testid="stAlertContainer"]').filter(has_text="リンク")
    assert notice.count() == 1
    text = notice.inner_text()
    for param in (bound[0], "lang", "mode"):
        assert param in text
    assert "no-such-option" not in text
    params = _params(fresh.url)
    assert bound[0] not in params and "lang" not in params and "mode" not in params
    assert fresh.locator("h1").first.inner_text().strip() == "いわき市 構造改革ダッシュボード"  # Japanese
    assert fresh.locator(".st-key-copy_link_bar").is_visible()  # not presenting: the tools row is shown
    assert _stable_state(fresh)["groups"][0] == default  # the widget shows its default
    assert fresh.locator('[data-testid="stException"]').count() == 0
    fresh.close()


def _pdf_page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    return [(float(w), float(h)) for w, h in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)]


def test_print_to_pdf_gives_a4_landscape_with_sources_url_and_date(page: Page, server_url: str, tmp_path: Path) -> None:
    _open(page, server_url, "/population")
    _click_first_unselected(page)
    param = next(iter(_params(page.url)))
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    (ARTIFACTS / "present-print-population.pdf").write_bytes(pdf)
    sizes = _pdf_page_sizes(pdf)
    assert sizes and all(abs(w - 841.89) < 1 and abs(h - 595.28) < 1 for w, h in sizes), sizes  # A4 landscape
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is needed to read the PDF's text")
    target = tmp_path / "print.pdf"
    target.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    assert "人口推計" in flat and "出典" in flat and "時点" in flat
    assert "この表示のURL" in flat and f"/population?{param}=" in flat
    assert re.search(r"表示日時：\d{4}年\d{1,2}月\d{1,2}日", flat)
    for control_text in ("言語/Language", "プレゼンテーションモード", "CSVをダウンロード", "PNG（スライド用）"):
        assert control_text not in flat, control_text
