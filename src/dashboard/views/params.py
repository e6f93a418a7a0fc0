"""Total parsers for the values a link carries: any string gives a usable value or "not usable", never an exception.

A URL is typed, pasted and forwarded by people, so its parameters can hold
anything: superscript or circled digits (``²``, ``①`` — ``str.isdigit`` is true
for them, ``int`` fails), other scripts' digits (``٣``), 5,000 digits (Python
refuses to convert more than 4,300), signs, spaces, the empty string, a key
repeated 10,000 times. Every parameter read by hand goes through one of these
functions; each returns ``None`` for a value it cannot use, and the caller then
takes the default and names the parameter in the link notice
(:func:`dashboard.views.links.report_invalid`). Widgets bound to the URL are
parsed by Streamlit; :mod:`dashboard.views.links` reports the values they drop.

The functions are pure (no Streamlit) so property-based tests call them directly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")

MAX_DIGITS = 9
"""Longest whole number accepted (no parameter needs more; longer strings are never converted)."""
_ASCII_DIGITS = re.compile(r"[0-9]+")


def last(values: str | Sequence[str] | None) -> str | None:
    """One value of a parameter: the last of a repeated key (as ``st.query_params.get`` returns it)."""
    if values is None or isinstance(values, str):
        return values
    return str(values[-1]) if len(values) else None


def whole_number(text: str | None) -> int | None:
    """``text`` as a non-negative whole number written in ASCII digits (surrounding spaces allowed), else None.

    Other Unicode digits (``²``, ``①``, ``٣``, full-width ``３``) and numbers of more than
    :data:`MAX_DIGITS` digits are not usable.
    """
    if text is None:
        return None
    stripped = text.strip()
    if len(stripped) > MAX_DIGITS or _ASCII_DIGITS.fullmatch(stripped) is None:
        return None
    return int(stripped)


def number_in_range(text: str | None, low: int, high: int) -> int | None:
    """A whole number from :func:`whole_number` between ``low`` and ``high`` (inclusive), else None."""
    value = whole_number(text)
    return value if value is not None and low <= value <= high else None


def choice(text: str | None, options: Iterable[T]) -> T | None:
    """The option whose text is ``text`` (surrounding spaces ignored), else None."""
    if text is None:
        return None
    wanted = text.strip()
    for option in options:
        if str(option) == wanted:
            return option
    return None
