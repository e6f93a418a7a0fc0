"""The staff-survey template: an Excel/CSV file staff fill in with the full survey results, and its loading.

The template is the ``staff_survey`` dataset itself (same columns, same rules,
see docs/survey-format.md): the rows already published are copied in, and for
the new wave one row per question × group × answer option is prepared with
the count left blank. Staff type the counts (and the number of respondents);
nothing else has to be typed. Because the file holds the complete dataset, it
can be published either with this module (``apply``) or with the generic
importer, which accepts the English column names as headers. Either way it
goes through the same publishing step (``dashboard.data.publish``): the new
version is recorded in the history and can be rolled back
(``python -m dashboard.data history`` / ``rollback``).

Command line::

    python -m dashboard.data.survey_template template OUT.xlsx|OUT.csv [--wave 2025-03]
        [--question ID=設問文[=English]] [--group DIM=値1,値2,...] [--scale 5|4] [--source-id ID]
    python -m dashboard.data.survey_template check FILE      # validate a filled-in template
    python -m dashboard.data.survey_template apply FILE      # validate and publish (history kept, rollback works)

When the new wave is already in the data as published shares (March 2025),
those share-only rows of the same questions are left out of the template: the
full counts replace them (a cell cannot mix counts and bare shares).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from dashboard import spreadsheet
from dashboard.data import importer, paths, publish, store
from dashboard.data.errors import DataError
from dashboard.data.schemas import spec
from dashboard.data.validate import check_rules, to_table
from dashboard.i18n import t
from dashboard.metrics.survey import ALL, CELL, Problem, format_problems

DATASET = "staff_survey"
DATA_SHEET = "data"
FILL_COLUMNS = ("count", "respondents")
"""The columns staff fill in; highlighted in the Excel template."""
DEFAULT_SOURCE_ID = "iwaki_staff_survey"
"""Source id suggested for the city's own tabulation; it must be declared in data/source/sources.csv."""


@dataclass(frozen=True)
class ScaleOption:
    """One answer option of a Likert scale."""

    option_id: str
    order: int
    label_ja: str
    label_en: str
    score: int


_FIVE_POINTS = (
    ("strongly_agree", "そう思う", "Strongly agree", 2),
    ("agree", "ややそう思う", "Somewhat agree", 1),
    ("neutral", "どちらともいえない", "Neither agree nor disagree", 0),
    ("disagree", "あまりそう思わない", "Somewhat disagree", -1),
    ("strongly_disagree", "そう思わない", "Strongly disagree", -2),
)
SCALES: dict[int, tuple[ScaleOption, ...]] = {
    points: tuple(
        ScaleOption(option_id, order, ja, en, score)
        for order, (option_id, ja, en, score) in enumerate(
            (o for o in _FIVE_POINTS if points == 5 or o[3] != 0), start=1
        )
    )
    for points in (5, 4)
}
"""Suggested scales; the real questionnaire's wording replaces these labels in the filled-in file."""

COLUMN_DOCS: dict[str, tuple[str, str, str]] = {
    "wave": ("調査回", "必須", "調査の回を表す年月（例：2025-03）。同じ調査の行はすべて同じ値。"),
    "survey_date": ("調査時期", "任意", "調査を行った時期（2025-03 または 2025-03-15）。"),
    "question_id": (
        "設問ID",
        "必須",
        "設問を表す半角英数字のID（例：reform_progress）。回が変わっても同じ設問は同じID。",
    ),
    "question_ja": ("設問文（日本語）", "必須", "設問の文言をそのまま。"),
    "question_en": ("設問文（英語）", "任意", "設問の英訳。空欄なら英語表示でも日本語を表示。"),
    "option_id": (
        "選択肢ID",
        "必須",
        "選択肢を表す半角英数字のID（例：agree）。同じ設問では回が変わっても同じ選択肢は同じID。",
    ),
    "option_order": ("選択肢の順", "任意", "調査票での選択肢の並び順（1, 2, 3 …）。"),
    "option_ja": ("選択肢（日本語）", "任意", "選択肢の文言（例：ややそう思う）。"),
    "option_en": ("選択肢（英語）", "任意", "選択肢の英訳。"),
    "likert_score": (
        "得点",
        "任意",
        "賛成側を正、反対側を負とする得点（-3〜3。5段階なら 2,1,0,-1,-2、中間は0）。"
        "「わからない」「無回答」などは空欄。",
    ),
    "group_dim": (
        "集計区分",
        "必須",
        "集計の切り口：全体は all、部署別は department、年代別は age_band、職位別は position など。",
    ),
    "group_value": ("区分の値", "必須", "区分の値：全体は all、それ以外は部署名・年代（例：30代）・職位名など。"),
    "count": ("回答数", "記入", "その選択肢を選んだ人数（0以上の整数）。0人も空欄にせず 0 と記入。"),
    "share_pct": (
        "割合（％）",
        "任意",
        "回答数がなく割合だけが分かる場合（公表値など）に記入（0〜100）。回答数を記入した行は空欄でよい。",
    ),
    "respondents": (
        "回答者数",
        "記入",
        "その設問・区分の回答者数（同じ設問・区分の行にはすべて同じ値）。空欄なら回答数の合計。",
    ),
    "source_id": ("出典ID", "必須", "出典一覧（data/source/sources.csv）に登録した出典ID。"),
    "section": ("レポートの見出し", "任意", "公表資料の場合、数値が載っている見出しのID（report_sections）。"),
    "page": ("ページ", "任意", "出典のページ番号（公表資料でページを確かめた場合）。"),
}
"""Japanese label, whether staff must/may fill it, and explanation of every column (the template's 説明 sheet)."""


def _blank_rows(df: pd.DataFrame) -> pd.Series:
    """Rows with neither a count nor a share."""
    return df["count"].map(_is_blank) & df["share_pct"].map(_is_blank)


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value) or str(value).strip() == ""


def template_frame(
    existing: pd.DataFrame,
    wave: str,
    questions: Sequence[tuple[str, str, str]],
    groups: dict[str, Sequence[str]] | None = None,
    scale: int = 5,
    source_id: str = DEFAULT_SOURCE_ID,
    survey_date: str | None = None,
) -> pd.DataFrame:
    """The rows of a template: the existing data plus one blank row per question × group × option of ``wave``.

    ``questions`` are (question_id, wording ja, wording en); ``groups`` maps a
    dimension (``department`` …) to its values; the whole survey (``all``) is
    always included. Existing share-only rows of the same wave and questions
    are left out because the counts replace them.
    """
    columns = spec(DATASET).columns
    ids = {q for q, _, _ in questions}
    replaced = (existing["wave"] == wave) & existing["question_id"].isin(ids) & existing["count"].map(_is_blank)
    keep = existing.loc[~replaced, columns]
    dims: list[tuple[str, str]] = [(ALL, ALL)] + [(d, v) for d, values in (groups or {}).items() for v in values]
    rows = []
    for question_id, wording_ja, wording_en in questions:
        for dim, value in dims:
            for option in SCALES[scale]:
                rows.append(
                    {
                        "wave": wave,
                        "survey_date": survey_date or wave,
                        "question_id": question_id,
                        "question_ja": wording_ja,
                        "question_en": wording_en or None,
                        "option_id": option.option_id,
                        "option_order": option.order,
                        "option_ja": option.label_ja,
                        "option_en": option.label_en,
                        "likert_score": option.score,
                        "group_dim": dim,
                        "group_value": value,
                        "count": None,
                        "share_pct": None,
                        "respondents": None,
                        "source_id": source_id,
                        "section": None,
                        "page": None,
                    }
                )
    new = pd.DataFrame(rows, columns=columns)
    return pd.concat([keep.astype(object), new.astype(object)], ignore_index=True)


def _cell_text(value: object) -> str | None:
    """A template value as the text the source CSV stores (whole numbers without ``.0``)."""
    if _is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def write_template(frame: pd.DataFrame, target: Path) -> Path:
    """Write the template as ``.xlsx`` (data, 説明 and 選択肢の例 sheets) or as ``.csv`` (UTF-8 with BOM)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    text = frame.map(_cell_text)
    if target.suffix.lower() == ".csv":
        target.write_bytes(spreadsheet.safe_frame(text).to_csv(index=False).encode("utf-8-sig"))
        return target
    book = Workbook()
    sheet = book.active
    sheet.title = DATA_SHEET
    columns = list(frame.columns)
    sheet.append(columns)
    numeric = {"option_order", "likert_score", "count", "share_pct", "respondents", "page"}
    for row in text.itertuples(index=False):
        sheet.append([_number(v) if c in numeric else v for c, v in zip(columns, row, strict=True)])
    fill = PatternFill("solid", fgColor="FFF2CC")
    for idx, column in enumerate(columns, start=1):
        letter = get_column_letter(idx)
        sheet.column_dimensions[letter].width = 34 if column.startswith(("question", "option_ja", "option_en")) else 14
        sheet.cell(row=1, column=idx).font = Font(bold=True)
        if column in FILL_COLUMNS:
            sheet.cell(row=1, column=idx).fill = fill
            for r in range(2, len(frame) + 2):
                if sheet.cell(row=r, column=idx).value is None:
                    sheet.cell(row=r, column=idx).fill = fill
            rule = DataValidation(
                type="whole",
                operator="greaterThanOrEqual",
                formula1="0",
                allow_blank=True,
                error="0以上の整数を入力してください",
                showErrorMessage=True,
            )
            rule.add(f"{letter}2:{letter}{len(frame) + 1}")
            sheet.add_data_validation(rule)
    sheet.freeze_panes = "A2"
    docs = book.create_sheet("説明")
    docs.append(["列名", "項目", "記入", "説明"])
    for column in columns:
        label, need, note = COLUMN_DOCS[column]
        docs.append([column, label, need, note])
    for letter, width in zip("ABCD", (16, 20, 8, 90), strict=True):
        docs.column_dimensions[letter].width = width
    for cell in docs[1]:
        cell.font = Font(bold=True)
    for row in docs.iter_rows(min_row=2):
        row[3].alignment = Alignment(wrap_text=True, vertical="top")
    scales = book.create_sheet("選択肢の例")
    scales.append(["段階", "option_id", "option_order", "option_ja", "option_en", "likert_score"])
    for points, options in SCALES.items():
        for option in options:
            scales.append([points, option.option_id, option.order, option.label_ja, option.label_en, option.score])
    spreadsheet.safe_workbook(book)  # question and option texts stay text, never formulas
    book.save(target)
    return target


def _number(value: str | None) -> int | float | None:
    if value is None:
        return None
    number = float(value)
    return int(number) if number.is_integer() else number


def read_filled(path: Path) -> pd.DataFrame:
    """A filled-in template as text cells in the dataset's columns, with unfilled prepared rows dropped.

    The index is each row's 0-based position below the header in the file. Reads ``.xlsx`` (sheet ``data``) or ``.csv`` (UTF-8, with or without BOM).
    Raises :class:`DataError` when the file cannot be read.
    """
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except (OSError, ValueError, KeyError) as exc:
            raise DataError("unreadable", path, str(exc)) from None
        if DATA_SHEET not in book.sheetnames:
            raise DataError("unreadable", path, f"sheet '{DATA_SHEET}' not found")
        values = list(book[DATA_SHEET].iter_rows(values_only=True))
        book.close()
        if not values:
            raise DataError("unreadable", path, "empty sheet")
        header = [str(h).strip() if h is not None else "" for h in values[0]]
        keep = [i for i, h in enumerate(header) if h]
        frame = pd.DataFrame(
            [[_cell_text(r[i]) if i < len(r) else None for i in keep] for r in values[1:]],
            columns=[header[i] for i in keep],
            dtype=object,
        )
    else:
        frame = store.read_source_csv(path, spec(DATASET)).astype(object)
        frame = frame.map(_cell_text)
    # The index keeps each row's position in the file, so messages name the line staff see.
    frame = frame[~frame.isna().all(axis=1)]
    if {"count", "share_pct", *CELL} <= set(frame.columns):
        # A group left completely blank was not filled in and is skipped; a blank
        # count beside filled ones is kept, so the check reports it (never read as 0).
        blank = _blank_rows(frame)
        whole = blank.groupby([frame[c].fillna("") for c in CELL]).transform("all")
        frame = frame[~(blank & whole)]
    return frame


def check(
    frame: pd.DataFrame, path: Path | str, known_sources: set[str] | None = None, existing: pd.DataFrame | None = None
) -> list[str]:
    """Every problem of a filled-in template as a Japanese message (empty = ready to publish).

    Schema and rules first (the same checks as the Parquet build), then the
    survey format's own rules (:func:`dashboard.metrics.survey.format_problems`),
    when given that every ``source_id`` is declared, and that no question of a
    wave in the ``existing`` data would disappear (a template for the published
    wave leaves its shares out; left unfilled, publishing it would lose them).
    """
    dataset = spec(DATASET)
    lines = list(frame.index)
    try:
        table = to_table(frame.reset_index(drop=True), dataset, path)
        check_rules(table.to_pandas(), dataset, path)
    except DataError as exc:
        if exc.row is not None:
            exc.row = int(lines[exc.row])
        return [_data_error_text(exc)]
    df = table.to_pandas()
    messages = [_problem_text(p, lines) for p in format_problems(df)]
    if known_sources is not None:
        for source_id in sorted(set(df["source_id"]) - known_sources):
            messages.append(t("survey.problem.unknown_source", detail=source_id))
    if existing is not None:
        kept = set(zip(df["wave"], df["question_id"], strict=True))
        for wave, question in sorted(set(zip(existing["wave"], existing["question_id"], strict=True)) - kept):
            messages.append(t("survey.problem.would_remove", detail=f"{wave} / {question}"))
    return messages


def _data_error_text(exc: DataError) -> str:
    message = t(f"data_error.{exc.code}", path=str(exc.path), detail=exc.detail)
    if exc.row is not None or exc.column is not None:
        # +2: the header is line 1 of the file and rows count from 0.
        message += t("data_error.where", row=(exc.row + 2) if exc.row is not None else "—", column=exc.column or "—")
    return message


def _problem_text(problem: Problem, lines: list[int]) -> str:
    where = t("survey.problem.row", row=int(lines[problem.row]) + 2) if problem.row is not None else ""
    return t(f"survey.problem.{problem.code}", detail=problem.detail) + where


def known_source_ids() -> set[str]:
    """Source ids declared in the published ``sources`` dataset."""
    return set(store.load("sources")["source_id"])


def apply(path: Path, actor: str | None = None) -> tuple[Path | None, list[str]]:
    """Validate a filled-in template and publish it as a new version of ``staff_survey``.

    Returns the published Parquet path and an empty list, or (nothing
    written) the problems found; the published files are untouched when
    anything is wrong, including a file that would drop a question already
    published. The rows are then published by
    :func:`dashboard.data.publish.publish` (which checks them again with the
    importer's rules), so the change is in
    the history (``via`` = ``survey_template``) and can be rolled back. A file
    identical to the published data publishes nothing.
    """
    frame = read_filled(path)
    problems = check(frame, path, known_source_ids(), store.load(DATASET))
    if problems:
        return None, problems
    table = to_table(frame[spec(DATASET).columns].reset_index(drop=True), spec(DATASET), path)
    imported = importer.Imported(
        dataset=DATASET,
        origin=path.name,
        table=table,
        notes=(),
        input_sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        file_format=path.suffix.lower().lstrip(".") or "template",
    )
    unchanged = importer.diff_tables(spec(DATASET), importer.published_table(DATASET), imported.table).counts()
    if any(unchanged.values()):
        publish.publish(imported, actor=actor or publish.default_actor(), via="survey_template")
    return paths.parquet_path(DATASET), []


def _parse_question(text: str) -> tuple[str, str, str]:
    parts = text.split("=")
    if len(parts) < 2 or not parts[0].strip() or not parts[1].strip():
        raise argparse.ArgumentTypeError(f"--question ID=wording[=English]: {text!r}")
    return parts[0].strip(), parts[1].strip(), "=".join(parts[2:]).strip()


def _parse_group(text: str) -> tuple[str, list[str]]:
    dim, _, values = text.partition("=")
    items = [v.strip() for v in values.split(",") if v.strip()]
    if not dim.strip() or not items or dim.strip() == ALL:
        raise argparse.ArgumentTypeError(f"--group DIM=value1,value2: {text!r}")
    return dim.strip(), items


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m dashboard.data.survey_template``; returns the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.data.survey_template",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p_template = sub.add_parser("template", help="write a template to fill in (.xlsx or .csv)")
    p_template.add_argument("out", type=Path)
    p_template.add_argument("--wave", default="2025-03", help="survey wave YYYY-MM (default 2025-03)")
    p_template.add_argument("--date", default=None, help="survey date (default: the wave)")
    p_template.add_argument(
        "--question",
        action="append",
        type=_parse_question,
        default=None,
        help="ID=wording[=English]; default: the questions already in the data",
    )
    p_template.add_argument(
        "--group",
        action="append",
        type=_parse_group,
        default=None,
        help="DIM=value1,value2 (e.g. department=総務部,財政部); repeatable",
    )
    p_template.add_argument("--scale", type=int, choices=sorted(SCALES), default=5)
    p_template.add_argument("--source-id", default=DEFAULT_SOURCE_ID)
    for name, help_text in (("check", "validate a filled-in template"), ("apply", "validate and publish it")):
        sub.add_parser(name, help=help_text).add_argument("file", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.command == "template":
            existing = store.load(DATASET)
            questions = args.question or list(
                existing[["question_id", "question_ja", "question_en"]]
                .drop_duplicates("question_id")
                .itertuples(index=False, name=None)
            )
            frame = template_frame(
                existing, args.wave, questions, dict(args.group or []), args.scale, args.source_id, args.date
            )
            written = write_template(frame, args.out)
            print(f"wrote {written} ({len(frame)} rows; fill in: {', '.join(FILL_COLUMNS)})")
            return 0
        frame = read_filled(args.file)
        if args.command == "check":
            problems = check(frame, args.file, known_source_ids(), store.load(DATASET))
        else:
            target, problems = apply(args.file)
        for message in problems:
            print(message, file=sys.stderr)
        if problems:
            return 1
        print(f"ok: {len(frame)} rows" + (f" → {target}" if args.command == "apply" else ""))
        return 0
    except DataError as exc:
        print(_data_error_text(exc), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
