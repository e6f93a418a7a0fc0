"""Facility metrics against hand-computed values, and the geometry helpers behind the map."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.data import load_dataset
from dashboard.metrics import facilities as m
from dashboard.metrics import geo

OUTLOOK = pd.DataFrame({"year": [2020, 2040, 2060], "population": [332_931, 255_645, 175_940]})


def test_count_change_from_the_report() -> None:
    change = m.count_change(load_dataset("facility_counts"))
    assert (change.start_year, change.end_year, change.start, change.end) == (2021, 2024, 1316, 1281)
    assert change.change == -35
    # hand: -35 / 1316 = -0.026596 → -2.66 %
    assert change.change_pct == pytest.approx(-2.6596, abs=1e-4)
    assert round(change.change_pct, 1) == -2.7


def test_count_change_ignores_the_2025_label_row() -> None:
    counts = pd.DataFrame(
        {
            "year": [2021, 2024, 2025],
            "facilities": [1316, 1281, None],
            "status": ["actual", "actual", "towards_optimal"],
        }
    )
    assert m.count_change(counts).end_year == 2024
    with pytest.raises(ValueError):
        m.count_change(counts.iloc[[0, 2]])


def test_per_10k_hand_computed() -> None:
    # 1,281 / 332,931 × 10,000 = 38.4764…; / 255,645 = 50.1086…; / 175,940 = 72.8089…
    assert m.per_10k(1281, 332_931) == pytest.approx(38.4764, abs=1e-4)
    assert m.per_10k(1281, 255_645) == pytest.approx(50.1086, abs=1e-4)
    assert m.per_10k(1281, 175_940) == pytest.approx(72.8089, abs=1e-4)
    # 2024 level: 1,281 / 318,946 (2024-05-01) × 10,000 = 40.1635…
    assert m.per_10k(1281, 318_946) == pytest.approx(40.1635, abs=1e-4)
    with pytest.raises(ValueError):
        m.per_10k(1281, 0)


def test_per_resident_table_keep_and_custom() -> None:
    table = m.per_resident_table(OUTLOOK, {"keep": 1281, "custom": 1024.8})
    assert list(table.columns) == ["scenario", "year", "facilities", "population", "per_10k"]
    assert len(table) == 6
    keep = table[table["scenario"] == "keep"].set_index("year")["per_10k"]
    assert keep[2060] == pytest.approx(72.8089, abs=1e-4)
    custom = table[table["scenario"] == "custom"].set_index("year")["per_10k"]
    # 1,024.8 / 175,940 × 10,000 = 58.2471…
    assert custom[2060] == pytest.approx(58.2471, abs=1e-4)


def test_scenarios_start_from_the_count_year_no_bar_for_2020() -> None:
    # 1,281 is 2024's count: holding it says nothing about 2020, which had another count (2021: 1,316).
    table = m.per_resident_table(OUTLOOK, {"keep": 1281, "custom": 1024.8}, after_year=2024)
    assert sorted(set(table["year"])) == [2040, 2060]
    assert len(table) == 4


def test_reduction_rate_and_count_are_inverse() -> None:
    assert m.count_after_reduction(1281, 20) == pytest.approx(1024.8)
    assert m.reduction_pct_of(1281, 1024.8) == pytest.approx(20.0)
    assert m.reduction_pct_of(1281, 1281) == 0


def test_hold_level_table_hand_computed() -> None:
    table = m.hold_level_table(OUTLOOK, 1281, 318_946).set_index("year")
    assert list(table.index) == [2040, 2060]
    # 2040: 1,281 × 255,645 / 318,946 = 1,026.761; cut 254.239 = 19.847 %
    assert table.loc[2040, "facilities_needed"] == pytest.approx(1026.761, abs=1e-3)
    assert table.loc[2040, "reduction"] == pytest.approx(254.239, abs=1e-3)
    assert table.loc[2040, "reduction_pct"] == pytest.approx(19.847, abs=1e-3)
    # 2060: 1,281 × 175,940 / 318,946 = 706.637; cut 574.363 = 44.837 %
    assert table.loc[2060, "facilities_needed"] == pytest.approx(706.637, abs=1e-3)
    assert table.loc[2060, "reduction_pct"] == pytest.approx(44.837, abs=1e-3)
    # holding the level means the same per-resident figure in every year
    for year, row in table.iterrows():
        assert m.per_10k(row["facilities_needed"], OUTLOOK.set_index("year").loc[year, "population"]) == pytest.approx(
            m.per_10k(1281, 318_946)
        )


def test_the_published_2024_population_is_the_one_used() -> None:
    figures = load_dataset("context_figures").set_index("figure_id")
    assert figures.loc["population_2024_05_01", "value"] == 318_946
    assert figures.loc["population_2024_05_01", "source_id"] == "iwaki_minpo_2024_05_28"


# --------------------------------------------------------------------------- geometry


def test_geojson_bbox() -> None:
    gj = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[140.5, 36.8], [141.0, 36.8], [141.0, 37.3], [140.5, 36.8]]],
                },
            },
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [140.4, 37.0]}},
        ],
    }
    assert geo.geojson_bbox(gj) == (140.4, 36.8, 141.0, 37.3)
    with pytest.raises(ValueError):
        geo.geojson_bbox({"type": "FeatureCollection", "features": []})


def test_fit_view_contains_the_box() -> None:
    bbox = (140.57, 36.83, 141.05, 37.27)
    view = geo.fit_view(bbox, 400, 500, padding_px=24)
    world = 512 * 2 ** view["zoom"]

    def merc(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / (2 * math.pi)

    width_px = (bbox[2] - bbox[0]) / 360 * world
    height_px = (merc(bbox[3]) - merc(bbox[1])) * world
    assert width_px <= 400 - 48 + 1e-6 and height_px <= 500 - 48 + 1e-6
    # and it is tight on one side (the box is not simply tiny)
    assert max(width_px / 352, height_px / 452) == pytest.approx(1.0)
    assert bbox[0] < view["longitude"] < bbox[2] and bbox[1] < view["latitude"] < bbox[3]


def test_nearest_towns_and_filters() -> None:
    towns = pd.DataFrame(
        {"town": ["平", "小名浜", "郷ケ丘一丁目"], "lat": [37.05, 36.95, 37.02], "lng": [140.89, 140.89, 140.85]}
    )
    points = pd.DataFrame(
        {"site_id": ["a", "b", "c"], "lon": [140.891, 140.889, 140.851], "lat": [37.049, 36.951, 37.021]}
    )
    out = geo.assign_districts(points, towns, {"平": "taira", "小名浜": "onahama"})
    assert list(out["nearest_town"]) == ["平", "小名浜", "郷ケ丘一丁目"]
    assert list(out["district"]) == ["taira", "onahama", "unknown"]
    assert out["town_km"].max() < 0.2


def _sample_points() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "site_id": ["s1", "s2", "e1", "e2"],
            "kind": ["shelter", "shelter", "emergency", "emergency"],
            "type": ["elementary", "gym", "elementary", "other"],
            "district": ["taira", "onahama", "taira", "unknown"],
            "flood": [False, False, True, False],
            "tsunami": [False, False, False, True],
            "storm_surge": False,
            "earthquake": False,
            "large_fire": False,
            "landslide": False,
            "inland_flooding": False,
        }
    )


def test_filters_change_the_number_of_points() -> None:
    pts = _sample_points()
    assert len(geo.filter_points(pts)) == 4
    assert len(geo.filter_points(pts, kinds=["shelter"])) == 2
    assert len(geo.filter_points(pts, types=["elementary"])) == 2
    assert len(geo.filter_points(pts, types=[])) == 0
    # a hazard filter keeps emergency sites designated for any chosen hazard
    assert list(geo.filter_points(pts, hazards=["tsunami"])["site_id"]) == ["e2"]
    assert list(geo.filter_points(pts, hazards=["tsunami", "flood"])["site_id"]) == ["e1", "e2"]


def test_tables_by_district() -> None:
    pts = _sample_points()
    wide = geo.type_district_counts(pts, ["elementary", "gym", "other"], ["taira", "onahama", "unknown"])
    assert list(wide.columns) == ["district", "elementary", "gym", "other", "total"]
    assert wide.set_index("district").loc["taira", "elementary"] == 2
    assert wide["total"].sum() == 4
    tsunami = geo.hazard_counts_by_district(pts, "tsunami", ["taira", "onahama", "unknown"])
    assert tsunami.set_index("district")["sites"].to_dict() == {"taira": 0, "onahama": 0, "unknown": 1}


def test_selected_site_id() -> None:
    pts = _sample_points()
    assert geo.selected_site_id({"shelters": [{"site_id": "s2", "name": "x"}]}, pts) == "s2"
    # a stale selection (point filtered away) is ignored
    assert geo.selected_site_id({"shelters": [{"site_id": "s2"}]}, pts[pts["site_id"] != "s2"]) is None
    assert geo.selected_site_id({}, pts) is None
    assert geo.selected_site_id(None, pts) is None
