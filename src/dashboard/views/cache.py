"""The one module that wraps data loaders (and pure derivations) in Streamlit's caches.

Each cached loader takes the file's signature (mtime, size) as an argument,
so a rebuilt or newly imported file is picked up on the next rerun without a
restart, while unchanged files are served from the cache.

:func:`chart` and :func:`derived` memoise the pure layers (``charts``,
``metrics``) by their arguments' contents, so a rerun after a widget change
recomputes only what the change touched (the benchmark, issue 10, found chart
building and validation to be most of every page's rerun).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import altair as alt
import pandas as pd
import streamlit as st

from dashboard.charts.spec import VegaSpec, vega_spec
from dashboard.data import file_signature, load_dataset, open_data, place_rules
from dashboard.metrics import dx as dx_metrics
from dashboard.metrics import geo

MAP_DIGITS = 5  # decimals of a degree kept for drawing boundaries (~1 m)


@st.cache_data(show_spinner=False, max_entries=64)
def _dataset(name: str, signature: tuple[int, int] | None) -> pd.DataFrame:
    return load_dataset(name)


def dataset(name: str) -> pd.DataFrame:
    """A published dataset (validated), cached until its file changes."""
    return _dataset(name, file_signature(name))


@st.cache_data(show_spinner=False, max_entries=32)
def _open_frame(reader: str, arg: str | None, signature: tuple[int, int] | None) -> pd.DataFrame:
    fn = getattr(open_data, reader)
    return fn(arg) if arg is not None else fn()


@st.cache_resource(show_spinner=False, max_entries=8)
def _map_json(
    rel_path: str, signature: tuple[int, int] | None
) -> tuple[dict[str, Any], tuple[float, float, float, float]]:
    # cache_resource: boundary GeoJSON is only read (the charts build new
    # feature lists from it), and copying its nested coordinate lists cost
    # 20–60 ms a rerun under cache_data (the benchmark, issue 10). Rounded
    # once here, since it is only drawn.
    geojson = geo.rounded_geojson(open_data.read_geojson(rel_path), MAP_DIGITS)
    return geojson, geo.geojson_bbox(geojson)


def mynumbercard(scope: str) -> pd.DataFrame:
    """My Number card snapshots (``iwaki``, ``fukushima`` or ``all``)."""
    rel = open_data.MYNUMBER_FILES[scope]
    return _open_frame("read_mynumbercard", scope, open_data.signature(rel))


def census2015(scope: str = "fukushima") -> pd.DataFrame:
    """2015 census by area."""
    rel = open_data.CENSUS_FILES[scope]
    return _open_frame("read_census2015", scope, open_data.signature(rel))


def ipss() -> pd.DataFrame:
    """IPSS 2023 projections for the areas in the file."""
    return _open_frame("read_ipss", None, open_data.signature(open_data.IPSS_FILE))


def shelters() -> pd.DataFrame:
    """Designated shelters."""
    return _open_frame("read_shelters", None, open_data.signature(open_data.SHELTER_FILE))


def emergency_sites() -> pd.DataFrame:
    """Designated emergency evacuation sites with hazard flags."""
    return _open_frame("read_emergency_sites", None, open_data.signature(open_data.EMERGENCY_FILE))


def towns() -> pd.DataFrame:
    """Town / koaza points."""
    return _open_frame("read_towns", None, open_data.signature(open_data.TOWNS_FILE))


def boundary(scope: str) -> dict[str, Any]:
    """Boundary GeoJSON (``iwaki`` or ``fukushima``) for drawing, coordinates rounded to ~1 m.

    Shared between sessions: never modify it.
    """
    rel = open_data.BOUNDARY_FILES[scope]
    return _map_json(rel, open_data.signature(rel))[0]


def boundary_bbox(scope: str) -> tuple[float, float, float, float]:
    """(min_lon, min_lat, max_lon, max_lat) of :func:`boundary` (``metrics.geo.geojson_bbox``)."""
    rel = open_data.BOUNDARY_FILES[scope]
    return _map_json(rel, open_data.signature(rel))[1]


@st.cache_data(show_spinner=False, max_entries=4)
def _facility_points(signatures: tuple[tuple[int, int] | None, ...]) -> pd.DataFrame:
    return geo.facility_points(
        shelters(), emergency_sites(), place_rules.FACILITY_TYPE_RULES, towns(), place_rules.DISTRICT_PREFIXES
    )


def facility_points() -> pd.DataFrame:
    """Shelters and emergency sites with type and approximate district (``metrics.geo.facility_points``).

    Cached because the nearest-town search runs on every filter click otherwise.
    """
    files = (open_data.SHELTER_FILE, open_data.EMERGENCY_FILE, open_data.TOWNS_FILE)
    return _facility_points(tuple(open_data.signature(f) for f in files))


@st.cache_data(show_spinner=False, max_entries=4)
def _open_provenance(signature: tuple[int, int] | None) -> dict[str, tuple[str, str | None]]:
    return {e.path: (e.source_id, e.as_of) for e in open_data.manifest()}


def open_provenance() -> dict[str, tuple[str, str | None]]:
    """Each open-data file's source id and as-of, from the manifest of the folder in use (by file path)."""
    return _open_provenance(open_data.signature(open_data.MANIFEST))


@st.cache_data(show_spinner=False, max_entries=4)
def _source_credits(signature: tuple[int, int] | None) -> dict[str, dict[str, str]]:
    sources = load_dataset("sources")
    return {
        row["source_id"]: {"credit_ja": row["credit_ja"], "credit_en": row["credit_en"]}
        for row in sources[["source_id", "credit_ja", "credit_en"]].to_dict("records")
    }


def source_credits() -> dict[str, dict[str, str]]:
    """source_id → its credit lines (``credit_ja``/``credit_en``), cached until the sources file changes.

    Every source line under every card and chart looks a credit up, several
    times a rerun; a small dict keeps that to microseconds (the benchmark,
    issue 10, found the DataFrame lookup at ~8 ms a call).
    """
    return _source_credits(file_signature("sources"))


@st.cache_data(show_spinner=False, max_entries=4)
def _report_sections(signature: tuple[int, int] | None) -> dict[str, dict[str, str]]:
    sections = load_dataset("report_sections")
    return {
        str(row["section_id"]): {
            "heading_ja": str(row["heading_ja"]),
            "heading_en": str(row["heading_en"]),
            "page": "" if pd.isna(row["page"]) else str(int(row["page"])),
        }
        for row in sections.to_dict("records")
    }


def report_sections() -> dict[str, dict[str, str]]:
    """section_id → the report's heading as printed (``heading_ja``), its translation and a verified page (or '')."""
    return _report_sections(file_signature("report_sections"))


@st.cache_resource(show_spinner=False, max_entries=2)
def _mynumber_prepared(signature: tuple[int, int] | None) -> tuple[pd.DataFrame, list[str], int]:
    # cache_resource: the frame is large (every municipality × snapshot) and only
    # read, so it is shared rather than copied on every rerun.
    cards = dx_metrics.with_identity(open_data.read_mynumbercard("all"))
    options = dx_metrics.municipality_options(cards)
    n_munis = int(cards.groupby("snapshot")["muni_id"].nunique().max())
    return cards, options, n_munis


def mynumber_prepared() -> tuple[pd.DataFrame, list[str], int]:
    """All municipalities' My Number snapshots with identity joined, the peer options and the municipality count.

    Cached until the file changes: the DX page reran these on every widget change
    (the benchmark, issue 10, found it the national-scale miss).
    """
    return _mynumber_prepared(open_data.signature(open_data.MYNUMBER_FILES["all"]))


@st.cache_data(show_spinner=False, max_entries=64)
def _uptake(signature: tuple[int, int] | None, peers: tuple[str, ...]) -> pd.DataFrame:
    cards, _, _ = _mynumber_prepared(signature)
    return dx_metrics.uptake_series(cards, list(peers))


def uptake_series(peers: list[str]) -> pd.DataFrame:
    """Iwaki, prefecture, nation and the chosen peers' rates and percentiles (``metrics.dx.uptake_series``)."""
    return _uptake(open_data.signature(open_data.MYNUMBER_FILES["all"]), tuple(peers))


P = ParamSpec("P")
R = TypeVar("R")


def _qualified(fn: Callable[..., Any]) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


@st.cache_data(show_spinner=False, max_entries=512)
def _chart_spec(
    name: str, _build: Callable[..., alt.TopLevelMixin], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> VegaSpec:
    # ``name`` stands for ``_build`` in the key; the builders are pure, so the
    # arguments' contents decide the spec.
    return vega_spec(_build(*args, **kwargs))


def chart(build: Callable[P, alt.TopLevelMixin], /, *args: P.args, **kwargs: P.kwargs) -> VegaSpec:
    """``build(*args, **kwargs)`` as a validated Vega-Lite spec, built once per distinct input.

    ``build`` must be a pure chart function from ``dashboard.charts``: the
    cache key is its name and the contents of its arguments (DataFrames are
    hashed by value), so labels in another language make another entry.
    """
    return _chart_spec(_qualified(build), build, args, kwargs)


@st.cache_data(show_spinner=False, max_entries=512)
def _derived(name: str, _fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    return _fn(*args, **kwargs)


def derived(fn: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> R:
    """``fn(*args, **kwargs)`` for a pure function of ``dashboard.metrics``, computed once per distinct input.

    For derivations that cost milliseconds on every rerun (the survey's
    aggregations); the result is a copy, so callers may modify it.
    """
    return _derived(_qualified(fn), fn, args, kwargs)
