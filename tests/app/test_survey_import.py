"""The staff survey goes through the one import path: template → filled in → checked → published → history → rollback.

The survey has no reader, writer or command of its own any more: its template comes from the
same generator as every dataset's (from ``data/source/staff_survey.meta.toml``), its format's
rules are declared checks run by the importer, and the page shows what was published.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from apptest_util import page_text, run_page
from import_util import Workspace, copy_data
from openpyxl import load_workbook

from dashboard.cli import main
from dashboard.data import DataError, importer, load_dataset, publish, templates
from dashboard.data.headers import column_doc
from dashboard.data.schemas import SPECS

SOURCE_ROW = (
    "synthetic_city_tabulation,survey,職員アンケート集計（テスト用の架空データ）,Staff survey tabulation "
    "(synthetic test data),いわき市,Iwaki City,2025-04,テスト,test,テスト用の架空データ,synthetic test data,\n"
)
SCALE = (
    ("strongly_agree", "そう思う", 2),
    ("agree", "ややそう思う", 1),
    ("neutral", "どちらともいえない", 0),
    ("disagree", "あまりそう思わない", -1),
    ("strongly_disagree", "そう思わない", -2),
)
# Invented counts per option (strongly agree … strongly disagree) and a tiny group to be suppressed.
COUNTS = {"総務部": (12, 20, 8, 5, 3), "財政部": (6, 15, 10, 6, 4), "小さな課": (1, 2, 1, 1, 1)}
QUESTIONS = {
    "reform_progress": "構造改革が着実に進んでいると感じる",
    "reform_continue": "今後も引き続き改革を進めていくべき",
}


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """A private copy of the data with the synthetic tabulation declared as a source (through the importer)."""
    space = copy_data(tmp_path, monkeypatch)
    sources = (space.source / "sources.csv").read_text(encoding="utf-8") + SOURCE_ROW
    upload = tmp_path / "sources.csv"
    upload.write_text(sources, encoding="utf-8")
    publish.publish(importer.read_path(upload, "sources"), actor="tester")
    return space


def _survey_rows(wave: str = "2026-03") -> list[dict[str, object]]:
    rows = []
    for question, wording in QUESTIONS.items():
        groups = {"all": tuple(sum(c[i] for c in COUNTS.values()) for i in range(5)), **COUNTS}
        for group, counts in groups.items():
            for order, ((option, label, score), count) in enumerate(zip(SCALE, counts, strict=True), start=1):
                rows.append(
                    {
                        "wave": wave,
                        "survey_date": wave,
                        "question_id": question,
                        "question_ja": wording,
                        "option_id": option,
                        "option_order": order,
                        "option_ja": label,
                        "likert_score": score,
                        "group_dim": "all" if group == "all" else "department",
                        "group_value": group,
                        "count": count,
                        "respondents": sum(counts),
                        "source_id": "synthetic_city_tabulation",
                    }
                )
    return rows


def _filled_template(path: Path, rows: list[dict[str, object]]) -> Path:
    """The generic template of staff_survey with the new wave's rows typed below the published ones."""
    book = load_workbook(io.BytesIO(templates.build_template("staff_survey")))
    sheet = book[importer.DATA_SHEET]
    columns = SPECS["staff_survey"].columns
    first = 2 + len(load_dataset("staff_survey"))
    for i, row in enumerate(rows):
        for j, column in enumerate(columns, start=1):
            sheet.cell(row=first + i, column=j, value=row.get(column))
    book.save(path)
    return path


def test_the_survey_template_comes_from_the_generic_generator() -> None:
    book = load_workbook(io.BytesIO(templates.build_template("staff_survey")))
    assert importer.DATA_SHEET in book.sheetnames and templates.HELP_SHEET in book.sheetnames
    header = [c.value for c in book[importer.DATA_SHEET][1]]
    assert header == [column_doc("staff_survey", c).header for c in SPECS["staff_survey"].columns]
    explained = " ".join(str(c.value) for row in book[templates.HELP_SHEET].iter_rows() for c in row if c.value)
    assert "respondents" in explained and "回答者数" in explained


def test_a_full_survey_publishes_end_to_end_and_the_page_shows_it(ws: Workspace, capsys) -> None:
    path = _filled_template(ws.root / "職員アンケート.xlsx", _survey_rows())
    assert main(["import", str(path), "--dataset", "staff_survey", "--yes"]) == 0
    df = load_dataset("staff_survey")
    assert set(df["wave"]) == {"2025-03", "2026-03"}
    total = df[(df["wave"] == "2026-03") & (df["group_dim"] == "all") & (df["question_id"] == "reform_progress")]
    total = total.set_index("option_id")
    assert total.loc["strongly_agree", "count"] == 19 and total.loc["strongly_agree", "respondents"] == 95
    assert "synthetic_city_tabulation" in (ws.source / "staff_survey.csv").read_text(encoding="utf-8")

    at = run_page("survey")
    assert not at.exception and not at.error
    text = page_text(at)
    assert "回答の分布" in text and "95人" in text
    assert "小さな課：回答者が10人未満" in text


def test_the_published_survey_is_in_the_history_and_rolls_back(ws: Workspace) -> None:
    before = load_dataset("staff_survey")
    path = _filled_template(ws.root / "t.xlsx", _survey_rows())
    version = publish.publish(importer.read_path(path, "staff_survey"), actor="tester")
    assert version.current and version.origin == "t.xlsx" and (version.added or 0) > 0
    assert not load_dataset("staff_survey").equals(before)
    assert version.replaces is not None
    publish.rollback("staff_survey", version.replaces, actor="tester")
    assert load_dataset("staff_survey").equals(before)


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda rows: rows[0].update(count=None), "survey_no_value"),
        (lambda rows: rows[0].update(count=None, share_pct=10.0), "survey_mixed_basis"),
        (lambda rows: rows[0].update(count=500), "above_limit"),
        (lambda rows: rows[1].update(respondents=94), "survey_respondents_differ"),
        (lambda rows: rows[1].update(likert_score=2), "survey_duplicate_score"),
        (lambda rows: rows[0].update(source_id="nobody_declared_this"), "unknown_reference"),
    ],
)
def test_the_survey_format_rules_refuse_a_file_with_its_row_and_nothing_changes(ws: Workspace, change, code) -> None:
    rows = _survey_rows()
    change(rows)
    path = _filled_template(ws.root / "t.xlsx", rows)
    before = ws.published()
    with pytest.raises(DataError) as err:
        publish.publish(importer.read_path(path, "staff_survey"), actor="tester")
    assert err.value.code == code
    assert err.value.row is not None and err.value.row >= 1  # a row of the file, header = 0
    assert ws.published() == before


def test_the_survey_has_no_second_publishing_path() -> None:
    import dashboard.data as data

    assert not (Path(data.__file__).parent / "survey_template.py").exists()
