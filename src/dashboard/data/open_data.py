"""Third-party open data: the files in ``data/open/``, their manifest, the checked fetch, and the readers.

The repository carries compact copies of the open data the pages use
(``data/open/``, built by ``dashboard build --open`` from the raw upstream
files, see :mod:`dashboard.data.open_build`) with a manifest
(``data/open/manifest.json``: path, size, sha256, rows, as-of, upstream,
licence, credit line, and the sha256 of the raw inputs of each file). A
fresh clone is therefore complete. ``DASHBOARD_OPEN_DATA_DIR`` may point at
another folder laid out the same way (with its own manifest), and
:func:`fetch` refreshes ``data/open/`` from a newer mirror.

Every read checks the file against the manifest of its folder: a missing
file raises :class:`OpenDataMissing` (code ``open_data_missing``), a
truncated or altered one the same class with code ``open_data_damaged``, so
a page names the file and what to run and shows everything else.
"""

from __future__ import annotations

import io
import json
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

from dashboard.data import atomic, paths
from dashboard.data.errors import DataError, OpenDataMissing
from dashboard.data.store import sha256_bytes

MANIFEST = "manifest.json"
"""The manifest's name inside an open-data folder (``data/open/manifest.json``)."""

MYNUMBER_FILE = "mynumbercard/mynumbercard_2017-2022.parquet"
MYNUMBER_FILES = {"iwaki": MYNUMBER_FILE, "fukushima": MYNUMBER_FILE, "all": MYNUMBER_FILE}
"""Every scope is read from the one national file (Iwaki and Fukushima are its rows)."""
CENSUS_FILES = {"fukushima": "population/census2015_fukushima.parquet"}
IPSS_FILE = "population/ipss_r5_2023_fukushima.parquet"
BOUNDARY_FILES = {"iwaki": "boundary/iwaki.geojson", "fukushima": "boundary/fukushima.geojson"}
SHELTER_FILE = "shelters/designated_shelters_iwaki.parquet"
EMERGENCY_FILE = "shelters/emergency_sites_iwaki.parquet"
TOWNS_FILE = "towns/iwaki_towns.parquet"

IWAKI_CODE5 = "07204"
FUKUSHIMA_PREF_CODE = "07"

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


@dataclass(frozen=True)
class OpenFile:
    """One entry of an open-data manifest."""

    path: str
    size: int
    sha256: str
    rows: int
    as_of: str | None
    upstream: str
    licence: str
    credit: str
    source_id: str
    built_from: tuple[dict[str, str], ...] = field(default_factory=tuple)
    """The raw upstream files (path, sha256) the file was built from."""


def read_manifest(folder: Path) -> list[OpenFile]:
    """The manifest of an open-data folder (empty when it has none or it cannot be read)."""
    try:
        entries = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"]
        return [OpenFile(**{**e, "built_from": tuple(e.get("built_from", ()))}) for e in entries]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def manifest() -> list[OpenFile]:
    """The manifest of the folder in use (:func:`dashboard.data.paths.open_data_dir`)."""
    return read_manifest(paths.open_data_dir())


def manifest_entry(rel_path: str) -> OpenFile:
    """The manifest entry of one file in the folder in use."""
    for entry in manifest():
        if entry.path == rel_path:
            return entry
    raise KeyError(rel_path)


def manifest_text(entries: list[OpenFile]) -> str:
    """The manifest file's text for ``entries`` (stable: sorted keys, one entry per file)."""
    files = [{**asdict(e), "built_from": list(e.built_from)} for e in entries]
    return json.dumps({"files": files}, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_manifest(folder: Path, entries: list[OpenFile]) -> None:
    """Write ``folder/manifest.json`` for ``entries``."""
    atomic.write_bytes(folder / MANIFEST, manifest_text(entries).encode("utf-8"))


def open_path(rel_path: str) -> Path:
    """Absolute path of an open-data file in the folder in use (may not exist)."""
    return paths.open_data_dir() / rel_path


# --------------------------------------------------------------------------- state of the files


@dataclass(frozen=True)
class FileState:
    """Which version of a file is in use and whether it is intact."""

    path: str
    state: str
    """``ok``, ``missing`` or ``damaged`` (size or checksum differs from the manifest)."""
    entry: OpenFile | None


def _state(folder: Path, entry: OpenFile) -> str:
    try:
        data = (folder / entry.path).read_bytes()
    except OSError:
        return "missing"
    return "ok" if len(data) == entry.size and sha256_bytes(data) == entry.sha256 else "damaged"


def status() -> list[FileState]:
    """Every file the pages read, with its manifest entry in the folder in use and its state."""
    folder = paths.open_data_dir()
    entries = {e.path: e for e in read_manifest(folder)}
    states = []
    for rel in required_files():
        entry = entries.get(rel)
        states.append(FileState(rel, _state(folder, entry) if entry else "missing", entry))
    return states


def required_files() -> list[str]:
    """The files the pages read, once each."""
    files = [
        MYNUMBER_FILE,
        *CENSUS_FILES.values(),
        IPSS_FILE,
        *BOUNDARY_FILES.values(),
        SHELTER_FILE,
        EMERGENCY_FILE,
        TOWNS_FILE,
    ]
    return list(dict.fromkeys(files))


def verified_bytes(rel_path: str) -> bytes:
    """An open-data file's bytes, checked against its folder's manifest.

    Raises :class:`OpenDataMissing` with code ``open_data_missing`` when the
    file (or its manifest entry) is absent and ``open_data_damaged`` when its
    size or sha256 differs (truncated, altered, or from another version).
    """
    folder = paths.open_data_dir()
    path = folder / rel_path
    try:
        data = path.read_bytes()
    except OSError:
        raise OpenDataMissing("open_data_missing", folder, rel_path) from None
    entry = next((e for e in read_manifest(folder) if e.path == rel_path), None)
    if entry is None:
        raise OpenDataMissing("open_data_missing", folder / MANIFEST, rel_path)
    if len(data) != entry.size or sha256_bytes(data) != entry.sha256:
        raise OpenDataMissing("open_data_damaged", path, rel_path)
    return data


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
            return bytes(resp.read())
    if parsed.scheme not in ("", "file"):
        raise ValueError(f"unsupported scheme {parsed.scheme!r}")
    base = Path(parsed.path if parsed.scheme == "file" else origin)
    return (base / rel_path).read_bytes()


def _mirror_manifest(origin: str, timeout: float) -> list[OpenFile]:
    data = _read_from(origin, MANIFEST, timeout)
    entries = json.loads(data.decode("utf-8"))["files"]
    return [OpenFile(**{**e, "built_from": tuple(e.get("built_from", ()))}) for e in entries]


def fetch(origin: str, dest: Path | None = None, timeout: float = 30.0) -> FetchReport:
    """Refresh ``dest`` (default ``data/open/``) from a mirror, all or nothing.

    ``origin`` is a folder or an ``http(s)://`` mirror laid out like
    ``data/open/`` (its ``manifest.json`` and the files it lists). Every file
    the pages read must be listed and every listed file must match its size
    and sha256; otherwise nothing at all is written and the report names each
    failure. Then the files are put in place and the mirror's manifest last.
    """
    dest = dest or paths.local_open_data_dir()
    report = FetchReport(copied=[], unchanged=[], failed={})
    try:
        entries = _mirror_manifest(origin, timeout)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        report.failed[MANIFEST] = f"not readable: {exc}"
        return report
    listed = {e.path for e in entries}
    for rel in required_files():
        if rel not in listed:
            report.failed[rel] = "not in the mirror's manifest"
    fresh: list[tuple[OpenFile, bytes]] = []
    for entry in entries:
        if _state(dest, entry) == "ok":
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
        fresh.append((entry, data))
    if report.failed:
        report.unchanged.clear()
        return report
    for entry, data in fresh:
        atomic.write_bytes(dest / entry.path, data)
        report.copied.append(entry.path)
    write_manifest(dest, entries)
    return report


# --------------------------------------------------------------------------- readers


def _table(rel_path: str) -> pd.DataFrame:
    data = verified_bytes(rel_path)
    try:
        return pq.read_table(io.BytesIO(data)).to_pandas()
    except (OSError, ValueError) as exc:  # pyarrow's errors derive from these
        raise DataError("unreadable", open_path(rel_path), str(exc)) from None


def read_mynumbercard(scope: str) -> pd.DataFrame:
    """My Number card issuance snapshots for ``iwaki``, ``fukushima`` or ``all`` municipalities.

    Columns: snapshot (datetime), prefecture, municipality, code6 (six-digit
    local-government code with check digit), code5, population (住民基本台帳 on
    1 January of ``population_base_year``), cards, rate_pct.
    """
    df = _table(MYNUMBER_FILES[scope])
    df["code5"] = df["code6"].str[:5]
    if scope == "iwaki":
        df = df[df["code5"] == IWAKI_CODE5]
    elif scope == "fukushima":
        df = df[df["code5"].str[:2] == FUKUSHIMA_PREF_CODE]
    return df.reset_index(drop=True)


def read_census2015(scope: str = "fukushima") -> pd.DataFrame:
    """2015 census by area (2010 recombined to 2015 boundaries).

    Columns: code5, level (``a`` prefecture, ``2`` city, ``3`` town/village, …),
    name, pop_2015, pop_2010, change, change_pct, area_km2, households_2015.
    """
    return _table(CENSUS_FILES[scope])


def read_ipss() -> pd.DataFrame:
    """IPSS 2023 projections (2020 census base, 2025–2050 projected) for the areas in the file.

    Columns: code, kind, prefecture, area, year, total, age0_14, age15_64, age65plus, note.
    """
    return _table(IPSS_FILE)


def read_geojson(rel_path: str) -> dict[str, Any]:
    """A GeoJSON file as a dict."""
    data = verified_bytes(rel_path)
    try:
        parsed = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError("unreadable", open_path(rel_path), str(exc)) from None
    if not isinstance(parsed, dict):
        raise DataError("unreadable", open_path(rel_path), "not a GeoJSON object")
    return parsed


def read_boundary(scope: str) -> dict[str, Any]:
    """Municipal boundary GeoJSON: ``iwaki`` (one polygon) or ``fukushima`` (59 municipalities)."""
    return read_geojson(BOUNDARY_FILES[scope])


def read_shelters() -> pd.DataFrame:
    """Designated shelters (指定避難所): site_id, name, address, lon, lat."""
    return _table(SHELTER_FILE)


def read_emergency_sites() -> pd.DataFrame:
    """Designated emergency evacuation sites (指定緊急避難場所) with one boolean column per hazard."""
    return _table(EMERGENCY_FILE)


def read_towns() -> pd.DataFrame:
    """Town / koaza representative points: town, koaza, lat, lng (rows without coordinates dropped)."""
    return _table(TOWNS_FILE)


def signature(rel_path: str) -> tuple[int, int] | None:
    """(mtime_ns, size) of an open-data file, or None when absent: the cache key for its readers."""
    try:
        st = open_path(rel_path).stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)
