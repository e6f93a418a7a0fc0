"""The ``dashboard`` command: one command line for maintainers and staff.

A thin interface over the data layer (and the benchmark): building and
checking the data, the open data (build, fetch, status), the staff's data
updates (template, import, history, rollback) and ``bench``. Help and
messages are in Japanese by default, in English with ``--lang en`` or
``DASHBOARD_LANG=en``, like the dashboard itself.
"""

from __future__ import annotations

from dashboard.cli.main import main

__all__ = ["main"]
