"""Page loads in a real browser (Playwright + Debian chromium), bytes per chart, and concurrent sessions.

A load is timed inside the page: from the start of navigation
(``performance.timeOrigin``) to the first animation frame at which the script
is idle (``stApp`` reports ``notRunning``), the title is there and every chart
and map has drawn — the condition the browser tests wait for
(``tests/browser_util.RENDERED_JS``). Cold loads use a fresh browser context
each (empty cache, new session); the returning-visitor load reuses one context
(HTTP cache kept) with a new tab.
"""

from __future__ import annotations

import base64
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from bench import REPO
from bench.frames import chart_payloads, frame_summary, script_span_ms
from bench.server import Server
from bench.stats import checkpoints, per_session_mb, rotate, slope, summarize

sys.path.insert(0, str(REPO / "tests"))
from browser_util import RENDERED_JS
from conftest import CHROMIUM, CHROMIUM_ARGS

CONTEXT_ARGS: dict[str, Any] = {"viewport": {"width": 1920, "height": 1080}, "locale": "ja-JP"}
"""As in the browser tests: Full HD, Japanese."""
TIMEOUT_MS = 120_000

READY_JS = f"""() => {{
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (!document.querySelector('h1')) return false;
    if (!({RENDERED_JS})()) return false;
    return performance.now();
}}"""
"""Truthy (the time since navigation began, in ms) once the page is fully drawn."""

PHASES_JS = """(() => {
    const marks = window.__benchPhases = {};
    const poll = () => {
        const app = document.querySelector('[data-testid="stApp"]');
        const state = app && app.getAttribute('data-test-script-state');
        const now = performance.now();
        if (app && marks.app === undefined) marks.app = now;
        if (state === 'running' && marks.script_start === undefined) marks.script_start = now;
        if (state === 'notRunning' && marks.script_end === undefined) marks.script_end = now;
        if (marks.script_end === undefined) requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
})();"""
"""Installed before navigation: notes when the app frame appears, the script starts and the script ends
(each to the animation frame), so a load splits into frontend start-up, script and drawing."""
PHASES = ("app", "script_start", "script_end", "drawn")


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's chromium, headless, with the tests' switches."""
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def _open(context: BrowserContext, url: str) -> tuple[Page, dict[str, float]]:
    """A new tab on ``url``; returns it (still open) and the phase times in ms (``drawn`` = the load time)."""
    page = context.new_page()
    page.add_init_script(PHASES_JS)
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    handle = page.wait_for_function(READY_JS, timeout=TIMEOUT_MS, polling="raf")
    phases = {k: float(v) for k, v in (page.evaluate("() => window.__benchPhases || {}") or {}).items()}
    return page, {**phases, "drawn": float(handle.json_value())}


def load_once(context: BrowserContext, url: str) -> dict[str, float]:
    """Load ``url`` in a new tab of ``context``; the phase times in ms, ``drawn`` being the load time."""
    page, phases = _open(context, url)
    page.close()
    return phases


def _fresh_load(browser: Browser, url: str, failures: list[str]) -> dict[str, float]:
    """One load in a new context; NaNs (and a note in ``failures``) when the page never finishes drawing."""
    context = browser.new_context(**CONTEXT_ARGS)
    try:
        return load_once(context, url)
    except PlaywrightError as exc:
        failures.append(f"{url}: {str(exc).splitlines()[0]}")
        return {"drawn": float("nan")}
    finally:
        context.close()


def cold_loads(
    browser: Browser, urls: dict[str, str], runs: int, warmup: int = 1, failures: list[str] | None = None
) -> dict[str, list[dict[str, float]]]:
    """Each URL ``warmup + runs`` times, each load in a fresh context; rounds interleave the pages
    (rotating the order) so that noise from the machine falls on all of them alike.
    Returns name → one phase record per timed load (see :data:`PHASES`)."""
    failures = [] if failures is None else failures
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in urls}
    for r in range(warmup + runs):
        for name in rotate(list(urls), r):
            phases = _fresh_load(browser, urls[name], failures)
            if r >= warmup:
                samples[name].append(phases)
    return samples


def returning_loads(browser: Browser, urls: dict[str, str], runs: int) -> dict[str, list[float]]:
    """A returning visitor: one context per URL, visited once (not timed), then ``runs`` timed visits in new tabs."""
    contexts = {name: browser.new_context(**CONTEXT_ARGS) for name in urls}
    samples: dict[str, list[float]] = {name: [] for name in urls}
    try:
        for name, context in contexts.items():
            load_once(context, urls[name])
        for r in range(runs):
            for name in rotate(list(urls), r):
                samples[name].append(load_once(contexts[name], urls[name])["drawn"])
    finally:
        for context in contexts.values():
            context.close()
    return samples


def shipped(browser: Browser, url: str) -> dict[str, Any]:
    """Websocket traffic of one cold load: totals, one record per chart (bytes, rows, remote URLs), and the
    script's span as the network saw it (first to last message of the run, from Chromium's frame timestamps),
    which leaves out the browser's own drawing work."""
    frames: list[bytes] = []
    stamps: list[float] = []

    def on_frame(event: dict[str, Any]) -> None:
        payload = event["response"]["payloadData"]
        # Binary frames (opcode 2) arrive base64-encoded; Streamlit sends only binary ForwardMsgs.
        frames.append(base64.b64decode(payload) if event["response"]["opcode"] == 2 else payload.encode())
        stamps.append(float(event["timestamp"]))

    context = browser.new_context(**CONTEXT_ARGS)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.on("Network.webSocketFrameReceived", on_frame)
        cdp.send("Network.enable")
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        page.wait_for_function(READY_JS, timeout=TIMEOUT_MS, polling="raf")
        page.wait_for_timeout(300)  # frames still in flight after the last paint
    finally:
        context.close()
    return {
        **frame_summary(frames),
        "server_script_ms": script_span_ms(frames, stamps),
        "charts": [c.as_dict() for c in chart_payloads(frames)],
    }


def _settled_rss(server: Server, samples: int = 3, pause_s: float = 1.0) -> int:
    """The server's RSS once sessions are idle: the median of a few readings a second apart."""
    readings = []
    for _ in range(samples):
        time.sleep(pause_s)
        readings.append(server.rss_kb())
    return int(summarize(readings)["median"])


def _session(browser: Browser, url: str, failures: list[str]) -> BrowserContext:
    """A viewer who stays: a new context with the page open and drawn (kept even if drawing timed out,
    since its server session exists all the same)."""
    context = browser.new_context(**CONTEXT_ARGS)
    try:
        _open(context, url)
    except PlaywrightError as exc:
        failures.append(f"{url}: {str(exc).splitlines()[0]}")
    return context


def sessions_memory(browser: Browser, server: Server, urls: list[str], sessions: int) -> dict[str, Any]:
    """Server RSS with 1 and with ``sessions`` concurrent sessions (tabs kept open, each its own context).

    Every URL is visited twice first, so the shared data caches are warm and
    the first runs' transient memory is gone; the increment per session is
    then what one more viewer costs. Sessions cycle through ``urls``; RSS is
    also read at 5, 10, 15 … sessions for a fitted slope. Run the server with
    ``--server.disconnectedSessionTTL 0`` so the closed warm-up sessions do not
    linger and drop out mid-measurement.
    """
    failures: list[str] = []
    for url in urls * 2:
        _fresh_load(browser, url, failures)
    idle_kb = _settled_rss(server)
    viewers: list[BrowserContext] = []
    readings: dict[int, int] = {}
    marks = checkpoints(sessions)
    try:
        started = time.perf_counter()
        for i in range(sessions):
            viewers.append(_session(browser, urls[i % len(urls)], failures))
            if len(viewers) in marks:
                readings[len(viewers)] = _settled_rss(server)
        open_s = time.perf_counter() - started
    finally:
        for context in viewers:
            context.close()
    fitted = slope(list(readings), list(readings.values()))
    return {
        "sessions": sessions,
        "idle_kb": idle_kb,
        "one_kb": readings[1],
        "many_kb": readings[sessions],
        "readings_kb": readings,
        "per_session_mb": per_session_mb(readings[1], readings[sessions], sessions),
        "per_session_slope_mb": None if fitted is None else fitted / 1024,
        "open_seconds": open_s,
        "failures": failures,
    }
