"""Facility charts: the report's counts, the per-resident what-if, sites by district and the offline map.

All functions are pure: they take prepared (already translated) frames and
return an ``alt.Chart`` or a ``pdk.Deck``. The map has no base map at all
(``map_provider=None`` and pydeck's no-style sentinel): the city boundary drawn from the
国土数値情報 polygon is the base, so nothing is fetched from a tile server.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import pandas as pd
import pydeck as pdk

from dashboard.charts.spec import CompactDeck
from dashboard.charts.theme import (
    BLACK,
    BLUE,
    GREEN,
    GREY,
    ORANGE,
    PURPLE,
    SKY_BLUE,
    VERMILLION,
    YELLOW,
    layer,
    themed,
)

# One Okabe–Ito colour per facility type (order = legend order); "other" is grey.
TYPE_COLOURS: dict[str, str] = {
    "elementary": BLUE,
    "junior_high": SKY_BLUE,
    "high_school": PURPLE,
    "community_centre": ORANGE,
    "assembly_hall": YELLOW,
    "gym": GREEN,
    "childcare": VERMILLION,
    "welfare": BLACK,
    "other": GREY,
}
SCENARIO_COLOURS: dict[str, str] = {"keep": ORANGE, "custom": BLUE}
BOUNDARY_FILL = [238, 238, 238, 200]
BOUNDARY_LINE = [90, 90, 90, 255]
POINT_RADIUS_PX = {"shelter": 7, "emergency": 4.5}
LAYER_IDS = {"boundary": "boundary", "shelter": "shelters", "emergency": "emergency_sites"}


def counts_chart(df: pd.DataFrame, x_title: str, y_title: str) -> alt.LayerChart:
    """Facility counts by year (years without a figure are left out). ``df``: year, facilities."""
    base = alt.Chart(df).encode(
        x=alt.X("year:O", title=x_title),
        y=alt.Y("facilities:Q", title=y_title, scale=alt.Scale(zero=True)),
        tooltip=[alt.Tooltip("year:O", title=x_title), alt.Tooltip("facilities:Q", title=y_title, format=",d")],
    )
    bars = base.mark_bar(color=ORANGE, size=64)
    labels = base.mark_text(dy=-10, fontSize=14).encode(text=alt.Text("facilities:Q", format=",d"))
    return themed(layer(bars, labels))


def per_resident_chart(df: pd.DataFrame, x_title: str, y_title: str, level: float, level_label: str) -> alt.LayerChart:
    """Facilities per 10,000 residents by year, one bar per scenario, with the 2024 level as a dashed rule.

    ``df``: year, scenario (id: keep / custom), scenario_label, facilities, per_10k.
    """
    labels = df.drop_duplicates("scenario")
    colour = alt.Color(
        "scenario_label:N",
        title=None,
        scale=alt.Scale(
            domain=list(labels["scenario_label"]), range=[SCENARIO_COLOURS.get(s, GREY) for s in labels["scenario"]]
        ),
        legend=alt.Legend(orient="bottom"),
    )
    base = alt.Chart(df).encode(
        x=alt.X("year:O", title=x_title),
        xOffset=alt.XOffset("scenario_label:N", sort=list(labels["scenario_label"])),
        y=alt.Y("per_10k:Q", title=y_title, scale=alt.Scale(zero=True)),
        tooltip=[
            alt.Tooltip("year:O", title=x_title),
            alt.Tooltip("scenario_label:N", title=" "),
            alt.Tooltip("facilities:Q", format=",.0f"),
            alt.Tooltip("per_10k:Q", title=y_title, format=".1f"),
        ],
    )
    bars = base.mark_bar().encode(color=colour)
    text = base.mark_text(dy=-8, fontSize=13).encode(text=alt.Text("per_10k:Q", format=".1f"))
    rule = (
        alt.Chart(pd.DataFrame({"level": [level]}))
        .mark_rule(color=GREY, strokeDash=[6, 4], strokeWidth=2)
        .encode(y="level:Q")
    )
    # The rule's label goes in the chart's subtitle: on the plot it would sit on top of a bar's value.
    layered = layer(bars, text, rule).properties(
        title=alt.TitleParams(text=level_label, color=GREY, fontSize=13, fontWeight="normal")
    )
    return themed(layered)


def needed_chart(df: pd.DataFrame, x_title: str, y_title: str) -> alt.LayerChart:
    """Facility counts that hold 2024's per-resident level: 2024 (actual) then each projection year.

    ``df``: year_label, facilities, kind_label; the first row is the actual count.
    """
    order = list(df["year_label"])
    colour = alt.Color(
        "kind_label:N",
        title=None,
        legend=alt.Legend(orient="bottom"),
        scale=alt.Scale(domain=list(dict.fromkeys(df["kind_label"])), range=[ORANGE, SKY_BLUE]),
    )
    base = alt.Chart(df).encode(
        x=alt.X("year_label:N", title=x_title, sort=order),
        y=alt.Y("facilities:Q", title=y_title, scale=alt.Scale(zero=True)),
        tooltip=[
            alt.Tooltip("year_label:N", title=x_title),
            alt.Tooltip("facilities:Q", title=y_title, format=",.0f"),
            alt.Tooltip("kind_label:N", title=" "),
        ],
    )
    bars = base.mark_bar(size=56).encode(color=colour)
    text = base.mark_text(dy=-10, fontSize=14).encode(text=alt.Text("facilities:Q", format=",.0f"))
    return themed(layer(bars, text))


def district_bar_chart(df: pd.DataFrame, x_title: str, y_title: str) -> alt.LayerChart:
    """Horizontal bars: a count per district. ``df``: district_label, sites (in display order)."""
    order = list(df["district_label"])
    base = alt.Chart(df).encode(
        y=alt.Y("district_label:N", title=y_title, sort=order, axis=alt.Axis(labelOverlap=False)),
        x=alt.X("sites:Q", title=x_title, axis=alt.Axis(format="d", tickMinStep=1, tickCount=8)),
        tooltip=[alt.Tooltip("district_label:N", title=y_title), alt.Tooltip("sites:Q", title=x_title)],
    )
    bars = base.mark_bar(color=BLUE)
    text = base.mark_text(align="left", dx=4, fontSize=13).encode(text="sites:Q")
    return themed(layer(bars, text), height=max(240, 30 * len(df)))


def type_district_heatmap(df: pd.DataFrame, x_title: str, y_title: str, count_title: str) -> alt.LayerChart:
    """Counts by district (rows) × facility type (columns), as shaded cells with the number in each.

    ``df`` (long form, in display order): district_label, type_label, points.
    A single-hue sequential scale keeps the shading readable for every colour vision.
    """
    districts = list(dict.fromkeys(df["district_label"]))
    types = list(dict.fromkeys(df["type_label"]))
    base = alt.Chart(df).encode(
        x=alt.X(
            "type_label:N",
            title=x_title,
            sort=types,
            # long type names break onto two lines (after a space or 「・」) instead of being dropped
            axis=alt.Axis(
                labelOverlap=False, labelLimit=160, labelExpr="split(replace(datum.label, '\\u30fb', '\\u30fb '), ' ')"
            ),
        ),
        y=alt.Y("district_label:N", title=y_title, sort=districts, axis=alt.Axis(labelOverlap=False)),
        tooltip=[
            alt.Tooltip("district_label:N", title=y_title),
            alt.Tooltip("type_label:N", title=x_title),
            alt.Tooltip("points:Q", title=count_title),
        ],
    )
    peak = max(int(df["points"].max()), 1) if not df.empty else 1
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
        color=alt.Color("points:Q", title=count_title, scale=alt.Scale(scheme="blues", domain=[0, peak]), legend=None)
    )
    text = base.mark_text(fontSize=12).encode(
        text=alt.Text("points:Q"),
        color=alt.condition(alt.datum.points > peak * 0.55, alt.value("white"), alt.value(BLACK)),
    )
    return themed(layer(cells, text), height=max(280, 30 * len(districts)))


def rgba(hex_colour: str, alpha: int = 230) -> list[int]:
    """``#RRGGBB`` → ``[r, g, b, alpha]`` for deck.gl."""
    value = hex_colour.lstrip("#")
    return [int(value[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


def _layer_records(points: pd.DataFrame) -> list[dict[str, Any]]:
    """Plain records for a deck.gl layer (lists and str only, so the JSON is the same under any pandas)."""
    records = []
    for row in points.to_dict("records"):
        records.append(
            {
                "site_id": str(row["site_id"]),
                "name": str(row["name"]),
                "address": str(row["address"]),
                "position": [float(row["lon"]), float(row["lat"])],
                "kind_label": str(row["kind_label"]),
                "type_label": str(row["type_label"]),
                "district_label": str(row["district_label"]),
                "hazards_label": str(row["hazards_label"]),
                "fill": rgba(TYPE_COLOURS.get(str(row["type"]), GREY)),
            }
        )
    return records


def facility_map(
    boundary: Mapping[str, Any], points: pd.DataFrame, view: Mapping[str, float], tooltip_text: str
) -> pdk.Deck:
    """The offline map: the city boundary as base, shelters (larger) and emergency sites (smaller) on top.

    ``points``: site_id, kind, type, name, address, lon, lat and the translated
    kind_label, type_label, district_label, hazards_label. ``view``: longitude,
    latitude, zoom (see :func:`dashboard.metrics.geo.fit_view`). The tooltip is
    plain text (deck.gl's ``text`` form), so names are never read as HTML.
    """
    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            id=LAYER_IDS["boundary"],
            data=dict(boundary),
            stroked=True,
            filled=True,
            get_fill_color=BOUNDARY_FILL,
            get_line_color=BOUNDARY_LINE,
            line_width_min_pixels=1.5,
            pickable=False,
        ),
    ]
    for kind in ("shelter", "emergency"):
        subset = points[points["kind"] == kind]
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                id=LAYER_IDS[kind],
                data=_layer_records(subset),
                get_position="position",
                get_fill_color="fill",
                get_line_color=[255, 255, 255, 255] if kind == "emergency" else [0, 0, 0, 255],
                stroked=True,
                line_width_min_pixels=1,
                radius_units=pdk.types.String("pixels"),
                get_radius=POINT_RADIUS_PX[kind],
                pickable=True,
                auto_highlight=True,
            )
        )
    return CompactDeck(
        layers=layers,
        initial_view_state=pdk.ViewState(
            longitude=view["longitude"], latitude=view["latitude"], zoom=view["zoom"], pitch=0, bearing=0
        ),
        # No base map at all. pydeck's default map_style is its "__MAP_STYLE__"
        # sentinel, which Streamlit (1.67) reads as "no style"; an explicit
        # map_style=None makes Streamlit's frontend fall back to a CARTO style
        # URL (basemaps.cartocdn.com), a request off the machine.
        map_provider=None,
        tooltip={"text": tooltip_text},
    )
