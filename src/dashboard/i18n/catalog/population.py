"""Messages of the population screen: key → (Japanese, English)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "population.title": ("人口推計", "Population outlook"),
    "population.intro": (
        "レポートが示す市の将来推計人口と、国勢調査・住民基本台帳の実績、地域の年齢構成、県内市町村との比較。",
        "The city's projected population from the report, with the census and resident-register counts, "
        "the area's age structure and the prefecture's municipalities.",
    ),
    # Kept for other screens (overview, facilities, dx) that share them.
    "population.card": ("{year}年", "{year}"),
    "population.index": ("指数（2020年＝100）：{index}", "Index (2020 = 100): {index}"),
    "population.kind.census": ("国勢調査", "Census"),
    "population.kind.projection": ("推計", "Projection"),
    "population.chart.outlook": ("市の将来推計人口", "City population projection"),
    "population.axis.year": ("年", "Year"),
    # Headline
    "population.headline.message": (
        "いわき市の人口は **{base_year}年 {base}人** から **{year}年 {value}人**（指数 {index}、{base_year}年＝100）"
        "へ減少する推計です。",
        "The city's population is projected to fall from **{base} in {base_year}** to **{value} in {year}** "
        "(index {index}, {base_year} = 100).",
    ),
    "population.card.label": ("{year}年・{kind}（指数 {index}）", "{year} · {kind} (index {index})"),
    "population.card.delta": ("{change}（{pct}）", "{change} ({pct})"),
    "population.card.delta_desc": ("{year}年比", "vs {year}"),
    "population.cards.heading": ("2020年・2040年・2060年の人口", "Population in 2020, 2040 and 2060"),
    "population.report_says": ("レポートの見出し（原文のまま）", "The report's headline (in its words)"),
    "population.card.halving": ("ダッシュボードの計算：{year}年の半分", "Dashboard's computation: half of {year}"),
    "population.halving.versus": (
        "レポートの「半減」は、2060年の推計（{year}年・指数{index}）に添えられた見出しです。"
        "上の計算は、人口が指数50に達する年をダッシュボードが別に求めたもので、レポートの数値ではありません。",
        "The report's 'halved' is the headline printed with its projection for {year} (index {index}). "
        "The computation above is the dashboard's own estimate of when the index reaches 50; it is not a figure of the report.",
    ),
    "population.card.halving_value": ("{year}年ごろ", "around {year}"),
    "population.card.halving_after": ("基準年から約{years}年後", "about {years} years after the base year"),
    "population.halving.method.extrapolated": (
        "半減の年（算出値）：{y0}→{y1}年の年平均変化率 {rate} が{y1}年以降も続くと仮定して幾何的に延長し、"
        "{base_year}年の半分（{target}人）に達する年を求めました。",
        "Halving year (derived): the {y0}→{y1} average annual change ({rate}) is assumed to continue after {y1} "
        "(geometric extrapolation) until the population reaches half of {base_year} ({target}).",
    ),
    "population.halving.method.interpolated": (
        "半減の年（算出値）：{y0}年と{y1}年の推計値の間を幾何補間（一定の年率 {rate} で変化すると仮定）し、"
        "{base_year}年の半分（{target}人）に達する年を求めました。",
        "Halving year (derived): geometric interpolation between the {y0} and {y1} figures (a constant annual "
        "change, {rate}) finds when the population reaches half of {base_year} ({target}).",
    ),
    "population.headline.derived_note": (
        "人口と指数はレポートの値、増減と半減の年はダッシュボードの算出値",
        "Populations and indices from the report; changes and the halving year derived by the dashboard",
    ),
    "population.rate_value": ("{value}／年", "{value} a year"),
    # Outlook chart
    "population.chart.actual": (
        "市の将来推計人口と実績（国勢調査・住民基本台帳）",
        "City projection and actual counts (census, resident register)",
    ),
    "population.series.census": ("国勢調査", "Census"),
    "population.series.projection": ("市の将来推計（レポート）", "City projection (report)"),
    "population.series.register": ("住民基本台帳（1月1日）", "Resident register (1 January)"),
    "population.series.vision": ("旧人口ビジョンの見通し", "Earlier population vision"),
    "population.series.plan": ("個別施設計画の推計（報道）", "Facility plan estimate (press)"),
    "population.series.city_2024": ("市の人口 2024年5月1日（報道）", "City population, 1 May 2024 (press)"),
    "population.count.census": (
        "国勢調査：実際に住んでいる人（10月1日）",
        "Census: people actually living there (1 October)",
    ),
    "population.count.projection": (
        "推計：2020年国勢調査を起点とする市の推計",
        "Projection: the city's projection from the 2020 census",
    ),
    "population.count.register": (
        "住民基本台帳：住民票のある人（1月1日）",
        "Resident register: registered residents (1 January)",
    ),
    "population.count.vision": ("見通し：旧いわき市人口ビジョン（約）", "Outlook: earlier population vision (approx.)"),
    "population.count.plan": ("推計：個別施設計画（報道による）", "Estimate: facility plan (as reported)"),
    "population.count.city_2024": (
        "市の人口（報道による。集計の基準は記載なし）",
        "City population (as reported; basis not stated)",
    ),
    "population.ctl.index": ("指数で表示", "Show as index"),
    "population.ctl.base": ("指数の基準年（＝100）", "Index base year (= 100)"),
    "population.ctl.range": ("表示する年の範囲", "Years shown"),
    "population.ctl.context": ("ほかの公表値も表示", "Show other published figures"),
    "population.ctl.context_help": (
        "旧人口ビジョン（2021年資料）、個別施設計画の推計と2024年5月1日の人口（2024年5月の報道）。"
        "レポートとは別の出典・別の推計です。",
        "The earlier population vision (2021 document), the facility plan's estimate and the 1 May 2024 "
        "population (press, May 2024): other sources, other estimates than the report.",
    ),
    "population.axis.index": ("指数（{year}年＝100）", "Index ({year} = 100)"),
    "population.col.series": ("系列", "Series"),
    "population.col.count": ("何を数えたか", "What is counted"),
    "population.col.date": ("時点", "Date"),
    "population.outlook.index_note": (
        "指数は系列ごとに同じ集計の{year}年の値を100として算出（推計は国勢調査を基準）",
        "Each series indexed on its own count in {year} = 100 (the projection on the census)",
    ),
    "population.outlook.marks": (
        "塗りつぶしの記号＝実際の集計（国勢調査・住民基本台帳）、中抜きの記号＝推計・見通し。"
        "点線は公表された点と点を結んだ線で、その間の年の値ではありません。数値ラベルはレポートの値です。",
        "Filled marks = counts (census, resident register); hollow marks = projections and outlooks. "
        "Dashed lines only join published points; they are not values for the years between. "
        "Number labels are the report's figures.",
    ),
    "population.outlook.dropped": (
        "指数表示で省いた系列（{year}年の値がない、または集計の基準が公表されていない）：{series}",
        "Left out of the index view (no value in {year}, or no published basis): {series}",
    ),
    "population.list_sep": ("、", ", "),
    "population.note.title": (
        "国勢調査と住民基本台帳の人口が違う理由",
        "Why the census and the resident register differ",
    ),
    "population.note.body": (
        "国勢調査は、住民票の有無にかかわらず**実際にその市に住んでいる人**を数えます（10月1日時点）。"
        "住民基本台帳は**住民票がある人**の数です（ここでは1月1日時点）。"
        "住民票を移さずに市内で暮らす人が多いと、国勢調査の人口のほうが多くなります。"
        "いわき市ではこの差が大きいため（下記）、二つの数は別の系列として示し、一本の線で結びません。",
        "The census counts **the people actually living in the city**, registered there or not (on 1 October). "
        "The resident register counts **registered residents** (here on 1 January). When many people live in "
        "the city without moving their registration, the census count is higher. For Iwaki the gap is large "
        "(below), so the two counts are shown as separate series and never joined by one line.",
    ),
    "population.note.gap": (
        "- {year}年10月1日の国勢調査 {census}人／{next}年1月1日の住民基本台帳 {register}人：差 **{gap}人**",
        "- Census on 1 October {year}: {census} / register on 1 January {next}: {register}: gap **{gap}**",
    ),
    # Derived figures
    "population.derived.title": ("算出値：変化率と途中の年の人口", "Derived figures: rates and years in between"),
    "population.derived.point": ("{year}年（{kind}）", "{year} ({kind})"),
    "population.derived.from": ("起点", "From"),
    "population.derived.to": ("終点", "To"),
    "population.derived.same": ("起点と終点に別の年を選んでください。", "Choose two different years."),
    "population.derived.rate": ("年平均変化率 {y0}→{y1}年（算出値）", "Average annual rate {y0}→{y1} (derived)"),
    "population.derived.rate_help": (
        "（終点の人口 ÷ 起点の人口）^（1 ÷ 年数）− 1",
        "(end population ÷ start population)^(1 ÷ years) − 1",
    ),
    "population.derived.at": ("年を選ぶ", "Choose a year"),
    "population.derived.at_value": ("{year}年の人口（算出値）", "Population in {year} (derived)"),
    "population.derived.given": ("この年は公表値そのものです。", "This year is a published figure."),
    "population.derived.at_help": (
        "前後の公表値の間を一定の年率で変化すると仮定した幾何補間です。",
        "Geometric interpolation: a constant annual rate between the published figures on either side.",
    ),
    "population.derived.between": (
        "{y0}年と{y1}年の公表値の間を幾何補間",
        "Geometric interpolation between the {y0} and {y1} figures",
    ),
    "population.derived.register_rate": (
        "住民基本台帳の年平均変化率 {y0}→{y1}年（実績・算出値）",
        "Resident register, average annual rate {y0}→{y1} (actual, derived)",
    ),
    "population.derived.register_help": (
        "各年1月1日の住民基本台帳人口から算出（国勢調査とは別の集計）",
        "From the 1 January register counts (a different count from the census)",
    ),
    "population.derived.projection_rate": (
        "推計の年平均変化率 {y0}→{y1}年（算出値）",
        "Projection, average annual rate {y0}→{y1} (derived)",
    ),
    "population.derived.method": (
        "方法：幾何補間（公表値の間を一定の年率で変化すると仮定）。2010・2015年は国勢調査、2020年はレポートの国勢調査値、"
        "2040・2060年はレポートの推計",
        "Method: geometric interpolation (a constant annual rate between published figures). 2010 and 2015 "
        "from the census, 2020 the report's census figure, 2040 and 2060 the report's projection",
    ),
    # Age structure
    "population.age.title": ("年齢構成の見通し（地域の参考値）", "Age structure outlook (area context)"),
    "population.age.context": (
        "国立社会保障・人口問題研究所（IPSS）の推計は、いわき市単独の値を公表していません。"
        "ここではいわき市を含む浜通り地域13市町村と福島県全体の推計を、地域の参考として示します。",
        "IPSS does not publish a projection for Iwaki alone. Shown here, as area context, are its projections "
        "for the 13 municipalities of Hamadori (Iwaki included) and for Fukushima Prefecture.",
    ),
    "population.area.07999": ("浜通り地域（いわき市を含む13市町村）", "Hamadori (13 municipalities incl. Iwaki)"),
    "population.area.07000": ("福島県", "Fukushima Prefecture"),
    "population.area_short.07999": ("浜通り13市町村", "Hamadori (13)"),
    "population.area_short.07000": ("福島県", "Fukushima Pref."),
    "population.age.age0_14": ("0〜14歳", "0–14"),
    "population.age.age15_64": ("15〜64歳", "15–64"),
    "population.age.age65plus": ("65歳以上", "65+"),
    "population.age.census_base": ("2020年国勢調査（推計の基準）", "2020 census (projection base)"),
    "population.age.projected": ("IPSS推計", "IPSS projection"),
    "population.age.basis_note": (
        "2020年は国勢調査、2025年以降は推計",
        "2020 is the census; 2025 onwards projected",
    ),
    "population.ctl.area": ("地域", "Area"),
    "population.ctl.share": ("構成比（％）", "Shares (%)"),
    "population.chart.age": ("年齢3区分別人口：{area}", "Population by age group: {area}"),
    "population.chart.ageing": (
        "高齢化率と生産年齢人口の割合",
        "Ageing rate and working-age share",
    ),
    "population.indicator.ageing_rate": ("高齢化率（65歳以上）", "Ageing rate (65+)"),
    "population.indicator.working_age_share": ("生産年齢人口の割合（15〜64歳）", "Working-age share (15–64)"),
    "population.col.basis": ("区分", "Basis"),
    "population.col.area": ("地域", "Area"),
    "population.col.group": ("年齢区分", "Age group"),
    "population.col.share": ("構成比（％）", "Share (%)"),
    "population.col.indicator": ("指標", "Indicator"),
    "population.col.pct": ("割合（％）", "Share (%)"),
    # Peers
    "population.peers.title": (
        "県内市町村との比較：2010→2015年の人口増減（国勢調査）",
        "Compared with the prefecture's municipalities: 2010→2015 change (census)",
    ),
    "population.peers.iwaki": (
        "いわき市は **{pct}**（県内{n}市町村中 **{rank}位**、増加率の高い順）。",
        "Iwaki: **{pct}** (rank **{rank}** of {n} municipalities, highest growth first).",
    ),
    "population.peers.evacuation": (
        "2015年国勢調査では、東京電力福島第一原子力発電所事故による避難指示の影響で、人口が0または大きく減った町村があります。",
        "In the 2015 census some towns and villages count no or far fewer residents because of the evacuation "
        "orders after the Fukushima Daiichi nuclear accident.",
    ),
    "population.peers.why_growth": (
        "2010→2015年にいわき市の人口が増えた（{pct}）のは、2011年の東日本大震災と原発事故の後、避難指示の出た"
        "双葉郡などの町村から多くの人が市内に移り住んだためです。長期的な人口減少の流れが変わったことを示すものでは"
        "ありません（上の将来推計は減少を見込んでいます）。",
        "Iwaki grew from 2010 to 2015 ({pct}) because many people from the evacuated towns of Futaba district "
        "moved into the city after the 2011 earthquake and nuclear accident. It does not mean the long-term decline "
        "changed course (the projection above still expects a fall).",
    ),
    "population.peers.compare": ("参考：いわき市 {pct}（{rank}位）", "For comparison: Iwaki {pct} (rank {rank})"),
    "population.peers.table": (
        "市町村別の人口増減（列名をクリックで並べ替え）",
        "Change by municipality (click a column name to sort)",
    ),
    "population.peers.table_present": ("市町村別の人口増減", "Change by municipality"),
    "population.peers.derived": (
        "増減・増減率・順位は2010年と2015年の人口からダッシュボードで算出（2010年は2015年の市町村境界で組み替えた値）",
        "Change, rate and rank derived from the 2010 and 2015 counts (2010 recombined to the 2015 boundaries)",
    ),
    "population.chart.map": ("人口増減率の地図（2010→2015年）", "Map of the population change (2010→2015)"),
    "population.map.tooltip": (
        "{name}\n2010年：{p2010}人\n2015年：{p2015}人\n増減率：{pct}\n順位：{rank}位",
        "{name}\n2010: {p2010}\n2015: {p2015}\nChange: {pct}\nRank: {rank}",
    ),
    "population.map.hint": (
        "市町村をクリックすると右に数値を表示します（右の一覧からも選べます）。背景地図は使っていません。",
        "Click a municipality to show its figures on the right (or pick it from the list). No background map.",
    ),
    "population.legend.title": ("増減率", "Change"),
    "population.legend.below": ("{v}％超の減", "down more than {v}%"),
    "population.legend.between": ("{a}〜{b}％減", "down {a} to {b}%"),
    "population.legend.above": ("増加・横ばい", "up or no change"),
    "population.legend.iwaki": ("黒の太枠：いわき市", "Thick black outline: Iwaki"),
    "population.ctl.municipality": ("市町村", "Municipality"),
    "population.col.code": ("団体コード", "Code"),
    "population.col.municipality": ("市町村", "Municipality"),
    "population.col.level": ("区分", "Type"),
    "population.level.2": ("市", "City"),
    "population.level.3": ("町村", "Town/village"),
    "population.col.pop_2010": ("2010年人口", "Population 2010"),
    "population.col.pop_2015": ("2015年人口", "Population 2015"),
    "population.col.change": ("増減（人）", "Change (persons)"),
    "population.col.change_pct": ("増減率（％）", "Change (%)"),
    "population.col.rank": ("順位（増加率の高い順）", "Rank (highest growth first)"),
    "population.rank_value": ("{n}市町村中 {rank}位", "{rank} of {n}"),
}
