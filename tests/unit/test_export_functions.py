"""Exports for slides and spreadsheets (charts/export.py): valid PNG/SVG/CSV/xlsx with Japanese intact."""

from __future__ import annotations

import io
import struct
import xml.etree.ElementTree as ET
from typing import Any

import altair as alt
import openpyxl
import pandas as pd
import pytest
from PIL import Image

from dashboard.charts import export
from dashboard.charts.population import outlook_chart
from dashboard.charts.theme import themed

TITLE = "市の将来推計人口"
SOURCE = "出典：いわき市「構造改革レポート vol.5」「市の将来推計人口」｜時点：2025年3月"


@pytest.fixture(scope="module")
def chart() -> alt.LayerChart:
    df = pd.DataFrame(
        {"year": [2020, 2040, 2060], "population": [332931, 255645, 175940], "kind_label": ["国勢調査", "推計", "推計"]}
    )
    return outlook_chart(df, "年", "人")


@pytest.fixture(scope="module")
def concat_chart() -> alt.HConcatChart:
    df = pd.DataFrame({"区分": ["小学校", "中学校", "公民館"], "施設数": [60, 30, 40]})
    bars = alt.Chart(df).mark_bar().encode(x=alt.X("区分:N"), y="施設数:Q")
    return themed(alt.hconcat(bars, bars.mark_point()), height=None)


@pytest.fixture(scope="module")
def slide_png(chart: alt.LayerChart) -> bytes:
    return export.chart_png(chart, title=TITLE, footer=[SOURCE])


def _png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def _ink(png: bytes) -> int:
    """Number of dark pixels (text, lines) in an image."""
    gray = Image.open(io.BytesIO(png)).convert("L")
    return sum(gray.histogram()[:128])


def test_the_japanese_font_folder_is_registered() -> None:
    registered = export.register_fonts()
    assert "/usr/share/fonts/opentype/noto" in registered  # fonts-noto-cjk (see the module docstring)


def test_png_is_a_16_9_slide(slide_png: bytes) -> None:
    width, height = _png_size(slide_png)
    assert (width, height) == (export.SLIDE_WIDTH, export.SLIDE_HEIGHT)
    assert round(width / height, 3) == round(16 / 9, 3)
    assert Image.open(io.BytesIO(slide_png)).size == (width, height)  # a PNG that decodes


def test_png_draws_the_japanese_title_and_source(chart: alt.LayerChart, slide_png: bytes) -> None:
    """Glyphs are drawn: the same slide without the Japanese texts has clearly less ink."""
    with_text = _ink(slide_png)
    without = _ink(export.chart_png(chart, title=" ", footer=[" "]))
    assert with_text - without > 1500, (with_text, without)


def test_svg_is_a_16_9_slide_with_the_japanese_texts(chart: alt.LayerChart) -> None:
    svg = export.chart_svg(chart, title=TITLE, footer=[SOURCE])
    root = ET.fromstring(svg)  # well-formed XML
    assert root.tag.endswith("svg")
    assert (root.get("width"), root.get("height")) == ("1920", "1080")
    texts = " ".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))
    assert TITLE in texts
    assert "構造改革レポート" in texts and "時点：2025年3月" in texts
    assert "332,931" in texts  # the chart's own labels are there too
    assert "Noto Sans CJK JP" in svg
    assert "http" not in svg.replace("http://www.w3.org/", "")  # no remote references


def test_a_concatenated_chart_also_becomes_a_slide(concat_chart: alt.HConcatChart) -> None:
    spec = export.slide_spec(concat_chart, title="施設数", footer=[SOURCE])
    assert "config" in spec and "config" not in spec["vconcat"][0]
    assert "hconcat" in spec["vconcat"][0] and "width" not in spec["vconcat"][0]
    png = export.chart_png(concat_chart, title="施設数", footer=[SOURCE])
    assert _png_size(png) == (1920, 1080)
    assert "小学校" in export.chart_svg(concat_chart, title="施設数", footer=[SOURCE])


def test_slide_spec_scales_type_but_not_data(chart: alt.LayerChart) -> None:
    original = chart.to_dict()
    spec = export.slide_spec(chart, title=TITLE, footer=[SOURCE])
    assert spec["config"]["axis"]["labelFontSize"] == pytest.approx(original["config"]["axis"]["labelFontSize"] * 1.7)
    assert spec["vconcat"][0]["title"]["text"] == [TITLE]
    assert spec["title"]["orient"] == "bottom" and spec["title"]["text"] == [SOURCE]
    assert spec["vconcat"][0]["width"] > 1500  # a single view fills the slide
    data = pd.DataFrame({"fontSize": [10, 20]})
    scaled = export.scaled_spec(alt.Chart(data).mark_bar().encode(x="fontSize:Q"), font_scale=3.0)
    assert next(iter(scaled["datasets"].values())) == [{"fontSize": 10}, {"fontSize": 20}]


def test_long_source_lines_wrap() -> None:
    line = "出典：" + "総務省「マイナンバーカード交付状況」、" * 6
    lines = export.wrap_text(line, 30)
    assert len(lines) > 1 and "".join(lines).replace(" ", "") == line.replace(" ", "")
    assert all(sum(export._em_width(c) for c in part) <= 30 for part in lines)


def test_csv_has_a_bom_and_japanese_intact() -> None:
    df = pd.DataFrame({"年度": ["2022年度（R4）"], "施設数": [1316]})
    raw = export.csv_bytes(df)
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").splitlines() == ["年度,施設数", "2022年度（R4）,1316"]


def test_xlsx_opens_with_the_japanese_header_and_the_source() -> None:
    df = pd.DataFrame(
        {
            "年度": ["2022年度（R4）", "2024年度（R6）"],
            "施設数": [1316, 1281],
            "時点": pd.to_datetime(["2022-04-01", "2024-04-01"]).tz_localize("Asia/Tokyo"),
        }
    )
    raw = export.xlsx_bytes(df, sheet="データ", notes=["公共施設数", SOURCE], notes_sheet="出典")
    assert raw[:2] == b"PK"
    book = openpyxl.load_workbook(io.BytesIO(raw))
    assert book.sheetnames == ["データ", "出典"]
    rows = list(book["データ"].iter_rows(values_only=True))
    assert rows[0] == ("年度", "施設数", "時点")
    assert rows[1][:2] == ("2022年度（R4）", 1316) and rows[2][:2] == ("2024年度（R6）", 1281)
    assert book["データ"].freeze_panes == "A2"
    assert [r[0] for r in book["出典"].iter_rows(values_only=True)] == ["公共施設数", SOURCE]


def test_xlsx_numbers_are_numbers_with_thousands_separators_and_their_decimals() -> None:
    df = pd.DataFrame(
        {
            "年度": ["2022年度（R4）", "2024年度（R6）"],
            "施設数": [1316, 1281],
            "万時間": [522.0, 498.5],
            "率": [0.0452, 0.05],
            "公表": [True, False],
        }
    )
    sheet = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes(df, sheet="データ")))["データ"]
    rows = list(sheet.iter_rows(min_row=2))
    assert [c.value for c in rows[0][1:4]] == [1316, 522.0, 0.0452]  # still numbers, not text
    assert {r[1].number_format for r in rows} == {"#,##0"}
    assert {r[2].number_format for r in rows} == {"#,##0.0"}
    assert {r[3].number_format for r in rows} == {"#,##0.000"}  # at most three decimals
    assert rows[0][0].number_format == "General" and rows[0][4].number_format == "General"  # text and true/false


def test_sheet_names_are_made_valid_for_excel() -> None:
    raw = export.xlsx_bytes(pd.DataFrame({"a": [1]}), sheet="データ/表:[2024]?" * 3)
    name = openpyxl.load_workbook(io.BytesIO(raw)).sheetnames[0]
    assert len(name) <= 31 and not set(name) & set("[]:*?/\\")


def test_download_file_names_keep_japanese_and_drop_what_file_systems_refuse() -> None:
    assert export.file_stem("コピー出力枚数の推移（2021年＝1）", "copy") == "コピー出力枚数の推移（2021年＝1）"
    assert export.file_stem('年齢3区分別人口：浜通り/13市町村 "参考" ', "x") == "年齢3区分別人口：浜通り_13市町村_参考"
    assert export.file_stem("a:b*c?d<e>f|g\\h\ni", "x") == "a_b_c_d_e_f_g_h_i"
    assert export.file_stem("///...", "fallback") == "fallback"
    assert len(export.file_stem("長" * 200, "x")) == export.MAX_STEM


LONG_LABEL = "福島県 いわき市（人口加重・2022年12月31日時点の交付枚数による）"


@pytest.fixture(scope="module")
def legend_chart() -> alt.Chart:
    df = pd.DataFrame(
        {
            "年": [2020, 2021, 2022] * 2,
            "交付率": [20.0, 35.0, 52.6, 24.0, 40.0, 57.1],
            "地域": [LONG_LABEL] * 3 + ["全国"] * 3,
        }
    )
    return themed(alt.Chart(df).mark_line().encode(x="年:O", y="交付率:Q", color=alt.Color("地域:N")), height=300)


def _inked_box(png: bytes) -> tuple[int, int, int, int]:
    """The bounding box of everything drawn (not white) on a slide."""
    gray = Image.open(io.BytesIO(png)).convert("L").point(lambda v: 255 if v < 245 else 0)
    box = gray.getbbox()
    assert box is not None
    return box


def test_slide_legends_keep_whole_labels(legend_chart: alt.Chart) -> None:
    svg = export.chart_svg(legend_chart, title=TITLE, footer=[SOURCE])
    assert LONG_LABEL in svg and "…" not in svg


def test_slide_fills_the_slide_without_an_empty_band(legend_chart: alt.Chart, chart: alt.LayerChart) -> None:
    for each in (legend_chart, chart):
        png = export.chart_png(each, title=TITLE, footer=[SOURCE])
        left, top, right, bottom = _inked_box(png)
        # Drawn from the top margin down to the footer at the bottom margin (was: the bottom quarter empty).
        assert top <= 60 and bottom >= export.SLIDE_HEIGHT - 60, (top, bottom)
        assert left <= 60 and right >= export.SLIDE_WIDTH * 0.85, (left, right)


@pytest.mark.parametrize("compose", [alt.hconcat, alt.vconcat])
def test_a_row_or_column_of_charts_fills_the_slide(compose: Any) -> None:
    df = pd.DataFrame({"区分": ["小学校", "中学校", "公民館"], "施設数": [60, 30, 40]})
    bars = alt.Chart(df).mark_bar().encode(x="区分:N", y="施設数:Q", color="区分:N")
    png = export.chart_png(themed(compose(bars, bars.mark_point()), height=None), title=TITLE, footer=[SOURCE])
    left, top, right, bottom = _inked_box(png)
    # The views share the slide (a row was scaled down to the middle third, a column to a narrow strip).
    assert (right - left) >= 0.85 * export.SLIDE_WIDTH and (bottom - top) >= 0.85 * export.SLIDE_HEIGHT
