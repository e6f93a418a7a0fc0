"""Number, unit and calendar formatting for the current language.

年度 (fiscal year, April–March) is shown with 和暦 beside 西暦 as the report
does (2022年度（R4）); a decrease is written with ▲ in Japanese, as in the report.
"""

from __future__ import annotations

import calendar
from datetime import date

from dashboard.i18n import language, t

REIWA_START = 2019  # 令和元年 = 2019
HEISEI_START = 1989


def wareki(year: int) -> str:
    """Short 和暦 label of a (fiscal) year: 2022 → ``R4``, 2019 → ``R1``, 2018 → ``H30``."""
    if year >= REIWA_START:
        return f"R{year - REIWA_START + 1}"
    if year >= HEISEI_START:
        return f"H{year - HEISEI_START + 1}"
    return str(year)


def fiscal_year_label(year: int) -> str:
    """``2022年度（R4）`` / ``FY2022 (R4)``."""
    return t("fy.label", year=year, wareki=wareki(year))


def fiscal_year_of(d: date) -> int:
    """The fiscal year (April–March) a date falls in."""
    return d.year if d.month >= 4 else d.year - 1


def year_month_label(year: int, month: int) -> str:
    """``2025年3月`` / ``March 2025``."""
    return t("ym.label", year=year, month=month, month_name=calendar.month_name[month])


def is_missing(value: object) -> bool:
    """True for None, NaN/NA and blank strings (pandas 3 stores missing text as NaN)."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    try:
        return bool(value != value)  # NaN is the only value not equal to itself
    except (TypeError, ValueError):
        return False


def first_present(*values: object) -> str | None:
    """The first value that is not missing, as text."""
    for value in values:
        if not is_missing(value):
            return str(value)
    return None


def as_of_label(as_of: str | None) -> str:
    """Human label of an as-of string ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    if as_of is None or is_missing(as_of):
        return t("prov.as_of_none")
    parts = as_of.split("-")
    try:
        if len(parts) == 3:
            month = int(parts[1])
            return t(
                "ymd.label", year=int(parts[0]), month=month, day=int(parts[2]), month_name=calendar.month_name[month]
            )
        if len(parts) == 2:
            return year_month_label(int(parts[0]), int(parts[1]))
        return t("year.label", year=int(parts[0]))
    except ValueError:
        return as_of


def fmt_number(value: float | int | None, decimals: int = 0) -> str:
    """Thousands separators and fixed decimals; ``—`` for missing."""
    if is_missing(value):
        return "—"
    return f"{value:,.{decimals}f}"


def fmt_signed(value: float, decimals: int = 1) -> str:
    """Signed number in the report's style: ``▲23.5`` (ja) / ``−23.5`` (en) for a decrease."""
    body = fmt_number(abs(value), decimals)
    if value < 0:
        return f"▲{body}" if language() == "ja" else f"−{body}"
    if value > 0:
        return f"+{body}"
    return body


def unit_label(unit: str) -> str:
    """Display label of a unit code (``hours_10k`` → 万時間)."""
    return t(f"unit.{unit}")


def fmt_value(value: float | None, unit: str, decimals: int | None = None) -> str:
    """A value with its unit label, e.g. ``522.0 万時間``, ``20.5％``, ``×3``/``3倍``."""
    if value is None or is_missing(value):
        return t("not_published")
    if decimals is None:
        decimals = (
            0
            if float(value).is_integer() and unit not in ("hours_10k", "index_2021")
            else (2 if unit == "index_2021" else 1)
        )
    number = fmt_number(value, decimals)
    if unit == "ratio" and language() == "en":
        return f"×{number}"
    if unit in ("percent", "ratio") or language() == "ja":
        return f"{number}{unit_label(unit)}"
    return f"{number} {unit_label(unit)}"
