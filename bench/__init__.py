"""Performance benchmark of the dashboard: run with ``dashboard bench`` (see ``bench/__main__.py``).

A benchmark, not a test: it measures and reports, it never fails on a slow
figure. Results go to ``bench/results/`` (git-ignored): one JSON file per
measurement and ``summary.md``.

Modules:

- :mod:`bench.stats`     pure helpers: summaries (median, min–max), ratios, RSS parsing, tables, targets.
- :mod:`bench.synthetic` the national-scale synthetic open-data set (written to a temp folder only).
- :mod:`bench.server`    starts and stops Streamlit servers on loopback and reads their memory.
- :mod:`bench.browser`   page loads, returning visits, bytes per chart and concurrent sessions (Playwright).
- :mod:`bench.script`    script time through AppTest, each page in a fresh process.
- :mod:`bench.data`      time to load every dataset.
- :mod:`bench.capacity`  sessions changing filters at once one process serves (Streamlit's websocket protocol).
- :mod:`bench.profile`   pyinstrument profiles of the pages that miss a target.
- ``bench/bare_app.py``  Streamlit's floor: a bare page (title, three metrics, one small chart).
"""

from __future__ import annotations

from pathlib import Path

REPO: Path = Path(__file__).resolve().parents[1]
"""The repository root (the bench runs Streamlit from here so ``.streamlit/config.toml`` applies)."""

RESULTS: Path = REPO / "bench" / "results"
"""Where the JSON results and ``summary.md`` are written (git-ignored)."""

BARE_APP: Path = REPO / "bench" / "bare_app.py"
"""The bare Streamlit page every page is compared with."""

# The dashboard's pages: name → (script for AppTest, URL path in the browser).
PAGES: dict[str, tuple[str, str]] = {
    "overview": ("pages/overview.py", ""),
    "population": ("pages/population.py", "population"),
    "dx": ("pages/dx.py", "dx"),
    "facilities": ("pages/facilities.py", "facilities"),
    "survey": ("pages/survey.py", "survey"),
}
BARE = "bare"
"""Name of the bare page in every result table."""
BARE_WIDGETS = "bare + widgets"
"""The bare page with a filter and a chart ↔ table switch (``?widgets=1``): Streamlit's floor for a click."""

FRAME_APP: Path = REPO / "bench" / "frame_app.py"
"""The dashboard's frame (navigation, sign-in gate, tools row, footer) around an empty page."""
FRAME_WIDGETS: frozenset[str] = frozenset(
    {"lang", "lang_switch", "present_toggle", "present_auto_toggle", "present_seconds_input", "sign_out"}
)
"""Keys of the frame's widgets in the tools row (language, presentation settings): not a page's filters."""
FRAME = "frame"
"""Name of the frame-only page in the page-load tables."""
