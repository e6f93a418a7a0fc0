"""Run the whole benchmark: ``python -m bench`` (or ``bench/run.sh``); ``--quick`` for a smoke run.

Sections (all by default, in this order; ``--only`` picks some):

- ``data``   time to load every dataset (published Parquet, open data);
- ``script`` script time per page through AppTest (first run in a fresh process, warm reruns);
- ``load``   page loads in Debian's chromium, every page, the bare page and the dashboard's
             frame around an empty page in the same run, returning visits, and the bytes
             each chart ships;
- ``scale``  the synthetic national data set: generated into a temp folder, then data,
             script and page-load timings with the app pointed at it;
- ``memory`` server RSS with 1 and with N concurrent sessions (the app and the bare page);
- ``capacity`` concurrent sessions changing filters that one process (and two behind the deploy/
             nginx) serves with rerun p95 ≤ 500 ms, measured with Streamlit's websocket protocol;
- then pyinstrument profiles of the pages that missed a target (``--profile auto``).

Writes ``bench/results/<section>.json``, ``results.json`` and ``summary.md``, and
prints the summary; ``--report-only`` rebuilds the summary from ``results.json``
(after editing ``bench/findings.md``). Nothing is asserted: a benchmark reports, it does not fail
on a slow figure.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from bench import BARE, BARE_APP, BARE_WIDGETS, FRAME, FRAME_APP, PAGES, REPO, RESULTS
from bench.stats import feel_summary, phase_summary, summarize

SECTIONS = ("data", "script", "load", "scale", "memory", "capacity")
FINDINGS = REPO / "bench" / "findings.md"


def _args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one run, few sessions: a smoke run of every section")
    parser.add_argument("--runs", type=int, help="timed page loads per page (default 5; quick 1)")
    parser.add_argument("--warmup", type=int, help="untimed warm-up rounds of page loads (default 1)")
    parser.add_argument("--reruns", type=int, help="warm AppTest reruns per page (default 10; quick 3)")
    parser.add_argument("--sessions", type=int, help="concurrent browser sessions for memory (default 20; quick 3)")
    parser.add_argument("--only", help=f"comma-separated sections out of {','.join(SECTIONS)}")
    parser.add_argument(
        "--profile",
        choices=("auto", "always", "never"),
        default="auto",
        help="pyinstrument profiles: of the pages that miss a target (auto), of all, or none",
    )
    parser.add_argument("--synthetic-dir", type=Path, help="write the synthetic national data here (default: temp)")
    parser.add_argument("--keep-synthetic", action="store_true", help="do not delete the synthetic data afterwards")
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="measure nothing: rebuild summary.md from results.json (after editing findings.md)",
    )
    args = parser.parse_args(argv)
    args.runs = args.runs or (1 if args.quick else 5)
    args.warmup = 1 if args.warmup is None else args.warmup
    args.reruns = args.reruns or (3 if args.quick else 10)
    args.sessions = args.sessions or (3 if args.quick else 20)
    args.page_sessions = 2 if args.quick else 5
    args.repeats = 3 if args.quick else 20
    # Capacity: concurrency 1, 2, 4, … up to the cap; reruns per simulated user at each level; time budget.
    args.capacity_cap = 16 if args.quick else 64
    args.capacity_reruns = 3 if args.quick else 10
    args.capacity_min_total = 12 if args.quick else 30
    args.capacity_budget_s = 150.0 if args.quick else 600.0
    args.sections = [s for s in (args.only.split(",") if args.only else SECTIONS) if s]
    unknown = set(args.sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    return args


def _git(*cmd: str) -> str:
    try:
        return subprocess.run(
            ["git", *cmd], cwd=REPO, capture_output=True, text=True, timeout=20, check=False
        ).stdout.strip()
    except OSError:
        return ""


def _environment(args: argparse.Namespace) -> dict[str, Any]:
    import streamlit

    return {
        "started": datetime.now().isoformat(timespec="seconds"),
        "mode": "quick" if args.quick else "full",
        "commit": _git("rev-parse", "--short", "HEAD"),
        "dirty": bool(_git("status", "--porcelain", "--untracked-files=no")),
        "cpus": os.cpu_count(),
        "loadavg": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "runs": args.runs,
        "warmup": args.warmup,
        "reruns": args.reruns,
        "sessions": args.sessions,
        "sections": args.sections,
    }


def _page_urls(app_url: str, bare_url: str, frame_url: str | None = None) -> dict[str, str]:
    frame = {FRAME: f"{frame_url}/"} if frame_url else {}
    return {BARE: f"{bare_url}/", **frame, **{page: f"{app_url}/{path}" for page, (_, path) in PAGES.items()}}


def _loads(args: argparse.Namespace, env: dict[str, str] | None, returning: bool, label: str) -> dict[str, Any]:
    """Cold (and returning) page loads and bytes per chart, the app and the bare page side by side."""
    from bench import browser
    from bench.server import Server

    out: dict[str, Any] = {}
    with (
        Server(REPO / "app.py", f"app-{label}", env) as app,
        Server(BARE_APP, f"bare-{label}") as bare,
        Server(FRAME_APP, f"frame-{label}", env) as frame,
        browser.chromium() as chromium,
    ):
        urls = _page_urls(app.url, bare.url, frame.url)
        out["chromium"] = chromium.version
        failures: list[str] = []
        out["failures"] = failures
        cold = browser.cold_loads(chromium, urls, runs=args.runs, warmup=args.warmup, failures=failures)
        out["cold_samples"] = cold
        out["cold"] = {name: summarize([r["drawn"] for r in v]) for name, v in cold.items()}
        out["cold_phases"] = {name: phase_summary(v) for name, v in cold.items()}
        # What a person feels (layout shift, first screen settled, clicks, page change), in separate
        # rounds so that the observers never weigh on the timed loads above.
        # The bare page with a filter and a chart ↔ table switch is clicked too: Streamlit's own floor for a click.
        feel_urls = {**urls, BARE_WIDGETS: f"{bare.url}/?widgets=1"}
        interactive = {*PAGES, BARE_WIDGETS}
        feel = browser.feel_loads(chromium, feel_urls, runs=args.runs, interactive=interactive, failures=failures)
        out["feel_samples"] = feel
        out["feel"] = {name: feel_summary(v) for name, v in feel.items()}
        if returning:
            back = browser.returning_loads(chromium, urls, runs=args.runs)
            out["returning_samples"] = back
            out["returning"] = {name: summarize(v) for name, v in back.items()}
        out["shipped"] = {name: browser.shipped(chromium, url) for name, url in urls.items()}
    return out


def _memory(args: argparse.Namespace) -> dict[str, Any]:
    from bench import browser
    from bench.server import Server

    out: dict[str, Any] = {"by_page": {}}
    # Closed warm-up sessions are dropped at once instead of being kept 120 s for a reconnect.
    ttl = {"server.disconnectedSessionTTL": "0"}
    with browser.chromium() as chromium:
        with Server(REPO / "app.py", "app-memory", options=ttl) as app:
            urls = {name: u for name, u in _page_urls(app.url, "").items() if name != BARE}
            out["app"] = browser.sessions_memory(chromium, app, list(urls.values()), args.sessions)
        # Which pages a session's memory goes to: a few sessions of one page, each on a fresh server.
        for page, (_, url_path) in PAGES.items():
            with Server(REPO / "app.py", f"app-memory-{page}", options=ttl) as app:
                out["by_page"][page] = browser.sessions_memory(
                    chromium, app, [f"{app.url}/{url_path}"], args.page_sessions
                )
        with Server(BARE_APP, "bare-memory", options=ttl) as bare:
            out[BARE] = browser.sessions_memory(chromium, bare, [f"{bare.url}/"], args.sessions)
    return out


def _scale(args: argparse.Namespace, results: dict[str, Any]) -> dict[str, Any]:
    from bench import data, script, synthetic

    made = synthetic.generate(args.synthetic_dir)
    results["synthetic_root"] = made.root
    env = {"DASHBOARD_OPEN_DATA_DIR": str(made.root)}
    out: dict[str, Any] = {"synthetic": made.as_dict()}
    out["data"] = data.run(args.repeats, env, made.root / "parquet")
    out["script"] = script.run_pages(list(PAGES), args.reruns, env, label="national")
    out.update(_loads(args, env, returning=False, label="national"))
    return out


def _capacity(args: argparse.Namespace) -> dict[str, Any]:
    """Rerun capacity of one app process, then of two behind the deploy/ nginx (when nginx is installed)."""
    from bench import capacity
    from bench.server import Cluster, Server

    pages = [path for _, path in PAGES.values()]
    # Closed sessions of a finished level are dropped at once instead of being kept for a reconnect.
    ttl = {"server.disconnectedSessionTTL": "0"}
    out: dict[str, Any] = {"think_s": capacity.THINK_S}

    def measure(url: str) -> dict[str, Any]:
        return capacity.run(
            url,
            pages,
            args.capacity_cap,
            args.capacity_reruns,
            capacity.THINK_S,
            args.capacity_budget_s,
            args.capacity_min_total,
        )

    with Server(REPO / "app.py", "app-capacity", options=ttl) as app:
        out["one_process"] = measure(app.url)
    if shutil.which("nginx") is None:
        out["two_processes"] = {"skipped": "nginx is not installed"}
        return out
    try:
        with Cluster(2) as cluster:
            out["two_processes"] = measure(cluster.url)
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:  # keep the one-process figure
        out["two_processes"] = {"skipped": f"deploy/start.sh: {exc}"}
    return out


def _write(name: str, payload: Any) -> None:
    (RESULTS / f"{name}.json").write_text(
        json.dumps(payload, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
    )


def _profile_misses(args: argparse.Namespace, results: dict[str, Any]) -> dict[str, str]:
    """pyinstrument profiles (first run and reruns) of pages that missed a load or rerun target."""
    from bench import report, script

    if args.profile == "never":
        return {}
    if importlib.util.find_spec("pyinstrument") is None:
        results.setdefault("errors", {})["profile"] = "pyinstrument is not installed (pip install -r requirements.txt)"
        return {}
    wanted: dict[str, set[str]] = {"shipped": set(), "national": set()}
    for t in report.targets(results):
        if args.profile == "always" or t.status == "missed":
            for page in PAGES:
                if t.name.startswith((f"page load {page} ", f"warm rerun {page} ")):
                    wanted["national" if "national" in t.name else "shipped"].add(page)
    profiles: dict[str, str] = {}
    root = results.get("synthetic_root")
    for label, pages in wanted.items():
        if not pages or (label == "national" and root is None):
            continue
        env = {"DASHBOARD_OPEN_DATA_DIR": str(root)} if label == "national" else None
        script.run_pages(sorted(pages), args.reruns, env, label=label, profile=True)
        for page in sorted(pages):
            for part in ("first", "rerun"):
                path = RESULTS / f"profile-{label}-{page}-{part}.txt"
                if path.exists():
                    profiles[f"{label} {page} {part}"] = str(path.relative_to(REPO))
    return profiles


def main(argv: list[str] | None = None) -> int:
    """Run the selected sections, write the results and print the summary."""
    from bench import data, script

    args = _args(argv)
    RESULTS.mkdir(parents=True, exist_ok=True)
    if args.report_only:
        _report(json.loads((RESULTS / "results.json").read_text(encoding="utf-8")))
        return 0
    results: dict[str, Any] = {"env": _environment(args), "errors": {}}
    steps: dict[str, Callable[[], Any]] = {
        "data": lambda: data.run(args.repeats),
        "script": lambda: script.run_pages([BARE, *PAGES], args.reruns),
        "load": lambda: _loads(args, None, returning=True, label="shipped"),
        "scale": lambda: _scale(args, results),
        "memory": lambda: _memory(args),
        "capacity": lambda: _capacity(args),
    }
    try:
        for name in args.sections:
            started = time.perf_counter()
            print(f"[bench] {name} …", file=sys.stderr, flush=True)
            try:
                results[name] = steps[name]()
            except Exception:
                results["errors"][name] = traceback.format_exc(limit=3).strip().splitlines()[-1]
                traceback.print_exc()
                continue
            print(f"[bench] {name} done in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
            _write(name, results[name])
        results["env"]["chromium"] = (results.get("load") or results.get("scale") or {}).get("chromium", "")
        results["profiles"] = _profile_misses(args, results)
    finally:
        root = results.pop("synthetic_root", None)
        if root is not None and not args.keep_synthetic and args.synthetic_dir is None:
            shutil.rmtree(root, ignore_errors=True)
    results["env"]["loadavg_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    _write("env", results["env"])
    _write("results", results)
    _report(results)
    return 0


def _report(results: dict[str, Any]) -> None:
    """Write and print the summary (with the hand-kept findings appended)."""
    from bench import report

    findings = FINDINGS.read_text(encoding="utf-8") if FINDINGS.exists() else ""
    text = report.summary(results, findings)
    (RESULTS / "summary.md").write_text(text, encoding="utf-8")
    print(text)
    print(f"[bench] results in {RESULTS.relative_to(REPO)}/ (summary.md, *.json)", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
