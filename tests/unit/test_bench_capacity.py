"""The capacity load generator's pure parts: percentiles, levels, the stopping rule, messages built and parsed.

Nothing is timed here: the benchmark reports speed, tests check its arithmetic and its protocol.
"""

from __future__ import annotations

import math
import sys

import pytest
from conftest import REPO
from hypothesis import given
from hypothesis import strategies as st
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

sys.path.insert(0, str(REPO))  # bench/ lives at the repository root, beside tests/
from bench import capacity, report


def test_percentile_interpolates_between_ranks() -> None:
    values = [10.0, 20.0, 30.0, 40.0, 50.0]
    assert capacity.percentile(values, 50) == 30.0
    assert capacity.percentile(values, 0) == 10.0
    assert capacity.percentile(values, 100) == 50.0
    assert capacity.percentile(values, 95) == pytest.approx(48.0)  # 40 + 0.8 × 10
    assert capacity.percentile([7.0], 95) == 7.0
    assert math.isnan(capacity.percentile([], 50))


@given(st.lists(st.floats(min_value=0, max_value=1e6), min_size=1, max_size=50), st.floats(0, 100))
def test_percentile_lies_within_the_samples(values: list[float], q: float) -> None:
    p = capacity.percentile(values, q)
    assert min(values) <= p <= max(values)
    assert capacity.percentile(values, 50) <= capacity.percentile(values, 95)


def test_levels_double_up_to_the_cap() -> None:
    assert capacity.levels(1) == [1]
    assert capacity.levels(16) == [1, 2, 4, 8, 16]
    assert capacity.levels(12) == [1, 2, 4, 8, 12]
    assert capacity.levels(0) == []


def test_few_users_rerun_more_so_every_level_has_enough_samples() -> None:
    assert capacity.reruns_per_user(1, 3, 12) == 12
    assert capacity.reruns_per_user(4, 3, 12) == 3
    assert capacity.reruns_per_user(5, 2, 12) == 3  # rounded up: 15 ≥ 12
    assert capacity.reruns_per_user(64, 10, 30) == 10


def _level(sessions: int, p95: float, failures: int = 0, reruns: int = 10) -> dict[str, object]:
    return {"sessions": sessions, "p95_ms": p95, "failures": failures, "reruns": reruns}


def test_stopping_rule() -> None:
    assert capacity.should_stop(_level(4, 499.0), 500.0, elapsed_s=10, budget_s=100) is None
    assert "p95" in (capacity.should_stop(_level(4, 501.0), 500.0, 10, 100) or "")
    assert "failed" in (capacity.should_stop(_level(4, 100.0, failures=1), 500.0, 10, 100) or "")
    assert "budget" in (capacity.should_stop(_level(4, 100.0), 500.0, elapsed_s=100, budget_s=100) or "")
    # No rerun measured at all is not a level served.
    assert capacity.should_stop(_level(4, float("nan"), reruns=0), 500.0, 10, 100) is not None


def test_capacity_is_the_last_level_before_the_first_miss() -> None:
    steps = [_level(1, 200.0), _level(2, 300.0), _level(4, 450.0), _level(8, 700.0)]
    assert capacity.capacity_of(steps) == 4
    assert capacity.capacity_of([_level(1, 600.0)]) == 0
    assert capacity.capacity_of([_level(1, 100.0), _level(2, 100.0, failures=1), _level(4, 100.0)]) == 1
    assert capacity.capacity_of([]) == 0


def test_level_summary() -> None:
    s = capacity.level_summary([100.0, 200.0, 300.0], failures=0, sessions=2, seconds=3.0)
    assert (s["reruns"], s["p50_ms"], s["max_ms"], s["reruns_per_s"]) == (3, 200.0, 300.0, 1.0)
    assert math.isnan(capacity.level_summary([], 0, 1, 1.0)["p95_ms"])


def test_stream_url() -> None:
    assert capacity.stream_url("http://127.0.0.1:8501") == "ws://127.0.0.1:8501/_stcore/stream"
    assert capacity.stream_url("http://127.0.0.1:8080/") == "ws://127.0.0.1:8080/_stcore/stream"
    assert capacity.stream_url("https://example.invalid/app") == "wss://example.invalid/app/_stcore/stream"


def test_first_message_names_the_page_and_carries_no_widget() -> None:
    msg = BackMsg.FromString(capacity.rerun_message("population", "lang=en"))
    assert msg.WhichOneof("type") == "rerun_script"
    assert msg.rerun_script.page_name == "population"
    assert msg.rerun_script.query_string == "lang=en"
    assert msg.rerun_script.page_script_hash == ""
    assert len(msg.rerun_script.widget_states.widgets) == 0
    assert msg.rerun_script.fragment_id == ""


def test_rerun_message_flips_a_checkbox() -> None:
    box = capacity.Control("$$ID-abc-pop_index", "pop_index", "指数で表示", "checkbox", (False, True))
    on = BackMsg.FromString(capacity.rerun_message("population", "", "hash1", box, 1)).rerun_script
    off = BackMsg.FromString(capacity.rerun_message("population", "", "hash1", box, 0)).rerun_script
    assert on.page_script_hash == "hash1"
    assert [(w.id, w.bool_value) for w in on.widget_states.widgets] == [("$$ID-abc-pop_index", True)]
    assert [(w.id, w.bool_value) for w in off.widget_states.widgets] == [("$$ID-abc-pop_index", False)]


def test_rerun_message_sets_a_segmented_control_and_its_fragment() -> None:
    group = capacity.Control("$$ID-x-fac_mode", "fac_mode", "試算の条件", "button_group", (["A"], ["B"]), "frag1")
    rerun = BackMsg.FromString(capacity.rerun_message("facilities", "", "h", group, 1)).rerun_script
    (widget,) = rerun.widget_states.widgets
    assert widget.WhichOneof("value") == "string_array_value"
    assert list(widget.string_array_value.data) == ["B"]
    assert rerun.fragment_id == "frag1"


def _element(kind: str, path: list[int], fragment: str = "") -> ForwardMsg:
    msg = ForwardMsg()
    msg.metadata.delta_path[:] = path
    if fragment:
        msg.delta.fragment_id = fragment
    element = msg.delta.new_element
    if kind == "checkbox":
        element.checkbox.id = "$$ID-1-pop_index"
        element.checkbox.label = "指数で表示"
        element.checkbox.default = False
    elif kind == "button_group":
        element.button_group.id = "$$ID-2-fac_mode"
        element.button_group.label = "試算の条件"
        for text in ("削減率で指定", "施設数で指定"):
            element.button_group.options.add().content = text
        element.button_group.default[:] = [0]
    else:
        element.markdown.body = "text"
    return msg


def test_controls_found_in_the_main_area_only() -> None:
    box = capacity.control_in(_element("checkbox", [0, 12, 0]))
    assert box is not None
    assert (box.kind, box.key, box.states) == ("checkbox", "pop_index", (False, True))
    assert capacity.control_in(_element("checkbox", [capacity.SIDEBAR, 2, 3])) is None
    assert capacity.control_in(_element("markdown", [0, 1])) is None


def test_the_frames_switches_in_the_main_area_are_not_a_pages_filter() -> None:
    # The language switch and the presentation toggles sit in the tools row at the top of the main area.
    language = _element("button_group", [0, 1, 3])
    language.delta.new_element.button_group.id = "$$ID-9-lang_switch"
    assert capacity.control_in(language) is None
    toggle = _element("checkbox", [0, 1, 4, 0])
    toggle.delta.new_element.checkbox.id = "$$ID-8-present_toggle"
    assert capacity.control_in(toggle) is None
    assert capacity.control_in(_element("button_group", [0, 1, 3])) is not None  # a page's own filter
    group = capacity.control_in(_element("button_group", [0, 20], fragment="f"))
    assert group is not None
    assert group.states == (["削減率で指定"], ["施設数で指定"])  # from the drawn choice to the other
    assert group.fragment_id == "f"


def test_choose_prefers_a_filter_to_the_chart_table_switch() -> None:
    view = capacity.Control("$$ID-3-pop_outlook_view", "pop_outlook_view", "表示", "button_group", (["グラフ"], ["表"]))
    flt = capacity.Control("$$ID-1-pop_index", "pop_index", "指数で表示", "checkbox", (False, True))
    assert capacity.choose([view, flt]) == flt
    assert capacity.choose([view]) == view
    assert capacity.choose([]) is None


def test_only_a_run_that_really_ends_counts_as_finished() -> None:
    msg = ForwardMsg()
    msg.script_finished = ForwardMsg.FINISHED_EARLY_FOR_RERUN
    assert capacity.finished_status(msg) is None
    msg.script_finished = ForwardMsg.FINISHED_SUCCESSFULLY
    assert capacity.finished_status(msg) == ForwardMsg.FINISHED_SUCCESSFULLY
    msg.script_finished = ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
    assert capacity.finished_status(msg) == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
    assert capacity.finished_status(_element("markdown", [0])) is None


def test_summary_states_the_capacity() -> None:
    levels = [
        capacity.level_summary([150.0, 200.0], 0, sessions=1, seconds=2.0),
        capacity.level_summary([300.0, 600.0], 0, sessions=2, seconds=2.0),
    ]
    run = {"levels": levels, "capacity": 1, "cap": 16, "limit_ms": 500.0}
    run["stopped"] = "p95 600 ms > 500 ms at 2 sessions"
    text = report.capacity_sentence(run, 1)
    assert text.startswith("One process serves **1** session changing filters at once with rerun p95 ≤ 500 ms")
    assert "not measured" in report.capacity_sentence({"skipped": "nginx is not installed"}, 2)
    results = {"capacity": {"one_process": run, "think_s": 2.0}}
    summary = report.summary(results)
    assert "## Capacity" in summary
    assert "| 1 process | 1 | 2 | 175 | 198 | 200 | 1.0 | 0 |" in summary
    assert "| 1 process | 2 | 2 | 450 | 585 | 600 | 1.0 | 0 |" in summary
