"""Data-derived text reaches Streamlit's Markdown only through views.safe.plain; maps show tooltips as text."""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd
import pytest

from dashboard.views.safe import WORD_JOINER, plain, plain_all, plain_frame

VIEWS = Path(__file__).resolve().parents[2] / "src" / "dashboard" / "views"
CHARTS = VIEWS.parent / "charts"
# Streamlit calls whose text (first argument, label, value, help...) is rendered as Markdown.
MARKDOWN_CALLS = frozenset(
    {
        "markdown",
        "caption",
        "title",
        "header",
        "subheader",
        "metric",
        "info",
        "warning",
        "error",
        "success",
        "toast",
        "write",
        "page_link",
        "expander",
        "popover",
        "segmented_control",
        "pills",
        "radio",
        "table",
        "_link",
        "_card",
    }
)
MARKDOWN_KEYWORDS = frozenset({"label", "value", "help", "body", "delta", "help_text", "lines", "format_func"})
ESCAPES = frozenset({"plain", "plain_all", "plain_frame", "source_text"})
# Functions returning dataset text, and the dataset columns holding free text.
DATA_CALLS = frozenset({"localized", "credit", "_credit_line", "quote_text"})
DATA_KEYS = frozenset(
    {
        "name",
        "name_ja",
        "name_en",
        "label",
        "note",
        "question",
        "option",
        "detail",
        "aims",
        "credit",
        "address",
        "wording_ja",
        "reading_ja",
        "reading_en",
        "heading_ja",
        "heading_en",
    }
)


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _unescaped_data(node: ast.AST) -> list[ast.AST]:
    """Expressions under ``node`` that produce dataset text outside any escaping call."""
    found: list[ast.AST] = []
    if isinstance(node, ast.Call) and _name(node.func) in ESCAPES:
        return found
    if isinstance(node, ast.Call) and _name(node.func) in DATA_CALLS:
        found.append(node)
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and node.slice.value in DATA_KEYS:
        found.append(node)
    for child in ast.iter_child_nodes(node):
        found += _unescaped_data(child)
    return found


def markdown_findings(source: str) -> list[str]:
    """Places in a module's source where dataset text goes straight into a Markdown-rendering call."""
    findings = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or _name(node.func) not in MARKDOWN_CALLS:
            continue
        texts = list(node.args) + [kw.value for kw in node.keywords if kw.arg in MARKDOWN_KEYWORDS]
        for text in texts:
            findings += [f"line {bad.lineno}: {ast.unparse(bad)[:80]}" for bad in _unescaped_data(text)]
    return findings


@pytest.mark.parametrize("path", sorted(VIEWS.glob("*.py")), ids=lambda p: p.name)
def test_views_never_put_dataset_text_into_markdown_unescaped(path: Path) -> None:
    assert markdown_findings(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "snippet",
    [
        "st.caption(localized(row, 'aims'))",
        "st.markdown(f\"**{localized(row, 'name')}**\")",
        "st.metric(localized(row, 'name'), v, help=note)",
        "st.subheader(t('x', name=localized(row, 'name')))",
        "st.caption(credit(source_id))",
        "st.markdown(f\"#### {row['name']}\")",
        "col.metric(label, localized(row, 'label'))",
        "st.segmented_control('x', options, format_func=lambda p: localized(rows[p], 'name'))",
    ],
)
def test_the_checker_finds_unescaped_dataset_text(snippet: str) -> None:
    assert markdown_findings(snippet)


@pytest.mark.parametrize(
    "snippet",
    [
        "st.caption(plain(localized(row, 'aims')))",
        "st.markdown(f\"**{plain(localized(row, 'name'))}**\")",
        "st.subheader(t('x', name=plain(localized(row, 'name'))))",
        "st.dataframe(frame.assign(name=[localized(r, 'name') for r in rows]))",  # a grid draws plain text
        "st.caption(t('prov.classification'))",
    ],
)
def test_the_checker_accepts_escaped_or_non_markdown_text(snippet: str) -> None:
    assert markdown_findings(snippet) == []


INJECTIONS = [
    "**bold**",
    "<b>x</b>",
    "<img src=http://198.51.100.7/x.png>",
    "![x](http://198.51.100.7/beacon.png)",
    "[link](http://198.51.100.7/)",
    "$x^2$",
    ":red[red]",
    ":material/home:",
    "# heading",
    "1. list",
    "- item",
    "> quote",
    "a | b",
    "~~gone~~",
    "`code`",
    "&amp;",
    "www.example.com",
    "mail@example.jp",
    "title\n===",
]


@pytest.mark.parametrize("text", INJECTIONS)
def test_plain_escapes_every_markup_character(text: str) -> None:
    escaped = plain(text)
    specials = set("\\`*_{}[]()<>#+-.!|~$:&=")
    # Every special character is preceded by a backslash; nothing else is added but word joiners.
    i = 0
    chars = []
    while i < len(escaped):
        if escaped[i] == "\\":
            chars.append(escaped[i + 1])
            i += 2
            continue
        assert escaped[i] not in specials, (text, escaped)
        chars.append(escaped[i])
        i += 1
    assert "".join(c for c in chars if c != WORD_JOINER).replace("  \n", "\n") == text


def test_plain_breaks_bare_addresses_and_keeps_plain_text() -> None:
    assert "://" not in plain("http://198.51.100.7/").replace("\\", "")
    assert "www." not in plain("www.example.com").replace("\\", "")
    assert plain("いわき市") == "いわき市"
    assert plain(None) == "" and plain(float("nan")) == ""
    assert plain_all(["a.b", "c"]) == ["a\\.b", "c"]


def test_plain_frame_escapes_text_cells_and_headers_only() -> None:
    frame = pd.DataFrame({"name_*": ["**x**", None], "value": [1.5, -2.0]})
    out = plain_frame(frame)
    assert list(out.columns) == ["name\\_\\*", "value"]
    assert out.iloc[0, 0] == "\\*\\*x\\*\\*" and pd.isna(out.iloc[1, 0])
    assert list(out["value"]) == [1.5, -2.0]


@pytest.mark.parametrize("path", sorted(CHARTS.glob("*.py")), ids=lambda p: p.name)
def test_map_tooltips_are_text_never_html(path: Path) -> None:
    # deck.gl shows a tooltip's "html" as HTML (place and facility names would be markup); "text" is text.
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "tooltip" and isinstance(node.value, ast.Dict):
            keys = {k.value for k in node.value.keys if isinstance(k, ast.Constant)}
            assert "html" not in keys and keys <= {"text", "style"}, (path.name, node.value.lineno)
