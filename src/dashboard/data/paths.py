"""Where files live. The only module that knows the folder layout.

Everything path-shaped in the project comes from here, so that tests and
deployments can point the dashboard elsewhere with environment variables:

- ``DASHBOARD_DATA_DIR``: folder holding the published Parquet files
  (default: ``data/`` of the repository).
- ``DASHBOARD_OPEN_DATA_DIR``: folder holding the third-party open data
  (default: ``../shared/data`` beside the repository when it exists, else
  ``data/open/``).
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT: Path = Path(__file__).resolve().parents[3]
"""The repository root (``src/dashboard/data/paths.py`` → three levels up)."""

OPEN_DATA_MANIFEST: Path = Path(__file__).with_name("open_data_manifest.json")


def data_dir() -> Path:
    """Folder of the published Parquet datasets."""
    override = os.environ.get("DASHBOARD_DATA_DIR")
    return Path(override) if override else REPO_ROOT / "data"


def source_dir() -> Path:
    """Folder of the human-editable CSV files the Parquet files are built from."""
    override = os.environ.get("DASHBOARD_SOURCE_DIR")
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
    """The project's own folder for fetched open data (git-ignored)."""
    return REPO_ROOT / "data" / "open"


def open_data_dir() -> Path:
    """Folder the open data is read from.

    ``DASHBOARD_OPEN_DATA_DIR`` wins; otherwise the workplace's shared folder
    when it exists (how the project is developed), else ``data/open/`` (where
    ``python -m dashboard.data fetch`` puts the files).
    """
    override = os.environ.get("DASHBOARD_OPEN_DATA_DIR")
    if override:
        return Path(override)
    shared = REPO_ROOT.parent / "shared" / "data"
    if shared.is_dir():
        return shared
    return local_open_data_dir()


def history_dir() -> Path:
    """Folder of previous versions of published datasets (for rollback)."""
    return data_dir() / "history"
