"""Build the repository's compact open data (``data/open/``) from the raw upstream files.

``dashboard build --open --raw DIR`` runs :func:`build`: every raw input is
checked against the raw manifest (``open_data_raw.json``: path, size,
sha256, upstream, licence, credit of each upstream file), then turned into
the files the pages read — Parquet tables with only the columns and rows the
pages use, and boundary GeoJSON with coordinates rounded to what the maps
draw (5 decimals of a degree, about 1 m) — and ``data/open/manifest.json``
records each built file: upstream, licence, credit line, as-of, rows, its
sha256 and the sha256 of every raw input it was built from.

Building twice from the same raw files gives the same bytes, so the manifest
(and git) only change when an upstream file does. The raw files are not
needed at run time or in tests.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from dashboard.data import atomic, open_data, paths
from dashboard.data.errors import DataError
from dashboard.data.store import sha256_bytes

RAW_MANIFEST: Path = Path(__file__).with_name("open_data_raw.json")
"""The raw upstream files the build accepts (path, size, sha256, upstream, licence, credit)."""

COORD_DIGITS = 5
"""Decimals of a degree kept in the boundaries (~1 m; the maps round to the same)."""


@dataclass(frozen=True)
class RawFile:
    """One raw upstream file the build reads."""

    path: str
    size: int
    sha256: str
    upstream: str
    licence: str
    credit: str
    source_id: str


def raw_manifest() -> list[RawFile]:
    """The committed list of raw upstream files (with their checksums)."""
    entries = json.loads(RAW_MANIFEST.read_text(encoding="utf-8"))["files"]
    return [RawFile(**e) for e in entries]


def _raw_bytes(raw_dir: Path, rel: str) -> bytes:
    """A raw file's bytes, refused unless they match the raw manifest."""
    entry = next((e for e in raw_manifest() if e.path == rel), None)
    path = raw_dir / rel
    if entry is None:
        raise DataError("unknown_value", path, "not in open_data_raw.json")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError("file_missing", path, str(exc)) from None
    if len(data) != entry.size or sha256_bytes(data) != entry.sha256:
        raise DataError("open_data_damaged", path, rel)
    return data


# --------------------------------------------------------------------------- raw readers


def _csv(data: bytes, path: Path, **kwargs: Any) -> pd.DataFrame:
    try:
        return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", **kwargs)
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise DataError("unreadable", path, str(exc)) from None


def _need(df: pd.DataFrame, columns: list[str], path: Path) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise DataError("missing_columns", path, ", ".join(missing), column=missing[0])


def mynumbercard(raw_dir: Path) -> pd.DataFrame:
    """All municipalities' My Number card snapshots (the national file: the DX page compares peers).

    Columns: snapshot, prefecture, municipality, code6, population, cards,
    rate_pct, population_base_year.
    """
    rel = "mynumbercard/mynumbercard_all_localgovs_2017-2022.csv"
    raw = _csv(_raw_bytes(raw_dir, rel), raw_dir / rel, dtype={"団体コード": str, "_snapshot": str})
    cols = [
        "_snapshot",
        "都道府県名",
        "市区町村名",
        "総数（人口）",
        "交付枚数",
        "人口に対する交付枚数率",
        "人口算出基準日",
        "団体コード",
    ]
    _need(raw, cols, raw_dir / rel)
    return pd.DataFrame(
        {
            "snapshot": pd.to_datetime(raw["_snapshot"], format="%Y%m%d"),
            "prefecture": raw["都道府県名"].astype(str),
            "municipality": raw["市区町村名"].astype(str),
            "code6": raw["団体コード"].astype(str).str.zfill(6),
            "population": pd.to_numeric(raw["総数（人口）"], errors="coerce"),
            "cards": pd.to_numeric(raw["交付枚数"], errors="coerce"),
            "rate_pct": pd.to_numeric(raw["人口に対する交付枚数率"], errors="coerce"),
            "population_base_year": pd.to_datetime(raw["人口算出基準日"], format="%Y/%m/%d", errors="coerce").dt.year,
        }
    )


def census2015(raw_dir: Path) -> pd.DataFrame:
    """The Fukushima rows of the 2015 census (the population page's peers and outlook).

    Columns: code5, level, name, pop_2015, pop_2010, change, change_pct, area_km2, households_2015.
    """
    rel = "population/census2015_fukushima_subset.csv"
    raw = _csv(_raw_bytes(raw_dir, rel), raw_dir / rel, dtype=str)
    if raw.shape[1] < 12:
        raise DataError("missing_columns", raw_dir / rel, f"{raw.shape[1]} columns")
    c = raw.columns
    return pd.DataFrame(
        {
            "code5": raw[c[0]].str.zfill(5),
            "level": raw[c[1]],
            "name": raw[c[4]].str.replace("\u3000", " ", regex=False).str.strip(),
            "pop_2015": pd.to_numeric(raw[c[5]], errors="coerce"),
            "pop_2010": pd.to_numeric(raw[c[6]], errors="coerce"),
            "change": pd.to_numeric(raw[c[7]], errors="coerce"),
            "change_pct": pd.to_numeric(raw[c[8]], errors="coerce"),
            "area_km2": pd.to_numeric(raw[c[9]], errors="coerce"),
            "households_2015": pd.to_numeric(raw[c[11]], errors="coerce"),
        }
    )


def ipss(raw_dir: Path) -> pd.DataFrame:
    """IPSS 2023 projections: code, kind, prefecture, area, year, total, age0_14, age15_64, age65plus, note."""
    rel = "population/ipss_r5_2023_fukushima_selected.csv"
    df = _csv(_raw_bytes(raw_dir, rel), raw_dir / rel, dtype={"code": str, "kind": str})
    _need(
        df, ["code", "kind", "prefecture", "area", "year", "total", "age0_14", "age15_64", "age65plus"], raw_dir / rel
    )
    df["area"] = df["area"].fillna(df["prefecture"])
    return df


def _json(raw_dir: Path, rel: str) -> Any:
    try:
        return json.loads(_raw_bytes(raw_dir, rel).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError("unreadable", raw_dir / rel, str(exc)) from None


def _points(raw_dir: Path, rel: str) -> pd.DataFrame:
    rows = []
    for feat in _json(raw_dir, rel).get("features", []):
        props = feat.get("properties") or {}
        lon, lat = (feat.get("geometry") or {}).get("coordinates", [None, None])[:2]
        row: dict[str, Any] = {
            "site_id": str(props.get("共通ID", "")),
            "name": str(props.get("施設・場所名", "")).strip(),
            "address": str(props.get("住所", "")).strip(),
            "lon": lon,
            "lat": lat,
        }
        for ja, en in open_data.HAZARD_COLUMNS.items():
            if ja in props:
                row[en] = str(props.get(ja) or "").strip() == "1"
        rows.append(row)
    return pd.DataFrame(rows)


def shelters(raw_dir: Path) -> pd.DataFrame:
    """Designated shelters (指定避難所): site_id, name, address, lon, lat."""
    return _points(raw_dir, "shelters/gsi_designated_shelters_iwaki_072044.geojson")


def emergency_sites(raw_dir: Path) -> pd.DataFrame:
    """Designated emergency evacuation sites with one boolean column per hazard."""
    return _points(raw_dir, "shelters/gsi_emergency_sites_iwaki_072044.geojson")


def towns(raw_dir: Path) -> pd.DataFrame:
    """Town / koaza points with coordinates: town, koaza, lat, lng."""
    rel = "towns/geolonia_iwaki_towns.json"
    try:
        df = pd.DataFrame(_json(raw_dir, rel))
    except ValueError as exc:
        raise DataError("unreadable", raw_dir / rel, str(exc)) from None
    _need(df, ["town", "koaza", "lat", "lng"], raw_dir / rel)
    return df[["town", "koaza", "lat", "lng"]].dropna(subset=["lat", "lng"]).reset_index(drop=True)


def _round(coords: Any) -> Any:
    if isinstance(coords, (int, float)):
        return round(float(coords), COORD_DIGITS)
    return [_round(c) for c in coords]


def _boundary(raw_dir: Path, rel: str) -> dict[str, Any]:
    gj = _json(raw_dir, rel)
    features = [
        {
            "type": "Feature",
            "properties": feat.get("properties") or {},
            "geometry": {"type": feat["geometry"]["type"], "coordinates": _round(feat["geometry"]["coordinates"])},
        }
        for feat in gj.get("features", [])
    ]
    return {"type": "FeatureCollection", "features": features}


def boundary_iwaki(raw_dir: Path) -> dict[str, Any]:
    """Iwaki's boundary (one polygon), coordinates rounded to ~1 m."""
    return _boundary(raw_dir, "boundary/iwaki_07204_smri_s0010.geojson")


def boundary_fukushima(raw_dir: Path) -> dict[str, Any]:
    """The 59 municipalities of Fukushima, coordinates rounded to ~1 m."""
    return _boundary(raw_dir, "boundary/smri_N03-21_07_210101_fukushima_s0010.geojson")


# --------------------------------------------------------------------------- recipes


@dataclass(frozen=True)
class Recipe:
    """How one file of ``data/open/`` is made: from which raw inputs, by which function, as of when."""

    path: str
    inputs: tuple[str, ...]
    make: Callable[[Path], pd.DataFrame | dict[str, Any]]
    as_of: str | None
    """The data's date as the upstream states it (None: the upstream does not state one)."""


RECIPES: tuple[Recipe, ...] = (
    Recipe(
        open_data.BOUNDARY_FILES["iwaki"], ("boundary/iwaki_07204_smri_s0010.geojson",), boundary_iwaki, "2021-01-01"
    ),
    Recipe(
        open_data.BOUNDARY_FILES["fukushima"],
        ("boundary/smri_N03-21_07_210101_fukushima_s0010.geojson",),
        boundary_fukushima,
        "2021-01-01",
    ),
    Recipe(
        open_data.MYNUMBER_FILE,
        ("mynumbercard/mynumbercard_all_localgovs_2017-2022.csv",),
        mynumbercard,
        None,  # the latest snapshot, filled in from the data
    ),
    Recipe(
        open_data.CENSUS_FILES["fukushima"], ("population/census2015_fukushima_subset.csv",), census2015, "2015-10-01"
    ),
    Recipe(open_data.IPSS_FILE, ("population/ipss_r5_2023_fukushima_selected.csv",), ipss, "2023-12-22"),
    Recipe(open_data.SHELTER_FILE, ("shelters/gsi_designated_shelters_iwaki_072044.geojson",), shelters, "2025-10-27"),
    Recipe(
        open_data.EMERGENCY_FILE, ("shelters/gsi_emergency_sites_iwaki_072044.geojson",), emergency_sites, "2025-10-27"
    ),
    Recipe(open_data.TOWNS_FILE, ("towns/geolonia_iwaki_towns.json",), towns, None),
)


def encode(made: pd.DataFrame | dict[str, Any]) -> bytes:
    """The bytes of a built file: Parquet (zstd, no index) for a table, compact UTF-8 JSON for GeoJSON."""
    if isinstance(made, pd.DataFrame):
        sink = pa.BufferOutputStream()
        pq.write_table(pa.Table.from_pandas(made, preserve_index=False), sink, compression="zstd")
        return bytes(sink.getvalue().to_pybytes())
    return json.dumps(made, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _rows(made: pd.DataFrame | dict[str, Any]) -> int:
    return len(made) if isinstance(made, pd.DataFrame) else len(made.get("features", []))


def _as_of(recipe: Recipe, made: pd.DataFrame | dict[str, Any]) -> str | None:
    if recipe.as_of is None and isinstance(made, pd.DataFrame) and "snapshot" in made.columns:
        return str(made["snapshot"].max().date())
    return recipe.as_of


def build(raw_dir: Path, dest: Path | None = None) -> list[open_data.OpenFile]:
    """Build every file of the open data from ``raw_dir`` into ``dest`` (default ``data/open/``).

    All files are made (and every raw input verified) before anything is
    written, so a bad raw folder leaves ``dest`` as it was. Returns the new
    manifest's entries.
    """
    dest = dest or paths.local_open_data_dir()
    raw = {e.path: e for e in raw_manifest()}
    built: list[tuple[open_data.OpenFile, bytes]] = []
    for recipe in RECIPES:
        made = recipe.make(raw_dir)
        data = encode(made)
        first = raw[recipe.inputs[0]]
        entry = open_data.OpenFile(
            path=recipe.path,
            size=len(data),
            sha256=sha256_bytes(data),
            rows=_rows(made),
            as_of=_as_of(recipe, made),
            upstream=first.upstream,
            licence=first.licence,
            credit=first.credit,
            source_id=first.source_id,
            built_from=tuple({"path": p, "sha256": raw[p].sha256} for p in recipe.inputs),
        )
        built.append((entry, data))
    for entry, data in built:
        atomic.write_bytes(dest / entry.path, data)
    entries = [entry for entry, _ in built]
    open_data.write_manifest(dest, entries)
    return entries
