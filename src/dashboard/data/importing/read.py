"""Stage 1, read and decode: a staff file's bytes → a grid of cell values.

Size checked before reading; Excel through :mod:`dashboard.data.xlsx` (caps before loading,
streaming); CSV/TSV decoded with one encoding for the whole file (a file mixing UTF-8 and
Shift_JIS is refused naming the line) and the delimiter sniffed from the header line.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from dashboard.data import xlsx
from dashboard.data.errors import DataError, ImportProblem, os_error_code
from dashboard.data.headers import header_aliases, header_key
from dashboard.data.importing.context import Context, ExcelDate, ExcelPercent, Grid
from dashboard.data.schemas import SPECS

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


def os_problem(exc: OSError, path: Path | str, dataset: str | None = None) -> ImportProblem:
    """An operating-system error as a message naming the file (no traceback)."""
    return ImportProblem(os_error_code(exc), str(path), exc.strerror or type(exc).__name__, dataset=dataset)


def unknown_dataset(name: str) -> ImportProblem:
    """The error for a dataset name that does not exist, listing the ones that do."""
    return ImportProblem("unknown_dataset", name, value=name, expected="、".join(SPECS))


def sheet_names(data: bytes) -> list[str]:
    """The sheet names of an .xlsx given as bytes ([] when it is not one)."""
    if not data.startswith(xlsx.ZIP_MAGIC):
        return []
    try:
        return xlsx.Workbook(data, "", None).names
    except DataError:
        return []


def check_size(size: int, origin: str, dataset: str | None) -> None:
    """Refuse an empty file or one over :data:`MAX_IMPORT_BYTES` (before it is read)."""
    if size > MAX_IMPORT_BYTES:
        raise ImportProblem(
            "file_too_large", origin, dataset=dataset, value=megabytes(size), expected=megabytes(MAX_IMPORT_BYTES)
        )
    if size == 0:
        raise ImportProblem("empty_file", origin, dataset=dataset)


def megabytes(size: int) -> str:
    """A size in MB for a message."""
    return f"{size / (1024 * 1024):.1f} MB"


def read_grid(data: bytes, origin: str, dataset: str, sheet: str | None) -> Grid:
    """The file's cells: Excel or text, decided by the content (an .xlsx named .csv is still Excel)."""
    suffix = Path(origin).suffix.lower()
    if xlsx.is_encrypted(data):
        raise ImportProblem("encrypted_workbook", origin, dataset=dataset)
    if data.startswith(xlsx.OLE_MAGIC):
        raise ImportProblem("xls_format", origin, dataset=dataset)
    if data.startswith(xlsx.ZIP_MAGIC) and suffix not in EXCEL_SUFFIXES and suffix not in TEXT_SUFFIXES:
        raise ImportProblem("unsupported_format", origin, dataset=dataset, value=suffix or origin)
    if suffix in EXCEL_SUFFIXES or data.startswith(xlsx.ZIP_MAGIC):
        # Content decides: an .xlsx saved with a .csv name is still read as Excel.
        return _read_excel(data, origin, dataset, sheet)
    if suffix not in TEXT_SUFFIXES:
        raise ImportProblem("unsupported_format", origin, dataset=dataset, value=suffix or origin)
    return _read_text(data, origin, dataset)


def _read_excel(data: bytes, origin: str, dataset: str, sheet: str | None) -> Grid:
    """Every cap and the sheet's layout checked from the zip directory and a streaming pass, then the values."""
    book = xlsx.Workbook(data, origin, dataset)
    chosen = book.choose(sheet, DATA_SHEET)
    scan = book.scan(chosen)
    ctx = Context(dataset, origin, chosen.name)
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
        values = [_excel_value(cell, ctx, r, c) for c, cell in enumerate(cells)]
        if scan.hidden_columns:
            for c, value in enumerate(values):
                if value is not None and str(value).strip() and scan.column_hidden(c):
                    raise ctx.problem("hidden_columns", row=r, col=c, value=get_column_letter(c + 1))
        rows.append(values)
    return Grid(rows, "xlsx", sheet=chosen.name)


def _excel_value(cell: Any, ctx: Context, r: int, c: int) -> Any:
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
        return ExcelDate(xlsx.cell_date(value, fmt))
    if isinstance(value, dt.time | dt.timedelta):
        raise ctx.problem("not_a_number", row=r, col=c, value=value)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in fmt:
        return ExcelPercent(float(value))
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


def _read_text(data: bytes, origin: str, dataset: str) -> Grid:
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
    return Grid(rows, "csv", encoding=encoding, delimiter=delimiter)
