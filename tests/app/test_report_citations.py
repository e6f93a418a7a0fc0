"""Citations a reader can find: every source line names the report section as printed, never an unverified page."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from apptest_util import page_text, run_page
from conftest import PAGES
from openpyxl import load_workbook

from dashboard.charts import export
from dashboard.i18n import set_language
from dashboard.views.components import Source, source_text

REPORT = "iwaki_reform_report_vol5"
# The report headings each page's source lines must name (as printed in the report).
SECTIONS = {
    "overview": [
        "「市の将来推計人口」",
        "「業務時間削減」",
        "「公共施設等のマネジメントを推進」",
        "「市民接点のデジタル化」",
        "「構造改革に着手して３年」",
        "「5本の矢」",
        "「構造改革の歩み」",
    ],
    "population": ["「市の将来推計人口」"],
    "dx": ["「ペーパーレスを推進」", "「業務時間削減」", "「市民接点のデジタル化」"],
    "facilities": ["「公共施設等のマネジメントを推進」", "「市の将来推計人口」"],
    "survey": ["「構造改革に着手して３年」"],
}
PAGE_CITATION = re.compile(r"\bp\.\s?\d")


@pytest.mark.parametrize("page", list(PAGES))
def test_source_lines_name_the_report_sections_and_no_page(page: str) -> None:
    at = run_page(page)
    assert not at.exception, at.exception
    text = page_text(at)
    for heading in SECTIONS[page]:
        assert f"構造改革レポート vol.5」{heading}" in text or heading in text, f"{page}: {heading}"
    sources = [line for line in text.splitlines() if "出典" in line]
    assert sources
    assert not [line for line in sources if PAGE_CITATION.search(line)], page


def test_english_source_lines_translate_the_heading_and_keep_it_as_printed() -> None:
    at = run_page("population", lang="en")
    text = page_text(at)
    assert "section “The city's projected population” (「市の将来推計人口」)" in text
    assert not PAGE_CITATION.search(text)


def test_exports_carry_the_section_in_their_provenance() -> None:
    set_language("ja")
    line = source_text(Source([REPORT], ("working_hours",), as_of=None))
    assert line.startswith("出典：いわき市「構造改革レポート vol.5」「業務時間削減」｜時点：")
    # The same line is the slide's footer and the .xlsx provenance sheet (views.components.export_buttons).
    chart = {"mark": "bar", "data": {"values": [{"x": 1}]}, "encoding": {"x": {"field": "x", "type": "quantitative"}}}
    spec = export.slide_spec(chart, title="t", footer=[line])
    assert "「業務時間削減」" in str(spec)
    book = load_workbook(io.BytesIO(export.xlsx_bytes(pd.DataFrame({"a": [1]}), sheet="data", notes=["t", line])))
    notes = [str(c.value) for row in book.worksheets[1].iter_rows() for c in row]
    assert line in notes
