"""``python -m dashboard.cli``: the same as the ``dashboard`` console command."""

from __future__ import annotations

import sys

from dashboard.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
