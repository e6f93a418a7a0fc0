"""Messages of the DX KPI screen: key → (Japanese, English)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "dx.title": ("DX指標", "DX KPIs"),
    "dx.intro": (
        "構造改革の成果（レポートの成果の欄）：指標ごとの値・時点・変化、推移、マイナンバーカードの交付率の比較",
        "Results of the reform (the report's results sections): each KPI's value, as-of and change, the trends, and My Number card uptake",
    ),
    # Pillar filter and cards
    "dx.filter.pillar": ("柱（5本の矢）で絞り込み", "Filter by pillar (5 arrows)"),
    "dx.filter.help": (
        "下の指標カードを柱ごとに絞り込みます（URLに保存されます）。",
        "Narrows the KPI cards below to one pillar (kept in the URL).",
    ),
    "dx.cards.heading": ("成果指標", "Results"),
    "dx.cards.none": (
        "この柱に割り当てた数値指標はありません。指標の柱への割り当てはダッシュボード独自の分類で、レポートには記載がありません。",
        "No KPI is assigned to this pillar. The assignment of KPIs to pillars is the dashboard's own; the report prints none.",
    ),
    "dx.card.basis.inferred": (
        "時点は推定（どの数値に付く時点か本文から確定できない）",
        "As-of inferred (the text does not say which figure it belongs to)",
    ),
    "dx.card.basis.printed": ("時点はレポート記載", "As-of printed in the report"),
    "dx.card.basis.reading": (
        "年はダッシュボードの読み（レポートに年の記載なし）",
        "The year is the dashboard's reading (the report prints none)",
    ),
    "dx.card.period": ("{period}の値", "value for {period}"),
    "dx.card.span": ("{start}〜{end}", "{start} to {end}"),
    "dx.card.direction.lower_better": ("少ないほど良い", "Lower is better"),
    "dx.card.direction.higher_better": ("多いほど良い", "Higher is better"),
    "dx.card.direction.neutral": ("方向なし", "No direction"),
    "dx.delta.series": ("{base} {base_value}から{change}", "{change} from {base_value} in {base}"),
    "dx.delta.span": ("{start}→{end}の変化", "change {start}→{end}"),
    "dx.delta.ratio": ("以前との比較（倍率）", "multiple of an earlier level"),
    "dx.delta.ratio.online_growth_vs_before": ("改革前との比較", "vs before the reform"),
    "dx.delta.ratio.line_registration_growth": ("比較の起点は本文に記載なし", "starting point not printed"),
    # Trends
    "dx.trends.heading": ("推移", "Trends"),
    "dx.chart.copy.index": ("コピー出力枚数の推移（2021年＝1）", "Copy output (index, 2021 = 1)"),
    "dx.chart.copy.sheets": (
        "コピー出力枚数の推移（月あたりの枚数に換算）",
        "Copy output in sheets a month (converted)",
    ),
    "dx.copy.unit": ("単位", "Unit"),
    "dx.copy.unit.index": ("指数（2021年＝1）", "Index (2021 = 1)"),
    "dx.copy.unit.sheets": ("枚／月（換算）", "Sheets a month (converted)"),
    "dx.copy.unit_help": (
        "同じデータを、レポートの指数か、月あたりの枚数（指数×2021年の量、ダッシュボードの換算）で表示します。",
        "The same data, as the report's index or in sheets a month (index × the 2021 volume, the dashboard's conversion).",
    ),
    "dx.chart.hours": ("職員の業務時間（年度）", "Staff working hours (fiscal year)"),
    "dx.axis.year": ("年", "Year"),
    "dx.axis.fiscal_year": ("年度", "Fiscal year"),
    "dx.axis.sheets": ("万枚／月", "sheets/month"),
    "dx.legend.direction": ("2021年（基準）との比較", "Against the base year"),
    "dx.legend.direction_fy": ("2022年度（R4）との比較", "Against FY2022 (R4)"),
    "dx.tone.good": ("改善", "Improved"),
    "dx.tone.bad": ("悪化", "Worse"),
    "dx.tone.neutral": ("基準", "Base"),
    "dx.note.sheets": (
        "月あたり枚数＝指数×300万枚（年の記載のない「{printed}」を2021年の量と読むのはダッシュボードの読み）",
        "Sheets a month = index × 3 million (reading the printed 「{printed}」, which has no year, as the "
        "2021 volume is the dashboard's reading)",
    ),
    "dx.hours.gap": ("{label}\n数値の記載なし", "{label}\nnot published"),
    "dx.note.hours_gap": (
        "{label}はレポートの軸にあるが数値の記載がないため空欄（0や補間ではありません）",
        "{label} is on the report's axis without a figure: left empty (not zero, not interpolated)",
    ),
    "dx.hours.summary": (
        "{start}→{end}：{change}（{rate}）",
        "{start}→{end}: {change} ({rate})",
    ),
    # My Number card
    "dx.mn.heading": ("マイナンバーカードの交付率", "My Number card issuance rate"),
    "dx.mn.intro": (
        "いわき市の交付率を福島県・全国と比べ、全市区町村の中での位置を示します（2017〜2022年）。",
        "Iwaki's issuance rate against Fukushima and the nation, and its place among all municipalities (2017–2022).",
    ),
    "dx.mn.peers": ("比較する市区町村を追加（名前で検索）", "Add municipalities to compare (search by name)"),
    "dx.mn.peers_placeholder": ("例：郡山市", "e.g. 郡山市 (Koriyama)"),
    "dx.mn.peers_help": (
        "最大{n}件。都道府県名と市区町村名で検索できます（URLに保存されます）。",
        "Up to {n}. Search by prefecture and municipality name (kept in the URL).",
    ),
    "dx.mn.series.prefecture": ("福島県（人口加重）", "Fukushima (population-weighted)"),
    "dx.mn.series.national": ("全国（人口加重）", "Nation (population-weighted)"),
    "dx.mn.card.iwaki": ("いわき市の交付率", "Iwaki's issuance rate"),
    "dx.mn.card.prefecture": ("福島県の交付率（人口加重）", "Fukushima rate (weighted)"),
    "dx.mn.card.national": ("全国の交付率（人口加重）", "National rate (weighted)"),
    "dx.mn.card.percentile": ("全市区町村中のいわき市の位置", "Iwaki's percentile among municipalities"),
    "dx.mn.percentile_value": ("{value}パーセンタイル", "{value} percentile"),
    "dx.mn.below": ("全国を{gap}下回る", "{gap} below the national rate"),
    "dx.mn.above": ("全国を{gap}上回る", "{gap} above the national rate"),
    "dx.mn.equal": ("全国と同じ", "same as the national rate"),
    "dx.mn.chart_rate": ("交付率の推移（人口に対する交付枚数の割合）", "Issuance rate (cards per population)"),
    "dx.mn.chart_percentile": ("全市区町村中の位置（パーセンタイル）", "Place among all municipalities (percentile)"),
    "dx.mn.axis.snapshot": ("集計日", "Snapshot"),
    "dx.mn.axis.rate": ("交付率（％）", "Rate (%)"),
    "dx.mn.axis.percentile": ("パーセンタイル", "Percentile"),
    "dx.mn.legend": ("地域", "Area"),
    "dx.mn.note.weighted": (
        "福島県・全国の率は全市区町村の交付枚数の合計÷人口の合計（人口加重）としてダッシュボードが算出",
        "Fukushima and national rates: sum of cards ÷ sum of population over all municipalities "
        "(population-weighted), computed by the dashboard",
    ),
    "dx.mn.note.percentile": (
        "パーセンタイル＝交付率がその市区町村以下である市区町村の割合（集計日ごと、全{n}市区町村）",
        "Percentile = share of municipalities whose rate is at or below its own (per snapshot, all {n})",
    ),
    "dx.mn.note.population": (
        "人口は住民基本台帳（各集計の基準日時点）。市区町村の率は交付枚数÷人口",
        "Population from the basic resident register (as of each release's base date); "
        "a municipality's rate is cards ÷ population",
    ),
    # Derived figures
    "dx.online.report_words": ("レポートの説明（原文のまま）", "What the report says (in its words)"),
    "dx.hours.report_words": ("レポートの説明（原文のまま）", "What the report says (in its words)"),
    "dx.hours.work_types": (
        "レポートが挙げる3種類の業務（それぞれの時間や内訳の数値は記載なし）",
        "The three kinds of work the report names (it prints no hours or split for them)",
    ),
    "dx.hours.context": (
        "参考：報道された数値（レポート外）",
        "For reference: figures reported in the press (not in the report)",
    ),
    "dx.hours.context_apart": (
        "レポートとは別の出典です",
        "A different source from the report",
    ),
    "dx.derived.heading": ("算出値", "Derived figures"),
    "dx.derived.intro": (
        "レポートの数値からダッシュボードが計算した値です（レポートには印刷されていません）。",
        "Computed by the dashboard from the report's figures (not printed in the report).",
    ),
    "dx.derived.before": ("改革前のオンライン申請件数（推計）", "Online applications before the reform (implied)"),
    "dx.derived.before_formula": (
        "{after}÷{multiple}",
        "{after} ÷ {multiple}",
    ),
    "dx.derived.hours_share": ("業務時間の削減割合（R4比）", "Working hours saved, share of FY2022 (R4)"),
    "dx.derived.hours_share_formula": (
        "{saved}÷{base}（レポート記載の{printed}と一致）",
        "{saved} ÷ {base} (matches the printed {printed})",
    ),
    "dx.derived.copy_saved": ("コピー出力の削減量（{year}年、2021年比）", "Copy output saved ({year} vs 2021)"),
    "dx.derived.copy_saved_formula": ("（1−{index}）×{base}", "(1 − {index}) × {base}"),
    "dx.derived.report_sep": ("・", " · "),
    "dx.derived.report_says": ("レポートの表記：{printed}", "The report prints: {printed}"),
    "dx.derived.computed": ("↓ ダッシュボードの計算（算出値）", "↓ The dashboard's computation (derived)"),
    "dx.derived.before_as_of": (
        "記載なし（「改革前」がいつかはレポートに書かれていません）",
        "none (the report does not say when 'before the reform' was)",
    ),
    "dx.derived.method": ("計算方法：{formula}", "Method: {formula}"),
    "dx.derived.before_depends": (
        "2025年3月は改革後の実績（年60,000件）の時点で、改革前の値の時点ではありません",
        "March 2025 dates the result after the reform (60,000 a year), not the figure before it",
    ),
    "dx.derived.copy_saved_depends": (
        "「{printed}」には年の記載がなく、2021年（指数＝1）の量と読んだ場合の値です（ダッシュボードの読み）",
        "「{printed}」 (3 million sheets a month) is printed without a year; this figure assumes it is the 2021 volume "
        "(index = 1), which is the dashboard's reading",
    ),
    "dx.derived.table": ("算出値の一覧", "Derived figures"),
    # Table headers
    "dx.col.year": ("年", "Year"),
    "dx.col.fiscal_year": ("年度", "Fiscal year"),
    "dx.col.index": ("指数（2021年＝1）", "Index (2021 = 1)"),
    "dx.col.implied_sheets": ("月あたり枚数（算出）", "Sheets a month (derived)"),
    "dx.col.direction": ("2021年との比較", "Against 2021"),
    "dx.col.hours": ("業務時間", "Working hours"),
    "dx.col.status": ("状態", "Status"),
    "dx.col.published": ("レポート記載", "Printed in the report"),
    "dx.col.snapshot": ("集計日", "Snapshot"),
    "dx.col.series": ("地域", "Area"),
    "dx.col.rate": ("交付率（％）", "Rate (%)"),
    "dx.col.cards": ("交付枚数", "Cards issued"),
    "dx.col.population": ("人口", "Population"),
    "dx.col.percentile": ("パーセンタイル", "Percentile"),
    "dx.col.figure": ("算出値", "Figure"),
    "dx.col.value": ("値", "Value"),
    "dx.col.formula": ("計算式", "Formula"),
}
