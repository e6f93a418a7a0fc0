"""The message catalogue: both languages for every key, keys used in code exist, formatting helpers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.i18n import LANGUAGES, language, set_language, t
from dashboard.i18n.catalog import MESSAGES
from dashboard.i18n.format import as_of_label, fiscal_year_label, fmt_signed, fmt_value, wareki

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
    assert fmt_signed(-23.5) == "▲23.5"
    assert as_of_label("2025-03") == "2025年3月"
    assert as_of_label(None) == t("prov.as_of_none")
    set_language("en")
    assert fmt_value(3, "ratio") == "×3"
    assert fmt_signed(-4.5) == "−4.5"
    assert as_of_label("2024-05-28") == "May 28, 2024"
