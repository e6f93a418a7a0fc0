"""CSV and .xlsx downloads never carry a formula: OWASP's CSV-injection rules, numbers untouched."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pyarrow as pa
import pytest
from openpyxl import load_workbook

from dashboard import spreadsheet
from dashboard.charts import export

ATTACKS = [
    '=HYPERLINK("http://198.51.100.7","クリック")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-1+1",
    " =1+1",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "\u3000=1+1",
    "　@SUM(A1)",
    "\tplain text after a tab",
    "＝1+1",
    "-2+3+cmd|' /C calc'!A0",
]
HARMLESS = ["いわき市", "", "1,281", "(参考)", "a=b", "https://example.jp/?a=1", "'quoted"]
NUMBERS_AS_TEXT = ["-23.5", "+3", "-1,234", "1e5", "-0.5", "12"]


@pytest.mark.parametrize("text", ATTACKS)
def test_formula_like_text_gets_a_quote(text: str) -> None:
    assert spreadsheet.is_formula_like(text)
    assert spreadsheet.safe_text(text) == "'" + text


@pytest.mark.parametrize("text", HARMLESS + NUMBERS_AS_TEXT)
def test_other_text_and_numbers_written_as_text_are_unchanged(text: str) -> None:
    # A text that is purely a number is read by a spreadsheet as that number: nothing runs, nothing to change.
    assert not spreadsheet.is_formula_like(text)
    assert spreadsheet.safe_text(text) == text


def _frame() -> pd.DataFrame:
    rows = len(ATTACKS)
    return pd.DataFrame(
        {
            "name": ATTACKS,
            "value": [-23.5 + i for i in range(rows)],
            "count": list(range(-3, rows - 3)),
            "number_text": (NUMBERS_AS_TEXT * rows)[:rows],
        }
    )


def test_csv_export_quotes_every_attack_and_keeps_numbers() -> None:
    df = _frame()
    text = export.csv_bytes(df).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["name"] for r in rows] == ["'" + a for a in ATTACKS]
    assert [float(r["value"]) for r in rows] == list(df["value"])
    assert [int(r["count"]) for r in rows] == list(df["count"])  # negative numbers stay numbers
    assert [r["number_text"] for r in rows] == list(df["number_text"])
    for row in rows:
        for cell in row.values():
            assert not spreadsheet.is_formula_like(cell) or cell.startswith("'")


def test_csv_export_quotes_formula_like_column_names() -> None:
    df = pd.DataFrame({"=1+1": ["x"], "名前": ["y"]})
    header = export.csv_bytes(df).decode("utf-8-sig").splitlines()[0]
    assert header == "'=1+1,名前"


def test_xlsx_export_writes_text_as_text_never_as_a_formula() -> None:
    df = _frame()
    notes = ['=HYPERLINK("http://198.51.100.7","クリック")', "出典：@SUM(1)"]
    book = load_workbook(io.BytesIO(export.xlsx_bytes(df, sheet="data", notes=notes, notes_sheet="notes")))
    sheet = book["data"]
    cells = [sheet.cell(row=r, column=1) for r in range(2, len(ATTACKS) + 2)]
    # The text itself is kept (XML reads a bare carriage return back as a line feed).
    assert [c.value for c in cells] == [a.replace("\r", "\n") for a in ATTACKS]
    assert all(c.data_type == "s" for c in cells)
    assert all(c.quotePrefix for c in cells)  # editing the cell in Excel does not make it a formula either
    values = [sheet.cell(row=r, column=2) for r in range(2, len(ATTACKS) + 2)]
    assert [v.value for v in values] == list(df["value"]) and all(v.data_type == "n" for v in values)
    counts = [sheet.cell(row=r, column=3).value for r in range(2, len(ATTACKS) + 2)]
    assert counts == list(df["count"])
    note = book["notes"]["A1"]
    assert note.value == notes[0] and note.data_type == "s"
    for ws in book.worksheets:
        for row in ws.iter_rows():
            assert not any(c.data_type == "f" for c in row)


def test_dataset_templates_write_published_text_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    import pyarrow as pa

    from dashboard.data import templates
    from dashboard.data.schemas import SPECS

    spec = SPECS["named_initiatives"]
    rows = [
        {"name_ja": a, "name_en": "x", "pillar_id": "citizen_dx", "section": "working_hours", "page": 3}
        for a in ATTACKS[:4]
    ]
    monkeypatch.setattr(templates, "published_table", lambda name: pa.Table.from_pylist(rows, schema=spec.schema))
    book = load_workbook(io.BytesIO(templates.build_template("named_initiatives")))
    data = book[templates.DATA_SHEET]
    cells = [data.cell(row=r, column=1) for r in range(2, 6)]
    assert [c.value for c in cells] == ATTACKS[:4]
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    page_column = spec.schema.names.index("page") + 1
    assert all(isinstance(data.cell(row=r, column=page_column).value, int) for r in range(2, 6))
    for ws in book.worksheets:
        for row in ws.iter_rows():
            assert not any(c.data_type == "f" for c in row)


def test_the_survey_template_writes_questions_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """The survey's template comes from the same generator as every dataset's: its text is text too."""
    from dashboard.data import templates
    from dashboard.data.schemas import SPECS

    spec = SPECS["staff_survey"]
    published = templates.published_table("staff_survey").to_pylist()
    rows = [{**published[0], "question_ja": ATTACKS[0], "option_ja": "=1+1"}]
    monkeypatch.setattr(templates, "published_table", lambda name: pa.Table.from_pylist(rows, schema=spec.schema))
    book = load_workbook(io.BytesIO(templates.build_template("staff_survey")))
    for ws in book.worksheets:
        for row in ws.iter_rows():
            assert not any(c.data_type == "f" for c in row)
    data = book[templates.DATA_SHEET]
    texts = [c for row in data.iter_rows() for c in row if c.value in (ATTACKS[0], "=1+1")]
    assert len(texts) == 2 and all(c.data_type == "s" and c.quotePrefix for c in texts)
