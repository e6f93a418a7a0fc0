"""Messages of the overview screen: key → (Japanese, English)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "overview.pillars": ("5本の矢", "The five arrows"),
    "overview.card.population": ("市の人口（2020年→2060年）", "City population (2020 → 2060)"),
}
