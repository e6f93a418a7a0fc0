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
        return chart.to_dict()


class CompactDeck(pdk.Deck):
    """A ``pydeck.Deck`` whose JSON has no indentation and keeps Japanese as text (the same content, 2–3× smaller).

    pydeck escapes every non-ASCII character as ``\\uXXXX`` (6 bytes against
    UTF-8's 3), and the facilities map carries a Japanese name, address and
    labels for every site.
    """

    def to_json(self) -> str:
        """The deck as compact JSON, keys sorted as pydeck sorts them."""
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"), ensure_ascii=False)
