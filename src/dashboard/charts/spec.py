"""How charts and maps are serialised for the browser: the one place that decides their wire format.

Views send a Vega-Lite dict (cached) instead of the Altair object: Altair
validates the whole spec against the Vega-Lite JSON schema every time it
serialises, which cost 10–30 ms a chart on every rerun (the benchmark, issue
10). Built and validated once per distinct input, the dict is then only sent.

Maps are :class:`CompactDeck`: pydeck pretty-prints its JSON, which made each
map a 430–520 kB message on every load.
"""

from __future__ import annotations

import json
import threading
from typing import Any

import altair as alt
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

VegaSpec = dict[str, Any]

# Altair's theme is process-wide; the lock keeps two sessions' conversions from
# switching it under each other (Streamlit does the same around its own conversion).
_THEME_LOCK = threading.Lock()


def vega_spec(chart: alt.TopLevelMixin) -> VegaSpec:
    """The chart's validated Vega-Lite spec, with its data inline and without Altair's default theme.

    The default theme would add a 300 × 300 default view size; Streamlit's own
    Altair path leaves it out too, so the chart looks the same either way. The
    inline data go through Altair's default data transformer, which refuses
    more than 5,000 rows (the issue 10 rule: aggregate in pandas).
    """
    with _THEME_LOCK, alt.theme.enable("none"):
        return narrow_legends(chart.to_dict())


NARROW_PLOT_PX = 480
"""A plot narrower than this (a phone's column: about 270 px of plot in a 358 px chart) lists legend entries."""
_LEGEND_CHANNELS = ("color", "fill", "stroke", "shape", "size", "opacity", "strokeDash", "strokeWidth")


def legend_columns(wide: int, narrow: int = 1) -> dict[str, str]:
    """A legend's number of columns as a Vega expression of the plot's width: ``narrow`` on a phone, else ``wide``."""
    return {"expr": f"width < {NARROW_PLOT_PX} ? {narrow} : {wide}"}


def narrow_legends(spec: VegaSpec) -> VegaSpec:
    """The spec with every symbol legend above or below the plot listed one entry a line when the plot is narrow.

    A legend in one row (or in two columns of long labels) runs past a phone's 358 px chart and
    is clipped; a chart spec cannot know the screen, but Vega knows the plot's ``width`` when it
    draws, so the number of columns is an expression of it: the chart's own layout on a wide
    screen (one row, or its ``columns``), one entry a line on a phone. Legends the chart puts
    beside the plot or lists already are left alone, and so are specs without a plot ``width``
    (concatenations: Vega has no such signal there). Several legends under one plot stack rather
    than sitting side by side (``config.legend.layout``), for the same reason.
    """
    if not ("mark" in spec or "layer" in spec):
        return spec
    config = spec.setdefault("config", {})
    default_orient = config.get("legend", {}).get("orient", "right")
    _narrow_units(spec, default_orient)
    legend = config.setdefault("legend", {})
    legend.setdefault("layout", {"bottom": {"direction": "vertical", "anchor": "start"}})
    return spec


def _narrow_units(node: VegaSpec, default_orient: str) -> None:
    for child in node.get("layer", []):
        _narrow_units(child, default_orient)
    for channel in _LEGEND_CHANNELS:
        encoding = node.get("encoding", {}).get(channel)
        if not isinstance(encoding, dict) or encoding.get("type") not in ("nominal", "ordinal"):
            continue
        legend = encoding.get("legend", {})
        if legend is None or legend.get("orient", default_orient) not in ("bottom", "top"):
            continue
        columns = legend.get("columns")
        if legend.get("direction") == "vertical" and columns in (None, 1):
            continue
        if isinstance(columns, int | float) or columns is None:
            encoding["legend"] = {**legend, "columns": legend_columns(int(columns or 0))}


class CompactDeck(pdk.Deck):
    """A ``pydeck.Deck`` whose JSON has no indentation and keeps Japanese as text (the same content, 2–3× smaller).

    pydeck escapes every non-ASCII character as ``\\uXXXX`` (6 bytes against
    UTF-8's 3), and the facilities map carries a Japanese name, address and
    labels for every site.
    """

    def to_json(self) -> str:
        """The deck as compact JSON, keys sorted as pydeck sorts them."""
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"), ensure_ascii=False)
