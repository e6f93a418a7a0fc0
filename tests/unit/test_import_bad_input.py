"""Every bad staff file of issue 9 is refused with a clear Japanese message naming file, row and column,
and leaves the published data (Parquet, source CSV, history) byte-for-byte unchanged.

Each case goes through the real command (``dashboard import … --yes``), so
"refused" means refused by the path a member of staff uses, not only by a function.
"""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import pytest
from import_util import Workspace, rows_of, write_csv, write_xlsx
from import_util import replace as replace_cells
from openpyxl import Workbook, load_workbook

from dashboard.cli import main
from dashboard.data import DataError, importer, templates
from dashboard.data.headers import column_doc
from dashboard.data.schemas import SPECS
from dashboard.i18n import set_language, t


@pytest.fixture(autouse=True)
def _japanese() -> None:
    set_language("ja")


def _headers(name: str) -> list[str]:
    return [column_doc(name, c).header for c in SPECS[name].columns]


def _render(exc: DataError, lang: str) -> str:
    set_language(lang)
    try:
        return "".join(t(key, **values) for key, values in importer.message_parts(exc))
    finally:
        set_language("ja")


def expect_rejected(
    ws: Workspace,
    capsys: pytest.CaptureFixture[str],
    path: Path,
    dataset: str,
    code: str,
    *,
    row: int | None = None,
    column: str | None = None,
    sheet: str | None = None,
    says: tuple[str, ...] = (),
) -> DataError:
    """The file is refused with ``code`` at (Excel) ``row`` / ``column``, clearly, and nothing changes."""
    before = ws.snapshot()
    with pytest.raises(DataError) as err:
        importer.compare(importer.read_path(path, dataset, sheet))
    exc = err.value
    assert exc.code == code, (exc.code, exc)
    if row is not None:
        assert exc.row is not None and exc.row + 1 == row, exc
    if column is not None:
        assert exc.column == column, exc

    args = ["import", str(path), "--dataset", dataset, "--yes"] + (["--sheet", sheet] if sheet else [])
    capsys.readouterr()
    assert main(args) == 1
    message = capsys.readouterr().err
    assert path.name in message or "parquet" in message, message
    assert "公開中のデータは変更していません" in message
    assert not message.count("["), message  # no missing catalogue key ([key]) and no Python repr lists
    if row is not None:
        assert f"{row}行目" in message, message
    if column is not None and column in SPECS[dataset].columns:
        assert f"「{column_doc(dataset, column).label}」" in message, message
    for text in says:
        assert text in message, message
    english = _render(exc, "en")
    assert "[" not in english and "{" not in english, english

    assert ws.snapshot() == before  # byte-for-byte, history included
    return exc


# --- headers -------------------------------------------------------------------------------


def test_wrong_header_is_named_with_what_is_missing(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    _header, rows = rows_of(ws, "facility_counts")
    headers = _headers("facility_counts")
    headers[1] = "施設の数"  # misspelt: the template says 施設数（施設）
    path = write_csv(ws.root / "施設数.csv", headers, rows)
    expect_rejected(
        ws,
        capsys,
        path,
        "facility_counts",
        "unknown_header",
        row=1,
        column="施設の数",
        says=("見出し「施設の数」", "足りない見出し：施設数（施設）"),
    )


def test_missing_header(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    header, rows = rows_of(ws, "population_outlook")
    keep = [i for i, c in enumerate(header) if c != "index_2020"]
    path = write_csv(ws.root / "pop.csv", [header[i] for i in keep], [[r[i] for i in keep] for r in rows])
    expect_rejected(
        ws,
        capsys,
        path,
        "population_outlook",
        "missing_header",
        row=1,
        column="index_2020",
        says=("必要な見出しがありません", "指数（2020年＝100）"),
    )


def test_extra_column(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    _header, rows = rows_of(ws, "facility_counts")
    path = write_xlsx(ws.root / "facilities.xlsx", [*_headers("facility_counts"), "備考"], [[*r, "メモ"] for r in rows])
    # facility_counts has nine columns (… source_id, section, page): the extra one is column J.
    expect_rejected(
        ws, capsys, path, "facility_counts", "extra_column", row=1, column="備考", says=("余分な列「備考」", "セル J1")
    )


def test_no_header_row(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    _, rows = rows_of(ws, "facility_counts")
    path = ws.root / "noheader.csv"
    path.write_text("\n".join(",".join(r) for r in rows), encoding="utf-8")
    expect_rejected(ws, capsys, path, "facility_counts", "no_header", row=1, says=("1行目に見出しがありません",))


def test_duplicate_and_blank_headers(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    header, rows = rows_of(ws, "facility_counts")
    dup = write_csv(ws.root / "dup.csv", [*header, "year"], [[*r, r[0]] for r in rows])
    expect_rejected(ws, capsys, dup, "facility_counts", "duplicate_header", row=1, column="year")
    blank = write_csv(ws.root / "blank.csv", [*header, ""], [[*r, "x"] for r in rows])
    expect_rejected(ws, capsys, blank, "facility_counts", "blank_header", row=1, says=("見出しが空の列",))


def test_merged_header_cells(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    _header, rows = rows_of(ws, "facility_counts")
    path = write_xlsx(ws.root / "merged.xlsx", _headers("facility_counts"), rows)
    wb = load_workbook(path)
    wb.active.merge_cells("D1:E1")  # 表示ラベル（日本語）and（英語）under one merged header
    wb.save(path)
    expect_rejected(
        ws, capsys, path, "facility_counts", "merged_cells", row=1, says=("結合されたセル（D1:E1）", "セル D1")
    )


# --- values --------------------------------------------------------------------------------


def test_wrong_type(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    header, rows = rows_of(ws, "population_outlook")
    rows = replace_cells(rows, header, {"year": "2040"}, population="約25万")
    path = write_csv(ws.root / "population.csv", header, rows)
    expect_rejected(
        ws,
        capsys,
        path,
        "population_outlook",
        "not_a_number",
        row=3,
        column="population",
        says=("数値として読めません：「約25万」",),
    )


def test_wrong_type_in_a_year_and_a_fraction_in_a_count(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    header, rows = rows_of(ws, "facility_counts")
    year = write_csv(ws.root / "year.csv", header, replace_cells(rows, header, {"year": "2024"}, year="去年"))
    expect_rejected(ws, capsys, year, "facility_counts", "bad_year", row=3, column="year", says=("R6",))
    frac = write_csv(ws.root / "frac.csv", header, replace_cells(rows, header, {"year": "2024"}, facilities="1281.5"))
    expect_rejected(ws, capsys, frac, "facility_counts", "not_whole_number", row=3, column="facilities")


def test_percent_in_a_column_that_is_not_a_percentage(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    header, rows = rows_of(ws, "facility_counts")
    path = write_csv(ws.root / "pct.csv", header, replace_cells(rows, header, {"year": "2024"}, facilities="97%"))
    expect_rejected(ws, capsys, path, "facility_counts", "percent_not_allowed", row=3, column="facilities")


def test_negative_count(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    header, rows = rows_of(ws, "staff_survey")
    rows[1][header.index("count")] = "-3"
    path = write_csv(ws.root / "survey.csv", header, rows)
    expect_rejected(
        ws, capsys, path, "staff_survey", "value_out_of_range", row=3, column="count", says=("「-3」", "≥ 0")
    )


def test_negative_facility_count_in_excel(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    header, rows = rows_of(ws, "facility_counts")
    rows = replace_cells(rows, header, {"year": "2024"}, facilities="▲5")
    path = write_xlsx(ws.root / "facilities.xlsx", _headers("facility_counts"), rows)
    expect_rejected(
        ws,
        capsys,
        path,
        "facility_counts",
        "value_out_of_range",
        row=3,
        column="facilities",
        says=("シート「データ」のセル B3",),
    )


def test_share_over_100(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    header, rows = rows_of(ws, "staff_survey")
    rows[0][header.index("share_pct")] = "120%"
    path = write_csv(ws.root / "survey.csv", header, rows)
    expect_rejected(
        ws, capsys, path, "staff_survey", "value_out_of_range", row=2, column="share_pct", says=("「120%」", "0〜100")
    )


def test_duplicate_key(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    header, rows = rows_of(ws, "facility_counts")
    rows.append(list(rows[1]))
    path = write_csv(ws.root / "dup.csv", header, rows)
    expect_rejected(
        ws,
        capsys,
        path,
        "facility_counts",
        "duplicate_row",
        row=5,
        column="year",
        says=("year=2024", "3行目と同じキー"),
    )


def test_unknown_kpi_id(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    header, rows = rows_of(ws, "dx_kpis")
    rows = replace_cells(rows, header, {"kpi_id": "line_friends"}, kpi_id="line_friend")
    path = write_csv(ws.root / "dx.csv", header, rows)
    exc = expect_rejected(
        ws,
        capsys,
        path,
        "dx_kpis",
        "unknown_reference",
        column="kpi_id",
        says=("「line_friend」は kpi_definitions に登録されていません",),
    )
    assert exc.row is not None and exc.row + 1 == 8


def test_unknown_allowed_value_and_missing_required_value(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    header, rows = rows_of(ws, "facility_counts")
    bad = write_csv(ws.root / "status.csv", header, replace_cells(rows, header, {"year": "2021"}, status="実績"))
    expect_rejected(
        ws,
        capsys,
        bad,
        "facility_counts",
        "value_not_allowed",
        row=2,
        column="status",
        says=("actual", "towards_optimal"),
    )
    empty = write_csv(ws.root / "empty.csv", header, replace_cells(rows, header, {"year": "2021"}, source_id=" "))
    expect_rejected(ws, capsys, empty, "facility_counts", "required_missing", row=2, column="source_id")


def test_kpi_unit_must_match_its_definition(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    header, rows = rows_of(ws, "dx_kpis")
    rows = replace_cells(rows, header, {"kpi_id": "line_friends"}, unit="services")
    path = write_csv(ws.root / "dx.csv", header, rows)
    expect_rejected(ws, capsys, path, "dx_kpis", "mismatch_definition", row=8, column="unit", says=("persons",))


def test_implausible_years(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    header, rows = rows_of(ws, "dx_kpis")
    wrong = replace_cells(rows, header, {"kpi_id": "working_hours", "period": "FY2024"}, year="2023")
    path = write_csv(ws.root / "dx.csv", header, wrong)
    expect_rejected(ws, capsys, path, "dx_kpis", "period_year_mismatch", row=20, column="year")
    future = dt.date.today().year + 5
    header2, rows2 = rows_of(ws, "facility_counts")
    ahead = replace_cells(rows2, header2, {"year": "2024"}, year=str(future))
    path2 = write_csv(ws.root / "fc.csv", header2, ahead)
    expect_rejected(ws, capsys, path2, "facility_counts", "future_year", row=3, column="year")
    typo = replace_cells(rows2, header2, {"year": "2024"}, year="20244")
    path3 = write_csv(ws.root / "fc2.csv", header2, typo)
    expect_rejected(ws, capsys, path3, "facility_counts", "bad_year", row=3, column="year", says=("「20244」",))
    early = replace_cells(rows2, header2, {"year": "2024"}, year="1899")
    path4 = write_csv(ws.root / "fc3.csv", header2, early)
    expect_rejected(
        ws, capsys, path4, "facility_counts", "value_out_of_range", row=3, column="year", says=("1900〜2100",)
    )


def test_date_typed_as_text(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    header, rows = rows_of(ws, "dx_kpis")
    rows = replace_cells(rows, header, {"kpi_id": "line_friends"}, as_of="令和7年5月")
    path = write_xlsx(ws.root / "dx.xlsx", header, rows)
    expect_rejected(
        ws, capsys, path, "dx_kpis", "bad_date", row=8, column="as_of", says=("「令和7年5月」", "2025-03、2025-03-31")
    )


def test_a_date_in_a_number_column(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    header, rows = rows_of(ws, "facility_counts")
    data: list[list[object]] = [list(r) for r in rows]
    data[1][1] = dt.datetime(2024, 4, 1)
    path = write_xlsx(ws.root / "fc.xlsx", header, data)
    expect_rejected(ws, capsys, path, "facility_counts", "date_in_number", row=3, column="facilities")


def test_formula_cell(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    _header, rows = rows_of(ws, "facility_counts")
    data: list[list[object]] = [list(r) for r in rows]
    data[1][1] = "=B2-35"
    path = write_xlsx(ws.root / "fc.xlsx", _headers("facility_counts"), data)
    expect_rejected(
        ws, capsys, path, "facility_counts", "formula_cell", row=3, says=("数式のセル", "=B2-35", "セル B3")
    )


def test_trailing_spaces_are_fine_but_an_inner_space_in_an_id_is_not(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    header, rows = rows_of(ws, "dx_kpis")
    rows = replace_cells(rows, header, {"kpi_id": "line_friends"}, kpi_id="line friends")
    path = write_csv(ws.root / "dx.csv", header, rows)
    expect_rejected(ws, capsys, path, "dx_kpis", "unknown_reference", row=8, column="kpi_id")


# --- files ---------------------------------------------------------------------------------


def test_empty_file(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    empty = ws.root / "empty.csv"
    empty.write_bytes(b"")
    expect_rejected(ws, capsys, empty, "facility_counts", "empty_file", says=("ファイルが空です",))
    blank = ws.root / "blank.xlsx"
    Workbook().save(blank)
    expect_rejected(ws, capsys, blank, "facility_counts", "empty_file")


def test_only_a_header(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_xlsx(ws.root / "header.xlsx", _headers("facility_counts"), [[None] * 8, [None] * 8])
    expect_rejected(ws, capsys, path, "facility_counts", "header_only", says=("見出しの行しかありません",))


def test_a_100_mb_file_is_refused_before_it_is_read(
    ws: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    big = ws.root / "big.csv"
    with open(big, "wb") as handle:  # sparse: 100 MB on paper, nothing on disk
        handle.write(b"year,facilities\n")
        handle.truncate(100 * 1024 * 1024)

    def no_reading(self: Path) -> bytes:
        raise AssertionError(f"{self} was read")

    with monkeypatch.context() as patched:
        patched.setattr(Path, "read_bytes", no_reading)
        with pytest.raises(DataError) as err:
            importer.read_path(big, "facility_counts")
    assert err.value.code == "file_too_large" and err.value.value == "100.0 MB"
    expect_rejected(ws, capsys, big, "facility_counts", "file_too_large", says=("100.0 MB", "上限は 20.0 MB"))


def test_an_upload_over_the_cap_is_refused_in_code(ws: Workspace) -> None:
    data = b"year,facilities\n" + b"0" * (20 * 1024 * 1024)
    with pytest.raises(DataError) as err:
        importer.read_bytes(data, "upload.csv", "facility_counts")
    assert err.value.code == "file_too_large"


def test_a_non_excel_file_renamed_xlsx(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    path = ws.root / "report.xlsx"
    shutil.copy(ws.source / "facility_counts.csv", path)
    expect_rejected(ws, capsys, path, "facility_counts", "not_excel", says=("拡張子だけを .xlsx に変えた",))
    png = ws.root / "photo.xlsx"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    expect_rejected(ws, capsys, png, "facility_counts", "not_excel")
    other_zip = ws.root / "archive.xlsx"
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    expect_rejected(ws, capsys, other_zip, "facility_counts", "not_excel")


def test_legacy_xls_and_unknown_types(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    xls = ws.root / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    expect_rejected(ws, capsys, xls, "facility_counts", "xls_format", says=(".xls",))
    pdf = ws.root / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    expect_rejected(ws, capsys, pdf, "facility_counts", "unsupported_format")


def test_a_sheet_that_does_not_exist(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    path = ws.root / "template.xlsx"
    templates.write_template("facility_counts", path)
    expect_rejected(
        ws,
        capsys,
        path,
        "facility_counts",
        "sheet_missing",
        sheet="令和7年度",
        says=("シート「令和7年度」がありません", "データ、記入例、説明"),
    )


def test_a_corrupt_parquet_in_data_is_named_and_left_alone(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    header, rows = rows_of(ws, "facility_counts")
    good = write_csv(ws.root / "fc.csv", header, replace_cells(rows, header, {"year": "2024"}, facilities="1270"))
    (ws.data / "facility_counts.parquet").write_bytes(b"PAR1 broken")
    exc = expect_rejected(ws, capsys, good, "facility_counts", "unreadable", says=("facility_counts.parquet",))
    assert "facility_counts.parquet" in str(exc.path)


def test_a_corrupt_referenced_parquet_is_named(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    header, rows = rows_of(ws, "dx_kpis")
    path = write_csv(ws.root / "dx.csv", header, rows)
    (ws.data / "kpi_definitions.parquet").write_bytes(b"\x00" * 100)
    exc = expect_rejected(ws, capsys, path, "dx_kpis", "unreadable", says=("kpi_definitions.parquet",))
    assert "kpi_definitions.parquet" in str(exc.path)


def test_an_id_still_in_use_cannot_be_removed(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    header, rows = rows_of(ws, "kpi_definitions")
    rows = [r for r in rows if r[0] != "line_friends"]
    path = write_csv(ws.root / "defs.csv", header, rows)
    expect_rejected(
        ws,
        capsys,
        path,
        "kpi_definitions",
        "still_referenced",
        column="kpi_id",
        says=("「line_friends」は dx_kpis で使われている",),
    )


def test_unknown_dataset(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_csv(ws.root / "x.csv", ["a"], [["1"]])
    before = ws.snapshot()
    assert main(["import", str(path), "--dataset", "budget", "--yes"]) == 1
    assert "データセット「budget」はありません" in capsys.readouterr().err
    assert ws.snapshot() == before


def test_every_error_code_the_import_can_raise_has_a_message_in_both_languages() -> None:
    import re

    from dashboard.i18n.catalog import MESSAGES

    src = Path(importer.__file__).parent
    # Every module of the data layer that raises: the importer's stages, the readers, the rules, publishing.
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(src.rglob("*.py")))
    codes = set(re.findall(r'(?:ImportProblem|DataError|problem|_Bad|Violation)\(\s*"(\w+)"', text))
    rules = (src / "rules.py").read_text(encoding="utf-8")
    survey = rules[rules.index("def survey_problems") : rules.index("def _survey_cells")]
    found = set(re.findall(r'^\s*"(\w+)",', survey, re.MULTILINE)) | set(re.findall(r'\("(\w+)",', survey))
    codes |= {f"survey_{c}" for c in found - set(SPECS["staff_survey"].columns)}
    assert {"survey_score_differs", "survey_no_value", "survey_counts_exceed_respondents"} <= codes
    codes |= set(re.findall(r'return "(\w+)", (?:k|None)\b', text))
    codes |= set(importer._IMPORT_CODES.values())
    assert len(codes) > 40
    missing = sorted(c for c in codes if f"data_error.{c}" not in MESSAGES)
    assert not missing, missing
