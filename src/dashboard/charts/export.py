"""Exports for slides and spreadsheets: a chart as a 16:9 PNG or SVG, its data as CSV or .xlsx.

Charts are rendered on the server by vl-convert (no browser, no internet).
Every image is a whole slide: the chart's title on top, the chart, and the
source and as-of lines at the bottom, on a 1920×1080 (16:9) canvas.

Fonts. vl-convert draws text with its own font database. It cannot read the
WOFF2 files the browser gets from ``static/fonts`` (measured with vl-convert
1.9: a chart whose only font is "Noto Sans JP" from that folder renders no
glyphs at all), so images use the same design from the system instead: Noto
Sans CJK JP, the OpenType collection that Debian's ``fonts-noto-cjk`` installs
as ``/usr/share/fonts/opentype/noto/NotoSansCJK-*.ttc`` (TTC collections are
supported). That folder is registered explicitly, so rendering does not depend
on the system's font configuration; ``DASHBOARD_FONT_DIRS`` (folders separated
by ``:``) points it elsewhere. Registering a font folder is the only side
effect here; it happens once per process, before the first rendering.

The functions are otherwise pure: they take a chart (or its Vega-Lite dict)
and strings already in the user's language, and return bytes or text.
"""

from __future__ import annotations

import copy
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd
import vl_convert as vlc

from dashboard import settings, spreadsheet
from dashboard.charts.spec import vega_spec

SLIDE_WIDTH = 1920
SLIDE_HEIGHT = 1080
EXPORT_FONT = "Noto Sans CJK JP, Noto Sans JP, sans-serif"
SLIDE_FONT_SCALE = 1.7  # 13 px axis labels of the dashboard → 22 px on a 1920 px slide

# Spec keys that only a top-level Vega-Lite spec may carry; they move to the slide's outer spec
# (except autosize: a slide has a fixed size, and "fit" does not apply to its concatenation).
_TOP_LEVEL_KEYS = ("$schema", "config", "datasets", "background", "padding", "usermeta")
# Parts of a spec holding data values, never style: left alone when scaling fonts.
_DATA_KEYS = frozenset({"data", "datasets", "values"})
_SVG_SIZE = re.compile(r'^<svg\b([^>]*?)\swidth="([\d.]+)"\sheight="([\d.]+)"')

_registered: set[str] = set()

MIME_PNG = "image/png"
MIME_SVG = "image/svg+xml"
MIME_CSV = "text/csv"
MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def font_dirs() -> tuple[str, ...]:
    """The font folders to register: ``DASHBOARD_FONT_DIRS`` or the Debian Noto CJK folder (``settings``)."""
    return settings.load().font_dirs


def register_fonts(directories: Iterable[str] | None = None) -> tuple[str, ...]:
    """Register font folders with vl-convert (once each); returns the folders registered so far.

    A folder that does not exist is skipped: text then falls back to the
    system's fonts, which is still better than no image.
    """
    for directory in directories if directories is not None else font_dirs():
        if directory in _registered:
            continue
        try:
            vlc.register_font_directory(directory)
        except (OSError, ValueError):  # a missing folder; vl-convert keeps its other fonts
            continue
        _registered.add(directory)
    return tuple(sorted(_registered))


def _spec_dict(chart: alt.TopLevelMixin | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(chart, Mapping):
        return copy.deepcopy(dict(chart))
    return vega_spec(chart)


def _scale_fonts(node: Any, factor: float) -> Any:
    """Multiply every ``fontSize`` / ``…FontSize`` setting in a spec by ``factor`` (data left alone)."""
    if isinstance(node, dict):
        scaled: dict[str, Any] = {}
        for key, value in node.items():
            if key in _DATA_KEYS:
                scaled[key] = value
            elif (
                (key == "fontSize" or key.endswith("FontSize"))
                and isinstance(value, (int, float))
                and not isinstance(value, bool)
            ):
                scaled[key] = round(value * factor, 1)
            else:
                scaled[key] = _scale_fonts(value, factor)
        return scaled
    if isinstance(node, list):
        return [_scale_fonts(v, factor) for v in node]
    return node


def _is_single_view(spec: Mapping[str, Any]) -> bool:
    """A unit or layer spec: the kinds whose width and height may be set directly."""
    return "mark" in spec or "layer" in spec


def _resizable_views(spec: dict[str, Any]) -> list[tuple[dict[str, Any], int, int]]:
    """The views whose size a slide sets, each with how many views share the slide's width and height.

    A single view has the slide to itself; the views of a row (``hconcat``) share its width, those
    of a column (``vconcat``) its height. Other compositions (facets, wrapped or nested
    concatenations) keep their size and are scaled to fit.
    """
    if _is_single_view(spec):
        return [(spec, 1, 1)]
    for key, across in (("hconcat", True), ("vconcat", False)):
        views = spec.get(key)
        if isinstance(views, list) and views and all(isinstance(v, dict) and _is_single_view(v) for v in views):
            n = len(views)
            return [(v, n, 1) if across else (v, 1, n) for v in views]
    return []


def scaled_spec(
    chart: alt.TopLevelMixin | Mapping[str, Any],
    *,
    font_scale: float,
    height: int | None = None,
    width: int | str | None = None,
    font: str | None = None,
) -> dict[str, Any]:
    """The chart's Vega-Lite spec with bigger type (and, for single views, a new size).

    Used for slides and for presentation mode on a large display. Concatenated
    or faceted charts keep their size (only their type grows).
    """
    spec = _scale_fonts(_spec_dict(chart), font_scale)
    if font:
        spec.setdefault("config", {})["font"] = font
    if _is_single_view(spec):
        if height is not None:
            spec["height"] = height
        if width is not None:
            spec["width"] = width
    return spec


def _em_width(char: str) -> float:
    """Approximate advance of a character in em (CJK full width 1, Latin about half)."""
    return 1.0 if unicodedata.east_asian_width(char) in ("W", "F") else 0.55


def wrap_text(text: str, max_em: float) -> list[str]:
    """Split a line into lines no wider than ``max_em`` (estimated), breaking at ｜ or spaces when possible."""
    lines: list[str] = []
    current = ""
    width = 0.0
    for char in text:
        w = _em_width(char)
        if width + w > max_em and current:
            # Prefer to break after the last separator in the second half of the line.
            cut = max(current.rfind("｜"), current.rfind(" "), current.rfind("、"))
            if cut > len(current) // 2:
                lines.append(current[: cut + 1].rstrip())
                current = current[cut + 1 :].lstrip()
            else:
                lines.append(current)
                current = ""
            width = sum(_em_width(c) for c in current)
        current += char
        width += w
    if current.strip():
        lines.append(current)
    return lines


def slide_spec(
    chart: alt.TopLevelMixin | Mapping[str, Any],
    *,
    title: str,
    footer: Sequence[str],
    width: int = SLIDE_WIDTH,
    height: int = SLIDE_HEIGHT,
    font_scale: float = SLIDE_FONT_SCALE,
) -> dict[str, Any]:
    """A Vega-Lite spec for one slide: ``title`` above the chart, ``footer`` lines (source, as-of) below.

    Single views, and the views of a row or column of charts, are sized to fill the slide; other
    charts keep their size and are scaled to fit when the SVG is framed (:func:`chart_svg`).
    """
    inner = scaled_spec(chart, font_scale=font_scale, font=EXPORT_FONT)
    outer: dict[str, Any] = {key: inner.pop(key) for key in _TOP_LEVEL_KEYS if key in inner}
    inner.pop("autosize", None)
    outer.setdefault("config", {})["font"] = EXPORT_FONT
    title_px = 44
    footer_px = 22
    footer_lines = [line for text in footer for line in wrap_text(text, (width - 120) / footer_px)]
    # Room for the title, the footer, axis labels and a bottom legend; the views of a concatenation
    # share it (the fit in chart_svg corrects these estimates).
    plot_w = width - 220
    plot_h = max(200, height - 2 * title_px - len(footer_lines) * footer_px * 1.5 - 260)
    for view, across, down in _resizable_views(inner):
        view["width"] = max(100, round((plot_w - 80 * (across - 1)) / across))
        view["height"] = max(120, round((plot_h - 80 * (down - 1)) / down))
    previous = inner.get("title")
    inner["title"] = {
        "text": wrap_text(title, (width - 120) / title_px),
        "anchor": "start",
        "fontSize": title_px,
        "fontWeight": "bold",
        "offset": 28,
        "color": "#1F2328",
    }
    if isinstance(previous, str) and previous:
        inner["title"]["subtitle"] = previous
    outer["background"] = "white"
    outer["padding"] = 40
    outer["vconcat"] = [inner]
    outer["title"] = {
        "text": footer_lines or [""],
        "orient": "bottom",
        "anchor": "start",
        "fontSize": footer_px,
        "fontWeight": "normal",
        "color": "#3D444D",
        "offset": 28,
        "lineHeight": footer_px * 1.45,
    }
    return outer


FIT_PASSES = 3  # renders to size a slide's chart to the slide (the first render measures)
FIT_SLACK = 4  # px left unused at most
_LIMITS = frozenset({"labelLimit", "titleLimit"})


def whole_labels(spec: Any) -> Any:
    """The spec with no length limit on axis and legend labels and titles: a slide never cuts a label with 「…」."""
    if isinstance(spec, dict):
        out = {k: (0 if k in _LIMITS else whole_labels(v)) for k, v in spec.items()}
        config = out.get("config")
        if isinstance(config, dict):
            for part in ("axis", "legend"):
                config[part] = {**config.get(part, {}), "labelLimit": 0, "titleLimit": 0}
        return out
    if isinstance(spec, list):
        return [whole_labels(v) for v in spec]
    return spec


def frame_svg(svg: str, width: int = SLIDE_WIDTH, height: int = SLIDE_HEIGHT) -> str:
    """Put a rendered SVG on a white ``width``×``height`` canvas, scaled to fit and centred."""
    match = _SVG_SIZE.match(svg)
    if match is None:
        raise ValueError("not an SVG with width and height")
    attrs, w, h = match.group(1), float(match.group(2)), float(match.group(3))
    if "viewBox=" not in svg.split(">", 1)[0]:  # keep the drawing's own coordinates when scaling
        attrs += f' viewBox="0 0 {w:g} {h:g}"'
    inner = (
        f'<svg{attrs} x="0" y="0" width="{width}" height="{height}" preserveAspectRatio="xMidYMid meet"'
        + svg[match.end() :]
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f'<rect width="{width}" height="{height}" fill="white"/>{inner}</svg>'
    )


def chart_svg(
    chart: alt.TopLevelMixin | Mapping[str, Any],
    *,
    title: str,
    footer: Sequence[str],
    width: int = SLIDE_WIDTH,
    height: int = SLIDE_HEIGHT,
) -> str:
    """The chart as a 16:9 slide in SVG, with title, source and as-of (text stays text)."""
    register_fonts()
    spec = whole_labels(slide_spec(chart, title=title, footer=footer, width=width, height=height))
    svg = vlc.vegalite_to_svg(spec)
    views = _resizable_views(spec["vconcat"][0])
    for _ in range(FIT_PASSES):
        # The views are resized until the drawing (legends and footer included) fills the slide: the
        # sizes set first are estimates, and a legend beside the chart or a short footer leaves a band
        # that scaling to fit would turn into an empty quarter. The views of a row share the spare
        # width, those of a column the spare height.
        match = _SVG_SIZE.match(svg)
        if match is None or not views:
            break
        spare_w, spare_h = width - float(match.group(2)), height - float(match.group(3))
        if abs(spare_w) <= FIT_SLACK and abs(spare_h) <= FIT_SLACK:
            break
        for view, across, down in views:
            view["width"] = max(100, round(view["width"] + spare_w / across))
            view["height"] = max(120, round(view["height"] + spare_h / down))
        svg = vlc.vegalite_to_svg(spec)
    return frame_svg(svg, width, height)


def chart_png(
    chart: alt.TopLevelMixin | Mapping[str, Any],
    *,
    title: str,
    footer: Sequence[str],
    width: int = SLIDE_WIDTH,
    height: int = SLIDE_HEIGHT,
    scale: float = 1.0,
) -> bytes:
    """The chart as a 16:9 slide in PNG (``width``×``height`` pixels times ``scale``)."""
    svg = chart_svg(chart, title=title, footer=footer, width=width, height=height)
    return vlc.svg_to_png(svg, scale=scale)


def csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV encoded as UTF-8 with a BOM, so Excel opens Japanese text correctly.

    Text a spreadsheet would run as a formula gets a leading ``'`` (:mod:`dashboard.spreadsheet`).
    Lines end in CR LF, as Excel writes them, so a field holding a carriage return is quoted too.
    """
    return spreadsheet.safe_frame(df).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _excel_ready(df: pd.DataFrame) -> pd.DataFrame:
    """Excel cannot store time zones: drop them (the wall-clock time is kept)."""
    out = df.copy()
    for column in out.columns:
        if isinstance(out[column].dtype, pd.DatetimeTZDtype):
            out[column] = out[column].dt.tz_localize(None)
    return out


def xlsx_bytes(
    df: pd.DataFrame,
    *,
    sheet: str,
    notes: Sequence[str] = (),
    notes_sheet: str | None = None,
) -> bytes:
    """An .xlsx workbook: the table on ``sheet`` (header in row 1, frozen), ``notes`` on a second sheet.

    Notes carry the title, source and as-of so the file keeps its provenance.
    Text is written as text, never as a formula, and numbers as numbers with thousands separators
    (:mod:`dashboard.spreadsheet`).
    """
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _excel_ready(df).to_excel(writer, sheet_name=_sheet_name(sheet), index=False)
        table = writer.sheets[_sheet_name(sheet)]
        table.freeze_panes = "A2"
        spreadsheet.format_numbers(table, df)  # 1,316 and 498.5 as numbers with separators, as on screen
        for idx, column in enumerate(df.columns, start=1):
            longest = max([len(str(column))] + [len(str(v)) for v in df[column].head(200)])
            table.column_dimensions[table.cell(row=1, column=idx).column_letter].width = min(60, longest * 1.6 + 2)
        if notes:
            name = _sheet_name(notes_sheet or "notes")
            pd.DataFrame({name: list(notes)}).to_excel(writer, sheet_name=name, index=False, header=False)
            writer.sheets[name].column_dimensions["A"].width = 120
        spreadsheet.safe_workbook(writer.book)
    return buffer.getvalue()


# Characters no file name may hold on Windows, macOS or Linux (and control characters).
_FILE_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
MAX_STEM = 80


def file_stem(text: str, fallback: str) -> str:
    """A download's file name (without extension) from a title as shown: 「コピー出力枚数の推移（2021年＝1）」.

    Japanese stays Japanese; characters a file system refuses become ``_``, spaces ``_``, and the name is
    cut to 80 characters. ``fallback`` when nothing is left.
    """
    stem = _FILE_UNSAFE.sub("_", text)
    stem = re.sub(r"\s+", "_", stem.strip())
    stem = re.sub(r"_{2,}", "_", stem).strip("._ ")[:MAX_STEM].rstrip("._ ")
    return stem or fallback


def _sheet_name(name: str) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\."""
    cleaned = re.sub(r"[\[\]:*?/\\]", "_", name).strip() or "data"
    return cleaned[:31]
