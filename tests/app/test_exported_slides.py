"""Every chart the pages offer as a PNG/SVG slide fills the 1920×1080 slide and keeps its legend whole.

The charts are collected as the pages hand them to their download buttons
(``components.downloads``), on every page with every section open, in Japanese
and English, then rendered by the export functions as a user's click would.
What is drawn (not white) must span at least 85 % of the slide's width and
height: a chart scaled down to fit leaves an empty band beside or under it.
A few slides are saved to ``artifacts/screenshots/slide-*.png`` to look at.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from apptest_util import run_page
from conftest import ARTIFACTS, PAGES
from PIL import Image

from dashboard.charts import export
from dashboard.views import components

FILL = 0.85
SVG_NS = "{http://www.w3.org/2000/svg}"


def _collect(monkeypatch: pytest.MonkeyPatch, page: str, lang: str) -> list[tuple[str, Mapping[str, Any], list[str]]]:
    found: list[tuple[str, Mapping[str, Any], list[str]]] = []
    original = components.downloads

    def recording(**kwargs: Any) -> None:
        if isinstance(kwargs.get("chart"), Mapping):  # maps and tables have no slide
            found.append((kwargs["title"], kwargs["chart"], [components.source_text(kwargs["source"])]))
        original(**kwargs)

    monkeypatch.setattr(components, "downloads", recording)
    run_page(page, **({"lang": "en"} if lang == "en" else {}))
    monkeypatch.undo()
    unique = {(title, repr(sorted(chart.items(), key=str))): (title, chart, footer) for title, chart, footer in found}
    return list(unique.values())


LABEL_ROLES = ("role-legend-label", "role-legend-title", "role-axis-label", "role-axis-title")


def _cut_labels(svg: str) -> list[str]:
    """Legend and axis texts of a rendered slide that end in 「…」 (a timeline's item names may be cut: not these)."""
    cut = []
    for group in ET.fromstring(svg).iter(f"{SVG_NS}g"):
        if any(role in group.get("class", "") for role in LABEL_ROLES):
            cut += ["".join(t.itertext()) for t in group.iter(f"{SVG_NS}text") if "…" in "".join(t.itertext())]
    return cut


def _inked_box(png: bytes) -> tuple[int, int, int, int]:
    gray = Image.open(io.BytesIO(png)).convert("L").point(lambda v: 255 if v < 245 else 0)
    box = gray.getbbox()
    assert box is not None
    return box


def _slides(monkeypatch: pytest.MonkeyPatch, lang: str) -> Iterator[tuple[str, str, bytes, str]]:
    for page in PAGES:
        if page == "admin":
            continue
        for title, chart, footer in _collect(monkeypatch, page, lang):
            svg = export.chart_svg(chart, title=title, footer=footer)
            yield page, title, export.chart_png(chart, title=title, footer=footer), svg


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_exported_slide_fills_the_slide_with_whole_legends(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    problems: list[str] = []
    count = 0
    for number, (page, title, png, svg) in enumerate(_slides(monkeypatch, lang)):
        count += 1
        left, top, right, bottom = _inked_box(png)
        width, height = (right - left) / export.SLIDE_WIDTH, (bottom - top) / export.SLIDE_HEIGHT
        if width < FILL or height < FILL:
            problems.append(f"{page} 「{title}」: drawn on {width:.0%} of the width, {height:.0%} of the height")
        if cut := _cut_labels(svg):
            problems.append(f"{page} 「{title}」: legend or axis text cut with …: {cut[:3]}")
        if number % 4 == 0:
            (ARTIFACTS / "screenshots" / f"slide-{page}-{number}-{lang}.png").write_bytes(png)
    assert count >= 10, f"only {count} exported charts found"
    assert problems == [], "\n".join(problems)
