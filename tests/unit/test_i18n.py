"""The message catalogue: both languages for every key, keys used in code exist, formatting helpers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.i18n import LANGUAGES, language, set_language, t
from dashboard.i18n.catalog import MESSAGES
from dashboard.i18n.format import (
    as_of_label,
    fiscal_year_label,
    fmt_change,
    fmt_tone,
    fmt_toned_change,
    fmt_value,
    is_stale,
    months_between,
    stale_label,
    wareki,
)

SRC = Path(__file__).resolve().parents[2] / "src" / "dashboard"


@pytest.fixture(autouse=True)
def _reset_language() -> None:
    set_language("ja")


def test_every_key_has_both_languages() -> None:
    for key, pair in MESSAGES.items():
        assert len(pair) == len(LANGUAGES), key
        assert all(isinstance(s, str) and s for s in pair), key


def test_placeholders_agree_between_languages() -> None:
    for key, (ja, en) in MESSAGES.items():
        assert set(re.findall(r"{(\w+)}", ja)) <= set(re.findall(r"{(\w+)}", en)) | {"month"}, key


def test_literal_keys_used_in_code_exist() -> None:
    used = set()
    for path in SRC.rglob("*.py"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z0-9_.]+)["']""", path.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in MESSAGES)
    assert not missing, missing


def test_language_switch_and_fallback() -> None:
    assert t("nav.overview") == "概要"
    set_language("en")
    assert t("nav.overview") == "Overview"
    assert set_language("fr") == "ja" and language() == "ja"
    assert t("no.such.key") == "[no.such.key]"


def test_wareki_and_fiscal_year() -> None:
    assert [wareki(y) for y in (2018, 2019, 2022, 2024, 2025)] == ["H30", "R1", "R4", "R6", "R7"]
    assert fiscal_year_label(2022) == "2022年度（R4）"
    set_language("en")
    assert fiscal_year_label(2024) == "FY2024 (R6)"


def test_value_formatting_in_the_reports_style() -> None:
    assert fmt_value(522.0, "hours_10k") == "522.0万時間"
    assert fmt_value(20.5, "percent") == "20.5％"
    assert fmt_value(3, "ratio") == "3倍"
    assert fmt_value(239322, "messages_per_month") == "239,322件／月"
    assert as_of_label("2025-03") == "2025年3月"
    assert as_of_label(None) == t("prov.as_of_none")
    set_language("en")
    assert fmt_value(3, "ratio") == "×3"
    assert as_of_label("2024-05-28") == "May 28, 2024"


def test_one_sign_convention_a_change_in_words() -> None:
    # 「4.5％減」「35施設減」: the size, its unit, then 減／増; never ▲, never a minus sign.
    assert fmt_change(-4.5, "percent", 1) == "4.5％減"
    assert fmt_change(-35, "facilities", 0) == "35施設減"
    assert fmt_change(-23.5, "hours_10k", 1) == "23.5万時間減"
    assert fmt_change(0.8, "points", 1) == "0.8ポイント増"
    assert fmt_change(0, "percent", 1) == "増減なし"
    assert fmt_change(-0.2, None, 2) == "0.20減"  # an index whose label names its base
    assert fmt_toned_change(-4.5, "percent", "good", 1) == "4.5％減（改善）"
    assert fmt_toned_change(-4.5, "percent", "bad", 1) == "4.5％減（悪化）"
    assert fmt_toned_change(-4.5, "percent", "neutral", 1) == "4.5％減"
    assert fmt_tone("good") == "改善" and fmt_tone("neutral") == ""
    for text in (fmt_change(-4.5, "percent", 1), fmt_toned_change(-35, "facilities", "good", 0)):
        assert not set(text) & set("▲△−-↓↑"), text
    set_language("en")
    assert fmt_change(-4.5, "percent", 1) == "down 4.5%"
    assert fmt_change(-23.5, "hours_10k", 1) == "down 235,000 hours"
    assert fmt_change(12, "services", 0) == "up 12 services"
    assert fmt_toned_change(-4.5, "percent", "good", 1) == "down 4.5% (better)"
    assert fmt_toned_change(-4.5, "percent", "bad", 1) == "down 4.5% (worse)"


def test_the_age_of_a_figure_older_than_twelve_months() -> None:
    assert months_between("2022-12-31", "2025-05") == 29
    assert is_stale("2022-12-31", "2025-05")  # My Number card uptake ends there
    assert not is_stale("2025-03", "2025-05")
    assert not is_stale("2024-05", "2025-05")  # exactly twelve months is still current
    assert is_stale("2024-04", "2025-05")
    assert not is_stale("2024", "2025-05")  # a year alone reads as its end
    assert not is_stale("2020年・2060年", "2025-05")  # a span of years is not a date
    assert not is_stale(None, "2025-05") and not is_stale("2022-12", None)
    assert stale_label("2022-12-31") == "2022年12月時点・最新ではありません"
    set_language("en")
    assert stale_label("2022-12-31") == "as of December 2022, not current"


def test_english_messages_have_no_japanese_punctuation() -> None:
    # 「Source：」「Census、MIC」: Japanese punctuation in English text (quoted originals in 「」 aside).
    for key, (_, en) in MESSAGES.items():
        assert not re.search(r"[、。：｜（）～〜・]", en), key


def test_no_screen_code_writes_a_triangle_or_a_change_arrow() -> None:
    # One convention: the formatter writes changes; views and charts never spell ▲ or draw st.metric's arrows.
    for folder in ("views", "charts"):
        for path in (SRC / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
            assert '"▲' not in code and "'▲" not in code, path
            for arrow in re.findall(r"delta_arrow=([^,)\n]+)", code):
                assert arrow.strip() == '"off"', (path, arrow)
