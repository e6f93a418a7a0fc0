"""``python -m dashboard.data``: kept for old scripts; the command line is ``dashboard`` (:mod:`dashboard.cli`)."""

from __future__ import annotations

import sys

from dashboard.cli import main

if __name__ == "__main__":
    sys.exit(main())
