"""Where files live. The only module that knows the folder layout.

Everything path-shaped in the project comes from here, so that tests and
deployments can point the dashboard elsewhere with the folder settings of
:mod:`dashboard.settings`:

- ``DASHBOARD_DATA_DIR``: folder holding the published Parquet files
  (default: ``data/`` of the repository).
- ``DASHBOARD_SOURCE_DIR``: folder of the CSV files they are built from
  (default: ``data/source/``).
- ``DASHBOARD_OPEN_DATA_DIR``: folder holding the third-party open data
  (default: ``data/open/`` of the repository, which is committed).
"""

from __future__ import annotations

from pathlib import Path

from dashboard import settings

REPO_ROOT: Path = Path(__file__).resolve().parents[3]
"""The repository root (``src/dashboard/data/paths.py`` → three levels up)."""

OPEN_DATA_MANIFEST: Path = Path(__file__).with_name("open_data_manifest.json")


def data_dir() -> Path:
    """Folder of the published Parquet datasets."""
    override = settings.load().data_dir
    return Path(override) if override else REPO_ROOT / "data"


def source_dir() -> Path:
    """Folder of the human-editable CSV files the Parquet files are built from."""
    override = settings.load().source_dir
    return Path(override) if override else REPO_ROOT / "data" / "source"


def parquet_path(name: str) -> Path:
    """Path of a published dataset's Parquet file."""
    return data_dir() / f"{name}.parquet"


def csv_path(name: str) -> Path:
    """Path of a dataset's source CSV file."""
    return source_dir() / f"{name}.csv"


def metadata_path(name: str) -> Path:
    """Path of a dataset's metadata file: always the repository's, beside its committed source CSV."""
    return REPO_ROOT / "data" / "source" / f"{name}.meta.toml"


def local_open_data_dir() -> Path:
    """The repository's own open-data folder: built by ``dashboard build --open``, committed."""
    return REPO_ROOT / "data" / "open"


def open_data_dir() -> Path:
    """Folder the open data is read from: ``DASHBOARD_OPEN_DATA_DIR``, else ``data/open/``."""
    override = settings.load().open_data_dir
    return Path(override) if override else local_open_data_dir()


def history_dir() -> Path:
    """Folder of previous versions of published datasets (for rollback)."""
    return data_dir() / "history"
