"""Pure facility metrics: the report's count change and the per-resident what-if.

The what-if divides a facility count by the city's population projection
(the report: 2020 332,931 / 2040 255,645 / 2060 175,940). It is the
dashboard's own arithmetic, not the city's plan: nothing here is a target.

2024's per-resident level uses the 2024 population published with the same
facility count: 318,946 residents on 2024-05-01 (いわき民報 2024-05-28, which
also reports 1,281 facilities on 2024-04-01). It is a published figure, so no
interpolation between the report's 2020 and 2040 points is needed; the view
passes it in with its own source line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

PER = 10_000  # facilities per 10,000 residents


@dataclass(frozen=True)
class CountChange:
    """The change between the first and the last year with a published count."""

    start_year: int
    end_year: int
    start: int
    end: int

    @property
    def change(self) -> int:
        """End minus start (negative for a decrease)."""
        return self.end - self.start

    @property
    def change_pct(self) -> float:
        """Change in percent of the start."""
        return self.change / self.start * 100


def count_change(counts: pd.DataFrame) -> CountChange:
    """From ``facility_counts`` (year, facilities, status): first → last ``actual`` count."""
    actual = counts[counts["status"] == "actual"].dropna(subset=["facilities"]).sort_values("year")
    if len(actual) < 2:
        raise ValueError("need two actual counts")
    first, last = actual.iloc[0], actual.iloc[-1]
    return CountChange(int(first["year"]), int(last["year"]), int(first["facilities"]), int(last["facilities"]))


def per_10k(facilities: float, population: float) -> float:
    """Facilities per 10,000 residents."""
    if population <= 0:
        raise ValueError("population must be positive")
    return facilities / population * PER


def count_after_reduction(base: int, reduction_pct: float) -> float:
    """The count left after reducing ``base`` by ``reduction_pct`` percent."""
    return base * (1 - reduction_pct / 100)


def reduction_pct_of(base: int, count: float) -> float:
    """The reduction (percent of ``base``) that leaves ``count``."""
    return (1 - count / base) * 100


def per_resident_table(
    outlook: pd.DataFrame, scenarios: Mapping[str, float], after_year: int | None = None
) -> pd.DataFrame:
    """Facilities per 10,000 residents for each scenario and each projection year after ``after_year``.

    ``outlook``: year, population (the city's projection); ``scenarios``:
    scenario id → facility count held in every year. A scenario starts from
    the count of ``after_year`` (2024's 1,281), so it is never drawn for an
    earlier year (2020), which had a different count (2021: 1,316): no
    counterfactual bar for a year without such data. Columns: scenario, year,
    facilities, population, per_10k.
    """
    years = outlook if after_year is None else outlook[outlook["year"] > after_year]
    rows = []
    for scenario, facilities in scenarios.items():
        for _, row in years.sort_values("year").iterrows():
            rows.append(
                {
                    "scenario": scenario,
                    "year": int(row["year"]),
                    "facilities": float(facilities),
                    "population": int(row["population"]),
                    "per_10k": per_10k(float(facilities), float(row["population"])),
                }
            )
    return pd.DataFrame(rows, columns=["scenario", "year", "facilities", "population", "per_10k"])


def hold_level_table(
    outlook: pd.DataFrame, base_facilities: int, base_population: int, years: Sequence[int] = (2040, 2060)
) -> pd.DataFrame:
    """The count that keeps the base year's facilities per 10,000 residents in each of ``years``.

    Holding the level means the count falls in proportion to the population:
    needed = base_facilities × population / base_population. Columns: year,
    population, per_10k (the level held), facilities_needed, reduction (count),
    reduction_pct.
    """
    level = per_10k(base_facilities, base_population)
    rows = []
    for _, row in outlook[outlook["year"].isin(list(years))].sort_values("year").iterrows():
        needed = base_facilities * float(row["population"]) / base_population
        rows.append(
            {
                "year": int(row["year"]),
                "population": int(row["population"]),
                "per_10k": level,
                "facilities_needed": needed,
                "reduction": base_facilities - needed,
                "reduction_pct": reduction_pct_of(base_facilities, needed),
            }
        )
    return pd.DataFrame(
        rows, columns=["year", "population", "per_10k", "facilities_needed", "reduction", "reduction_pct"]
    )
