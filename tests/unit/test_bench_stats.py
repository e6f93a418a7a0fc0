"""The benchmark's pure helpers: summaries, ratios, /proc parsing, targets, tables and frame decoding.

Timings are never asserted here: the benchmark reports speed, tests check its arithmetic.
"""

from __future__ import annotations

import io
import json
import math
import sys

import pandas as pd
import pyarrow as pa
import pytest
from conftest import REPO
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

sys.path.insert(0, str(REPO))  # bench/ lives at the repository root, beside tests/
from bench import frames, report, stats

STATUS = """Name:\tpython
Umask:\t0022
State:\tS (sleeping)
VmPeak:\t  812340 kB
VmRSS:\t  240512 kB
RssAnon:\t  200000 kB
"""


def test_summarize_gives_median_min_max_and_ignores_missing() -> None:
    s = stats.summarize([300.0, 100.0, 200.0, float("nan"), 1000.0])
    assert s["n"] == 4
    assert s["median"] == 250.0
    assert (s["min"], s["max"]) == (100.0, 1000.0)
    assert s["mean"] == pytest.approx(400.0)
    empty = stats.summarize([])
    assert empty["n"] == 0 and math.isnan(empty["median"])


def test_ratio_and_rotation() -> None:
    assert stats.ratio(1150.0, 1000.0) == pytest.approx(1.15)
    assert stats.ratio(1.0, 0.0) is None
    assert stats.ratio(None, 1.0) is None
    assert stats.ratio(float("nan"), 1.0) is None
    assert stats.rotate(["a", "b", "c"], 1) == ["b", "c", "a"]
    assert stats.rotate(["a", "b", "c"], 4) == ["b", "c", "a"]
    assert stats.rotate([], 3) == []


def test_phase_summary_splits_a_load() -> None:
    records = [
        {"app": 300.0, "script_start": 400.0, "script_end": 900.0, "drawn": 1200.0},
        {"app": 350.0, "script_end": 500.0, "drawn": 700.0},  # script too quick to be seen running
        {"drawn": float("nan")},  # a load that timed out
    ]
    phases = stats.phase_summary(records)
    assert phases["frontend"]["median"] == 450.0  # 400 and 500
    assert phases["script"]["median"] == 250.0  # 500 and 0
    assert phases["draw"]["median"] == 250.0  # 300 and 200
    assert phases["total"]["n"] == 2 and phases["total"]["max"] == 1200.0


def test_proc_parsing() -> None:
    assert stats.parse_vmrss_kb(STATUS) == 240512
    assert stats.parse_vmrss_kb("Name:\tkthreadd\nState:\tS\n") is None
    # The command name can hold spaces and parentheses: the parent pid is the 2nd field after the last ')'.
    assert stats.parse_ppid("4242 (python (bench) x) S 4100 4242 4100 0 -1 4194560") == 4100
    assert stats.parse_ppid("") is None


def test_descendants_walks_the_whole_tree() -> None:
    parent_of = {2: 1, 3: 2, 4: 3, 5: 1, 6: 99, 7: 5}
    assert stats.descendants(2, parent_of) == {3, 4}
    assert stats.descendants(1, parent_of) == {2, 3, 4, 5, 7}
    assert stats.descendants(6, parent_of) == set()


def test_per_session_increment() -> None:
    # 1 session: 250 MB; 20 sessions: 345 MB → 95 MB over 19 extra sessions = 5 MB each.
    assert stats.per_session_mb(250 * 1024, 345 * 1024, 20) == pytest.approx(5.0)
    assert stats.per_session_mb(100.0, 200.0, 1) is None


def test_slope_and_checkpoints() -> None:
    # 200 MB with one session, +4 MB for each further one, one noisy reading.
    xs = [1, 5, 10, 20]
    ys = [200.0, 216.0, 236.0, 276.0 + 1.0]
    assert stats.slope(xs, ys) == pytest.approx(4.0, abs=0.1)
    assert stats.slope([3, 3], [1.0, 2.0]) is None
    assert stats.checkpoints(20) == [1, 5, 10, 15, 20]
    assert stats.checkpoints(3) == [1, 3]
    assert stats.checkpoints(1) == [1]


def test_target_status() -> None:
    assert stats.Target("x", 99.0, 100.0, "ms").status == "met"
    assert stats.Target("x", 100.0, 100.0, "ms").status == "met"
    assert stats.Target("x", 101.0, 100.0, "ms").status == "missed"
    assert stats.Target("x", None, 100.0, "ms").status == "not measured"


def test_formatting_and_markdown_table() -> None:
    assert stats.fmt_range({"n": 3, "median": 1234.4, "min": 1000.0, "max": 1500.6}) == "1,234 (1,000–1,501)"
    assert stats.fmt_range({"n": 0}) == "—"
    assert stats.fmt_bytes(999) == "999 B" and stats.fmt_bytes(12_345) == "12.3 kB"
    assert stats.fmt_bytes(2_500_000) == "2.50 MB"
    assert stats.fmt_ratio(1.0749) == "1.07×" and stats.fmt_ratio(None) == "—"
    table = stats.markdown_table(["a", "b"], [[1, "x|y"]])
    assert table.splitlines() == ["| a | b |", "|---|---|", "| 1 | x\\|y |"]


def test_targets_are_read_from_the_results() -> None:
    s = stats.summarize
    chart = {"kind": "vega", "key": "k", "bytes": 10, "remote_url": False}
    results = {
        "load": {
            "cold": {"bare": s([1000.0]), "overview": s([1100.0]), "dx": s([1500.0])},
            "shipped": {"dx": {"charts": [{**chart, "rows": 120}, {**chart, "rows": 6000}]}},
        },
        "script": {"overview": {"change": s([70.0, 80.0, 90.0])}, "dx": {"change": s([]), "rerun": s([150.0])}},
        "memory": {
            "app": {"sessions": 20, "idle_kb": 250_000, "one_kb": 260_000, "many_kb": 341_700, "per_session_mb": 4.2}
        },
        "data": {"published_total_first_ms": 40.0},
    }
    found = {t.name: t for t in report.targets(results)}
    # The whole page, fully drawn, within 1.4× the bare page.
    assert found["full page load overview / bare"].value == pytest.approx(1.1)
    assert found["full page load overview / bare"].status == "met"
    assert found["full page load dx / bare"].status == "missed"
    assert found["full page load survey / bare"].status == "not measured"
    assert found["warm rerun overview (shipped data)"].status == "met"
    assert found["warm rerun dx (shipped data)"].value == 150.0  # no widget driven: the plain rerun counts
    assert found["RSS per extra session"].status == "met"
    assert found["rows shipped by the largest chart"].value == 6000
    assert found["rows shipped by the largest chart"].status == "missed"
    text = report.summary(results)
    assert "**missed**" in text and "## Page load (browser)" in text
    assert "| frame |" not in text  # older results without the frame-only page: no empty row
    results["load"]["cold"]["frame"] = s([1200.0])
    assert "| frame | 1,200 (1,200–1,200) | 1.20× |" in report.summary(results)


def _arrow_ipc(df: pd.DataFrame) -> bytes:
    sink = io.BytesIO()
    table = pa.Table.from_pandas(df)
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()


def test_chart_payloads_decode_vega_and_deck_frames() -> None:
    heading = ForwardMsg()
    heading.delta.new_element.heading.body = "Population"
    vega = ForwardMsg()
    chart = vega.delta.new_element.vega_lite_chart
    chart.spec = json.dumps({"mark": "line", "data": {"values": [{"x": 1}, {"x": 2}]}})
    named = chart.datasets.add()
    named.name = "d1"
    named.data.data = _arrow_ipc(pd.DataFrame({"x": range(7000)}))
    deck = ForwardMsg()
    deck.delta.new_element.deck_gl_json_chart.json = json.dumps(
        {
            "layers": [
                {"data": [{"p": 1}, {"p": 2}, {"p": 3}]},
                {"data": {"type": "FeatureCollection", "features": [{}, {}]}},
            ],
            "mapStyle": None,
        }
    )
    remote = ForwardMsg()
    remote.delta.new_element.vega_lite_chart.spec = json.dumps({"data": {"url": "https://example.org/d.csv"}})
    other = ForwardMsg()
    other.script_finished = 1
    raw = [m.SerializeToString() for m in (heading, vega, deck, remote, other)]

    charts = frames.chart_payloads(raw)
    assert [c.kind for c in charts] == ["vega", "deck", "vega"]
    assert charts[0].rows == 7002 and charts[0].datasets == 1 and charts[0].key.endswith("Population")
    assert charts[0].bytes == len(raw[1])
    assert charts[0].as_dict()["over_limit"] is True
    assert (charts[1].rows, charts[1].datasets, charts[1].remote_url) == (5, 2, False)
    assert charts[2].remote_url is True
    stamps = [10.0, 10.5, 10.6, 10.7, 11.25]
    assert frames.script_span_ms(raw, stamps) is None  # no new_session message
    start = ForwardMsg()
    start.new_session.name = "x"
    assert frames.script_span_ms([start.SerializeToString(), *raw], [9.75, *stamps]) == pytest.approx(1500.0)
    summary = frames.frame_summary(raw)
    assert summary["frames"] == 5 and summary["bytes"] == sum(map(len, raw)) and summary["cached_refs"] == 0


def test_altair_charts_through_streamlits_marshalling_count_their_rows() -> None:
    """The decoder agrees with what Streamlit really sends for an Altair chart."""
    from streamlit.testing.v1 import AppTest

    def app() -> None:
        import altair as alt
        import pandas as pd
        import streamlit as st

        st.altair_chart(alt.Chart(pd.DataFrame({"x": range(1234), "y": range(1234)})).mark_point().encode(x="x", y="y"))

    at = AppTest.from_function(app, default_timeout=60).run()
    element = at.get("vega_lite_chart")[0].proto
    msg = ForwardMsg()
    msg.delta.new_element.vega_lite_chart.CopyFrom(element)
    assert frames.chart_payloads([msg.SerializeToString()])[0].rows == 1234
