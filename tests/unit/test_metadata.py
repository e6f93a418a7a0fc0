"""Each dataset's metadata file beside its CSV describes it completely, and everything is generated from it."""

from __future__ import annotations

import csv
import tomllib

import pyarrow.parquet as pq
import pytest

from dashboard.data import metadata, paths
from dashboard.data.headers import column_doc, header_aliases, header_key
from dashboard.data.schemas import SPECS


@pytest.mark.parametrize("name", metadata.DATASETS)
def test_metadata_file_sits_beside_its_csv_and_names_every_column(name: str) -> None:
    meta_path = paths.metadata_path(name)
    assert meta_path.parent == paths.REPO_ROOT / "data" / "source"
    assert meta_path.with_name(f"{name}.csv").exists()
    with open(meta_path.with_name(f"{name}.csv"), encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    meta = metadata.load(name)
    assert [c.name for c in meta.columns] == header
    for column in meta.columns:
        assert column.label_ja and column.label_en and column.description


@pytest.mark.parametrize("name", metadata.DATASETS)
def test_schema_headers_and_rules_come_from_the_metadata(name: str) -> None:
    meta = metadata.load(name)
    spec = SPECS[name]
    assert spec.schema.equals(meta.schema)
    assert pq.read_schema(paths.REPO_ROOT / "data" / f"{name}.parquet").equals(meta.schema, check_metadata=False)
    assert set(spec.not_null) == {c.name for c in meta.columns if c.required}
    aliases = header_aliases(name)
    for column in meta.columns:
        assert column_doc(name, column.name).label == column.label_ja
        assert aliases[header_key(column.label_ja)] == column.name
        if column.allowed:
            assert spec.enums[column.name] == frozenset(column.allowed)


def test_a_column_added_to_the_metadata_reaches_the_schema_and_headers() -> None:
    raw = tomllib.loads(paths.metadata_path("facility_counts").read_text(encoding="utf-8"))
    raw["columns"].append(
        {"name": "remark", "type": "string", "label_ja": "備考", "label_en": "Remark", "description": "備考。"}
    )
    meta = metadata.parse("facility_counts", raw)
    assert meta.schema.names[-1] == "remark"
    assert meta.column("remark").length_limit == metadata.DEFAULT_MAX_LENGTH


@pytest.mark.parametrize(
    "change",
    [
        lambda raw: raw.update(name="other"),
        lambda raw: raw["columns"][0].update(type="decimal"),
        lambda raw: raw["columns"][0].update(colour="red"),
        lambda raw: raw.update(key=["nope"]),
        lambda raw: raw["columns"][0].update(max=float("inf")),
        lambda raw: raw.setdefault("checks", []).append({"rule": "whatever"}),
        lambda raw: raw["columns"][0].update(references="nowhere"),
    ],
)
def test_inconsistent_metadata_is_refused(change) -> None:
    raw = tomllib.loads(paths.metadata_path("facility_counts").read_text(encoding="utf-8"))
    change(raw)
    with pytest.raises(metadata.MetadataError):
        metadata.parse("facility_counts", raw)
