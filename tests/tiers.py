"""How thorough a test run is: the full run (CI, the README's test command) or the fast development tier.

Property tests draw many generated inputs; the fast tier (``scripts/test.sh --fast``, which sets
``DASHBOARD_TEST_TIER=fast``) draws a quarter of them so that a developer gets an answer in about a
minute, while CI draws them all. A property that fails in the fast tier fails the same way in the full
run; the full run only looks further.
"""

from __future__ import annotations

import os

FAST = os.environ.get("DASHBOARD_TEST_TIER", "").strip().lower() == "fast"
FAST_SHARE = 4


def examples(full: int) -> int:
    """How many generated examples a property test draws: ``full`` in the full run, a quarter (at least 5) when fast."""
    return max(5, full // FAST_SHARE) if FAST else full
