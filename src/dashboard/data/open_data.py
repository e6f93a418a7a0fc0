"""Third-party open data: the manifest, the checked fetch from a mirror, and the readers.

The files are never committed. The repository carries a manifest (path, size,
sha256, upstream, licence, credit line of each file); a deployment copies the
files from a folder or downloads them from an HTTP mirror into ``data/open/``
with :func:`fetch`, which verifies every checksum before a file is put in place.

The readers turn each file into a DataFrame with English column names; they
raise :class:`OpenDataMissing` when a file is absent so a page can say so and
show everything else.
"""

from __future__ import annotations

import json
import os
import tempfile
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.data import paths
from dashboard.data.errors import DataError, OpenDataMissing
from dashboard.data.store import sha256_bytes


@dataclass(frozen=True)
class OpenFile:
    """One entry of the open-data manifest."""

    path: str
    size: int
    sha256: str
    upstream: str
    licence: str
    credit: str
    source_id: str


def manifest() -> list[OpenFile]:
    """The committed manifest of open-data files."""
    entries = json.loads(paths.OPEN_DATA_MANIFEST.read_text(encoding="utf-8"))["files"]
    return [OpenFile(**e) for e in entries]


def manifest_entry(rel_path: str) -> OpenFile:
    """The manifest entry of one file."""
    for entry in manifest():
        if entry.path == rel_path:
            return entry
    raise KeyError(rel_path)


def open_path(rel_path: str) -> Path:
    """Absolute path of an open-data file in the configured folder (may not exist)."""
    return paths.open_data_dir() / rel_path


def status() -> dict[str, bool]:
    """For each manifest file, whether it is present in the configured folder."""
    return {e.path: open_path(e.path).is_file() for e in manifest()}


# --------------------------------------------------------------------------- fetch


@dataclass
class FetchReport:
    """What a fetch did: files copied, already up to date, and failures with reasons."""

    copied: list[str]
    unchanged: list[str]
    failed: dict[str, str]

    @property
    def ok(self) -> bool:
        """True when every file is in place and verified."""
        return not self.failed


def _read_from(origin: str, rel_path: str, timeout: float) -> bytes:
    parsed = urllib.parse.urlparse(origin)
    if parsed.scheme in ("http", "https"):
        url = origin.rstrip("/") + "/" + urllib.parse.quote(rel_path)
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.read()
    if parsed.scheme not in ("", "file"):
        raise ValueError(f"unsupported scheme {parsed.scheme!r}")
    base = Path(parsed.path if parsed.scheme == "file" else origin)
    return (base / rel_path).read_bytes()


def fetch(origin: str, dest: Path | None = None, timeout: float = 30.0) -> FetchReport:
    """Copy or download every manifest file from ``origin`` into ``dest``, verifying checksums.

    ``origin`` is a folder or an ``http(s)://`` mirror laid out like the
    manifest. A file whose size or sha256 does not match is not written (the
    previous good copy, if any, stays).
    """
    dest = dest or paths.local_open_data_dir()
    report = FetchReport(copied=[], unchanged=[], failed={})
    for entry in manifest():
        target = dest / entry.path
        if target.is_file() and sha256_bytes(target.read_bytes()) == entry.sha256:
            report.unchanged.append(entry.path)
            continue
        try:
            data = _read_from(origin, entry.path, timeout)
        except (OSError, ValueError) as exc:
            report.failed[entry.path] = f"not readable: {exc}"
            continue
        digest = sha256_bytes(data)
        if len(data) != entry.size or digest != entry.sha256:
            report.failed[entry.path] = f"checksum mismatch (size {len(data)}, sha256 {digest[:12]}…)"
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".fetch.")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)  # readable by a server running as another user
        os.replace(tmp, target)
        report.copied.append(entry.path)
    return report


def make_manifest(folder: Path, describe: dict[str, dict[str, str]]) -> dict[str, Any]:
    """Build the manifest for the files of ``folder`` named in ``describe`` (maintainers' tool)."""
    files = []
    for rel, info in sorted(describe.items()):
        data = (folder / rel).read_bytes()
        files.append({"path": rel, "size": len(data), "sha256": sha256_bytes(data), **info})
    return {"files": files}


# --------------------------------------------------------------------------- readers

MYNUMBER_FILES = {
    "iwaki": "mynumbercard/mynumbercard_iwaki_2017-2022.csv",
    "fukushima": "mynumbercard/mynumbercard_fukushima_2017-2022.csv",
    "all": "mynumbercard/mynumbercard_all_localgovs_2017-2022.csv",
}
CENSUS_FILES = {
    "fukushima": "population/census2015_fukushima_subset.csv",
    "all": "population/census2015_municipal_code4fukui.csv",
}
IPSS_FILE = "population/ipss_r5_2023_fukushima_selected.csv"
BOUNDARY_FILES = {
    "iwaki": "boundary/iwaki_07204_smri_s0010.geojson",
    "fukushima": "boundary/smri_N03-21_07_210101_fukushima_s0010.geojson",
}
SHELTER_FILE = "shelters/gsi_designated_shelters_iwaki_072044.geojson"
EMERGENCY_FILE = "shelters/gsi_emergency_sites_iwaki_072044.geojson"
TOWNS_FILE = "towns/geolonia_iwaki_towns.json"

HAZARD_COLUMNS: dict[str, str] = {
    "洪水": "flood",
    "崖崩れ、土石流及び地滑り": "landslide",
    "高潮": "storm_surge",
    "地震": "earthquake",
    "津波": "tsunami",
    "大規模な火事": "large_fire",
    "内水氾濫": "inland_flooding",
    "火山現象": "volcano",
}


def _require(rel_path: str) -> Path:
    path = open_path(rel_path)
    if not path.is_file():
        raise OpenDataMissing("open_data_missing", path, rel_path)
    return path


def _read_csv(rel_path: str, **kwargs: Any) -> pd.DataFrame:
    path = _require(rel_path)
    try:
        return pd.read_csv(path, encoding="utf-8-sig", **kwargs)
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise DataError("unreadable", path, str(exc)) from None


def _need(df: pd.DataFrame, columns: list[str], rel_path: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise DataError("missing_columns", open_path(rel_path), ", ".join(missing), column=missing[0])


def read_mynumbercard(scope: str) -> pd.DataFrame:
    """My Number card issuance snapshots for ``iwaki``, ``fukushima`` or ``all`` municipalities.

    Columns: snapshot (datetime), prefecture, municipality, code6 (six-digit
    local-government code with check digit), code5, population (住民基本台帳 on
    1 January of ``population_base_year``), cards, rate_pct.
    """
    rel = MYNUMBER_FILES[scope]
    raw = _read_csv(rel, dtype={"団体コード": str, "_snapshot": str})
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
    _need(raw, cols, rel)
    df = pd.DataFrame(
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
    df["code5"] = df["code6"].str[:5]
    return df


def read_census2015(scope: str = "fukushima") -> pd.DataFrame:
    """2015 census by area (2010 recombined to 2015 boundaries).

    Columns: code5, level (``a`` prefecture, ``2`` city, ``3`` town/village, …),
    name, pop_2015, pop_2010, change, change_pct, area_km2, households_2015.
    """
    rel = CENSUS_FILES[scope]
    raw = _read_csv(rel, dtype=str)
    if raw.shape[1] < 12:
        raise DataError("missing_columns", open_path(rel), f"{raw.shape[1]} columns")
    c = raw.columns
    df = pd.DataFrame(
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
    return df


def read_ipss() -> pd.DataFrame:
    """IPSS 2023 projections (2020 census base, 2025–2050 projected) for the areas in the file.

    Columns: code, kind, prefecture, area, year, total, age0_14, age15_64, age65plus, note.
    """
    df = _read_csv(IPSS_FILE, dtype={"code": str, "kind": str})
    _need(df, ["code", "kind", "prefecture", "area", "year", "total", "age0_14", "age15_64", "age65plus"], IPSS_FILE)
    df["area"] = df["area"].fillna(df["prefecture"])
    return df


def read_geojson(rel_path: str) -> dict[str, Any]:
    """A GeoJSON file as a dict."""
    path = _require(rel_path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError("unreadable", path, str(exc)) from None


def read_boundary(scope: str) -> dict[str, Any]:
    """Municipal boundary GeoJSON: ``iwaki`` (one polygon) or ``fukushima`` (59 municipalities)."""
    return read_geojson(BOUNDARY_FILES[scope])


def _points(rel_path: str) -> pd.DataFrame:
    gj = read_geojson(rel_path)
    rows = []
    for feat in gj.get("features", []):
        props = feat.get("properties") or {}
        lon, lat = (feat.get("geometry") or {}).get("coordinates", [None, None])[:2]
        row = {
            "site_id": str(props.get("共通ID", "")),
            "name": str(props.get("施設・場所名", "")).strip(),
            "address": str(props.get("住所", "")).strip(),
            "lon": lon,
            "lat": lat,
        }
        for ja, en in HAZARD_COLUMNS.items():
            if ja in props:
                row[en] = str(props.get(ja) or "").strip() == "1"
        rows.append(row)
    return pd.DataFrame(rows)


def read_shelters() -> pd.DataFrame:
    """Designated shelters (指定避難所): site_id, name, address, lon, lat."""
    return _points(SHELTER_FILE)


def read_emergency_sites() -> pd.DataFrame:
    """Designated emergency evacuation sites (指定緊急避難場所) with one boolean column per hazard."""
    return _points(EMERGENCY_FILE)


def read_towns() -> pd.DataFrame:
    """Town / koaza representative points: town, koaza, lat, lng (rows without coordinates dropped)."""
    path = _require(TOWNS_FILE)
    try:
        df = pd.DataFrame(json.loads(path.read_text(encoding="utf-8")))
    except (UnicodeDecodeError, json.JSONDecodeError, ValueError) as exc:
        raise DataError("unreadable", path, str(exc)) from None
    _need(df, ["town", "koaza", "lat", "lng"], TOWNS_FILE)
    return df.dropna(subset=["lat", "lng"]).reset_index(drop=True)


def signature(rel_path: str) -> tuple[int, int] | None:
    """(mtime_ns, size) of an open-data file, or None when absent: the cache key for its readers."""
    try:
        st = open_path(rel_path).stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)
