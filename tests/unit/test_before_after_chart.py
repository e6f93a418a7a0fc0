"""The before→after slope for two-point series: a small box, the axis near the values, dashed over a gap."""

from __future__ import annotations

import pandas as pd

from dashboard.charts.before_after import WIDTH_PX, before_after_chart
from dashboard.charts.spec import vega_spec


def _pair(a: float, b: float) -> pd.DataFrame:
    return pd.DataFrame({"label": ["2021年", "2024年"], "value": [a, b], "value_label": [f"{a:,.0f}", f"{b:,.0f}"]})


def test_two_counts_are_a_small_slope_with_both_values() -> None:
    spec = vega_spec(before_after_chart(_pair(1316, 1281), "年", "施設", "#E69F00"))
    assert spec["width"] == WIDTH_PX <= 400  # sized by content: never a full-width chart of two points
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["line", "point", "text"]
    domain = spec["layer"][0]["encoding"]["y"]["scale"]["domain"]
    # Not from zero (two bars from zero looked equal): the change takes a visible share of the axis.
    assert 1200 < domain[0] < 1281 and 1316 < domain[1] < 1400
    assert (1316 - 1281) / (domain[1] - domain[0]) > 0.3
    rows = next(iter(spec["datasets"].values()))
    assert [r["value_label"] for r in rows] == ["1,316", "1,281"]
    assert spec["layer"][0]["mark"]["strokeDash"] == [1, 0]


def test_a_gap_between_the_points_is_dashed() -> None:
    spec = vega_spec(before_after_chart(_pair(522.0, 498.5), "年度", "万時間", "#0072B2", gap=True))
    assert spec["layer"][0]["mark"]["strokeDash"] == [6, 5]


def test_equal_values_still_draw() -> None:
    spec = vega_spec(before_after_chart(_pair(100, 100), "年", "件", "#999999"))
    low, high = spec["layer"][0]["encoding"]["y"]["scale"]["domain"]
    assert low < 100 < high
