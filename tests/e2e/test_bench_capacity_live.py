"""The capacity load generator against a live server: it speaks Streamlit's websocket protocol well enough
to open pages, flip their filters and see each rerun end. It measures, but nothing here asserts a time."""

from __future__ import annotations

import asyncio
import concurrent.futures
import math
import sys

from conftest import REPO

sys.path.insert(0, str(REPO))  # bench/ lives at the repository root, beside tests/
from bench import capacity


def test_two_sessions_flip_filters_and_see_every_rerun_finish(server_url: str) -> None:
    async def drive() -> tuple[dict[str, object], list[capacity.Session]]:
        sessions = [capacity.Session(server_url, page) for page in ("population", "dx")]
        try:
            for s in sessions:
                await s.open()
            for _ in range(3):
                for s in sessions:
                    await s.rerun()
        finally:
            for s in sessions:
                await s.close()
        level = await capacity.run_level(server_url, ["population", ""], sessions=2, reruns=2, think_s=0.2)
        return level, sessions

    # Its own thread: in the full run the browser tests' sync Playwright keeps an event loop in this one.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        level, sessions = pool.submit(asyncio.run, drive()).result(timeout=300)
    population, dx = sessions
    # The first run's messages named the page and held its filters.
    assert population.page_script_hash and dx.page_script_hash
    assert population.control is not None and population.control.key == "pop_index"
    assert dx.control is not None and not dx.control.is_view_switch
    # One script_finished per run: the first run and three reruns each.
    assert population.runs_seen == dx.runs_seen == 4
    assert (level["reruns"], level["failures"]) == (4, 0)
    assert level["widgets"] == {"population": "指数で表示 (pop_index)", "overview": "年度 (ov_fy)"}
    assert not math.isnan(float(level["p95_ms"]))  # measured; its size is the benchmark's business
