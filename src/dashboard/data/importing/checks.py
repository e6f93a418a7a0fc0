"""Stage 4, validate: the schema, the declared rules and the cross-dataset checks, located in the file.

The rules themselves live in :mod:`dashboard.data.validate` and :mod:`dashboard.data.rules`
(shared with the loaders); this stage runs them on the normalised values and names the file's
row and cell, showing each value as the file has it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import pyarrow as pa

from dashboard.data import paths, store
from dashboard.data.errors import DataError, ImportProblem
from dashboard.data.importing.context import Context
from dashboard.data.rules import cross_violation
from dashboard.data.schemas import SPECS, DatasetSpec
from dashboard.data.validate import check_rules, to_table


def validate(
    values: dict[str, list[str | None]],
    raw: dict[str, list[Any]],
    file_rows: list[int],
    by_column: dict[str, int],
    spec: DatasetSpec,
    ctx: Context,
) -> pa.Table:
    """Run the shared validator and the import rules; messages show values as the file has them."""

    def relocate(exc: DataError) -> ImportProblem:
        row = file_rows[exc.row] if exc.row is not None and exc.row < len(file_rows) else None
        col = by_column.get(exc.column or "")
        value: Any = exc.value
        if exc.column in raw and exc.row is not None and not exc.code.startswith("survey_"):
            value = raw[exc.column][exc.row]  # as the file has it (the survey rules name a whole cell)
        code, expected = _rule_message(exc, spec)
        if exc.code == "duplicate_key" and exc.row is not None:
            key = [tuple(values[c][k] for c in spec.key) for k in range(len(file_rows))]
            first = key.index(key[exc.row])
            value, expected = exc.detail, str(file_rows[first] + 1)
        return ctx.problem(code, row=row, col=col, column=exc.column, value=value, expected=expected, detail=exc.detail)

    frame = pd.DataFrame({c: pd.Series(values[c], dtype=object) for c in spec.columns})
    try:
        table = to_table(frame, spec, ctx.origin)
        df = table.to_pandas()
        check_rules(df, spec, ctx.origin)
    except DataError as exc:
        raise relocate(exc) from None
    for check in _EXTRA_RULES:
        problem = check(table, spec)
        if problem is not None:
            code, k, column, value, expected = problem
            row = file_rows[k] if k is not None else None
            if k is not None and column in raw:
                value = raw[column][k]
            raise ctx.problem(
                code,
                row=row,
                col=by_column.get(column) if row is not None else None,
                column=column,
                value=value,
                expected=expected,
            )
    return table


def _rule_message(exc: DataError, spec: DatasetSpec) -> tuple[str, str]:
    """The import code and the 'expected' text for a violation found by the shared validator."""
    if exc.code == "out_of_range" and exc.column in spec.ranges:
        lo, hi = spec.ranges[exc.column]
        return "value_out_of_range", _range_text(lo, hi)
    if exc.code == "unknown_value" and exc.column in spec.enums:
        return "value_not_allowed", "、".join(sorted(spec.enums[exc.column]))
    return _IMPORT_CODES.get(exc.code, exc.code), exc.expected


# The shared validator's codes, reworded for the person who fixes a file.
_IMPORT_CODES = {
    "duplicate_key": "duplicate_row",
    "null_value": "required_missing",
    "wrong_type": "not_a_number",
    "out_of_range": "value_out_of_range",
    "unknown_value": "value_not_allowed",
}


def _range_text(lo: float | None, hi: float | None) -> str:
    def num(v: float) -> str:
        return str(int(v)) if float(v).is_integer() else str(v)

    if lo is not None and hi is not None:
        return f"{num(lo)}〜{num(hi)}"
    if lo is not None:
        return f"≥ {num(lo)}"
    return f"≤ {num(hi)}" if hi is not None else ""


_Problem = tuple[str, int | None, str, Any, str]
"""(code, 0-based data row or None, column, value found, what is expected)."""


def published_frames(replace: str | None = None, table: pa.Table | None = None) -> dict[str, pd.DataFrame]:
    """Every published dataset as a validated frame, with ``table`` in place of ``replace`` when given."""
    frames: dict[str, pd.DataFrame] = {}
    for name in SPECS:
        if name == replace and table is not None:
            frames[name] = table.to_pandas()
        elif paths.parquet_path(name).exists():
            frames[name] = store.load(name)
    return frames


def _check_cross(table: pa.Table, spec: DatasetSpec) -> _Problem | None:
    """The cross-dataset rules (references both ways, KPI definitions and their values)."""
    found = cross_violation(spec.name, published_frames(spec.name, table))
    if found is None:
        return None
    return found.code, found.row, found.column or "", found.value, found.expected


_EXTRA_RULES: tuple[Callable[[pa.Table, DatasetSpec], _Problem | None], ...] = (_check_cross,)


def check_import_rules(name: str, table: pa.Table) -> None:
    """Apply the cross-dataset rules to a table about to be published."""
    spec = SPECS[name]
    for check in _EXTRA_RULES:
        problem = check(table, spec)
        if problem is not None:
            code, k, column, value, expected = problem
            raise ImportProblem(code, name, row=k, column=column, dataset=name, value=str(value), expected=expected)


def published_problems() -> list[ImportProblem]:
    """The cross-dataset rules checked over everything published (``dashboard check``): one problem per dataset."""
    frames = published_frames()
    problems = []
    for name in SPECS:
        found = cross_violation(name, frames) if name in frames else None
        if found is not None:
            problems.append(
                ImportProblem(
                    found.code,
                    str(paths.parquet_path(name).name),
                    row=found.row,
                    column=found.column,
                    dataset=name,
                    value=str(found.value),
                    expected=found.expected,
                )
            )
    return problems
