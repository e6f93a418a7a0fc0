"""Data layer: the only code that knows paths and schemas.

Public entry points:

- :func:`load_dataset` — a validated published dataset as a DataFrame.
- :func:`provenance` — the provenance declared for a dataset.
- :mod:`dashboard.data.open_data` — the third-party open data (readers, manifest, fetch).
"""

from __future__ import annotations

from dashboard.data.errors import DataError, OpenDataMissing
from dashboard.data.schemas import SPECS, DatasetSpec, Provenance
from dashboard.data.store import file_signature, last_updated, provenance
from dashboard.data.store import load as load_dataset

DATASET_NAMES: tuple[str, ...] = tuple(SPECS)

__all__ = [
    "DATASET_NAMES",
    "DataError",
    "DatasetSpec",
    "OpenDataMissing",
    "Provenance",
    "file_signature",
    "last_updated",
    "load_dataset",
    "provenance",
]
