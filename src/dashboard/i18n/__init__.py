"""Internationalisation: every user-visible string, in Japanese (default) and English.

``t(key, **values)`` looks a key up in the catalogue (``catalog/*.py``) for the
current language and fills ``{placeholders}``. The current language comes from
a provider the views layer registers (it reads the Streamlit session, so every
session and every script thread sees its own); without one (tests, command
line) it is held in a context variable. The layer stays free of Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from dashboard.i18n.catalog import MESSAGES

LANGUAGES: tuple[str, ...] = ("ja", "en")
DEFAULT_LANGUAGE = "ja"
_current: ContextVar[str] = ContextVar("language", default=DEFAULT_LANGUAGE)
_provider: Callable[[], str | None] | None = None


def set_language_provider(provider: Callable[[], str | None] | None) -> None:
    """Register a function returning the session's language (or None to use the context variable)."""
    global _provider
    _provider = provider


def set_language(lang: str | None) -> str:
    """Set the current language; unknown values fall back to Japanese. Returns the language set."""
    chosen = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    _current.set(chosen)
    return chosen


def language() -> str:
    """The current language code."""
    if _provider is not None:
        chosen = _provider()
        if chosen in LANGUAGES:
            return chosen
    return _current.get()


def t(key: str, **values: Any) -> str:
    """The message for ``key`` in the current language, formatted with ``values``.

    A missing key returns the key itself in brackets, so a gap shows on screen
    instead of crashing a page (and the catalogue test catches it first).
    """
    entry = MESSAGES.get(key)
    if entry is None:
        return f"[{key}]"
    text = entry[LANGUAGES.index(language())]
    return text.format(**values) if values else text


def has(key: str) -> bool:
    """Whether the catalogue has ``key``."""
    return key in MESSAGES


def localized(row: Any, field: str) -> str:
    """``row[field + '_ja']`` or ``row[field + '_en']`` for the current language (data-borne text)."""
    for value in (row[f"{field}_{language()}"], row[f"{field}_ja"]):
        if value is not None and value == value and str(value).strip():  # NaN != NaN
            return str(value)
    return ""
