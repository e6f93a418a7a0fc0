"""Pure geography helpers for the facility map: type from a name, district from the nearest town, view fitting.

Nothing here reads files: the rule tables (Japanese name patterns) come from
:mod:`dashboard.data.place_rules` through the caller, so the functions can be
tested with the real tables and real names.

District (地区) of a point: no district boundaries are published, so a point
gets the district of the *nearest town point* (Geolonia's representative
points of 町丁目 / 小字), read from the town's name with a prefix table. That is
an approximation — near a district border the nearest town point may lie
across it — and is always labelled so.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

EARTH_RADIUS_KM = 6371.0088
# deck.gl / web-mercator tiles are 512 px wide at zoom 0.
TILE_SIZE_PX = 512
HAZARDS: tuple[str, ...] = (
    "flood",
    "tsunami",
    "storm_surge",
    "earthquake",
    "large_fire",
    "landslide",
    "inland_flooding",
)


def classify_facility(name: str, rules: Sequence[tuple[str, str]], other: str = "other") -> str:
    """The type id of a facility from its name: the first rule whose pattern occurs in it, else ``other``."""
    text = (name or "").strip()
    for type_id, pattern in rules:
        if re.search(pattern, text):
            return type_id
    return other


def district_of_town(town: str, prefixes: Mapping[str, str], unknown: str = "unknown") -> str:
    """The district id of a town name by its longest matching prefix, else ``unknown``."""
    text = (town or "").strip()
    best = ""
    for prefix in prefixes:
        if text.startswith(prefix) and len(prefix) > len(best):
            best = prefix
    return prefixes[best] if best else unknown


def town_of_address(address: str, city_prefix: str) -> str:
    """The part of an address after the city (``福島県いわき市平字梅本21`` → ``平字梅本21``)."""
    text = (address or "").strip()
    return text[len(city_prefix) :] if text.startswith(city_prefix) else text


def nearest_towns(points: pd.DataFrame, towns: pd.DataFrame) -> pd.DataFrame:
    """For each point (lon, lat) the nearest town point (town, lng, lat): ``nearest_town``, ``town_km``.

    Great-circle distance (haversine); 575 points × 2,961 towns is a small
    matrix, so a plain numpy broadcast is enough.
    """
    if points.empty or towns.empty:
        return pd.DataFrame(
            {"nearest_town": pd.Series(dtype=str), "town_km": pd.Series(dtype=float)}, index=points.index
        )
    lat1 = np.radians(points["lat"].to_numpy(dtype=float))[:, None]
    lon1 = np.radians(points["lon"].to_numpy(dtype=float))[:, None]
    lat2 = np.radians(towns["lat"].to_numpy(dtype=float))[None, :]
    lon2 = np.radians(towns["lng"].to_numpy(dtype=float))[None, :]
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    dist = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    idx = dist.argmin(axis=1)
    return pd.DataFrame(
        {"nearest_town": towns["town"].to_numpy()[idx].astype(str), "town_km": dist[np.arange(len(idx)), idx]},
        index=points.index,
    )


def assign_districts(
    points: pd.DataFrame, towns: pd.DataFrame, prefixes: Mapping[str, str], unknown: str = "unknown"
) -> pd.DataFrame:
    """``points`` with ``nearest_town``, ``town_km`` and ``district`` (approximate, from the nearest town's name)."""
    near = nearest_towns(points, towns)
    out = points.join(near)
    out["district"] = [district_of_town(t, prefixes, unknown) for t in out["nearest_town"]]
    return out


def hazard_list(row: Mapping[str, Any], hazards: Iterable[str] = HAZARDS) -> list[str]:
    """The hazard ids a site is designated for (columns that are True; missing columns count as False)."""
    return [h for h in hazards if bool(row.get(h, False)) is True]


def facility_points(
    shelters: pd.DataFrame,
    emergency: pd.DataFrame,
    type_rules: Sequence[tuple[str, str]],
    towns: pd.DataFrame,
    prefixes: Mapping[str, str],
) -> pd.DataFrame:
    """Shelters and emergency sites as one table: kind, type, district and hazards for every located point.

    Columns: site_id, kind (``shelter`` / ``emergency``), name, address, lon, lat,
    type, nearest_town, town_km, district, one bool column per hazard (False
    for shelters: the shelter file designates no hazards), hazards (list of ids).
    """
    parts = []
    for kind, frame in (("shelter", shelters), ("emergency", emergency)):
        part = frame.copy()
        part.insert(1, "kind", kind)
        for hazard in HAZARDS:
            part[hazard] = part[hazard].fillna(False).astype(bool) if hazard in part else False
        parts.append(part[["site_id", "kind", "name", "address", "lon", "lat", *HAZARDS]])
    points = pd.concat(parts, ignore_index=True).dropna(subset=["lon", "lat"]).reset_index(drop=True)
    points["type"] = [classify_facility(n, type_rules) for n in points["name"]]
    points = assign_districts(points, towns, prefixes)
    points["hazards"] = [hazard_list(r) for r in points[list(HAZARDS)].to_dict("records")]
    return points


def filter_points(
    points: pd.DataFrame,
    kinds: Iterable[str] | None = None,
    types: Iterable[str] | None = None,
    hazards: Iterable[str] | None = None,
) -> pd.DataFrame:
    """The points of the chosen kinds and types; with hazards chosen, only sites designated for any of them.

    ``None`` means "no filter"; an empty list means "nothing". Shelters carry
    no hazard designation, so a hazard filter leaves emergency sites only.
    """
    mask = pd.Series(True, index=points.index)
    if kinds is not None:
        mask &= points["kind"].isin(list(kinds))
    if types is not None:
        mask &= points["type"].isin(list(types))
    chosen = list(hazards or [])
    if chosen:
        mask &= points[chosen].any(axis=1)
    return points[mask]


def type_district_counts(points: pd.DataFrame, types: Sequence[str], districts: Sequence[str]) -> pd.DataFrame:
    """Counts by district (rows, in ``districts`` order) × type (columns, in ``types`` order), with a total column."""
    table = pd.crosstab(points["district"], points["type"]) if not points.empty else pd.DataFrame()
    table = table.reindex(index=list(districts), columns=list(types), fill_value=0).fillna(0).astype(int)
    table["total"] = table.sum(axis=1)
    table.index.name = "district"
    table.columns.name = None
    return table.reset_index()


def hazard_counts_by_district(points: pd.DataFrame, hazard: str, districts: Sequence[str]) -> pd.DataFrame:
    """Number of emergency sites designated for ``hazard`` in each district (every district listed)."""
    sites = points[(points["kind"] == "emergency") & points[hazard]]
    counts = sites.groupby("district").size().reindex(list(districts), fill_value=0).astype(int)
    return counts.rename("sites").rename_axis("district").reset_index()


def selected_site_id(objects: Mapping[str, Sequence[Mapping[str, Any]]] | None, points: pd.DataFrame) -> str | None:
    """The site id of the clicked object (pydeck selection ``objects``) if it is among ``points``, else None.

    After a filter change the chart's stored selection can point at a site that
    is no longer shown; such a selection is ignored rather than shown stale.
    """
    for layer_objects in (objects or {}).values():
        for obj in layer_objects or []:
            site_id = str(obj.get("site_id", ""))
            if site_id and site_id in set(points["site_id"]):
                return site_id
    return None


def geojson_bbox(geojson: Mapping[str, Any]) -> tuple[float, float, float, float]:
    """(min_lon, min_lat, max_lon, max_lat) of every coordinate in a GeoJSON object."""
    lons: list[float] = []
    lats: list[float] = []

    def walk(coords: Any) -> None:
        if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
            lons.append(float(coords[0]))
            lats.append(float(coords[1]))
        elif isinstance(coords, (list, tuple)):
            for item in coords:
                walk(item)

    def visit(obj: Mapping[str, Any]) -> None:
        kind = obj.get("type")
        if kind == "FeatureCollection":
            for feature in obj.get("features", []):
                visit(feature)
        elif kind == "Feature":
            visit(obj.get("geometry") or {})
        elif kind == "GeometryCollection":
            for geometry in obj.get("geometries", []):
                visit(geometry)
        else:
            walk(obj.get("coordinates", []))

    visit(geojson)
    if not lons:
        raise ValueError("GeoJSON without coordinates")
    return min(lons), min(lats), max(lons), max(lats)


def rounded_geojson(geojson: Mapping[str, Any], digits: int = 5) -> dict[str, Any]:
    """A copy of a GeoJSON object with every coordinate rounded to ``digits`` decimals.

    For drawing: 5 decimals of a degree is about 1 m here, far below a pixel
    at any zoom the maps use, and it halves the JSON sent for each map.
    Properties are copied unchanged.
    """

    def coords(value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            if value and isinstance(value[0], (int, float)) and not isinstance(value[0], bool):
                return [round(float(v), digits) for v in value]
            return [coords(v) for v in value]
        return value

    def visit(obj: Any) -> Any:
        if not isinstance(obj, Mapping):
            return obj
        out = dict(obj)
        if "coordinates" in out:
            out["coordinates"] = coords(out["coordinates"])
        for key in ("features", "geometries"):
            if key in out:
                out[key] = [visit(item) for item in out[key]]
        if "geometry" in out:
            out["geometry"] = visit(out["geometry"])
        return out

    return visit(geojson)


def _mercator_y(lat: float) -> float:
    """Web-mercator y of a latitude, in units where the world is 1 wide."""
    rad = math.radians(lat)
    return math.log(math.tan(math.pi / 4 + rad / 2)) / (2 * math.pi)


def fit_view(
    bbox: tuple[float, float, float, float], width_px: int, height_px: int, padding_px: int = 24
) -> dict[str, float]:
    """Centre and zoom that show ``bbox`` whole in a ``width_px`` × ``height_px`` map (deck.gl's fitBounds).

    Returns ``{"longitude", "latitude", "zoom"}``. The centre is the mercator
    midpoint, so the box sits in the middle of the view at any latitude.
    """
    min_lon, min_lat, max_lon, max_lat = bbox
    span_x = max((max_lon - min_lon) / 360.0, 1e-9)
    span_y = max(_mercator_y(max_lat) - _mercator_y(min_lat), 1e-9)
    usable_w = max(width_px - 2 * padding_px, 1)
    usable_h = max(height_px - 2 * padding_px, 1)
    zoom = math.log2(min(usable_w / (span_x * TILE_SIZE_PX), usable_h / (span_y * TILE_SIZE_PX)))
    mid_y = (_mercator_y(max_lat) + _mercator_y(min_lat)) / 2
    latitude = math.degrees(2 * math.atan(math.exp(mid_y * 2 * math.pi)) - math.pi / 2)
    return {"longitude": (min_lon + max_lon) / 2, "latitude": latitude, "zoom": zoom}
