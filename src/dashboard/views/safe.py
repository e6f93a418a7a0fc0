"""Data-derived text shown literally: never as Markdown, HTML, KaTeX, a link, an image or a colour.

Streamlit renders Markdown in ``st.markdown``, ``st.caption``, ``st.subheader``,
``st.metric``, alerts, ``help`` tooltips, widget labels and the options of
radio buttons, pills and segmented controls, and in the cells of ``st.table``.
Dataset text (names, aims, notes, credit lines, survey questions...) goes into
those through :func:`plain`, which backslash-escapes every character Markdown,
GitHub-flavoured Markdown, KaTeX (``$``), Streamlit's directives (``:red[…]``,
``:material/…:``) or an autolink could use. An escaped character is shown as
itself, so text without any of them looks exactly the same, and escaping
text that needs none is harmless. Raw HTML is never enabled for data
(``unsafe_allow_html`` only with constant text, checked by the layer test).

The escaping is for the screen only: charts (Vega draws text, never Markdown),
tables (``st.dataframe``), downloads and exports take the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# CommonMark lets every ASCII punctuation character be escaped; these are the ones
# that can start or close markup: emphasis, code, links and images, HTML tags and
# entities, headings (including setext ``===``), lists, block quotes, tables,
# strikethrough, KaTeX ``$``, Streamlit's ``:colour[...]`` / ``:material/…:`` and
# autolinks (``http://``, ``www.``: the colon and the dot).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&=^\"'%@;/?])")
# Line starts that would make a code block or change the block structure.
_LEADING_SPACE = re.compile(r"(?m)^[ \t]+")


def plain(text: object) -> str:
    """``text`` escaped so that Streamlit's Markdown shows it exactly as typed (no markup, no request).

    ``None`` and NaN become an empty string; anything else is shown as ``str(text)``.
    Leading spaces of a line are dropped (four of them would make a code block).
    """
    if text is None or (isinstance(text, float) and text != text):
        return ""
    value = _LEADING_SPACE.sub("", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    # A line break is kept as a visible one (two spaces: a Markdown hard break), never as a new block.
    return "  \n".join(_MARKDOWN_SPECIAL.sub(r"\\\1", line) for line in value.split("\n"))


def plain_all(texts: Iterable[object]) -> list[str]:
    """:func:`plain` of each item (for lists of names)."""
    return [plain(text) for text in texts]
