"""Building blocks every screen uses: headers, provenance lines, chart ↔ table blocks, downloads, errors.

Keeping these in one place means every chart on every page gets the same
source line, the same table behind it and the same CSV download.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

import altair as alt
import pandas as pd
import pydeck as pdk
import streamlit as st

from dashboard.data import DataError, OpenDataMissing, last_updated
from dashboard.i18n import localized, t
from dashboard.i18n.format import as_of_label
from dashboard.views import cache

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Source:
    """What a chart or card is drawn from: the sources, pages and as-of to print under it."""

    source_ids: Sequence[str]
    pages: str | None = None
    as_of: str | None = None
    derived: bool = False
    notes: Sequence[str] = field(default_factory=tuple)


def credit(source_id: str) -> str:
    """The credit line of a source, in the current language (falls back to the id)."""
    try:
        sources = cache.dataset("sources").set_index("source_id")
    except DataError:
        return source_id
    if source_id not in sources.index:
        return source_id
    return localized(sources.loc[source_id], "credit")


def source_text(src: Source) -> str:
    """One line: 出典 …（p.N）｜時点 …｜算出値."""
    credits = "、".join(credit(s) for s in src.source_ids)
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
    return df.to_csv(index=False).encode("utf-8-sig")


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


def data_block(
    *,
    key: str,
    title: str,
    chart: alt.TopLevelMixin | pdk.Deck | None,
    table: pd.DataFrame,
    source: Source,
    filename: str | None = None,
) -> None:
    """A chart with a table behind it: title, chart ↔ table switch, source line, CSV download.

    The switch is bound to the URL (``?<key>_view=table``) so a shared link
    reopens the same view.
    """
    st.subheader(title)
    mode = "chart"
    if chart is not None:
        mode = st.segmented_control(
            t("block.view"),
            options=["chart", "table"],
            format_func=lambda m: t(f"block.{m}"),
            default="chart",
            key=f"{key}_view",
            bind="query-params",
            label_visibility="collapsed",
            required=True,
        ) or "chart"
    if chart is not None and mode == "chart":
        if isinstance(chart, pdk.Deck):
            st.pydeck_chart(chart, key=f"{key}_deck")
        else:
            st.altair_chart(chart, key=f"{key}_chart")
    else:
        st.dataframe(table, hide_index=True)
    source_caption(source)
    download_csv(table, filename or key, key)


def show_data_error(exc: DataError) -> None:
    """A clear Japanese (or English) message naming the file and the problem."""
    message = t(f"data_error.{exc.code}", path=str(exc.path), detail=exc.detail)
    if exc.row is not None or exc.column is not None:
        message += t("data_error.where", row=(exc.row + 1) if exc.row is not None else "—", column=exc.column or "—")
    if isinstance(exc, OpenDataMissing):
        st.info(message + "\n\n" + t("open_data.howto"), icon=":material/folder_off:")
    else:
        st.error(message + "\n\n" + t("data_error.other_pages"), icon=":material/error:")


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
    except Exception as exc:  # noqa: BLE001 - a page must never show a traceback
        log.exception("section %s failed", section)
        st.error(t("error.page", kind=type(exc).__name__), icon=":material/error:")
