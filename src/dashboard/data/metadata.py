"""Dataset metadata: one TOML file beside each source CSV (``data/source/<name>.meta.toml``).

The file is the single description of a dataset: its columns (type, unit,
Japanese and English label, description), its key, the rules every value must
satisfy (required, allowed values, ranges, magnitude, text length, formats,
references to other datasets) and the dataset-level checks the pages rely on
(e.g. every KPI definition has values, at least two actual facility counts),
and its provenance (source, the report sections, as-of, licence).

Everything else is generated from it: the pyarrow schema and rules
(:mod:`dashboard.data.schemas`), the import headers
(:mod:`dashboard.data.headers`), the Excel template and its 説明 sheet
(:mod:`dashboard.data.templates`) and the source lines the pages print.

The files are read from the repository (not from ``DASHBOARD_SOURCE_DIR``):
they describe the code's expectations, and a deployment's data folder cannot
loosen them.
"""

from __future__ import annotations

import functools
import json
import math
import tomllib
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from dashboard.data import paths

DATASETS: tuple[str, ...] = (
    "population_outlook",
    "kpi_definitions",
    "dx_kpis",
    "facility_counts",
    "staff_survey",
    "initiatives",
    "named_initiatives",
    "pillars",
    "report_context",
    "report_sections",
    "context_figures",
    "sources",
)
"""Every dataset, in build order (each has ``data/source/<name>.csv`` and ``<name>.meta.toml``)."""

TYPES: dict[str, pa.DataType] = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64()}
KINDS = frozenset({"code", "text", "year", "period"})
FORMATS = frozenset({"date", "period"})
RULES = frozenset(
    {
        "matches_definition",
        "period_fits_type",
        "not_after_next_year",
        "has_rows",
        "min_rows",
        "range_where",
        "not_above",
        "survey_cells",
    }
)
DEFAULT_MAX_LENGTH = 100
"""Longest value of a code column when its metadata names no ``max_length``."""
DEFAULT_MAX_ABS = 1e12
"""Largest magnitude of a number when its metadata names neither ``max`` nor ``max_abs``."""


class MetadataError(ValueError):
    """A metadata file that does not describe its dataset (a developer error, raised at start-up)."""


@dataclass(frozen=True)
class Column:
    """One column: its type, presentation to staff and the rules its values satisfy."""

    name: str
    type: str
    label_ja: str
    label_en: str
    description: str
    kind: str = "code"
    unit: str | None = None
    unit_label: str = ""
    unit_column: str | None = None
    required: bool = False
    allowed: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None
    max_abs: float | None = None
    max_length: int | None = None
    format: str | None = None
    references: tuple[str, str] | None = None

    @property
    def arrow_type(self) -> pa.DataType:
        """The pyarrow type of the column."""
        return TYPES[self.type]

    @property
    def is_text(self) -> bool:
        """Whether values are strings."""
        return self.type == "string"

    @property
    def magnitude(self) -> float:
        """Largest absolute value a number may have (finite, declared or the default)."""
        if self.max_abs is not None:
            return self.max_abs
        bounds = [abs(b) for b in (self.min, self.max) if b is not None]
        return max(bounds) if self.max is not None and bounds else DEFAULT_MAX_ABS

    @property
    def length_limit(self) -> int:
        """Longest text accepted."""
        return self.max_length if self.max_length is not None else DEFAULT_MAX_LENGTH


@dataclass(frozen=True)
class Check:
    """A dataset-level rule the pages rely on (see :data:`RULES`); ``params`` are the file's other keys."""

    rule: str
    params: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        """A parameter of the rule."""
        return self.params.get(key, default)


@dataclass(frozen=True)
class Provenance:
    """Where a dataset's figures come from, as declared.

    ``as_of`` is the as-of the report prints (or ``None`` when it prints none:
    then the period column of each row is its time reference). ``derived`` marks
    figures computed by the dashboard rather than printed by the source.
    ``sections`` names the report's sections (``report_sections`` ids) the rows
    are found under: the report's text carries no page numbers, so sections, not
    pages, are what a reader can look up.
    """

    source_id: str
    sections: str
    as_of: str | None
    unit: str
    licence: str
    derived: bool = False

    def to_json(self) -> str:
        """Serialise for Parquet metadata."""
        return json.dumps(self.__dict__, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Provenance:
        """Inverse of :meth:`to_json`."""
        return cls(**json.loads(text))


@dataclass(frozen=True)
class DatasetMeta:
    """Everything declared about one dataset."""

    name: str
    label_ja: str
    label_en: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    provenance: Provenance
    checks: tuple[Check, ...] = ()

    def column(self, name: str) -> Column:
        """One column's metadata (``KeyError`` when the dataset has no such column)."""
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.name} has no column {name!r}")

    @property
    def schema(self) -> pa.Schema:
        """The explicit pyarrow schema, in column order."""
        return pa.schema([pa.field(c.name, c.arrow_type) for c in self.columns])


def _number(value: Any, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise MetadataError(f"{where}: not a finite number: {value!r}")
    return float(value)


def _column(raw: dict[str, Any], dataset: str) -> Column:
    where = f"{dataset}.{raw.get('name')}"
    known = set(Column.__dataclass_fields__)
    unknown = set(raw) - known
    if unknown:
        raise MetadataError(f"{where}: unknown keys {sorted(unknown)}")
    if raw.get("type") not in TYPES:
        raise MetadataError(f"{where}: type must be one of {sorted(TYPES)}")
    if raw.get("kind", "code") not in KINDS:
        raise MetadataError(f"{where}: kind must be one of {sorted(KINDS)}")
    if raw.get("format") not in (None, *FORMATS):
        raise MetadataError(f"{where}: format must be one of {sorted(FORMATS)}")
    references = None
    if "references" in raw:
        ref_dataset, _, ref_column = str(raw["references"]).partition(".")
        if ref_dataset not in DATASETS or not ref_column:
            raise MetadataError(f"{where}: references must be <dataset>.<column>")
        references = (ref_dataset, ref_column)
    return Column(
        name=str(raw["name"]),
        type=str(raw["type"]),
        label_ja=str(raw["label_ja"]),
        label_en=str(raw["label_en"]),
        description=str(raw["description"]),
        kind=str(raw.get("kind", "code")),
        unit=raw.get("unit"),
        unit_label=str(raw.get("unit_label", "")),
        unit_column=raw.get("unit_column"),
        required=bool(raw.get("required", False)),
        allowed=tuple(str(v) for v in raw.get("allowed", ())),
        min=_number(raw.get("min"), where),
        max=_number(raw.get("max"), where),
        max_abs=_number(raw.get("max_abs"), where),
        max_length=int(raw["max_length"]) if "max_length" in raw else None,
        format=raw.get("format"),
        references=references,
    )


def parse(name: str, raw: dict[str, Any]) -> DatasetMeta:
    """Metadata from a parsed TOML document, checked for consistency."""
    if raw.get("name") != name:
        raise MetadataError(f"{name}: the file names dataset {raw.get('name')!r}")
    columns = tuple(_column(c, name) for c in raw.get("columns", ()))
    names = [c.name for c in columns]
    if not columns or len(set(names)) != len(names):
        raise MetadataError(f"{name}: columns missing or repeated")
    key = tuple(raw.get("key", ()))
    if not key or not set(key) <= set(names):
        raise MetadataError(f"{name}: key {key} is not a set of its columns")
    for c in columns:
        if c.unit_column is not None and c.unit_column not in names:
            raise MetadataError(f"{name}.{c.name}: unit_column {c.unit_column!r} is not a column")
    checks = []
    for entry in raw.get("checks", ()):
        params = {k: v for k, v in entry.items() if k != "rule"}
        if entry.get("rule") not in RULES:
            raise MetadataError(f"{name}: unknown check rule {entry.get('rule')!r}")
        checks.append(Check(str(entry["rule"]), params))
    prov = raw.get("provenance", {})
    provenance = Provenance(
        source_id=str(prov["source_id"]),
        sections=str(prov["sections"]),
        as_of=prov.get("as_of"),
        unit=str(prov["unit"]),
        licence=str(prov["licence"]),
        derived=bool(prov.get("derived", False)),
    )
    return DatasetMeta(
        name=name,
        label_ja=str(raw["label_ja"]),
        label_en=str(raw["label_en"]),
        key=key,
        columns=columns,
        provenance=provenance,
        checks=tuple(checks),
    )


@functools.cache
def load(name: str) -> DatasetMeta:
    """The metadata of one dataset (read once per process)."""
    if name not in DATASETS:
        raise KeyError(f"unknown dataset {name!r}; known: {', '.join(DATASETS)}")
    path = paths.metadata_path(name)
    try:
        with open(path, "rb") as handle:
            raw = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise MetadataError(f"{path}: {exc}") from None
    return parse(name, raw)


def all_metadata() -> dict[str, DatasetMeta]:
    """Every dataset's metadata, in :data:`DATASETS` order."""
    return {name: load(name) for name in DATASETS}
