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
from typing import Any, Literal, TypeAlias

import pandas as pd
import pydeck as pdk
import streamlit as st

from dashboard.charts import export
from dashboard.charts.spec import VegaSpec
from dashboard.data import DataError, OpenDataMissing, last_updated, provenance
from dashboard.data.schemas import REPORT_SOURCE
from dashboard.i18n import DEFAULT_LANGUAGE, language, localized, t
from dashboard.i18n.format import as_of_label, is_stale, stale_label
from dashboard.views import cache, links, present
from dashboard.views.safe import plain, plain_frame

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Source:
    """What a chart or card is drawn from: the sources, the report's sections and as-of to print under it.

    ``sections`` are ``report_sections`` ids: the report's text carries no page
    numbers, so a citation names the section heading as printed (a page is
    added only where ``report_sections`` or ``pages`` holds a verified one).
    """

    source_ids: Sequence[str]
    sections: Sequence[str] | None = None
    as_of: str | None = None
    derived: bool = False
    notes: Sequence[str] = field(default_factory=tuple)
    pages: str | None = None
    timeless: bool = False
    """A quotation of the report's words: the line names no as-of (a sentence has none)."""
    latest_edition: bool = False
    """The newest edition of a series published every few years (a projection): its date is no sign of age."""


def _frame(rows: pd.DataFrame | pd.Series) -> pd.DataFrame:
    return rows.to_frame().T if isinstance(rows, pd.Series) else rows


def sections_of(*frames: pd.DataFrame | pd.Series) -> tuple[str, ...]:
    """The report sections the rows of ``frames`` cite (their ``section`` column), in first-seen order."""
    seen: dict[str, None] = {}
    for df in map(_frame, frames):
        if "section" in df.columns:
            seen.update(dict.fromkeys(str(s) for s in df["section"].dropna()))
    return tuple(seen)


def pages_of(*frames: pd.DataFrame | pd.Series) -> str | None:
    """The verified report pages the rows of ``frames`` carry (most carry none), as ``3`` or ``3, 4``."""
    pages = sorted({int(p) for df in map(_frame, frames) if "page" in df.columns for p in df["page"].dropna()})
    return ", ".join(str(p) for p in pages) or None


def dataset_source(
    dataset: str,
    *,
    rows: pd.DataFrame | pd.Series | None = None,
    derived: bool = False,
    notes: Sequence[str] = (),
    as_of: str | None = None,
    extra: Sequence[str] = (),
    timeless: bool = False,
) -> Source:
    """The source line of a dataset's figures, from its metadata (source id, report sections, as-of).

    The views never spell out a source id, section or as-of of their own: they come from
    ``data/source/<dataset>.meta.toml``. ``rows`` narrows the sections to those the shown rows
    cite (their ``section`` column, and a verified ``page``); ``extra`` adds the sources of other
    figures drawn with it.
    """
    prov = provenance(dataset)
    if rows is not None:
        sections, pages = sections_of(rows), pages_of(rows)
    else:
        sections, pages = tuple(s.strip() for s in prov.sections.split(",") if s.strip() not in ("", "—")), None
    return Source(
        [*extra, prov.source_id],
        sections,
        as_of if as_of is not None else prov.as_of,
        derived,
        tuple(notes),
        pages=pages,
        timeless=timeless,
    )


def open_source(
    *files: str,
    as_of: str | None = None,
    derived: bool = False,
    notes: Sequence[str] = (),
    extra: Sequence[str] = (),
    latest_edition: bool = False,
) -> Source:
    """The source line of figures drawn from open-data files: their source ids and as-of come from the manifest.

    ``as_of`` overrides the manifest's (a figure computed from the data's own latest date); otherwise the
    latest as-of of the files is shown. ``extra`` adds the sources of other figures drawn with them.
    """
    known = cache.open_provenance()
    entries = [known[f] for f in files if f in known]
    ids = list(dict.fromkeys([*extra, *(source_id for source_id, _ in entries)]))
    dates = [d for _, d in entries if d]
    when = as_of if as_of is not None else (max(dates) if dates else None)
    return Source(ids, None, when, derived, tuple(notes), latest_edition=latest_edition)


# A chart as the views pass it: a Vega-Lite spec from ``cache.chart`` (built and
# validated once per input, not on every rerun) or a pydeck map.
Chart: TypeAlias = VegaSpec | pdk.Deck

Arrow: TypeAlias = Literal["auto", "up", "down", "off"]
"""The arrow of an ``st.metric`` delta."""
DeltaColour: TypeAlias = Literal["blue", "red", "gray"]
DELTA_COLOURS: dict[str, DeltaColour] = {"good": "blue", "bad": "red", "neutral": "gray"}
"""The colour of a metric's delta by its tone (``metrics.dx.direction_tone``): blue good, red bad."""


def show_chart(spec: VegaSpec, *, key: str) -> None:
    """Draw a Vega-Lite chart from its spec (``cache.chart``); presenting, with presentation type sizes.

    A spec with a fixed width (a chart sized by its content, such as a before→after slope) keeps it
    rather than stretching across the page.
    """
    fixed = isinstance(spec.get("width"), int | float)
    shown = present.chart_spec(spec, fill=False) if present.active() else spec
    st.vega_lite_chart(shown, key=key, width="content" if fixed else None)


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


def section_text(section_ids: Sequence[str], pages: str | None = None) -> str:
    """Where in the report: 「市の将来推計人口」 (ja) / section "…" (「市の将来推計人口」) (en), pages when verified."""
    try:
        known = cache.report_sections()
    except DataError:
        known = {}
    parts, verified = [], [] if pages is None else [pages]
    for sid in section_ids:
        row = known.get(sid)
        if row is None:
            parts.append(sid)
            continue
        parts.append(t("prov.section", heading=row["heading_ja"], heading_en=row["heading_en"]))
        if row.get("page"):
            verified.append(str(row["page"]))
    text = t("prov.section_sep").join(parts)
    if verified:
        text += " " + t("prov.page", page=", ".join(dict.fromkeys(verified)))
    return text


def source_text(src: Source, *, markdown: bool = False) -> str:
    """One line: 出典 …「見出し」｜時点 …｜算出値 (the report's section right after the report's credit).

    With ``markdown=True`` (for ``st.caption``) the credit lines and section headings, which come
    from the data, are escaped so they show as typed.
    """
    shown: Callable[[str], str] = plain if markdown else str
    # Some credit lines already begin with the word for "source" (as their licences ask); do not double it.
    prefixes = (f"{t('prov.source')}：", f"{t('prov.source')}: ")
    where = section_text(src.sections or (), src.pages) if (src.sections or src.pages) else ""
    names = [shown(_strip_prefix(credit(s), prefixes)) for s in src.source_ids]
    if where:
        at = src.source_ids.index(REPORT_SOURCE) if REPORT_SOURCE in src.source_ids else len(names) - 1
        names[at] = t("prov.credit_at", credit=names[at], where=shown(where))
    credits = t("prov.list_sep").join(names)
    parts = [f"{t('prov.source')}{t('prov.label_sep')}{credits}"]
    if not src.timeless:
        age = None if src.latest_edition else age_note(src.as_of)
        # An old figure (the uptake data end in 2022) says so where its date would be, in bold on screen.
        parts.append(
            (f"**{age}**" if markdown else age)
            if age
            else f"{t('prov.as_of')}{t('prov.label_sep')}{as_of_label(src.as_of)}"
        )
    if src.derived:
        parts.append(t("prov.derived"))
    parts.extend(src.notes)  # the catalogue's notes; views escape notes taken from the data
    return t("prov.part_sep").join(parts)


def data_as_of() -> str | None:
    """The newest as-of of the report's figures (``dx_kpis``): what "current" means on this dashboard."""
    try:
        stamps = [str(v) for v in cache.dataset("dx_kpis")["as_of"].dropna() if str(v).strip()]
    except DataError:
        return None
    return max(stamps) if stamps else None


def age_note(as_of: str | None) -> str | None:
    """「2022年12月時点・最新ではありません」 when ``as_of`` is over 12 months older than :func:`data_as_of`."""
    if as_of is None or not is_stale(as_of, data_as_of()):
        return None
    return stale_label(as_of)


def source_caption(src: Source) -> None:
    """Print the provenance line under a chart or card (credit lines and notes shown as typed)."""
    st.caption(source_text(src, markdown=True))


def report_sentences(topic: str, kinds: Sequence[str] = ("claim",)) -> pd.DataFrame:
    """The report's own sentences (``report_context`` rows of ``kinds``) that belong with ``topic``, in order."""
    df = cache.dataset("report_context")
    rows = df[(df["topic"] == topic) & df["kind"].isin(list(kinds))]
    order = {kind: i for i, kind in enumerate(kinds)}
    return rows.assign(_k=rows["kind"].map(order)).sort_values(["_k", "order"]).drop(columns="_k")


def quote_text(row: pd.Series | Mapping[str, Any]) -> str:
    """A sentence of the report as printed: 「…」 (ja); “translation” (「…」) in English, the original beside it."""
    return t("quote.text", ja=str(row["name_ja"]), en=localized(row, "name"))


def report_quotes(rows: pd.DataFrame, *, lead: str | None = None) -> None:
    """The report's sentences, quoted word for word (never paraphrased), with the sections they are printed under."""
    if rows.empty:
        return
    lines = [f"- {plain(quote_text(r))}" for _, r in rows.iterrows()]
    st.markdown(("**" + lead + "**\n\n" if lead else "") + "\n".join(lines))
    source_caption(
        Source([REPORT_SOURCE], sections_of(rows), notes=[t("quote.verbatim")], pages=pages_of(rows), timeless=True)
    )


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


def download_name(filename: str, title: str | None) -> str:
    """A download's file name in the screen's language: the Japanese title in Japanese, the English name in English.

    (「職員の業務時間（年度）.xlsx」 in the Japanese screen, ``working_hours.xlsx`` in the English one.)
    """
    if title and language() == DEFAULT_LANGUAGE:
        return export.file_stem(title, filename)
    return filename


def download_csv(df: pd.DataFrame, filename: str, key: str, *, title: str | None = None) -> None:
    """A CSV download button for exactly the data shown (named after ``title`` in Japanese, see ``download_name``)."""
    st.download_button(
        t("block.download_csv"),
        data=csv_bytes(df),
        file_name=f"{download_name(filename, title)}.csv",
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
    filename = download_name(filename, title)
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
    level: Literal[2, 3] = 3,
) -> Any:
    """A chart with a table behind it: title, chart ↔ table switch, source line, downloads.

    Downloads: CSV (UTF-8 with BOM), .xlsx, and for Vega-Lite charts PNG/SVG slides.

    The switch is bound to the URL (``?<key>_view=table``) so a shared link
    reopens the same view. With ``selectable=True`` a pydeck map reruns the
    page on a click and the selection event is returned (None otherwise).
    ``legend`` draws what belongs under the chart (a map's legend), on the same slide.
    ``level`` is its title's heading level: 2 for a block that opens a section of the page
    (headings never skip a level), 3 for a block inside a section.
    """
    if present.active():
        return _present_block(
            key=key,
            title=title,
            chart=chart,
            table=table,
            source=source,
            selectable=selectable,
            legend=legend,
            level=level,
        )

    def block() -> Any:
        _block_heading(title, level)
        mode = _view_switch(key) if chart is not None else "table"
        event = None
        if chart is not None and mode == "chart":
            event = _draw(chart, key=key, selectable=selectable)
            if legend is not None:
                legend()
        else:
            st.dataframe(table, hide_index=True)
        source_caption(source)
        downloads(key=key, title=title, chart=chart, table=table, source=source, filename=filename or key)
        links.after_fragment()
        return event

    if selectable:
        return block()  # a map's click belongs to the part that drew it (its selection is returned)
    # The chart ↔ table switch and the downloads rerun this block alone (a fragment in its part's fragment).
    st.fragment(block)()
    return None


def downloads(*, key: str, title: str, chart: Chart | None, table: pd.DataFrame, source: Source, filename: str) -> None:
    """A block's downloads (CSV, .xlsx, and for charts PNG and SVG) behind one button, made when it is opened.

    The popover reruns on opening (``on_change="rerun"``): while it is closed its buttons are
    neither built nor sent, so a page draws one button per block instead of four. Inside a
    :func:`section`, opening it reruns that section alone.
    """
    box = st.popover(
        t("block.downloads"),
        key=f"{key}_downloads",
        icon=":material/download:",
        help=t("block.downloads_help"),
        on_change="rerun",
    )
    if not box.open:
        return
    with box:
        download_csv(table, filename, key, title=title)
        export_buttons(key=key, title=title, chart=chart, table=table, source=source, filename=filename)


def _block_heading(title: str, level: Literal[2, 3]) -> None:
    """A block's title as a heading of its level, without Streamlit's "Link to heading" (a tab stop per heading)."""
    (st.header if level == 2 else st.subheader)(plain(title), anchor=False)


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
    level: Literal[2, 3] = 3,
) -> Any:
    """A data block in presentation mode: one slide for its chart, or its table a page of rows per slide.

    The view switch is drawn (hidden) so the URL keeps the viewer's choice; no downloads.
    """
    pages: list[pd.DataFrame] = []
    with slide():
        _block_heading(title, level)
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
        st.subheader(plain(title), anchor=False)
        _table_page(pages[0], source, style)
    _more_table_slides(title, pages, source, style)


def _table_page(rows: pd.DataFrame, source: Source, style: Callable[[pd.DataFrame], Any] | None = None) -> None:
    shown = plain_frame(rows)  # st.table renders its cells as Markdown: data text is shown as typed
    st.table(style(shown) if style else shown, hide_index=True)
    source_caption(source)


def _more_table_slides(
    title: str, pages: Sequence[pd.DataFrame], source: Source, style: Callable[[pd.DataFrame], Any] | None = None
) -> None:
    """The second and later pages of a table, one slide each, titled 「… （2／4）」."""
    for number, rows in enumerate(pages[1:], start=2):
        with slide():
            st.subheader(t("present.table_part", title=plain(title), n=number, total=len(pages)), anchor=False)
            _table_page(rows, source, style)


def show_data_error(exc: DataError) -> None:
    """A clear Japanese (or English) message naming the file and the problem."""
    message = t(
        f"data_error.{exc.code}",
        path=plain(exc.path),
        detail=plain(exc.detail),
        value=plain(exc.value),
        expected=plain(exc.expected),
    )
    if exc.row is not None or exc.column is not None:
        row = (exc.row + 1) if exc.row is not None else "—"
        message += t("data_error.where", row=row, column=plain(exc.column or "—"))
    if isinstance(exc, OpenDataMissing) and exc.code == "open_data_damaged":
        st.warning(message + "\n\n" + t("open_data.howto"), icon=":material/broken_image:")
    elif isinstance(exc, OpenDataMissing):
        st.info(message + "\n\n" + t("open_data.howto"), icon=":material/folder_off:")
    else:
        st.error(message + "\n\n" + t("data_error.other_pages"), icon=":material/error:")


def section(name: str, draw: Callable[[], None]) -> None:
    """One part of a page that reruns alone: a widget inside it reruns this part, not the page (``st.fragment``).

    A data problem or a bug in it shows a message there (:func:`guarded`). Presenting, the parts
    are drawn in the page's own run: the slides are numbered in one pass, and nothing is clicked.
    ``draw`` takes what it needs from the page's run as closure values; a rerun of the part
    reuses them (they do not depend on the part's widgets).
    """

    def run() -> None:
        with guarded(name):
            draw()
        links.after_fragment()

    if present.active():
        run()
    else:
        st.fragment(run)()


def on_demand(
    key: str, label: str, draw: Callable[[], None], *, linked: Sequence[str] = (), icon: str | None = None
) -> None:
    """A part below the first screen, built only once opened: an expander bound to the URL (``?<key>=true``).

    Closed, nothing inside is computed or sent; a shared link with the part open reopens it, and
    so does a link that sets any of the part's own parameters (``linked``: its widgets' keys), so
    the link's values are used, or reported as unusable, as on an open page. Presenting, it is
    drawn as it is (its slides need their content). Use it inside a :func:`section`, so that
    opening it reruns that part alone.
    """
    if present.active():
        draw()
        return
    if linked and links.carries(linked):
        st.session_state[key] = True
    box = st.expander(label, key=key, bind="query-params", icon=icon)
    if box.open:
        with box:
            draw()


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
