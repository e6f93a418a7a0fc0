"""The staff-survey template: written, filled in, checked and published end to end, and the documented format."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from apptest_util import page_text, run_page
from conftest import REPO
from openpyxl import load_workbook

from dashboard.data import DATASET_NAMES, load_dataset, publish, store
from dashboard.data import survey_template as tpl
from dashboard.data.schemas import SPECS

SOURCE_ROW = (
    "synthetic_city_tabulation,survey,職員アンケート集計（テスト用の架空データ）,Staff survey tabulation "
    "(synthetic test data),いわき市,Iwaki City,2025-04,テスト,テスト用の架空データ,synthetic test data,\n"
)
# Invented counts per option (strongly agree … strongly disagree) and a tiny group to be suppressed.
COUNTS = {"総務部": (12, 20, 8, 5, 3), "財政部": (6, 15, 10, 6, 4), "小さな課": (1, 2, 1, 1, 1)}


@pytest.fixture
def dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Private copies of the published Parquet files and the source CSVs (with a synthetic source declared)."""
    data, source = tmp_path / "data", tmp_path / "source"
    data.mkdir()
    for name in DATASET_NAMES:
        shutil.copy(store.paths.parquet_path(name), data)
    shutil.copytree(store.paths.source_dir(), source)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data))
    monkeypatch.setenv("DASHBOARD_SOURCE_DIR", str(source))
    with (source / "sources.csv").open("a", encoding="utf-8") as f:
        f.write(SOURCE_ROW)
    store.build("sources")
    return data, source


def _template(path: Path, wave: str = "2025-03") -> Path:
    assert (
        tpl.main(
            [
                "template",
                str(path),
                "--wave",
                wave,
                "--group",
                "department=" + ",".join(COUNTS),
                "--source-id",
                "synthetic_city_tabulation",
            ]
        )
        == 0
    )
    return path


def _fill(path: Path, skip_group: str | None = None, leave_one_blank: bool = False) -> None:
    """Type counts into the prepared rows the way staff would (the whole survey = sum of departments)."""
    book = load_workbook(path)
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    col = {name: header.index(name) for name in header}
    order = [o.option_id for o in tpl.SCALES[5]]
    rows = [
        r for r in sheet.iter_rows(min_row=2) if r[col["count"]].value is None and r[col["share_pct"]].value is None
    ]
    for row in rows:
        group = row[col["group_value"]].value
        if group == skip_group:
            continue
        counts = [sum(c[i] for c in COUNTS.values()) for i in range(5)] if group == "all" else COUNTS[group]
        row[col["count"]].value = counts[order.index(row[col["option_id"]].value)]
        row[col["respondents"]].value = sum(counts)
    if leave_one_blank:
        rows[0][col["count"]].value = None
    book.save(path)


def test_template_holds_the_published_rows_and_one_prepared_row_per_question_group_option(dirs, tmp_path) -> None:
    path = _template(tmp_path / "t.xlsx", wave="2026-03")
    book = load_workbook(path)
    assert book.sheetnames == ["data", "説明", "選択肢の例"]
    frame = pd.DataFrame(
        list(book["data"].iter_rows(min_row=2, values_only=True)), columns=[c.value for c in book["data"][1]]
    )
    assert list(frame.columns) == SPECS["staff_survey"].columns
    assert sorted(frame.loc[frame["share_pct"].notna(), "share_pct"]) == [54, 78]  # published rows kept
    prepared = frame[frame["wave"] == "2026-03"]
    assert len(prepared) == 2 * (1 + len(COUNTS)) * 5 and prepared["count"].isna().all()
    assert set(prepared["likert_score"]) == {2, 1, 0, -1, -2}
    explained = {r[0] for r in book["説明"].iter_rows(min_row=2, values_only=True)}
    assert explained == set(SPECS["staff_survey"].columns)


def test_unfilled_template_for_the_published_wave_is_refused_not_published_empty(dirs, tmp_path) -> None:
    data, _ = dirs
    path = _template(tmp_path / "t.csv")
    # Nothing filled in: the prepared rows are skipped, and the published shares of 2025-03 are not in it.
    assert tpl.read_filled(path).empty
    before = (data / "staff_survey.parquet").read_bytes()
    target, problems = tpl.apply(path)
    assert target is None and len(problems) == 2
    assert all("消えてしまうため中止" in p for p in problems)
    assert any("2025-03 / reform_progress" in p for p in problems)
    assert (data / "staff_survey.parquet").read_bytes() == before


def test_unfilled_template_of_a_new_wave_changes_nothing(dirs, tmp_path) -> None:
    data, _ = dirs
    before = load_dataset("staff_survey")
    target, problems = tpl.apply(_template(tmp_path / "t.xlsx", wave="2026-03"))
    assert problems == [] and target == data / "staff_survey.parquet"
    after = load_dataset("staff_survey")
    assert after.equals(before)


def test_filled_template_publishes_end_to_end_and_the_page_shows_the_full_survey(dirs, tmp_path) -> None:
    _data, source = dirs
    path = _template(tmp_path / "職員アンケート.xlsx")
    _fill(path)
    assert tpl.main(["check", str(path)]) == 0
    assert tpl.main(["apply", str(path)]) == 0
    df = load_dataset("staff_survey")
    assert df["count"].notna().all() and set(df["wave"]) == {"2025-03"}
    assert "agree_published" not in set(df["option_id"])  # the counts replaced the published shares
    assert "synthetic_city_tabulation" in (source / "staff_survey.csv").read_text(encoding="utf-8")
    total = df[(df["group_dim"] == "all") & (df["question_id"] == "reform_progress")].set_index("option_id")
    assert total.loc["strongly_agree", "count"] == 19 and total.loc["strongly_agree", "respondents"] == 95

    at = run_page("survey")
    assert not at.exception and not at.error
    text = page_text(at)
    assert "回答の分布" in text and "95人" in text  # Likert chart and the known respondent count
    assert "95％信頼区間" in text
    assert "小さな課：回答者が10人未満" in text  # the tiny group is hidden and the page says why
    assert "財政部：ほかの区分と全体から" in text  # and the next smallest with it
    compare = [d.value for d in at.dataframe]
    assert not compare  # charts are shown, not tables, by default
    at.segmented_control(key="survey_compare_likert_view").set_value("table").run()
    groups = " ".join(at.dataframe[0].value.to_string().split())
    assert "総務部" in groups and "小さな課" not in groups and "財政部" not in groups


def test_applied_template_is_in_the_history_and_rolls_back(dirs, tmp_path) -> None:
    data, _source = dirs
    before = load_dataset("staff_survey")
    path = _template(tmp_path / "t.xlsx")
    _fill(path)
    target, problems = tpl.apply(path, actor="tester")
    assert problems == [] and target == data / "staff_survey.parquet"
    versions = publish.history("staff_survey")
    current = [v for v in versions if v.current]
    assert len(current) == 1 and current[0].actor == "tester" and current[0].origin == "t.xlsx"
    assert current[0].replaces is not None and (current[0].added or 0) > 0
    assert not load_dataset("staff_survey").equals(before)
    publish.rollback("staff_survey", current[0].replaces, actor="tester")
    after = load_dataset("staff_survey")
    assert after.equals(before)


def test_partly_filled_group_is_refused_with_its_line_and_nothing_changes(dirs, tmp_path) -> None:
    data, source = dirs
    path = _template(tmp_path / "t.xlsx")
    _fill(path, leave_one_blank=True)
    before = ((data / "staff_survey.parquet").read_bytes(), (source / "staff_survey.csv").read_bytes())
    target, problems = tpl.apply(path)
    assert target is None
    assert any("混在" in p and re.search(r"（データの\d+行目）", p) for p in problems), problems
    assert before == ((data / "staff_survey.parquet").read_bytes(), (source / "staff_survey.csv").read_bytes())


def test_unknown_source_and_bad_values_are_reported(dirs, tmp_path, capsys) -> None:
    path = tmp_path / "t.csv"
    assert tpl.main(["template", str(path), "--wave", "2026-03", "--source-id", "nobody_declared_this"]) == 0
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    new = frame["wave"] == "2026-03"
    frame.loc[new, "count"] = "3"
    frame.loc[new, "respondents"] = "15"
    frame.to_csv(path, index=False)
    assert tpl.main(["check", str(path)]) == 1
    assert "nobody_declared_this" in capsys.readouterr().err
    frame.loc[new.idxmax(), "count"] = "-4"
    frame.to_csv(path, index=False)
    assert tpl.main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    line = int(new.idxmax()) + 2
    assert "値が範囲外です" in err and f"{line}行目" in err


def test_skipping_a_group_drops_only_its_rows(dirs, tmp_path) -> None:
    path = _template(tmp_path / "t.xlsx")
    _fill(path, skip_group="財政部")
    frame = tpl.read_filled(path)
    assert "財政部" not in set(frame["group_value"]) and "総務部" in set(frame["group_value"])
    # Row numbers still point at the lines of the file (header = line 1).
    assert frame.index.min() >= 0 and frame.index.max() + 2 <= load_workbook(path)["data"].max_row


def test_the_documented_format_names_every_column_and_rule() -> None:
    doc = (REPO / "docs" / "survey-format.md").read_text(encoding="utf-8")
    for column in SPECS["staff_survey"].columns:
        assert f"`{column}`" in doc, column
    for word in ("Wilson", "10", "survey_wave", "survey_group", "survey_dim", "survey_q", "synthetic"):
        assert word in doc
