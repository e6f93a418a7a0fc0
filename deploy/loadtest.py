"""Load test on loopback: K concurrent browser sessions against 1 process and against N behind nginx.

Run: ``.venv/bin/python deploy/loadtest.py [--sessions K] [--processes N] [--seconds S]``

Each session is a Playwright context in Debian's chromium that keeps opening
pages and switching the first chart to its table and back, for a bounded time
and a bounded number of loads. For each setup it reports completed page loads
per minute, p50/p95 time to a rendered page and errors; behind nginx it also
checks from the access log that every session stayed on one backend, then kills
one backend and checks that the others keep serving and the affected sessions
reconnect to a working page. Traffic goes only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import Browser, BrowserContext, Request, async_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from browser_util import CHROMIUM, CHROMIUM_ARGS, LOOPBACK_HOSTS  # noqa: E402 - tests/ is put on the path just above

PAGES = ["", "population", "dx", "facilities", "survey"]
TABLE_LABEL = re.compile(r"^\s*表\s*$")  # the chart ↔ table switch's "table" option (Japanese UI)
RENDERED_JS = """() => {
    if (!document.querySelector('h1')) return false;
    const running = document.querySelector('[data-testid="stStatusWidget"]');
    if (running && running.innerText.trim().length > 0) return false;
    const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')];
    if (!charts.every(c => c.querySelector('canvas, svg'))) return false;
    return [...document.querySelectorAll('[data-testid="stDeckGlJsonChart"]')].every(d => d.querySelector('canvas'));
}"""


@dataclass
class RunResult:
    """Figures of one setup."""

    setup: str
    sessions: int
    seconds: float
    loads: int = 0
    errors: int = 0
    times_ms: list[float] = field(default_factory=list)
    outside_requests: int = 0

    def summary(self) -> dict[str, object]:
        """The reported figures."""
        times = sorted(self.times_ms)
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))] if times else None
        return {
            "setup": self.setup,
            "sessions": self.sessions,
            "duration_s": round(self.seconds, 1),
            "page_loads": self.loads,
            "loads_per_minute": round(self.loads / self.seconds * 60, 1) if self.seconds else 0,
            "p50_ms": round(statistics.median(times)) if times else None,
            "p95_ms": round(p95) if p95 is not None else None,
            "errors": self.errors,
            "requests_off_loopback": self.outside_requests,
        }


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, timeout: float = 90) -> None:
    """Wait until ``url``/_stcore/health answers 200."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not become healthy")


def start_single(run_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    """One app process on a free loopback port, no proxy."""
    port = free_port()
    log = open(run_dir / f"single-{port}.log", "wb")  # noqa: SIM115 - lives as long as the process
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
        ],
        cwd=REPO,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    wait_healthy(url)
    return proc, url


def start_cluster(n: int, run_dir: Path) -> tuple[str, list[int]]:
    """N processes behind nginx via deploy/start.sh; returns the nginx URL and the backend ports."""
    listen, base = free_port(), free_port()
    while any(_port_busy(base + i) for i in range(n)):
        base = free_port()
    env = {**os.environ, "RUN_DIR": str(run_dir), "BASE_PORT": str(base)}
    subprocess.run(
        [str(REPO / "deploy" / "start.sh"), str(n), str(listen)], check=True, env=env, stdout=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{listen}"
    wait_healthy(url)
    return url, [base + i for i in range(n)]


def stop_cluster(run_dir: Path) -> None:
    """Stop what start_cluster started."""
    subprocess.run(
        [str(REPO / "deploy" / "stop.sh")],
        env={**os.environ, "RUN_DIR": str(run_dir)},
        stdout=subprocess.DEVNULL,
        check=False,
    )


def _port_busy(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


async def _session(
    browser: Browser, url: str, index: int, result: RunResult, deadline: float, max_loads: int, cookies: dict[int, str]
) -> None:
    context: BrowserContext = await browser.new_context(viewport={"width": 1440, "height": 900}, locale="ja-JP")
    page = await context.new_page()

    def on_request(request: Request) -> None:
        host = re.sub(r"^\w+://([^/:]+|\[[^\]]+\]).*$", r"\1", request.url)
        if request.url.startswith(("http", "ws")) and host not in LOOPBACK_HOSTS and not host.startswith("127."):
            result.outside_requests += 1

    page.on("request", on_request)
    i = index
    try:
        while time.monotonic() < deadline and result.loads < max_loads:
            target = f"{url}/{PAGES[i % len(PAGES)]}"
            i += 1
            start = time.perf_counter()
            try:
                await page.goto(target, wait_until="domcontentloaded", timeout=60_000)
                await page.wait_for_function(RENDERED_JS, timeout=60_000, polling=100)
                if await page.locator('[data-testid="stException"]').count():
                    raise RuntimeError("exception element")
                result.times_ms.append((time.perf_counter() - start) * 1000)
                result.loads += 1
                # Change a view the way a user in a meeting would: chart → table → chart.
                toggle = page.locator('[data-testid="stButtonGroup"] button', has_text=TABLE_LABEL).first
                if await toggle.count():
                    await toggle.click()
                    await page.wait_for_function(RENDERED_JS, timeout=60_000, polling=100)
            except Exception:
                result.errors += 1
        for cookie in await context.cookies():
            if cookie["name"] == "dashboard_route":
                cookies[index] = cookie["value"]
    finally:
        await context.close()


async def run_load(
    url: str, setup: str, sessions: int, seconds: float, max_loads: int
) -> tuple[RunResult, dict[int, str]]:
    """K concurrent sessions for a bounded time against ``url``."""
    result = RunResult(setup=setup, sessions=sessions, seconds=seconds)
    cookies: dict[int, str] = {}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        start = time.monotonic()
        deadline = start + seconds
        await asyncio.gather(
            *(_session(browser, url, k, result, deadline, max_loads, cookies) for k in range(sessions))
        )
        result.seconds = time.monotonic() - start
        await browser.close()
    return result, cookies


def routes_from_log(log: Path, stream_only: bool = True) -> dict[str, set[str]]:
    """route cookie → backends that held its websockets, from the nginx access log.

    Only the websocket (``/_stcore/stream``) matters for stickiness: it is where
    Streamlit keeps the session. nginx logs a websocket when it closes, so for
    sessions still open ``stream_only=False`` uses their page requests instead,
    which the same cookie hash routes. Every backend an entry names counts, so a
    request retried on another backend shows up as a broken route.
    """
    routes: dict[str, set[str]] = {}
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if stream_only and '"GET /_stcore/stream' not in line:
            continue
        m = re.search(r"route=(\S+) upstream=(.+?) rt=", line)
        if m and m.group(2) != "-":
            routes.setdefault(m.group(1), set()).update(u.strip() for u in m.group(2).split(","))
    return routes


async def failover_check(url: str, ports: list[int], run_dir: Path, sessions: int) -> dict[str, object]:
    """Open sessions, kill one backend, and check every session gets a working page again."""
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        contexts = [await browser.new_context(locale="ja-JP") for _ in range(sessions)]
        pages = [await c.new_page() for c in contexts]
        for p in pages:
            # DX's charts are in an on-demand part: the link opens it, so each session has a chart to switch.
            await p.goto(f"{url}/dx?open_dx_trends=true", wait_until="domcontentloaded")
            await p.wait_for_function(RENDERED_JS, timeout=60_000)
        routes = routes_from_log(run_dir / "access.log", stream_only=False)
        cookie_of = []
        for c in contexts:
            cookie_of.append(next((ck["value"] for ck in await c.cookies() if ck["name"] == "dashboard_route"), ""))
        sticky_before = all(len(routes.get(ck, set())) == 1 for ck in cookie_of)
        # Kill the backend that holds the most sessions, so the check always has affected users.
        load = {p: sum(f"127.0.0.1:{p}" in routes.get(ck, set()) for ck in cookie_of) for p in ports}
        victim = max(load, key=lambda p: load[p])
        on_victim = [i for i, ck in enumerate(cookie_of) if f"127.0.0.1:{victim}" in routes.get(ck, set())]
        pid = int((run_dir / f"app-{victim}.pid").read_text())
        os.kill(pid, signal.SIGKILL)
        # Survivors: keep working without reload. Affected: the client reconnects (or the user reloads).
        ok_after = 0
        for _i, p in enumerate(pages):
            try:
                # No reload: the Streamlit client reconnects its websocket by itself
                # and nginx sends it to a live backend, which starts a new session.
                await p.wait_for_timeout(1500)
                await p.wait_for_function(RENDERED_JS, timeout=60_000)
                toggle = p.locator('[data-testid="stButtonGroup"] button', has_text=TABLE_LABEL).first
                await toggle.click()
                # The table only appears if a live backend ran the script for this click.
                await p.wait_for_selector('[data-testid="stDataFrame"]', timeout=60_000)
                await p.wait_for_function(RENDERED_JS, timeout=60_000)
                if not await p.locator('[data-testid="stException"]').count():
                    ok_after += 1
            except Exception:
                pass
        await browser.close()
    return {
        "sessions": sessions,
        "sticky_before_kill": sticky_before,
        "on_killed_backend": len(on_victim),
        "working_after_kill": ok_after,
        "killed_port": victim,
    }


def _check_only(args: argparse.Namespace, run_dir: Path) -> int:
    url, ports = start_cluster(args.processes, run_dir)
    try:
        failover = asyncio.run(failover_check(url, ports, run_dir, max(4, args.processes * 2)))
        routes = routes_from_log(run_dir / "access.log")
    finally:
        stop_cluster(run_dir)
    # Page and websocket requests of one route cookie must all have gone to one backend
    # (before the kill; afterwards a reconnect legitimately moves to a live one).
    report = {"failover": failover, "routes": {k: sorted(v) for k, v in routes.items()}}
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(failover))
    ok = (
        failover["sticky_before_kill"]
        and failover["on_killed_backend"] > 0
        and failover["working_after_kill"] == failover["sessions"]
    )
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    """Run both setups and the failover check; print and save the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=6)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--max-loads", type=int, default=400, help="upper bound on page loads per setup")
    parser.add_argument("--out", type=Path, default=REPO / "deploy" / "run" / "loadtest.json")
    parser.add_argument(
        "--check-only",
        action="store_true",
        help="no load: only the sticky-session and failover checks behind nginx (used by the tests)",
    )
    args = parser.parse_args(argv)
    run_dir = args.out.parent / "loadtest"
    run_dir.mkdir(parents=True, exist_ok=True)
    if args.check_only:
        return _check_only(args, run_dir)

    proc, single_url = start_single(run_dir)
    try:
        single, _ = asyncio.run(run_load(single_url, "1 process", args.sessions, args.seconds, args.max_loads))
    finally:
        proc.terminate()
        proc.wait(timeout=10)

    cluster_url, ports = start_cluster(args.processes, run_dir)
    try:
        cluster, cookies = asyncio.run(
            run_load(cluster_url, f"{args.processes} processes + nginx", args.sessions, args.seconds, args.max_loads)
        )
        routes = routes_from_log(run_dir / "access.log")
        sticky = {k: sorted(routes.get(v, set())) for k, v in cookies.items()}
        sticky_ok = all(len(b) == 1 for b in sticky.values()) and len(sticky) == args.sessions
        failover = asyncio.run(failover_check(cluster_url, ports, run_dir, max(4, args.processes * 2)))
    finally:
        stop_cluster(run_dir)

    report = {
        "single": single.summary(),
        "cluster": cluster.summary(),
        "sticky_sessions": {"ok": sticky_ok, "backends_per_session": sticky},
        "failover": failover,
    }
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"{'setup':<28}{'loads/min':>10}{'p50 ms':>9}{'p95 ms':>9}{'loads':>7}{'errors':>8}{'off-loopback':>14}")
    for r in (single.summary(), cluster.summary()):
        print(
            f"{r['setup']:<28}{r['loads_per_minute']:>10}{r['p50_ms']!s:>9}{r['p95_ms']!s:>9}{r['page_loads']:>7}"
            f"{r['errors']:>8}{r['requests_off_loopback']:>14}"
        )
    print(f"sticky sessions: {'ok' if sticky_ok else 'BROKEN'} ({len(sticky)} sessions)")
    print(
        f"failover: killed backend {failover['killed_port']}; {failover['on_killed_backend']} sessions were on it; "
        f"{failover['working_after_kill']}/{failover['sessions']} sessions working afterwards"
    )
    print(f"saved {args.out}")
    ok = (
        single.errors == 0
        and cluster.errors == 0
        and sticky_ok
        and failover["working_after_kill"] == failover["sessions"]
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
