"""Helpers of the import and publish tests: a private copy of the data, snapshots, and staff files made on the fly.

Every test works on a copy of data/ and data/source/ in tmp_path (through
DASHBOARD_DATA_DIR / DASHBOARD_SOURCE_DIR); the repository's data is never touched.
Staff files (CSV in several encodings, .xlsx with formulas or merged cells...)
are generated here rather than committed.
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from dashboard.data import DATASET_NAMES, paths


@dataclass(frozen=True)
class Workspace:
    """A private copy of the published data."""

    root: Path
    data: Path
    source: Path

    def snapshot(self) -> dict[str, bytes]:
        """Every file under the data folder (Parquet, source CSV, history) with its bytes."""
        return {str(p.relative_to(self.root)): p.read_bytes() for p in sorted(self.root.rglob("*")) if p.is_file()}

    def published(self) -> dict[str, bytes]:
        """The published files only: Parquet and source CSV (no history, no hidden temporary files)."""
        return {
            k: v
            for k, v in self.snapshot().items()
            if k.startswith("data/") and "/history/" not in k and not Path(k).name.startswith(".")
        }

    def csv_rows(self, name: str) -> list[dict[str, str]]:
        """The rows of a source CSV (as strings)."""
        with open(self.source / f"{name}.csv", encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))


def copy_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """Copy every published Parquet file and source CSV into tmp_path and point the data layer there."""
    root = tmp_path / "data"
    source = root / "source"
    source.mkdir(parents=True)
    for name in DATASET_NAMES:
        shutil.copy(paths.parquet_path(name), root)
        shutil.copy(paths.csv_path(name), source)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(root))
    monkeypatch.setenv("DASHBOARD_SOURCE_DIR", str(source))
    return Workspace(tmp_path, root, source)


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """A private copy of the data for one test."""
    return copy_data(tmp_path, monkeypatch)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]], delimiter: str = ",") -> str:
    """CSV text of a header and rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def rows_of(ws: Workspace, name: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a dataset's source CSV, as lists to edit."""
    rows = ws.csv_rows(name)
    header = list(rows[0])
    return header, [[r[c] for c in header] for r in rows]


def write_csv(
    path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]], *, encoding: str = "utf-8", delimiter: str = ","
) -> Path:
    """Write a CSV staff file."""
    path.write_bytes(csv_text(header, rows, delimiter).encode(encoding))
    return path


def write_xlsx(path: Path, header: Sequence[Any], rows: Iterable[Sequence[Any]], *, sheet: str = "データ") -> Path:
    """Write a one-sheet .xlsx staff file (values exactly as given: str, numbers, dates, '=formulas')."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def replace(rows: list[list[str]], header: Sequence[str], match: dict[str, str], **new: str) -> list[list[str]]:
    """Rows with the cells of ``new`` changed in every row matching ``match``."""
    index = {c: i for i, c in enumerate(header)}
    out = []
    for row in rows:
        row = list(row)
        if all(row[index[k]] == v for k, v in match.items()):
            for k, v in new.items():
                row[index[k]] = v
        out.append(row)
    return out
