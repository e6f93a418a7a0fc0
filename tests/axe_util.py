"""axe-core in the browser tests: inject the vendored ``axe.min.js`` (no network) and list what it finds.

The file is the npm package ``axe-core``'s own build, kept in ``tests/vendor/axe-core`` with its licence
(MPL-2.0); its checksum is checked before it is injected, so a damaged or swapped copy fails loudly.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
BLOCKING = ("serious", "critical")

STILL_JS = """() => !document.querySelector('[data-stale="true"]')
    && !(document.querySelector('[data-testid="stStatusWidget"]')?.innerText.trim())"""

# WCAG 2.0/2.1 A and AA plus axe's best practices (heading order, landmarks, page headings).
_RUN_JS = """async () => {
    const result = await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
        resultTypes: ['violations'],
    });
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary || '',
                                  html: n.html.slice(0, 200)})),
    }));
}"""


@dataclass(frozen=True)
class Violation:
    """One rule axe-core found broken, with the elements that break it."""

    rule: str
    impact: str
    help: str
    nodes: list[dict[str, Any]]

    def describe(self) -> str:
        """The rule and its first elements, for an assertion message."""
        shown = "\n    ".join(f"{n['target']}: {n['summary'].splitlines()[-1:]!s} {n['html']}" for n in self.nodes[:4])
        return f"{self.rule} ({self.impact}, {len(self.nodes)} elements): {self.help}\n    {shown}"


def axe_source() -> str:
    """The vendored axe-core script, checked against its recorded checksum."""
    data = AXE_JS.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != AXE_SHA256:
        raise AssertionError(f"{AXE_JS} is not axe-core {AXE_VERSION} (sha256 {digest})")
    return data.decode("utf-8")


def axe_violations(page: Page, impacts: tuple[str, ...] = BLOCKING) -> list[Violation]:
    """Run axe-core on the page once nothing on it is stale; the violations of the given impacts.

    During a rerun Streamlit fades the elements it may replace, which axe would measure as low contrast.
    """
    page.wait_for_function(STILL_JS, timeout=30_000)
    page.wait_for_timeout(600)  # the fade back to full opacity is a transition
    page.wait_for_function(STILL_JS, timeout=30_000)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=axe_source())
    found = page.evaluate(_RUN_JS)
    return [
        Violation(v["id"], v["impact"] or "", v["help"], v["nodes"]) for v in found if (v["impact"] or "") in impacts
    ]
