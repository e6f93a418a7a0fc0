"""Stage 6, report: an error as message keys and values, for the i18n catalogue to render.

The data layer stays free of i18n: callers render ``t(key, **values)`` for each part.
"""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.data.errors import DataError, ImportProblem
from dashboard.data.headers import label
from dashboard.data.importing.context import Note
from dashboard.data.schemas import SPECS


def message_parts(exc: DataError) -> list[tuple[str, dict[str, str]]]:
    """The i18n keys and values that describe an error: what is wrong, then where.

    The data layer stays free of i18n: callers render ``t(key, **values)`` for
    each part and join them. Every message key receives the same values, so a
    message may use any of ``path``, ``detail``, ``value`` and ``expected``.
    """
    values = {"path": str(exc.path), "detail": exc.detail or "", "value": exc.value, "expected": exc.expected}
    parts: list[tuple[str, dict[str, str]]] = []
    parts.append((f"data_error.{exc.code}", values))
    where = _where(exc)
    if where:
        parts.append(where)
    return parts


def _where(exc: DataError) -> tuple[str, dict[str, str]] | None:
    dataset = exc.dataset if isinstance(exc, ImportProblem) else None
    column = exc.column or ""
    shown = label(dataset, column) if dataset and column in SPECS[dataset].columns else column
    values = {
        "row": str(exc.row + 1) if exc.row is not None else "",
        "column": shown,
        "column_id": column,
        "cell": "",
        "sheet": "",
    }
    if isinstance(exc, ImportProblem):
        values.update(cell=exc.cell or "", sheet=exc.sheet or "")
        if exc.sheet and exc.cell:
            return "admin.where_cell", values
        if exc.sheet and exc.row is None and not column:
            return "admin.where_sheet", values
    if exc.row is not None and column:
        return "admin.where_row_column", values
    if exc.row is not None:
        return "admin.where_row", values
    if column:
        return "admin.where_column", values
    return None


def note_summary(notes: Sequence[Note]) -> dict[str, list[Note]]:
    """Notes grouped by code, in first-seen order."""
    groups: dict[str, list[Note]] = {}
    for note in notes:
        groups.setdefault(note.code, []).append(note)
    return groups
