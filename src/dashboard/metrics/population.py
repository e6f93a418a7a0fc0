"""Population figures: the outlook series, derived rates, the halving year, the area's age structure and peers.

Pure pandas: the views hand in the datasets and open-data frames, these
functions compute. Every figure the population page shows that no source
prints (average annual rates, the halving year, a population between two given
points, the census–register gap, shares of age groups, ranks) is computed here
so it is tested and can be labelled "derived" on screen.

Method for everything between or beyond given points: **geometric**
(constant average annual rate). Between two given points (y0, p0) and
(y1, p1) the population in year y is ``p0 * (p1 / p0) ** ((y - y0) / (y1 - y0))``;
beyond the last point the last segment's average annual rate is continued.
A population that shrinks by a roughly constant share each year is what
projections of this kind describe, so the geometric form fits them better than
a straight line; the page always says which method produced a figure.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Literal

import pandas as pd

IWAKI_CODE5 = "07204"
HAMADORI_CODE = "07999"  # IPSS area: the 13 municipalities of 浜通り, Iwaki included
PREFECTURE_CODE = "07000"
AGE_GROUPS: tuple[str, ...] = ("age0_14", "age15_64", "age65plus")
MUNICIPAL_LEVELS: frozenset[str] = frozenset({"2", "3"})  # census levels: city, town/village

# Series of the outlook chart, in legend order, and the count ("basis") each belongs to.
# Series of one basis count the same people the same way, so one index base serves them all.
SERIES: tuple[str, ...] = ("census", "projection", "register", "vision", "plan", "city_2024")
SERIES_BASIS: dict[str, str | None] = {
    "census": "census",
    "projection": "census",  # the report's projection continues the 2020 census count
    "register": "register",
    "vision": None,  # published without a stated basis: never indexed
    "plan": None,
    "city_2024": None,
}
ESTIMATE_SERIES: frozenset[str] = frozenset({"projection", "vision", "plan"})
CONTEXT_FIGURES: dict[str, str] = {
    "vision_population_2030": "vision",
    "vision_population_2060": "vision",
    "plan_population_2060": "plan",
    "population_2024_05_01": "city_2024",
}
CENSUS_DAY = "10-01"  # the census counts on 1 October
REGISTER_DAY = "01-01"  # the My Number card file gives the register population on 1 January

# Map classes of the 2010→2015 change (percent): upper bounds of each class but the last.
CHANGE_BREAKS: tuple[float, ...] = (-20.0, -10.0, -5.0, 0.0)


# --------------------------------------------------------------------------- rates and interpolation


def average_annual_rate(p0: float, p1: float, years: float) -> float:
    """Average annual rate of change (compound) from ``p0`` to ``p1`` over ``years`` years, as a fraction.

    >>> round(average_annual_rate(332931, 175940, 40), 6)
    -0.015818
    """
    if years == 0:
        raise ValueError("the two points must be in different years")
    if p0 <= 0 or p1 <= 0:
        raise ValueError("populations must be positive")
    return (p1 / p0) ** (1 / years) - 1


def _points(points: pd.Series) -> pd.Series:
    """Year → population, sorted, without missing values or duplicate years."""
    clean = points.dropna().astype(float)
    if clean.index.has_duplicates:
        raise ValueError("one value per year expected")
    if len(clean) < 2:
        raise ValueError("at least two points are needed")
    return clean.sort_index()


def rate_between(points: pd.Series, year0: int, year1: int) -> float:
    """Average annual rate between two of the given points (``points``: year → population)."""
    pts = _points(points)
    for year in (year0, year1):
        if year not in pts.index:
            raise KeyError(year)
    return average_annual_rate(pts[year0], pts[year1], year1 - year0)


def interpolate_geometric(points: pd.Series, year: float) -> float:
    """Population in ``year`` between the given points, by geometric interpolation.

    A given year returns its own value. Outside the first and last point it
    raises ``ValueError``: extrapolation is a different claim and has its own
    function (:func:`halving_year` says when it extrapolates).
    """
    pts = _points(points)
    years = list(pts.index)
    if year < years[0] or year > years[-1]:
        raise ValueError(f"{year} is outside {years[0]}–{years[-1]}")
    if year in pts.index:
        return float(pts[year])
    for y0, y1 in itertools.pairwise(years):
        if y0 < year < y1:
            p0, p1 = pts[y0], pts[y1]
            return float(p0 * (p1 / p0) ** ((year - y0) / (y1 - y0)))
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass(frozen=True)
class Halving:
    """When a series reaches half of its base-year value, and how that year was found."""

    year: float
    base_year: int
    base_value: float
    target: float
    method: Literal["interpolated", "extrapolated"]
    segment: tuple[int, int]  # the two given points whose average annual rate was used
    rate: float  # that segment's average annual rate (fraction)

    @property
    def years_after_base(self) -> float:
        """Years from the base year to the halving year."""
        return self.year - self.base_year


def halving_year(points: pd.Series, base_year: int = 2020) -> Halving | None:
    """The (fractional) year the series reaches half of its ``base_year`` value.

    Method: find the first pair of consecutive given points after the base
    year between which the series crosses half of the base value and
    interpolate geometrically inside it. If the last point is still above
    half, continue the last segment's average annual rate (geometric
    extrapolation). ``None`` when the series does not fall in its last segment
    and has not reached half by then.
    """
    pts = _points(points)
    pts = pts[pts.index >= base_year]
    if base_year not in pts.index or len(pts) < 2:
        raise ValueError(f"the base year {base_year} and a later point are needed")
    base = float(pts[base_year])
    target = base / 2
    years = list(pts.index)
    for y0, y1 in itertools.pairwise(years):
        p0, p1 = pts[y0], pts[y1]
        if p0 > target >= p1:
            crossing = y0 + (y1 - y0) * math.log(target / p0) / math.log(p1 / p0)
            return Halving(
                crossing,
                base_year,
                base,
                target,
                "interpolated",
                (int(y0), int(y1)),
                average_annual_rate(p0, p1, y1 - y0),
            )
    y0, y1 = years[-2], years[-1]
    p0, p1 = pts[y0], pts[y1]
    if p1 >= p0:
        return None
    rate = average_annual_rate(p0, p1, y1 - y0)
    crossing = y1 + math.log(target / p1) / math.log(1 + rate)
    return Halving(crossing, base_year, base, target, "extrapolated", (int(y0), int(y1)), rate)


# --------------------------------------------------------------------------- the outlook series


def register_by_year(mynumber: pd.DataFrame) -> pd.DataFrame:
    """One 住民基本台帳 population per base year (1 January) from the My Number card snapshots.

    The file repeats the same population in every snapshot taken while a base
    year was current; when a base year carries two values, the one of the
    latest snapshot is kept (the ministry's last word). Columns: year, population.
    """
    df = mynumber.dropna(subset=["population", "population_base_year"]).sort_values("snapshot")
    last = df.groupby("population_base_year", as_index=False).tail(1)
    out = pd.DataFrame({"year": last["population_base_year"].astype(int), "population": last["population"].astype(int)})
    return out.sort_values("year").reset_index(drop=True)


def _section(row: pd.Series) -> str | None:
    section = row.get("section")
    return None if section is None or pd.isna(section) else str(section)


def _row(series: str, year: int, date: str, value: float, source_id: str, section: str | None, point: bool) -> dict:
    return {
        "series": series,
        "year": int(year),
        "date": date,
        "population": round(value),
        "source_id": source_id,
        "section": section,
        "report_point": point,
    }


def outlook_series(
    report: pd.DataFrame,
    census: pd.DataFrame | None = None,
    register: pd.DataFrame | None = None,
    context: pd.DataFrame | None = None,
    code5: str = IWAKI_CODE5,
) -> pd.DataFrame:
    """Every population point of the outlook chart, one row each, labelled with its series and source.

    ``report``: the population_outlook dataset (its 2020 row is the census);
    ``census``: the 2015 census frame (2010 and 2015 for ``code5``);
    ``register``: :func:`register_by_year`; ``context``: context_figures.
    Columns: series, basis, year, date, t (decimal year of the count day, for
    the x axis), population, source_id, section (the report section of a report point), report_point,
    estimate.
    """
    rows: list[dict] = []
    for _, r in report.iterrows():
        kind = "census" if r["kind"] == "census" else "projection"
        date = f"{int(r['year'])}-{CENSUS_DAY}" if kind == "census" else str(int(r["year"]))
        rows.append(_row(kind, r["year"], date, r["population"], r["source_id"], _section(r), True))
    if census is not None:
        row = census[(census["code5"] == code5) & (census["level"].isin(MUNICIPAL_LEVELS))]
        if not row.empty:
            for year in (2010, 2015):
                rows.append(
                    _row("census", year, f"{year}-{CENSUS_DAY}", row.iloc[0][f"pop_{year}"], "census_2015", None, False)
                )
    if register is not None:
        for _, r in register.iterrows():
            rows.append(
                _row(
                    "register",
                    r["year"],
                    f"{int(r['year'])}-{REGISTER_DAY}",
                    r["population"],
                    "soumu_mynumbercard",
                    None,
                    False,
                )
            )
    if context is not None:
        for _, r in context[context["figure_id"].isin(list(CONTEXT_FIGURES))].iterrows():
            period = str(r["period"])
            rows.append(
                _row(CONTEXT_FIGURES[r["figure_id"]], int(period[:4]), period, r["value"], r["source_id"], None, False)
            )
    df = pd.DataFrame(rows)
    df["basis"] = df["series"].map(SERIES_BASIS)
    df["estimate"] = df["series"].isin(ESTIMATE_SERIES)
    df["t"] = df["date"].map(decimal_year)
    order = {s: i for i, s in enumerate(SERIES)}
    df = df.sort_values(["series", "t"], key=lambda c: c.map(order) if c.name == "series" else c)
    return df.reset_index(drop=True)[
        ["series", "basis", "year", "date", "t", "population", "source_id", "section", "report_point", "estimate"]
    ]


def decimal_year(date: str) -> float:
    """``2015-10-01`` → 2015.75, ``2016-01-01`` → 2016.0, ``2040`` → 2040.0 (a year alone sits at its start).

    Census (1 October) and register (1 January) counts are three months apart;
    placing each on its own day keeps the chart honest about which is later.
    """
    parts = [int(p) for p in str(date).split("-")]
    month = parts[1] if len(parts) > 1 else 1
    day = parts[2] if len(parts) > 2 else 1
    return parts[0] + (month - 1) / 12 + (day - 1) / 365


def index_series(series: pd.DataFrame, base_year: int) -> tuple[pd.DataFrame, list[str]]:
    """Index every series on its own basis count in ``base_year`` (= 100).

    Series of one basis share the base value (the projection is indexed on the
    census of the base year, as the report's 2020 = 100). Series whose basis has
    no value in ``base_year``, and series without a stated basis, are left out
    and named in the second return value. Adds a column ``index``.
    """
    bases: dict[str, float] = {}
    for basis, group in series.dropna(subset=["basis"]).groupby("basis"):
        at_base = group[(group["year"] == base_year) & ~group["estimate"]]
        if not at_base.empty:
            bases[str(basis)] = float(at_base["population"].iloc[0])
    kept = series[series["basis"].isin(list(bases))].copy()
    kept["index"] = kept["population"] / kept["basis"].map(bases) * 100
    dropped = [s for s in SERIES if s in set(series["series"]) and s not in set(kept["series"])]
    return kept.reset_index(drop=True), dropped


def census_register_gap(series: pd.DataFrame, census_year: int) -> tuple[int, int, int] | None:
    """The census count of ``census_year`` (1 October) minus the register on the next 1 January.

    The nearest register count after a census is three months later; pairing
    them shows how far the two counts differ. Returns (census, register, gap)
    or ``None`` when either is missing.
    """
    census = series[(series["series"] == "census") & (series["year"] == census_year)]
    register = series[(series["series"] == "register") & (series["year"] == census_year + 1)]
    if census.empty or register.empty:
        return None
    c, r = int(census["population"].iloc[0]), int(register["population"].iloc[0])
    return c, r, c - r


def census_basis_points(series: pd.DataFrame) -> pd.Series:
    """Year → population of the census count and the report's projection (one value per year)."""
    pts = series[series["basis"] == "census"].drop_duplicates("year").set_index("year")["population"]
    return pts.sort_index().astype(float)


# --------------------------------------------------------------------------- age structure (IPSS)


def age_structure(ipss: pd.DataFrame, codes: tuple[str, ...] = (HAMADORI_CODE, PREFECTURE_CODE)) -> pd.DataFrame:
    """Long form of the three age groups for the given IPSS areas: code, year, group, persons, share_pct, projected.

    ``projected`` is False for 2020 (the census the projection starts from).
    """
    df = ipss[ipss["code"].isin(list(codes))]
    long = df.melt(
        id_vars=["code", "year", "total"], value_vars=list(AGE_GROUPS), var_name="group", value_name="persons"
    )
    long["share_pct"] = long["persons"] / long["total"] * 100
    long["projected"] = long["year"] > long.groupby("code")["year"].transform("min")
    order = {g: i for i, g in enumerate(AGE_GROUPS)}
    long = long.sort_values(["code", "year", "group"], key=lambda c: c.map(order) if c.name == "group" else c)
    return long[["code", "year", "group", "persons", "share_pct", "projected"]].reset_index(drop=True)


def ageing_indicators(ipss: pd.DataFrame, codes: tuple[str, ...] = (HAMADORI_CODE, PREFECTURE_CODE)) -> pd.DataFrame:
    """Ageing rate (65+ share) and working-age share (15–64) in percent, long form: code, year, indicator, pct."""
    df = ipss[ipss["code"].isin(list(codes))]
    wide = pd.DataFrame(
        {
            "code": df["code"],
            "year": df["year"],
            "ageing_rate": df["age65plus"] / df["total"] * 100,
            "working_age_share": df["age15_64"] / df["total"] * 100,
        }
    )
    long = wide.melt(id_vars=["code", "year"], var_name="indicator", value_name="pct")
    return long.sort_values(["code", "indicator", "year"]).reset_index(drop=True)


# --------------------------------------------------------------------------- peers (census 2010→2015)


def change_class(change_pct: float) -> int:
    """Map class of a change in percent: 0 (below −20 %) … 4 (0 % or more), by :data:`CHANGE_BREAKS`."""
    for i, upper in enumerate(CHANGE_BREAKS):
        if change_pct < upper:
            return i
    return len(CHANGE_BREAKS)


def census_change(census: pd.DataFrame) -> pd.DataFrame:
    """2010→2015 census change of every municipality (cities and towns/villages), ranked.

    The change is recomputed from the two counts (not taken from the file's
    own columns, which a test compares against). ``rank`` 1 = largest growth.
    Columns: code5, name, level, pop_2010, pop_2015, change, change_pct, rank, change_class.
    """
    df = census[census["level"].isin(MUNICIPAL_LEVELS)].copy()
    df["change"] = df["pop_2015"] - df["pop_2010"]
    df["change_pct"] = df["change"] / df["pop_2010"] * 100
    df["rank"] = df["change_pct"].rank(ascending=False, method="min").astype(int)
    df["change_class"] = df["change_pct"].map(change_class)
    df = df.sort_values(["rank", "code5"])
    return df[
        ["code5", "name", "level", "pop_2010", "pop_2015", "change", "change_pct", "rank", "change_class"]
    ].reset_index(drop=True)
