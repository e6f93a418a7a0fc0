"""Reading and writing the published Parquet files.

Every write goes to a temporary file in the same folder and is renamed into
place, so a reader never sees half a file and a crash leaves the previous
version intact.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from dashboard.data import atomic, paths
from dashboard.data.errors import DataError
from dashboard.data.schemas import DatasetSpec, Provenance, spec
from dashboard.data.validate import check_rules, to_table, validate_table

META_DATASET = b"dashboard.dataset"
META_PROVENANCE = b"dashboard.provenance"
META_SOURCE_SHA256 = b"dashboard.source_sha256"


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


def read_source_csv(path: Path, dataset: DatasetSpec) -> pd.DataFrame:
    """Read a source CSV as strings (no type guessing: the schema decides)."""
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except FileNotFoundError:
        raise DataError("file_missing", path) from None
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError("unreadable", path, str(exc)) from None


def csv_to_table(name: str, path: Path | None = None) -> tuple[pa.Table, str]:
    """Build the validated Arrow table of a dataset from its CSV, and the CSV's sha256."""
    dataset = spec(name)
    path = path or paths.csv_path(name)
    raw = read_source_csv(path, dataset)
    table = to_table(raw, dataset, path)
    check_rules(table.to_pandas(), dataset, path)
    return table, sha256_bytes(path.read_bytes())


def with_metadata(table: pa.Table, dataset: DatasetSpec, source_sha256: str) -> pa.Table:
    """Attach the dataset name, provenance and source checksum as Parquet metadata."""
    meta = {
        META_DATASET: dataset.name.encode(),
        META_PROVENANCE: dataset.provenance.to_json().encode(),
        META_SOURCE_SHA256: source_sha256.encode(),
    }
    return table.replace_schema_metadata(meta)


def parquet_bytes(table: pa.Table) -> bytes:
    """A table as the bytes of a Parquet file (zstd), as every published file is written."""
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return bytes(sink.getvalue().to_pybytes())


def write_atomic(table: pa.Table, target: Path) -> None:
    """Write a Parquet file through the data layer's one atomic write."""
    atomic.write_bytes(target, parquet_bytes(table), mode=0o644)


def build(name: str) -> Path:
    """Build one dataset's Parquet from its CSV; returns the written path."""
    dataset = spec(name)
    table, digest = csv_to_table(name)
    target = paths.parquet_path(name)
    write_atomic(with_metadata(table, dataset, digest), target)
    return target


def read_table(name: str, path: Path | None = None) -> pa.Table:
    """Read a published Parquet file, turning any failure into a :class:`DataError`."""
    path = path or paths.parquet_path(name)
    if not path.exists():
        raise DataError("file_missing", path)
    try:
        return pq.read_table(path)
    except (OSError, pa.ArrowException) as exc:
        raise DataError("unreadable", path, str(exc)) from None


def load(name: str, path: Path | None = None) -> pd.DataFrame:
    """Load and validate a published dataset."""
    dataset = spec(name)
    path = path or paths.parquet_path(name)
    return validate_table(read_table(name, path), dataset, path)


def provenance(name: str) -> Provenance:
    """The provenance declared for a dataset (from its spec)."""
    return spec(name).provenance


def stored_source_sha256(name: str) -> str | None:
    """The source-CSV checksum recorded in a published file's metadata."""
    meta = read_table(name).schema.metadata or {}
    value = meta.get(META_SOURCE_SHA256)
    return value.decode() if value else None


def file_signature(name: str) -> tuple[int, int] | None:
    """(mtime_ns, size) of a published file, or None: the cache key that picks up a rebuild."""
    try:
        st = paths.parquet_path(name).stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def last_updated(name: str) -> float | None:
    """Modification time (epoch seconds) of a published file."""
    try:
        return paths.parquet_path(name).stat().st_mtime
    except OSError:
        return None


def dumps_json(obj: object) -> str:
    """Stable JSON for manifests and history records."""
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True)
