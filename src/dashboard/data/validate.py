"""Validation of a DataFrame against a :class:`DatasetSpec`.

Used by the loaders (so a broken published file is reported, not shown) and by
the CSV build and the staff import (so a broken input is never published).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa

from dashboard.data.errors import DataError
from dashboard.data.rules import dataset_violation
from dashboard.data.schemas import DatasetSpec


def check_columns(df: pd.DataFrame, spec: DatasetSpec, path: Path | str) -> None:
    """Raise if the columns differ from the spec (missing or unexpected)."""
    missing = [c for c in spec.columns if c not in df.columns]
    if missing:
        raise DataError("missing_columns", path, ", ".join(missing), column=missing[0])
    extra = [c for c in df.columns if c not in spec.columns]
    if extra:
        raise DataError("extra_columns", path, ", ".join(map(str, extra)), column=str(extra[0]))


def to_table(df: pd.DataFrame, spec: DatasetSpec, path: Path | str) -> pa.Table:
    """Cast a frame to the spec's exact schema, naming the first cell that does not fit."""
    check_columns(df, spec, path)
    df = df[spec.columns]
    arrays = []
    for field in spec.schema:
        col = df[field.name]
        try:
            arrays.append(_cast(col, field.type))
        except (ValueError, TypeError, OverflowError, pa.ArrowInvalid) as exc:
            row = _first_bad_row(col, field.type)
            raise DataError("wrong_type", path, f"{field.name}: {exc}", row=row, column=field.name) from None
    return pa.Table.from_arrays(arrays, schema=spec.schema)


def _cast(col: pd.Series, dtype: pa.DataType) -> pa.Array:
    if pa.types.is_string(dtype):
        texts = [None if _is_missing(v) else str(v) for v in col]
        return pa.array(texts, type=dtype)
    if pa.types.is_integer(dtype):
        whole: list[int | None] = []
        for v in col:
            if _is_missing(v):
                whole.append(None)
                continue
            f = float(v)
            if f != int(f):
                raise ValueError(f"{v!r} is not a whole number")
            whole.append(int(f))
        return pa.array(whole, type=dtype)
    numbers = [None if _is_missing(v) else float(v) for v in col]
    return pa.array(numbers, type=dtype)


def _is_missing(v: object) -> bool:
    if v is None:
        return True
    if isinstance(v, str):
        return v.strip() == ""
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _first_bad_row(col: pd.Series, dtype: pa.DataType) -> int | None:
    for i, v in enumerate(col):
        try:
            _cast(pd.Series([v]), dtype)
        except (ValueError, TypeError, OverflowError, pa.ArrowInvalid):
            return i
    return None


def check_rules(df: pd.DataFrame, spec: DatasetSpec, path: Path | str) -> None:
    """Raise on the first violated rule: nulls, enumerations, ranges, duplicate keys, then the
    value rules and dataset checks declared in the metadata (:mod:`dashboard.data.rules`).

    Row numbers are 0-based positions in ``df``.
    """
    for col in spec.not_null:
        bad = df.index[df[col].isna()].tolist()
        if bad:
            raise DataError("null_value", path, col, row=df.index.get_loc(bad[0]), column=col)
    for col, allowed in spec.enums.items():
        values = df[col]
        bad_mask = values.notna() & ~values.isin(sorted(allowed))
        if bad_mask.any():
            pos = int(bad_mask.to_numpy().nonzero()[0][0])
            raise DataError("unknown_value", path, f"{values.iloc[pos]!r}", row=pos, column=col)
    for col, (lo, hi) in spec.ranges.items():
        values = pd.to_numeric(df[col])
        bad_mask = values.notna() & (
            ((values < lo) if lo is not None else False) | ((values > hi) if hi is not None else False)
        )
        if bool(bad_mask.any()):
            pos = int(bad_mask.to_numpy().nonzero()[0][0])
            raise DataError("out_of_range", path, f"{values.iloc[pos]} not in [{lo}, {hi}]", row=pos, column=col)
    dup = df.duplicated(list(spec.key), keep="first")
    if dup.any():
        pos = int(dup.to_numpy().nonzero()[0][0])
        key = ", ".join(f"{k}={df[k].iloc[pos]}" for k in spec.key)
        raise DataError("duplicate_key", path, key, row=pos, column=spec.key[0])
    found = dataset_violation(df, spec)
    if found is not None:
        raise DataError(
            found.code,
            path,
            f"{found.column}: {found.value}",
            row=found.row,
            column=found.column,
            value=str(found.value),
            expected=found.expected,
        )


def validate_table(table: pa.Table, spec: DatasetSpec, path: Path | str) -> pd.DataFrame:
    """Check a table read from Parquet against the spec and return it as a frame."""
    if not table.schema.equals(spec.schema, check_metadata=False):
        expected = {f.name: str(f.type) for f in spec.schema}
        actual = {f.name: str(f.type) for f in table.schema}
        diff = [f"{k}: {actual.get(k, '—')} ≠ {v}" for k, v in expected.items() if actual.get(k) != v]
        diff += [f"{k}: unexpected" for k in actual if k not in expected]
        raise DataError("schema_mismatch", path, "; ".join(diff))
    df = table.to_pandas()
    check_rules(df, spec, path)
    return df
