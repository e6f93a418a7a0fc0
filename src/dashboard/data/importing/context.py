"""What one import carries through its stages: the cell values Excel gives, the grid, the notes and the problem factory.

Row numbers: ``row`` is the 0-based index of the row in the file with the header as row 0, so
``row + 1`` is the row number Excel shows; ``col`` the 0-based column (``D`` = 3).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
from openpyxl.utils import get_column_letter

from dashboard.data.errors import ImportProblem


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


@dataclass
class ExcelDate:
    """An Excel date cell; ``iso`` keeps the precision its number format shows."""

    iso: str


@dataclass
class ExcelPercent:
    """A number in an Excel cell formatted as a percentage (stored as a fraction)."""

    value: float


@dataclass
class Grid:
    """The cells of a file, row by row, and how they were read."""

    rows: list[list[Any]]
    file_format: str
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None


@dataclass
class Context:
    """One import under way: dataset, file, sheet and the notes so far; makes located problems."""

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
            value=show(value),
            expected=expected,
        )


def show(value: object) -> str:
    """A cell value as text for a message (dates and percentages as the sheet shows them)."""
    if value is None:
        return ""
    if isinstance(value, ExcelDate):
        return value.iso
    if isinstance(value, ExcelPercent):
        return f"{value.value * 100:g}%"
    return str(value)


def blank(value: Any) -> bool:
    """Whether a cell is empty (None or only spaces)."""
    return value is None or (isinstance(value, str) and value.strip() == "")


def note(ctx: Context, code: str, row: int, column: str, before: object, after: object) -> None:
    """Record one normalisation of a value (listed before publishing)."""
    ctx.notes.append(Note(code, row, column, show(before), show(after)))
