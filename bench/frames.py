"""What a page ships to the browser, from the websocket frames Streamlit sends (pure decoding, no I/O).

Every frame is one serialised ``ForwardMsg``. A chart arrives as a ``delta``
with a ``new_element`` holding a Vega-Lite spec (with its data as Arrow IPC
datasets) or a pydeck JSON; a message the browser already holds arrives as a
short ``ref_hash`` instead. :func:`chart_payloads` turns the frames into one
record per chart: its key, bytes on the wire, rows of data and any remote URL.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

import pyarrow as pa
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.state.common import user_key_from_element_id

MAX_CHART_ROWS = 5_000
"""The project's rule: no chart ships more than this many rows (aggregate in pandas)."""
_REMOTE = re.compile(r'"(?:url|href|src)"\s*:\s*"(?:https?:)?//', re.IGNORECASE)


@dataclass
class ChartPayload:
    """One chart as shipped: ``kind`` is ``vega`` or ``deck``."""

    kind: str
    key: str
    bytes: int
    rows: int
    datasets: int
    remote_url: bool

    def as_dict(self) -> dict[str, Any]:
        """For the JSON results."""
        return {**asdict(self), "over_limit": self.rows > MAX_CHART_ROWS}


def arrow_rows(ipc: bytes) -> int:
    """Rows in an Arrow IPC stream (or file), 0 for an empty buffer."""
    if not ipc:
        return 0
    try:
        return pa.ipc.open_stream(pa.py_buffer(ipc)).read_all().num_rows
    except pa.ArrowInvalid:
        return pa.ipc.open_file(pa.py_buffer(ipc)).read_all().num_rows


def _inline_rows(spec: Any) -> int:
    """Rows written into a Vega-Lite spec itself (``data.values`` and top-level ``datasets``), at any depth."""
    if isinstance(spec, dict):
        rows = 0
        for key, value in spec.items():
            if key == "values" and isinstance(value, list):
                rows += len(value)
            elif key == "datasets" and isinstance(value, dict):
                rows += sum(len(v) for v in value.values() if isinstance(v, list))
            else:
                rows += _inline_rows(value)
        return rows
    if isinstance(spec, list):
        return sum(_inline_rows(v) for v in spec)
    return 0


def deck_rows(deck_json: str) -> tuple[int, int]:
    """(rows, layers) of a pydeck JSON: list items, or GeoJSON features, of every layer's data."""
    deck = json.loads(deck_json or "{}")
    rows = 0
    layers = deck.get("layers") or []
    for layer in layers:
        data = layer.get("data")
        if isinstance(data, list):
            rows += len(data)
        elif isinstance(data, dict):
            rows += len(data.get("features") or [])
    return rows, len(layers)


def _key(element_id: str, heading: str, fallback: str) -> str:
    """The chart's key when Streamlit sent one (charts with selections), else the heading above it."""
    key = user_key_from_element_id(element_id) if element_id else None
    return key or (f"{fallback} {heading[:60]}" if heading else fallback)


def chart_payloads(frames: Iterable[bytes]) -> list[ChartPayload]:
    """One record per chart found in the frames, in the order they arrived."""
    charts: list[ChartPayload] = []
    heading = ""  # data_block puts the chart's title in a subheader just before it
    for frame in frames:
        msg = ForwardMsg.FromString(frame)
        if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
            continue
        element = msg.delta.new_element
        kind = element.WhichOneof("type")
        if kind == "heading":
            heading = element.heading.body
        elif kind == "vega_lite_chart":
            chart = element.vega_lite_chart
            spec_text = chart.spec or "{}"
            rows = arrow_rows(chart.data.data) + sum(arrow_rows(d.data.data) for d in chart.datasets)
            rows += _inline_rows(json.loads(spec_text))
            n_sets = len(chart.datasets) + (1 if chart.data.data else 0)
            key = _key(chart.id, heading, f"vega#{len(charts) + 1}")
            charts.append(ChartPayload("vega", key, len(frame), rows, n_sets, bool(_REMOTE.search(spec_text))))
        elif kind == "deck_gl_json_chart":
            deck = element.deck_gl_json_chart
            rows, layers = deck_rows(deck.json)
            key = _key(deck.id, heading, f"deck#{len(charts) + 1}")
            charts.append(ChartPayload("deck", key, len(frame), rows, layers, bool(_REMOTE.search(deck.json))))
    return charts


def frame_summary(frames: list[bytes]) -> dict[str, int]:
    """Frames and bytes received, and how many were ``ref_hash`` references to cached messages."""
    refs = sum(1 for f in frames if ForwardMsg.FromString(f).WhichOneof("type") == "ref_hash")
    return {"frames": len(frames), "bytes": sum(len(f) for f in frames), "cached_refs": refs}


def script_span_ms(frames: list[bytes], stamps: list[float]) -> float | None:
    """Milliseconds from the first message of a script run (``new_session``) to the last ``script_finished``,
    by the frames' receive timestamps (seconds); None when either is missing."""
    kinds = [ForwardMsg.FromString(f).WhichOneof("type") for f in frames]
    starts = [t for k, t in zip(kinds, stamps, strict=True) if k == "new_session"]
    ends = [t for k, t in zip(kinds, stamps, strict=True) if k == "script_finished"]
    if not starts or not ends:
        return None
    return (max(ends) - min(starts)) * 1000
