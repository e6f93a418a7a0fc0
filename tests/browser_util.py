"""Helpers for the browser tests: wait for a Streamlit page to finish drawing, and record requests."""

from __future__ import annotations

import time
import urllib.parse
from dataclasses import dataclass, field

from playwright.sync_api import Page, Request

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
CHROMIUM = "/usr/bin/chromium"
# Debian chromium's switches for the tests, the benchmark (bench/browser.py) and deploy/loadtest.py: no sandbox
# (root in CI) and none of its background calls to Google services.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-features=MediaRouter,OptimizationHints,Translate",
]


@dataclass
class RequestLog:
    """Every URL a page asked for, and those that left loopback."""

    urls: list[str] = field(default_factory=list)

    def record(self, request: Request) -> None:
        """Playwright ``request`` event handler."""
        self.urls.append(request.url)

    @property
    def outside(self) -> list[str]:
        """Requests to any host that is not loopback (data: and blob: URLs never leave)."""
        bad = []
        for url in self.urls:
            parsed = urllib.parse.urlparse(url)
            if parsed.scheme in ("data", "blob", "about", "chrome-extension"):
                continue
            if parsed.hostname not in LOOPBACK_HOSTS and not (parsed.hostname or "").startswith("127."):
                bad.append(url)
        return bad


OPEN_SECTIONS = "&".join(
    f"{key}=true"
    for key in (
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
)
"""A query that opens every page's on-demand sections (components.on_demand), as a link can."""


def watch(page: Page) -> RequestLog:
    """Start recording a page's requests (including websockets)."""
    log = RequestLog()
    page.on("request", log.record)
    page.on("websocket", lambda ws: log.urls.append(ws.url))
    return log


# True once the script is not running and every chart and map shown has drawn (also used by bench/browser.py).
RENDERED_JS = """() => {
    const running = document.querySelector('[data-testid="stStatusWidget"]');
    if (running && running.innerText.trim().length > 0) return false;
    // Charts on a slide not shown (presentation mode) are drawn when their slide comes up.
    const shown = el => el.getClientRects().length > 0;
    const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].filter(shown);
    if (!charts.every(c => c.querySelector('canvas, svg'))) return false;
    const decks = [...document.querySelectorAll('[data-testid="stDeckGlJsonChart"]')].filter(shown);
    return decks.every(d => d.querySelector('canvas'));
}"""


def wait_rendered(page: Page, timeout_ms: int = 45_000) -> None:
    """Wait until the script has finished and every chart and map on the page has drawn."""
    page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=timeout_ms)
    page.wait_for_selector("h1", state="attached", timeout=timeout_ms)  # presenting, it may be on another slide
    page.wait_for_function(RENDERED_JS, timeout=timeout_ms)
    # Streamlit shows its "running" indicator only after a delay, so on a busy
    # machine the check above can pass before the script has sent its charts.
    # Wait until the page stops changing (same elements three polls in a row).
    deadline = time.monotonic() + timeout_ms / 1000
    last, same = None, 0
    while time.monotonic() < deadline and same < 3:
        page.wait_for_timeout(400)
        state = page.evaluate(
            """() => [document.querySelectorAll('[data-testid="stElementContainer"]').length,
                      document.querySelectorAll('canvas, svg').length,
                      document.body.innerText.length]"""
        )
        same = same + 1 if state == last else 0
        last = state
    page.wait_for_function(RENDERED_JS, timeout=timeout_ms)


def scroll_through(page: Page, step_px: int = 700) -> None:
    """Scroll the main area to the bottom in steps, so lazily drawn charts and maps load too."""
    page.evaluate(
        """async (step) => {
            const main = document.querySelector('[data-testid="stMain"]') || document.scrollingElement;
            const sleep = ms => new Promise(r => setTimeout(r, ms));
            for (let y = 0; y <= main.scrollHeight; y += step) { main.scrollTo(0, y); window.scrollTo(0, y); await sleep(150); }
            main.scrollTo(0, 0); window.scrollTo(0, 0);
        }""",
        step_px,
    )
