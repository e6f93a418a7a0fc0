"""Dataset specifications: the explicit pyarrow schema, keys, rules and provenance of every dataset.

A :class:`DatasetSpec` is the single description of a dataset. The CSV → Parquet
build, the loaders, the validation and the import of staff updates all read it,
so a column or a rule is declared once.

Units are codes (``hours_10k`` = 万時間, ``percent`` = %, …) translated for
display by the i18n catalogue. Values are stored as the report prints them:
working hours as 522.0 with unit ``hours_10k`` (万時間), not as 5,220,000 hours.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pyarrow as pa

PILLAR_IDS: frozenset[str] = frozenset(
    {"work_efficiency", "infrastructure", "admin_fiscal", "human_resources", "citizen_dx"}
)
REPORT_SOURCE = "iwaki_reform_report_vol5"
UNIT_CODES: frozenset[str] = frozenset(
    {
        "persons",
        "index_2020",
        "index_2021",
        "sheets_per_month",
        "messages_per_month",
        "services",
        "ratio",
        "counters",
        "percent",
        "brands",
        "applications_per_year",
        "hours_10k",
        "hours",
        "facilities",
        "oku_yen",
        "oku_yen_per_year",
    }
)
"""Unit codes a value may carry; each is translated by ``unit.<code>`` in the i18n catalogue."""
DATE_FORMAT = "date"
"""Format of as-of and publication columns: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
PERIOD_FORMAT = "period"
"""Format of KPI periods: ``2024``, ``2025-03``, ``FY2024`` or ``FY2022-FY2024``."""


@dataclass(frozen=True)
class Provenance:
    """Where a dataset's figures come from.

    ``sections`` names the report's sections (``report_sections`` ids) the rows
    are found under; the report's text carries no page numbers, so sections, not
    pages, are what a reader can look up. ``as_of`` is the as-of the report
    prints (or ``None`` when it prints none: then the period column of each row
    is its time reference). ``derived`` marks figures computed by the dashboard
    rather than printed by the source.
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

    @property
    def columns(self) -> list[str]:
        """Column names in schema order."""
        return list(self.schema.names)


_STR = pa.string()
_INT = pa.int64()
_FLOAT = pa.float64()
_REPORT_LICENCE = "いわき市の公表資料（出典を明示して引用）"
# Every report-derived row names the report section it is printed under (report_sections.section_id).
_SECTION_REF = ("report_sections", "section_id")


def _schema(*fields: tuple[str, pa.DataType]) -> pa.Schema:
    return pa.schema([pa.field(name, dtype) for name, dtype in fields])


SPECS: dict[str, DatasetSpec] = {
    spec.name: spec
    for spec in [
        DatasetSpec(
            name="population_outlook",
            schema=_schema(
                ("year", _INT),
                ("population", _INT),
                ("index_2020", _INT),
                ("kind", _STR),
                ("source_id", _STR),
                ("section", _STR),
                ("page", _INT),
                ("as_of", _STR),
                ("note_ja", _STR),
                ("note_en", _STR),
            ),
            key=("year",),
            provenance=Provenance(REPORT_SOURCE, "population_projection", None, "persons", _REPORT_LICENCE),
            not_null=("year", "population", "index_2020", "kind", "source_id"),
            enums={"kind": frozenset({"census", "projection"})},
            ranges={"population": (0, None), "index_2020": (0, None), "year": (1900, 2100)},
            references={"source_id": ("sources", "source_id"), "section": _SECTION_REF},
            formats={"as_of": DATE_FORMAT},
        ),
        DatasetSpec(
            name="kpi_definitions",
            schema=_schema(
                ("kpi_id", _STR),
                ("pillar_id", _STR),
                ("dataset", _STR),
                ("order", _INT),
                ("name_ja", _STR),
                ("name_en", _STR),
                ("unit", _STR),
                ("direction", _STR),
                ("wording_ja", _STR),
                ("reading_ja", _STR),
                ("reading_en", _STR),
                ("section", _STR),
                ("page", _INT),
            ),
            key=("kpi_id",),
            provenance=Provenance(
                REPORT_SOURCE,
                "paperless, citizen_digital, facility_management, working_hours",
                None,
                "—",
                _REPORT_LICENCE,
            ),
            not_null=("kpi_id", "pillar_id", "dataset", "name_ja", "name_en", "unit", "direction"),
            enums={
                "pillar_id": PILLAR_IDS,
                "direction": frozenset({"higher_better", "lower_better", "neutral"}),
                "dataset": frozenset({"dx_kpis", "facility_counts"}),
                "unit": UNIT_CODES,
            },
            references={"section": _SECTION_REF},
        ),
        DatasetSpec(
            name="dx_kpis",
            schema=_schema(
                ("kpi_id", _STR),
                ("pillar_id", _STR),
                ("period", _STR),
                ("period_type", _STR),
                ("year", _INT),
                ("value", _FLOAT),
                ("unit", _STR),
                ("as_of", _STR),
                ("as_of_basis", _STR),
                ("source_id", _STR),
                ("section", _STR),
                ("page", _INT),
                ("note_ja", _STR),
                ("note_en", _STR),
            ),
            key=("kpi_id", "period"),
            provenance=Provenance(
                REPORT_SOURCE,
                "paperless, citizen_digital, working_hours",
                "2025-03 / 2025-05",
                "various",
                _REPORT_LICENCE,
            ),
            not_null=("kpi_id", "pillar_id", "period", "period_type", "year", "value", "unit", "source_id"),
            enums={
                "pillar_id": PILLAR_IDS,
                "period_type": frozenset({"calendar_year", "fiscal_year", "fiscal_year_span", "snapshot"}),
                "as_of_basis": frozenset({"printed", "inferred", "period", "reading"}),
                "unit": UNIT_CODES,
            },
            ranges={"year": (2000, 2100), "page": (1, None)},
            references={
                "kpi_id": ("kpi_definitions", "kpi_id"),
                "source_id": ("sources", "source_id"),
                "section": _SECTION_REF,
            },
            formats={"as_of": DATE_FORMAT, "period": PERIOD_FORMAT},
        ),
        DatasetSpec(
            name="facility_counts",
            schema=_schema(
                ("year", _INT),
                ("facilities", _INT),
                ("status", _STR),
                ("label_ja", _STR),
                ("label_en", _STR),
                ("as_of", _STR),
                ("source_id", _STR),
                ("section", _STR),
                ("page", _INT),
            ),
            key=("year",),
            provenance=Provenance(REPORT_SOURCE, "facility_management", None, "facilities", _REPORT_LICENCE),
            not_null=("year", "status", "source_id"),
            enums={"status": frozenset({"actual", "towards_optimal"})},
            ranges={"facilities": (0, None), "year": (1900, 2100), "page": (1, None)},
            references={"source_id": ("sources", "source_id"), "section": _SECTION_REF},
            formats={"as_of": DATE_FORMAT},
        ),
        DatasetSpec(
            name="staff_survey",
            schema=_schema(
                ("wave", _STR),
                ("survey_date", _STR),
                ("question_id", _STR),
                ("question_ja", _STR),
                ("question_en", _STR),
                ("option_id", _STR),
                ("option_order", _INT),
                ("option_ja", _STR),
                ("option_en", _STR),
                ("likert_score", _INT),
                ("group_dim", _STR),
                ("group_value", _STR),
                ("count", _INT),
                ("share_pct", _FLOAT),
                ("respondents", _INT),
                ("source_id", _STR),
                ("section", _STR),
                ("page", _INT),
            ),
            key=("wave", "question_id", "option_id", "group_dim", "group_value"),
            provenance=Provenance(REPORT_SOURCE, "staff_survey", "2025-03", "percent", _REPORT_LICENCE),
            not_null=("wave", "question_id", "question_ja", "option_id", "group_dim", "group_value", "source_id"),
            ranges={"share_pct": (0, 100), "count": (0, None), "respondents": (0, None), "likert_score": (-3, 3)},
            references={"source_id": ("sources", "source_id"), "section": _SECTION_REF},
            formats={"wave": DATE_FORMAT, "survey_date": DATE_FORMAT},
        ),
        DatasetSpec(
            name="initiatives",
            schema=_schema(
                ("initiative_id", _STR),
                ("fiscal_year", _INT),
                ("month", _INT),
                ("name_ja", _STR),
                ("name_en", _STR),
                ("pillar_id", _STR),
                ("detail_ja", _STR),
                ("detail_en", _STR),
                ("until_year", _INT),
                ("source_id", _STR),
                ("section", _STR),
                ("page", _INT),
            ),
            key=("initiative_id",),
            provenance=Provenance(REPORT_SOURCE, "reform_steps", None, "—", _REPORT_LICENCE),
            not_null=("initiative_id", "fiscal_year", "name_ja", "name_en", "pillar_id"),
            enums={"pillar_id": PILLAR_IDS},
            ranges={"month": (1, 12), "fiscal_year": (2000, 2100), "until_year": (2000, 2100)},
            references={"source_id": ("sources", "source_id"), "section": _SECTION_REF},
        ),
        DatasetSpec(
            name="named_initiatives",
            schema=_schema(
                ("name_ja", _STR), ("name_en", _STR), ("pillar_id", _STR), ("section", _STR), ("page", _INT)
            ),
            key=("name_ja",),
            provenance=Provenance(REPORT_SOURCE, "working_hours", None, "—", _REPORT_LICENCE),
            not_null=("name_ja", "name_en", "pillar_id"),
            enums={"pillar_id": PILLAR_IDS},
            references={"section": _SECTION_REF},
        ),
        DatasetSpec(
            name="pillars",
            schema=_schema(
                ("pillar_id", _STR),
                ("order", _INT),
                ("name_ja", _STR),
                ("name_en", _STR),
                ("aims_ja", _STR),
                ("aims_en", _STR),
                ("section", _STR),
                ("page", _INT),
            ),
            key=("pillar_id",),
            provenance=Provenance(REPORT_SOURCE, "five_arrows", None, "—", _REPORT_LICENCE),
            not_null=("pillar_id", "order", "name_ja", "name_en"),
            enums={"pillar_id": PILLAR_IDS},
            references={"section": _SECTION_REF},
        ),
        DatasetSpec(
            name="report_context",
            schema=_schema(
                ("kind", _STR),
                ("order", _INT),
                ("topic", _STR),
                ("name_ja", _STR),
                ("name_en", _STR),
                ("detail_ja", _STR),
                ("detail_en", _STR),
                ("section", _STR),
                ("page", _INT),
            ),
            key=("kind", "order"),
            provenance=Provenance(
                REPORT_SOURCE,
                "cover, population_projection, city_situation, management_direction, citizen_digital, "
                "facility_management, working_hours, staff_survey",
                None,
                "—",
                _REPORT_LICENCE,
            ),
            not_null=("kind", "order", "topic", "name_ja", "name_en"),
            enums={
                "kind": frozenset(
                    {"verdict", "challenge", "claim", "work_type", "wellbeing_goal", "vision", "mission"}
                ),
                "topic": frozenset({"overview", "population", "working_hours", "online", "facilities"}),
            },
            references={"section": _SECTION_REF},
        ),
        DatasetSpec(
            name="context_figures",
            schema=_schema(
                ("figure_id", _STR),
                ("topic", _STR),
                ("period", _STR),
                ("value", _FLOAT),
                ("unit", _STR),
                ("source_id", _STR),
                ("published", _STR),
                ("note_ja", _STR),
                ("note_en", _STR),
            ),
            key=("figure_id",),
            provenance=Provenance("various", "—", None, "various", "各出典による（引用）"),
            not_null=("figure_id", "topic", "source_id", "note_ja"),
            enums={"unit": UNIT_CODES},
            references={"source_id": ("sources", "source_id")},
            formats={"published": DATE_FORMAT},
        ),
        DatasetSpec(
            name="report_sections",
            schema=_schema(
                ("section_id", _STR),
                ("order", _INT),
                ("heading_ja", _STR),
                ("heading_en", _STR),
                ("note_ja", _STR),
                ("note_en", _STR),
                ("page", _INT),
            ),
            key=("section_id",),
            provenance=Provenance(REPORT_SOURCE, "—", None, "—", _REPORT_LICENCE),
            not_null=("section_id", "order", "heading_ja", "heading_en"),
            ranges={"page": (1, None)},
        ),
        DatasetSpec(
            name="sources",
            schema=_schema(
                ("source_id", _STR),
                ("kind", _STR),
                ("title_ja", _STR),
                ("title_en", _STR),
                ("publisher_ja", _STR),
                ("publisher_en", _STR),
                ("published", _STR),
                ("licence", _STR),
                ("credit_ja", _STR),
                ("credit_en", _STR),
                ("url", _STR),
            ),
            key=("source_id",),
            provenance=Provenance("various", "—", None, "—", "—"),
            not_null=("source_id", "kind", "title_ja", "credit_ja", "credit_en"),
            formats={"published": DATE_FORMAT},
        ),
    ]
}


def spec(name: str) -> DatasetSpec:
    """The spec of a dataset, or ``KeyError`` with the known names."""
    try:
        return SPECS[name]
    except KeyError:
        raise KeyError(f"unknown dataset {name!r}; known: {', '.join(sorted(SPECS))}") from None
