"""Print in Debian's chromium: every page on at most four A4 landscape sheets, cards in rows, no figure broken.

Chromium prints each page to PDF (``page.pdf(format="A4", landscape=True)``, as its print dialog does);
poppler's ``pdfinfo`` counts the sheets and ``pdftotext`` reads the text back. The PDFs are kept in
artifacts/print-*.pdf.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from browser_util import scroll_through, wait_rendered
from conftest import ARTIFACTS, URL_PATHS
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

MAX_SHEETS = 4
_warmed: set[str] = set()

# The card figures as the screen shows them, and how many cards share a row in print.
CARDS_JS = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    // A wording rather than a figure may wrap where a line may break (a space, an opening bracket:
    // 「最適な施設数へ」 / 「（2025年以降）」); each piece stays whole.
    const values = [...main.querySelectorAll('[data-testid="stMetricValue"]')]
        .flatMap(v => v.innerText.split(/\\s+|(?=[（(])/)).filter(v => v.length > 0);
    const tops = [...main.querySelectorAll('[data-testid="stMetric"]')]
        .map(m => Math.round(m.getBoundingClientRect().top));
    const perRow = {};
    tops.forEach(t => { perRow[t] = (perRow[t] || 0) + 1; });
    return {values, widest: Math.max(0, ...Object.values(perRow))};
}"""


# Texts whose printed size is checked: the first characters of each body paragraph (not captions or
# card texts), and of each item label of the overview's timeline (the chart's own text).
SAMPLES_JS = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const shown = e => e.getClientRects().length > 0;
    const start = e => e.textContent.replace(/\\s+/g, '').slice(0, 8);
    const body = [...main.querySelectorAll('[data-testid="stMarkdownContainer"] p')]
        .filter(p => shown(p) && !p.closest('[data-testid="stCaptionContainer"], [data-testid="stMetric"], button, svg'))
        .map(start).filter(t => t.length >= 4);
    const timeline = [...main.querySelectorAll('.st-key-ov_timeline_box svg text')]
        .map(start).filter(t => t.length >= 4);
    return {body, timeline};
}"""
MIN_BODY_PT = 9
MIN_TIMELINE_PT = 7


def _printed_sizes(xml: str, samples: list[str]) -> dict[str, float]:
    """The printed font size (pt) of each sample text, from ``pdftohtml -xml -zoom 3`` (sizes at 3 px per pt).

    A sample found in several runs takes the largest (a caption may repeat a paragraph's opening words).
    """
    root = ET.fromstring(xml)
    sizes = {f.get("id"): float(f.get("size", "0")) / 3 for f in root.iter("fontspec")}
    runs = [(re.sub(r"\s+", "", "".join(t.itertext())), sizes[t.get("font")]) for t in root.iter("text")]
    found: dict[str, float] = {}
    for sample in samples:
        matches = [size for text, size in runs if sample in text]
        if matches:
            found[sample] = max(matches)
    return found


def _open(page: Page, base: str, path: str) -> None:
    """Open a page of the app; the first request of a fresh server goes to ``/`` (see shell.run_page)."""
    if base not in _warmed:
        page.goto(base)
        wait_rendered(page)
        _warmed.add(base)
    page.goto(f"{base}{path}")
    wait_rendered(page)
    scroll_through(page)  # charts and maps below the first screen draw before the page is printed
    wait_rendered(page)


def _poppler(tool: str, pdf: Path, *args: str) -> str:
    if not shutil.which(tool):
        pytest.skip(f"{tool} (poppler-utils) is needed to read the PDF")
    return subprocess.run(
        [tool, *args, str(pdf), *(["-"] if tool == "pdftotext" else [])], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.parametrize("page_name", list(URL_PATHS))
def test_every_page_prints_on_at_most_four_a4_landscape_sheets_with_whole_figures(
    page: Page, server_url: str, page_name: str, tmp_path: Path
) -> None:
    _open(page, server_url, f"/{URL_PATHS[page_name]}")
    page.emulate_media(media="print")  # the card layout as printed (page.pdf prints with print media too)
    cards = page.evaluate(CARDS_JS)
    samples = page.evaluate(SAMPLES_JS)
    pdf = tmp_path / f"{page_name}.pdf"
    pdf.write_bytes(page.pdf(format="A4", landscape=True, print_background=True))
    (ARTIFACTS / f"print-{page_name}.pdf").write_bytes(pdf.read_bytes())

    info = _poppler("pdfinfo", pdf)
    sheets = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert sheets <= MAX_SHEETS, f"{page_name} prints on {sheets} sheets"
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    assert size and abs(float(size.group(1)) - 841.89) < 1 and abs(float(size.group(2)) - 595.28) < 1  # A4 landscape

    # Cards stand side by side in print (they were two to a row in the left half of the sheet).
    if len(cards["values"]) >= 3:
        assert cards["widest"] >= 3, cards
    # Every card figure is on one line of the printed text: 「▲23.5万時間」 never becomes 「▲23.5万時/間」.
    lines = [re.sub(r"\s+", "", line) for line in _poppler("pdftotext", pdf, "-layout").splitlines()]
    broken = [v for v in cards["values"] if not any(v in line for line in lines)]
    assert not broken, f"{page_name}: figures broken across lines in print: {broken}"

    # Type large enough to read on paper: body text at least 9 pt, the timeline's labels at least 7 pt
    # (they printed at about 6 pt and 4 pt when the page was printed at half size).
    xml = _poppler("pdftohtml", pdf, "-xml", "-i", "-zoom", "3", "-stdout")
    body = _printed_sizes(xml, samples["body"])
    assert len(body) >= max(1, len(samples["body"]) // 2), (samples["body"], body)
    assert min(body.values()) >= MIN_BODY_PT, (
        f"{page_name}: body text printed at {sorted(body.items(), key=lambda kv: kv[1])[:3]}"
    )
    if page_name == "overview":
        timeline = _printed_sizes(xml, samples["timeline"])
        assert len(timeline) >= max(1, len(samples["timeline"]) // 2), (samples["timeline"], timeline)
        assert min(timeline.values()) >= MIN_TIMELINE_PT, f"timeline printed at {min(timeline.values()):.1f} pt"
