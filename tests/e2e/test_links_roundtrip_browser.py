"""A copied link reopens the same screen: every widget on every page changed, the address opened in a fresh browser.

One server, and per page: one load, the changes, one load of the copied address
in a new browser context (no session, no cookies shared). Every view-changing
widget of the page body is changed once from what the page opened with
(switches, toggles, sliders, selectboxes, multiselects, pills, search boxes),
including widgets that only appear after another change; then the state of
every widget, as the screen shows it, must be the same in the fresh context.
The link is taken with the page's own 「リンクをコピー」 button (the clipboard in
a secure context; the read-only field and execCommand when the page is not one,
as on plain http to a LAN host).
"""

from __future__ import annotations

import urllib.parse
from typing import Any

import pytest
from browser_util import wait_rendered, watch
from conftest import ARTIFACTS, URL_PATHS
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser
SHOTS = ARTIFACTS / "screenshots"
WIDGETS = "stButtonGroup, stCheckbox, stSlider, stSelectbox, stMultiSelect, stTextInput, stNumberInput"
MAX_ROUNDS = 4  # widgets that appear after a change are changed in the next round

# The state of every widget of the page body as the screen shows it, by its key (the URL parameter).
STATE_JS = """(ids) => {
  const kinds = ids.split(', ');
  const out = {};
  const main = document.querySelector('[data-testid="stMain"]');
  for (const box of main.querySelectorAll('[class*="st-key-"]')) {
    const key = [...box.classList].find(c => c.startsWith('st-key-'));
    const w = kinds.map(k => box.querySelector(`:scope > [data-testid="${k}"], :scope > * > [data-testid="${k}"]`))
      .find(Boolean);
    if (!w || !key || box.getClientRects().length === 0) continue;
    if (box.closest('.st-key-copy_link_bar')) continue;  // the frame's tools row (language), not the page's view
    const kind = w.getAttribute('data-testid');
    let value;
    if (kind === 'stButtonGroup') {
      value = [...w.querySelectorAll('button')].filter(b => b.getAttribute('aria-checked') === 'true'
        || b.getAttribute('aria-pressed') === 'true' || /Active/.test(b.getAttribute('kind') || ''))
        .map(b => b.innerText.trim());
    } else if (kind === 'stCheckbox') {
      value = w.querySelector('input').checked;
    } else if (kind === 'stSlider') {
      value = [...w.querySelectorAll('input[type="range"]')].map(s => s.value);
    } else if (kind === 'stTextInput' || kind === 'stNumberInput') {
      value = w.querySelector('input').value;
    } else {
      value = w.innerText.trim();  // label and the chosen option(s)
    }
    out[key.slice('st-key-'.length)] = { kind, value };
  }
  return out;
}"""


def _state(page: Page) -> dict[str, Any]:
    return dict(page.evaluate(STATE_JS, WIDGETS))


def _widget(page: Page, key: str) -> Any:
    return page.locator(f'[data-testid="stMain"] .st-key-{key}').first


def _change(page: Page, key: str, kind: str) -> None:
    """Change one widget from its current value, as a viewer would."""
    box = _widget(page, key)
    # In the middle of the screen: Streamlit's header covers the top of the scrolling area.
    box.evaluate("e => e.scrollIntoView({block: 'center'})")
    if kind == "stButtonGroup":
        buttons = box.locator("button")
        for i in range(buttons.count()):
            b = buttons.nth(i)
            if b.get_attribute("aria-checked") != "true" and b.get_attribute("aria-pressed") != "true":
                if not b.inner_text().strip():
                    continue
                b.dispatch_event("click")  # Streamlit's header may lie over the spot on a busy page
                return
    elif kind == "stCheckbox":
        box.locator("input").first.dispatch_event("click")
    elif kind == "stSlider":
        thumb = box.locator('input[type="range"]').first
        thumb.focus()
        at_max = thumb.input_value() == thumb.get_attribute("max")
        thumb.press("ArrowLeft" if at_max else "ArrowRight")
    elif kind in ("stSelectbox", "stMultiSelect"):
        field = box.locator("input").first
        field.focus()  # the keyboard opens the list: no pointer over Streamlit's header
        field.press("ArrowDown")
        page.wait_for_selector('[role="option"]', timeout=5000)
        options = page.locator('[role="option"]')
        current = box.inner_text()
        for i in range(options.count()):
            if options.nth(i).inner_text().strip() not in current:
                options.nth(i).click()
                break
        page.keyboard.press("Escape")
    elif kind == "stTextInput":
        field = box.locator("input")
        field.fill("DX")
        field.press("Enter")
    elif kind == "stNumberInput":
        field = box.locator("input")
        field.fill(str(int(float(field.input_value() or 0)) + 1))
        field.press("Enter")


def _change_everything(page: Page) -> list[str]:
    changed: list[str] = []
    for _ in range(MAX_ROUNDS):
        todo = [(k, v["kind"]) for k, v in _state(page).items() if k not in changed]
        if not todo:
            break
        for key, kind in todo:
            if _widget(page, key).count() == 0:
                continue  # gone after an earlier change
            _change(page, key, kind)
            changed.append(key)
            wait_rendered(page)
    return changed


def _copied_link(page: Page) -> str:
    """Press the page's 「リンクをコピー」 (at the top of the page) and read what it put on the clipboard."""
    button = page.get_by_role("button", name="リンクをコピー")
    button.evaluate("e => e.scrollIntoView({block: 'center'})")
    page.mouse.wheel(0, -20000)  # whichever element scrolls the page: to its top, clear of the header
    page.wait_for_timeout(300)
    button.click()
    page.get_by_role("status").filter(has_text="リンクをコピーしました").wait_for(timeout=5000)
    return str(page.evaluate("navigator.clipboard.readText()"))


@pytest.mark.parametrize("name", list(URL_PATHS))
def test_a_copied_link_reopens_the_same_screen(browser: Browser, server_url: str, name: str) -> None:
    context = browser.new_context(
        viewport={"width": 1920, "height": 1080}, locale="ja-JP", permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    log = watch(page)
    page.goto(server_url)
    wait_rendered(page)
    page.goto(f"{server_url}/{URL_PATHS[name]}")
    wait_rendered(page)
    opened = _state(page)
    changed = _change_everything(page)
    assert changed, "no widget to change"
    page.wait_for_timeout(500)  # a corrected address arrives with the end of the last run
    wait_rendered(page)
    shown = _state(page)
    # Some widgets reset others (a new area resets its municipality): the screen as a whole has changed.
    assert shown != opened, "no change took"
    link = _copied_link(page)
    assert link == page.url
    query = urllib.parse.parse_qs(urllib.parse.urlparse(link).query, keep_blank_values=True)
    assert query, link
    page.screenshot(path=str(SHOTS / f"link-{name}-changed.png"), full_page=True)
    assert log.outside == []

    fresh = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="ja-JP")
    other = fresh.new_page()
    other_log = watch(other)
    other.goto(server_url)  # a fresh server serves the first request in pages-folder mode; see test_dx_browser
    wait_rendered(other)
    other.goto(link)
    wait_rendered(other)
    reopened = _state(other)
    assert reopened == shown
    notice = other.locator('[data-testid="stAlert"]').filter(has_text="リンクの次の値は使えない")
    assert notice.count() == 0, notice.all_inner_texts()
    assert other_log.outside == []
    fresh.close()
    context.close()


def test_copy_link_without_the_clipboard_api_uses_a_selected_field(browser: Browser, server_url: str) -> None:
    """Plain http to a LAN host is no secure context: no clipboard API; the field and execCommand copy the link."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="ja-JP")
    context.add_init_script(
        """Object.defineProperty(window, 'isSecureContext', { get: () => false });
        document.addEventListener('copy', e => {
          const t = e.composedPath()[0];
          window.__copied = t && t.value !== undefined ? t.value.substring(t.selectionStart, t.selectionEnd)
            : String(document.getSelection());
        }, true);"""
    )
    page = context.new_page()
    page.goto(server_url)
    wait_rendered(page)
    page.goto(f"{server_url}/dx?dx_pillar=citizen_dx&mode=present&lang=en")
    wait_rendered(page)
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('slide=2')")
    # In presentation mode the button is in the presenter's bar, in the page's language.
    page.get_by_role("button", name="Copy link").click()
    page.get_by_role("status").filter(has_text="Link copied").wait_for(timeout=5000)
    copied = page.evaluate("window.__copied")
    assert copied == page.url and "slide=2" in copied and "dx_pillar=citizen_dx" in copied
    page.screenshot(path=str(SHOTS / "link-copy-present-en.png"))
    context.close()
