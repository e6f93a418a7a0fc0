"""AppTest helpers shared by the page tests: open a page through app.py and read what it shows."""

from __future__ import annotations

import re

from conftest import PAGES, REPO
from streamlit.testing.v1 import AppTest

from dashboard.views.safe import WORD_JOINER

_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def shown(text: str) -> str:
    """Markdown text as the screen shows it: backslash escapes of data text and word joiners removed."""
    return _ESCAPED.sub(r"\1", str(text)).replace(WORD_JOINER, "")


def run_page(page: str, *, secrets: dict | None = None, opened: bool = True, **query: str) -> AppTest:
    """Open app.py, switch to ``page`` and run it (with optional secrets and URL query parameters).

    With ``opened`` (the default) the page's on-demand sections are opened too (:func:`open_sections`),
    so a test sees the whole page as a reader who opens every part.
    """
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    for key, value in query.items():
        at.query_params[key] = value
    # Straight to the page in one run (the overview is not run first): before the first run AppTest finds
    # a page by its file name, which is the url_path app.py registers for every page.
    if page != "overview":
        at.switch_page(PAGES[page])
    if opened:
        for key in ON_DEMAND:  # opened before the first run, as a link with ?open_…=true does
            at.session_state[key] = True
    at.run()
    return open_sections(at) if opened else at


ON_DEMAND = (
    "open_ov_named",
    "open_ov_context",
    "open_pop_derived",
    "open_pop_age",
    "open_pop_peers",
    "open_dx_trends",
    "open_dx_mn",
    "open_fac_whatif",
    "open_fac_map",
    "open_sv_compare",
    "open_sv_trend",
)
"""The pages' on-demand sections (components.on_demand keys); open_sections opens any other it finds."""


def open_sections(at: AppTest) -> AppTest:
    """Open every on-demand section of the page (expanders keyed ``open_…``, components.on_demand) and rerun."""
    for _ in range(3):  # a section may hold another
        closed = [
            e.proto.query_param_key
            for e in at.expander
            if e.proto.query_param_key.startswith("open_") and not e.proto.expanded
        ]
        if not closed:
            break
        for key in closed:
            at.session_state[key] = True
        at.run()
    return at


def open_downloads(at: AppTest) -> AppTest:
    """Open every chart's downloads (the popovers keyed ``…_downloads``, components.downloads) and rerun."""
    keys = [str(p.proto.id).rsplit("-", 1)[-1] for p in at.get("popover")]
    for key in (k for k in keys if k.endswith("_downloads")):
        at.session_state[key] = True
    return at.run()


def page_text(at: AppTest) -> str:
    """All text the page shows (titles, markdown, metrics, captions, tables), escapes removed as on screen."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    for df in at.dataframe:
        parts.append(df.value.to_string())
    return shown("\n".join(parts))


def chart_count(at: AppTest) -> int:
    """Number of Altair/Vega-Lite and pydeck charts on the page."""
    return len(at.get("vega_lite_chart")) + len(at.get("deck_gl_json_chart"))
