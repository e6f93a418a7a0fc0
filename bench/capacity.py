"""Capacity: how many people changing filters at once one server process serves, measured on the wire.

A load generator that speaks Streamlit's own websocket protocol, so it
measures the server and not a browser per simulated user. Each simulated user
is one websocket session (``/_stcore/stream``, subprotocol ``streamlit``): it
opens a page with the first message the browser sends (a ``BackMsg`` whose
``rerun_script`` carries the query string and the page's name), waits for the
first run to finish, finds the page's first filter in its main area (a
checkbox or toggle such as 「指数で表示」, a segmented control or pills; the
chart ↔ table switch when the page has no other), and then, after a think
time, flips it —
a ``rerun_script`` with that widget's new state (and its fragment id when the
widget lives in an ``st.fragment``, as the browser does) — and times the rerun
from sending to the ``ForwardMsg`` ``script_finished`` that ends it (a run
that ends early because the script asked for another one does not count as
the end). A page without such a widget is simply rerun.

The concurrency grows 1, 2, 4, 8, … up to a cap; it stops at the first level
whose rerun p95 exceeds the limit (500 ms), where a rerun failed or timed out,
or when the time budget is spent. Capacity is the largest level before that.
Loopback only; every level and the whole run are bounded in time and count.
The generator shares the machine's CPUs with the server, so the figure is a
lower bound for a server that has its cores to itself.

The pure parts (percentiles, levels, the stopping rule, message building and
parsing) are unit-tested in ``tests/unit/test_bench_capacity.py``.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench import FRAME_WIDGETS

RERUN_P95_MS = 500.0
"""The issue's limit: a rerun after a filter change, 95th percentile, as the server delivers it."""
THINK_S = 2.0
"""A simulated user's mean pause between two filter changes (each pause drawn from 0.5–1.5 × this)."""
FINAL_STATUSES = frozenset(
    {
        ForwardMsg.FINISHED_SUCCESSFULLY,
        ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
        ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
    }
)
"""``script_finished`` values that end a run; ``FINISHED_EARLY_FOR_RERUN`` is followed by another run."""
SIDEBAR = 1
"""The first index of a delta path in the sidebar (0 is the main area): a sidebar's switches are
not the page's filters (the dashboard has none; its frame's switches are ``FRAME_WIDGETS``)."""


# --------------------------------------------------------------------------- pure helpers


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0–100) by linear interpolation between closest ranks (numpy's default);
    NaN for no values."""
    data = sorted(float(v) for v in values if not math.isnan(float(v)))
    if not data:
        return float("nan")
    if len(data) == 1:
        return data[0]
    pos = (len(data) - 1) * min(max(q, 0.0), 100.0) / 100.0
    lo = math.floor(pos)
    hi = min(lo + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


def levels(cap: int) -> list[int]:
    """Concurrency levels 1, 2, 4, 8, … up to ``cap`` (``cap`` itself last when it is not a power of two)."""
    out: list[int] = []
    n = 1
    while n < cap:
        out.append(n)
        n *= 2
    if cap >= 1:
        out.append(cap)
    return out


def reruns_per_user(sessions: int, reruns: int, min_total: int) -> int:
    """Reruns each of ``sessions`` users makes: at least ``reruns``, and enough that the level times at least
    ``min_total`` reruns — with few users a p95 of a handful of samples would be just their maximum."""
    return max(reruns, -(-min_total // max(sessions, 1)))


def level_summary(latencies_ms: Sequence[float], failures: int, sessions: int, seconds: float) -> dict[str, Any]:
    """One concurrency level: rerun latency p50/p95/max, how many reruns and failures, reruns per second."""
    n = len(latencies_ms)
    return {
        "sessions": sessions,
        "reruns": n,
        "failures": failures,
        "p50_ms": percentile(latencies_ms, 50),
        "p95_ms": percentile(latencies_ms, 95),
        "max_ms": max(latencies_ms) if latencies_ms else float("nan"),
        "seconds": seconds,
        "reruns_per_s": n / seconds if seconds > 0 else float("nan"),
    }


def level_ok(level: dict[str, Any], limit_ms: float = RERUN_P95_MS) -> bool:
    """A level is served when every rerun finished and their p95 is within the limit."""
    p95 = float(level.get("p95_ms", float("nan")))
    return not level.get("failures") and level.get("reruns", 0) > 0 and not math.isnan(p95) and p95 <= limit_ms


def should_stop(level: dict[str, Any], limit_ms: float, elapsed_s: float, budget_s: float) -> str | None:
    """Why to stop after this level (None to go on): over the limit, failures, or the time budget spent."""
    if level.get("failures"):
        return f"{level['failures']} rerun(s) failed or timed out at {level['sessions']} sessions"
    if not level_ok(level, limit_ms):
        return f"p95 {level.get('p95_ms', float('nan')):.0f} ms > {limit_ms:.0f} ms at {level['sessions']} sessions"
    if elapsed_s >= budget_s:
        return f"time budget of {budget_s:.0f} s spent"
    return None


def capacity_of(steps: Sequence[dict[str, Any]], limit_ms: float = RERUN_P95_MS) -> int:
    """The largest number of sessions served within the limit, counting levels in order up to the first miss
    (0 when even one session misses)."""
    best = 0
    for step in steps:
        if not level_ok(step, limit_ms):
            break
        best = max(best, int(step["sessions"]))
    return best


def stream_url(http_url: str) -> str:
    """The websocket address of a Streamlit server (or a proxy in front of it) at ``http_url``."""
    parts = urlsplit(http_url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream"


@dataclass(frozen=True)
class Control:
    """A filter a simulated user flips back and forth: a checkbox or toggle (``bool_value``), or a
    segmented control or pills (``string_array_value``, the options' texts), in the page's main area.
    ``states`` are its two widget values: as drawn, and changed."""

    id: str
    key: str
    label: str
    kind: str
    states: tuple[Any, Any]
    fragment_id: str = ""

    @property
    def is_view_switch(self) -> bool:
        """The chart ↔ table switch (``*_view``): a page's own filters are preferred to it."""
        return self.key.endswith("_view")


def control_in(msg: ForwardMsg) -> Control | None:
    """The checkbox, toggle, segmented control or pills a ``ForwardMsg`` draws in the main area, if any."""
    if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
        return None
    path = list(msg.metadata.delta_path)
    if path and path[0] == SIDEBAR:
        return None
    element = msg.delta.new_element
    kind = element.WhichOneof("type")
    if kind in ("checkbox", "button_group") and user_key(getattr(element, kind).id) in FRAME_WIDGETS:
        return None  # the tools row's language switch and presentation toggles
    fragment = msg.delta.fragment_id
    if kind == "checkbox":
        box = element.checkbox
        return Control(box.id, user_key(box.id), box.label, kind, (bool(box.value), not box.value), fragment)
    if kind == "button_group":
        group = element.button_group
        options = [o.content for o in group.options]
        if not options:
            return None
        drawn = [options[i] for i in group.default if 0 <= i < len(options)]
        changed = [options[0]] if drawn != [options[0]] else options[1:2]
        return Control(group.id, user_key(group.id), group.label, kind, (drawn, changed), fragment)
    return None


def user_key(element_id: str) -> str:
    """The ``key=`` a widget was given, from its element id (``$$ID-<hash>-<key>``; ``""`` without one)."""
    from streamlit.runtime.state.common import user_key_from_element_id

    return user_key_from_element_id(element_id) or ""


def choose(controls: Sequence[Control]) -> Control | None:
    """The control a user flips: the page's first filter, else its first chart ↔ table switch."""
    filters = [c for c in controls if not c.is_view_switch]
    ordered = filters or list(controls)
    return ordered[0] if ordered else None


def rerun_message(
    page_name: str,
    query_string: str = "",
    page_script_hash: str = "",
    control: Control | None = None,
    state: int = 0,
) -> bytes:
    """A serialised ``BackMsg`` asking for a run of a page, as the browser sends it: the first one names the
    page (its URL path; ``""`` is the default page), later ones also carry its script hash and, after a
    filter change, the control's value ``states[state]`` (and the fragment it lives in, if any)."""
    msg = BackMsg()
    rerun = msg.rerun_script
    rerun.query_string = query_string
    rerun.page_name = page_name
    rerun.page_script_hash = page_script_hash
    rerun.context_info.locale = "ja-JP"
    rerun.context_info.timezone = "Asia/Tokyo"
    rerun.context_info.timezone_offset = -540
    if control is not None:
        widget = rerun.widget_states.widgets.add()
        widget.id = control.id
        value = control.states[state]
        if control.kind == "checkbox":
            widget.bool_value = bool(value)
        else:
            widget.string_array_value.data.extend(value)
        if control.fragment_id:
            rerun.fragment_id = control.fragment_id
    return msg.SerializeToString()


def finished_status(msg: ForwardMsg) -> int | None:
    """The ``script_finished`` status of a message that ends a run, else None."""
    if msg.WhichOneof("type") == "script_finished" and msg.script_finished in FINAL_STATUSES:
        return int(msg.script_finished)
    return None


# --------------------------------------------------------------------------- the load generator


@dataclass
class Session:
    """One simulated user: a websocket session on one page."""

    url: str
    page: str
    query_string: str = ""
    timeout_s: float = 30.0
    page_script_hash: str = ""
    controls: list[Control] = field(default_factory=list)
    control: Control | None = None
    state: int = 0
    runs_seen: int = 0
    ws: Any = None

    async def open(self) -> float:
        """Connect and run the page once (not counted as a rerun); returns the first run's time in ms."""
        import websockets
        from websockets.typing import Subprotocol

        self.ws = await websockets.connect(
            stream_url(self.url), subprotocols=[Subprotocol("streamlit")], max_size=None, open_timeout=self.timeout_s
        )
        ms = await self._run(rerun_message(self.page, self.query_string), first=True)
        self.control = choose(self.controls)
        return ms

    async def rerun(self) -> float:
        """Flip the page's filter (or just rerun) and time it until the run has finished, in ms."""
        self.state = 1 - self.state
        data = rerun_message(self.page, self.query_string, self.page_script_hash, self.control, self.state)
        return await self._run(data, first=False)

    async def _run(self, data: bytes, first: bool) -> float:
        started = time.perf_counter()
        await self.ws.send(data)
        async with asyncio.timeout(self.timeout_s):
            while True:
                raw = await self.ws.recv()
                msg = ForwardMsg.FromString(raw)
                kind = msg.WhichOneof("type")
                if kind == "new_session":
                    self.page_script_hash = msg.new_session.page_script_hash
                elif first:
                    found = control_in(msg)
                    if found is not None:
                        self.controls.append(found)
                if finished_status(msg) is not None:
                    self.runs_seen += 1
                    return (time.perf_counter() - started) * 1000

    async def close(self) -> None:
        """Close the websocket (the server then drops the session)."""
        if self.ws is not None:
            await self.ws.close()


@dataclass
class Level:
    """What one concurrency level collected."""

    latencies_ms: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    widgets: dict[str, str] = field(default_factory=dict)


async def _user(session: Session, reruns: int, think_s: float, rng: random.Random, out: Level) -> None:
    # Start at a random point of the first think time so users do not click in lockstep.
    await asyncio.sleep(rng.uniform(0, think_s))
    for _ in range(reruns):
        try:
            out.latencies_ms.append(await session.rerun())
        except Exception as exc:  # a closed socket, a protocol error or a timeout: a failed rerun
            out.failures.append(f"{session.page or 'overview'}: {type(exc).__name__}: {exc}"[:200])
            return
        await asyncio.sleep(think_s * rng.uniform(0.5, 1.5))


async def run_level(
    url: str, pages: Sequence[str], sessions: int, reruns: int, think_s: float, seed: int = 0, timeout_s: float = 30.0
) -> dict[str, Any]:
    """``sessions`` users at once (pages in turn), each flipping its page's filter ``reruns`` times."""
    rng = random.Random(seed * 1000 + sessions)
    users = [Session(url, pages[i % len(pages)], timeout_s=timeout_s) for i in range(sessions)]
    out = Level()
    try:
        for user in users:  # opened one after another: first runs are not what is measured
            try:
                await user.open()
            except Exception as exc:
                out.failures.append(f"open {user.page or 'overview'}: {type(exc).__name__}: {exc}"[:200])
        for user in users:
            name = user.page or "overview"
            out.widgets[name] = f"{user.control.label} ({user.control.key})" if user.control else "(plain rerun)"
        started = time.perf_counter()
        await asyncio.gather(
            *(_user(u, reruns, think_s, random.Random(rng.random()), out) for u in users if u.ws is not None)
        )
        seconds = time.perf_counter() - started
    finally:
        for user in users:
            with contextlib.suppress(Exception):  # already closed by the server
                await user.close()
    summary = level_summary(out.latencies_ms, len(out.failures), sessions, seconds)
    return {**summary, "failure_notes": out.failures[:5], "widgets": out.widgets}


async def measure(
    url: str,
    pages: Sequence[str],
    cap: int,
    reruns: int,
    think_s: float,
    limit_ms: float = RERUN_P95_MS,
    budget_s: float = 300.0,
    min_total: int = 20,
) -> dict[str, Any]:
    """Levels 1, 2, 4, … ``cap`` until one misses the limit or the budget is spent; each level times at
    least ``min_total`` reruns."""
    steps: list[dict[str, Any]] = []
    started = time.perf_counter()
    stopped = "cap reached"
    for n in levels(cap):
        step = await run_level(url, pages, n, reruns_per_user(n, reruns, min_total), think_s)
        steps.append(step)
        reason = should_stop(step, limit_ms, time.perf_counter() - started, budget_s)
        if reason is not None:
            stopped = reason
            break
    return {
        "levels": steps,
        "capacity": capacity_of(steps, limit_ms),
        "stopped": stopped,
        "limit_ms": limit_ms,
        "cap": cap,
        "reruns_per_session": reruns,
        "min_reruns_per_level": min_total,
        "think_s": think_s,
        "pages": [p or "overview" for p in pages],
        "seconds": time.perf_counter() - started,
    }


def run(
    url: str, pages: Sequence[str], cap: int, reruns: int, think_s: float, budget_s: float, min_total: int = 20
) -> dict[str, Any]:
    """:func:`measure` from synchronous code."""
    return asyncio.run(measure(url, pages, cap, reruns, think_s, budget_s=budget_s, min_total=min_total))
