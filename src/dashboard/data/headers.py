"""The Japanese column headers of every dataset, for staff templates and imports.

This is data, not interface text: the headers staff see in the Excel
templates, the unit written beside each and a one-line explanation of the
column. The importer accepts either the Japanese header (with or without its
unit) or the English column name, so a template filled in Excel and a CSV
exported from ``data/source/`` both import.

Each column may also say how staff values are normalised: ``year`` columns
accept 和暦 (R6, 令和6年度, H30), ``period`` columns accept 和暦 fiscal years,
and numeric columns know their unit (fixed, or read from another column of
the same row) so that "522.0万" and "6.4%" are read the way the report prints
them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from dashboard.data.schemas import SPECS

DATASET_LABELS: dict[str, str] = {
    "population_outlook": "人口の見通し",
    "kpi_definitions": "指標の定義",
    "dx_kpis": "DX指標の値",
    "facility_counts": "公共施設数",
    "staff_survey": "職員アンケート",
    "initiatives": "取組の年表",
    "named_initiatives": "主な取組の名称",
    "pillars": "5本の矢（柱）",
    "report_context": "課題・目標・ビジョン",
    "report_sections": "レポートの見出し",
    "context_figures": "関連する数値（他の出典）",
    "sources": "出典一覧",
}
"""Japanese name of each dataset, for staff choosing what to update."""

YEAR = "year"
PERIOD = "period"
TEXT = "text"
CODE = "code"


@dataclass(frozen=True)
class ColumnDoc:
    """How a column is presented to staff and how their input is read."""

    label: str
    description: str
    unit_label: str = ""
    unit_code: str | None = None
    unit_column: str | None = None
    kind: str = CODE

    @property
    def header(self) -> str:
        """The header written in the template: the label and, when fixed, its unit."""
        return f"{self.label}（{self.unit_label}）" if self.unit_label else self.label


def _d(label: str, description: str, **kw: str) -> ColumnDoc:
    return ColumnDoc(label, description, **kw)


_T = {"kind": TEXT}
_Y = {"kind": YEAR}

# Columns that mean the same in every dataset.
COMMON: dict[str, ColumnDoc] = {
    "year": _d("年", "西暦の年。和暦（R6、令和6年度、H30）も読み取ります。", **_Y),
    "fiscal_year": _d("年度", "年度（4月〜翌3月）。西暦のほか和暦（R4、令和4年度）も読み取ります。", **_Y),
    "until_year": _d("終了年度", "取組が続く最後の年度（任意）。和暦も読み取ります。", **_Y),
    "month": _d("月", "実施した月（1〜12、任意）。"),
    "source_id": _d("出典ID", "出典一覧（sources）に登録されている出典ID。例：iwaki_reform_report_vol5"),
    "section": _d(
        "レポートの見出し",
        "数値や文言が載っているレポートの見出し（レポートの見出し（report_sections）の見出しID。例：population_projection）。",
    ),
    "page": _d("ページ", "出典のページ番号（任意。PDFで確かめた場合のみ入力します）。"),
    "as_of": _d("時点", "数値の時点（任意）。2025-03 または 2025-03-31 の形で入力します。"),
    "note_ja": _d("注記（日本語）", "数値についての注記（任意）。", **_T),
    "note_en": _d("注記（英語）", "注記の英訳（任意）。", **_T),
    "name_ja": _d("名称（日本語）", "名称。", **_T),
    "name_en": _d("名称（英語）", "名称の英訳。", **_T),
    "detail_ja": _d("詳細（日本語）", "補足説明（任意）。", **_T),
    "detail_en": _d("詳細（英語）", "補足説明の英訳（任意）。", **_T),
    "label_ja": _d("表示ラベル（日本語）", "グラフに添える文言（任意）。", **_T),
    "label_en": _d("表示ラベル（英語）", "表示ラベルの英訳（任意）。", **_T),
    "pillar_id": _d("柱ID", "5本の矢のID：work_efficiency、infrastructure、admin_fiscal、human_resources、citizen_dx"),
    "order": _d("表示順", "表示する順番（整数）。"),
    "kind": _d("種別", "行の種別（使える値は「使える値」欄を参照）。"),
    "unit": _d("単位コード", "値の単位を表すコード。例：persons（人）、percent（％）、hours_10k（万時間）"),
    "kpi_id": _d("指標ID", "指標定義（kpi_definitions）に登録されている指標ID。"),
    "period": _d(
        "期間",
        "数値の期間。2024（暦年）、FY2024（年度）、2025-03（時点）、FY2022-FY2024（期間）。"
        "和暦の年度（R6、令和6年度）は FY2024 に直します。",
        kind=PERIOD,
    ),
    "value": _d(
        "値",
        "数値。単位は同じ行の「単位コード」の単位で、レポートの表記どおりに入力します"
        "（例：業務時間 522.0万時間 は 522.0）。",
        unit_column="unit",
    ),
}

# Columns whose meaning is specific to one dataset.
SPECIFIC: dict[str, dict[str, ColumnDoc]] = {
    "population_outlook": {
        "population": _d(
            "人口", "人口（人）。「33.3万」のような万単位も読み取ります。", unit_label="人", unit_code="persons"
        ),
        "index_2020": _d("指数", "2020年を100とした指数。", unit_label="2020年＝100", unit_code="index_2020"),
        "kind": _d("種別", "census（国勢調査の実績）または projection（推計）。"),
    },
    "kpi_definitions": {
        "dataset": _d("データセット", "指標の値を収めるデータセット：dx_kpis または facility_counts。"),
        "direction": _d("望ましい方向", "higher_better（多いほどよい）、lower_better（少ないほどよい）、neutral。"),
        "wording_ja": _d("レポートの表記", "レポートに印刷されている表記そのまま（任意）。", **_T),
        "reading_ja": _d(
            "ダッシュボードの読み（日本語）",
            "名称・単位・時点などがレポートに書かれておらず、ダッシュボードが補った読み（任意）。画面に明示します。",
            **_T,
        ),
        "reading_en": _d("ダッシュボードの読み（英語）", "読みの英訳（任意）。", **_T),
    },
    "dx_kpis": {
        "period_type": _d("期間の種類", "calendar_year、fiscal_year、fiscal_year_span、snapshot のいずれか。"),
        "year": _d(
            "年", "期間の年（西暦）。期間が FY2024 なら 2024、2025-03 なら 2025、FY2022-FY2024 なら 2024。", **_Y
        ),
        "as_of_basis": _d(
            "時点の根拠",
            "printed（レポートに記載）、inferred（推定）、period（期間が時点）、"
            "reading（期間・年がレポートに書かれておらず、ダッシュボードの読み）。",
        ),
    },
    "facility_counts": {
        "facilities": _d("施設数", "公共施設の数。", unit_label="施設", unit_code="facilities"),
        "status": _d("状態", "actual（実績）または towards_optimal（最適な施設数へ：数値なし）。"),
    },
    "staff_survey": {
        "wave": _d("調査回", "調査の回を表す年月（2025-03 の形）。"),
        "survey_date": _d("調査時期", "調査を行った時期（2025-03 または 2025-03-15 の形）。"),
        "question_id": _d("設問ID", "設問を表す英数字のID。"),
        "question_ja": _d("設問（日本語）", "設問文。", **_T),
        "question_en": _d("設問（英語）", "設問文の英訳（任意）。", **_T),
        "option_id": _d("選択肢ID", "選択肢を表す英数字のID。"),
        "option_order": _d("選択肢の順", "選択肢の並び順（整数、任意）。"),
        "option_ja": _d("選択肢（日本語）", "選択肢の文言（任意）。", **_T),
        "option_en": _d("選択肢（英語）", "選択肢の英訳（任意）。", **_T),
        "likert_score": _d("得点", "選択肢の得点（-3〜3、任意）。"),
        "group_dim": _d("集計区分", "集計の切り口（全体は all）。"),
        "group_value": _d("区分の値", "集計区分の値（全体は all）。"),
        "count": _d("回答数", "その選択肢を選んだ人数（0以上、任意）。", unit_label="人", unit_code="persons"),
        "share_pct": _d(
            "割合",
            "その選択肢の割合（0〜100）。「54%」のような入力も読み取ります。",
            unit_label="％",
            unit_code="percent",
        ),
        "respondents": _d("回答者数", "設問の回答者数（0以上、任意）。", unit_label="人", unit_code="persons"),
    },
    "initiatives": {
        "initiative_id": _d("取組ID", "取組を表す英数字のID。"),
    },
    "pillars": {
        "aims_ja": _d("ねらい（日本語）", "柱のねらい。", **_T),
        "aims_en": _d("ねらい（英語）", "ねらいの英訳。", **_T),
    },
    "report_context": {
        "kind": _d(
            "種別",
            "verdict（レポートの総括）、challenge（課題）、claim（レポートの主張）、work_type（業務の種類）、"
            "wellbeing_goal、vision、mission のいずれか。名称・詳細（日本語）にはレポートの文言をそのまま入力します。",
        ),
        "topic": _d(
            "表示する場所",
            "overview（概要）、population（人口推計）、working_hours（業務時間）、online（オンライン申請）、"
            "facilities（公共施設）のいずれか。",
        ),
    },
    "report_sections": {
        "section_id": _d("見出しID", "見出しを表す英数字のID。"),
        "heading_ja": _d("見出し（日本語）", "レポートに印刷されている見出しそのまま。", **_T),
        "heading_en": _d("見出し（英語）", "見出しの英訳。", **_T),
    },
    "context_figures": {
        "figure_id": _d("数値ID", "数値を表す英数字のID。"),
        "topic": _d("テーマ", "facilities、population、staff、working_hours など。"),
        "period": _d("期間", "数値の期間（自由な形式：2024、2024-04-01、FY2024 など）。"),
        "published": _d("公表日", "出典の公表日（2024 または 2024-05 または 2024-05-28 の形）。"),
    },
    "sources": {
        "kind": _d("種類", "report、news、plan、open_data、interview など。"),
        "title_ja": _d("題名（日本語）", "出典の題名。", **_T),
        "title_en": _d("題名（英語）", "題名の英訳（任意）。", **_T),
        "publisher_ja": _d("発行者（日本語）", "発行者（任意）。", **_T),
        "publisher_en": _d("発行者（英語）", "発行者の英訳（任意）。", **_T),
        "published": _d("公表日", "公表日（2024 または 2024-05 または 2024-05-28 の形、任意）。"),
        "licence": _d("利用条件", "利用条件・ライセンス（任意）。", **_T),
        "credit_ja": _d("クレジット（日本語）", "画面に表示する出典表記。", **_T),
        "credit_en": _d("クレジット（英語）", "出典表記の英訳。", **_T),
        "url": _d("URL", "出典のURL（任意）。", **_T),
    },
}


def column_doc(dataset: str, column: str) -> ColumnDoc:
    """The presentation of one column of a dataset."""
    specific = SPECIFIC.get(dataset, {})
    if column in specific:
        return specific[column]
    if column in COMMON:
        return COMMON[column]
    raise KeyError(f"no header for {dataset}.{column}")


def label(dataset: str, column: str) -> str:
    """Japanese label of a column (falls back to the column name)."""
    try:
        return column_doc(dataset, column).label
    except KeyError:
        return column


def header_key(text: str) -> str:
    """A header as compared by the importer: NFKC, no spaces, lower case."""
    return "".join(unicodedata.normalize("NFKC", str(text)).split()).lower()


def header_aliases(dataset: str) -> dict[str, str]:
    """Every accepted spelling of each header (see :func:`header_key`) → column name."""
    aliases: dict[str, str] = {}
    for column in SPECS[dataset].columns:
        doc = column_doc(dataset, column)
        for text in (column, doc.label, doc.header):
            aliases[header_key(text)] = column
    return aliases
