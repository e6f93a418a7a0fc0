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

import codecs
import csv
import datetime as dt
import hashlib
import io
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from dashboard.data import paths, store, xlsx
from dashboard.data.errors import DataError, ImportProblem, os_error_code
from dashboard.data.headers import PERIOD, TEXT, YEAR, column_doc, header_aliases, header_key, label
from dashboard.data.rules import cross_violation
from dashboard.data.schemas import DATE_FORMAT, PERIOD_FORMAT, SPECS, DatasetSpec
from dashboard.data.validate import check_rules, to_table, validate_table

MAX_IMPORT_BYTES = 20 * 1024 * 1024
"""Largest file accepted (matches ``server.maxUploadSize = 20`` in .streamlit/config.toml)."""
MAX_UNCOMPRESSED_BYTES = xlsx.MAX_UNCOMPRESSED_BYTES
"""Largest total size of the parts inside an .xlsx (a zip), against zip bombs."""
MAX_ROWS = xlsx.MAX_ROWS
MAX_COLUMNS = xlsx.MAX_COLUMNS
DATA_SHEET = "データ"
"""Name of the data sheet in the templates; read by default when present."""
EXCEL_SUFFIXES = (".xlsx",)
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
DELIMITERS = (",", "\t", ";", "|")
MAN_UNITS = frozenset({"hours_10k"})
"""Units that are themselves in 万: "522.0万" in such a column is 522.0, not 5,220,000."""

_FORMULA_STARTS = frozenset("+-@\t\r")
"""Leading characters that make Excel or LibreOffice evaluate a cell (besides ``=``)."""
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls (and other OLE2 files)
_ERAS = {"r": 2018, "令和": 2018, "h": 1988, "平成": 1988, "s": 1925, "昭和": 1925}
_WAREKI = re.compile(r"^(r|令和|h|平成|s|昭和)\s*(\d{1,2}|元)\s*(?:年度?)?$")
_SEIREKI = re.compile(r"^(?:fy)?\s*(\d{4})\s*(?:年度?)?$")
_FISCAL = re.compile(r"^(?:fy\s*(\d{4})|(\d{4})\s*年度)$")
_CALENDAR = re.compile(r"^(\d{4})\s*年$")
_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$")
_DATE = re.compile(r"^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?$")
_PERIOD = re.compile(r"^(\d{4}(-\d{2})?|FY\d{4}(-FY\d{4})?)$")


@dataclass(frozen=True)
class Note:
    """One normalisation applied to a staff value (shown before publishing)."""

    code: str
    row: int
    column: str
    before: str
    after: str


@dataclass(frozen=True)
class Imported:
    """A validated staff file, ready to be compared and published."""

    dataset: str
    origin: str
    input_sha256: str
    table: pa.Table
    notes: tuple[Note, ...]
    file_format: str
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    dropped_blank_rows: int = 0

    @property
    def rows(self) -> int:
        """Number of data rows."""
        return self.table.num_rows


@dataclass(frozen=True)
class RowChange:
    """A row present before and after, with the columns whose value changed."""

    key: tuple[Any, ...]
    changes: tuple[tuple[str, Any, Any], ...]


@dataclass(frozen=True)
class Diff:
    """Rows added, changed and removed by an import, matched by the dataset's key."""

    key_columns: tuple[str, ...]
    added: tuple[dict[str, Any], ...] = ()
    removed: tuple[dict[str, Any], ...] = ()
    changed: tuple[RowChange, ...] = ()

    @property
    def empty(self) -> bool:
        """True when the import would change nothing."""
        return not (self.added or self.removed or self.changed)

    def counts(self) -> dict[str, int]:
        """``{"added": n, "changed": n, "removed": n}``."""
        return {"added": len(self.added), "changed": len(self.changed), "removed": len(self.removed)}


# ---------------------------------------------------------------------------
# Reading


@dataclass
class _ExcelDate:
    """An Excel date cell; ``iso`` keeps the precision its number format shows."""

    iso: str


@dataclass
class _ExcelPercent:
    """A number in an Excel cell formatted as a percentage (stored as a fraction)."""

    value: float


@dataclass
class _Grid:
    rows: list[list[Any]]
    file_format: str
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None


@dataclass
class _Context:
    dataset: str
    origin: str
    sheet: str | None
    notes: list[Note] = field(default_factory=list)

    def problem(
        self,
        code: str,
        row: int | None = None,
        col: int | None = None,
        column: str | None = None,
        value: object = "",
        expected: str = "",
        detail: str = "",
    ) -> ImportProblem:
        cell = None
        if row is not None and col is not None:
            cell = f"{get_column_letter(col + 1)}{row + 1}"
        return ImportProblem(
            code,
            self.origin,
            detail,
            row=row,
            column=column,
            dataset=self.dataset,
            sheet=self.sheet,
            cell=cell,
            value=_show(value),
            expected=expected,
        )


def _show(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, _ExcelDate):
        return value.iso
    if isinstance(value, _ExcelPercent):
        return f"{value.value * 100:g}%"
    return str(value)


def read_path(path: Path, dataset: str, sheet: str | None = None) -> Imported:
    """Read, normalise and validate a staff file on disk (size checked before reading)."""
    origin = path.name
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise IsADirectoryError(path)
        _check_size(size, origin, dataset)
        data = path.read_bytes()
    except OSError as exc:
        raise os_problem(exc, path, dataset) from None
    return read_bytes(data, origin, dataset, sheet)


def os_problem(exc: OSError, path: Path | str, dataset: str | None = None) -> ImportProblem:
    """An operating-system error as a message naming the file (no traceback)."""
    return ImportProblem(os_error_code(exc), str(path), exc.strerror or type(exc).__name__, dataset=dataset)


def read_bytes(data: bytes, origin: str, dataset: str, sheet: str | None = None) -> Imported:
    """Read, normalise and validate a staff file given as bytes (an upload); ``origin`` is its file name."""
    spec = SPECS.get(dataset)
    if spec is None:
        raise unknown_dataset(dataset)
    _check_size(len(data), origin, dataset)
    grid = _read_grid(data, origin, dataset, sheet)
    ctx = _Context(dataset, origin, grid.sheet)
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


def unknown_dataset(name: str) -> ImportProblem:
    """The error for a dataset name that does not exist, listing the ones that do."""
    return ImportProblem("unknown_dataset", name, value=name, expected="、".join(SPECS))


def sheet_names(data: bytes) -> list[str]:
    """The sheet names of an .xlsx given as bytes ([] when it is not one)."""
    if not data.startswith(_ZIP_MAGIC):
        return []
    try:
        return xlsx.Workbook(data, "", None).names
    except DataError:
        return []


def _check_size(size: int, origin: str, dataset: str | None) -> None:
    if size > MAX_IMPORT_BYTES:
        raise ImportProblem(
            "file_too_large", origin, dataset=dataset, value=_megabytes(size), expected=_megabytes(MAX_IMPORT_BYTES)
        )
    if size == 0:
        raise ImportProblem("empty_file", origin, dataset=dataset)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _read_grid(data: bytes, origin: str, dataset: str, sheet: str | None) -> _Grid:
    suffix = Path(origin).suffix.lower()
    if xlsx.is_encrypted(data):
        raise ImportProblem("encrypted_workbook", origin, dataset=dataset)
    if data.startswith(_OLE_MAGIC):
        raise ImportProblem("xls_format", origin, dataset=dataset)
    if data.startswith(_ZIP_MAGIC) and suffix not in EXCEL_SUFFIXES and suffix not in TEXT_SUFFIXES:
        raise ImportProblem("unsupported_format", origin, dataset=dataset, value=suffix or origin)
    if suffix in EXCEL_SUFFIXES or data.startswith(_ZIP_MAGIC):
        # Content decides: an .xlsx saved with a .csv name is still read as Excel.
        return _read_excel(data, origin, dataset, sheet)
    if suffix not in TEXT_SUFFIXES:
        raise ImportProblem("unsupported_format", origin, dataset=dataset, value=suffix or origin)
    return _read_text(data, origin, dataset)


def _read_excel(data: bytes, origin: str, dataset: str, sheet: str | None) -> _Grid:
    """Every cap and the sheet's layout checked from the zip directory and a streaming pass, then the values."""
    book = xlsx.Workbook(data, origin, dataset)
    chosen = book.choose(sheet, DATA_SHEET)
    scan = book.scan(chosen)
    ctx = _Context(dataset, origin, chosen.name)
    if scan.merged:
        first = scan.merged.split(":")[0]
        match = re.match(r"^([A-Z]+)(\d+)$", first)
        row = int(match.group(2)) - 1 if match else None
        col = xlsx._column_number(match.group(1)) - 1 if match else None
        raise ctx.problem("merged_cells", row=row, col=col, value=scan.merged)
    if scan.hidden_rows:
        listed = "、".join(str(r) for r in scan.hidden_rows[:10]) + ("…" if len(scan.hidden_rows) > 10 else "")
        raise ctx.problem("hidden_rows", row=scan.hidden_rows[0] - 1, value=listed)
    rows: list[list[Any]] = []
    for r, cells in enumerate(book.rows(chosen)):
        if r > MAX_ROWS:
            raise ctx.problem("too_many_rows", value=f"> {MAX_ROWS:,}", expected=f"{MAX_ROWS:,}")
        if len(cells) > MAX_COLUMNS:
            raise ctx.problem("too_many_columns", value=len(cells), expected=str(MAX_COLUMNS))
        rows.append([_excel_value(cell, ctx, r, c) for c, cell in enumerate(cells)])
    return _Grid(rows, "xlsx", sheet=chosen.name)


def _excel_value(cell: Any, ctx: _Context, r: int, c: int) -> Any:
    value = getattr(cell, "value", None)
    if value is None:
        return None
    if cell.data_type == "f" or isinstance(value, (ArrayFormula, DataTableFormula)):
        raise ctx.problem("formula_cell", row=r, col=c, value=value.text if isinstance(value, ArrayFormula) else value)
    if cell.data_type == "e":
        raise ctx.problem("error_cell", row=r, col=c, value=value)
    if isinstance(value, str) and value.startswith("="):
        raise ctx.problem("formula_cell", row=r, col=c, value=value)
    fmt = str(cell.number_format or "").lower()
    if isinstance(value, (dt.datetime, dt.date)):
        # A cell that shows no day (yyyy-mm, mmm-yy, yyyy"年"m"月") stands for a month.
        return _ExcelDate(xlsx.cell_date(value, fmt))
    if isinstance(value, dt.time | dt.timedelta):
        raise ctx.problem("not_a_number", row=r, col=c, value=value)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in fmt:
        return _ExcelPercent(float(value))
    return value


def _line_decodes(line: bytes, encoding: str) -> bool:
    try:
        line.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _first_line_not(data: bytes, encoding: str) -> int | None:
    """The 1-based number of the first line that is not valid in ``encoding`` (None when all are)."""
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not _line_decodes(line, encoding):
            return number
    return None


def _decode(data: bytes, origin: str, dataset: str) -> tuple[str, str]:
    """The whole file decoded with one encoding; a file mixing UTF-8 and Shift_JIS is refused naming the line."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                line = _first_line_not(data[len(bom) :], "utf-8") if encoding == "utf-8-sig" else None
                if line is not None:
                    raise ImportProblem(
                        "mixed_encoding", origin, dataset=dataset, row=line - 1, value=str(line), expected="UTF-8"
                    ) from None
                raise ImportProblem("encoding_unknown", origin, dataset=dataset) from None
    head = data[:4096]
    if head.count(b"\x00") * 10 > len(head):
        # Binary, or UTF-16 without its BOM. A stray NUL in a text file is read and then
        # refused by the value rules, naming its row and column.
        raise ImportProblem("not_text", origin, dataset=dataset)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Not UTF-8 as a whole. If some non-ASCII line is UTF-8, the file mixes encodings (a Shift_JIS
    # line pasted into a UTF-8 file, or the reverse): decoding it as either would publish mojibake.
    lines = data.split(b"\n")
    utf8 = [i for i, line in enumerate(lines, start=1) if not line.isascii() and _line_decodes(line, "utf-8")]
    other = [i for i, line in enumerate(lines, start=1) if not _line_decodes(line, "utf-8")]
    if utf8 and other:
        first = min(utf8[0], other[0])
        odd = other[0] if first == utf8[0] else utf8[0]
        expected = "UTF-8" if first == utf8[0] else "Shift_JIS"
        raise ImportProblem("mixed_encoding", origin, dataset=dataset, row=odd - 1, value=str(odd), expected=expected)
    try:
        return data.decode("cp932"), "cp932"
    except UnicodeDecodeError:
        line = _first_line_not(data, "cp932")
        raise ImportProblem(
            "encoding_unknown", origin, dataset=dataset, row=None if line is None else line - 1
        ) from None


def _sniff_delimiter(first_line: str, dataset: str) -> str:
    """The delimiter whose split of the header line matches the most known headers."""
    aliases = header_aliases(dataset)

    def score(delimiter: str) -> tuple[int, int]:
        fields = next(csv.reader([first_line], delimiter=delimiter), [])
        return sum(header_key(f) in aliases for f in fields), len(fields)

    best = max(DELIMITERS, key=score)
    if score(best)[0] > 0:
        return best
    try:
        return csv.Sniffer().sniff(first_line, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        return ","


def _read_text(data: bytes, origin: str, dataset: str) -> _Grid:
    text, encoding = _decode(data, origin, dataset)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise ImportProblem("empty_file", origin, dataset=dataset)
    first_line = text.splitlines()[0] if text.splitlines() else ""
    delimiter = _sniff_delimiter(first_line, dataset)
    try:
        rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise ImportProblem("unreadable", origin, str(exc), dataset=dataset) from None
    if len(rows) > MAX_ROWS + 1:
        raise ImportProblem("too_many_rows", origin, dataset=dataset, value=str(len(rows) - 1), expected=str(MAX_ROWS))
    return _Grid(rows, "csv", encoding=encoding, delimiter=delimiter)


# ---------------------------------------------------------------------------
# Headers and rows


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _map_header(grid: _Grid, spec: DatasetSpec, ctx: _Context) -> dict[int, str]:
    """Grid column index → dataset column, or a problem naming the header to fix."""
    header = grid.rows[0] if grid.rows else []
    width = max((len(r) for r in grid.rows), default=0)
    aliases = header_aliases(spec.name)
    mapping: dict[int, str] = {}
    unknown: list[tuple[int, str]] = []
    blank_with_values: list[int] = []
    for j in range(width):
        text = header[j] if j < len(header) else None
        if _blank(text):
            if any(j < len(r) and not _blank(r[j]) for r in grid.rows[1:]):
                blank_with_values.append(j)
            continue
        column = aliases.get(header_key(_show(text)))
        if column is None:
            unknown.append((j, _show(text)))
        elif column in mapping.values():
            raise ctx.problem("duplicate_header", row=0, col=j, column=column, value=_show(text))
        else:
            mapping[j] = column
    missing = [c for c in spec.columns if c not in mapping.values()]
    missing_labels = "、".join(column_doc(spec.name, c).header for c in missing)
    if not mapping:
        raise ctx.problem("no_header", row=0, col=0, value=_show(header[0]) if header else "", expected=missing_labels)
    if blank_with_values:
        j = blank_with_values[0]
        raise ctx.problem("blank_header", row=0, col=j, column=get_column_letter(j + 1))
    if unknown:
        j, text = unknown[0]
        code = "unknown_header" if missing else "extra_column"
        raise ctx.problem(code, row=0, col=j, column=text, value=text, expected=missing_labels)
    if missing:
        raise ctx.problem("missing_header", row=0, column=missing[0], expected=missing_labels)
    return mapping


def _grid_to_table(grid: _Grid, spec: DatasetSpec, ctx: _Context) -> tuple[pa.Table, int]:
    if not grid.rows or all(all(_blank(v) for v in r) for r in grid.rows):
        raise ctx.problem("empty_file")
    mapping = _map_header(grid, spec, ctx)
    body = [(i, r) for i, r in enumerate(grid.rows) if i > 0]
    kept = [(i, r) for i, r in body if not all(_blank(v) for v in r)]
    if not kept:
        raise ctx.problem("header_only")
    by_column = {column: j for j, column in mapping.items()}
    raw = {c: [r[by_column[c]] if by_column[c] < len(r) else None for _, r in kept] for c in spec.columns}
    file_rows = [i for i, _ in kept]
    values = _normalise(raw, file_rows, by_column, spec, ctx)
    table = _validate(values, raw, file_rows, by_column, spec, ctx)
    return table, len(body) - len(kept)


# ---------------------------------------------------------------------------
# Normalisation


def _note(ctx: _Context, code: str, row: int, column: str, before: object, after: object) -> None:
    ctx.notes.append(Note(code, row, column, _show(before), _show(after)))


def _normalise(
    raw: dict[str, list[Any]], file_rows: list[int], by_column: dict[str, int], spec: DatasetSpec, ctx: _Context
) -> dict[str, list[str | None]]:
    out: dict[str, list[str | None]] = {}
    fields = {f.name: f.type for f in spec.schema}
    # Text columns first: a numeric column may take its unit from a text column of the same row.
    order = sorted(spec.columns, key=lambda c: not pa.types.is_string(fields[c]))
    for column in order:
        doc = column_doc(spec.name, column)
        cells = []
        for k, value in enumerate(raw[column]):
            r, j = file_rows[k], by_column[column]
            try:
                if pa.types.is_string(fields[column]):
                    cells.append(_text_value(value, doc.kind, spec.formats.get(column), ctx, r, column))
                else:
                    unit = doc.unit_code or (out[doc.unit_column][k] if doc.unit_column else None)
                    number = _number_value(value, fields[column], doc.kind, unit, ctx, r, column)
                    # Read as text, a huge number cannot overflow the cast: it is refused here, unless a
                    # declared maximum names the range the message should show.
                    meta = spec.column(column)
                    magnitude = meta.magnitude
                    if number is not None and meta.max is None and abs(float(number)) > magnitude:
                        raise _Bad("value_too_large", f"{magnitude:g}")
                    cells.append(number)
            except _Bad as bad:
                raise ctx.problem(bad.code, row=r, col=j, column=column, value=value, expected=bad.expected) from None
        out[column] = cells
    return out


class _Bad(Exception):
    """A value that cannot be read (turned into an ImportProblem with its location)."""

    def __init__(self, code: str, expected: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.expected = expected


def _text_value(value: Any, kind: str, fmt: str | None, ctx: _Context, row: int, column: str) -> str | None:
    if _blank(value):
        return None
    if isinstance(value, _ExcelPercent):
        raise _Bad("percent_not_allowed")
    if isinstance(value, _ExcelDate):
        text = value.iso
        _note(ctx, "excel_date", row, column, value, text)
    elif isinstance(value, bool):
        text = str(value).lower()
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    if kind == TEXT:
        cleaned = text.strip().replace("\r\n", "\n")
        if cleaned != text:
            _note(ctx, "whitespace", row, column, text, cleaned)
        _refuse_formula(cleaned)
        return cleaned or None
    cleaned = unicodedata.normalize("NFKC", text)
    if cleaned != text:
        _note(ctx, "fullwidth", row, column, text, cleaned)
    stripped = cleaned.strip()
    if stripped != cleaned:
        _note(ctx, "whitespace", row, column, cleaned, stripped)
    _refuse_formula(stripped)
    if kind == PERIOD:
        stripped = _period(stripped, ctx, row, column)
    if fmt == DATE_FORMAT:
        stripped = _date(stripped, ctx, row, column)
    elif fmt == PERIOD_FORMAT and not _PERIOD.match(stripped):
        raise _Bad("bad_period", "2024、FY2024、2025-03、FY2022-FY2024")
    return stripped or None


def _refuse_formula(text: str) -> None:
    """A text value a spreadsheet would run as a formula once exported (checked after spaces are trimmed).

    Only text columns come here: a negative number such as -23.5 in a numeric column is a number.
    """
    if text.startswith("="):
        raise _Bad("formula_cell")
    if text[:1] in _FORMULA_STARTS and not (text[:1] in "+-" and text[1:2].isdigit()):
        # "-235 thousand hours" reads as a signed figure in prose; "-cmd|…", "+HYPERLINK(…)", "@SUM(…)" do not.
        raise _Bad("formula_text")


def _period(text: str, ctx: _Context, row: int, column: str) -> str:
    """和暦 or 年度 written out → ``FY2024``, ``2024年`` → ``2024``; anything else unchanged."""
    key = text.lower()
    year = _wareki_year(key)
    code = "wareki"
    if year is not None:
        period = f"FY{year}"
    elif m := _FISCAL.match(key):
        period, code = f"FY{m.group(1) or m.group(2)}", "period_form"
    elif m := _CALENDAR.match(key):
        period, code = m.group(1), "period_form"
    else:
        return text
    if period != text:
        _note(ctx, code, row, column, text, period)
    return period


def _date(text: str, ctx: _Context, row: int, column: str) -> str:
    m = _DATE.match(text)
    if not m:
        raise _Bad("bad_date", "2025-03、2025-03-31")
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise _Bad("bad_date", "2025-03、2025-03-31") from None
    iso = year + (f"-{int(month):02d}" if month else "") + (f"-{int(day):02d}" if day else "")
    if iso != text:
        _note(ctx, "date_form", row, column, text, iso)
    return iso


def _wareki_year(key: str) -> int | None:
    m = _WAREKI.match(key)
    if not m:
        return None
    n = 1 if m.group(2) == "元" else int(m.group(2))
    return _ERAS[m.group(1)] + n


def _number_value(
    value: Any, dtype: pa.DataType, kind: str, unit: str | None, ctx: _Context, row: int, column: str
) -> str | None:
    if _blank(value):
        return None
    if isinstance(value, _ExcelDate):
        raise _Bad("date_in_number")
    if isinstance(value, bool):
        raise _Bad("not_a_number")
    if isinstance(value, _ExcelPercent):
        if unit != "percent":
            raise _Bad("percent_not_allowed")
        number = Decimal(repr(value.value)) * 100
        _note(ctx, "percent", row, column, value, _plain(number))
    elif isinstance(value, (int, float)):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    else:
        number = _parse_number(str(value), kind, unit, ctx, row, column)
    if not number.is_finite():
        raise _Bad("not_a_number")
    if pa.types.is_integer(dtype):
        if number != number.to_integral_value():
            raise _Bad("not_whole_number")
        return str(int(number))
    return repr(float(number))


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


def _parse_number(text: str, kind: str, unit: str | None, ctx: _Context, row: int, column: str) -> Decimal:
    original = text
    s = unicodedata.normalize("NFKC", text).strip()
    if s != text.strip():
        _note(ctx, "fullwidth", row, column, text, s)
    if kind == YEAR:
        year = _wareki_year(s.lower())
        if year is not None:
            _note(ctx, "wareki", row, column, original, year)
            return Decimal(year)
        m = _SEIREKI.match(s.lower())
        if m:
            if m.group(1) != s:
                _note(ctx, "year_form", row, column, original, m.group(1))
            return Decimal(m.group(1))
        raise _Bad("bad_year", "2024、R6、令和6年度、H30")
    s = s.replace("\u2212", "-")
    if s[:1] in ("▲", "△"):
        s = "-" + s[1:].strip()
        _note(ctx, "minus_mark", row, column, original, s)
    factor = Decimal(1)
    if s.endswith("%"):
        if unit != "percent":
            raise _Bad("percent_not_allowed")
        s = s[:-1].strip()
        _note(ctx, "percent", row, column, original, s)
    elif s.endswith("万"):
        s = s[:-1].strip()
        if unit in MAN_UNITS:
            _note(ctx, "man_unit", row, column, original, s)
        else:
            factor = Decimal(10000)
    if "," in s:
        if not _THOUSANDS.match(s):
            raise _Bad("not_a_number")
        s = s.replace(",", "")
        _note(ctx, "thousands", row, column, original, s)
    try:
        number = Decimal(s) * factor
    except InvalidOperation:
        raise _Bad("not_a_number") from None
    if factor != 1:
        _note(ctx, "man", row, column, original, _plain(number))
    return number


# ---------------------------------------------------------------------------
# Validation


def _validate(
    values: dict[str, list[str | None]],
    raw: dict[str, list[Any]],
    file_rows: list[int],
    by_column: dict[str, int],
    spec: DatasetSpec,
    ctx: _Context,
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


# ---------------------------------------------------------------------------
# Diff


def published_table(name: str) -> pa.Table | None:
    """The validated published table of a dataset, or None when nothing is published yet.

    A published file that exists but cannot be read raises: an import never
    overwrites a file it cannot compare against (restore it with ``rollback``).
    """
    path = paths.parquet_path(name)
    if not path.exists():
        return None
    table = store.read_table(name)
    validate_table(table, SPECS[name], path)
    return table


def diff_tables(spec: DatasetSpec, old: pa.Table | None, new: pa.Table) -> Diff:
    """Rows added, changed and removed, matched by the dataset's key."""
    key = tuple(spec.key)

    def index(table: pa.Table | None) -> dict[tuple[Any, ...], dict[str, Any]]:
        rows = table.to_pylist() if table is not None else []
        return {tuple(r[k] for k in key): r for r in rows}

    before, after = index(old), index(new)
    added = tuple(after[k] for k in after if k not in before)
    removed = tuple(before[k] for k in before if k not in after)
    changed = []
    for k in after:
        if k in before:
            cols = tuple((c, before[k][c], after[k][c]) for c in spec.columns if before[k][c] != after[k][c])
            if cols:
                changed.append(RowChange(k, cols))
    return Diff(key, added, removed, tuple(changed))


def compare(imported: Imported) -> Diff:
    """The diff between the published dataset and an imported file."""
    spec = SPECS[imported.dataset]
    return diff_tables(spec, published_table(imported.dataset), imported.table)


# ---------------------------------------------------------------------------
# Messages


def message_parts(exc: DataError) -> list[tuple[str, dict[str, str]]]:
    """The i18n keys and values that describe an error: what is wrong, then where.

    The data layer stays free of i18n: callers render ``t(key, **values)`` for
    each part and join them. Every message key receives the same values, so a
    message may use any of ``path``, ``detail``, ``value`` and ``expected``.
    """
    values = {"path": str(exc.path), "detail": exc.detail or "", "value": exc.value, "expected": exc.expected}
    parts: list[tuple[str, dict[str, str]]] = []
    parts.append((f"data_error.{exc.code}", values))
    where = _where(exc)
    if where:
        parts.append(where)
    return parts


def _where(exc: DataError) -> tuple[str, dict[str, str]] | None:
    dataset = exc.dataset if isinstance(exc, ImportProblem) else None
    column = exc.column or ""
    shown = label(dataset, column) if dataset and column in SPECS[dataset].columns else column
    values = {
        "row": str(exc.row + 1) if exc.row is not None else "",
        "column": shown,
        "column_id": column,
        "cell": "",
        "sheet": "",
    }
    if isinstance(exc, ImportProblem):
        values.update(cell=exc.cell or "", sheet=exc.sheet or "")
        if exc.sheet and exc.cell:
            return "admin.where_cell", values
        if exc.sheet and exc.row is None and not column:
            return "admin.where_sheet", values
    if exc.row is not None and column:
        return "admin.where_row_column", values
    if exc.row is not None:
        return "admin.where_row", values
    if column:
        return "admin.where_column", values
    return None


def note_summary(notes: Sequence[Note]) -> dict[str, list[Note]]:
    """Notes grouped by code, in first-seen order."""
    groups: dict[str, list[Note]] = {}
    for note in notes:
        groups.setdefault(note.code, []).append(note)
    return groups
