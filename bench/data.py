"""Time to load every dataset: the published Parquet files, the open-data files, the national Parquet.

Runs in a fresh process (``python -m bench.data --worker``) so ``first`` is a
real first read in that process (pandas and pyarrow already imported, as they
are in a running app), and ``warm`` the median of repeated reads. The published
datasets are loaded exactly as the app loads them (``load_dataset``: read and
validate against the schema).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import REPO
from bench.stats import summarize


def _time(fn: Callable[[], Any], repeats: int) -> dict[str, Any]:
    start = time.perf_counter()
    result = fn()
    first = (time.perf_counter() - start) * 1000
    warm = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        warm.append((time.perf_counter() - start) * 1000)
    # A GeoJSON dict counts its features; a DataFrame its rows.
    rows = len(result.get("features", [])) if isinstance(result, dict) else len(result)
    return {"first_ms": first, "warm": summarize(warm), "rows": rows}


def worker(repeats: int, parquet_dir: Path | None) -> dict[str, Any]:
    """Load everything the app reads (and the national Parquet tables when given); timings in ms."""
    import pandas as pd
    import pyarrow.parquet  # noqa: F401 - imported by the app before any load; not part of a load

    from dashboard.data import DATASET_NAMES, DataError, load_dataset, open_data, paths

    published = {name: _time(lambda n=name: load_dataset(n), repeats) for name in DATASET_NAMES}
    readers: dict[str, Callable[[], Any]] = {
        **{f"mynumbercard:{s}": (lambda s=s: open_data.read_mynumbercard(s)) for s in open_data.MYNUMBER_FILES},
        **{f"census2015:{s}": (lambda s=s: open_data.read_census2015(s)) for s in open_data.CENSUS_FILES},
        "ipss": open_data.read_ipss,
        **{f"boundary:{s}": (lambda s=s: open_data.read_boundary(s)) for s in open_data.BOUNDARY_FILES},
        "shelters": open_data.read_shelters,
        "emergency_sites": open_data.read_emergency_sites,
        "towns": open_data.read_towns,
    }
    opened: dict[str, Any] = {}
    for name, fn in readers.items():
        try:
            opened[name] = _time(fn, max(1, repeats // 4))
        except DataError as exc:
            opened[name] = {"missing": str(exc)}
    national: dict[str, Any] = {}
    if parquet_dir is not None:
        for path in sorted(parquet_dir.glob("*.parquet")):
            national[path.stem] = {
                **_time(lambda p=path: pd.read_parquet(p), max(1, repeats // 4)),
                "bytes": path.stat().st_size,
            }
    return {
        "open_data_dir": str(paths.open_data_dir()),
        "published": published,
        "published_total_first_ms": sum(v["first_ms"] for v in published.values()),
        "published_total_warm_ms": sum(v["warm"]["median"] for v in published.values()),
        "open_data": opened,
        "national_parquet": national,
    }


def run(repeats: int, env: dict[str, str] | None = None, parquet_dir: Path | None = None) -> dict[str, Any]:
    """Run :func:`worker` in a fresh process (with ``env`` added) and return its result."""
    cmd = [sys.executable, "-m", "bench.data", "--worker", "--repeats", str(repeats)]
    if parquet_dir is not None:
        cmd += ["--parquet-dir", str(parquet_dir)]
    proc = subprocess.run(
        cmd, cwd=REPO, env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=900, check=False
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"failed": proc.stderr[-2000:]}
    return json.loads(lines[-1])


def main(argv: list[str] | None = None) -> None:
    """``python -m bench.data --worker`` (used by :func:`run`)."""
    parser = argparse.ArgumentParser(description="dataset load timing worker")
    parser.add_argument("--worker", action="store_true", required=True)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--parquet-dir", type=Path)
    args = parser.parse_args(argv)
    print(json.dumps(worker(args.repeats, args.parquet_dir), ensure_ascii=False))


if __name__ == "__main__":
    main()
