"""Building blocks every screen uses: headers, provenance lines, chart ↔ table blocks, downloads, errors.

Keeping these in one place means every chart on every page gets the same
source line, the same table behind it and the same CSV download.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pandas as pd
import pydeck as pdk
import streamlit as st

from dashboard.charts import export
from dashboard.charts.spec import VegaSpec
from dashboard.data import DataError, OpenDataMissing, last_updated
from dashboard.i18n import localized, t
from dashboard.i18n.format import as_of_label
from dashboard.views import cache, present

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Source:
    """What a chart or card is drawn from: the sources, pages and as-of to print under it."""

    source_ids: Sequence[str]
    pages: str | None = None
    as_of: str | None = None
    derived: bool = False
    notes: Sequence[str] = field(default_factory=tuple)


# A chart as the views pass it: a Vega-Lite spec from ``cache.chart`` (built and
# validated once per input, not on every rerun) or a pydeck map.
Chart = VegaSpec | pdk.Deck


def show_chart(spec: VegaSpec, *, key: str) -> None:
    """Draw a Vega-Lite chart from its spec (``cache.chart``); presenting, with presentation type sizes."""
    st.vega_lite_chart(present.chart_spec(spec, fill=False) if present.active() else spec, key=key)


def credit(source_id: str) -> str:
    """The credit line of a source, in the current language (falls back to the id)."""
    try:
        row = cache.source_credits().get(source_id)
    except DataError:
        return source_id
    return localized(row, "credit") if row else source_id


def _strip_prefix(text: str, prefixes: tuple[str, ...]) -> str:
    for prefix in prefixes:
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text


def source_text(src: Source) -> str:
    """One line: 出典 …（p.N）｜時点 …｜算出値."""
    # Some credit lines already begin with the word for "source" (as their licences ask); do not double it.
    prefixes = (f"{t('prov.source')}：", f"{t('prov.source')}: ")
    credits = "、".join(_strip_prefix(credit(s), prefixes) for s in src.source_ids)
    if src.pages:
        credits += " " + t("prov.page", page=src.pages)
    parts = [f"{t('prov.source')}：{credits}", f"{t('prov.as_of')}：{as_of_label(src.as_of)}"]
    if src.derived:
        parts.append(t("prov.derived"))
    parts.extend(src.notes)
    return "｜".join(parts)


def source_caption(src: Source) -> None:
    """Print the provenance line under a chart or card."""
    st.caption(source_text(src))


def page_header(title_key: str, intro_key: str | None = None) -> None:
    """The page title and a one-line introduction."""
    st.title(t(title_key))
    if intro_key:
        st.caption(t(intro_key))


def updated_caption(names: Iterable[str]) -> None:
    """When the datasets behind a page were last updated (so a staff import is visible)."""
    stamps = [ts for ts in (last_updated(n) for n in names) if ts is not None]
    if stamps:
        when = datetime.fromtimestamp(max(stamps)).strftime("%Y-%m-%d %H:%M")
        st.caption(t("prov.updated", when=when))


def csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV encoded as UTF-8 with a BOM, so Excel opens Japanese text correctly."""
    return export.csv_bytes(df)


def download_csv(df: pd.DataFrame, filename: str, key: str) -> None:
    """A CSV download button for exactly the data shown."""
    st.download_button(
        t("block.download_csv"),
        data=csv_bytes(df),
        file_name=f"{filename}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        icon=":material/download:",
    )


def export_buttons(
    *,
    key: str,
    title: str,
    chart: Chart | None,
    table: pd.DataFrame,
    source: Source,
    filename: str,
) -> None:
    """Excel, and for Vega-Lite charts PNG and SVG slides, beside the CSV download.

    The files are made only when a button is clicked (a callable as ``data``),
    so drawing a page costs nothing; the texts are fixed now, in the user's language.
    """
    footer = [source_text(source)]
    notes = [title, *footer]
    sheet, notes_sheet = t("present.xlsx_sheet"), t("present.xlsx_notes")
    st.download_button(
        t("present.download_xlsx"),
        key=f"{key}_xlsx",
        file_name=f"{filename}.xlsx",
        mime=export.MIME_XLSX,
        data=lambda: export.xlsx_bytes(table, sheet=sheet, notes=notes, notes_sheet=notes_sheet),
        icon=":material/table_view:",
        on_click="ignore",
    )
    if not isinstance(chart, Mapping):
        return  # maps and tables have no slide image
    st.download_button(
        t("present.download_png"),
        key=f"{key}_png",
        file_name=f"{filename}.png",
        mime=export.MIME_PNG,
        data=lambda: export.chart_png(chart, title=title, footer=footer),
        icon=":material/image:",
        help=t("present.download_help"),
        on_click="ignore",
    )
    st.download_button(
        t("present.download_svg"),
        key=f"{key}_svg",
        file_name=f"{filename}.svg",
        mime=export.MIME_SVG,
        data=lambda: export.chart_svg(chart, title=title, footer=footer),
        icon=":material/image:",
        help=t("present.download_help"),
        on_click="ignore",
    )


def data_block(
    *,
    key: str,
    title: str,
    chart: Chart | None,
    table: pd.DataFrame,
    source: Source,
    filename: str | None = None,
    selectable: bool = False,
    legend: Callable[[], None] | None = None,
) -> Any:
    """A chart with a table behind it: title, chart ↔ table switch, source line, downloads.

    Downloads: CSV (UTF-8 with BOM), .xlsx, and for Vega-Lite charts PNG/SVG slides.

    The switch is bound to the URL (``?<key>_view=table``) so a shared link
    reopens the same view. With ``selectable=True`` a pydeck map reruns the
    page on a click and the selection event is returned (None otherwise).
    ``legend`` draws what belongs under the chart (a map's legend), on the same slide.
    """
    if present.active():
        return _present_block(
            key=key, title=title, chart=chart, table=table, source=source, selectable=selectable, legend=legend
        )
    st.subheader(title, anchor=f"slide-{key}")
    mode = _view_switch(key) if chart is not None else "table"
    event = None
    if chart is not None and mode == "chart":
        event = _draw(chart, key=key, selectable=selectable)
        if legend is not None:
            legend()
    else:
        st.dataframe(table, hide_index=True)
    source_caption(source)
    with st.container(horizontal=True, gap="small"):
        download_csv(table, filename or key, key)
        export_buttons(key=key, title=title, chart=chart, table=table, source=source, filename=filename or key)
    return event


def _view_switch(key: str) -> str:
    """The chart ↔ table switch, bound to the URL (``?<key>_view=table``)."""
    return (
        st.segmented_control(
            t("block.view"),
            options=["chart", "table"],
            format_func=lambda m: t(f"block.{m}"),
            default="chart",
            key=f"{key}_view",
            bind="query-params",
            label_visibility="collapsed",
            required=True,
        )
        or "chart"
    )


def _draw(chart: Chart, *, key: str, selectable: bool) -> Any:
    """Draw a chart or map; a selectable map returns its selection event."""
    if isinstance(chart, pdk.Deck) and present.active():
        chart = present.deck(chart)
    if isinstance(chart, pdk.Deck) and selectable:
        return st.pydeck_chart(chart, key=f"{key}_deck", on_select="rerun", selection_mode="single-object")
    if isinstance(chart, pdk.Deck):
        st.pydeck_chart(chart, key=f"{key}_deck")
    elif present.active():
        st.vega_lite_chart(present.chart_spec(chart), key=f"{key}_chart")
    else:
        show_chart(chart, key=f"{key}_chart")
    return None


def _present_block(
    *,
    key: str,
    title: str,
    chart: Chart | None,
    table: pd.DataFrame,
    source: Source,
    selectable: bool,
    legend: Callable[[], None] | None,
) -> Any:
    """A data block in presentation mode: one slide for its chart, or its table a page of rows per slide.

    The view switch is drawn (hidden) so the URL keeps the viewer's choice; no downloads.
    """
    pages: list[pd.DataFrame] = []
    with slide():
        st.subheader(title, anchor=f"slide-{key}")
        mode = _view_switch(key) if chart is not None else "table"
        if chart is not None and mode == "chart":
            event = _draw(chart, key=key, selectable=selectable)
            if legend is not None:
                legend()
            source_caption(source)
            return event
        pages = present.table_pages(table)
        _table_page(pages[0], source)
    _more_table_slides(title, pages, source)
    return None


def slide_table(
    title: str, table: pd.DataFrame, source: Source, style: Callable[[pd.DataFrame], Any] | None = None
) -> None:
    """A table as presentation mode shows it: static, large type, a page of rows per slide, the heading repeated.

    ``style`` turns a page of rows into what is drawn (e.g. a pandas Styler that highlights a row).
    """
    pages = present.table_pages(table)
    with slide():
        st.subheader(title, anchor=False)
        _table_page(pages[0], source, style)
    _more_table_slides(title, pages, source, style)


def _table_page(rows: pd.DataFrame, source: Source, style: Callable[[pd.DataFrame], Any] | None = None) -> None:
    st.table(style(rows) if style else rows, hide_index=True)
    source_caption(source)


def _more_table_slides(
    title: str, pages: Sequence[pd.DataFrame], source: Source, style: Callable[[pd.DataFrame], Any] | None = None
) -> None:
    """The second and later pages of a table, one slide each, titled 「… （2／4）」."""
    for number, rows in enumerate(pages[1:], start=2):
        with slide():
            st.subheader(t("present.table_part", title=title, n=number, total=len(pages)), anchor=False)
            _table_page(rows, source, style)


def show_data_error(exc: DataError) -> None:
    """A clear Japanese (or English) message naming the file and the problem."""
    message = t(f"data_error.{exc.code}", path=str(exc.path), detail=exc.detail)
    if exc.row is not None or exc.column is not None:
        message += t("data_error.where", row=(exc.row + 1) if exc.row is not None else "—", column=exc.column or "—")
    if isinstance(exc, OpenDataMissing):
        st.info(message + "\n\n" + t("open_data.howto"), icon=":material/folder_off:")
    else:
        st.error(message + "\n\n" + t("data_error.other_pages"), icon=":material/error:")


slide = present.slide  # the views mark their slides with ``with slide():``
presentation_mode = present.active


@contextmanager
def guarded(section: str) -> Iterator[None]:
    """Run a part of a page; a data problem or a bug shows a message there and the rest carries on.

    Streamlit's own control flow (rerun, stop) derives from BaseException and
    passes through untouched.
    """
    try:
        yield
    except DataError as exc:
        show_data_error(exc)
    except Exception as exc:
        log.exception("section %s failed", section)
        st.error(t("error.page", kind=type(exc).__name__), icon=":material/error:")
