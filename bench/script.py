"""Script time through AppTest: each page's first run in a fresh process, then warm reruns.

For every page (and the bare page, Streamlit's floor) a new Python process
opens ``app.py`` on that page and times:

- ``first``: the first run (imports of the page's modules, reading and caching
  its data, building every chart);
- ``rerun``: plain reruns with nothing changed;
- ``change``: reruns right after a widget change, the way a user drives the
  page (a page filter when the page has one AppTest can drive, otherwise a
  chart ↔ table switch), alternating between two values so every rerun is a
  real change;
- ``new_session``: a second, fresh AppTest session's first run in the same
  (warm) process — what the server spends on a new visitor's page load.

With ``--profile`` the worker also writes a pyinstrument profile of the first
run and of the change reruns (``bench/results/profile-<label>-<page>-{first,rerun}.txt``);
profiled runs are separate from timed ones, so profiling never inflates a figure.
The worker prints one JSON object; :func:`run_pages` collects them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import BARE, BARE_APP, FRAME_WIDGETS, PAGES, REPO, RESULTS
from bench.stats import summarize

LANGUAGE_KEYS = tuple(FRAME_WIDGETS)
"""The frame's widgets (language, presentation settings): drawn in the main area, but not a page's filters."""
VIEW_SUFFIX = "_view"


@dataclass
class Change:
    """A widget to drive: its kind (AppTest element type), key and the two values to alternate."""

    kind: str
    key: str
    values: tuple[Any, Any]

    @property
    def label(self) -> str:
        """For the results: ``toggle pop_index``."""
        return f"{self.kind} {self.key}"


def _widgets(at: Any, kind: str) -> list[Any]:
    return [w for w in at.main.get(kind) if getattr(w, "key", None) and w.key not in FRAME_WIDGETS]


def _other_plain_options(widget: Any) -> list[Any]:
    """Options other than the current one, when the shown options are the values themselves.

    AppTest only knows the shown (formatted) options; only when formatting
    leaves a value unchanged can the benchmark hand one back as a value.
    """
    others = []
    for option in widget.options:
        try:
            plain = widget.format_func(option) == option
        except Exception:
            plain = False
        if plain and option != widget.value:
            others.append(option)
    return others


def _candidates(at: Any) -> list[Change]:
    """Widget changes AppTest can make on this page, page filters first, chart ↔ table switches last."""
    found: list[Change] = []
    views: list[Change] = []
    for kind in ("toggle", "checkbox"):
        found += [Change(kind, w.key, (not w.value, bool(w.value))) for w in _widgets(at, kind)]
    for w in _widgets(at, "multiselect"):
        if len(w.value) >= 2:
            found.append(Change("multiselect", w.key, (list(w.value[:-1]), list(w.value))))
    for w in _widgets(at, "slider"):
        value, low, high = w.value, w.min, w.max
        if isinstance(value, (int, float)) and low != high:
            found.append(Change("slider", w.key, (low if value != low else high, value)))
        elif isinstance(value, (list, tuple)) and len(value) == 2 and (value[0], value[1]) != (low, low):
            found.append(Change("slider", w.key, ((low, low) if value[0] != value[1] else (low, high), tuple(value))))
    for w in _widgets(at, "selectbox"):
        others = _other_plain_options(w)
        if others and w.value is not None:
            found.append(Change("selectbox", w.key, (others[0], w.value)))
    for w in _widgets(at, "button_group"):
        if w.key in LANGUAGE_KEYS:
            continue
        if w.key.endswith(VIEW_SUFFIX):
            views.append(Change("button_group", w.key, ("table", "chart")))
            continue
        others = _other_plain_options(w)
        if others and w.value is not None and not isinstance(w.value, list):
            found.append(Change("button_group", w.key, (others[0], w.value)))
    return [c for c in found if c.key not in LANGUAGE_KEYS] + views


def _apply(at: Any, change: Change, i: int) -> None:
    for w in _widgets(at, change.kind):
        if w.key == change.key:
            w.set_value(change.values[i % 2])
            return
    raise LookupError(f"{change.label} is gone from the page")


def _problems(at: Any) -> list[str]:
    """Exceptions and error boxes the run produced (a timing of a broken page means little)."""
    return [f"exception: {str(e.value)[:200]}" for e in at.exception] + [
        f"error: {str(e.value)[:200]}" for e in at.error
    ]


def _timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def worker(page: str, reruns: int, profile: Path | None) -> dict[str, Any]:
    """Time one page in this (fresh) process; see the module docstring.

    ``profile`` is a path prefix: when given (and pyinstrument is installed)
    ``<prefix>-first.txt`` and ``<prefix>-rerun.txt`` get the profiles.
    """
    start = time.perf_counter()
    from streamlit.testing.v1 import AppTest

    import_ms = (time.perf_counter() - start) * 1000
    script = BARE_APP if page == BARE else REPO / "app.py"
    at = AppTest.from_file(str(script), default_timeout=300)
    if page not in (BARE, "overview"):
        # Before the first run AppTest finds a page by its file name (= its url_path here).
        at.switch_page(PAGES[page][0])
    profilers = _profilers(profile)
    with _profiling(profilers.get("first")):
        first_ms = _timed(at.run)
    problems = _problems(at)
    plain = [_timed(at.run) for _ in range(reruns)]
    change_ms: list[float] = []
    used: str | None = None
    for change in _candidates(at):
        samples = []
        try:
            with _profiling(profilers.get("rerun")):
                for i in range(reruns):
                    _apply(at, change, i)
                    samples.append(_timed(at.run))
                    if at.exception:
                        raise RuntimeError(str(at.exception[0].value)[:200])
        except Exception as exc:
            problems.append(f"could not drive {change.label}: {exc}")
            continue
        change_ms, used = samples, change.label
        break
    # A new visitor in a warm process: a fresh session's first run, caches already filled.
    visitor = AppTest.from_file(str(script), default_timeout=300)
    if page not in (BARE, "overview"):
        visitor.switch_page(PAGES[page][0])
    new_session_ms = [_timed(visitor.run)]
    for name, profiler in profilers.items():
        if profiler.last_session is not None and profile is not None:
            Path(f"{profile}-{name}.txt").write_text(
                profiler.output_text(unicode=True, color=False, show_all=False), encoding="utf-8"
            )
    return {
        "page": page,
        "import_ms": import_ms,
        "first_ms": first_ms,
        "rerun": summarize(plain),
        "rerun_samples": plain,
        "change": summarize(change_ms),
        "change_samples": change_ms,
        "widget": used,
        "new_session_ms": new_session_ms[0],
        "problems": problems,
        "elements": _element_counts(at),
    }


def _element_counts(at: Any) -> dict[str, int]:
    return {kind: len(at.get(kind)) for kind in ("vega_lite_chart", "deck_gl_json_chart", "dataframe", "metric")}


_ACTIVE: list[Any] = []  # the profiler to run in AppTest's script thread, if any


def _profilers(prefix: Path | None) -> dict[str, Any]:
    """A pyinstrument profiler for the first run and one for the reruns (none without pyinstrument)."""
    if prefix is None:
        return {}
    try:
        from pyinstrument import Profiler
    except ImportError:
        return {}
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    original = LocalScriptRunner._run_script_thread

    def profiled(self: Any) -> None:
        # AppTest runs the script in a thread of its own: profile inside it, not in the caller.
        if not _ACTIVE:
            original(self)
            return
        _ACTIVE[0].start()
        try:
            original(self)
        finally:
            _ACTIVE[0].stop()

    # Profiling wraps Streamlit's script thread in place: the only hook that sees a page's whole run.
    LocalScriptRunner._run_script_thread = profiled  # type: ignore[method-assign]
    return {"first": Profiler(interval=0.001), "rerun": Profiler(interval=0.001)}


@contextmanager
def _profiling(profiler: Any) -> Iterator[None]:
    if profiler is None:
        yield
        return
    _ACTIVE.append(profiler)
    try:
        yield
    finally:
        _ACTIVE.clear()


def run_pages(
    pages: list[str], reruns: int, env: dict[str, str] | None = None, label: str = "shipped", profile: bool = False
) -> dict[str, dict[str, Any]]:
    """Run :func:`worker` for each page in its own fresh process; returns page → result."""
    results: dict[str, dict[str, Any]] = {}
    for page in pages:
        cmd = [sys.executable, "-m", "bench.script", "--worker", page, "--reruns", str(reruns)]
        if profile:
            cmd += ["--profile", str(RESULTS / f"profile-{label}-{page}")]
        proc = subprocess.run(
            cmd, cwd=REPO, env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=900, check=False
        )
        lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
        if proc.returncode != 0 or not lines:
            results[page] = {"page": page, "failed": proc.stderr[-2000:]}
        else:
            results[page] = json.loads(lines[-1])
    return results


def main(argv: list[str] | None = None) -> None:
    """``python -m bench.script --worker PAGE`` (used by :func:`run_pages`)."""
    parser = argparse.ArgumentParser(description="AppTest timing worker")
    parser.add_argument("--worker", required=True, choices=[*PAGES, BARE])
    parser.add_argument("--reruns", type=int, default=10)
    parser.add_argument("--profile", type=Path)
    args = parser.parse_args(argv)
    print(json.dumps(worker(args.worker, args.reruns, args.profile), ensure_ascii=False))


if __name__ == "__main__":
    main()
