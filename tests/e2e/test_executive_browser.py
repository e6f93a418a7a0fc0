"""What an executive sees, in Debian's chromium: the message first, honest signs and ages, compact charts.

The overview opens with the report's verdict and a results line; its cards carry 36 px figures, a small
chart where a series exists and their own as-of; every change reads in words (「4.5％減（改善）」), never
with ▲ or an arrow; old figures say their age; two-point series are small before→after slopes; copy
output is one chart with a unit switch; the survey draws no empty sections; English is not cut and has
no Japanese punctuation. Screenshots of every page at 1920×1080, 390×844 and in English are saved.
"""

from __future__ import annotations

import re
import urllib.parse

import pytest
from browser_util import OPEN_SECTIONS, wait_rendered, watch
from conftest import ARTIFACTS, URL_PATHS
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser
SHOTS = ARTIFACTS / "screenshots"
# Japanese punctuation that must not appear in English text (quoted originals in 「」 are removed first).
JA_PUNCTUATION = re.compile(r"[、。：｜]")


def _open(page: Page, url: str) -> None:
    page.goto(url)
    wait_rendered(page, 90_000)
    assert page.locator('[data-testid="stException"]').count() == 0


def _box(page: Page, selector: str) -> dict[str, float]:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box


def _unquoted(text: str) -> str:
    """Text without the report's words quoted as printed (「▲23.5万時間」 is its own wording, shown literally)."""
    return re.sub(r"「[^」]*」", "", text)


def _chart_width_after(page: Page, heading: str) -> float:
    """The drawn width of the first chart after the heading that contains ``heading`` (its frame, not its plot)."""
    return float(
        page.evaluate(
            """(heading) => {
                const h = [...document.querySelectorAll('h2, h3')].find(e => e.innerText.includes(heading));
                const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')];
                const c = charts.find(e => h.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING);
                return Math.max(c.getBoundingClientRect().width, c.querySelector('svg').getBoundingClientRect().width);
            }""",
            heading,
        )
    )


def _english_text_outside_quotes(page: Page) -> list[str]:
    """Captions and markdown of the main area with quoted Japanese originals (「…」) removed."""
    texts = page.locator(
        '[data-testid="stMain"] [data-testid="stCaptionContainer"], .st-key-ov_results'
    ).all_inner_texts()
    # A licence that asks for its Japanese credit wording gets it beside the translation, after " — ".
    required = re.compile(r" — [^\n]*[\u3040-\u30ff\u4e00-\u9fff][^\n]*")
    return [required.sub("", re.sub(r"「[^」]*」", "", text)) for text in texts]


def test_the_overview_tells_the_message_first_with_large_figures_small_charts_and_ages(
    page: Page, server_url: str
) -> None:
    log = watch(page)
    _open(page, server_url)
    height = page.viewport_size["height"]
    verdict, results = _box(page, ".st-key-ov_verdict"), _box(page, ".st-key-ov_results")
    assert verdict["y"] + verdict["height"] <= height and results["y"] + results["height"] <= height
    line = page.inner_text(".st-key-ov_results")
    assert line.startswith("集中改革期間（2022年度（R4）〜2024年度（R6））の成果")
    assert "職員の業務時間 23.5万時間減・4.5％減（改善）" in line and "公共施設 35施設減" in line
    cards = page.locator(".st-key-ov_cards [data-testid='stMetric']")
    assert cards.count() == 5
    for i in range(5):
        value = cards.nth(i).locator("[data-testid='stMetricValue']")
        size = float(value.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px"))
        assert size >= 36, size  # as large as the figures on every other page
        box = cards.nth(i).bounding_box()
        assert box and box["y"] + box["height"] <= height  # on the first screen
    # A small chart where the data hold a series (population, hours, facilities), none for a single figure.
    charts = [cards.nth(i).locator("[data-testid='stMetricChart'] svg").count() for i in range(5)]
    assert charts == [1, 1, 1, 0, 0], charts
    # No arrow beside a change: the words say 減 and 改善, the colour says good or bad.
    assert page.locator(".st-key-ov_cards [data-testid='stMetricDelta'] svg").count() == 0
    deltas = page.locator(".st-key-ov_cards [data-testid='stMetricDelta']").all_inner_texts()
    assert "4.5％減（改善）" in deltas, deltas
    # Each card carries its own as-of.
    boxes = page.locator(".st-key-ov_cards [data-testid='stColumn']")
    for i in range(5):
        assert "時点" in boxes.nth(i).inner_text(), i
    # The timeline starts on the first screen, under the cards (scrolled to the top): its filters, its
    # title and its first lanes. (It fitted whole until the tools row — language, presentation, link —
    # took a line of its own above every page; the frame's layout shift mattered more.)
    page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)")
    timeline = _box(page, ".st-key-ov_timeline_box [data-testid='stVegaLiteChart']")
    assert timeline["y"] >= box["y"] + box["height"] and timeline["y"] + 150 <= height, timeline
    body = page.inner_text("[data-testid='stMain']")
    assert "▲" not in _unquoted(body)
    page.screenshot(path=str(SHOTS / "exec-overview-1920x1080.png"))
    assert log.outside == [], log.outside


def test_english_overview_figures_are_whole_and_its_text_english(page: Page, server_url: str) -> None:
    _open(page, f"{server_url}/?lang=en")
    values = page.locator(".st-key-ov_cards [data-testid='stMetricValue'] p")
    for i in range(values.count()):
        cut = values.nth(i).evaluate("e => e.scrollWidth > e.clientWidth + 1 || e.innerText.includes('…')")
        assert not cut, values.nth(i).inner_text()
    assert "down 235,000 hours" in values.all_inner_texts()
    for text in _english_text_outside_quotes(page):
        assert not JA_PUNCTUATION.search(text), text
    # The timeline's lane names are whole (「Administrative & fiscal manag…」 was cut).
    lanes = page.locator(".st-key-ov_timeline_box [data-testid='stVegaLiteChart'] svg").first.text_content() or ""
    assert "Administrative & fiscal management" in lanes
    page.screenshot(path=str(SHOTS / "exec-overview-en-1920x1080.png"))


def test_dx_slope_one_copy_chart_with_a_unit_switch_and_the_age_of_my_number_data(
    page: Page, server_url: str, browser: Browser
) -> None:
    log = watch(page)
    _open(page, f"{server_url}/dx?{OPEN_SECTIONS}")  # the on-demand parts opened, as a link can
    # Working hours: two printed years as a small slope, not a full-width pair of bars.
    hours = _chart_width_after(page, "職員の業務時間（年度）")
    assert hours <= 480, hours
    # Copy output: one chart; the switch changes its unit, and the address carries the choice.
    titles = [t for t in page.locator("h3").all_inner_texts() if "コピー出力枚数" in t]
    assert titles == ["コピー出力枚数の推移（2021年＝1）"], titles
    page.get_by_role("radio", name="枚／月（換算）").click()
    page.wait_for_function("() => location.search.includes('dx_copy_unit=')")
    wait_rendered(page, 90_000)
    titles = [t for t in page.locator("h3").all_inner_texts() if "コピー出力枚数" in t]
    assert titles == ["コピー出力枚数の推移（月あたりの枚数に換算）"], titles
    link = page.url
    assert urllib.parse.parse_qs(urllib.parse.urlparse(link).query).get("dx_copy_unit")
    fresh = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="ja-JP")
    try:
        other = fresh.new_page()
        _open(other, link)
        again = [t for t in other.locator("h3").all_inner_texts() if "コピー出力枚数" in t]
        assert again == titles
    finally:
        fresh.close()
    # My Number card uptake ends in 2022: its age is said where its date would be.
    body = page.inner_text("[data-testid='stMain']")
    assert "2022年12月時点・最新ではありません" in body
    assert "全国を4.5ポイント下回る" in body and "▲" not in _unquoted(body)
    assert log.outside == [], log.outside


def test_dx_in_english_is_not_cut(page: Page, server_url: str) -> None:
    _open(page, f"{server_url}/dx?lang=en")
    values = page.locator("[data-testid='stMetricValue'] p")
    texts = values.all_inner_texts()
    for wanted in ("3,000,000 sheets/month", "239,322 messages/month"):
        assert wanted in texts, texts
    for i in range(values.count()):
        assert not values.nth(i).evaluate("e => e.scrollWidth > e.clientWidth + 1"), texts[i]
    for text in _english_text_outside_quotes(page):
        assert not JA_PUNCTUATION.search(text), text


def test_the_peer_census_explains_the_evacuee_inflow(page: Page, server_url: str) -> None:
    _open(page, f"{server_url}/population?{OPEN_SECTIONS}")
    body = page.inner_text("[data-testid='stMain']")
    assert "2010→2015年にいわき市の人口が増えた" in body and "原発事故" in body
    assert "2015年10月時点・最新ではありません" in body


def test_facility_counts_are_a_small_before_after_slope(page: Page, server_url: str) -> None:
    _open(page, f"{server_url}/facilities")
    width = _chart_width_after(page, "公共施設数（レポート）")
    assert width <= 480, width
    body = page.inner_text("[data-testid='stMain']")
    assert "35施設減" in body and "▲" not in _unquoted(body)


def test_the_survey_draws_no_empty_sections_and_keeps_legends_whole(page: Page, server_url: str) -> None:
    _open(page, f"{server_url}/survey")
    headings = page.locator("h2").all_inner_texts()
    assert "区分別の比較" not in headings and "調査回ごとの推移" not in headings, headings
    _open(page, f"{server_url}/survey?lang=en")
    legend = page.locator("[data-testid='stVegaLiteChart'] svg").first.text_content() or ""
    assert "Published share (answer options not printed)" in legend, legend


@pytest.mark.parametrize("name", list(URL_PATHS))
@pytest.mark.parametrize(("lang", "width", "height"), [("ja", 1920, 1080), ("ja", 390, 844), ("en", 1920, 1080)])
def test_screenshots_of_every_page(page: Page, server_url: str, name: str, lang: str, width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    query = "?lang=en" if lang == "en" else ""
    _open(page, f"{server_url}/{URL_PATHS[name]}{query}")
    body = page.inner_text("[data-testid='stMain']")
    assert "▲" not in _unquoted(body)  # one sign convention on every page
    if lang == "en":
        for text in _english_text_outside_quotes(page):
            assert not JA_PUNCTUATION.search(text), (name, text)
    page.screenshot(path=str(SHOTS / f"exec-{name}-{lang}-{width}x{height}.png"))
