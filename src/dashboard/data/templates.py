"""Excel templates for staff updates: one .xlsx per dataset.

A template has:

- ``データ`` — Japanese headers (with the unit where it is fixed) and, by
  default, the rows published now, so that staff change what changed and add
  a row for the new year (importing replaces the whole dataset; the diff is
  shown before anything is published). Text columns are formatted as text so
  Excel keeps "2025-03" and "FY2024" as typed; columns with a fixed set of
  values get a drop-down list.
- ``記入例`` — the same headers with one example row taken from the published
  data (nothing invented).
- ``説明`` — one line per column: header, column name, unit, type, whether it is
  required, allowed values or range, explanation and the example value.
- ``選択肢`` (hidden) — the lists behind the drop-downs.

The sheet texts are the template's own content (data, like the headers in
:mod:`dashboard.data.headers`), written in Japanese for the staff who fill it in.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pyarrow as pa
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from dashboard import spreadsheet
from dashboard.data import atomic, paths, store
from dashboard.data.errors import DataError, os_error_code
from dashboard.data.headers import column_doc
from dashboard.data.importer import DATA_SHEET, MAX_IMPORT_BYTES, published_table
from dashboard.data.metadata import Check
from dashboard.data.schemas import DATE_FORMAT, PERIOD_FORMAT, SPECS, DatasetSpec

EXAMPLE_SHEET = "記入例"
HELP_SHEET = "説明"
LISTS_SHEET = "選択肢"
TEXT_ROWS = 500
"""Rows below the data pre-formatted as text in text columns (room for new rows)."""

_HEADER_FILL = PatternFill("solid", fgColor="DCEBF7")
_EXAMPLE_FILL = PatternFill("solid", fgColor="F3F6F9")
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")

_TYPE_LABELS = {"string": "文字", "int64": "整数", "double": "数値"}
_FORMAT_TEXT = {
    DATE_FORMAT: "2025、2025-03 または 2025-03-31 の形",
    PERIOD_FORMAT: "2024、FY2024、2025-03、FY2022-FY2024",
}
_HELP_COLUMNS = ("見出し", "列名", "英語の項目名", "単位", "型", "必須", "使える値・範囲", "説明", "例")


def _intro(name: str) -> list[str]:
    return [
        f"データセット「{SPECS[name].label_ja}」（{name}）の更新用テンプレート",
        f"「{DATA_SHEET}」シートの内容で、このデータセット全体を置き換えます（行を消すと、その行は公開データから削除されます）。",
        "1行目の見出しは変えずに、2行目から入力してください。セルの結合・数式は使えません（値として貼り付けてください）。",
        "全角数字、桁区切りのカンマ、「522.0万」、「6.4%」、和暦の年（R6、令和6年度、H30）は読み取って直します。",
        "取り込み：dashboard import このファイル.xlsx --dataset "
        f"{name} --dry-run（差分の確認）→ --dry-run を外して公開。管理画面からも取り込めます。",
        f"ファイルの大きさの上限は {MAX_IMPORT_BYTES // (1024 * 1024)} MB です。",
    ]


def _type_label(dtype: pa.DataType) -> str:
    return _TYPE_LABELS.get(str(dtype), str(dtype))


def _rule_text(spec: DatasetSpec, column: str) -> str:
    parts = []
    if column in spec.enums:
        parts.append("、".join(sorted(spec.enums[column])))
    if column in spec.ranges:
        lo, hi = spec.ranges[column]
        parts.append(f"{'' if lo is None else _num(lo)}〜{'' if hi is None else _num(hi)}")
    if column in spec.formats:
        parts.append(_FORMAT_TEXT[spec.formats[column]])
    if column in spec.references:
        ref_dataset, ref_column = spec.references[column]
        parts.append(f"{ref_dataset} の {ref_column} に登録済みの値")
    if column in spec.key:
        parts.append("キー（同じ組み合わせの行は1つだけ）")
    meta = spec.column(column)
    if meta.is_text:
        parts.append(f"{meta.length_limit}文字まで（制御文字は不可）")
    elif meta.max is None:
        parts.append(f"絶対値 {meta.magnitude:g} まで")
    return "／".join(parts)


def _where_text(where: dict[str, Any] | None) -> str:
    return "、".join(f"{k}={v}" for k, v in (where or {}).items()) or "すべて"


def _check_text(check: Check) -> str:
    """One dataset-level rule of the metadata, in words for the 説明 sheet."""
    where = _where_text(check.get("where"))
    texts = {
        "min_rows": f"{where} の行が {check.get('min')} 行以上"
        + (f"、{check.get('max')} 行まで" if check.get("max") is not None else "")
        + (f"（{check.get('needs')} に値があること）" if check.get("needs") else ""),
        "range_where": f"{where} の行の {check.get('column')} は {check.get('min', '')}〜{check.get('max', '')}",
        "not_above": f"{check.get('column')} は {check.get('limit')} 以下",
        "not_after_next_year": f"{where} の行の {check.get('column')} は来年まで（未来の実績は不可）",
        "period_fits_type": "期間（period）の形が期間の種類（period_type）に合い、年（year）が期間の年と一致",
        "matches_definition": f"{', '.join(check.get('columns', ()))} は {check.get('dataset')} の定義と一致",
        "has_rows": f"{where} の {check.get('column')} には {check.get('in_dataset')} に値の行があること",
        "survey_cells": "アンケートの形式の規則（docs/survey-format.md：回答数と割合を混在させない、回答者数は同じ値で回答数の合計以上、など）",
    }
    return texts.get(check.rule, check.rule)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _choices(spec: DatasetSpec, column: str) -> list[str]:
    """The values a drop-down offers: the enumeration, or the ids of the referenced dataset."""
    if column in spec.enums:
        return sorted(spec.enums[column])
    if column in spec.references:
        ref_dataset, ref_column = spec.references[column]
        try:
            return sorted(set(store.load(ref_dataset)[ref_column].dropna()))
        except Exception:
            return []
    return []


def _write_header(ws: Worksheet, spec: DatasetSpec, with_comments: bool) -> None:
    for j, column in enumerate(spec.columns, start=1):
        doc = column_doc(spec.name, column)
        cell = ws.cell(row=1, column=j, value=doc.header)
        cell.font, cell.fill, cell.alignment = _BOLD, _HEADER_FILL, _WRAP
        if with_comments:
            cell.comment = Comment(f"{doc.description}\n（列名：{column}）", "dashboard")
        width = max(len(doc.header) * 2 + 2, len(column) + 2, 10)
        ws.column_dimensions[get_column_letter(j)].width = min(width, 40)
    ws.freeze_panes = "A2"


def _write_rows(ws: Worksheet, spec: DatasetSpec, rows: list[dict[str, Any]], first_row: int) -> None:
    for i, row in enumerate(rows):
        for j, column in enumerate(spec.columns, start=1):
            value = row[column]
            cell = ws.cell(row=first_row + i, column=j, value=value)
            if pa.types.is_string(spec.schema.field(column).type):
                cell.number_format = "@"


def _text_format(ws: Worksheet, spec: DatasetSpec, start: int, stop: int) -> None:
    for j, column in enumerate(spec.columns, start=1):
        if pa.types.is_string(spec.schema.field(column).type):
            for r in range(start, stop):
                ws.cell(row=r, column=j).number_format = "@"


def _drop_downs(wb: Workbook, ws: Worksheet, spec: DatasetSpec, last_row: int) -> None:
    lists = wb.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    col = 0
    for j, column in enumerate(spec.columns, start=1):
        choices = _choices(spec, column)
        if not choices:
            continue
        col += 1
        letter = get_column_letter(col)
        lists.cell(row=1, column=col, value=column)
        for i, choice in enumerate(choices, start=2):
            lists.cell(row=i, column=col, value=choice)
        ref = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(choices) + 1}"
        validation = DataValidation(type="list", formula1=ref, allow_blank=True, showErrorMessage=False)
        validation.add(f"{get_column_letter(j)}2:{get_column_letter(j)}{last_row}")
        ws.add_data_validation(validation)


def _write_help(ws: Worksheet, spec: DatasetSpec, example: dict[str, Any] | None) -> None:
    for i, line in enumerate(_intro(spec.name), start=1):
        ws.cell(row=i, column=1, value=line).font = _BOLD if i == 1 else Font()
    top = len(_intro(spec.name)) + 2
    for j, text in enumerate(_HELP_COLUMNS, start=1):
        cell = ws.cell(row=top, column=j, value=text)
        cell.font, cell.fill = _BOLD, _HEADER_FILL
    for i, column in enumerate(spec.columns, start=top + 1):
        doc = column_doc(spec.name, column)
        required = "必須" if column in spec.not_null or column in spec.key else "任意"
        unit = doc.unit_label or ("同じ行の「単位コード」" if doc.unit_column else "")
        values = (
            doc.header,
            column,
            spec.column(column).label_en,
            unit,
            _type_label(spec.schema.field(column).type),
            required,
            _rule_text(spec, column),
            doc.description,
            None if example is None else example[column],
        )
        for j, value in enumerate(values, start=1):
            ws.cell(row=i, column=j, value=value).alignment = _WRAP
    for j, width in enumerate((22, 18, 22, 14, 8, 8, 36, 60, 24), start=1):
        ws.column_dimensions[get_column_letter(j)].width = width
    if spec.checks:
        below = top + len(spec.columns) + 2
        ws.cell(row=below, column=1, value="データセット全体の規則（画面が正しく表示されるための条件）").font = _BOLD
        for k, check in enumerate(spec.checks, start=1):
            ws.cell(row=below + k, column=1, value=f"・{_check_text(check)}")


def build_template(name: str, *, with_data: bool = True) -> bytes:
    """The .xlsx template of a dataset as bytes (with the published rows unless ``with_data`` is False)."""
    spec = SPECS[name]
    table = published_table(name)
    rows = table.to_pylist() if table is not None else []
    example = rows[0] if rows else None

    wb = Workbook()
    data = wb.active
    data.title = DATA_SHEET
    _write_header(data, spec, with_comments=True)
    shown = rows if with_data else []
    _write_rows(data, spec, shown, first_row=2)
    last_row = len(shown) + TEXT_ROWS
    _text_format(data, spec, len(shown) + 2, last_row + 1)

    sample = wb.create_sheet(EXAMPLE_SHEET)
    _write_header(sample, spec, with_comments=False)
    if example is not None:
        _write_rows(sample, spec, [example], first_row=2)
        for j in range(1, len(spec.columns) + 1):
            sample.cell(row=2, column=j).fill = _EXAMPLE_FILL

    _write_help(wb.create_sheet(HELP_SHEET), spec, example)
    _drop_downs(wb, data, spec, last_row)
    spreadsheet.safe_workbook(wb)  # published text is written as text, never as a formula
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_template(name: str, out: Path, *, with_data: bool = True, overwrite: bool = False) -> Path:
    """Write a dataset's template to ``out`` and return the path.

    Never inside the data folder (a template is not data), and never over an
    existing file unless ``overwrite``; the file appears whole or not at all.
    """
    target = out.expanduser().resolve()
    for folder in (paths.data_dir(), paths.source_dir(), paths.REPO_ROOT / "data"):
        root = folder.resolve()
        if target == root or target.is_relative_to(root):
            raise DataError("inside_data", out, expected=str(folder))
    if target.exists() and not overwrite:
        raise DataError("file_exists", out)
    content = build_template(name, with_data=with_data)
    try:
        atomic.write_bytes(target, content, mode=0o644, exclusive=not overwrite)
    except FileExistsError:
        raise DataError("file_exists", out) from None
    except OSError as exc:
        raise DataError(os_error_code(exc), out, exc.strerror or str(exc)) from None
    return out
