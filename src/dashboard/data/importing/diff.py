"""Stage 5, diff: rows added, changed and removed against what is published, matched by the key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from dashboard.data import paths, store
from dashboard.data.importing.context import Imported
from dashboard.data.schemas import SPECS, DatasetSpec
from dashboard.data.validate import validate_table


@dataclass(frozen=True)
class RowChange:
    """A row present before and after, with the columns whose value changed."""

    key: tuple[Any, ...]
    changes: tuple[tuple[str, Any, Any], ...]


@dataclass(frozen=True)
class Diff:
    """Rows added, changed and removed by an import, matched by the dataset's key."""

    key_columns: tuple[str, ...]
    added: tuple[dict[str, Any], ...] = ()
    removed: tuple[dict[str, Any], ...] = ()
    changed: tuple[RowChange, ...] = ()

    @property
    def empty(self) -> bool:
        """True when the import would change nothing."""
        return not (self.added or self.removed or self.changed)

    def counts(self) -> dict[str, int]:
        """``{"added": n, "changed": n, "removed": n}``."""
        return {"added": len(self.added), "changed": len(self.changed), "removed": len(self.removed)}


def published_table(name: str) -> pa.Table | None:
    """The validated published table of a dataset, or None when nothing is published yet.

    A published file that exists but cannot be read raises: an import never
    overwrites a file it cannot compare against (restore it with ``rollback``).
    """
    path = paths.parquet_path(name)
    if not path.exists():
        return None
    table = store.read_table(name)
    validate_table(table, SPECS[name], path)
    return table


def diff_tables(spec: DatasetSpec, old: pa.Table | None, new: pa.Table) -> Diff:
    """Rows added, changed and removed, matched by the dataset's key."""
    key = tuple(spec.key)

    def index(table: pa.Table | None) -> dict[tuple[Any, ...], dict[str, Any]]:
        rows = table.to_pylist() if table is not None else []
        return {tuple(r[k] for k in key): r for r in rows}

    before, after = index(old), index(new)
    added = tuple(after[k] for k in after if k not in before)
    removed = tuple(before[k] for k in before if k not in after)
    changed = []
    for k in after:
        if k in before:
            cols = tuple((c, before[k][c], after[k][c]) for c in spec.columns if before[k][c] != after[k][c])
            if cols:
                changed.append(RowChange(k, cols))
    return Diff(key, added, removed, tuple(changed))


def compare(imported: Imported) -> Diff:
    """The diff between the published dataset and an imported file."""
    spec = SPECS[imported.dataset]
    return diff_tables(spec, published_table(imported.dataset), imported.table)
