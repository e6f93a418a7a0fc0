"""Stage 3, normalise: what staff really type → the text of a value the schema accepts.

全角 digits, thousands separators, ▲/△, 万, %, 和暦 years and periods, Excel dates in text
columns, spaces; each change recorded as a :class:`Note`. Text that a spreadsheet would run as
a formula is refused after its spaces are trimmed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

import pyarrow as pa

from dashboard.data.headers import PERIOD, TEXT, YEAR, column_doc
from dashboard.data.importing.context import Context, ExcelDate, ExcelPercent, blank, note
from dashboard.data.schemas import DATE_FORMAT, PERIOD_FORMAT, DatasetSpec

MAN_UNITS = frozenset({"hours_10k"})
"""Units that are themselves in 万: "522.0万" in such a column is 522.0, not 5,220,000."""

_FORMULA_STARTS = frozenset("+-@\t\r")
"""Leading characters that make Excel or LibreOffice evaluate a cell (besides ``=``)."""

_ERAS = {"r": 2018, "令和": 2018, "h": 1988, "平成": 1988, "s": 1925, "昭和": 1925}
_WAREKI = re.compile(r"^(r|令和|h|平成|s|昭和)\s*(\d{1,2}|元)\s*(?:年度?)?$")
_SEIREKI = re.compile(r"^(?:fy)?\s*(\d{4})\s*(?:年度?)?$")
_FISCAL = re.compile(r"^(?:fy\s*(\d{4})|(\d{4})\s*年度)$")
_CALENDAR = re.compile(r"^(\d{4})\s*年$")
_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$")
_DATE = re.compile(r"^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?$")
_PERIOD = re.compile(r"^(\d{4}(-\d{2})?|FY\d{4}(-FY\d{4})?)$")


def normalise(
    raw: dict[str, list[Any]], file_rows: list[int], by_column: dict[str, int], spec: DatasetSpec, ctx: Context
) -> dict[str, list[str | None]]:
    """Every value of every column as the text the schema reads (text columns first: a value may take its unit from one)."""
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


def _text_value(value: Any, kind: str, fmt: str | None, ctx: Context, row: int, column: str) -> str | None:
    if blank(value):
        return None
    if isinstance(value, ExcelPercent):
        raise _Bad("percent_not_allowed")
    if isinstance(value, ExcelDate):
        text = value.iso
        note(ctx, "excel_date", row, column, value, text)
    elif isinstance(value, bool):
        text = str(value).lower()
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    if kind == TEXT:
        cleaned = text.strip().replace("\r\n", "\n")
        if cleaned != text:
            note(ctx, "whitespace", row, column, text, cleaned)
        _refuse_formula(cleaned)
        return cleaned or None
    cleaned = unicodedata.normalize("NFKC", text)
    if cleaned != text:
        note(ctx, "fullwidth", row, column, text, cleaned)
    stripped = cleaned.strip()
    if stripped != cleaned:
        note(ctx, "whitespace", row, column, cleaned, stripped)
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


def _period(text: str, ctx: Context, row: int, column: str) -> str:
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
        note(ctx, code, row, column, text, period)
    return period


def _date(text: str, ctx: Context, row: int, column: str) -> str:
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
        note(ctx, "date_form", row, column, text, iso)
    return iso


def _wareki_year(key: str) -> int | None:
    m = _WAREKI.match(key)
    if not m:
        return None
    n = 1 if m.group(2) == "元" else int(m.group(2))
    return _ERAS[m.group(1)] + n


def _number_value(
    value: Any, dtype: pa.DataType, kind: str, unit: str | None, ctx: Context, row: int, column: str
) -> str | None:
    if blank(value):
        return None
    if isinstance(value, ExcelDate):
        raise _Bad("date_in_number")
    if isinstance(value, bool):
        raise _Bad("not_a_number")
    if isinstance(value, ExcelPercent):
        if unit != "percent":
            raise _Bad("percent_not_allowed")
        number = Decimal(repr(value.value)) * 100
        note(ctx, "percent", row, column, value, _plain(number))
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


def _parse_number(text: str, kind: str, unit: str | None, ctx: Context, row: int, column: str) -> Decimal:
    original = text
    s = unicodedata.normalize("NFKC", text).strip()
    if s != text.strip():
        note(ctx, "fullwidth", row, column, text, s)
    if kind == YEAR:
        year = _wareki_year(s.lower())
        if year is not None:
            note(ctx, "wareki", row, column, original, year)
            return Decimal(year)
        m = _SEIREKI.match(s.lower())
        if m:
            if m.group(1) != s:
                note(ctx, "year_form", row, column, original, m.group(1))
            return Decimal(m.group(1))
        raise _Bad("bad_year", "2024、R6、令和6年度、H30")
    s = s.replace("\u2212", "-")
    if s[:1] in ("▲", "△"):
        s = "-" + s[1:].strip()
        note(ctx, "minus_mark", row, column, original, s)
    factor = Decimal(1)
    if s.endswith("%"):
        if unit != "percent":
            raise _Bad("percent_not_allowed")
        s = s[:-1].strip()
        note(ctx, "percent", row, column, original, s)
    elif s.endswith("万"):
        s = s[:-1].strip()
        if unit in MAN_UNITS:
            note(ctx, "man_unit", row, column, original, s)
        else:
            factor = Decimal(10000)
    if "," in s:
        if not _THOUSANDS.match(s):
            raise _Bad("not_a_number")
        s = s.replace(",", "")
        note(ctx, "thousands", row, column, original, s)
    try:
        number = Decimal(s) * factor
    except InvalidOperation:
        raise _Bad("not_a_number") from None
    if factor != 1:
        note(ctx, "man", row, column, original, _plain(number))
    return number
