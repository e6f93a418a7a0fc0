"""Reading files safely: caps before loading, hidden and encrypted content named, one encoding per file,
every OS and parser error a Japanese message (never a traceback), nothing outside its place.
"""

from __future__ import annotations

import errno
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from import_util import Workspace, rows_of, write_csv
from openpyxl import Workbook
from test_import_bad_input import _headers, expect_rejected

from bench.import_caps import workbook
from dashboard.cli import main
from dashboard.data import DataError, importer, paths, publish, xlsx

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="データ" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_BOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
_SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def cell_bomb(path: Path, rows: int = 100_000, columns: int = 128, dimension: str | None = "A1:DX100000") -> Path:
    """A small .xlsx whose one sheet unpacks to rows × columns cells (the benchmark's builder, written as a stream)."""
    return workbook(path, rows, columns, dimension)


def small_sheet(path: Path, sheet_xml: str, workbook: str = _WORKBOOK) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return path


# --- caps before loading -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return cell_bomb(tmp_path_factory.mktemp("bomb") / "bomb.xlsx")


def test_a_12_8_million_cell_workbook_is_refused_from_its_zip_directory(ws: Workspace, capsys, bomb: Path) -> None:
    assert bomb.stat().st_size < 2 * 1024 * 1024  # a few hundred kilobytes on disk
    with zipfile.ZipFile(bomb) as archive:
        assert archive.getinfo("xl/worksheets/sheet1.xml").file_size > 150 * 1024 * 1024
    # The zip directory alone says it unpacks to ~185 MB: refused before a single cell is parsed.
    expect_rejected(ws, capsys, bomb, "facility_counts", "file_too_large", says=("185",))


def test_one_oversized_part_is_refused_from_the_zip_directory(ws: Workspace, capsys, tmp_path: Path) -> None:
    path = cell_bomb(tmp_path / "part.xlsx", rows=20_000, columns=100, dimension=None)
    with zipfile.ZipFile(path) as archive:
        assert xlsx.MAX_PART_BYTES < archive.getinfo("xl/worksheets/sheet1.xml").file_size < xlsx.MAX_UNCOMPRESSED_BYTES
    expect_rejected(ws, capsys, path, "facility_counts", "excel_part_too_large", says=("sheet1.xml",))


def test_a_declared_dimension_over_the_cap_is_refused_before_any_cell_is_read(ws: Workspace, capsys) -> None:
    sheet = (
        _SHEET_HEAD
        + '<dimension ref="A1:DX100000"/><sheetData><row r="1"><c t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>'
    )
    path = small_sheet(ws.root / "declared.xlsx", sheet)
    exc = expect_rejected(ws, capsys, path, "facility_counts", "too_many_cells", says=("12,800,000",))
    assert exc.sheet == "データ"


def test_a_lying_dimension_is_caught_by_counting_while_streaming(ws: Workspace, capsys, tmp_path: Path) -> None:
    path = cell_bomb(tmp_path / "lying.xlsx", rows=3_000, columns=100, dimension="A1:B2")
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("xl/worksheets/sheet1.xml").file_size < xlsx.MAX_PART_BYTES
    expect_rejected(ws, capsys, path, "facility_counts", "too_many_cells")


def test_an_encrypted_workbook_is_named(ws: Workspace, capsys) -> None:
    path = ws.root / "保護.xlsx"
    path.write_bytes(xlsx.OLE_MAGIC + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 1024)
    expect_rejected(ws, capsys, path, "facility_counts", "encrypted_workbook", says=("パスワード",))


def test_a_hidden_data_sheet_is_named(ws: Workspace, capsys) -> None:
    _header, rows = rows_of(ws, "facility_counts")
    wb = Workbook()
    visible = wb.active
    visible.title = "メモ"
    data = wb.create_sheet("データ")
    data.append(_headers("facility_counts"))
    for row in rows:
        data.append(row)
    data.sheet_state = "hidden"
    path = ws.root / "hidden.xlsx"
    wb.save(path)
    expect_rejected(ws, capsys, path, "facility_counts", "hidden_sheet", says=("「データ」は非表示",))


def _facility_counts_book(ws: Workspace) -> tuple[Workbook, Any]:
    """A workbook whose sheet 「データ」 holds the published facility counts under the template's headers."""
    _header, rows = rows_of(ws, "facility_counts")
    wb = Workbook()
    sheet = wb.active
    sheet.title = "データ"
    sheet.append(_headers("facility_counts"))
    for row in rows:
        sheet.append(row)
    return wb, sheet


def test_hidden_rows_are_refused_and_listed(ws: Workspace, capsys) -> None:
    wb, sheet = _facility_counts_book(ws)
    sheet.row_dimensions[3].hidden = True
    path = ws.root / "rows.xlsx"
    wb.save(path)
    expect_rejected(ws, capsys, path, "facility_counts", "hidden_rows", row=3, says=("非表示の行があります：3行目",))


def _sheet_with_hidden_columns(ws: Workspace, letters: str, *, fill_hidden: bool) -> Path:
    """facility_counts with an extra column at ``letters`` hidden; filled with a value on row 3 when asked."""
    wb, sheet = _facility_counts_book(ws)
    first = letters.split(":")[0]
    if fill_hidden:
        sheet[f"{first}3"] = "見えないメモ"
    sheet.column_dimensions.group(*letters.split(":"), hidden=True)
    path = ws.root / "cols.xlsx"
    wb.save(path)
    return path


def test_a_hidden_column_holding_a_value_is_refused_with_its_cell(ws: Workspace, capsys) -> None:
    path = _sheet_with_hidden_columns(ws, "M:N", fill_hidden=True)
    exc = expect_rejected(
        ws, capsys, path, "facility_counts", "hidden_columns", row=3, says=("非表示の列 M に値があります",)
    )
    assert exc.cell == "M3", exc


def test_hidden_empty_columns_are_accepted_as_excel_users_hide_unused_ones(ws: Workspace) -> None:
    path = _sheet_with_hidden_columns(ws, "M:XFD", fill_hidden=False)
    assert importer.read_path(path, "facility_counts") is not None


def test_a_truncated_workbook_is_a_message(ws: Workspace, capsys, tmp_path: Path) -> None:
    header, _rows = rows_of(ws, "facility_counts")
    wb = Workbook()
    wb.active.append(header)
    buffer = io.BytesIO()
    wb.save(buffer)
    path = ws.root / "truncated.xlsx"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    expect_rejected(ws, capsys, path, "facility_counts", "not_excel")


def test_broken_sheet_xml_is_a_message(ws: Workspace, capsys) -> None:
    path = small_sheet(ws.root / "broken.xlsx", _SHEET_HEAD + "<sheetData><row r='1'><c><v>1</v></row>")
    expect_rejected(ws, capsys, path, "facility_counts", "excel_damaged")


def test_broken_workbook_xml_is_a_message(ws: Workspace, capsys) -> None:
    path = small_sheet(ws.root / "broken.xlsx", _SHEET_HEAD + "<sheetData/></worksheet>", workbook="<workbook><sheets>")
    expect_rejected(ws, capsys, path, "facility_counts", "excel_damaged")


# --- one encoding per CSV -----------------------------------------------------------------------


def test_a_csv_mixing_utf8_and_shift_jis_is_refused_naming_the_line(ws: Workspace, capsys) -> None:
    header, rows = rows_of(ws, "initiatives")
    lines = [",".join(header)] + [",".join(f'"{v}"' for v in r) for r in rows[:3]]
    data = b"\r\n".join(
        line.encode("cp932") if i == 3 else line.encode("utf-8") for i, line in enumerate(lines, start=1)
    )
    path = ws.root / "mixed.csv"
    path.write_bytes(data)
    expect_rejected(ws, capsys, path, "initiatives", "mixed_encoding", row=3, says=("3行目", "UTF-8"))


def test_a_shift_jis_file_is_still_read_as_a_whole(ws: Workspace) -> None:
    header, rows = rows_of(ws, "initiatives")
    path = write_csv(ws.root / "sjis.csv", header, rows, encoding="cp932")
    imported = importer.read_path(path, "initiatives")
    assert imported.encoding == "cp932" and importer.compare(imported).empty


# --- formulas in text, after whitespace ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('  =HYPERLINK("http://example.com","x")', "formula_cell"),
        ("\t=1+1", "formula_cell"),
        ("@SUM(A1:A2)", "formula_text"),
        (" -cmd|' /C calc'!A0", "formula_text"),
        ("+HYPERLINK(1)", "formula_text"),
    ],
)
def test_formula_like_text_is_refused_after_trimming(ws: Workspace, capsys, text: str, code: str) -> None:
    header, rows = rows_of(ws, "initiatives")
    rows[0][header.index("name_en")] = text
    path = write_csv(ws.root / "formula.csv", header, rows)
    expect_rejected(ws, capsys, path, "initiatives", code, row=2, column="name_en")


def test_negative_numbers_and_signed_prose_are_not_formulas(ws: Workspace) -> None:
    header, rows = rows_of(ws, "dx_kpis")
    negative = [r for r in rows if r[header.index("value")].startswith("-")]
    assert negative  # the shipped data has decreases such as -23.5
    rows[0][header.index("note_en")] = "-5 sheets a month"
    imported = importer.read_path(write_csv(ws.root / "dx.csv", header, rows), "dx_kpis")
    assert imported.rows == len(rows)


# --- OS errors -----------------------------------------------------------------------------------


def test_a_folder_given_as_the_file_is_a_message(ws: Workspace, capsys) -> None:
    folder = ws.root / "a_folder.csv"
    folder.mkdir()
    expect_rejected(ws, capsys, folder, "facility_counts", "is_directory")


def test_an_unreadable_file_is_a_message(ws: Workspace, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    header, rows = rows_of(ws, "facility_counts")
    path = write_csv(ws.root / "locked.csv", header, rows)

    def denied(self: Path) -> bytes:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(DataError) as err:
        importer.read_path(path, "facility_counts")
    assert err.value.code == "permission_denied"


@pytest.mark.parametrize(("number", "code"), [(errno.ENOSPC, "disk_full"), (errno.EROFS, "read_only")])
def test_disk_full_or_read_only_while_publishing_is_a_message_and_nothing_changes(
    ws: Workspace, capsys, monkeypatch: pytest.MonkeyPatch, number: int, code: str
) -> None:
    header, rows = rows_of(ws, "facility_counts")
    rows[0][header.index("facilities")] = "1317"
    path = write_csv(ws.root / "facilities.csv", header, rows)
    before = ws.published()

    def fail(*args: object, **kwargs: object) -> Path:
        raise OSError(number, "simulated", str(ws.data / "history"))

    monkeypatch.setattr(publish, "_write_version", fail)
    capsys.readouterr()
    assert main(["import", str(path), "--dataset", "facility_counts", "--yes"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and ("ディスク" in err or "読み取り専用" in err), err
    with pytest.raises(DataError) as exc:
        publish.publish(importer.read_path(path, "facility_counts"), actor="t")
    assert exc.value.code == code
    assert ws.published() == before


# --- history and journal -------------------------------------------------------------------------


def _publish_once(ws: Workspace) -> publish.Version:
    header, rows = rows_of(ws, "facility_counts")
    rows[0][header.index("facilities")] = "1317"
    path = write_csv(ws.root / "facilities.csv", header, rows)
    return publish.publish(importer.read_path(path, "facility_counts"), actor="t")


def test_a_damaged_journal_is_a_message(ws: Workspace, capsys) -> None:
    _publish_once(ws)
    (ws.data / "history" / "facility_counts" / publish.JOURNAL).write_text("{not json", encoding="utf-8")
    with pytest.raises(DataError) as err:
        publish.history("facility_counts")
    assert err.value.code == "journal_unreadable"
    capsys.readouterr()
    assert main(["history", "facility_counts"]) == 1
    err_text = capsys.readouterr().err
    assert "壊れています" in err_text and "Traceback" not in err_text


def test_a_journal_naming_a_path_outside_the_history_is_refused(ws: Workspace) -> None:
    _publish_once(ws)
    journal = ws.data / "history" / "facility_counts" / publish.JOURNAL
    journal.write_text('{"version": "../../../etc", "previous": null}', encoding="utf-8")
    with pytest.raises(DataError) as err:
        publish.history("facility_counts")
    assert err.value.code == "journal_unreadable"


def test_a_damaged_history_record_is_a_message(ws: Workspace, capsys) -> None:
    version = _publish_once(ws)
    (ws.data / "history" / "facility_counts" / version.version / publish.RECORD).write_text("[]", encoding="utf-8")
    capsys.readouterr()
    assert main(["history", "facility_counts"]) == 1
    assert "履歴を読み込めません" in capsys.readouterr().err


def test_rollback_verifies_the_archived_files_against_their_record(ws: Workspace, capsys) -> None:
    version = _publish_once(ws)
    assert version.replaces is not None
    archived = ws.data / "history" / "facility_counts" / version.replaces / "facility_counts.csv"
    archived.write_bytes(archived.read_bytes().replace(b"1316", b"9999"))
    before = ws.published()
    with pytest.raises(DataError) as err:
        publish.rollback("facility_counts", version.replaces, actor="t")
    assert err.value.code == "checksum_mismatch"
    capsys.readouterr()
    assert main(["rollback", "facility_counts", version.replaces]) == 1
    assert "記録と一致しません" in capsys.readouterr().err
    assert ws.published() == before


def test_a_history_folder_linked_outside_data_history_is_refused(ws: Workspace, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (ws.data / "history").mkdir(exist_ok=True)
    (ws.data / "history" / "facility_counts").symlink_to(outside, target_is_directory=True)
    with pytest.raises(DataError) as err:
        publish.history("facility_counts")
    assert err.value.code == "outside_history"


# --- nothing outside its place -----------------------------------------------------------------


def test_template_never_overwrites_without_force(ws: Workspace, capsys) -> None:
    target = ws.root / "施設数.xlsx"
    target.write_bytes(b"my own notes")
    capsys.readouterr()
    assert main(["template", "facility_counts", "--out", str(target)]) == 1
    assert "--force" in capsys.readouterr().err
    assert target.read_bytes() == b"my own notes"
    assert main(["template", "facility_counts", "--out", str(target), "--force"]) == 0
    assert target.read_bytes().startswith(b"PK")


@pytest.mark.parametrize("where", ["data", "source", "repo"])
def test_template_never_writes_inside_the_data_folder(ws: Workspace, capsys, where: str) -> None:
    folder = {"data": ws.data, "source": ws.source, "repo": paths.REPO_ROOT / "data"}[where]
    target = folder / "facility_counts_template.xlsx"
    before = ws.snapshot()
    capsys.readouterr()
    assert main(["template", "facility_counts", "--out", str(target)]) == 1
    assert "データのフォルダー" in capsys.readouterr().err
    assert not target.exists() and ws.snapshot() == before
