"""Staff-survey analysis (職員アンケート): shares, margins of error, suppression of small groups, Likert layout.

Pure pandas over frames in the ``staff_survey`` format (see docs/survey-format.md):
one row per (wave, question, answer option, group) carrying either a ``count``
(full data) or a published ``share_pct`` (the report's two figures). Both go
through :func:`distribution`, so the published shares and a full survey share
one code path: a *cell* (one wave × question × group) is normalised to shares
of its respondents, and whatever the options do not account for becomes an
explicit ``rest`` row whose breakdown is unknown.

Nothing here reads files, translates text or draws: labels are chosen in the
view, colours in ``charts.survey``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

MIN_GROUP_SIZE = 10
"""Groups answered by fewer people than this are hidden, so no answer can be traced to a person."""
Z95 = 1.959963984540054
"""The standard-normal quantile of a two-sided 95 % interval."""
ALL = "all"
"""``group_dim`` and ``group_value`` of the whole-survey rows."""
CELL = ["wave", "question_id", "group_dim", "group_value"]
"""The columns naming one distribution: a wave, a question and a group."""
SHARE_TOLERANCE = 0.5
"""Percentage points of rounding allowed when published shares add up (54 + 46 may be printed as 54 + 47)."""

DIST_COLUMNS = [
    *CELL,
    "survey_date",
    "question_ja",
    "question_en",
    "option_id",
    "option_order",
    "option_ja",
    "option_en",
    "likert_score",
    "kind",
    "basis",
    "count",
    "n",
    "share",
    "ci_low",
    "ci_high",
    "source_id",
    "section",
    "page",
]
"""Columns of :func:`distribution`'s result."""


def wilson_bounds(successes: np.ndarray, n: np.ndarray, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised :func:`wilson_interval` (fractions 0–1); NaN where ``n`` is missing or not positive."""
    x = np.asarray(successes, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        valid = n > 0
        safe_n = np.where(valid, n, 1.0)
        p = np.clip(np.where(valid, x, 0.0) / safe_n, 0.0, 1.0)
        z2 = z * z
        denom = 1 + z2 / safe_n
        centre = (p + z2 / (2 * safe_n)) / denom
        margin = z * np.sqrt(p * (1 - p) / safe_n + z2 / (4 * safe_n * safe_n)) / denom
    low = np.where(valid, np.maximum(0.0, centre - margin), np.nan)
    high = np.where(valid, np.minimum(1.0, centre + margin), np.nan)
    return low, high


def wilson_interval(successes: float, n: float, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of a proportion (as fractions 0–1).

    Chosen over the textbook ±z·√(p(1−p)/n) because it stays inside [0, 1] and
    keeps its coverage for small groups and shares near 0 % or 100 %.
    ``wilson_interval(54, 100)`` → (0.4426, 0.6344).
    """
    if n <= 0:
        raise ValueError("n must be positive")
    if not 0 <= successes <= n:
        raise ValueError("successes must lie between 0 and n")
    low, high = wilson_bounds(np.array([successes]), np.array([n]), z)
    return float(low[0]), float(high[0])


def distribution(df: pd.DataFrame) -> pd.DataFrame:
    """Every cell as shares of its respondents, with a ``rest`` row for what the options leave out.

    ``basis`` is ``counts`` (full data: shares computed from counts) or
    ``shares`` (only shares known, as published). ``n`` is the respondents
    column, else the counts' sum, else unknown (NaN); the 95 % Wilson interval
    (``ci_low``/``ci_high``, percent) is given only when ``n`` is known.
    Rows come cell by cell, options in questionnaire order and the rest last.
    Assumes the survey format's rules hold (the data layer checks them at import and when loading).
    """
    if df.empty:
        return pd.DataFrame(columns=DIST_COLUMNS)
    d = df.reset_index(drop=True).copy()
    grouped = d.groupby(CELL, sort=False)
    counts_basis = grouped["count"].transform("count") == grouped["count"].transform("size")
    respondents = grouped["respondents"].transform("first")
    d["n"] = respondents.where(respondents.notna(), grouped["count"].transform("sum").where(counts_basis))
    with np.errstate(invalid="ignore", divide="ignore"):
        from_counts = (d["count"] / d["n"] * 100).where(d["n"] > 0)
    d["share"] = from_counts.where(counts_basis, d["share_pct"]).astype(float)
    d["basis"] = np.where(counts_basis, "counts", "shares")
    d["kind"] = "option"
    d["_cell"] = grouped.ngroup()
    meta = (*CELL, "survey_date", "question_ja", "question_en", "source_id", "section", "page", "basis", "n")
    totals = d.groupby("_cell", sort=False).agg(
        **{c: (c, "first") for c in meta}, share_sum=("share", "sum"), count_sum=("count", "sum")
    )
    rest = totals[100 - totals["share_sum"] > SHARE_TOLERANCE].reset_index()
    rest = rest.assign(
        option_id="rest",
        option_order=math.inf,
        option_ja=None,
        option_en=None,
        likert_score=math.nan,
        kind="rest",
        share=100 - rest["share_sum"],
        count=(rest["n"] - rest["count_sum"]).where(rest["basis"] == "counts"),
    )
    out = pd.concat([d, rest.drop(columns=["share_sum", "count_sum"])], ignore_index=True)
    out = out.sort_values(["_cell", "option_order", "option_id"], kind="stable", na_position="last")
    n = out["n"].to_numpy(dtype=float)
    successes = out["count"].where(out["basis"] == "counts", (out["share"] / 100 * out["n"]).round())
    low, high = wilson_bounds(np.fmin(successes.to_numpy(dtype=float), n), n)
    out["ci_low"] = low * 100
    out["ci_high"] = high * 100
    return out[DIST_COLUMNS].reset_index(drop=True)


def cells(dist: pd.DataFrame) -> pd.DataFrame:
    """One row per cell: its size ``n``, basis, remainder and whether its options carry a Likert scale.

    A cell is *scored* when at least two of its options have a ``likert_score``
    (a scale); options without one there are non-substantive (わからない, 無回答).
    """
    options = dist[dist["kind"] == "option"]
    out = (
        options.groupby(CELL, sort=False)
        .agg(
            n=("n", "first"),
            basis=("basis", "first"),
            scored_options=("likert_score", "count"),
            survey_date=("survey_date", "first"),
        )
        .reset_index()
    )
    rest = dist[dist["kind"] == "rest"][[*CELL, "share"]].rename(columns={"share": "rest_share"})
    out = out.merge(rest, on=CELL, how="left").fillna({"rest_share": 0.0})
    out["scored"] = out["scored_options"] >= 2
    return out.drop(columns="scored_options")


def _scored_rows(dist: pd.DataFrame) -> pd.DataFrame:
    """The rows of cells that carry a scale."""
    return dist.merge(cells(dist).loc[lambda c: c["scored"], CELL], on=CELL)


def suppress(dist: pd.DataFrame, min_size: int = MIN_GROUP_SIZE) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split a distribution into what may be shown and the cells hidden to protect respondents.

    A group (any ``group_dim`` other than ``all``) is hidden when fewer than
    ``min_size`` people answered (``small``) or when its size is unknown, so
    it cannot be checked (``unknown_size``). When exactly one group of a
    dimension is hidden, the next smallest is hidden too (``secondary``):
    otherwise the hidden one could be worked out by subtracting the others
    from the total. The whole-survey cell is hidden only when it is itself
    known to be small. Returns ``(visible rows, hidden cells with reason)``.
    """
    info = cells(dist)
    is_group = info["group_dim"] != ALL
    reason = pd.Series(None, index=info.index, dtype="object")
    reason[info["n"] < min_size] = "small"
    reason[is_group & info["n"].isna()] = "unknown_size"
    block = ["wave", "question_id", "group_dim"]
    hidden_in_block = reason.notna().groupby([info[c] for c in block]).transform("sum")
    candidates = info[is_group & reason.isna() & (hidden_in_block == 1)]
    if len(candidates):
        reason[candidates.groupby(block, sort=False)["n"].idxmin()] = "secondary"
    info["reason"] = reason
    hidden_cells = info[info["reason"].notna()][[*CELL, "n", "reason"]].reset_index(drop=True)
    hidden = dist.merge(hidden_cells[CELL], on=CELL, how="left", indicator=True)["_merge"] == "both"
    return dist[~hidden.to_numpy()].reset_index(drop=True), hidden_cells


def headline(dist: pd.DataFrame) -> pd.DataFrame:
    """One figure per cell: the favourable share of a scored cell, else the share of its first option.

    For a Likert question that is the share answering on the agreeing side
    (score > 0); for the published results it is the published share itself
    (the first and only option). ``measure`` says which, ``option_id`` names
    the option of an unscored cell. Wilson interval when ``n`` is known.
    """
    columns = [
        *CELL,
        "survey_date",
        "question_ja",
        "question_en",
        "measure",
        "option_id",
        "option_ja",
        "option_en",
        "share",
        "n",
        "basis",
        "source_id",
        "section",
        "page",
        "ci_low",
        "ci_high",
    ]
    options = dist[dist["kind"] == "option"]
    if options.empty:
        return pd.DataFrame(columns=columns)
    info = cells(dist)
    first = options.groupby(CELL, sort=False).head(1).drop(columns=["n", "basis", "share", "ci_low", "ci_high"])
    out = info.drop(columns="survey_date").merge(first, on=CELL, how="left")
    agreeing = options[options["likert_score"] > 0].groupby(CELL, sort=False)[["share", "count"]].sum(min_count=1)
    out = out.merge(
        agreeing.rename(columns={"share": "fav_share", "count": "fav_count"}).reset_index(), on=CELL, how="left"
    )
    firsts = options.groupby(CELL, sort=False).head(1)[[*CELL, "share", "count"]]
    out = out.merge(firsts.rename(columns={"share": "first_share", "count": "first_count"}), on=CELL, how="left")
    scored = out["scored"]
    out["measure"] = np.where(scored, "favourable", "option")
    for column in ("option_id", "option_ja", "option_en"):
        out[column] = out[column].where(~scored, None)
    out["share"] = out["fav_share"].fillna(0.0).where(scored, out["first_share"]).astype(float)
    counted = out["fav_count"].fillna(0.0).where(scored, out["first_count"])
    successes = counted.where(out["basis"] == "counts", (out["share"] / 100 * out["n"]).round())
    n = out["n"].to_numpy(dtype=float)
    low, high = wilson_bounds(np.fmin(successes.to_numpy(dtype=float), n), n)
    out["ci_low"] = low * 100
    out["ci_high"] = high * 100
    return out[columns]


def diverging_segments(dist: pd.DataFrame) -> pd.DataFrame:
    """Start and end (percent) of each scored option on a diverging Likert bar.

    Disagreeing options stack leftwards of 0 and agreeing ones rightwards;
    the neutral option (score 0) is split half each side, so 0 is the centre
    of opinion. Options without a score and the ``rest`` are left out (the
    view lists them beside the chart). Only cells with a scale are laid out.
    """
    rows = _scored_rows(dist)
    rows = rows[(rows["kind"] == "option") & rows["likert_score"].notna()]
    rows = rows.assign(_cell=rows.groupby(CELL, sort=False).ngroup()).sort_values(["_cell", "likert_score"])
    grouped = rows.groupby("_cell", sort=False)
    negative = rows["share"].where(rows["likert_score"] < 0, 0.0).groupby(rows["_cell"]).transform("sum")
    neutral = rows["share"].where(rows["likert_score"] == 0, 0.0).groupby(rows["_cell"]).transform("sum")
    ends = -(negative + neutral / 2) + grouped["share"].cumsum()
    return rows.assign(start=ends - rows["share"], end=ends).drop(columns="_cell").reset_index(drop=True)


def non_substantive(dist: pd.DataFrame) -> pd.DataFrame:
    """Rows of scored cells that a diverging bar cannot place: options without a score and the ``rest``."""
    rows = _scored_rows(dist)
    return rows[rows["likert_score"].isna()].reset_index(drop=True)


def trend(dist: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Headline figures of scored cells across waves, and the waves left out because their scale is unknown.

    A published share without a scale (e.g. the 2025-03 "agree" share) is not
    comparable with a favourable share computed from a scale, so it is not
    joined to the line; the view names the waves left out instead.
    """
    info = cells(dist)
    scored = info[info["scored"]]
    heads = headline(_scored_rows(dist))
    left_out = sorted(set(info.loc[~info["scored"], "wave"]) - set(scored["wave"]))
    return heads.sort_values(["question_id", "wave"]).reset_index(drop=True), left_out


@dataclass(frozen=True)
class Unknowns:
    """What the data of one wave does not tell (drives the page's "what is not known" list)."""

    respondents: bool
    """The number of respondents is not known for some whole-survey result."""
    scale: bool
    """Some question has published shares but no answer scale."""
    breakdown: bool
    """Some share leaves a remainder whose breakdown is unknown."""
    groups: bool
    """No result by department, age band, position or other group."""


def unknowns(dist: pd.DataFrame, wave: str) -> Unknowns:
    """What is not known about the whole-survey results of ``wave``."""
    info = cells(dist)
    info = info[info["wave"] == wave]
    total = info[info["group_dim"] == ALL]
    shares_only = total[total["basis"] == "shares"]
    return Unknowns(
        respondents=bool(total["n"].isna().any()),
        scale=bool((~shares_only["scored"]).any()),
        breakdown=bool((shares_only["rest_share"] > 0).any()),
        groups=bool((info["group_dim"] == ALL).all()),
    )
