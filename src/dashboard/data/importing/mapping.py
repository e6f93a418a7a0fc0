"""Stage 2, map headers: which column of the grid is which column of the dataset.

Accepted: the template's Japanese header (with or without its unit) or the column name; a
problem names the header to fix (unknown, missing, extra, duplicate or blank).
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from dashboard.data.headers import column_doc, header_aliases, header_key
from dashboard.data.importing.context import Context, Grid, blank, show
from dashboard.data.schemas import DatasetSpec


def map_header(grid: Grid, spec: DatasetSpec, ctx: Context) -> dict[int, str]:
    """Grid column index → dataset column, or a problem naming the header to fix."""
    header = grid.rows[0] if grid.rows else []
    width = max((len(r) for r in grid.rows), default=0)
    aliases = header_aliases(spec.name)
    mapping: dict[int, str] = {}
    unknown: list[tuple[int, str]] = []
    blank_with_values: list[int] = []
    for j in range(width):
        text = header[j] if j < len(header) else None
        if blank(text):
            if any(j < len(r) and not blank(r[j]) for r in grid.rows[1:]):
                blank_with_values.append(j)
            continue
        column = aliases.get(header_key(show(text)))
        if column is None:
            unknown.append((j, show(text)))
        elif column in mapping.values():
            raise ctx.problem("duplicate_header", row=0, col=j, column=column, value=show(text))
        else:
            mapping[j] = column
    missing = [c for c in spec.columns if c not in mapping.values()]
    missing_labels = "、".join(column_doc(spec.name, c).header for c in missing)
    if not mapping:
        raise ctx.problem("no_header", row=0, col=0, value=show(header[0]) if header else "", expected=missing_labels)
    if blank_with_values:
        j = blank_with_values[0]
        raise ctx.problem("blank_header", row=0, col=j, column=get_column_letter(j + 1))
    if unknown:
        j, text = unknown[0]
        code = "unknown_header" if missing else "extra_column"
        raise ctx.problem(code, row=0, col=j, column=text, value=text, expected=missing_labels)
    if missing:
        raise ctx.problem("missing_header", row=0, column=missing[0], expected=missing_labels)
    return mapping
