"""The rules a dataset's rows must satisfy beyond its schema, as declared in its metadata.

Three kinds, all pure pandas over frames (no files, no i18n):

- **value rules** of each column: finite numbers within the declared magnitude,
  text no longer than the declared length, no control characters (NUL, escape,
  …; a line break only in free-text columns);
- **dataset checks** declared under ``[[checks]]`` that need only the dataset
  itself: ``not_above`` (a count never above its respondents), ``min_rows``
  (e.g. two actual facility counts; a KPI the overview reads), ``period_fits_type``,
  ``not_after_next_year``, and ``survey_cells`` (the survey format's rules,
  docs/survey-format.md);
- **cross-dataset checks**, run against the published datasets with the
  candidate in place of its own: column ``references`` (both ways: an id used
  must exist, an id still used may not disappear), ``matches_definition`` and
  ``has_rows`` (every KPI definition has values).

Each violation is returned as a :class:`Violation` naming the 0-based row of the
frame and the column; the importer turns it into the file's row and cell, and
the i18n catalogue into a sentence (``data_error.<code>``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from dashboard.data.metadata import Check, Column
from dashboard.data.schemas import SPECS, DatasetSpec

SURVEY_CELL = ["wave", "question_id", "group_dim", "group_value"]
"""The columns naming one survey distribution: a wave, a question and a group."""
SHARE_TOLERANCE = 0.5
"""Percentage points of rounding allowed when published shares add up."""

_CONTROL_OK_IN_TEXT = frozenset("\n")
_PERIOD_TYPES = {
    "calendar_year": re.compile(r"^\d{4}$"),
    "fiscal_year": re.compile(r"^FY\d{4}$"),
    "fiscal_year_span": re.compile(r"^FY\d{4}-FY\d{4}$"),
    "snapshot": re.compile(r"^\d{4}-\d{2}(-\d{2})?$"),
}


@dataclass(frozen=True)
class Violation:
    """One broken rule: where (0-based row of the frame, column) and what (code, value, expected)."""

    code: str
    row: int | None
    column: str | None
    value: Any = ""
    expected: str = ""


# ---------------------------------------------------------------------------
# Value rules


def _control_character(text: str, free_text: bool) -> str | None:
    for char in text:
        if unicodedata.category(char) == "Cc" and not (free_text and char in _CONTROL_OK_IN_TEXT):
            return f"U+{ord(char):04X}"
    return None


def value_violation(df: pd.DataFrame, spec: DatasetSpec) -> Violation | None:
    """The first value that is not finite, too large, too long or holds a control character."""
    for column in spec.column_meta:
        values = df[column.name]
        found = _text_violation(values, column) if column.is_text else _number_violation(values, column)
        if found is not None:
            return found
    return None


def _text_violation(values: pd.Series, column: Column) -> Violation | None:
    limit = column.length_limit
    for pos, value in enumerate(values):
        if not isinstance(value, str):
            continue
        if "\x00" in value or _control_character(value, column.kind == "text"):
            return Violation("control_character", pos, column.name, _control_character(value, False) or "U+0000")
        if len(value) > limit:
            return Violation("text_too_long", pos, column.name, f"{len(value)}", str(limit))
    return None


def _number_violation(values: pd.Series, column: Column) -> Violation | None:
    numbers = pd.to_numeric(values, errors="coerce").astype(float)
    present = values.notna().to_numpy()
    finite = np.isfinite(numbers.to_numpy())
    bad = present & ~finite
    if bad.any():
        pos = int(bad.nonzero()[0][0])
        return Violation("not_finite", pos, column.name, values.iloc[pos])
    magnitude = column.magnitude
    too_large = present & (np.abs(np.nan_to_num(numbers.to_numpy())) > magnitude)
    if too_large.any():
        pos = int(too_large.nonzero()[0][0])
        return Violation("value_too_large", pos, column.name, values.iloc[pos], f"{magnitude:g}")
    return None


# ---------------------------------------------------------------------------
# Dataset checks


def _where(df: pd.DataFrame, where: Mapping[str, Any] | None) -> pd.Series:
    mask = pd.Series(True, index=df.index)
    for column, value in (where or {}).items():
        mask &= df[column] == value
    return mask


def _not_above(df: pd.DataFrame, check: Check) -> Violation | None:
    column, limit = check.get("column"), check.get("limit")
    bad = (df[column].notna() & df[limit].notna() & (df[column] > df[limit])).to_numpy()
    if bad.any():
        pos = int(bad.nonzero()[0][0])
        return Violation("above_limit", pos, column, df[column].iloc[pos], f"{limit} = {df[limit].iloc[pos]}")
    return None


def _min_rows(df: pd.DataFrame, check: Check) -> Violation | None:
    where = check.get("where") or {}
    mask = _where(df, where)
    needs = check.get("needs")
    if needs:
        mask &= df[needs].notna()
    n = int(mask.sum())
    lo, hi = int(check.get("min", 0)), check.get("max")
    what = "、".join(f"{k}={v}" for k, v in where.items()) or "—"
    column = next(iter(where), None) or needs
    if n < lo:
        return Violation("too_few_rows", None, column, what, f"{lo}")
    if hi is not None and n > int(hi):
        pos = int(mask.to_numpy().nonzero()[0][int(hi)])
        return Violation("too_many_matching_rows", pos, column, what, f"{hi}")
    return None


def _range_where(df: pd.DataFrame, check: Check) -> Violation | None:
    column, lo, hi = check.get("column"), check.get("min"), check.get("max")
    mask = _where(df, check.get("where")) & df[column].notna()
    low = mask & (df[column] < lo) if lo is not None else pd.Series(False, index=df.index)
    high = mask & (df[column] > hi) if hi is not None else pd.Series(False, index=df.index)
    bad = (low | high).to_numpy()
    if bad.any():
        pos = int(bad.nonzero()[0][0])
        what = "、".join(f"{k}={v}" for k, v in (check.get("where") or {}).items())
        bounds = f"{'' if lo is None else lo}〜{'' if hi is None else hi}"
        return Violation("value_out_of_range", pos, column, df[column].iloc[pos], f"{bounds}（{what}）")
    return None


def _period_fits_type(df: pd.DataFrame, check: Check) -> Violation | None:
    for pos, (period, kind, year) in enumerate(zip(df["period"], df["period_type"], df["year"], strict=True)):
        if not _PERIOD_TYPES[kind].match(period):
            return Violation("period_type_mismatch", pos, "period", period, kind)
        expected = int(period[-4:]) if period.startswith("FY") else int(period[:4])
        if year != expected:
            return Violation("period_year_mismatch", pos, "year", year, str(expected))
    return None


def _not_after_next_year(df: pd.DataFrame, check: Check) -> Violation | None:
    column = check.get("column")
    latest = dt.date.today().year + 1
    mask = (_where(df, check.get("where")) & df[column].notna() & (df[column] > latest)).to_numpy()
    if mask.any():
        pos = int(mask.nonzero()[0][0])
        return Violation("future_year", pos, column, df[column].iloc[pos], f"≤ {latest}")
    return None


def _first_per(mask: pd.Series, df: pd.DataFrame, by: list[str]) -> pd.Series:
    return mask & ~df[mask].duplicated(by).reindex(df.index, fill_value=True)


def survey_problems(df: pd.DataFrame) -> list[Violation]:
    """The survey format's rules (docs/survey-format.md), every problem in row order.

    - every row gives a count or a share;
    - within one cell either every option has a count or none has;
    - the respondents column is the same on every row of a cell and not below the counts' sum;
    - shares of a cell do not add up to more than 100 %;
    - an option keeps one score across groups and waves, and two options of a cell never share a score;
    - a share given beside a count agrees with it (within rounding).
    """
    df = df.reset_index(drop=True)
    if df.empty:
        return []
    cell_name = df["wave"].astype(str)
    for column in SURVEY_CELL[1:]:
        cell_name = cell_name + " / " + df[column].astype(str)
    option_name = df["question_id"].astype(str) + " / " + df["option_id"].astype(str)
    grouped = df.groupby(SURVEY_CELL, sort=False)
    counted = grouped["count"].transform("count")
    all_counts = counted == grouped["count"].transform("size")
    mixed = (counted > 0) & ~all_counts
    resp_kinds = grouped["respondents"].transform("nunique")
    resp = grouped["respondents"].transform("first")
    count_sum = grouped["count"].transform("sum")
    n = resp.where(resp.notna(), count_sum)
    first_row = ~df.duplicated(SURVEY_CELL)
    scored = df["likert_score"].notna()
    with np.errstate(invalid="ignore", divide="ignore"):
        off = (df["count"] / n * 100 - df["share_pct"]).abs() > SHARE_TOLERANCE
    ok = ~mixed
    checks: list[tuple[str, pd.Series, pd.Series, str]] = [
        ("no_value", df["count"].isna() & df["share_pct"].isna(), option_name, "count"),
        ("mixed_basis", _first_per(mixed & df["count"].isna(), df, SURVEY_CELL), cell_name, "count"),
        ("respondents_differ", ok & first_row & (resp_kinds > 1), cell_name, "respondents"),
        (
            "counts_exceed_respondents",
            ok & first_row & (resp_kinds == 1) & all_counts & (count_sum > resp),
            cell_name,
            "count",
        ),
        (
            "shares_exceed_100",
            ok & first_row & (counted == 0) & (grouped["share_pct"].transform("sum") > 100 + SHARE_TOLERANCE),
            cell_name,
            "share_pct",
        ),
        (
            "duplicate_score",
            _first_per(scored & df.duplicated([*SURVEY_CELL, "likert_score"]), df, SURVEY_CELL),
            cell_name,
            "likert_score",
        ),
        (
            "share_disagrees_with_count",
            _first_per(ok & all_counts & (resp_kinds <= 1) & (n > 0) & df["share_pct"].notna() & off, df, SURVEY_CELL),
            cell_name,
            "share_pct",
        ),
    ]
    score_kinds = df[scored].groupby(["question_id", "option_id"], sort=False)["likert_score"].transform("nunique")
    differs = (score_kinds > 1).reindex(df.index, fill_value=False)
    checks.append(("score_differs", _first_per(differs, df, ["question_id", "option_id"]), option_name, "likert_score"))
    found = [
        (int(pos), Violation(f"survey_{code}", int(pos), column, str(detail[pos])))
        for code, mask, detail, column in checks
        for pos in mask[mask].index
    ]
    return [violation for _, violation in sorted(found, key=lambda item: item[0])]


def _survey_cells(df: pd.DataFrame, check: Check) -> Violation | None:
    problems = survey_problems(df)
    return problems[0] if problems else None


_DATASET_RULES = {
    "not_above": _not_above,
    "min_rows": _min_rows,
    "range_where": _range_where,
    "period_fits_type": _period_fits_type,
    "not_after_next_year": _not_after_next_year,
    "survey_cells": _survey_cells,
}


def dataset_violation(df: pd.DataFrame, spec: DatasetSpec) -> Violation | None:
    """The first value rule or declared dataset check the frame breaks (None = all hold)."""
    found = value_violation(df, spec)
    if found is not None:
        return found
    for check in spec.checks:
        rule = _DATASET_RULES.get(check.rule)
        if rule is not None:
            found = rule(df.reset_index(drop=True), check)
            if found is not None:
                return found
    return None


# ---------------------------------------------------------------------------
# Cross-dataset checks


def _references(name: str, frames: Mapping[str, pd.DataFrame]) -> Iterator[Violation]:
    for other, spec in SPECS.items():
        for column, (ref_dataset, ref_column) in spec.references.items():
            if name not in (other, ref_dataset) or other not in frames or ref_dataset not in frames:
                continue
            known = set(frames[ref_dataset][ref_column].dropna())
            values = frames[other][column]
            for pos, value in enumerate(values):
                if value is None or (isinstance(value, float) and math.isnan(value)) or value in known:
                    continue
                if other == name:
                    yield Violation("unknown_reference", pos, column, value, ref_dataset)
                else:
                    yield Violation("still_referenced", None, ref_column, value, other)


def _definitions(name: str, frames: Mapping[str, pd.DataFrame]) -> Iterator[Violation]:
    for owner, spec in SPECS.items():
        for check in spec.checks:
            if check.rule == "matches_definition":
                yield from _matches_definition(name, owner, check, frames)
            elif check.rule == "has_rows":
                yield from _has_rows(name, owner, check, frames)


def _matches_definition(name: str, owner: str, check: Check, frames: Mapping[str, pd.DataFrame]) -> Iterator[Violation]:
    ref, key = check.get("dataset"), check.get("key")
    if name not in (owner, ref) or owner not in frames or ref not in frames:
        return
    defs = frames[ref].drop_duplicates(key).set_index(key)
    rows = frames[owner]
    for pos, row in enumerate(rows.itertuples(index=False)):
        value_key = getattr(row, key)
        if value_key not in defs.index:
            continue
        for column in check.get("columns", ()):
            mine, theirs = getattr(row, column), defs.at[value_key, column]
            if mine != theirs:
                if name == owner:
                    yield Violation("mismatch_definition", pos, column, mine, str(theirs))
                else:
                    yield Violation(
                        "definition_conflict", int(frames[ref][key].tolist().index(value_key)), column, theirs, mine
                    )


def _has_rows(name: str, owner: str, check: Check, frames: Mapping[str, pd.DataFrame]) -> Iterator[Violation]:
    target, target_column, column = check.get("in_dataset"), check.get("in_column"), check.get("column")
    if name not in (owner, target) or owner not in frames or target not in frames:
        return
    defs = frames[owner]
    present = set(frames[target][target_column].dropna())
    mask = _where(defs, check.get("where")).to_numpy()
    for pos in mask.nonzero()[0]:
        value = defs[column].iloc[int(pos)]
        if value not in present:
            if name == owner:
                yield Violation("definition_without_rows", int(pos), column, value, target)
            else:
                yield Violation("rows_removed", None, target_column, value, owner)


def cross_violation(name: str, frames: Mapping[str, pd.DataFrame]) -> Violation | None:
    """The first cross-dataset rule broken when ``frames[name]`` replaces the published dataset.

    ``frames`` holds every published dataset (those not published yet are
    simply absent, and their rules wait for them).
    """
    for found in _references(name, frames):
        return found
    for found in _definitions(name, frames):
        return found
    return None
