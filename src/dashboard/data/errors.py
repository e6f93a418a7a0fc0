"""Errors raised by the data layer.

Each error carries a machine-readable ``code`` (translated for people by the
i18n catalogue under ``data_error.<code>``), the file it concerns and, where
known, the row and column, so a message can name exactly what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class DataError(Exception):
    """A dataset file is missing, unreadable or violates its schema or rules."""

    code: str
    path: Path | str
    detail: str = ""
    row: int | None = None
    column: str | None = None
    value: str = ""
    expected: str = ""

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        loc = f" ({', '.join(where)})" if where else ""
        return f"{self.code}: {self.path}{loc}: {self.detail}"


class OpenDataMissing(DataError):
    """Third-party open data is not present in the configured folder."""
