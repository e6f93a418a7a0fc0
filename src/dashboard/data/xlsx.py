"""Reading an .xlsx staff file safely: every cap checked before anything is loaded, then streamed.

An .xlsx is a zip of XML parts, and a few hundred kilobytes can unpack to
millions of cells. Before openpyxl sees the file this module checks, from the
zip directory and the first bytes of the sheet, without unpacking the cells:

1. the file is a zip holding a workbook (else ``not_excel``), not an encrypted
   package (``encrypted_workbook``: Excel stores those as OLE files);
2. the unpacked size of every part and of all parts together;
3. the sheet to read exists and is not hidden (``hidden_sheet`` names it);
4. the sheet's declared dimension: rows, columns and cells = rows × columns;
5. a streaming pass over the sheet's XML bytes (counting rows and cells,
   stopping at the cap even when the declared dimension lies) that also finds
   merged cells and hidden rows (refused, naming the rows).

Only then is the sheet read, in openpyxl's read-only (streaming) mode, values
only. Any parser or zip error becomes an :class:`ImportProblem`, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree as ET

import openpyxl

from dashboard.data.errors import ImportProblem

MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024
"""Largest total size of the parts inside an .xlsx once unpacked."""
MAX_PART_BYTES = 16 * 1024 * 1024
"""Largest single part (a sheet's XML, the shared strings) once unpacked."""
MAX_CELLS = 200_000
"""Most cells (rows × columns) a sheet may declare or hold."""
MAX_ROWS = 100_000
MAX_COLUMNS = 200
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})$")
_CHUNK = 1024 * 1024
_PREFIX = rb"<(?:\w+:)?"  # an element, with or without a namespace prefix
_CELL = re.compile(_PREFIX + rb"c[\s/>]")
_ROW = re.compile(_PREFIX + rb"row[\s/>][^>]*")
_MERGE, _DIMENSION = (re.compile(_PREFIX + tag + rb'\s[^>]*ref="([^"]+)"') for tag in (rb"mergeCell", rb"dimension"))
_SHEET_DATA = re.compile(_PREFIX + rb"sheetData[\s/>]")
_HIDDEN, _ROW_NUMBER = re.compile(rb'\shidden="(?:1|true)"'), re.compile(rb'\sr="(\d+)"')
# A column's width and visibility: <col min="2" max="3" hidden="1"/> (``<cols>`` itself does not match).
_COL = re.compile(_PREFIX + rb"col[\s/][^>]*")
_COL_MIN, _COL_MAX = re.compile(rb'\smin="(\d+)"'), re.compile(rb'\smax="(\d+)"')


@dataclass(frozen=True)
class Sheet:
    """A sheet of the workbook: its name, visibility and the zip part holding its cells."""

    name: str
    state: str
    part: str

    @property
    def hidden(self) -> bool:
        """Whether Excel hides the sheet (``hidden`` or ``veryHidden``)."""
        return self.state != "visible"


@dataclass(frozen=True)
class SheetScan:
    """What the streaming pass found in a sheet's XML."""

    rows: int
    cells: int
    merged: str | None
    hidden_rows: tuple[int, ...]
    hidden_columns: tuple[tuple[int, int], ...] = ()
    """Hidden column ranges (first, last; 1-based, inclusive). Excel users often hide every unused
    column, so these are refused only where a hidden column holds a value (see ``importing.read``)."""

    def column_hidden(self, index: int) -> bool:
        """Whether the 0-based column ``index`` lies in a hidden range."""
        return any(first <= index + 1 <= last for first, last in self.hidden_columns)


def is_encrypted(data: bytes) -> bool:
    """Whether the bytes are a password-protected Office package (an OLE file holding ``EncryptedPackage``)."""
    return data.startswith(OLE_MAGIC) and _ENCRYPTED_MARK in data


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _column_number(letters: str) -> int:
    n = 0
    for char in letters:
        n = n * 26 + ord(char) - 64
    return n


def _dimension(ref: str) -> tuple[int, int] | None:
    """(rows, columns) of a dimension such as ``A1:Q120`` (None when it cannot be read)."""
    parts = ref.split(":")
    last = _REF.match(parts[-1].strip())
    first = _REF.match(parts[0].strip())
    if not last or not first:
        return None
    rows = int(last.group(2)) - int(first.group(2)) + 1
    columns = _column_number(last.group(1)) - _column_number(first.group(1)) + 1
    return max(rows, 1), max(columns, 1)


class Workbook:
    """An .xlsx opened for inspection: the zip directory checked, the sheets listed."""

    def __init__(self, data: bytes, origin: str, dataset: str | None) -> None:
        self.data, self.origin, self.dataset = data, origin, dataset
        if is_encrypted(data):
            raise self.problem("encrypted_workbook")
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
            infos = self.archive.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
            raise self.problem("not_excel") from None
        names = {info.filename for info in infos}
        if "xl/workbook.xml" not in names:
            raise self.problem("not_excel")
        total = sum(info.file_size for info in infos)
        largest = max(infos, key=lambda info: info.file_size)
        if total > MAX_UNCOMPRESSED_BYTES:
            raise self.problem("file_too_large", value=_megabytes(total), expected=_megabytes(MAX_UNCOMPRESSED_BYTES))
        if largest.file_size > MAX_PART_BYTES:
            raise self.problem(
                "excel_part_too_large",
                value=f"{largest.filename} {_megabytes(largest.file_size)}",
                expected=_megabytes(MAX_PART_BYTES),
            )
        self.sheets = self._sheets()

    def problem(self, code: str, value: object = "", expected: str = "", **where: Any) -> ImportProblem:
        """An import problem about this file."""
        return ImportProblem(code, self.origin, dataset=self.dataset, value=str(value), expected=expected, **where)

    def _xml(self, part: str) -> ET.Element:
        try:
            return ET.fromstring(self.archive.read(part))
        except KeyError:
            raise self.problem("not_excel", value=part) from None
        except (ET.ParseError, zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise self.problem("excel_damaged", value=part, expected=type(exc).__name__) from None

    def _sheets(self) -> list[Sheet]:
        book = self._xml("xl/workbook.xml")
        targets: dict[str, str] = {}
        if "xl/_rels/workbook.xml.rels" in self.archive.namelist():
            for rel in self._xml("xl/_rels/workbook.xml.rels").iter(f"{{{_PKG_REL}}}Relationship"):
                target = rel.get("Target", "")
                path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
                targets[rel.get("Id", "")] = path
        sheets = []
        for element in book.iter(f"{{{_MAIN}}}sheet"):
            rid = element.get(f"{{{_REL}}}id", "")
            sheets.append(Sheet(element.get("name", ""), element.get("state", "visible"), targets.get(rid, "")))
        if not sheets:
            raise self.problem("not_excel")
        return sheets

    @property
    def names(self) -> list[str]:
        """Every sheet's name, in workbook order."""
        return [s.name for s in self.sheets]

    def choose(self, wanted: str | None, default: str) -> Sheet:
        """The sheet to read: ``wanted``, else ``default`` when present, else the first visible sheet."""
        by_name = {s.name: s for s in self.sheets}
        if wanted is None:
            visible = [s for s in self.sheets if not s.hidden]
            chosen = by_name.get(default) or (visible[0] if visible else self.sheets[0])
        elif wanted in by_name:
            chosen = by_name[wanted]
        else:
            raise self.problem("sheet_missing", value=wanted, expected="、".join(self.names))
        if chosen.hidden:
            raise self.problem("hidden_sheet", value=chosen.name, sheet=chosen.name)
        if chosen.part not in self.archive.namelist():
            raise self.problem("not_excel", value=chosen.name)
        return chosen

    def _chunks(self, sheet: Sheet) -> Iterator[bytes]:
        """The sheet's XML in pieces that never split a tag (each ends before a ``<``)."""
        carry = b""
        try:
            with self.archive.open(sheet.part) as stream:
                while chunk := stream.read(_CHUNK):
                    buffer = carry + chunk
                    cut = buffer.rfind(b"<")
                    if cut <= 0:
                        carry = buffer
                        continue
                    carry = buffer[cut:]
                    yield buffer[:cut]
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, OverflowError) as exc:
            raise self.problem(
                "excel_damaged", value=sheet.name, expected=type(exc).__name__, sheet=sheet.name
            ) from None
        if carry:
            yield carry

    def scan(self, sheet: Sheet) -> SheetScan:
        """One pass over the sheet's XML bytes: caps (declared and counted), merged cells, hidden rows and columns.

        The pass matches tags with regular expressions rather than building elements, so even a
        sheet at the size cap is scanned in a fraction of a second; openpyxl parses it only after.
        """
        rows = cells = 0
        merged: str | None = None
        hidden: list[int] = []
        hidden_columns: list[tuple[int, int]] = []
        dimension_checked = False
        for chunk in self._chunks(sheet):
            if not dimension_checked:
                found = _DIMENSION.search(chunk)
                if found or _SHEET_DATA.search(chunk):
                    dimension_checked = True
                    if found:
                        self._check_dimension(sheet, found.group(1).decode("ascii", "replace"))
            cells += len(_CELL.findall(chunk))
            if cells > MAX_CELLS:
                raise self.problem(
                    "too_many_cells", value=f"> {MAX_CELLS:,}", expected=f"{MAX_CELLS:,}", sheet=sheet.name
                )
            for row in _ROW.finditer(chunk):
                rows += 1
                if _HIDDEN.search(row.group(0)):
                    number = _ROW_NUMBER.search(row.group(0))
                    hidden.append(int(number.group(1)) if number else rows)
            if rows > MAX_ROWS + 1:
                raise self.problem("too_many_rows", value=f"> {MAX_ROWS:,}", expected=f"{MAX_ROWS:,}", sheet=sheet.name)
            for col in _COL.finditer(chunk):
                tag = col.group(0)
                first, last = _COL_MIN.search(tag), _COL_MAX.search(tag)
                if _HIDDEN.search(tag) and first and last:
                    hidden_columns.append((int(first.group(1)), int(last.group(1))))
            if merged is None and (found_merge := _MERGE.search(chunk)):
                merged = found_merge.group(1).decode("ascii", "replace")
        return SheetScan(rows, cells, merged, tuple(hidden), tuple(hidden_columns))

    def _check_dimension(self, sheet: Sheet, ref: str) -> None:
        size = _dimension(ref)
        if size is None:
            return
        rows, columns = size
        if rows > MAX_ROWS + 1:
            raise self.problem("too_many_rows", value=f"{rows - 1:,}", expected=f"{MAX_ROWS:,}", sheet=sheet.name)
        if columns > MAX_COLUMNS:
            raise self.problem("too_many_columns", value=columns, expected=str(MAX_COLUMNS), sheet=sheet.name)
        if rows * columns > MAX_CELLS:
            raise self.problem(
                "too_many_cells",
                value=f"{rows:,} × {columns:,} = {rows * columns:,}",
                expected=f"{MAX_CELLS:,}",
                sheet=sheet.name,
            )

    def rows(self, sheet: Sheet) -> Iterator[tuple[Any, ...]]:
        """The sheet's rows of cells, streamed by openpyxl in read-only mode (after :meth:`scan`)."""
        try:
            with warnings.catch_warnings():
                # openpyxl warns about styles and extensions it ignores; values are all we read.
                warnings.simplefilter("ignore")
                book = openpyxl.load_workbook(io.BytesIO(self.data), read_only=True, data_only=False)
                try:
                    yield from book[sheet.name].iter_rows()
                finally:
                    book.close()
        except ImportProblem:
            raise
        except Exception as exc:
            # Whatever the parser trips over in a staff file becomes a message naming the sheet.
            raise self.problem(
                "excel_damaged", value=sheet.name, expected=type(exc).__name__, sheet=sheet.name
            ) from None


def cell_date(value: dt.date | dt.datetime, number_format: str) -> str:
    """An Excel date as text, keeping the precision its number format shows (a month when no day is shown)."""
    fmt = number_format.lower()
    has_day = "d" in fmt or fmt == "general"
    return value.strftime("%Y-%m-%d" if has_day else "%Y-%m")
