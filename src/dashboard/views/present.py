"""Presentation mode for meetings and hall displays, and the print layout.

Presentation mode (the toggle behind 「発表モード」 at the top of every page, or
``?mode=present`` in the URL) hides every control and sets the type large enough to read from the
back of a hall. Each page is a sequence of slides: the views mark them with
:func:`slide` (a keyed container ``pslide_<n>``), and everything of a page that
is on no slide is not shown. One small script in the page (the presenter's bar:
counter 「3／7」, 前へ／次へ／終了) shows one slide at a time, owns the keys (→,
PageDown, Space, a clicker; ←, PageUp; Home, End, Esc), keeps ``?slide=`` in
the address bar and runs the auto-advance timer; after a page's last slide it
presses the hidden server button that changes page. ``?advance=N`` (or the
settings' auto-advance) steps through the same slides every N seconds. It needs
no internet. ``mode``, ``advance`` and ``lang`` travel with every page change.

The print stylesheet (always present) gives A4 landscape pages with the charts,
their sources, the URL of the view and the date; no controls.
All CSS here is static text, never built from data.
"""

from __future__ import annotations

import copy
import urllib.parse
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd
import pydeck as pdk
import streamlit as st

from dashboard.charts.export import scaled_spec
from dashboard.i18n import DEFAULT_LANGUAGE, language, t
from dashboard.views import links, params

MODE_PARAM = "mode"
ADVANCE_PARAM = "advance"
SLIDE_PARAM = "slide"
LAST_SLIDE = -1  # ``?slide=last``: where ← from the next page's first slide lands
MAX_SLIDE_TEXT = 4  # digits; no page has thousands of slides
TABLE_ROWS_PER_SLIDE = 12  # lines of a static table per slide (one 1920×1080 or 3840×2160 screen)
ROW_CHARS_PER_LINE = 40  # a cell this long or longer wraps onto another line
LANG_PARAM = "lang"
PRESENT = "present"
DEFAULT_ADVANCE = 30
MIN_ADVANCE = 3
MAX_ADVANCE = 3600
CHART_FONT_SCALE = 1.7  # 13 px axis labels → 22 px on a 1920 px wide screen
CHART_HEIGHT = 620  # one chart per 1080 px screen, with its heading and a source of up to three lines

# Plain session keys hold the settings (widget keys are dropped when a widget is not drawn).
_ON = "present_on"
_AUTO = "present_auto"
_SECONDS = "present_seconds"
_SLIDES = "present_slides"
_IN_SLIDE = "present_in_slide"
# Widget keys (the settings popover and the presenter's buttons).
_TOGGLE_W = "present_toggle"
_AUTO_W = "present_auto_toggle"
_SECONDS_W = "present_seconds_input"

# The presenter's bar: the counter 「3／7」 and 前へ／次へ／終了, drawn by this script in the page itself
# (components v2 run in the app's document, no iframe), which also owns the keys, the slide shown,
# ``?slide=`` in the address bar and the auto-advance timer. Changing page and leaving go through
# the hidden server buttons (``present_prev``/``present_next``/``present_exit``), so the session,
# its settings and the carried parameters stay as they are. Texts arrive as data and are set as
# text (never as HTML).
_BAR_JS = """
export default function (component) {
  const { data, parentElement } = component;
  const w = window;
  const old = w.__dashPresent;
  if (old && old.stop) { old.stop(); }
  const total = Math.max(0, Number(data.total) || 0);
  const start = Math.min(Math.max(1, Number(data.start) || 1), Math.max(1, total));
  const path = location.pathname;
  // A rerun of the same page view keeps the slide shown; a new page view starts where the server says.
  const keep = old && old.path === path && old.start === start && old.total === total && old.view === data.view;
  const state = { path, start, total, view: data.view, cur: keep ? old.cur : start, leaving: false };
  w.__dashPresent = state;

  parentElement.replaceChildren();
  const bar = document.createElement('div');
  bar.className = 'present-bar';
  const make = (label, cls, act) => {
    const b = document.createElement('button');
    b.type = 'button'; b.className = cls; b.textContent = label; b.addEventListener('click', act);
    return b;
  };
  const counter = document.createElement('span');
  counter.className = 'present-count';
  counter.setAttribute('aria-live', 'polite');
  bar.append(
    make(data.labels.prev, 'present-btn', () => step(-1)),
    counter,
    make(data.labels.next, 'present-btn present-btn-main', () => step(1)),
    make(data.labels.exit, 'present-btn', () => server('present_exit')),
  );
  parentElement.append(bar);

  let style = document.getElementById('dash-present-slide');
  if (!style) {
    style = document.createElement('style');
    style.id = 'dash-present-slide';
    document.head.append(style);
  }
  // Only while the bar is on the page: after the exit button the normal view shows everything at once.
  const MAIN = 'body:has(.st-key-present_bar) [data-testid="stMainBlockContainer"]';
  const KEEP = '[class*="st-key-present_"]';
  function show(n) {
    state.cur = n;
    counter.textContent = data.labels.counter.replace('{n}', n).replace('{total}', total);
    if (total > 0) {
      const s = `.st-key-pslide_${n}`;
      style.textContent =
        `${MAIN} :is([data-testid="stVerticalBlock"], [data-testid="stHorizontalBlock"]) > ` +
        `:not(${s}):not(:has(${s})):not(${s} *):not(${KEEP}):not(:has(${KEEP})):not(${KEEP} *) ` +
        `{ display: none !important; }\n` +
        `${MAIN} [data-testid="stColumn"]:has(${s}) { flex: 1 1 100% !important; width: 100% !important; ` +
        `min-width: 100% !important; max-width: 100% !important; }`;
      document.documentElement.setAttribute('data-present-slide', String(n));
    }
    const url = new URL(location.href);
    if (url.searchParams.get('slide') !== String(n)) {
      url.searchParams.set('slide', String(n));
      history.replaceState(history.state, '', url);
    }
    const main = document.querySelector('[data-testid="stMain"]');
    if (main) { main.scrollTo(0, 0); }
  }
  function server(key) {
    if (state.leaving) { return; }
    const b = document.querySelector(`.st-key-${key} button`);
    if (!b) { return; }
    if (key === 'present_exit') {
      // The slide shown belongs to presentation mode; the normal view's address has none.
      const url = new URL(location.href);
      url.searchParams.delete('slide');
      history.replaceState(history.state, '', url);
    }
    state.leaving = true;
    b.click();
  }
  function step(delta) {
    if (state.leaving) { return; }
    const n = state.cur + delta;
    if (n < 1) { server('present_prev'); }
    else if (n > Math.max(1, total)) { server('present_next'); }
    else { show(n); }
  }
  const NEXT = new Set(['ArrowRight', 'PageDown', ' ', 'Spacebar', 'ArrowDown']);
  const BACK = new Set(['ArrowLeft', 'PageUp', 'ArrowUp']);
  function onKey(e) {
    if (e.altKey || e.ctrlKey || e.metaKey || e.isComposing) { return; }
    const t = e.target;
    if (t && t.closest && t.closest('input, textarea, select, [contenteditable="true"]')) { return; }
    let handled = true;
    if (NEXT.has(e.key)) { step(1); }
    else if (BACK.has(e.key)) { step(-1); }
    else if (e.key === 'Home') { show(1); }
    else if (e.key === 'End') { show(Math.max(1, total)); }
    else if (e.key === 'Escape') { server('present_exit'); }
    else { handled = false; }
    if (handled) { e.preventDefault(); e.stopPropagation(); }
  }
  document.addEventListener('keydown', onKey, true);
  const timer = data.advance > 0 ? setInterval(() => step(1), data.advance * 1000) : null;
  state.stop = () => {
    document.removeEventListener('keydown', onKey, true);
    if (timer) { clearInterval(timer); }
    // Without the bar there is no slide: nothing hidden, and no slide in the address (a new bar sets both again).
    style.textContent = '';
    document.documentElement.removeAttribute('data-present-slide');
    const url = new URL(location.href);
    if (url.searchParams.has('slide')) {
      url.searchParams.delete('slide');
      history.replaceState(history.state, '', url);
    }
  };
  show(state.cur);
  // Keys work at once: nothing inside the page keeps the focus (a clicked button, a chart).
  if (document.activeElement && document.activeElement !== document.body && !document.activeElement.closest('input, textarea')) {
    document.activeElement.blur();
  }
  window.focus();
  return state.stop;
}
"""
_bar = st.components.v2.component("dashboard_present_bar", js=_BAR_JS, isolate_styles=False)

# The print header's URL line, read from the address bar when the page is printed: a section that
# reruns alone (st.fragment) changes the URL without the page's end being drawn again, so a line
# written by the server would name the view before the last change. The server's URL is the text
# until then (and what a browser without scripts prints). Set as text, never as HTML.
_PRINT_URL_JS = """
export default function (component) {
  const { data, parentElement } = component;
  const line = document.createElement('p');
  line.className = 'dash-print-url';
  const show = () => { line.textContent = data.prefix + location.href; };
  line.textContent = data.prefix + data.url;
  parentElement.replaceChildren(line);
  addEventListener('beforeprint', show);
  return () => removeEventListener('beforeprint', show);
}
"""
_print_url = st.components.v2.component("dashboard_print_url", js=_PRINT_URL_JS, isolate_styles=False)

# Controls that change the view; hidden while presenting (the values still apply).
_CONTROLS = ", ".join(
    f'[data-testid="stElementContainer"]:has([data-testid="{testid}"]):not([class*="st-key-present_"])'
    for testid in (
        "stButtonGroup",
        "stButton",
        "stDownloadButton",
        "stSelectbox",
        "stMultiSelect",
        "stSlider",
        "stRadio",
        "stCheckbox",
        "stTextInput",
        "stNumberInput",
        "stDateInput",
        "stTimeInput",
        "stPopover",
        "stColorPicker",
        "stFileUploader",
        "stPageLink",
        "stLinkButton",
    )
)

PRESENT_CSS = """
<style>
/* Presentation mode (static rules). Type scales with the viewport width:
   1920 px wide → body 28 px, captions 25 px, headline figures 69 px, h1 77 px;
   3840 px wide → twice that. */
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], [data-testid="stElementToolbar"], .st-key-copy_link_bar { display: none !important; }
CONTROLS { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: none !important; padding: 1.2vh 3vw 1vh 3vw !important; }
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: 0.5rem !important; }
[data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] li,
[data-testid="stMainBlockContainer"] [data-testid="stMarkdownContainer"],
[data-testid="stMainBlockContainer"] [data-testid="stMetricLabel"],
[data-testid="stMainBlockContainer"] [data-testid="stMetricLabel"] p,
[data-testid="stMainBlockContainer"] [data-testid="stMetricDelta"],
[data-testid="stMainBlockContainer"] [data-testid="stAlertContainer"] p {
  font-size: clamp(24px, 1.45vw, 112px) !important; line-height: 1.45 !important;
}
[data-testid="stMainBlockContainer"] [data-testid="stCaptionContainer"],
[data-testid="stMainBlockContainer"] [data-testid="stCaptionContainer"] p {
  font-size: clamp(24px, 1.3vw, 100px) !important; line-height: 1.3 !important;
}
[data-testid="stMainBlockContainer"] h1 { font-size: clamp(64px, 4vw, 300px) !important; line-height: 1.15 !important; }
[data-testid="stMainBlockContainer"] h2 { font-size: clamp(44px, 2.7vw, 200px) !important; }
[data-testid="stMainBlockContainer"] h3 { font-size: clamp(36px, 2.2vw, 170px) !important; }
[data-testid="stMainBlockContainer"] h4, [data-testid="stMainBlockContainer"] h5 {
  font-size: clamp(28px, 1.7vw, 130px) !important;
}
[data-testid="stMainBlockContainer"] [data-testid="stMetricValue"],
[data-testid="stMainBlockContainer"] [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"],
[data-testid="stMainBlockContainer"] [data-testid="stMetricValue"] p {
  font-size: clamp(64px, 3.6vw, 280px) !important; line-height: 1.15 !important;
}
/* Headline cards (columns or horizontal containers): at most three side by side, so the big figures fit
   (six cards make one slide). */
[data-testid="stMainBlockContainer"] [data-testid="stHorizontalBlock"] { flex-wrap: wrap !important; }
[data-testid="stMainBlockContainer"] [data-testid="stHorizontalBlock"] > [data-testid="stColumn"],
[data-testid="stMainBlockContainer"] [data-testid="stHorizontalBlock"] > [data-testid="stLayoutWrapper"] {
  flex: 1 1 calc(33.3% - 1.5rem) !important; min-width: calc(33.3% - 1.5rem) !important;
  width: auto !important; max-width: 100% !important;
}
[data-testid="stMainBlockContainer"] [data-testid="stMetric"] { padding: 0.6vw !important; }
/* Text of the dashboard's own small HTML parts (a map's legend) follows the body size. */
[data-testid="stMainBlockContainer"] .stHtml div, [data-testid="stMainBlockContainer"] .stHtml span {
  font-size: clamp(24px, 1.3vw, 100px) !important;
}
/* Tables: presentation mode shows them as static tables (data_block), whose type follows these rules. */
[data-testid="stMainBlockContainer"] [data-testid="stTable"] th,
[data-testid="stMainBlockContainer"] [data-testid="stTable"] td,
[data-testid="stMainBlockContainer"] [data-testid="stTable"] td p {
  font-size: clamp(22px, 1.25vw, 96px) !important; line-height: 1.35 !important;
}
/* Streamlit caps a cell's text at 400 px, which wraps every name on a wide screen. */
[data-testid="stMainBlockContainer"] [data-testid="stTable"] [data-testid="stMarkdownContainer"] {
  max-width: none !important;
}
/* Maps fill the screen below their heading at the screen's own resolution (no zoom: deck.gl draws
   its canvas at the box's size × devicePixelRatio, so it stays whole and sharp). 23vw leaves room for
   the heading, the legend (three rows on a phone, so two with space on a slide) and a two-line source. */
[data-testid="stMainBlockContainer"] [data-testid="stDeckGlJsonChart"] {
  height: calc(100vh - var(--present-bar) - 23vw) !important; min-height: 300px;
}
/* From 2,600 px the map is drawn like the charts, at half size zoomed twice, so its content is twice as
   large too; deck.gl then draws at a fixed pixel ratio of 2 (chart_deck), which keeps it whole and sharp. */
@media (min-width: 2600px) {
  [data-testid="stMainBlockContainer"] [data-testid="stDeckGlJsonChart"] {
    zoom: 2; height: calc((100vh - var(--present-bar) - 23vw) / 2) !important;
  }
}
/* Cards, legends and labels are never cut: long text wraps. */
[data-testid="stMainBlockContainer"] [data-testid="stMetricLabel"],
[data-testid="stMainBlockContainer"] [data-testid="stMetricLabel"] *,
[data-testid="stMainBlockContainer"] [data-testid="stMetricValue"],
[data-testid="stMainBlockContainer"] [data-testid="stMetricValue"] *,
[data-testid="stMainBlockContainer"] [data-testid="stMetricDelta"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  -webkit-line-clamp: unset !important; display: block; height: auto !important; max-height: none !important;
}
[data-testid="stMainBlockContainer"] [data-testid="stCaptionContainer"] p {
  overflow: visible !important; -webkit-line-clamp: unset !important; display: block !important;
}
/* Instructions for mouse users mean nothing to an audience. */
.dash-mouse-hint, [data-testid="stElementContainer"]:has(.dash-mouse-hint) { display: none !important; }
/* Slides: until the presenter's bar has started, the first slide of a page is shown. */
html:not([data-present-slide]) [data-testid="stMainBlockContainer"]
  :is([data-testid="stVerticalBlock"], [data-testid="stHorizontalBlock"])
  > :not(.st-key-pslide_1):not(:has(.st-key-pslide_1)):not(.st-key-pslide_1 *)
    :not([class*="st-key-present_"]):not(:has([class*="st-key-present_"])):not([class*="st-key-present_"] *) {
    display: none !important;
  }
/* The server's page buttons: pressed by the bar's script, never seen. */
.st-key-present_nav { display: none !important; }
/* The presenter's bar: a reserved strip at the bottom that covers nothing (the page stops above it). */
:root { --present-bar: clamp(64px, 3.4vw, 260px); }
[data-testid="stMain"] { padding-bottom: var(--present-bar) !important; }
.st-key-present_bar {
  position: fixed !important; left: 0; right: 0; bottom: 0; height: var(--present-bar); z-index: 999990;
  width: 100% !important; background: #FFFFFF; border-top: 2px solid #D0D7DE;
  display: flex !important; flex-direction: row !important; align-items: center !important;
  justify-content: space-between !important; padding: 0 3vw !important; gap: 1vw !important;
}
.st-key-present_bar > * { width: auto !important; flex: 0 0 auto !important; }
.present-bar { display: flex; align-items: center; gap: 0.8vw; }
.present-bar .present-btn {
  font: inherit; font-size: clamp(22px, 1.25vw, 96px); font-weight: 700; line-height: 1.2;
  padding: 0.25em 1em; border-radius: 0.4em; cursor: pointer;
  color: #0062A3; background: #FFFFFF; border: 2px solid #0062A3;
}
.present-bar .present-btn-main { color: #FFFFFF; background: #0062A3; }
.present-bar .present-btn:focus-visible { outline: 3px solid #1F2328; outline-offset: 2px; }
.present-bar .present-count {
  font-size: clamp(24px, 1.45vw, 112px); font-weight: 700; color: #1F2328; min-width: 4.5em; text-align: center;
}
.st-key-present_ticker [data-testid="stCaptionContainer"], .st-key-present_ticker p {
  font-size: clamp(22px, 1.2vw, 92px) !important; color: #1F2328 !important;
}
</style>
""".replace("CONTROLS", _CONTROLS)

_STYLE_HOLDER = '<span class="dashboard-styles"></span>'

# The print header (URL and date) comes last in the page, so that on screen it is added below what
# is drawn rather than above it; on paper it is set at the top of the first page, in room kept for it.
PRINT_ORDER_CSS = """
<style>
@media print {
  html body [data-testid="stMainBlockContainer"] { position: relative !important; padding-top: 3.2rem !important; }
  [data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > :has(> .st-key-print_meta) {
    position: absolute !important; top: 0; left: 0; right: 0;
  }
  .dash-print-url { font-size: 0.875rem; color: #1F2328; margin: 0; overflow-wrap: anywhere; }
}
</style>
"""

PRINT_CSS = """
<style>
/* Print (and print to PDF): A4 landscape, content only, with URL and date. Static rules. */
.st-key-print_meta { display: none; }
[data-testid="stElementContainer"]:has(.dashboard-styles) { display: none; }
@page { size: A4 landscape; margin: 10mm 12mm; }
@media print {
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
  [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stStatusWidget"], [data-testid="stElementToolbar"], .st-key-present_bar,
  .st-key-present_nav, [data-testid="stToastContainer"] { display: none !important; }
  /* The tools row and the footer; more specific than the print layout's rule that keeps every row a flex row. */
  html body .st-key-copy_link_bar, html body .st-key-app_footer { display: none !important; }
  CONTROLS { display: none !important; }
  html, body, .stApp, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"] {
    height: auto !important; min-height: 0 !important; overflow: visible !important; position: static !important;
  }
  [data-testid="stMainBlockContainer"] { max-width: none !important; padding: 0 !important; }
  .st-key-print_meta { display: block !important; }
  .st-key-print_meta [data-testid="stCaptionContainer"] { color: #1F2328 !important; }
  [data-testid="stVegaLiteChart"], [data-testid="stDeckGlJsonChart"], [data-testid="stMetric"],
  [data-testid="stDataFrame"], [data-testid="stElementContainer"]:has([data-testid="stCaptionContainer"]) {
    break-inside: avoid;
  }
  [data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg,
  [data-testid="stDeckGlJsonChart"] canvas { max-width: 100% !important; height: auto !important; }
  h1, h2, h3 { break-after: avoid; }
}
</style>
""".replace("CONTROLS", _CONTROLS)


@dataclass(frozen=True)
class PresentRequest:
    """What a link asks for: presentation mode, auto-advance seconds (None: off), unusable parameters."""

    present: bool = False
    advance: int | None = None
    invalid: tuple[str, ...] = ()


def parse_request(mode: str | None, advance: str | None) -> PresentRequest:
    """Read ``?mode=`` and ``?advance=``; unusable values fall back to the defaults and are listed.

    ``advance`` implies presentation mode (a slideshow is always full screen);
    an empty ``advance`` means the default interval, ``0`` means no auto-advance.
    """
    invalid: list[str] = []
    present = False
    if mode is not None:
        if mode.strip().lower() == PRESENT:
            present = True
        else:
            invalid.append(MODE_PARAM)
    seconds: int | None = None
    if advance is not None:
        present = True
        text = advance.strip()
        value = params.whole_number(text)  # total: ² ① ٣ or 5,000 digits are simply unusable
        if text == "":
            seconds = DEFAULT_ADVANCE
        elif value == 0:
            seconds = None
        elif value is not None and MIN_ADVANCE <= value <= MAX_ADVANCE:
            seconds = value
        else:
            invalid.append(ADVANCE_PARAM)
            seconds = DEFAULT_ADVANCE
    return PresentRequest(present, seconds, tuple(invalid))


def parse_slide(text: object) -> int:
    """Read ``?slide=``: a slide number from 1, or ``LAST_SLIDE`` for ``last``; anything else is slide 1.

    Total: never raises, whatever the link carries (a list, full-width digits, a huge number).
    """
    if not isinstance(text, str):
        return 1
    if text.strip().lower() == "last":
        return LAST_SLIDE
    value = params.whole_number(text)
    return max(1, value) if value is not None and value < 10**MAX_SLIDE_TEXT else 1


def start_slide(requested: int, total: int) -> int:
    """The slide a page opens on: the requested one within 1…total (the last for ``LAST_SLIDE``)."""
    if total <= 0:
        return 1
    if requested == LAST_SLIDE:
        return total
    return min(max(1, requested), total)


def active() -> bool:
    """Whether this session is in presentation mode."""
    return bool(st.session_state.get(_ON, False))


def advance_seconds() -> int | None:
    """Seconds per screen of the slideshow, or None when it does not advance by itself."""
    if not active() or not st.session_state.get(_AUTO, False):
        return None
    return int(st.session_state.get(_SECONDS, DEFAULT_ADVANCE))


def carry_params() -> dict[str, str]:
    """The query parameters that travel with a page change: mode, advance and lang."""
    params: dict[str, str] = {}
    if active():
        params[MODE_PARAM] = PRESENT
        seconds = advance_seconds()
        if seconds is not None:
            params[ADVANCE_PARAM] = str(seconds)
    if language() != DEFAULT_LANGUAGE:
        params[LANG_PARAM] = language()
    return params


def _copy_widget(widget_key: str, state_key: str) -> None:
    st.session_state[state_key] = st.session_state[widget_key]


def _leave() -> None:
    st.session_state[_ON] = False


def _enter() -> None:
    st.session_state[_ON] = True


def start() -> None:
    """Read the link on a session's first run and keep the URL in step. Called by the shell on every run."""
    if _ON not in st.session_state:
        request = parse_request(st.query_params.get(MODE_PARAM), st.query_params.get(ADVANCE_PARAM))
        st.session_state[_ON] = request.present
        st.session_state[_AUTO] = request.advance is not None
        st.session_state[_SECONDS] = request.advance or DEFAULT_ADVANCE
        for param in request.invalid:
            links.report_invalid(param)
    _sync_url()


def styles() -> None:
    """The print and presentation styles, as one element of the page's tools row that takes no room.

    A real element, not style-only: Streamlit sends style-only HTML to its event
    container, which is emptied at the start of every rerun, so the controls would
    flash up while a page changes. A normal element stays until it is replaced; its
    own rules hide it (PRINT_CSS), and as the row's first item it moves no button.
    """
    st.html(PRINT_CSS + PRINT_ORDER_CSS + (PRESENT_CSS if active() else "") + _STYLE_HOLDER)


def offer() -> None:
    """A large 「プレゼンテーションで表示」 button, shown only on screens 2,600 px wide or more (shell CSS)."""
    with st.container(key="present_offer", width="content"):
        st.button(
            t("present.offer"),
            key="present_offer_button",
            type="primary",
            icon=":material/slideshow:",
            help=t("present.toggle_help"),
            on_click=_enter,
        )


def settings() -> None:
    """The presentation settings behind a 「発表モード」 button of the tools row (its popover)."""
    # The widgets show the plain session values; their callbacks copy changes back.
    st.session_state[_AUTO_W] = st.session_state[_AUTO]
    st.session_state[_SECONDS_W] = st.session_state[_SECONDS]
    st.session_state[_TOGGLE_W] = st.session_state[_ON]
    with st.popover(t("present.menu"), icon=":material/slideshow:", help=t("present.menu_help")):
        st.markdown(f"**{t('present.heading')}**")
        st.toggle(
            t("present.toggle"),
            key=_TOGGLE_W,
            help=t("present.toggle_help"),
            on_change=_copy_widget,
            args=(_TOGGLE_W, _ON),
        )
        st.toggle(t("present.auto"), key=_AUTO_W, on_change=_copy_widget, args=(_AUTO_W, _AUTO))
        st.number_input(
            t("present.seconds"),
            min_value=MIN_ADVANCE,
            max_value=MAX_ADVANCE,
            step=5,
            key=_SECONDS_W,
            help=t("present.seconds_help"),
            on_change=_copy_widget,
            args=(_SECONDS_W, _SECONDS),
        )


def _sync_url() -> None:
    """Write ``mode``/``advance`` into the URL while presenting; remove them otherwise."""
    wanted = {k: v for k, v in carry_params().items() if k != LANG_PARAM}
    if not active() and SLIDE_PARAM in st.query_params:
        del st.query_params[SLIDE_PARAM]  # the slide shown belongs to presentation mode
    for param in (MODE_PARAM, ADVANCE_PARAM):
        if param in wanted:
            if st.query_params.get(param) != wanted[param]:
                st.query_params[param] = wanted[param]
        elif param in st.query_params:
            del st.query_params[param]


def current_index(pages: Sequence[st.Page], url: str | None) -> int:
    """Which of ``pages`` the browser shows, from its URL (the default page when none matches)."""
    path = urllib.parse.urlparse(url or "").path.rstrip("/")
    last = path.rsplit("/", 1)[-1]
    for index, page in enumerate(pages):
        if page.url_path and page.url_path == last:
            return index
    return next((i for i, page in enumerate(pages) if page.url_path == ""), 0)


@dataclass
class Frame:
    """Places kept around a page while it draws: the link notice."""

    notice: Any


def before_page(pages: Sequence[st.Page]) -> Frame:
    """Start a page: its slide count, the server's page buttons (presenting), places for the notice and print header."""
    st.session_state[_SLIDES] = 0
    st.session_state[_IN_SLIDE] = False
    frame = Frame(notice=st.container())
    if active():
        index = current_index(pages, st.context.url)
        # Hidden: the bar's script presses them after a page's last slide (→) or before its first (←).
        with st.container(key="present_nav", horizontal=True):
            back = st.button(t("present.prev"), key="present_prev", help=t("present.prev_help"))
            forward = st.button(t("present.next"), key="present_next", help=t("present.next_help"))
            st.button(t("present.exit"), key="present_exit", help=t("present.exit_help"), on_click=_leave)
        if back or forward:
            target = pages[(index + (1 if forward else -1)) % len(pages)]
            params = carry_params()
            if back:
                params[SLIDE_PARAM] = "last"
            st.switch_page(target, query_params=params)
    return frame


@contextmanager
def slide() -> Iterator[None]:
    """One slide of presentation mode: what is drawn inside is one screen (no effect outside presentation mode).

    A slide inside a slide is part of the outer one. Everything of a page that
    is in no slide is not shown while presenting.
    """
    if not active() or st.session_state.get(_IN_SLIDE):
        yield
        return
    number = int(st.session_state.get(_SLIDES, 0)) + 1
    st.session_state[_SLIDES] = number
    st.session_state[_IN_SLIDE] = True
    try:
        with st.container(key=f"pslide_{number}"):
            yield
    finally:
        st.session_state[_IN_SLIDE] = False


def in_slide() -> bool:
    """Whether the page is drawing inside a slide now."""
    return bool(st.session_state.get(_IN_SLIDE, False))


def after_page(frame: Frame, pages: Sequence[st.Page]) -> None:
    """Finish a page: the print header (URL and date), the link notice, and the presenter's bar.

    The print header is written after the page's content, where it can move nothing already drawn
    (it is hidden on screen); the print stylesheet puts it first on paper (``PRINT_ORDER_CSS``).
    """
    _print_meta(st.container(key="print_meta"))
    links.show_notice(frame.notice, skip=frozenset({MODE_PARAM, ADVANCE_PARAM, SLIDE_PARAM}))
    if not active():
        return
    total = int(st.session_state.get(_SLIDES, 0))
    seconds = advance_seconds()
    with st.container(key="present_bar", horizontal=True):
        if seconds is not None:
            with st.container(key="present_ticker"):
                st.caption(t("present.auto_status", seconds=seconds))
        _bar(
            key="present_bar_js",
            data={
                "total": total,
                "start": start_slide(parse_slide(st.query_params.get(SLIDE_PARAM)), total),
                "advance": seconds or 0,
                "view": pages[current_index(pages, st.context.url)].url_path,
                "labels": {
                    "prev": t("present.prev"),
                    "next": t("present.next"),
                    "exit": t("present.exit"),
                    "counter": t("present.counter"),
                },
            },
            width="content",
        )
        links.copy_link_button("present_copy_link", presenting=True)  # the link of the slide shown (``?slide=``)


def view_url(base: str | None, params: Mapping[str, Sequence[str]]) -> str:
    """The address of the current view: the page's URL with the current query string."""
    query = urllib.parse.urlencode([(k, v) for k, values in params.items() for v in values])
    return (base or "") + (f"?{query}" if query else "")


def _print_meta(slot: Any) -> None:
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    try:
        now = datetime.now(ZoneInfo(st.context.timezone)) if st.context.timezone else datetime.now()
    except (ZoneInfoNotFoundError, ValueError):
        now = datetime.now()
    when = t("ymd.label", year=now.year, month=now.month, day=now.day, month_name=now.strftime("%B"))
    url = view_url(st.context.url, params)
    prefix = t("present.print_url", url="\u0000").split("\u0000", 1)[0]  # the words before the URL
    with slot:
        _print_url(key="print_url", data={"prefix": prefix, "url": url}, width="stretch")
    slot.caption(t("present.print_date", when=f"{when} {now:%H:%M}"))


def table_pages(table: pd.DataFrame) -> list[pd.DataFrame]:
    """A table cut into pages that each fit one slide: about ``TABLE_ROWS_PER_SLIDE`` lines of text.

    A row whose longest cell is long wraps, so it counts as more lines.
    """
    if len(table) == 0:
        return [table]
    lengths = table.astype(str).map(len).max(axis=1).tolist() if len(table.columns) else [1] * len(table)
    pages: list[pd.DataFrame] = []
    start, lines = 0, 0.0
    for i, length in enumerate(lengths):
        row_lines = max(1.0, min(4.0, length / ROW_CHARS_PER_LINE))
        if i > start and lines + row_lines > TABLE_ROWS_PER_SLIDE:
            pages.append(table.iloc[start:i])
            start, lines = i, 0.0
        lines += row_lines
    pages.append(table.iloc[start:])
    return pages


def chart_spec(chart: Mapping[str, Any], *, fill: bool = True) -> dict[str, Any]:
    """A chart as drawn in presentation mode: bigger type and, with ``fill``, one screen high.

    Streamlit fits a chart into its height (axes and legend included), so the
    height leaves the plot room beside a long legend. Without ``fill`` (a
    legend drawn on its own) the chart keeps its size and only its type grows.
    """
    height = chart.get("height")
    own = round(height * CHART_FONT_SCALE) if isinstance(height, int | float) else None  # room for the bigger type
    step = height.get("step") if isinstance(height, Mapping) else None
    if fill and not step:
        # A chart sized by its content grows with its type, up to one screen.
        own = min(CHART_HEIGHT, own) if own else CHART_HEIGHT
    spec = scaled_spec(chart, font_scale=CHART_FONT_SCALE, height=own)
    if isinstance(step, int | float):
        # A bar chart sized by its number of bars keeps that: each bar's row grows with the type
        # (two bars do not become a screen-high chart of thin ribbons).
        spec["height"] = {"step": round(step * CHART_FONT_SCALE)}
    return _unlimited(spec)


DECK_PIXEL_RATIO = 2  # deck.gl's drawing buffer per CSS pixel while presenting (see the map CSS)


def deck(chart: pdk.Deck) -> pdk.Deck:
    """A map as drawn in presentation mode: at a fixed pixel ratio of 2.

    On a 4K screen the map is zoomed twice (like the charts) to draw its content
    twice as large; deck.gl would size its buffer from the zoomed device pixels
    but draw in unzoomed CSS pixels (the map landed in the top-left quarter). A
    fixed ratio sizes the buffer from CSS pixels × 2: whole, and sharp at 4K.
    """
    out = copy.copy(chart)
    out.use_device_pixels = DECK_PIXEL_RATIO  # serialised as deck.gl's ``useDevicePixels``
    return out


_LIMITS = frozenset({"labelLimit", "titleLimit"})


def _unlimited(spec: Any) -> Any:
    """The spec with no length limit on axis and legend labels and titles, so Vega never cuts one with 「…」.

    Presentation mode has the width of a whole screen for them; a cut label
    cannot be read out to a hall.
    """
    if isinstance(spec, dict):
        out = {k: (0 if k in _LIMITS else _unlimited(v)) for k, v in spec.items()}
        config = out.get("config")
        if isinstance(config, dict):
            for part in ("axis", "legend"):
                config[part] = {**config.get(part, {}), "labelLimit": 0, "titleLimit": 0}
        return out
    if isinstance(spec, list):
        return [_unlimited(v) for v in spec]
    return spec
