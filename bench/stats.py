"""Pure helpers of the benchmark: summaries of timings, ratios, memory parsing, targets and tables.

Nothing here measures anything or touches the network; everything is unit-tested
(``tests/test_bench_stats.py``).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

Summary = dict[str, float]
"""``{"n", "median", "min", "max", "mean"}`` of a list of samples."""


def summarize(samples: Sequence[float]) -> Summary:
    """Median, min, max and mean of the samples (``n`` = 0 and NaNs for an empty list)."""
    values = [float(v) for v in samples if v is not None and not math.isnan(float(v))]
    if not values:
        nan = float("nan")
        return {"n": 0, "median": nan, "min": nan, "max": nan, "mean": nan}
    return {
        "n": len(values),
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "mean": statistics.fmean(values),
    }


def ratio(value: float | None, base: float | None) -> float | None:
    """``value / base``, or None when either is missing or the base is not positive."""
    if value is None or base is None or math.isnan(value) or math.isnan(base) or base <= 0:
        return None
    return value / base


def rotate(items: Sequence[str], k: int) -> list[str]:
    """The items rotated left by ``k``: each round of page loads starts with a different page,
    so a systematic drift (a warming disk cache, a neighbour's build) is spread over all pages."""
    if not items:
        return []
    k %= len(items)
    return list(items[k:]) + list(items[:k])


def phase_summary(records: list[dict[str, float]]) -> dict[str, dict[str, float]]:
    """Per phase, the summary of its durations: ``frontend`` (navigation → script start), ``script``
    (start → end, as the browser sees it: server run and delivery), ``draw`` (script end → drawn) and
    ``total``, from the marks the page noted (ms since navigation). A script too quick to be seen
    running counts as starting when it ended."""
    spans: dict[str, list[float]] = {"frontend": [], "script": [], "draw": [], "total": []}
    for rec in records:
        end = rec.get("script_end", float("nan"))
        start = rec.get("script_start", end)
        spans["frontend"].append(start)
        spans["script"].append(end - start)
        spans["draw"].append(rec.get("drawn", float("nan")) - end)
        spans["total"].append(rec.get("drawn", float("nan")))
    return {k: summarize(v) for k, v in spans.items()}


def cls_windows(shifts: Sequence[tuple[float, float]], gap_ms: float = 1_000.0, span_ms: float = 5_000.0) -> float:
    """Cumulative Layout Shift as Chrome reports it: layout shifts ``(time ms, score)`` (those right after an
    input already left out) grouped into session windows — a window closes after a gap of ``gap_ms`` without
    a shift or when it would span more than ``span_ms`` — and the largest window's sum (0 without shifts)."""
    best = current = 0.0
    start = last = None
    for t, value in sorted(shifts):
        if start is None or last is None or t - last >= gap_ms or t - start > span_ms:
            start, current = t, 0.0
        current += value
        last = t
        best = max(best, current)
    return best


def feel_summary(records: list[dict[str, float]]) -> dict[str, Summary]:
    """Per measure of what a person feels (full load, first-screen settle time, layout shift, widget
    click-to-settled, page change in the session), the summary of the loads that measured it."""
    keys = ("drawn", "settled", "cls", "cls_total", "click", "page_change")
    out = {k: summarize([float(r[k]) for r in records if isinstance(r.get(k), (int, float))]) for k in keys}
    widgets = sorted({w for r in records for w in (r.get("clicks") or {})})
    for widget in widgets:
        out[f"click:{widget}"] = summarize(
            [float(r["clicks"][widget]) for r in records if widget in (r.get("clicks") or {})]
        )
    return out


def slowest_click(summary: Mapping[str, Summary]) -> tuple[str, float] | None:
    """The widget whose median click → settled is the longest, and that median (None when none was clicked)."""
    medians = [
        (k.split(":", 1)[1], float(v["median"])) for k, v in summary.items() if k.startswith("click:") and v.get("n")
    ]
    return max(medians, key=lambda kv: kv[1]) if medians else None


# --------------------------------------------------------------------------- memory (/proc)


def parse_vmrss_kb(status_text: str) -> int | None:
    """The ``VmRSS`` of a ``/proc/<pid>/status`` text, in kB (None for a zombie or kernel thread)."""
    for line in status_text.splitlines():
        if line.startswith("VmRSS:"):
            parts = line.split()
            return int(parts[1]) if len(parts) >= 2 and parts[1].isdigit() else None
    return None


def parse_ppid(stat_text: str) -> int | None:
    """The parent pid in a ``/proc/<pid>/stat`` line (the command name may hold spaces or parentheses)."""
    _, _, rest = stat_text.rpartition(")")
    fields = rest.split()
    return int(fields[1]) if len(fields) >= 2 and fields[1].lstrip("-").isdigit() else None


def descendants(root: int, parent_of: Mapping[int, int]) -> set[int]:
    """Every process below ``root`` in a pid → parent-pid map (not ``root`` itself)."""
    children: dict[int, list[int]] = {}
    for pid, ppid in parent_of.items():
        children.setdefault(ppid, []).append(pid)
    found: set[int] = set()
    stack = [root]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def per_session_mb(rss_one_kb: float, rss_many_kb: float, sessions: int) -> float | None:
    """Memory each extra session costs: (RSS with ``sessions`` − RSS with one) / (``sessions`` − 1), in MB."""
    if sessions < 2:
        return None
    return (rss_many_kb - rss_one_kb) / (sessions - 1) / 1024


def slope(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Least-squares slope of ys over xs (None with fewer than two distinct xs): memory per session
    from several checkpoints, steadier than the difference of two readings."""
    if len(xs) != len(ys) or len(set(xs)) < 2:
        return None
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def checkpoints(sessions: int) -> list[int]:
    """Session counts at which RSS is read on the way to ``sessions``: 1, 5, 10, 15, 20, … and the last."""
    return sorted({1, *range(5, sessions, 5), sessions}) if sessions > 1 else [1]


# --------------------------------------------------------------------------- targets


@dataclass(frozen=True)
class Target:
    """One target of the issue: a measured value against a limit (lower is better)."""

    name: str
    value: float | None
    limit: float
    unit: str

    @property
    def status(self) -> str:
        """``met``, ``missed`` or ``not measured``."""
        if self.value is None or math.isnan(self.value):
            return "not measured"
        return "met" if self.value <= self.limit else "missed"


# --------------------------------------------------------------------------- formatting


def fmt_ms(value: float | None) -> str:
    """Milliseconds with no decimals (``—`` when missing)."""
    if value is None or math.isnan(value):
        return "—"
    return f"{value:,.0f}"


def fmt_range(summary: Mapping[str, float]) -> str:
    """``median (min–max)`` in milliseconds."""
    if not summary or not summary.get("n"):
        return "—"
    return f"{fmt_ms(summary['median'])} ({fmt_ms(summary['min'])}–{fmt_ms(summary['max'])})"


def fmt_ratio(value: float | None) -> str:
    """A ratio as ``1.07×``."""
    return "—" if value is None else f"{value:.2f}×"


def fmt_bytes(n: float | None) -> str:
    """Bytes as B / kB / MB (powers of 1,000, as a network transfer is usually quoted)."""
    if n is None or math.isnan(n):
        return "—"
    if n < 1_000:
        return f"{n:.0f} B"
    if n < 1_000_000:
        return f"{n / 1_000:.1f} kB"
    return f"{n / 1_000_000:.2f} MB"


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A GitHub-flavoured markdown table (cells are str()-ed, pipes escaped)."""

    def cell(value: object) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(cell(h) for h in headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)
