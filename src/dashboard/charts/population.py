"""Population charts: the report's outlook, the actual counts beside it, the area's age structure and the peers' map.

Conventions shared by the charts of this screen: a given figure is a marked
point; a line between points is dashed (it joins figures, it is not data
between them); counts (census, register) are filled marks and estimates or
projections hollow ones, so the difference survives colour-blindness and
greyscale printing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd
import pydeck as pdk

from dashboard.charts.spec import CompactDeck, legend_columns
from dashboard.charts.theme import BLACK, BLUE, GREEN, GREY, ORANGE, PURPLE, SKY_BLUE, VERMILLION, layer, themed

DASH = [6, 4]
WHITE = "#ffffff"

# Outlook series: (colour, shape). Estimates are drawn hollow (see module docstring).
SERIES_STYLE: dict[str, tuple[str, str]] = {
    "census": (BLUE, "circle"),
    "projection": (BLUE, "diamond"),
    "register": (GREEN, "square"),
    "vision": (PURPLE, "triangle-up"),
    "plan": (ORANGE, "triangle-down"),
    "city_2024": (SKY_BLUE, "cross"),
}
BASIS_COLOURS: dict[str, str] = {"census": BLUE, "register": GREEN}
AGE_COLOURS: dict[str, str] = {"age0_14": GREEN, "age15_64": BLUE, "age65plus": ORANGE}
AREA_COLOURS: tuple[str, ...] = (BLUE, GREY)
INDICATOR_SHAPES: tuple[str, ...] = ("circle", "square")

MAP_LAYER_ID = "pop-municipalities"
IWAKI_LAYER_ID = "pop-iwaki"
SELECTED_LAYER_ID = "pop-selected"
# Initial map view (latitude, longitude, zoom): the whole prefecture in a desktop map (~870 × 500 px); on a
# 390 px phone the centre sits east of the prefecture's own so that Iwaki, on the coast, stays in view.
MAP_VIEW: tuple[float, float, float] = (37.4, 140.4, 7.5)


def outlook_chart(df: pd.DataFrame, x_title: str, y_title: str) -> alt.LayerChart:
    """The report's three points (2020 census, 2040/2060 projection) with a dashed projection segment.

    ``df`` has columns year, population, kind_label.
    """
    base = alt.Chart(df).encode(
        x=alt.X("year:O", title=x_title),
        y=alt.Y("population:Q", title=y_title, scale=alt.Scale(zero=True), axis=alt.Axis(format=",d")),
        tooltip=[
            alt.Tooltip("year:O", title=x_title),
            alt.Tooltip("population:Q", title=y_title, format=",d"),
            alt.Tooltip("kind_label:N", title=" "),
        ],
    )
    line = base.mark_line(color=BLUE, strokeDash=DASH)
    points = base.mark_point(filled=True, size=120, color=BLUE)
    labels = base.mark_text(dy=-16, fontSize=14).encode(text=alt.Text("population:Q", format=",d"))
    return themed(layer(line, points, labels))


def _hex_rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def mix_with_white(colour: str, share_white: float) -> tuple[int, int, int]:
    """``colour`` lightened towards white by ``share_white`` (0 = unchanged, 1 = white), as RGB."""
    r, g, b = _hex_rgb(colour)

    def mix(c: int) -> int:
        return round(c + (255 - c) * share_white)

    return mix(r), mix(g), mix(b)


# Map classes (metrics.population.CHANGE_BREAKS): four shades of decline, one of growth.
# Decline uses the "bad" colour and growth the "good" one of the theme; the lighter
# the shade, the smaller the change.
CHANGE_COLOURS: tuple[tuple[int, int, int], ...] = (
    mix_with_white(VERMILLION, 0.0),
    mix_with_white(VERMILLION, 0.35),
    mix_with_white(VERMILLION, 0.6),
    mix_with_white(VERMILLION, 0.8),
    mix_with_white(BLUE, 0.35),
)


def rgb_hex(rgb: Sequence[int]) -> str:
    """``(213, 94, 0)`` → ``#d55e00``."""
    return "#" + "".join(f"{c:02x}" for c in rgb[:3])


def _series_scale(df: pd.DataFrame, labels: Mapping[str, str]) -> tuple[list[str], list[str], list[str], list[str]]:
    """Legend domain (labels in series order) and the matching stroke, fill and shape ranges."""
    present = [s for s in SERIES_STYLE if s in set(df["series"])]
    domain = [labels[s] for s in present]
    strokes = [SERIES_STYLE[s][0] for s in present]
    estimates = set(df.loc[df["estimate"], "series"])
    fills = [WHITE if s in estimates else SERIES_STYLE[s][0] for s in present]
    shapes = [SERIES_STYLE[s][1] for s in present]
    return domain, strokes, fills, shapes


def actual_outlook_chart(
    df: pd.DataFrame,
    *,
    labels: Mapping[str, str],
    titles: Mapping[str, str],
    value_format: str,
    x_domain: tuple[float, float],
) -> alt.LayerChart:
    """The city's projection with the actual counts and other published figures, each series marked apart.

    ``df`` (from ``metrics.population.outlook_series``, filtered and with a
    ``value`` column: persons or index) has columns series, series_label,
    count_label, basis, t, date, value, report_point, estimate, source_label.
    ``labels`` maps series → legend label; ``titles`` gives the x, y, series,
    count, date, value and source titles. Lines join the points of one count
    (census with the report's projection, and the register) and are dashed.
    """
    domain, strokes, fills, shapes = _series_scale(df, labels)
    # One column: six long labels would be cut off in columns on a phone.
    legend = alt.Legend(title=titles["series"], orient="bottom", columns=1, symbolStrokeWidth=2)
    x = alt.X(
        "t:Q",
        title=titles["x"],
        scale=alt.Scale(domain=list(x_domain), nice=False),
        axis=alt.Axis(format="d", tickMinStep=1, labelAngle=0),
    )
    # From zero, so that "halved" looks like half.
    y = alt.Y("value:Q", title=titles["y"], scale=alt.Scale(zero=True, nice=True), axis=alt.Axis(format=value_format))
    tooltip = [
        alt.Tooltip("series_label:N", title=titles["series"]),
        alt.Tooltip("count_label:N", title=titles["count"]),
        alt.Tooltip("date:N", title=titles["date"]),
        alt.Tooltip("value:Q", title=titles["value"], format=value_format),
        alt.Tooltip("source_label:N", title=titles["source"]),
    ]
    base = alt.Chart(df).encode(x=x, y=y)
    # One line layer per count with a fixed colour, so the lines use no scale the legend would merge with.
    lines = [
        base.transform_filter(alt.datum.basis == basis)
        .mark_line(color=colour, strokeDash=DASH, strokeWidth=2, opacity=0.8)
        .encode(order="t:Q")
        for basis, colour in BASIS_COLOURS.items()
        if basis in set(df["basis"].dropna())
    ]
    points = base.mark_point(size=120, strokeWidth=2, opacity=1).encode(
        stroke=alt.Stroke("series_label:N", scale=alt.Scale(domain=domain, range=strokes), legend=legend),
        fill=alt.Fill("series_label:N", scale=alt.Scale(domain=domain, range=fills), legend=legend),
        shape=alt.Shape("series_label:N", scale=alt.Scale(domain=domain, range=shapes), legend=legend),
        tooltip=tooltip,
    )
    text = (
        base.transform_filter("datum.report_point")
        .mark_text(dy=-18, fontSize=14, fontWeight="bold")
        .encode(text=alt.Text("value:Q", format=value_format))
    )
    # Streamlit fits the legend (six rows) into the height too: 540 leaves the plot ~380 px.
    return themed(layer(*lines, points, text), height=540)


def age_structure_chart(
    df: pd.DataFrame, *, group_labels: Mapping[str, str], titles: Mapping[str, str], share: bool
) -> alt.Chart:
    """Stacked area of the three age groups over the years (persons, or shares in percent when ``share``).

    ``df`` has columns year, group, group_label, persons, share_pct, basis_label.
    """
    domain = [group_labels[g] for g in AGE_COLOURS]
    field = "share_pct" if share else "persons"
    fmt = ".1f" if share else ",d"
    order_map = {label: i for i, label in enumerate(reversed(domain))}  # 65+ on top
    data = df.assign(stack_order=df["group_label"].map(order_map))
    return themed(
        alt.Chart(data)
        .mark_area(opacity=0.85, line={"strokeWidth": 1})
        .encode(
            x=alt.X("year:Q", title=titles["x"], axis=alt.Axis(format="d", tickMinStep=5, labelAngle=0)),
            y=alt.Y(
                f"{field}:Q",
                title=titles["y"],
                stack=True,
                axis=alt.Axis(format=fmt),
                scale=alt.Scale(domain=[0, 100]) if share else alt.Scale(zero=True),
            ),
            color=alt.Color(
                "group_label:N",
                title=titles["group"],
                scale=alt.Scale(domain=domain, range=list(AGE_COLOURS.values())),
                sort=domain,
            ),
            order=alt.Order("stack_order:Q"),
            tooltip=[
                alt.Tooltip("year:Q", title=titles["x"], format="d"),
                alt.Tooltip("basis_label:N", title=titles["basis"]),
                alt.Tooltip("group_label:N", title=titles["group"]),
                alt.Tooltip("persons:Q", title=titles["persons"], format=",d"),
                alt.Tooltip("share_pct:Q", title=titles["share"], format=".1f"),
            ],
        ),
        height=340,
    )


def ageing_chart(
    df: pd.DataFrame, *, area_domain: Sequence[str], indicator_domain: Sequence[str], titles: Mapping[str, str]
) -> alt.LayerChart:
    """Ageing rate and working-age share (percent) of each area over the years; dashed lines join the points.

    ``df`` has columns year, area_label, indicator_label, pct, basis_label.
    """
    base = alt.Chart(df).encode(
        x=alt.X("year:Q", title=titles["x"], axis=alt.Axis(format="d", tickMinStep=5, labelAngle=0)),
        y=alt.Y("pct:Q", title=titles["y"], scale=alt.Scale(zero=False), axis=alt.Axis(format=".0f")),
        color=alt.Color(
            "area_label:N",
            title=titles["area"],
            scale=alt.Scale(domain=list(area_domain), range=list(AREA_COLOURS[: len(area_domain)])),
            legend=alt.Legend(direction="vertical"),
        ),
    )
    lines = base.mark_line(strokeDash=DASH, strokeWidth=2).encode(detail="indicator_label:N")
    points = base.mark_point(size=70, filled=True).encode(
        shape=alt.Shape(
            "indicator_label:N",
            title=titles["indicator"],
            scale=alt.Scale(domain=list(indicator_domain), range=list(INDICATOR_SHAPES)),
            legend=alt.Legend(direction="vertical"),
        ),
        tooltip=[
            alt.Tooltip("year:Q", title=titles["x"], format="d"),
            alt.Tooltip("basis_label:N", title=titles["basis"]),
            alt.Tooltip("area_label:N", title=titles["area"]),
            alt.Tooltip("indicator_label:N", title=titles["indicator"]),
            alt.Tooltip("pct:Q", title=titles["y"], format=".1f"),
        ],
    )
    return themed(layer(lines, points), height=340)


def change_legend(labels: Sequence[str], title: str) -> alt.Chart:
    """The map's legend as a small chart (pydeck draws none): one square per change class in its map colour."""
    domain = list(labels)
    colours = [rgb_hex(c) for c in CHANGE_COLOURS[: len(domain)]]
    data = pd.DataFrame({"label": domain})
    return themed(
        alt.Chart(data)
        .mark_square(size=0, opacity=1)
        .encode(
            color=alt.Color(
                "label:N",
                scale=alt.Scale(domain=domain, range=colours),
                sort=domain,
                legend=alt.Legend(
                    title=title,
                    orient="top",
                    direction="horizontal",
                    # Three to a row, two on a phone's narrow chart (three run past its edge).
                    columns=alt.ExprRef(**legend_columns(3, narrow=2)),
                    symbolType="square",
                    symbolSize=220,
                    symbolOpacity=1,
                    symbolStrokeColor="#999999",
                    symbolStrokeWidth=1,
                    labelFontSize=13,
                    titleFontSize=13,
                ),
            ),
        )
        .properties(width="container"),
        # Streamlit fits the whole chart, legend included, into this height: room for the title and three
        # rows (two on a wide screen, three on a phone).
        height=104,
    )


def _features(
    geojson: Mapping[str, Any], props: pd.DataFrame, code_key: str, codes: set[str] | None = None
) -> list[dict[str, Any]]:
    """The boundary features whose ``code_key`` property is in ``props`` (indexed by code), with its columns added."""
    out = []
    for feat in geojson.get("features", []):
        code = str((feat.get("properties") or {}).get(code_key, ""))
        if code not in props.index or (codes is not None and code not in codes):
            continue
        extra = {k: (v.item() if hasattr(v, "item") else v) for k, v in props.loc[code].items()}
        out.append({"type": "Feature", "geometry": feat["geometry"], "properties": {"code": code, **extra}})
    return out


def change_map(
    geojson: Mapping[str, Any],
    peers: pd.DataFrame,
    *,
    tooltip_text: str,
    highlight_code: str,
    selected_code: str | None = None,
    code_key: str = "N03_007",
    view: tuple[float, float, float] = MAP_VIEW,
) -> pdk.Deck:
    """Municipalities coloured by their change class, one outlined (Iwaki), one optionally marked as selected.

    ``peers`` is indexed by code and has a ``change_class`` column; every other
    column is copied into the features' properties so ``tooltip_text`` (deck.gl
    ``{field}`` placeholders) and the selection can read them. No base map.
    """
    props = peers.copy()
    props["fill"] = [[*list(CHANGE_COLOURS[int(c)]), 235] for c in props["change_class"]]
    fc = {"type": "FeatureCollection", "features": _features(geojson, props, code_key)}
    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            data=fc,
            id=MAP_LAYER_ID,
            pickable=True,
            auto_highlight=True,
            stroked=True,
            filled=True,
            get_fill_color="properties.fill",
            get_line_color=[255, 255, 255],
            line_width_min_pixels=1,
            highlight_color=[0, 0, 0, 60],
        ),
    ]
    if selected_code and selected_code != highlight_code and selected_code in props.index:
        sel = {"type": "FeatureCollection", "features": _features(geojson, props[[]], code_key, {selected_code})}
        layers.append(
            pdk.Layer(
                "GeoJsonLayer",
                data=sel,
                id=SELECTED_LAYER_ID,
                pickable=False,
                stroked=True,
                filled=False,
                get_line_color=list(mix_with_white(BLUE, 0.0)),
                line_width_min_pixels=3,
            )
        )
    iwaki = {"type": "FeatureCollection", "features": _features(geojson, props[[]], code_key, {highlight_code})}
    layers.append(
        pdk.Layer(
            "GeoJsonLayer",
            data=iwaki,
            id=IWAKI_LAYER_ID,
            pickable=False,
            stroked=True,
            filled=False,
            get_line_color=list(_hex_rgb(BLACK)),
            line_width_min_pixels=4,
        )
    )
    lat, lon, zoom = view
    # map_provider=None and map_style left at pydeck's default: the spec then carries the "__MAP_STYLE__"
    # sentinel, which Streamlit 1.67 reads as "no base map". With map_style=None the style is omitted and
    # Streamlit's front end falls back to a Carto base map fetched from the internet.
    return CompactDeck(
        layers=layers,
        initial_view_state=pdk.ViewState(latitude=lat, longitude=lon, zoom=zoom),
        map_provider=None,
        tooltip={"text": tooltip_text},
    )
