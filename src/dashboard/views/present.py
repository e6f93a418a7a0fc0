"""Presentation mode for meetings and hall displays, and the print layout.

Presentation mode (the sidebar toggle, or ``?mode=present`` in the URL) hides
the sidebar and every control, sets the type large enough to read from the
back of a hall and shows each chart as one screen ("slide") with its source
and as-of. ``?advance=N`` (or the sidebar's auto-advance) turns it into a
slideshow: every N seconds (default 30) the next screen of the page, then the
next page. It runs on the server (``st.fragment(run_every=N)`` and
``st.switch_page``) with one small script that scrolls to the current screen,
so it needs no internet. ``mode``, ``advance`` and ``lang`` travel with every
page change, so a page opened from the slideshow is the same view.

The print stylesheet (always present) gives A4 landscape pages with the charts,
their sources, the URL of the view and the date; no sidebar, no controls.
All CSS here is static text, never built from data.
"""

from __future__ import annotations

import time
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd
import streamlit as st

from dashboard.charts.export import scaled_spec
from dashboard.i18n import DEFAULT_LANGUAGE, language, t
from dashboard.views import links, params, safe

PRESENT_TABLE_ROWS = 60  # longer tables keep the scrolling grid in presentation mode
MODE_PARAM = "mode"
ADVANCE_PARAM = "advance"
LANG_PARAM = "lang"
PRESENT = "present"
DEFAULT_ADVANCE = 30
MIN_ADVANCE = 3
MAX_ADVANCE = 3600
CHART_FONT_SCALE = 1.7  # 13 px axis labels → 22 px on a 1920 px wide screen
CHART_HEIGHT = 680  # one chart per 1080 px screen, with its heading and source line

# Plain session keys hold the settings (widget keys are dropped when a widget is not drawn).
_ON = "present_on"
_AUTO = "present_auto"
_SECONDS = "present_seconds"
_CLOCK = "present_clock"
_SLIDES = "present_slides"
# Widget keys (sidebar and the presenter's buttons).
_TOGGLE_W = "present_toggle"
_AUTO_W = "present_auto_toggle"
_SECONDS_W = "present_seconds_input"

# Scrolls the page to the current screen: the top of the page for step 0, then
# each chart block (data_block's heading, anchored ``slide-<block key>``) in order.
_SCROLL_JS = """
export default function (component) {
  const step = (component.data && component.data.step) || 0;
  const slides = document.querySelectorAll('[data-testid="stMainBlockContainer"] [id^="slide-"]');
  const target = step <= 0
    ? document.querySelector('[data-testid="stMainBlockContainer"]')
    : slides[Math.min(step, slides.length) - 1];
  if (target) { target.scrollIntoView({behavior: "smooth", block: "start"}); }
}
"""
_scroller = st.components.v2.component("dashboard_present_scroll", js=_SCROLL_JS)

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
[data-testid="stStatusWidget"], [data-testid="stElementToolbar"] { display: none !important; }
CONTROLS { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: none !important; padding: 2.5vh 3vw 8vh 3vw !important; }
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
  font-size: clamp(24px, 1.3vw, 100px) !important; line-height: 1.4 !important;
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
[data-testid="stMetric"] { padding: 1.2vw !important; }
/* Headline cards (columns or horizontal containers): at most two side by side, so the big figures fit. */
[data-testid="stMainBlockContainer"] [data-testid="stHorizontalBlock"] { flex-wrap: wrap !important; }
[data-testid="stMainBlockContainer"] [data-testid="stHorizontalBlock"] > [data-testid="stColumn"],
[data-testid="stMainBlockContainer"] [data-testid="stHorizontalBlock"] > [data-testid="stLayoutWrapper"] {
  flex: 1 1 calc(50% - 1.5rem) !important; min-width: calc(50% - 1.5rem) !important;
  width: auto !important; max-width: 100% !important;
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
/* Charts are drawn for a 1920 px screen; larger screens magnify them (half the width, zoomed twice). */
@media (min-width: 2400px) {
  [data-testid="stVegaLiteChart"], [data-testid="stDeckGlJsonChart"] {
    zoom: 2; width: 50% !important; max-width: 50% !important;
  }
}
.st-key-present_controls {
  position: fixed; right: 1.2vw; bottom: 1.2vh; z-index: 999990; width: auto !important;
  background: rgba(255, 255, 255, 0.92); border-radius: 0.5rem; padding: 0.3rem 0.5rem;
  opacity: 0.45; transition: opacity 0.2s;
}
.st-key-present_controls:hover, .st-key-present_controls:focus-within { opacity: 1; }
.st-key-present_ticker { position: fixed; left: 1.2vw; bottom: 1.2vh; z-index: 999990; width: auto !important; }
.st-key-present_ticker [data-testid="stCaptionContainer"] { font-size: clamp(16px, 0.9vw, 60px) !important; }
</style>
""".replace("CONTROLS", _CONTROLS)

_STYLE_HOLDER = '<span class="dashboard-styles"></span>'

PRINT_CSS = """
<style>
/* Print (and print to PDF): A4 landscape, content only, with URL and date. Static rules. */
.st-key-print_meta { display: none; }
[data-testid="stElementContainer"]:has(.dashboard-styles) { display: none; }
@page { size: A4 landscape; margin: 10mm 12mm; }
@media print {
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
  [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stStatusWidget"], [data-testid="stElementToolbar"], .st-key-present_controls,
  .st-key-present_ticker, [data-testid="stToastContainer"] { display: none !important; }
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


def start() -> None:
    """Read the link on a session's first run, draw the sidebar settings, keep the URL in step, add styles.

    Called by the shell on every run, before the page.
    """
    if _ON not in st.session_state:
        request = parse_request(st.query_params.get(MODE_PARAM), st.query_params.get(ADVANCE_PARAM))
        st.session_state[_ON] = request.present
        st.session_state[_AUTO] = request.advance is not None
        st.session_state[_SECONDS] = request.advance or DEFAULT_ADVANCE
        for param in request.invalid:
            links.report_invalid(param)
    sidebar = st.sidebar.container(key="present_settings")
    sidebar.markdown(f"**{t('present.heading')}**")
    # The widgets show the plain session values; their callbacks copy changes back.
    st.session_state[_AUTO_W] = st.session_state[_AUTO]
    st.session_state[_SECONDS_W] = st.session_state[_SECONDS]
    st.session_state[_TOGGLE_W] = st.session_state[_ON]
    sidebar.toggle(t("present.auto"), key=_AUTO_W, on_change=_copy_widget, args=(_AUTO_W, _AUTO))
    sidebar.number_input(
        t("present.seconds"),
        min_value=MIN_ADVANCE,
        max_value=MAX_ADVANCE,
        step=5,
        key=_SECONDS_W,
        help=t("present.seconds_help"),
        on_change=_copy_widget,
        args=(_SECONDS_W, _SECONDS),
    )
    sidebar.toggle(
        t("present.toggle"), key=_TOGGLE_W, help=t("present.toggle_help"), on_change=_copy_widget, args=(_TOGGLE_W, _ON)
    )
    _sync_url()
    # One element in the sidebar, not style-only: Streamlit sends style-only HTML to its event
    # container, which is emptied at the start of every rerun, so the sidebar and controls
    # would flash up while a page changes. A normal element stays until it is replaced.
    sidebar.html(PRINT_CSS + (PRESENT_CSS if active() else "") + _STYLE_HOLDER)


def _sync_url() -> None:
    """Write ``mode``/``advance`` into the URL while presenting; remove them otherwise."""
    wanted = {k: v for k, v in carry_params().items() if k != LANG_PARAM}
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
    """Places kept around a page while it draws: the link notice and the print header."""

    notice: Any
    print_meta: Any


def before_page(pages: Sequence[st.Page]) -> Frame:
    """Draw what comes before a page: the presenter's buttons, and places for the notice and print header."""
    st.session_state[_SLIDES] = 0
    frame = Frame(notice=st.container(), print_meta=st.container(key="print_meta"))
    if active():
        index = current_index(pages, st.context.url)
        with st.container(key="present_controls", horizontal=True, gap="small"):
            back = st.button(
                t("present.prev"),
                key="present_prev",
                icon=":material/chevron_left:",
                shortcut="Left",
                help=t("present.prev_help"),
            )
            forward = st.button(
                t("present.next"),
                key="present_next",
                icon=":material/chevron_right:",
                shortcut="Right",
                help=t("present.next_help"),
            )
            st.button(
                t("present.exit"),
                key="present_exit",
                icon=":material/close:",
                shortcut="Escape",
                help=t("present.exit_help"),
                on_click=_leave,
            )
        if back or forward:
            target = pages[(index + (1 if forward else -1)) % len(pages)]
            st.switch_page(target, query_params=carry_params())
    return frame


def count_slide() -> None:
    """Called by every chart block: one more screen on this page."""
    st.session_state[_SLIDES] = int(st.session_state.get(_SLIDES, 0)) + 1


def after_page(frame: Frame, pages: Sequence[st.Page]) -> None:
    """Finish a page: the print header (URL and date), the link notice, and the slideshow's clock."""
    _print_meta(frame.print_meta)
    links.show_notice(frame.notice, skip=frozenset({MODE_PARAM, ADVANCE_PARAM}))
    seconds = advance_seconds()
    if seconds is not None:
        _slideshow(pages, current_index(pages, st.context.url), seconds, int(st.session_state.get(_SLIDES, 0)))


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
    slot.caption(t("present.print_url", url=safe.plain(view_url(st.context.url, params))))
    slot.caption(t("present.print_date", when=f"{when} {now:%H:%M}"))


def _slideshow(pages: Sequence[st.Page], index: int, seconds: int, slides: int) -> None:
    """Every ``seconds``: the next screen of this page (top, then each chart), then the next page."""
    page_key = pages[index].url_path
    clock = st.session_state.get(_CLOCK)
    if not clock or clock[0] != page_key:
        st.session_state[_CLOCK] = (page_key, time.monotonic())

    @st.fragment(run_every=seconds)
    def tick() -> None:
        started = st.session_state[_CLOCK][1]
        # round(): a tick arriving a little early still counts as the next screen.
        step = round((time.monotonic() - started) / seconds)
        if step > slides:
            st.session_state.pop(_CLOCK, None)
            st.switch_page(pages[(index + 1) % len(pages)], query_params=carry_params())
        with st.container(key="present_ticker"):
            _scroller(key="present_scroll", data={"step": step}, height=0)
            st.caption(t("present.auto_status", seconds=seconds))

    tick()


def show_table(table: pd.DataFrame) -> None:
    """A chart's table: interactive, or in presentation mode a static table whose type scales with the screen.

    The interactive grid draws on a canvas at a fixed 14 px, unreadable on a
    hall display; long tables stay interactive (scrolling, sorting) even then.
    ``st.table`` renders cell text as Markdown, so its text cells are escaped.
    """
    if active() and len(table) <= PRESENT_TABLE_ROWS:
        st.table(safe.plain_frame(table), hide_index=True)  # cells are Markdown there: data shown as typed
    else:
        st.dataframe(table, hide_index=True)


def chart_spec(chart: Mapping[str, Any]) -> dict[str, Any]:
    """A chart as drawn in presentation mode: bigger type, one screen high.

    Streamlit fits a chart into its height (axes and legend included), so the
    height leaves the plot room beside a long legend.
    """
    return scaled_spec(chart, font_scale=CHART_FONT_SCALE, height=CHART_HEIGHT)
