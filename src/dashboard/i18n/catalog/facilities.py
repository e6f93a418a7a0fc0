"""Messages of the facilities screen: key → (Japanese, English)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "facilities.title": ("公共施設の最適化", "Facility optimization"),
    "facilities.intro": (
        "老朽化や人口減少を背景に、公共施設を見直し、最適化するための計画を策定（レポート p.3）",
        "Against ageing and population decline, a plan to review and optimize facilities (report p.3)",
    ),
    "facilities.chart.counts": ("公共施設数", "Public facilities"),
}
