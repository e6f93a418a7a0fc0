"""Number, unit and calendar formatting for the current language.

年度 (fiscal year, April–March) is shown with 和暦 beside 西暦 as the report
does (2022年度（R4）). A change is written in one convention on every page, in words rather than
signs or arrows: 「4.5％減」「35施設減」 / "down 4.5%", "down 35 facilities"; whether that is
改善 or 悪化 (better or worse) is a separate word (:func:`fmt_toned_change`), so no reader has to
decode ▲ (which many read as "up") or an arrow that disagrees with it.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Literal

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


Tone = Literal["good", "bad", "neutral"]


def fmt_change(value: float | None, unit: str | None, decimals: int | None = None) -> str:
    """A change in words: ``23.5万時間減``, ``4.5％減``, ``35施設減``, ``0.8ポイント増`` / ``down 235,000 hours``.

    The one way every page writes a change (no ▲, no minus sign, no arrow): the size of the change
    with its unit, then 増／減 (up/down). Zero is 「増減なし」 / "no change". ``unit=None`` writes the
    number alone (an index whose label already names its base: 「0.20減」).
    """
    if value is None or is_missing(value):
        return t("not_published")
    if value == 0:
        return t("change.none")
    size = (
        fmt_number(abs(float(value)), decimals or 0) if unit is None else fmt_value(abs(float(value)), unit, decimals)
    )
    return t("change.down" if value < 0 else "change.up", size=size)


def fmt_tone(tone: str) -> str:
    """改善 / 悪化 (better / worse) for a change's tone (``metrics.dx.direction_tone``); empty when neutral."""
    return t(f"change.tone.{tone}") if tone in ("good", "bad") else ""


def fmt_toned_change(value: float | None, unit: str | None, tone: str, decimals: int | None = None) -> str:
    """A change and whether it is better or worse: ``4.5％減（改善）`` / ``down 4.5% (better)``."""
    text = fmt_change(value, unit, decimals)
    word = fmt_tone(tone)
    return t("change.toned", change=text, tone=word) if word and value else text


def months_between(earlier: str, later: str) -> int:
    """Whole months from one as-of (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) to another (a year alone reads as its end)."""

    def months(as_of: str) -> int:
        parts = as_of.split("-")
        return int(parts[0]) * 12 + (int(parts[1]) if len(parts) > 1 else 12)

    return months(later) - months(earlier)


STALE_MONTHS = 12
"""A figure this many months older than the newest figure on the dashboard is labelled as not current."""


def is_stale(as_of: str | None, reference: str | None) -> bool:
    """Whether ``as_of`` is more than :data:`STALE_MONTHS` months before ``reference`` (the data's latest as-of)."""
    if as_of is None or reference is None or is_missing(as_of) or is_missing(reference):
        return False
    try:
        return months_between(str(as_of), str(reference)) > STALE_MONTHS
    except ValueError:
        return False


def stale_label(as_of: str) -> str:
    """「2022年12月時点・最新ではありません」 / "as of December 2022, not current"."""
    parts = as_of.split("-")
    when = year_month_label(int(parts[0]), int(parts[1])) if len(parts) > 1 else t("year.label", year=int(parts[0]))
    return t("change.stale", when=when)


def unit_label(unit: str) -> str:
    """Display label of a unit code (``hours_10k`` → 万時間)."""
    return t(f"unit.{unit}")


# Units the report counts in 万 (10,000) or 億 (100 million). English has no such words, so an
# English reader gets the amount itself in millions or billions: 522.0万時間 → 5.22 million hours.
_EN_AMOUNTS: dict[str, tuple[float, str]] = {
    "hours_10k": (10_000, "hours"),
    "oku_yen": (100_000_000, "yen"),
    "oku_yen_per_year": (100_000_000, "yen"),
}
_EN_SIZES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def _trimmed(value: float, max_decimals: int = 3) -> str:
    """``5.22``, ``4.985``, ``600``: up to ``max_decimals`` decimals, trailing zeros dropped."""
    return f"{value:,.{max_decimals}f}".rstrip("0").rstrip(".")


def _en_amount(value: float, unit: str) -> str:
    """English for an amount counted in 万/億: ``5.22 million hours``, ``235,000 hours``, ``¥12.82 billion a year``."""
    factor, noun = _EN_AMOUNTS[unit]
    amount = abs(value) * factor
    number = next((f"{_trimmed(amount / size)} {word}" for size, word in _EN_SIZES if amount >= size), None)
    number = number or fmt_number(round(amount))
    text = f"¥{number}" if noun == "yen" else f"{number} {noun}"
    if unit.endswith("_per_year"):
        text += " " + t("unit.per_year_suffix")
    return ("−" if value < 0 else "") + text


def join_unit(number: str, unit: str) -> str:
    """An already formatted number with its unit label (``300万枚／月``, ``6.4％``, ``×3``).

    Not for units counted in 万/億 in English (use :func:`fmt_value`, which rescales them).
    """
    if unit == "ratio" and language() == "en":
        return f"×{number}"
    if unit in ("percent", "ratio") or language() == "ja":
        return f"{number}{unit_label(unit)}"
    return f"{number} {unit_label(unit)}"


def fmt_value(value: float | None, unit: str, decimals: int | None = None) -> str:
    """A value with its unit, e.g. ``522.0万時間`` / ``5.22 million hours``, ``20.5％``, ``×3``/``3倍``.

    A change is written by :func:`fmt_change` (``23.5万時間減`` / ``down 235,000 hours``).
    """
    if value is None or is_missing(value):
        return t("not_published")
    if language() == "en" and unit in _EN_AMOUNTS:
        return _en_amount(float(value), unit)
    if decimals is None:
        decimals = (
            0
            if float(value).is_integer() and unit not in ("hours_10k", "index_2021")
            else (2 if unit == "index_2021" else 1)
        )
    return join_unit(fmt_number(value, decimals), unit)


def chart_unit(unit: str) -> tuple[float, str]:
    """(factor, axis label) for plotting a unit: 万時間 as printed in Japanese, million hours in English."""
    if language() == "en" and unit == "hours_10k":
        return 0.01, t("unit.million_hours")
    if language() == "en" and unit in ("oku_yen", "oku_yen_per_year"):
        return 0.1, t("unit.billion_yen")
    return 1.0, unit_label(unit)


def ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``11th``, ``22nd`` in English; the number itself in Japanese."""
    if language() != "en":
        return str(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
