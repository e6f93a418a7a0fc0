"""Reading staff updates from Excel or CSV: normalise, validate, and compare with what is published.

The people who hold the new figures work in Excel. This module reads what they
really type and either returns a table that fits the dataset's schema and
rules exactly, or raises an :class:`ImportProblem` naming the file, the row and
the column (and the cell and sheet for Excel) of the first thing to fix.

Accepted after normalisation (each recorded as a :class:`Note`):

- .xlsx (values only; formulas, error cells and merged cells are refused) or
  CSV/TSV in UTF-8, UTF-8 with BOM, UTF-16 (Excel's "Unicode text") or
  Shift_JIS/CP932, with the delimiter sniffed from the header line;
- 全角 digits and letters ("１，２８１"), thousands separators, ▲/△ for minus,
  "522.0万" (× 10,000, or as printed when the unit itself is 万時間), "6.4%"
  (and Excel percent cells) in percent columns, 和暦 years ("R6", "令和6年度",
  "H30") in year and period columns, dates typed as Excel dates in text
  columns, spaces around ids, blank rows.

Refused with a clear reason: a file over :data:`MAX_IMPORT_BYTES` (checked
before reading), an empty file or one with only a header, a non-Excel file
named .xlsx, a missing sheet, wrong/missing/extra/duplicate headers, values
that are not numbers, whole numbers or dates of the expected form, and every
schema rule (ranges, allowed values, duplicate keys, unknown KPI ids or
sources, KPI units and pillars that disagree with the KPI definitions,
periods that disagree with the year, actual figures dated in the future).

Row numbers in errors: ``ImportProblem.row`` is the 0-based index of the row in
the file with the header as row 0, so ``row + 1`` is the row number Excel shows.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyarrow as pa

from dashboard.data.errors import DataError, ImportProblem
from dashboard.data.importing.checks import (
    _IMPORT_CODES,
    check_import_rules,
    published_frames,
    published_problems,
    validate,
)
from dashboard.data.importing.context import Context, Grid, Imported, Note, blank
from dashboard.data.importing.diff import Diff, RowChange, compare, diff_tables, published_table
from dashboard.data.importing.mapping import map_header
from dashboard.data.importing.normalise import normalise
from dashboard.data.importing.read import (
    DATA_SHEET,
    MAX_COLUMNS,
    MAX_IMPORT_BYTES,
    MAX_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    check_size,
    os_problem,
    read_grid,
    sheet_names,
    unknown_dataset,
)
from dashboard.data.importing.report import message_parts, note_summary
from dashboard.data.schemas import SPECS, DatasetSpec

__all__ = [
    "DATA_SHEET",
    "MAX_COLUMNS",
    "MAX_IMPORT_BYTES",
    "MAX_ROWS",
    "MAX_UNCOMPRESSED_BYTES",
    "_IMPORT_CODES",
    "DataError",
    "Diff",
    "ImportProblem",
    "Imported",
    "Note",
    "RowChange",
    "check_import_rules",
    "compare",
    "diff_tables",
    "message_parts",
    "note_summary",
    "published_frames",
    "published_problems",
    "published_table",
    "read_bytes",
    "read_path",
    "sheet_names",
    "unknown_dataset",
]


def read_path(path: Path, dataset: str, sheet: str | None = None) -> Imported:
    """Read, normalise and validate a staff file on disk (size checked before reading)."""
    origin = path.name
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise IsADirectoryError(path)
        check_size(size, origin, dataset)
        data = path.read_bytes()
    except OSError as exc:
        raise os_problem(exc, path, dataset) from None
    return read_bytes(data, origin, dataset, sheet)


def read_bytes(data: bytes, origin: str, dataset: str, sheet: str | None = None) -> Imported:
    """Read, normalise and validate a staff file given as bytes (an upload); ``origin`` is its file name."""
    spec = SPECS.get(dataset)
    if spec is None:
        raise unknown_dataset(dataset)
    check_size(len(data), origin, dataset)
    grid = read_grid(data, origin, dataset, sheet)
    ctx = Context(dataset, origin, grid.sheet)
    table, dropped = _grid_to_table(grid, spec, ctx)
    return Imported(
        dataset=dataset,
        origin=origin,
        input_sha256=hashlib.sha256(data).hexdigest(),
        table=table,
        notes=tuple(ctx.notes),
        file_format=grid.file_format,
        encoding=grid.encoding,
        delimiter=grid.delimiter,
        sheet=grid.sheet,
        dropped_blank_rows=dropped,
    )


def _grid_to_table(grid: Grid, spec: DatasetSpec, ctx: Context) -> tuple[pa.Table, int]:
    if not grid.rows or all(all(blank(v) for v in r) for r in grid.rows):
        raise ctx.problem("empty_file")
    mapping = map_header(grid, spec, ctx)
    body = [(i, r) for i, r in enumerate(grid.rows) if i > 0]
    kept = [(i, r) for i, r in body if not all(blank(v) for v in r)]
    if not kept:
        raise ctx.problem("header_only")
    by_column = {column: j for j, column in mapping.items()}
    raw = {c: [r[by_column[c]] if by_column[c] < len(r) else None for _, r in kept] for c in spec.columns}
    file_rows = [i for i, _ in kept]
    values = normalise(raw, file_rows, by_column, spec, ctx)
    table = validate(values, raw, file_rows, by_column, spec, ctx)
    return table, len(body) - len(kept)
