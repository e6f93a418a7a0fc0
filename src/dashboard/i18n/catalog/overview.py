"""Messages of the overview screen: key → (Japanese, English)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # Context strip (the report's 「市の現状」 and 「行政経営の方向性」)
    "overview.context.challenges": ("5つの課題", "Five challenges"),
    "overview.context.goals": ("4つのWell-Being", "Four Well-Being goals"),
    "overview.context.vision": ("ビジョン", "Vision"),
    "overview.context.missions": ("ミッション", "Missions"),
    "overview.context.item": ("{name}（{detail}）", "{name} ({detail})"),
    "overview.list.sep": ("　", " · "),
    "overview.context.more": ("背景：課題・目標・ビジョン", "Background: challenges, goals and vision"),
    # The report's verdict (its own words, from the data) and its claims
    "overview.verdict.heading": ("レポートの総括（原文）", "The report's verdict, in its words:"),
    "overview.verdict.sep": ("　", " "),
    "overview.context.claims": ("レポートの主張（原文のまま）", "What the report says (in its words)"),
    # The reform's results in one line, computed from the data (under the report's verdict)
    "overview.results.line": (
        "**集中改革期間（{period}）の成果**　{parts}",
        "**Results of the reform period ({period}):** {parts}",
    ),
    "overview.results.sep": ("、", "; "),
    "overview.results.hours": ("職員の業務時間 {change}・{pct}", "staff working hours {change}, {pct}"),
    "overview.results.facilities": ("公共施設 {change}", "public facilities {change}"),
    "overview.results.online": (
        "オンライン申請 改革前の{multiple}",
        "online applications {multiple} vs before the reform",
    ),
    "overview.results.survey": ("職員の{pct}が「{question}」", "{pct} of staff: “{question}”"),
    # Headline cards
    "overview.cards.heading": ("主な成果と見通し", "Headline figures"),
    "overview.card.population": ("将来推計人口（{end}年）", "Projected population ({end})"),
    "overview.card.population_delta": ("{base}年比 {change}（{pct}）", "{change} ({pct}) from {base}"),
    "overview.card.population_line": (
        "{start}年 {before} → {end}年 {after}（指数{index}）",
        "{start}: {before} → {end}: {after} (index {index})",
    ),
    "overview.card.report_headline": ("レポートの見出し：{quote}", "The report's headline: {quote}"),
    "overview.card.hours": ("職員の業務時間の削減（{start}→{end}）", "Working hours ({start} → {end})"),
    "overview.card.hours_line": ("{start} {before} → {end} {after}", "{start} {before} → {end} {after}"),
    "overview.card.facilities": ("公共施設数（{end}年）", "Public facilities ({end})"),
    "overview.card.facilities_delta": ("{base}年比 {change}・{pct}", "{change}, {pct} from {base}"),
    "overview.card.facilities_line": ("{start}年 {before}（増減は算出値）", "{start}: {before} (change derived)"),
    "overview.card.online": ("オンライン申請（改革前比）", "Online applications vs pre-reform"),
    "overview.card.online_note": ("{per_year}・申請率{rate}", "{per_year}, online rate {rate}"),
    "overview.card.survey": ("職員アンケート（{when}）", "Staff survey ({when})"),
    "overview.card.survey_line": ("{pct}：{question}", "{pct}: {question}"),
    "overview.card.survey_share": (
        "回答の選択肢はレポートに記載がなく、割合は複数の選択肢の合計の可能性があります",
        "The report prints no answer options; a share may combine several answers",
    ),
    "overview.card.more": ("{page}へ", "Go to {page}"),
    "overview.span.years": ("{start}年・{end}年", "{start} and {end}"),
    "overview.span.fiscal": ("{start}〜{end}", "{start} to {end}"),
    # Pillars
    "overview.pillars.heading": ("5本の矢（柱）", "The five arrows (pillars)"),
    "overview.pillars.intro": (
        "柱を選ぶと、その柱で絞り込んだDX指標ページを開きます。",
        "Choose a pillar to open the DX KPI page filtered by it.",
    ),
    "overview.pillar.link_help": (
        "DX指標ページをこの柱で絞り込んで開く",
        "Open the DX KPI page filtered by this pillar",
    ),
    "overview.pillar.counts": ("成果指標 {kpis}｜取組 {initiatives}", "KPIs {kpis} | initiatives {initiatives}"),
    "overview.pillar.no_kpis": (
        "ダッシュボードの分類では、この柱に割り当てた数値指標はありません",
        "no KPI assigned to this pillar in the dashboard's own classification",
    ),
    "overview.pillar.separator": ("・", ", "),
    # Timeline
    "overview.timeline.title": ("構造改革の歩み（{start}〜{end}）", "Steps of the reform ({start} to {end})"),
    "overview.filter.pillar": ("柱", "Pillar"),
    "overview.filter.fiscal_year": ("年度", "Fiscal year"),
    "overview.filter.query": ("キーワード", "Keyword"),
    "overview.filter.query_placeholder": ("例：AI、窓口、BPR", "e.g. AI, counter, BPR"),
    "overview.filter.help": (
        "何も選ばなければすべてを表示します。選択はURLに保存されます。",
        "Nothing chosen shows everything. The choice is kept in the URL.",
    ),
    "overview.filter.query_help": (
        "取組の名称・詳細を検索します（空白区切りで複数語）。下の「レポートに名前の挙がった取組」にも適用されます。",
        "Searches names and details (several words separated by spaces). Also applies to the list of named initiatives below.",
    ),
    "overview.timeline.count": ("{total}件中 {shown}件を表示", "Showing {shown} of {total}"),
    "overview.timeline.empty": ("条件に合う取組はありません。", "No initiative matches."),
    "overview.timeline.key": (
        "● 月の記載あり　□ 月の記載なし（年度の初めに表示、点線はその年度内）　→ 以降も続く",
        "● month printed   □ no month printed (shown at the start of the fiscal year; dotted: some time that year)   → continues",
    ),
    "overview.timeline.date_format": ("%Y年%-m月", "%b %Y"),
    "overview.timeline.until": ("{name}（～{year}）", "{name} (to {year})"),
    "overview.timeline.no_month": ("{fy}（月の記載なし）", "{fy} (no month printed)"),
    "overview.timeline.note_month": (
        "年度は4月〜翌3月。月の記載がない取組は年度の初めに□で示しています。",
        "Fiscal years run April–March. Items without a printed month are shown as □ at the start of their fiscal year.",
    ),
    "overview.col.fiscal_year": ("年度", "Fiscal year"),
    "overview.col.when": ("時期", "When"),
    "overview.col.name": ("取組", "Initiative"),
    "overview.col.pillar": ("柱（ダッシュボードの分類）", "Pillar (dashboard's classification)"),
    "overview.col.detail": ("詳細", "Detail"),
    "overview.col.section": ("レポートの見出し", "Report section"),
    "overview.tooltip.name": ("取組", "Initiative"),
    "overview.tooltip.pillar": ("柱", "Pillar"),
    "overview.tooltip.fiscal_year": ("年度", "Fiscal year"),
    "overview.tooltip.when": ("時期", "When"),
    "overview.tooltip.detail": ("詳細", "Detail"),
    # Named initiatives
    "overview.named.title": (
        "レポートに名前の挙がった取組（{shown}／{total}件）",
        "Initiatives named in the report ({shown} of {total})",
    ),
    "overview.named.intro": (
        "成果のページに名前だけが挙がっている取組です（時期の記載なし）。上の柱とキーワードで絞り込まれます。",
        "Initiatives the results page names without a date. The pillar and keyword filters above apply.",
    ),
    # Parts built when opened (components.on_demand)
    "overview.named.open": (
        "レポートに名前の挙がった取組（時期の記載なし）",
        "Initiatives named in the report (no date)",
    ),
}
