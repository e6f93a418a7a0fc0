"""The Japanese column headers of every dataset, for staff templates and imports.

Generated from each dataset's metadata file (``data/source/<name>.meta.toml``):
the header staff see in the Excel template, the unit written beside it and a
one-line explanation. The importer accepts either the Japanese header (with or
without its unit) or the English column name, so a template filled in Excel and
a CSV exported from ``data/source/`` both import.

Each column also says how staff values are normalised: ``year`` columns accept
和暦 (R6, 令和6年度, H30), ``period`` columns accept 和暦 fiscal years, and
numeric columns know their unit (fixed, or read from another column of the same
row) so that "522.0万" and "6.4%" are read the way the report prints them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from dashboard.data.schemas import SPECS

DATASET_LABELS: dict[str, str] = {name: spec.label_ja for name, spec in SPECS.items()}
"""Japanese name of each dataset, for staff choosing what to update."""

YEAR = "year"
PERIOD = "period"
TEXT = "text"
CODE = "code"


@dataclass(frozen=True)
class ColumnDoc:
    """How a column is presented to staff and how their input is read."""

    label: str
    description: str
    unit_label: str = ""
    unit_code: str | None = None
    unit_column: str | None = None
    kind: str = CODE

    @property
    def header(self) -> str:
        """The header written in the template: the label and, when fixed, its unit."""
        return f"{self.label}（{self.unit_label}）" if self.unit_label else self.label


def column_doc(dataset: str, column: str) -> ColumnDoc:
    """The presentation of one column of a dataset (``KeyError`` when there is no such column)."""
    meta = SPECS[dataset].column(column)
    return ColumnDoc(meta.label_ja, meta.description, meta.unit_label, meta.unit, meta.unit_column, meta.kind)


def label(dataset: str, column: str) -> str:
    """Japanese label of a column (falls back to the column name)."""
    try:
        return column_doc(dataset, column).label
    except KeyError:
        return column


def header_key(text: str) -> str:
    """A header as compared by the importer: NFKC, no spaces, lower case."""
    return "".join(unicodedata.normalize("NFKC", str(text)).split()).lower()


def header_aliases(dataset: str) -> dict[str, str]:
    """Every accepted spelling of each header (see :func:`header_key`) → column name."""
    aliases: dict[str, str] = {}
    for column in SPECS[dataset].columns:
        doc = column_doc(dataset, column)
        for text in (column, doc.label, doc.header):
            aliases[header_key(text)] = column
    return aliases
