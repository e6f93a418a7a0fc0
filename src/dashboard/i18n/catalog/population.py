"""Messages of the population screen: key → (Japanese, English)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "population.title": ("人口推計", "Population outlook"),
    "population.intro": (
        "市の将来推計人口（2020年＝100）。いまから35年後にはいわき市の人口は半減します。",
        "The city's projected population (2020 = 100): in 35 years it halves.",
    ),
    "population.card": ("{year}年", "{year}"),
    "population.index": ("指数（2020年＝100）：{index}", "Index (2020 = 100): {index}"),
    "population.kind.census": ("国勢調査", "Census"),
    "population.kind.projection": ("推計", "Projection"),
    "population.chart.outlook": ("市の将来推計人口", "City population projection"),
    "population.axis.year": ("年", "Year"),
}
