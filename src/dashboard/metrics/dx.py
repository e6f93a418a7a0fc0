"""DX KPI figures: the cards' changes and directions, the trends, derived figures and My Number card uptake.

Pure pandas: the views hand in the datasets, these functions compute. Every
figure the page shows that the report does not print (implied sheets, the
pre-reform online applications, weighted rates, percentiles) is computed here
so that it is tested and can be labelled "derived" on screen.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import pandas as pd

Tone = Literal["good", "bad", "neutral"]
ChangeKind = Literal["series", "span", "ratio", "none"]

IWAKI_CODE6 = "072044"  # いわき市 (code 07204 with its check digit)
REPORT_FIGURE_COLUMNS = [
    "kpi_id",
    "pillar_id",
    "period",
    "period_type",
    "year",
    "value",
    "unit",
    "as_of",
    "as_of_basis",
    "source_id",
    "page",
    "note_ja",
    "note_en",
]


# --------------------------------------------------------------------------- directions and cards


def direction_tone(change: float | None, direction: str) -> Tone:
    """Whether a change goes the desired way: ``good``, ``bad`` or ``neutral`` (no change / no direction).

    >>> direction_tone(-23.5, "lower_better")
    'good'
    """
    if change is None or (isinstance(change, float) and math.isnan(change)) or change == 0:
        return "neutral"
    if direction == "lower_better":
        return "good" if change < 0 else "bad"
    if direction == "higher_better":
        return "good" if change > 0 else "bad"
    return "neutral"


def match_pillar(value: object, pillars: pd.DataFrame) -> str | None:
    """The pillar id a URL value names: the id itself or its Japanese or English name; None otherwise.

    Links use ids (``?dx_pillar=citizen_dx``); a shared URL carries the label
    the filter showed (``市民サービスDX``), in either language.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    for _, row in pillars.iterrows():
        if text in (row["pillar_id"], row["name_ja"], row["name_en"]):
            return str(row["pillar_id"])
    return None


def facility_rows(facilities: pd.DataFrame) -> pd.DataFrame:
    """The ``facility_counts`` dataset in the long form of ``dx_kpis`` (only years with a printed count).

    The 2025 entry 「最適な施設数へ」 has no number and is left out here; the
    view mentions it in words.
    """
    actual = facilities[(facilities["status"] == "actual") & facilities["facilities"].notna()]
    return pd.DataFrame(
        {
            "kpi_id": "facility_count",
            "pillar_id": "infrastructure",
            "period": actual["year"].astype(int).astype(str),
            "period_type": "calendar_year",
            "year": actual["year"].astype(int),
            "value": actual["facilities"].astype(float),
            "unit": "facilities",
            "as_of": actual["as_of"],
            "as_of_basis": "period",
            "source_id": actual["source_id"],
            "page": actual["page"],
            "note_ja": pd.NA,
            "note_en": pd.NA,
        }
    )


@dataclass(frozen=True)
class _Change:
    kind: ChangeKind
    change: float | None
    baseline_value: float | None
    baseline_year: int | None
    baseline_period_type: str | None


def _change_of(rows: pd.DataFrame, latest: pd.Series) -> _Change:
    """How a KPI's latest value relates to a baseline, by the shape of its rows."""
    if len(rows) >= 2:
        first = rows.iloc[0]
        return _Change(
            "series",
            float(latest["value"]) - float(first["value"]),
            float(first["value"]),
            int(first["year"]),
            str(first["period_type"]),
        )
    if latest["period_type"] == "fiscal_year_span":
        # The printed value is itself the change over the span (e.g. ▲23.5万時間, R4→R6).
        start = int(str(latest["period"]).split("-")[0].removeprefix("FY"))
        return _Change("span", float(latest["value"]), None, start, "fiscal_year")
    if latest["unit"] == "ratio":
        # "×1.6", "3倍": a multiple of an earlier level, i.e. a change against 1.
        return _Change("ratio", float(latest["value"]) - 1.0, 1.0, None, None)
    return _Change("none", None, None, None, None)


def kpi_cards(kpis: pd.DataFrame, definitions: pd.DataFrame, facilities: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per defined KPI: its latest value, as-of, the change against a baseline and its tone.

    ``kpis`` is the ``dx_kpis`` dataset, ``definitions`` ``kpi_definitions``;
    ``facilities`` (``facility_counts``) supplies the KPI defined there. KPIs
    without rows are left out. Columns: those of ``dx_kpis`` plus order,
    name_ja, name_en, direction, change_kind (series / span / ratio / none),
    change, baseline_value, baseline_year, baseline_period_type, tone.
    """
    frames = [kpis[REPORT_FIGURE_COLUMNS]]
    if facilities is not None and len(facilities):
        frames.append(facility_rows(facilities)[REPORT_FIGURE_COLUMNS])
    long = pd.concat([f for f in frames if len(f)], ignore_index=True)
    records = []
    for _, definition in definitions.sort_values("order").iterrows():
        rows = long[long["kpi_id"] == definition["kpi_id"]].sort_values("year")
        if rows.empty:
            continue
        latest = rows.iloc[-1]
        change = _change_of(rows, latest)
        records.append(
            {
                **latest.to_dict(),
                "pillar_id": definition["pillar_id"],
                "unit": definition["unit"],
                "order": int(definition["order"]),
                "name_ja": definition["name_ja"],
                "name_en": definition["name_en"],
                "direction": definition["direction"],
                "change_kind": change.kind,
                "change": change.change,
                "baseline_value": change.baseline_value,
                "baseline_year": change.baseline_year,
                "baseline_period_type": change.baseline_period_type,
                "tone": direction_tone(change.change, str(definition["direction"])),
            }
        )
    return pd.DataFrame.from_records(records)


# --------------------------------------------------------------------------- trends


def kpi_series(kpis: pd.DataFrame, kpi_id: str) -> pd.DataFrame:
    """The published points of one KPI, by year (only what the report prints: no gaps filled)."""
    rows = kpis[(kpis["kpi_id"] == kpi_id) & kpis["value"].notna()].sort_values("year")
    return rows[["year", "period", "period_type", "value", "unit"]].reset_index(drop=True)


def base_value(kpis: pd.DataFrame, kpi_id: str) -> float:
    """The single value of a base KPI (e.g. the 2021 copy volume, 3,000,000 sheets a month)."""
    rows = kpis[(kpis["kpi_id"] == kpi_id) & kpis["value"].notna()]
    if len(rows) != 1:
        raise ValueError(f"expected one value for {kpi_id}, found {len(rows)}")
    return float(rows["value"].iloc[0])


def copy_trend(index: pd.DataFrame, base_sheets: float) -> pd.DataFrame:
    """Copy-output index by year with the implied sheets a month (index × the 2021 base), derived.

    ``index`` has columns year, value (the index, 2021 = 1). Returns year,
    value, implied_sheets_per_month.
    """
    out = index[["year", "value"]].reset_index(drop=True)
    out["implied_sheets_per_month"] = (out["value"] * base_sheets).round(0)
    return out


def tone_by_baseline(values: pd.Series, direction: str) -> list[Tone]:
    """The tone of each value of a series against its first value (the first itself is ``neutral``)."""
    if values.empty:
        return []
    first = float(values.iloc[0])
    tones: list[Tone] = ["neutral"]
    return tones + [direction_tone(float(v) - first, direction) for v in values.iloc[1:]]


def fiscal_years_between(first: int, last: int) -> list[int]:
    """Every fiscal year from ``first`` to ``last`` inclusive (the axis of a fiscal-year chart)."""
    return list(range(first, last + 1))


def unpublished_years(series: pd.DataFrame, years: list[int]) -> list[int]:
    """Years on the axis without a printed figure (e.g. R5 of the working hours)."""
    have = set(series["year"].astype(int))
    return [y for y in years if y not in have]


# --------------------------------------------------------------------------- derived figures


def implied_before(after: float, multiple: float) -> float:
    """The level before a change of ``multiple`` times: 60,000 a year at 3 times → 20,000 before."""
    if multiple == 0:
        raise ValueError("multiple must not be zero")
    return after / multiple


def share_pct(part: float, whole: float) -> float:
    """``part`` as a percentage of ``whole``: 23.5 of 522.0 → 4.50 %."""
    if whole == 0:
        raise ValueError("whole must not be zero")
    return part / whole * 100.0


def copy_reduction_sheets(index: float, base_sheets: float) -> float:
    """Sheets a month no longer printed at ``index`` against the base: (1 − 0.80) × 3,000,000 = 600,000."""
    return (1.0 - index) * base_sheets


# --------------------------------------------------------------------------- My Number card uptake


def municipality_label(prefecture: str, municipality: str) -> str:
    """The name shown for a municipality: ``福島県 いわき市``."""
    return f"{prefecture} {municipality}"


def with_identity(cards: pd.DataFrame) -> pd.DataFrame:
    """Add ``muni_id`` (the six-digit code; the label where the code is missing) and ``label``.

    The label is the municipality's latest name, so a town that became a city
    (e.g. 那珂川町 → 那珂川市) is one series under its current name.
    """
    out = cards.copy()
    raw_label = out["prefecture"].astype(str) + " " + out["municipality"].astype(str)
    code = out["code6"].astype("string")
    # Some snapshots lack the code of a few municipalities: take it from the same name elsewhere...
    known = pd.Series(code.values, index=raw_label.values).dropna()
    known = known[~known.index.duplicated()]
    code = code.fillna(raw_label.map(known))
    # ...or, where the name was shortened (三宅島三宅村 → 三宅村), from the one code of that prefecture
    # whose name ends with it and which is absent from those snapshots.
    for label in raw_label[code.isna()].unique():
        missing = (raw_label == label) & code.isna()
        pref, name = out.loc[missing, "prefecture"].iloc[0], out.loc[missing, "municipality"].iloc[0]
        snaps = set(out.loc[missing, "snapshot"])
        same_pref = out[(out["prefecture"] == pref) & code.notna()]
        candidates = same_pref.loc[same_pref["municipality"].astype(str).str.endswith(str(name)), "code6"].unique()
        candidates = [c for c in candidates if not snaps & set(out.loc[code == c, "snapshot"])]
        if len(candidates) == 1:
            code = code.mask(missing, candidates[0])
    out["muni_id"] = code.fillna(raw_label).astype(str)
    latest = out.assign(raw_label=raw_label).sort_values("snapshot").groupby("muni_id")["raw_label"].last()
    out["label"] = out["muni_id"].map(latest)
    return out


def weighted_rate(cards: pd.DataFrame) -> pd.DataFrame:
    """Population-weighted issuance rate by snapshot: sum of cards ÷ sum of population × 100.

    Returns snapshot, cards, population, rate_pct.
    """
    sums = cards.groupby("snapshot", as_index=False)[["cards", "population"]].sum()
    sums["rate_pct"] = sums["cards"] / sums["population"] * 100.0
    return sums


def percentile_ranks(cards: pd.DataFrame) -> pd.DataFrame:
    """Each municipality's percentile among all municipalities at each snapshot.

    The percentile is the share (%) of municipalities whose rate (cards ÷
    population) is at or below the municipality's own. Returns the input
    columns plus rate_calc_pct and percentile.
    """
    out = cards.copy()
    out["rate_calc_pct"] = out["cards"] / out["population"] * 100.0
    out["percentile"] = out.groupby("snapshot")["rate_calc_pct"].rank(method="max", pct=True) * 100.0
    return out


def uptake_series(cards: pd.DataFrame, peers: list[str], iwaki_id: str = IWAKI_CODE6) -> pd.DataFrame:
    """The rates to compare, in long form: Iwaki, its prefecture and the nation (weighted), and the peers.

    ``cards`` is every municipality at every snapshot (with_identity applied);
    ``peers`` are labels (``福島県 郡山市``); the prefecture is Iwaki's own, as
    the data names it. Returns snapshot, series_kind
    (iwaki / prefecture / national / peer), series (a label; ``""`` for the
    prefecture and national rows, named by the view), rate_pct, cards,
    population, percentile (municipalities only).
    """
    ranked = percentile_ranks(cards)
    cols = ["snapshot", "series_kind", "series", "rate_pct", "cards", "population", "percentile"]

    def municipal(ids: list[str], kind: str) -> pd.DataFrame:
        rows = ranked[ranked["muni_id"].isin(ids)]
        return rows.assign(series_kind=kind, series=rows["label"], rate_pct=rows["rate_calc_pct"])[cols]

    prefecture = ranked.loc[ranked["muni_id"] == iwaki_id, "prefecture"].iloc[-1]
    pref = weighted_rate(cards[cards["prefecture"] == prefecture]).assign(
        series_kind="prefecture", series="", percentile=float("nan")
    )
    nation = weighted_rate(cards).assign(series_kind="national", series="", percentile=float("nan"))
    parts = [municipal([iwaki_id], "iwaki"), pref[cols], nation[cols]]
    # Peers in the order chosen (so their colours stay put when one is added); Iwaki is never a peer.
    iwaki_labels = set(ranked.loc[ranked["muni_id"] == iwaki_id, "label"])
    for label in dict.fromkeys(peers):
        if label in iwaki_labels:
            continue
        ids = ranked.loc[ranked["label"] == label, "muni_id"].unique().tolist()
        parts.append(municipal(ids, "peer").sort_values("snapshot"))
    return pd.concat(parts, ignore_index=True)


def municipality_options(cards: pd.DataFrame, exclude: str = IWAKI_CODE6) -> list[str]:
    """Labels of every municipality (current names, by code order) to offer as peers, Iwaki excluded."""
    latest = cards.sort_values("snapshot").groupby("muni_id").last()
    latest = latest[latest.index != exclude]
    return latest.sort_index()["label"].tolist()
