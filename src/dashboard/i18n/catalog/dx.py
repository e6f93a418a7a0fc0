"""Messages of the DX KPI screen: key → (Japanese, English)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "dx.title": ("DX指標", "DX KPIs"),
    "dx.intro": ("構造改革の成果（レポート p.3）", "Results of the reform (report p.3)"),
    "dx.chart.copy": ("コピー出力枚数の推移（2021年＝1）", "Copy output (index, 2021 = 1)"),
    "dx.as_of_note": (
        "時点はカードごとに表示（2025年3月または5月。どの数値にどちらの時点が付くかは本文から確定できないものがあります）",
        "As-of per card (March or May 2025; for some figures the text does not say which)",
    ),
}
