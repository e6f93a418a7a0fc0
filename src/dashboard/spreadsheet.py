"""Cells a spreadsheet cannot run: the one place that neutralises formulas in CSV and .xlsx downloads.

Staff open the dashboard's downloads (chart data, templates) in Excel. A text
value such as ``=HYPERLINK("http://…","クリック")``, ``+cmd|' /C calc'!A0``,
``@SUM(1)`` or ``-1+1`` — also behind leading spaces, a tab or a line break —
would be read as a formula there (CSV injection). Following the OWASP guidance
on CSV injection:

- **CSV**: a text cell that starts with ``=``, ``+``, ``-``, ``@`` (or their
  full-width forms ``＝＋－＠``), a tab or a carriage return, possibly after
  leading whitespace, gets a single quote ``'`` in front. Excel then shows the
  text (with the quote) and runs nothing.
- **.xlsx**: text cells are always written as text (``data_type = "s"``), never
  as formulas, and formula-like text also gets Excel's *quote prefix* style, so
  editing the cell does not turn it into a formula either. The text itself is
  kept unchanged (the quote prefix is not part of the value).

Numbers are never changed: numeric columns are written as numbers, and a text
cell that is purely a number (``-23.5``, ``+3``, ``-1,234``, ``1e5``) is left as
it is, because a spreadsheet reads it as that number and nothing runs; ``-1+1``
is an expression, not a number, and is neutralised. The module is pure (no
Streamlit, no files), so the charts' exports and the data layer's templates
share it.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
from openpyxl.cell.cell import Cell
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

QUOTE = "'"
# Characters that make a spreadsheet read a cell as a formula (ASCII and full width).
FORMULA_STARTS = frozenset("=+-@＝＋－＠")
# Control characters that OWASP lists as formula triggers at the very start of a cell.
CONTROL_STARTS = frozenset("\t\r")
# A plain number as text: optional sign, digits (with thousands separators), decimals, exponent.
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?")


def _is_plain_number(text: str) -> bool:
    return bool(text) and any(c.isdigit() for c in text) and _NUMBER.fullmatch(text) is not None


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet could read ``text`` as a formula (OWASP's list, after leading whitespace).

    A text that is purely a number (``-23.5``) is not formula-like: it is read as that number.
    """
    if not text:
        return False
    if text[0] in CONTROL_STARTS:
        return True
    stripped = text.lstrip()  # spaces, tabs, line breaks, the ideographic space
    if not stripped or stripped[0] not in FORMULA_STARTS:
        return False
    return not _is_plain_number(stripped)


def safe_text(value: Any) -> Any:
    """A CSV cell value: formula-like text with a ``'`` in front; everything else unchanged."""
    if isinstance(value, str) and is_formula_like(value):
        return QUOTE + value
    return value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` for CSV: formula-like text cells and column names quoted; numbers untouched."""
    out = df.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_numeric_dtype(series.dtype) or pd.api.types.is_datetime64_any_dtype(series.dtype):
            continue
        if isinstance(series.dtype, pd.CategoricalDtype):
            series = series.astype(object)
        out[column] = series.map(safe_text)
    out.columns = [safe_text(c) if isinstance(c, str) else c for c in out.columns]
    return out


def safe_cell(cell: Cell) -> None:
    """Make an openpyxl cell holding text a text cell: never a formula, quote-prefixed when formula-like.

    openpyxl stores any string starting with ``=`` as a formula; this writes it
    back as a string. Cells that are not text (numbers, dates) are left alone.
    """
    value = cell.value
    if not isinstance(value, str):
        return
    if cell.data_type == "f" or is_formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True


def safe_sheet(sheet: Worksheet) -> None:
    """:func:`safe_cell` for every cell of a worksheet."""
    for row in sheet.iter_rows():
        for cell in row:
            safe_cell(cell)


def safe_workbook(book: Workbook) -> None:
    """:func:`safe_sheet` for every worksheet of a workbook (call just before saving)."""
    for sheet in book.worksheets:
        safe_sheet(sheet)


# Number formats of .xlsx downloads: numbers stay numbers (sortable, summable) and show thousands
# separators and as many decimals as the data has (at most three), as the screen shows them.
MAX_DECIMALS = 3


def number_format(values: pd.Series) -> str | None:
    """The Excel number format of a column: ``#,##0`` for whole numbers, ``#,##0.0`` … for decimals.

    None for a column that is not numeric (text, dates, true/false).
    """
    if pd.api.types.is_bool_dtype(values) or not pd.api.types.is_numeric_dtype(values):
        return None
    shown = pd.to_numeric(values, errors="coerce").dropna()
    decimals = 0
    for value in shown.head(1000):
        text = f"{float(value):.{MAX_DECIMALS}f}".rstrip("0")
        decimals = max(decimals, len(text.split(".")[1]) if "." in text else 0)
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def format_numbers(sheet: Worksheet, df: pd.DataFrame, *, header_rows: int = 1) -> None:
    """Give each numeric column of ``df`` (written from column A, after ``header_rows``) its number format."""
    for index, column in enumerate(df.columns, start=1):
        fmt = number_format(df[column])
        if fmt is None:
            continue
        for (cell,) in sheet.iter_rows(min_row=header_rows + 1, min_col=index, max_col=index):
            if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                cell.number_format = fmt
