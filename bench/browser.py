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
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from bench import REPO
from bench.frames import chart_payloads, frame_summary, script_span_ms
from bench.server import Server
from bench.stats import checkpoints, cls_windows, per_session_mb, rotate, slope, summarize

sys.path.insert(0, str(REPO / "tests"))
from browser_util import CHROMIUM, CHROMIUM_ARGS, RENDERED_JS

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

QUIET_MS = 800
"""A screen counts as settled when nothing visible has changed for this long (and the script is idle)."""
SETTLE_TIMEOUT_MS = 20_000

FEEL_JS = """(() => {
    // What a person sees, noted from before the first byte: layout shifts (Chrome's Layout Instability API,
    // shifts right after an input excluded, as CLS does) and the last time anything inside the viewport
    // changed — an element added, removed, restyled or retexted there, or a layout shift touching it.
    const feel = window.__benchFeel = {shifts: [], sources: [], last: 0, what: '', sawRunning: false, armed: false, clickAt: null};
    const inView = (r) => r && (r.width > 0 || r.height > 0) && r.top < innerHeight && r.bottom > 0
        && r.left < innerWidth && r.right > 0;
    const visible = (el) => {
        if (!el || el.nodeType !== 1 || !el.isConnected) return false;
        // Streamlit's header (running indicator, toolbar) is chrome, not content; an element's own toolbar
        // stays hidden until hovered, and so does anything transparent or hidden.
        if (el.closest('[data-testid="stHeader"], [data-testid="stElementToolbar"]')) return false;
        if (el.checkVisibility && !el.checkVisibility({opacityProperty: true, visibilityProperty: true})) return false;
        return inView(el.getBoundingClientRect());
    };
    const describe = (el) => {
        const box = el && el.closest && el.closest('[data-testid]');
        return el ? `${el.tagName.toLowerCase()} in ${box ? box.getAttribute('data-testid') : '?'}` : 'layout shift';
    };
    const mark = (t, el) => { if (t > feel.last) { feel.last = t; feel.what = describe(el); } };
    try {
        new PerformanceObserver((list) => {
            for (const e of list.getEntries()) {
                if (e.hadRecentInput) continue;
                feel.shifts.push([e.startTime, e.value]);
                // Which nodes moved (the Layout Instability API's sources): where to look for the cause.
                for (const s of (e.sources || []).slice(0, 3)) {
                    const n = s.node && (s.node.nodeType === 1 ? s.node : s.node.parentElement);
                    const holder = n && n.closest && n.closest('[class*="st-key-"]');
                    const key = holder ? [...holder.classList].find(c => c.startsWith('st-key-')) : '';
                    const box = (r) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)}`;
                    const inner = n && n.querySelector && n.querySelector('[data-testid]');
                    const what = describe(n) + (inner ? ` > ${inner.getAttribute('data-testid')}` : '');
                    feel.sources.push([e.startTime, e.value, what + (key ? ' ' + key : ''),
                                       box(s.previousRect), box(s.currentRect)]);
                }
                if ((e.sources || []).some(s => inView(s.currentRect) || inView(s.previousRect))) mark(e.startTime, null);
            }
        }).observe({type: 'layout-shift', buffered: true});
    } catch (err) { feel.noLayoutShift = String(err); }
    const pending = new Set();
    let scheduled = false;
    const flush = () => {
        scheduled = false;
        const now = performance.now();
        for (const el of pending) { if (visible(el)) { mark(now, el); break; } }
        pending.clear();
    };
    const element = (n) => n && (n.nodeType === 1 ? n : n.parentElement);
    new MutationObserver((records) => {
        for (const m of records) {
            if (m.type === 'attributes') {
                const name = m.attributeName || '';
                if (name === 'data-test-script-state') {
                    if (m.oldValue === 'running' || m.target.getAttribute(name) === 'running') feel.sawRunning = true;
                    continue;
                }
                if (name.startsWith('data-test') || name.startsWith('aria-')) continue;
                // React often sets an attribute to the value it already has: a record, but no change.
                if (m.oldValue === m.target.getAttribute(name)) continue;
                pending.add(m.target);
            } else if (m.type === 'characterData') {
                pending.add(element(m.target));
            } else {
                for (const n of m.addedNodes) pending.add(element(n));
                if (m.removedNodes.length) pending.add(element(m.nextSibling) || element(m.previousSibling) || m.target);
            }
        }
        if (!scheduled) { scheduled = true; requestAnimationFrame(flush); }
    }).observe(document, {subtree: true, childList: true, attributes: true, attributeOldValue: true,
                          characterData: true});
    addEventListener('click', (e) => {
        if (feel.armed) { feel.armed = false; feel.clickAt = e.timeStamp; }
    }, true);
})();"""
"""Installed before navigation: layout shifts and the time of the last visible change in the viewport."""

LOAD_SETTLED_JS = f"""() => {{
    const f = window.__benchFeel, now = performance.now();
    if (!f || now - f.last < {QUIET_MS}) return false;
    return {{last: f.last, what: f.what, shifts: f.shifts, sources: f.sources}};
}}"""
"""After the page has drawn: truthy once nothing visible has changed for a while."""

AFTER_CLICK_JS = f"""() => {{
    const f = window.__benchFeel, now = performance.now();
    if (!f || f.clickAt === null) return false;
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    // A click that starts no script run settles on its own; one that does must be seen running first.
    if (!f.sawRunning && now - f.clickAt < 2000) return false;
    if (!({RENDERED_JS})()) return false;
    const last = Math.max(f.last, f.clickAt);
    if (now - last < {QUIET_MS}) return false;
    return {{settled: last - f.clickAt, ran: f.sawRunning, what: f.what}};
}}"""
"""After a click: the time from the click to the last visible change, once the screen is quiet."""

ARM_JS = "() => { const f = window.__benchFeel; f.armed = true; f.clickAt = null; f.sawRunning = false; }"

MAX_WIDGETS = 5
"""Widgets clicked per page and load: its filters in the order drawn, then its first chart ↔ table switch."""

WIDGET_JS = """(wanted) => {
    // The page's filters in the main area (checkboxes and toggles, segmented controls and pills), then its
    // first chart ↔ table switch (keys ending in _view). Without an argument: their keys, in that order.
    // With a key: marks that widget's clickable part (data-bench-click) and returns true.
    const main = document.querySelector('[data-testid="stMain"]');
    if (!main) return null;
    const keyOf = (el) => {
        const holder = el.closest('[class*="st-key-"]');
        const cls = holder ? [...holder.classList].find(c => c.startsWith('st-key-')) : null;
        return cls ? cls.slice(7) : '';
    };
    const found = [];
    for (const el of main.querySelectorAll('[data-testid="stCheckbox"], [data-testid="stButtonGroup"]')) {
        if (el.closest('.st-key-copy_link_bar')) continue;  // the frame's tools row (language), not the page's
        let target = null;
        if (el.matches('[data-testid="stCheckbox"]')) target = el.querySelector('label') || el;
        else target = [...el.querySelectorAll('button')].find(b => b.getAttribute('aria-checked') !== 'true'
                                                                 && !/Active/.test(b.getAttribute('kind') || ''));
        const key = keyOf(el);
        if (target && key && !found.some(([k]) => k === key)) found.push([key, target]);
    }
    const filters = found.filter(([k]) => !k.endsWith('_view'));
    const switches = found.filter(([k]) => k.endsWith('_view')).slice(0, 1);
    const picked = [...filters, ...switches].slice(0, MAX);
    if (wanted === null || wanted === undefined) return picked.map(([k]) => k);
    const hit = picked.find(([k]) => k === wanted);
    if (!hit) return false;
    document.querySelectorAll('[data-bench-click]').forEach(e => e.removeAttribute('data-bench-click'));
    hit[1].setAttribute('data-bench-click', '1');
    return true;
}""".replace("MAX", str(MAX_WIDGETS))
"""The page's widgets to click (their keys), or marks one of them (``data-bench-click``)."""

NAV_JS = r"""(current) => {
    // A link to another page (the next one in the menu after the current page): Streamlit's list in the
    // header (position="top"), or in the sidebar, or page links the app draws there instead.
    const links = [...document.querySelectorAll(
        '[data-testid="stTopNav"] a, [data-testid="stSidebarNav"] a, '
        + '[data-testid="stSidebar"] a[data-testid="stPageLink-NavLink"]')];
    if (!links.length) return null;
    const here = links.findIndex(a => new URL(a.href).pathname.replace(/\/$/, '') === current);
    const next = links[(here + 1) % links.length];
    next.setAttribute('data-bench-nav', '1');
    return new URL(next.href).pathname;
}"""


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's chromium, headless, with the tests' switches."""
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def _open(context: BrowserContext, url: str, feel: bool = False) -> tuple[Page, dict[str, float]]:
    """A new tab on ``url``; returns it (still open) and the phase times in ms (``drawn`` = the load time).
    ``feel`` also installs the observers of layout shifts and visible changes (:data:`FEEL_JS`)."""
    page = context.new_page()
    page.add_init_script(PHASES_JS)
    if feel:
        page.add_init_script(FEEL_JS)
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    handle = page.wait_for_function(READY_JS, timeout=TIMEOUT_MS, polling="raf")
    phases = {k: float(v) for k, v in (page.evaluate("() => window.__benchPhases || {}") or {}).items()}
    return page, {**phases, "drawn": float(handle.json_value())}


def load_once(context: BrowserContext, url: str) -> dict[str, float]:
    """Load ``url`` in a new tab of ``context``; the phase times in ms, ``drawn`` being the load time."""
    page, phases = _open(context, url)
    page.close()
    return phases


def _click_settled(page: Page, selector: str) -> dict[str, Any]:
    """Click ``selector`` (a real mouse click) and time it until the screen has settled: ms from the click
    to the last visible change, and whether a script run was seen."""
    page.evaluate(ARM_JS)
    page.locator(selector).first.click(timeout=TIMEOUT_MS)
    done = page.wait_for_function(AFTER_CLICK_JS, timeout=SETTLE_TIMEOUT_MS, polling="raf").json_value()
    return {"ms": float(done["settled"]), "ran": bool(done["ran"]), "last_change": str(done["what"])}


def feel_load(context: BrowserContext, url: str, interact: bool) -> dict[str, Any]:
    """One load as a person feels it: the phases and full load (``drawn``), the layout shift (Chrome's CLS:
    the largest session window; and the sum of all shifts), the first screen's settle time (the last visible
    change inside the 1920×1080 viewport, ms from navigation), and, when ``interact``, click-to-settled for
    the page's first widget and a page change from the navigation in the same session."""
    page, phases = _open(context, url, feel=True)
    try:
        seen = page.wait_for_function(LOAD_SETTLED_JS, timeout=SETTLE_TIMEOUT_MS, polling=100).json_value()
        shifts = [(float(t), float(v)) for t, v in seen["shifts"]]
        out: dict[str, Any] = {
            **phases,
            "settled": float(seen["last"]),
            "settled_last_change": str(seen["what"]),
            "cls": cls_windows(shifts),
            "cls_total": sum(v for _, v in shifts),
            # The largest shifts' moved nodes: [ms, shift value, node, box before, box after] (box: x,y w×h).
            "shift_sources": sorted(seen["sources"], key=lambda s: -float(s[1]))[:8],
        }
        if not interact:
            return out
        widgets = page.evaluate(WIDGET_JS, None) or []
        if not widgets:  # a busy machine may still be drawing the widgets
            page.wait_for_timeout(1_000)
            widgets = page.evaluate(WIDGET_JS, None) or []
        clicks: dict[str, float] = {}
        for widget in widgets:
            try:
                if not page.evaluate(WIDGET_JS, widget):
                    continue  # gone after an earlier click (a switch that hides it)
                clicked = _click_settled(page, "[data-bench-click]")
            except PlaywrightError as exc:
                out.setdefault("click_errors", {})[widget] = str(exc).splitlines()[0]
                continue
            clicks[widget] = clicked["ms"]
            out.setdefault("click_last_change", {})[widget] = clicked["last_change"]
        if clicks:
            # Per widget; ``click`` is the first (the page's first filter), as in earlier results.
            out["clicks"], out["widget"], out["click"] = clicks, widgets[0], clicks.get(widgets[0])
        current = urlsplit(page.url).path.rstrip("/")
        target = page.evaluate(NAV_JS, current)
        if target is not None:
            out["page_change_to"] = target
            try:
                changed = _click_settled(page, "[data-bench-nav]")
                out["page_change"], out["page_change_last_change"] = changed["ms"], changed["last_change"]
            except PlaywrightError as exc:
                out["page_change_error"] = str(exc).splitlines()[0]
        return out
    finally:
        page.close()


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


def feel_loads(
    browser: Browser, urls: dict[str, str], runs: int, interactive: set[str], failures: list[str]
) -> dict[str, list[dict[str, Any]]]:
    """``runs`` rounds over all URLs (rotating order), each load in a fresh context measured by
    :func:`feel_load`; pages named in ``interactive`` also get the widget click and the page change.
    Separate from the timed cold loads so that the observers never weigh on those figures."""
    samples: dict[str, list[dict[str, Any]]] = {name: [] for name in urls}
    for r in range(runs):
        for name in rotate(list(urls), r):
            context = browser.new_context(**CONTEXT_ARGS)
            try:
                samples[name].append(feel_load(context, urls[name], name in interactive))
            except PlaywrightError as exc:
                failures.append(f"feel {urls[name]}: {str(exc).splitlines()[0]}")
            finally:
                context.close()
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
