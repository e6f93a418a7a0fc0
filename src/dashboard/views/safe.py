"""Data-derived text shown literally: never as Markdown, HTML, KaTeX, a link, an image or a colour.

Streamlit renders Markdown in ``st.markdown``, ``st.caption``, ``st.subheader``,
``st.metric``, alerts, ``help`` tooltips, widget labels and the options of
radio buttons, pills and segmented controls, and in the cells of ``st.table``.
Dataset text (names, aims, notes, credit lines, survey questions...) goes into
those through :func:`plain`, which backslash-escapes every character Markdown,
GitHub-flavoured Markdown, KaTeX (``$``), Streamlit's directives (``:red[…]``,
``:material/…:``) could use, and splits bare addresses (``http://``, ``www.``,
``name@host``) with an invisible WORD JOINER so they do not become links. An
escaped character is shown as itself, so the text looks exactly as typed
(copied from the screen, an address carries the invisible joiner). Raw HTML is never enabled for data
(``unsafe_allow_html`` only with constant text, checked by the layer test).

The escaping is for the screen only: charts (Vega draws text, never Markdown),
tables (``st.dataframe``), downloads and exports take the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

# CommonMark lets every ASCII punctuation character be escaped; these are the ones
# that can start or close markup: emphasis, code, links and images, HTML tags and
# entities, headings (including setext ``===``), lists, block quotes, tables,
# strikethrough, KaTeX ``$``, Streamlit's ``:colour[...]`` / ``:material/…:`` and emoji
# shortcodes, and email autolinks (``@``).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&=^\"'%@;/?])")
# Line starts that would make a code block or change the block structure.
_LEADING_SPACE = re.compile(r"(?m)^[ \t]+")
# Streamlit turns bare addresses into links after Markdown is parsed (escapes do not stop it):
# "http://", "www." and "name@host" are split by an invisible WORD JOINER (U+2060) instead.
WORD_JOINER = "\u2060"
_WWW = re.compile(r"(?i)(www)(\\\.)")


def plain(text: object) -> str:
    """``text`` escaped so that Streamlit's Markdown shows it exactly as typed (no markup, no request).

    ``None`` and NaN become an empty string; anything else is shown as ``str(text)``.
    Leading spaces of a line are dropped (four of them would make a code block).
    """
    if text is None or (isinstance(text, float) and text != text):
        return ""
    value = _LEADING_SPACE.sub("", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    # A line break is kept as a visible one (two spaces: a Markdown hard break), never as a new block.
    return "  \n".join(_unlink(_MARKDOWN_SPECIAL.sub(r"\\\1", line)) for line in value.split("\n"))


def _unlink(escaped: str) -> str:
    """Put a WORD JOINER into an escaped text's ``://``, ``www.`` and ``@``: no autolink, and it looks the same."""
    escaped = escaped.replace("\\:\\/\\/", "\\:" + WORD_JOINER + "\\/\\/").replace("\\@", WORD_JOINER + "\\@")
    return _WWW.sub(lambda m: m.group(1) + WORD_JOINER + m.group(2), escaped)


def plain_all(texts: Iterable[object]) -> list[str]:
    """:func:`plain` of each item (for lists of names)."""
    return [plain(text) for text in texts]


def plain_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of a table for ``st.table`` (whose cells and headers are Markdown): text cells and headers escaped.

    Numbers, dates and missing values are left as they are.
    """
    out = df.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column].dtype):
            out[column] = out[column].map(lambda v: plain(v) if isinstance(v, str) else v)
    out.columns = [plain(c) if isinstance(c, str) else c for c in out.columns]
    return out
