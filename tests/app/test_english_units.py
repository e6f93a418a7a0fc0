"""English as a native executive reads it: no 万/億 units translated word for word, no broken ordinals, on any page."""

from __future__ import annotations

import re

import pytest
from apptest_util import page_text, run_page
from conftest import PAGES
from streamlit.testing.v1 import AppTest

from dashboard.i18n import set_language
from dashboard.i18n.catalog import MESSAGES
from dashboard.i18n.format import fmt_change, fmt_value, ordinal

# "522.0 10k hours", "128.2 100 million yen/year", "1th / 22th percentile", "11st".
FORBIDDEN = re.compile(r"10k hours|100 million yen|\b10k |\b(?:\d*[02-9])?[123]th\b|\b\d*1[123](?:st|nd|rd)\b")


def test_the_pattern_catches_what_it_must() -> None:
    for bad in ("522.0 10k hours", "128.2 100 million yen/year", "1th", "22th percentile", "11st", "101th"):
        assert FORBIDDEN.search(bad), bad
    for good in ("5.22 million hours", "¥12.82 billion", "1st", "11th", "12th", "13th", "22nd", "111th"):
        assert not FORBIDDEN.search(good), good


def english_text(at: AppTest) -> str:
    """Everything the page shows: text, tables, metric values and deltas, tooltips on metrics."""
    parts = [page_text(at)]
    parts += [f"{m.proto.delta} {m.proto.help}" for m in at.metric]
    parts += [str(e.label) for e in at.expander]
    parts += [str(pl.proto.label) for pl in at.get("page_link")]
    # Chart specs: axis titles, labels and tooltips drawn inside the charts.
    parts += [chart.proto.spec for chart in at.get("vega_lite_chart")]
    return "\n".join(parts)


@pytest.mark.parametrize("page", list(PAGES))
def test_no_english_page_writes_10k_hours_100_million_yen_or_1th(page: str) -> None:
    at = run_page(page, lang="en")
    assert not at.exception, at.exception
    text = english_text(at)
    assert "Source" in text
    found = sorted({m.group(0) for m in FORBIDDEN.finditer(text)})
    assert not found, f"{page}: {found}"


def test_the_catalogue_has_no_such_english() -> None:
    bad = {key: en for key, (_, en) in MESSAGES.items() if FORBIDDEN.search(en) or "constitution" in en}
    assert not bad


def test_amounts_in_millions_and_billions() -> None:
    set_language("en")
    try:
        assert fmt_value(522.0, "hours_10k", 1) == "5.22 million hours"
        assert fmt_value(498.5, "hours_10k", 1) == "4.985 million hours"
        assert fmt_change(-23.5, "hours_10k", 1) == "down 235,000 hours"
        assert fmt_value(128.2, "oku_yen_per_year") == "¥12.82 billion a year"
        assert fmt_value(6000, "oku_yen") == "¥600 billion"
        assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111)] == [
            "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th",
        ]  # fmt: skip
    finally:
        set_language("ja")
    assert fmt_change(-23.5, "hours_10k", 1) == "23.5万時間減"  # Japanese keeps the report's units
    assert fmt_value(128.2, "oku_yen_per_year") == "128.2億円／年"


def test_terms() -> None:
    from dashboard.data import load_dataset

    context = load_dataset("report_context").set_index("name_ja")
    assert "constitution" not in context.loc["体質の改善", "name_en"].lower()
    named = load_dataset("named_initiatives").set_index("name_ja")
    assert named.loc["フリーアドレス（未来オフィス）", "name_en"].startswith("Hot desking")
