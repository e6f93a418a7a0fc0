"""The charts' look: a colour-universal-design palette and one Altair configuration.

The palette is Okabe & Ito's (recommended by the Color Universal Design
Organization): its colours stay distinguishable for the common forms of
colour-vision deficiency. Every chart goes through :func:`themed` so fonts,
sizes and unrotated Japanese axis labels are the same everywhere.
"""

from __future__ import annotations

from typing import Any, TypeVar

import altair as alt

FONT = "Noto Sans JP, Noto Sans CJK JP, sans-serif"

# Okabe–Ito colours.
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
GREY = "#7F7F7F"
IWAKI = VERMILLION  # Iwaki is always highlighted in the same colour.

PALETTE: tuple[str, ...] = (BLUE, ORANGE, GREEN, PURPLE, SKY_BLUE, VERMILLION, YELLOW, BLACK)

GOOD = BLUE  # a change in the desired direction
BAD = VERMILLION  # a change against it
NEUTRAL = GREY

PILLAR_COLOURS: dict[str, str] = {
    "work_efficiency": BLUE,
    "infrastructure": ORANGE,
    "admin_fiscal": GREEN,
    "human_resources": PURPLE,
    "citizen_dx": SKY_BLUE,
}

ChartT = TypeVar("ChartT", bound=alt.TopLevelMixin)


def _config() -> dict[str, Any]:
    """The whole chart configuration, built fresh for each chart."""
    return {
        "font": FONT,
        "axis": {
            "labelFontSize": 13,
            "titleFontSize": 13,
            "labelAngle": 0,
            "titleAngle": 0,
            "titleAlign": "left",
            "titleAnchor": "end",
            "labelLimit": 240,
            "gridColor": "#e6e6e6",
            "domainColor": "#888888",
        },
        "axisY": {"titleAngle": 0, "titleAlign": "left", "titleAnchor": "end", "titleY": -12, "titleX": 0},
        "legend": {"labelFontSize": 13, "titleFontSize": 13, "orient": "bottom", "labelLimit": 300},
        "title": {"fontSize": 16, "anchor": "start", "fontWeight": "bold"},
        "view": {"strokeWidth": 0},
        "range": {"category": list(PALETTE)},
    }


def layer(*charts: Any, **kwargs: Any) -> alt.LayerChart:
    """``alt.layer(*charts, **kwargs)``, typed as the layered chart it is (altair types it as "layer or facet")."""
    chart = alt.layer(*charts, **kwargs)
    if not isinstance(chart, alt.LayerChart):  # only facet keyword arguments make a facet, and none are passed
        raise TypeError(f"expected a layered chart, got {type(chart).__name__}")
    return chart


def themed(chart: ChartT, height: int | None = 360) -> ChartT:
    """Apply the dashboard's fonts, sizes and axis style to a top-level chart.

    One ``configure`` call rather than one per part: each call copies the
    chart, and a layered chart re-checks all its layers on every copy (the
    benchmark, issue 10, measured 6 ms → 2 ms a layered chart; the spec is
    the same).
    """
    props = {"height": height} if height else {}
    return chart.properties(**props).configure(**_config())
