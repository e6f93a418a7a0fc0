"""Messages of the staff-survey screen: key → (Japanese, English)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "survey.title": ("職員アンケート", "Staff survey"),
    "survey.intro": (
        "構造改革に関する職員向けのアンケート（R7.3実施）",
        "Staff survey on the structural reform (March 2025, R7.3)",
    ),
    "survey.agree": ("そう感じる・そう思う（公表値）", "Agree (published)"),
    "survey.rest": ("それ以外（内訳は非公表）", "The rest (breakdown not published)"),
    "survey.chart.published": ("公表されている結果", "Published results"),
}
