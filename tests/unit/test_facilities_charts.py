"""Facility charts through their specs: the offline deck (boundary, points, no map style) and the Altair charts."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dashboard.charts import facilities as charts
from dashboard.data import open_data, place_rules
from dashboard.metrics import facilities as m
from dashboard.metrics import geo

TOOLTIP = "{name}\n{kind_label}｜{type_label}\n{address}\n{district_label}\n{hazards_label}"


@pytest.fixture(scope="module")
def real() -> tuple[dict, pd.DataFrame]:
    try:
        boundary = open_data.read_boundary("iwaki")
        points = geo.facility_points(
            open_data.read_shelters(),
            open_data.read_emergency_sites(),
            place_rules.FACILITY_TYPE_RULES,
            open_data.read_towns(),
            place_rules.DISTRICT_PREFIXES,
        )
    except open_data.OpenDataMissing:
        pytest.skip("open data not available")
    for col in ("kind", "type", "district"):
        points[f"{col}_label"] = points[col]
    points["hazards_label"] = points["hazards"].map(",".join)
    return boundary, points


def _deck(boundary: dict, points: pd.DataFrame) -> dict:
    view = geo.fit_view(geo.geojson_bbox(boundary), 400, 500)
    return json.loads(charts.facility_map(boundary, points, view, TOOLTIP).to_json())


def _layer(spec: dict, layer_id: str) -> dict:
    return next(layer for layer in spec["layers"] if layer["id"] == layer_id)


def test_deck_has_the_boundary_and_the_points_and_no_base_map(real: tuple[dict, pd.DataFrame]) -> None:
    boundary, points = real
    spec = _deck(boundary, points)
    text = json.dumps(spec, ensure_ascii=False)
    # no tile server, no style URL, no remote URL of any kind. pydeck's "__MAP_STYLE__" placeholder is what
    # Streamlit reads as "no base map"; a missing or empty mapStyle would make it load a CARTO style instead.
    assert spec["mapStyle"] == "__MAP_STYLE__"
    assert spec.get("mapProvider") in (None, "")
    assert "http://" not in text and "https://" not in text and "mapbox" not in text.lower()
    # the boundary is the base
    base = _layer(spec, "boundary")
    assert base["@@type"] == "GeoJsonLayer"
    assert base["data"]["features"][0]["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert spec["layers"][0]["id"] == "boundary"  # drawn first, under the points
    # the points: 280 shelters and 295 emergency sites, each with a type colour and tooltip fields
    shelters, sites = _layer(spec, "shelters"), _layer(spec, "emergency_sites")
    assert shelters["@@type"] == sites["@@type"] == "ScatterplotLayer"
    assert len(shelters["data"]) == 280 and len(sites["data"]) == 295
    assert shelters["pickable"] and sites["pickable"]
    first = shelters["data"][0]
    assert {"site_id", "name", "address", "position", "type_label", "district_label", "hazards_label"} <= set(first)
    assert first["fill"][:3] in [charts.rgba(c)[:3] for c in charts.TYPE_COLOURS.values()]
    assert spec["initialViewState"]["zoom"] > 8
    # pydeck turns plain strings into accessor expressions ("@@=…"); a literal like radiusUnits must stay literal,
    # or deck.gl draws every point as one canvas-wide disc
    assert shelters["radiusUnits"] == "pixels" and sites["radiusUnits"] == "pixels"
    for layer in spec["layers"]:
        for prop, value in layer.items():
            if isinstance(value, str) and value.startswith("@@="):
                assert prop.startswith("get"), (layer["id"], prop, value)


def test_the_view_fits_the_boundary(real: tuple[dict, pd.DataFrame]) -> None:
    boundary, points = real
    spec = _deck(boundary, points)
    min_lon, min_lat, max_lon, max_lat = geo.geojson_bbox(boundary)
    view = spec["initialViewState"]
    assert min_lon < view["longitude"] < max_lon and min_lat < view["latitude"] < max_lat
    # Iwaki is about 0.5° across: the fitted zoom shows it whole in a 400 × 500 px map
    assert 8.5 < view["zoom"] < 9.5


def test_filters_change_the_number_of_points_in_the_deck(real: tuple[dict, pd.DataFrame]) -> None:
    boundary, points = real
    tsunami = geo.filter_points(points, hazards=["tsunami"])
    spec = _deck(boundary, tsunami)
    assert len(_layer(spec, "shelters")["data"]) == 0
    assert len(_layer(spec, "emergency_sites")["data"]) == 109
    schools = geo.filter_points(points, kinds=["shelter"], types=["elementary"])
    spec = _deck(boundary, schools)
    n = len(_layer(spec, "shelters")["data"])
    assert 0 < n < 280 and n == len(schools)
    assert all(d["type_label"] == "elementary" for d in _layer(spec, "shelters")["data"])


def test_type_colours_are_the_cud_palette_and_distinct() -> None:
    from dashboard.charts.theme import GREY, PALETTE

    colours = list(charts.TYPE_COLOURS.values())
    assert len(set(colours)) == len(colours)
    assert set(colours) <= set(PALETTE) | {GREY}
    assert charts.TYPE_COLOURS["other"] == GREY
    assert set(charts.TYPE_COLOURS) == {r[0] for r in place_rules.FACILITY_TYPE_RULES} | {"other"}


def test_per_resident_chart_spec() -> None:
    outlook = pd.DataFrame({"year": [2020, 2040, 2060], "population": [332_931, 255_645, 175_940]})
    per = m.per_resident_table(outlook, {"keep": 1281, "custom": 1000})
    per["scenario_label"] = per["scenario"].map({"keep": "keep 1,281", "custom": "1,000"})
    spec = charts.per_resident_chart(per, "year", "per 10k", 40.16, "2024 level").to_dict()
    values = next(iter(spec["datasets"].values()))
    assert len(values) == 6
    assert {round(v["per_10k"], 2) for v in values if v["scenario"] == "keep"} == {38.48, 50.11, 72.81}
    text = json.dumps(spec)
    assert "40.16" in text and "strokeDash" in text  # the 2024 level rule
    assert "http" not in text.replace("https://vega.github.io/schema", "")
    assert spec["config"]["axis"]["labelAngle"] == 0


def test_needed_and_district_charts_spec() -> None:
    needed = pd.DataFrame(
        {
            "year_label": ["2024", "2040", "2060"],
            "facilities": [1281, 1026.8, 706.6],
            "kind_label": ["actual", "held", "held"],
        }
    )
    spec = charts.needed_chart(needed, "year", "facilities").to_dict()
    assert len(next(iter(spec["datasets"].values()))) == 3
    bars = pd.DataFrame({"district_label": ["平", "小名浜"], "sites": [20, 30]})
    spec = charts.district_bar_chart(bars, "sites", "district").to_dict()
    assert spec["layer"][0]["encoding"]["y"]["sort"] == ["平", "小名浜"]


def test_rgba() -> None:
    assert charts.rgba("#0072B2", 200) == [0, 114, 178, 200]
