"""What staff really type is read correctly: encodings, delimiters, 全角, 万, %, 和暦, spaces, blank rows, Excel cells;
and templates round-trip: a filled-in template updates the dashboard through the command.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
from import_util import Workspace, rows_of, write_csv, write_xlsx
from import_util import replace as replace_cells
from openpyxl import load_workbook

from dashboard.cli import main
from dashboard.data import importer, load_dataset, templates
from dashboard.data.headers import DATASET_LABELS, column_doc, header_aliases, header_key
from dashboard.data.importing import normalise
from dashboard.data.schemas import SPECS, UNIT_CODES
from dashboard.i18n import has, set_language


@pytest.fixture(autouse=True)
def _japanese() -> None:
    set_language("ja")


def _headers(name: str) -> list[str]:
    return [column_doc(name, c).header for c in SPECS[name].columns]


def _value(imported: importer.Imported, match: dict[str, object], column: str) -> object:
    rows = [r for r in imported.table.to_pylist() if all(r[k] == v for k, v in match.items())]
    assert len(rows) == 1, rows
    return rows[0][column]


def _codes(imported: importer.Imported) -> set[str]:
    return {n.code for n in imported.notes}


def test_every_published_csv_imports_unchanged_and_passes_the_import_rules(ws: Workspace) -> None:
    for name in SPECS:
        imported = importer.read_path(ws.source / f"{name}.csv", name)
        assert importer.compare(imported).empty, name
        importer.check_import_rules(name, imported.table)


def test_headers_are_unique_per_dataset_and_units_translate() -> None:
    assert set(DATASET_LABELS) == set(SPECS)
    for name, spec in SPECS.items():
        labels = [column_doc(name, c).label for c in spec.columns]
        assert len(set(labels)) == len(labels), name
        aliases = header_aliases(name)
        assert {aliases[header_key(column_doc(name, c).header)] for c in spec.columns} == set(spec.columns)
    assert all(has(f"unit.{code}") for code in UNIT_CODES)


def test_shift_jis_csv_with_japanese_headers(ws: Workspace) -> None:
    _, rows = rows_of(ws, "facility_counts")
    path = write_csv(
        ws.root / "施設数_令和7年度.csv",
        _headers("facility_counts"),
        replace_cells(rows, SPECS["facility_counts"].columns, {"year": "2024"}, facilities="1270"),
        encoding="cp932",
    )
    imported = importer.read_path(path, "facility_counts")
    assert imported.encoding == "cp932"
    assert _value(imported, {"year": 2024}, "facilities") == 1270
    assert _value(imported, {"year": 2025}, "label_ja") == "最適な施設数へ（2025年以降）"
    assert importer.compare(imported).counts() == {"added": 0, "changed": 1, "removed": 0}


def test_utf8_with_bom_and_utf16_from_excel(ws: Workspace) -> None:
    header, rows = rows_of(ws, "facility_counts")
    bom = write_csv(ws.root / "bom.csv", header, rows, encoding="utf-8-sig")
    assert importer.read_path(bom, "facility_counts").encoding == "utf-8-sig"
    assert importer.compare(importer.read_path(bom, "facility_counts")).empty
    utf16 = write_csv(ws.root / "unicode.txt", header, rows, encoding="utf-16", delimiter="\t")
    imported = importer.read_path(utf16, "facility_counts")
    assert (imported.encoding, imported.delimiter) == ("utf-16", "\t")
    assert importer.compare(imported).empty


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_a_csv_with_another_delimiter(ws: Workspace, delimiter: str) -> None:
    header, rows = rows_of(ws, "dx_kpis")
    path = write_csv(ws.root / "dx.csv", header, rows, delimiter=delimiter)
    imported = importer.read_path(path, "dx_kpis")
    assert imported.delimiter == delimiter
    assert importer.compare(imported).empty  # the notes contain commas: only the right delimiter keeps them whole


def test_fullwidth_digits_thousands_and_minus_marks(ws: Workspace) -> None:
    header, rows = rows_of(ws, "facility_counts")
    rows = replace_cells(rows, header, {"year": "2024"}, year="２０２４", facilities="１，２７０")
    path = write_csv(ws.root / "fc.csv", header, rows)
    imported = importer.read_path(path, "facility_counts")
    assert _value(imported, {"year": 2024}, "facilities") == 1270
    assert {"fullwidth", "thousands"} <= _codes(imported)
    header, rows = rows_of(ws, "dx_kpis")
    rows = replace_cells(rows, header, {"kpi_id": "working_hours_reduction"}, value="▲２３．５")
    imported = importer.read_path(write_csv(ws.root / "dx.csv", header, rows), "dx_kpis")
    assert _value(imported, {"kpi_id": "working_hours_reduction"}, "value") == -23.5
    assert "minus_mark" in _codes(imported)


def test_man_units_follow_the_unit_of_the_row(ws: Workspace) -> None:
    header, rows = rows_of(ws, "dx_kpis")
    rows = replace_cells(rows, header, {"kpi_id": "working_hours", "period": "FY2024"}, value="497.0万")
    rows = replace_cells(rows, header, {"kpi_id": "copy_output_sheets_base"}, value="300万")
    rows = replace_cells(rows, header, {"kpi_id": "line_friends"}, value="4.2万")
    imported = importer.read_path(write_csv(ws.root / "dx.csv", header, rows), "dx_kpis")
    assert _value(imported, {"kpi_id": "working_hours", "period": "FY2024"}, "value") == 497.0  # unit is 万時間
    assert _value(imported, {"kpi_id": "copy_output_sheets_base"}, "value") == 3_000_000
    assert _value(imported, {"kpi_id": "line_friends"}, "value") == 42_000
    assert {"man", "man_unit"} <= _codes(imported)
    header, rows = rows_of(ws, "population_outlook")
    rows = replace_cells(rows, header, {"year": "2040"}, population="25.5645万")
    imported = importer.read_path(write_csv(ws.root / "pop.csv", header, rows), "population_outlook")
    assert _value(imported, {"year": 2040}, "population") == 255_645  # exact: no float rounding


def test_percentages_with_a_percent_sign_and_excel_percent_cells(ws: Workspace) -> None:
    header, rows = rows_of(ws, "dx_kpis")
    rows = replace_cells(rows, header, {"kpi_id": "cashless_usage_rate"}, value="7.1%")
    rows = replace_cells(rows, header, {"kpi_id": "online_application_rate"}, value="２２．０％")
    imported = importer.read_path(write_csv(ws.root / "dx.csv", header, rows), "dx_kpis")
    assert _value(imported, {"kpi_id": "cashless_usage_rate"}, "value") == 7.1
    assert _value(imported, {"kpi_id": "online_application_rate"}, "value") == 22.0
    header, rows = rows_of(ws, "staff_survey")
    data: list[list[object]] = [list(r) for r in rows]
    data[0][header.index("share_pct")] = 0.56
    path = write_xlsx(ws.root / "survey.xlsx", header, data)
    wb = load_workbook(path)
    wb.active.cell(row=2, column=header.index("share_pct") + 1).number_format = "0%"
    wb.save(path)
    imported = importer.read_path(path, "staff_survey")
    assert _value(imported, {"question_id": "reform_progress"}, "share_pct") == 56.0
    assert "percent" in _codes(imported)


def test_wareki_years_and_fiscal_periods(ws: Workspace) -> None:
    header, rows = rows_of(ws, "facility_counts")
    rows = replace_cells(rows, header, {"year": "2021"}, year="R3")
    rows = replace_cells(rows, header, {"year": "2024"}, year="令和6年度")
    rows = replace_cells(rows, header, {"year": "2025"}, year="Ｒ７")
    imported = importer.read_path(write_csv(ws.root / "fc.csv", header, rows), "facility_counts")
    assert [r["year"] for r in imported.table.to_pylist()] == [2021, 2024, 2025]
    assert importer.compare(imported).empty
    header, rows = rows_of(ws, "initiatives")
    rows = replace_cells(rows, header, {"initiative_id": "okuyami_desk"}, fiscal_year="令和4年度")
    rows = replace_cells(rows, header, {"initiative_id": "facility_plan_revision"}, fiscal_year="R4年度")
    imported = importer.read_path(write_csv(ws.root / "init.csv", header, rows), "initiatives")
    assert importer.compare(imported).empty and "wareki" in _codes(imported)
    header, rows = rows_of(ws, "dx_kpis")
    rows = replace_cells(rows, header, {"kpi_id": "working_hours", "period": "FY2024"}, period="令和6年度", year="R6")
    rows = replace_cells(rows, header, {"kpi_id": "working_hours", "period": "FY2022"}, period="2022年度")
    imported = importer.read_path(write_csv(ws.root / "dx.csv", header, rows), "dx_kpis")
    assert importer.compare(imported).empty


def test_heisei_and_gannen() -> None:
    assert normalise._wareki_year("h30") == 2018
    assert normalise._wareki_year("平成31年") == 2019
    assert normalise._wareki_year("令和元年度") == 2019
    assert normalise._wareki_year("2019") is None


def test_trailing_spaces_in_ids_and_text(ws: Workspace) -> None:
    header, rows = rows_of(ws, "dx_kpis")
    rows = replace_cells(
        rows, header, {"kpi_id": "line_friends"}, kpi_id="line_friends ", pillar_id="\u3000citizen_dx", value=" 41000 "
    )
    imported = importer.read_path(write_csv(ws.root / "dx.csv", header, rows), "dx_kpis")
    assert _value(imported, {"kpi_id": "line_friends"}, "value") == 41_000
    diff = importer.compare(imported)
    assert diff.counts() == {"added": 0, "changed": 1, "removed": 0}
    assert diff.changed[0].changes == (("value", 40000.0, 41000.0),)


def test_blank_rows_are_ignored(ws: Workspace) -> None:
    _header, rows = rows_of(ws, "facility_counts")
    path = write_xlsx(
        ws.root / "fc.xlsx",
        _headers("facility_counts"),
        [rows[0], [None] * 8, rows[1], rows[2], [None] * 8, ["", " ", None, None, None, None, None, None]],
    )
    imported = importer.read_path(path, "facility_counts")
    assert imported.rows == 3 and imported.dropped_blank_rows == 3
    assert importer.compare(imported).empty


def test_excel_cells_numbers_and_dates(ws: Workspace) -> None:
    header, rows = rows_of(ws, "dx_kpis")
    data: list[list[object]] = [list(r) for r in rows]
    for row in data:
        row[header.index("year")] = int(row[header.index("year")])
        row[header.index("value")] = float(row[header.index("value")])
    line = next(i for i, r in enumerate(data) if r[0] == "line_friends")
    data[line][header.index("as_of")] = dt.datetime(2025, 5, 1)
    path = write_xlsx(ws.root / "dx.xlsx", header, data)
    wb = load_workbook(path)
    wb.active.cell(row=line + 2, column=header.index("as_of") + 1).number_format = "yyyy/m"  # shows a month
    wb.save(path)
    imported = importer.read_path(path, "dx_kpis")
    assert _value(imported, {"kpi_id": "line_friends"}, "as_of") == "2025-05"
    assert importer.compare(imported).empty


def test_dates_with_slashes_are_tidied(ws: Workspace) -> None:
    header, rows = rows_of(ws, "dx_kpis")
    rows = replace_cells(rows, header, {"kpi_id": "line_friends"}, as_of="2025/5")
    imported = importer.read_path(write_csv(ws.root / "dx.csv", header, rows), "dx_kpis")
    assert _value(imported, {"kpi_id": "line_friends"}, "as_of") == "2025-05"
    assert "date_form" in _codes(imported)


def test_template_sheets_headers_example_and_explanation(ws: Workspace) -> None:
    path = templates.write_template("dx_kpis", ws.root / "dx.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames[:3] == ["データ", "記入例", "説明"]
    data, sample, help_sheet = wb["データ"], wb["記入例"], wb["説明"]
    assert [c.value for c in data[1]] == _headers("dx_kpis")
    assert data.max_row >= 22 and data["A2"].value == "copy_output_index"
    assert data.freeze_panes == "A2"
    assert [c.value for c in sample[2]][:3] == ["copy_output_index", "work_efficiency", "2021"]
    text = "\n".join(str(c.value) for row in help_sheet.iter_rows() for c in row if c.value is not None)
    for expected in ("指標ID", "kpi_definitions の kpi_id に登録済みの値", "単位コード", "必須", "和暦", "万時間"):
        assert expected in text, expected
    # Generated from data/source/dx_kpis.meta.toml: English names, text limits and the dataset's own rules.
    for expected in ("KPI id", "文字まで", "データセット全体の規則", "指標定義", "期間（period）の形"):
        assert expected in text, expected
    assert any(v.type == "list" for v in data.data_validations.dataValidation)
    population = load_workbook(templates.write_template("population_outlook", ws.root / "p.xlsx"))["データ"]
    assert population["B1"].value == "人口（人）"
    empty = load_workbook(templates.write_template("facility_counts", ws.root / "e.xlsx", with_data=False))["データ"]
    assert empty["A2"].value is None


def test_a_filled_in_template_updates_the_dashboard_through_the_command(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    out = ws.root / "fc_template.xlsx"
    assert main(["template", "facility_counts", "--out", str(out)]) == 0
    assert "テンプレートを書き出しました" in capsys.readouterr().out
    wb = load_workbook(out)
    sheet = wb["データ"]
    sheet["B3"] = "１，２７０"  # 2024 corrected, typed the way people type
    sheet.append(["R8", "1,250", "actual", None, None, None, "iwaki_reform_report_vol5", "facility_management", 3])
    sheet.delete_rows(4)  # the 2025 "towards optimal" row is dropped
    wb.save(out)
    before = ws.published()

    assert main(["import", str(out), "--dataset", "facility_counts", "--dry-run"]) == 0
    dry = capsys.readouterr().out
    assert "追加 1行、変更 1行、削除 1行" in dry and "ドライラン" in dry
    assert "施設数 1281 → 1270" in dry and "和暦の年を西暦に直しました" in dry
    assert ws.published() == before

    assert main(["import", str(out), "--dataset", "facility_counts", "--yes"]) == 0
    assert "公開しました" in capsys.readouterr().out
    df = load_dataset("facility_counts").set_index("year")
    assert df.loc[2024, "facilities"] == 1270 and df.loc[2026, "facilities"] == 1250 and 2025 not in df.index
    assert ws.csv_rows("facility_counts")[1]["facilities"] == "1270"
    assert main(["check"]) == 0  # the source CSV was updated with the Parquet file

    assert main(["import", str(out), "--dataset", "facility_counts", "--yes"]) == 0
    assert "公開するものはありません" in capsys.readouterr().out


def test_import_without_yes_does_not_publish_when_nobody_can_confirm(
    ws: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    header, rows = rows_of(ws, "facility_counts")
    path = write_csv(ws.root / "fc.csv", header, replace_cells(rows, header, {"year": "2024"}, facilities="1270"))
    before = ws.snapshot()
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["import", str(path), "--dataset", "facility_counts"]) == 1
    assert "--yes" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert main(["import", str(path), "--dataset", "facility_counts"]) == 1
    assert ws.snapshot() == before
    monkeypatch.setattr("builtins.input", lambda prompt: "y")
    assert main(["import", str(path), "--dataset", "facility_counts"]) == 0
    assert load_dataset("facility_counts").set_index("year").loc[2024, "facilities"] == 1270


def test_english_messages_on_request(
    ws: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DASHBOARD_LANG", "en")
    header, rows = rows_of(ws, "facility_counts")
    path = write_csv(ws.root / "fc.csv", header, replace_cells(rows, header, {"year": "2024"}, facilities="-1"))
    assert main(["import", str(path), "--dataset", "facility_counts", "--yes"]) == 1
    err = capsys.readouterr().err
    assert "Value out of range: '-1' (fc.csv)" in err and "row 3, column '施設数' / facilities" in err


def test_float_values_survive_the_csv_round_trip(ws: Workspace) -> None:
    header, rows = rows_of(ws, "dx_kpis")
    rows = replace_cells(rows, header, {"kpi_id": "copy_output_index", "period": "2024"}, value="0.1")
    imported = importer.read_path(write_csv(ws.root / "dx.csv", header, rows), "dx_kpis")
    assert main(["import", str(ws.root / "dx.csv"), "--dataset", "dx_kpis", "--yes"]) == 0
    assert math.isclose(_value(imported, {"kpi_id": "copy_output_index", "period": "2024"}, "value"), 0.1)
    assert main(["check"]) == 0


def test_sheet_option_reads_another_sheet(ws: Workspace, tmp_path: Path) -> None:
    header, rows = rows_of(ws, "facility_counts")
    path = write_xlsx(tmp_path / "two.xlsx", header, rows, sheet="R7")
    wb = load_workbook(path)
    wb.create_sheet("メモ", 0)
    wb.save(path)
    assert importer.sheet_names(path.read_bytes()) == ["メモ", "R7"]
    imported = importer.read_path(path, "facility_counts", sheet="R7")
    assert imported.sheet == "R7" and importer.compare(imported).empty
