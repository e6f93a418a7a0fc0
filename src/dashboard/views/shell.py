"""The frame around every page: shared styles, navigation list, the tools row (language, presenting, link) and footer."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from dashboard.data import DataError
from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES, language, localized, set_language, t
from dashboard.i18n.format import is_missing
from dashboard.views import a11y, auth, cache, freshness, links, present
from dashboard.views.safe import plain

# Static CSS (no data-derived text). One rule scales every page with the screen: the root font
# size follows the viewport width (16 px up to 1920 px wide, 32 px at 3840), and Streamlit sizes
# its text, spacing and widgets in rem. Vega-Lite charts are SVG and keep their pixel sizes, so
# from 2,600 px they are drawn at half the column's width and zoomed twice (SVG stays sharp);
# maps are not zoomed here (deck.gl sizes its canvas from the box and the device pixel ratio) but
# get a taller box. Presentation mode (present.py) adds its own sizes on top. Metric values are
# never cut off, and wide tables scroll instead of overflowing.
_CSS = """
<style>
html { font-size: clamp(16px, calc(100vw / 120), 64px) !important; }
/* A map's frames take the map's height, so a taller map (large screens, presentation mode) pushes what follows. */
[data-testid="stElementContainer"]:has(> [data-testid="stFullScreenFrame"] > [data-testid="stDeckGlJsonChart"]),
[data-testid="stFullScreenFrame"]:has(> [data-testid="stDeckGlJsonChart"]) { height: auto !important; }
/* With its frames sized by it, the map keeps Streamlit's own 500 px (st.pydeck_chart's default) in the normal view. */
[data-testid="stDeckGlJsonChart"] { min-height: 500px; }
/* The tools row starts below Streamlit's header (theme.paddingTop), so it need not lie above it; on a phone
   the page list opens as a sidebar over the page, which the row must not cover. */
.st-key-copy_link_bar { z-index: auto !important; }
.st-key-present_offer { display: none !important; }
.st-key-present_offer button { font-size: 1.15rem; font-weight: 700; }
@media (min-width: 2600px) {
  [data-testid="stVegaLiteChart"] { zoom: 2; width: 50% !important; max-width: 50% !important; }
  [data-testid="stDeckGlJsonChart"] { height: 62vh !important; }
  .st-key-present_offer { display: block !important; }
}
[data-testid="stMetricValue"] { white-space: normal; overflow-wrap: anywhere; }
/* A card's label, figure and change wrap rather than end in 「…」 (fixed-width cards hold larger type). */
:is([data-testid="stMetricLabel"], [data-testid="stMetricValue"], [data-testid="stMetricDelta"]) * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
[data-testid="stCaptionContainer"] { overflow-wrap: anywhere; }
@media (max-width: 640px) {
  [data-testid="stMetricValue"] { font-size: 1.6rem; }
  h1 { font-size: 1.6rem !important; }
}
</style>
"""


# Accessibility (WCAG 2.1 AA, checked by axe-core in tests/e2e/test_accessibility_browser.py). Static rules.
# Streamlit draws captions in the text colour at 60 % opacity (#797b7e on white: 4.24:1); they carry the sources
# and dates, so they get an opaque grey of 6.3:1 on white and 5.8:1 on the light grey background. Keyboard focus is a 3 px
# outline with a white halo: it shows on any background and never looks like the current page's
# highlight in the navigation (a tinted background, no outline). Heading links ("Link to heading") and the
# element toolbars of charts (fullscreen, "Copy Vega-Lite spec") are hidden: each added tab stops before
# every chart, and the page offers its own downloads and a table view instead.
_ACCESS_CSS = """
<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
[data-testid="stWidgetLabel"] [data-testid="stCaptionContainer"] { color: #5C6066 !important; opacity: 1 !important; }
/* A disabled widget's label stays readable (Streamlit fades it to 40 %: 2.4:1). */
label[data-testid="stWidgetLabel"][disabled], label[data-testid="stWidgetLabel"][disabled] * { color: #5C6066 !important; }
[data-testid="stHeaderActionElements"], [data-testid="stHeadingWithActionElements"] > span > a[href^="#"] {
  display: none !important;
}
[data-testid="stElementToolbar"] { display: none !important; }
:is(a, button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"]), [role="button"],
    [role="tab"], [role="radio"], [role="checkbox"], [role="switch"], [role="slider"], [role="option"]):focus-visible {
  outline: 3px solid #1F2328 !important; outline-offset: 2px !important;
  box-shadow: 0 0 0 5px #FFFFFF !important; border-radius: 0.25rem;
}
[data-testid="stSidebarNav"] a[aria-current="page"], [data-testid="stSidebarNavLink"][aria-current="page"] {
  outline: none; border-left: 4px solid #0062A3;
}
/* In the header's page list: a line under the current page (a shadow, so the link keeps its size). */
[data-testid="stTopNav"] a[aria-current="page"] { outline: none; box-shadow: inset 0 -3px 0 #0062A3; }
</style>
"""

# Print (A4 landscape; present.PRINT_CSS hides the controls and sets the page). Streamlit's own print rules
# make every row a block (columns and cards stack one under the other) and forbid a page break inside any
# box holding a chart, so a whole section jumps to the next sheet and leaves the rest of the sheet empty
# (/dx took 14 sheets, cards two to a row in the left half). Here rows stay flex rows that never wrap,
# cards sit five to a row, only a card's figure or a chart itself is kept whole (a row of cards may break
# between a card's figure and its notes: kept whole it left most of /dx's first sheet empty), the screen's
# layout is printed at 7/8 size with narrower margins (body text 16 px → 9.2 pt, every page on at most four
# sheets; at half size it printed at 6 pt), and a figure never breaks inside (「▲23.5万時間」 stays on one line).
_PRINT_LAYOUT_CSS = """
<style>
@page { size: A4 landscape; margin: 8mm 10mm; }
@media print {
  [data-testid="stMainBlockContainer"] { zoom: 0.875; }
  [data-testid="stMetricValue"], [data-testid="stMetricValue"] * {
    white-space: nowrap !important; word-break: keep-all !important; overflow-wrap: normal !important;
  }
  [data-testid="stHorizontalBlock"] { display: flex !important; }
  [data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"]) { flex-wrap: nowrap !important; }
  [data-testid="stColumn"] { min-width: 0 !important; }
  [data-testid="stVerticalBlock"], [data-testid="stLayoutWrapper"], [data-testid="stColumn"],
  [data-testid="stElementContainer"] { break-inside: auto !important; }
  [data-testid="stHorizontalBlock"] > [data-testid="stLayoutWrapper"]:not(:has([data-testid="stMetric"])),
  [data-testid="stMetric"], [data-testid="stVegaLiteChart"], [data-testid="stDeckGlJsonChart"] {
    break-inside: avoid !important;
  }
  [data-testid="stHorizontalBlock"] > [data-testid="stLayoutWrapper"]:has([data-testid="stMetric"]) {
    flex: 1 1 calc(20% - 1rem) !important; min-width: calc(20% - 1rem) !important; width: auto !important;
  }
  [data-testid="stVegaLiteChart"] { width: 100% !important; max-width: 100% !important; }
}
</style>
"""

# Phones (up to 640 px wide; measured at 390 × 844). The page never scrolls sideways: a chart drawn
# wider than the screen is scaled down to the column (Vega's SVG keeps its proportions, so heatmap
# digits shrink with their cells instead of colliding), except the timeline, which would be too small
# to read: it keeps its designed 1,000 px and scrolls inside its own frame, under a hint that says so. Static
# tables and text fields scroll or shrink inside the column. The page title is the largest text,
# then section headings (Streamlit's h2/h3 are larger than the 1.6 rem title otherwise).
_PHONE_CSS = """
<style>
@media (max-width: 640px) {
  [data-testid="stMain"] { overflow-x: hidden; }
  [data-testid="stMainBlockContainer"] { padding-left: 1rem !important; padding-right: 1rem !important; }
  [data-testid="stMain"] h1 { font-size: 2rem !important; line-height: 1.25 !important; }
  [data-testid="stMain"] h2 { font-size: 1.5rem !important; line-height: 1.3 !important; }
  [data-testid="stMain"] h3 { font-size: 1.25rem !important; line-height: 1.35 !important; }
  [data-testid="stMain"] h4 { font-size: 1.1rem !important; }
  [data-testid="stVegaLiteChart"] { max-width: 100% !important; }
  [data-testid="stVegaLiteChart"] svg { max-width: 100% !important; height: auto !important; }
  .st-key-ov_timeline_box [data-testid="stFullScreenFrame"]:has([data-testid="stVegaLiteChart"]) { overflow-x: auto; }
  .st-key-ov_timeline_box [data-testid="stVegaLiteChart"] { min-width: 1000px; max-width: none !important; }
  .st-key-ov_timeline_box [data-testid="stVegaLiteChart"] svg { max-width: none !important; }
  .st-key-ov_timeline_box [data-testid="stFullScreenFrame"]:has([data-testid="stVegaLiteChart"])::before {
    content: "SCROLL_HINT"; display: block; position: sticky; left: 0; font-size: 0.875rem; color: #4a4c55;
    margin-bottom: 0.25rem;
  }
  [data-testid="stTable"], [data-testid="stMarkdownContainer"]:has(table) { overflow-x: auto; max-width: 100%; }
  [data-testid="stMain"] input { min-width: 0; max-width: 100%; }
  [data-testid="stMain"] [data-testid="stHorizontalBlock"] { flex-wrap: wrap; }
}
</style>
"""

LANG_STATE = "lang"
LANG_SWITCH = "lang_switch"
TOOLS_KEY = "copy_link_bar"
"""The tools row at the top right of every page (language, presentation settings, copy link)."""


def _language_changed() -> None:
    st.session_state[LANG_STATE] = st.session_state[LANG_SWITCH]


# How long a session's first run waits after ``st.set_page_config`` before drawing anything (seconds).
FIRST_FRAME_PAUSE_S = 0.1
_FIRST_FRAME_DONE = "_first_frame_done"


def _hold_first_frame() -> None:
    """On a session's first run, let the browser lay out the wide page before any content arrives.

    Until the page's configuration arrives, Streamlit's frontend shows its loading placeholder in
    the narrow centred layout (736 px). The wide layout comes with the script's first messages,
    and when the first elements arrive in the same batch, the browser draws them in the narrow
    column and then moves everything 592 px left: one layout shift of 0.2–0.31 on every page,
    the largest part of its CLS (the bare Streamlit page has the same shift, smaller as it draws
    less). A short pause after ``st.set_page_config`` lets the layout change alone, while only the
    placeholder is there (0.07; 0.031 since the theme's smaller bottom padding makes the empty
    column shorter). Measured with the machine busy (load average 11): the largest
    shift of a load was 0.07 in 13 of 15 loads with a 0.12 s pause, 0.07–0.16 with 0.06 s, and
    0.07–0.31 without. It costs 0.1 s on a session's first load only; later runs, page changes in
    the session and AppTest do not wait.
    """
    if st.session_state.get(_FIRST_FRAME_DONE) or st.get_option("global.appTest"):
        return
    st.session_state[_FIRST_FRAME_DONE] = True
    time.sleep(FIRST_FRAME_PAUSE_S)


def start() -> str:
    """Set the session's language from the switch and the URL (``?lang=en``); inject styles.

    The switch (drawn in the page's tools row, :func:`language_switch`) is synced
    with the URL by hand rather than with ``bind``: the language must be known
    before the navigation is built, on the very first run of a session, in every
    page, and in AppTest, which does not seed bound widgets from the URL. Its
    callback stores the choice before the next run starts, so this run already
    knows it although the switch itself is drawn later, inside the page.
    """
    _hold_first_frame()  # before anything is drawn: the page config has just been sent
    links.remember_opening()  # before any value of the link is dropped (issue 8)
    if LANG_STATE not in st.session_state:
        requested = st.query_params.get("lang")
        st.session_state[LANG_STATE] = requested if requested in LANGUAGES else DEFAULT_LANGUAGE
    chosen = set_language(st.session_state[LANG_STATE])
    if chosen == DEFAULT_LANGUAGE:
        st.query_params.pop("lang", None)
    elif st.query_params.get("lang") != chosen:
        st.query_params["lang"] = chosen
    st.html(_CSS + _ACCESS_CSS + _PRINT_LAYOUT_CSS)
    st.html(_PHONE_CSS.replace("SCROLL_HINT", t("phone.scroll_hint")))
    present.start()  # presentation mode from the link, kept in the URL (issue 8)
    return chosen


def language_switch() -> None:
    """日本語 / English, in the tools row; its label is read by screen readers, not shown."""
    # The widget's own state is dropped by Streamlit when the page changes; the
    # chosen language lives in a plain session key and is copied into the switch.
    st.session_state[LANG_SWITCH] = st.session_state[LANG_STATE]
    st.segmented_control(
        t("lang.label"),
        options=list(LANGUAGES),
        format_func=lambda code: t(f"lang.{code}"),
        key=LANG_SWITCH,
        required=True,
        on_change=_language_changed,
        label_visibility="collapsed",
    )


def pages() -> list[st.Page]:
    """The navigation list; the overview is the default page served at ``/``.

    The pages carry no icons on purpose: Streamlit turns the current page's
    Material icon into the tab's favicon, which the browser fetches from the
    internet (fonts.gstatic.com). The local icon of ``st.set_page_config`` is used.
    """
    return [
        st.Page("pages/overview.py", title=t("nav.overview"), default=True),
        st.Page("pages/population.py", title=t("nav.population"), url_path="population"),
        st.Page("pages/dx.py", title=t("nav.dx"), url_path="dx"),
        st.Page("pages/facilities.py", title=t("nav.facilities"), url_path="facilities"),
        st.Page("pages/survey.py", title=t("nav.survey"), url_path="survey"),
        *_admin_page(),
    ]


def _admin_page() -> list[st.Page]:
    """The data update page, listed only where a deployment turned it on (issue 9)."""
    from dashboard.views import admin  # local: the importer is loaded only when the page may be used

    if not admin.enabled():
        return []
    return [st.Page("pages/admin.py", title=t("nav.admin"), url_path="admin")]


def footer() -> None:
    """At the end of every page: the app's name, what it shows and every source's credit line.

    Drawn last, so it never moves anything above it; presentation mode leaves it out (it is on no slide).
    """
    with st.container(key="app_footer"):
        st.divider()
        st.markdown(f"**{t('app.title')}**")
        st.caption(t("footer.about"))
        with st.expander(t("footer.credits"), icon=":material/info:"):
            try:
                sources = cache.dataset("sources")
            except DataError:
                return
            for _, row in sources.iterrows():
                st.caption(plain(_credit_with_licence(row)))


def _credit_with_licence(row: pd.Series) -> str:
    """A source's credit line and its licence, both in the page's language (the licence's English when given)."""
    licence = row["licence"]
    english = row.get("licence_en")
    if language() == "en" and isinstance(english, str) and english.strip():
        licence = english
    credit = localized(row, "credit")
    return t("footer.credit_licence", credit=credit, licence=licence) if not is_missing(licence) else credit


def run_page(render: Callable[[], None], shown: Sequence[st.Page] | None = None) -> None:
    """Run one page's ``render()``, making sure the frame around it ran first.

    Normally ``app.py`` runs the frame (language, sign-in gate, navigation) and then
    the page through ``st.navigation``. Because the repository has a ``pages/``
    folder, Streamlit runs a page script *directly*, without ``app.py``, when no
    ``st.navigation`` call has happened yet in the process (the very first request
    of a fresh server) and in ``AppTest.switch_page``. Streamlit marks that mode
    with ``PagesManager.uses_pages_directory``; the frame is run here then, so a
    page is never shown without its language setting or the sign-in gate.
    ``shown`` are the pages presentation mode steps through (default: the app's).

    The page starts with its tools row and ends with the footer: the app has no
    sidebar, because Streamlit opens a sidebar only after the main column has been
    drawn at full width, which moved the whole page 300 px sideways on every load.
    """
    if PagesManager.uses_pages_directory:
        if st.get_option("global.appTest"):
            # AppTest resets that mode before every run, so a rerun would come back
            # here (and drop button clicks): run the frame in place instead.
            start()
            auth.gate()
        else:
            # Register the real navigation (which switches Streamlit out of the
            # pages/ folder mode for good) and run again: the rerun goes through
            # app.py, with the wide layout, the sign-in gate and the page list.
            st.navigation(pages(), position="hidden")
            st.rerun()
    # Presentation mode, the link notice and the print header wrap every page (issue 8).
    if shown is None:
        shown = [page for page in pages() if page.url_path != "admin"]
    frame = present.before_page(shown)
    tools()
    render()
    footer()
    present.after_page(frame, shown)
    links.keep_url_in_step()


def tools() -> None:
    """The row at the top right of every page: language, presentation settings, sign-out, copy link.

    One horizontal row whose height is set by its buttons from the first draw, so
    nothing in it moves the page below. It also holds what takes no room: the styles
    that must stay while a page changes and the page's language for screen readers.
    Presenting (and printing), the row is hidden; it is still drawn for those two.
    """
    with st.container(key=TOOLS_KEY, horizontal=True, horizontal_alignment="right", vertical_alignment="center"):
        present.styles()  # first: a hidden element that takes no room and never moves the buttons
        a11y.page_language()  # <html lang> and Streamlit's own control labels in the screen's language
        if present.active():
            freshness.watch(quiet=True)  # a presentation never changes under the presenter
            return
        present.offer()  # shown on screens 2,600 px wide or more (a hall display offers the mode first)
        freshness.watch()  # beside the buttons: a notice there moves nothing already drawn
        auth.account()
        language_switch()
        present.settings()
        links.copy_link_button("copy_link")
