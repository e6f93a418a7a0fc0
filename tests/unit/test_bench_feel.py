"""The benchmark's measures of what a person feels: layout-shift session windows, their summaries, the
summary table and the targets built from them. Nothing is timed here."""

from __future__ import annotations

import math
import sys

import pytest
from conftest import REPO
from hypothesis import given
from hypothesis import strategies as st

sys.path.insert(0, str(REPO))  # bench/ lives at the repository root, beside tests/
from bench import BARE, report, stats


def test_cls_is_the_largest_session_window() -> None:
    assert stats.cls_windows([]) == 0.0
    # One window: shifts less than 1 s apart.
    assert stats.cls_windows([(100.0, 0.05), (600.0, 0.05), (1_200.0, 0.02)]) == pytest.approx(0.12)
    # A gap of 1 s or more starts a new window; the larger window counts, not the sum.
    shifts = [(100.0, 0.05), (200.0, 0.05), (2_000.0, 0.3), (4_000.0, 0.01)]
    assert stats.cls_windows(shifts) == pytest.approx(0.3)
    # A window spans at most 5 s even without a gap.
    steady = [(t * 900.0, 0.01) for t in range(12)]  # 0 … 9.9 s, a shift every 0.9 s
    assert stats.cls_windows(steady) < sum(v for _, v in steady)
    assert math.isclose(stats.cls_windows(steady), 0.06)  # 0, 0.9, … 4.5 s: six shifts in the first window


@given(st.lists(st.tuples(st.floats(0, 60_000), st.floats(0, 1)), max_size=40))
def test_cls_lies_between_the_largest_shift_and_the_total(shifts: list[tuple[float, float]]) -> None:
    cls = stats.cls_windows(shifts)
    assert max((v for _, v in shifts), default=0.0) - 1e-12 <= cls <= sum(v for _, v in shifts) + 1e-9


def test_feel_summary_skips_what_a_load_did_not_measure() -> None:
    records = [
        {"drawn": 1_000.0, "settled": 900.0, "cls": 0.1, "cls_total": 0.2, "click": 300.0, "page_change": 800.0},
        {"drawn": 1_200.0, "settled": 1_100.0, "cls": 0.3, "cls_total": 0.3},  # no widget, no page change
    ]
    summary = stats.feel_summary(records)
    assert summary["drawn"]["median"] == 1_100.0
    assert summary["cls"]["median"] == pytest.approx(0.2)
    assert summary["click"]["n"] == 1
    assert summary["page_change"]["median"] == 800.0
    assert "click:pop_index" not in summary  # no per-widget clicks in these records


def test_feel_summary_per_widget_and_the_slowest() -> None:
    records = [
        {"clicks": {"a": 100.0, "b": 400.0}},
        {"clicks": {"a": 300.0, "b": 200.0}},
        {"clicks": {"a": 200.0}},
    ]
    summary = stats.feel_summary(records)
    assert summary["click:a"]["median"] == 200.0 and summary["click:b"]["n"] == 2
    assert stats.slowest_click(summary) == ("b", 300.0)
    assert stats.slowest_click(stats.feel_summary([{}])) is None


def _results() -> dict[str, object]:
    def rec(drawn: float, settled: float, cls: float, click: float | None = None) -> dict[str, object]:
        out: dict[str, object] = {"drawn": drawn, "settled": settled, "cls": cls, "cls_total": cls}
        if click is not None:
            clicks = {"pop_index": click, "pop_share": click + 120.0}
            out |= {"click": click, "clicks": clicks, "widget": "pop_index", "page_change": 900.0}
        return out

    samples = {BARE: [rec(1_000.0, 1_000.0, 0.13)], "population": [rec(2_000.0, 1_100.0, 0.05, click=200.0)]}
    return {"load": {"feel_samples": samples, "feel": {k: stats.feel_summary(v) for k, v in samples.items()}}}


def test_feel_table_and_targets() -> None:
    results = _results()
    text = report.summary(results)
    assert (
        "| population | 2,000 (2,000–2,000) | 1,100 (1,100–1,100) | 1.10× | 0.050 | 200 (200–200) | pop_index "
        "| pop_index 200, pop_share 320 |" in text
    )
    by_name = {t.name: t for t in report.targets(results)}
    assert by_name["layout shift population"].status == "met"
    assert by_name["first screen settled population / bare full load"].value == 1.1
    # Every widget clicked counts: the slowest one's median is held against the target.
    slowest = by_name["click → settled population, slowest widget (pop_share)"]
    assert slowest.value == 320.0 and slowest.status == "missed"
    assert by_name["page change in session from population"].value == 900.0
    assert by_name["layout shift dx"].status == "not measured"
