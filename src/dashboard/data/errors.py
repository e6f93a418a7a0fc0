"""Errors raised by the data layer.

Each error carries a machine-readable ``code`` (translated for people by the
i18n catalogue under ``data_error.<code>``), the file it concerns and, where
known, the row and column, so a message can name exactly what is wrong.
"""

from __future__ import annotations

import errno
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


@dataclass
class ImportProblem(DataError):
    """A staff file that cannot be imported, located for the person who fixes it.

    ``row`` is the 0-based row index in the file (header = 0); ``cell`` the
    spreadsheet reference (``D5``); ``value`` what was found and ``expected``
    what would be accepted, both for the message.
    """

    dataset: str | None = None
    sheet: str | None = None
    cell: str | None = None
    value: str = ""
    expected: str = ""


def os_error_code(exc: OSError) -> str:
    """The message code of an operating-system error (disk full, read-only folder, permission …)."""
    if isinstance(exc, FileNotFoundError):
        return "file_missing"
    if isinstance(exc, IsADirectoryError):
        return "is_directory"
    if isinstance(exc, PermissionError):
        return "permission_denied"
    if exc.errno == errno.ENOSPC:
        return "disk_full"
    if exc.errno == errno.EROFS:
        return "read_only"
    return "os_error"
