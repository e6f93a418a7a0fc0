"""Dataset specifications, generated from each dataset's metadata file.

A :class:`DatasetSpec` is the view of ``data/source/<name>.meta.toml`` (see
:mod:`dashboard.data.metadata`) the build, the loaders, the validation and the
import read: the explicit pyarrow schema, the key and the rules, so a column or
a rule is declared once, in the metadata file beside its data.

Units are codes (``hours_10k`` = 万時間, ``percent`` = %, …) translated for
display by the i18n catalogue. Values are stored as the report prints them:
working hours as 522.0 with unit ``hours_10k`` (万時間), not as 5,220,000 hours.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa

from dashboard.data.metadata import DATASETS, Check, Column, DatasetMeta, Provenance, load

DATE_FORMAT = "date"
"""Format of as-of and publication columns: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
PERIOD_FORMAT = "period"
"""Format of KPI periods: ``2024``, ``2025-03``, ``FY2024`` or ``FY2022-FY2024``."""


@dataclass(frozen=True)
class DatasetSpec:
    """A dataset: its schema, identity and the rules its rows must satisfy."""

    name: str
    schema: pa.Schema
    key: tuple[str, ...]
    provenance: Provenance
    not_null: tuple[str, ...] = ()
    enums: dict[str, frozenset[str]] = field(default_factory=dict)
    ranges: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)
    references: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Column → (dataset, column) whose published values it must be one of (checked on import)."""
    formats: dict[str, str] = field(default_factory=dict)
    """Column → :data:`DATE_FORMAT` or :data:`PERIOD_FORMAT` (checked on import)."""
    column_meta: tuple[Column, ...] = ()
    checks: tuple[Check, ...] = ()
    label_ja: str = ""
    label_en: str = ""

    @property
    def columns(self) -> list[str]:
        """Column names in schema order."""
        return list(self.schema.names)

    def column(self, name: str) -> Column:
        """The metadata of one column."""
        for column in self.column_meta:
            if column.name == name:
                return column
        raise KeyError(f"{self.name} has no column {name!r}")


def from_metadata(meta: DatasetMeta) -> DatasetSpec:
    """The spec of a dataset described by its metadata."""
    return DatasetSpec(
        name=meta.name,
        schema=meta.schema,
        key=meta.key,
        provenance=meta.provenance,
        not_null=tuple(c.name for c in meta.columns if c.required),
        enums={c.name: frozenset(c.allowed) for c in meta.columns if c.allowed},
        ranges={c.name: (c.min, c.max) for c in meta.columns if c.min is not None or c.max is not None},
        references={c.name: c.references for c in meta.columns if c.references is not None},
        formats={c.name: c.format for c in meta.columns if c.format is not None},
        column_meta=meta.columns,
        checks=meta.checks,
        label_ja=meta.label_ja,
        label_en=meta.label_en,
    )


SPECS: dict[str, DatasetSpec] = {name: from_metadata(load(name)) for name in DATASETS}

UNIT_CODES: frozenset[str] = SPECS["dx_kpis"].enums["unit"]
"""Unit codes a value may carry; each is translated by ``unit.<code>`` in the i18n catalogue."""
PILLAR_IDS: frozenset[str] = SPECS["pillars"].enums["pillar_id"]
REPORT_SOURCE: str = SPECS["population_outlook"].provenance.source_id
"""The report's source id (the provenance of the report's datasets)."""


def spec(name: str) -> DatasetSpec:
    """The spec of a dataset, or ``KeyError`` with the known names."""
    try:
        return SPECS[name]
    except KeyError:
        raise KeyError(f"unknown dataset {name!r}; known: {', '.join(sorted(SPECS))}") from None
