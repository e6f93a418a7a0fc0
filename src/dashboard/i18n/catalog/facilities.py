"""Messages of the facilities screen: key → (Japanese, English)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "facilities.title": ("公共施設の最適化", "Facility optimization"),
    "facilities.intro": (
        "公共施設数の推移（レポート）、報道された計画の数値（参考）、人口1万人あたりの試算、避難所の地図",
        "Facility counts (the report), figures reported from the plan (for reference), a per-resident scenario, "
        "and a map of shelters",
    ),
    "facilities.context.fact": ("{when}：{note}", "{when}: {note}"),
    "facilities.report_words": ("レポートの説明（原文のまま）", "What the report says (in its words)"),
    # 1. Counts
    "facilities.counts.title": ("公共施設数の推移", "Number of public facilities"),
    "facilities.card.year": ("{year}年", "{year}"),
    "facilities.card.change": ("増減（{start}年→{end}年）", "Change ({start} → {end})"),
    "facilities.card.from": ("{year}年以降", "{year} onward"),
    "facilities.card.no_target": (
        "レポートは2025年以降を「最適な施設数へ」とのみ記載し、目標の数値は示していません。",
        "The report labels 2025 onward 'towards the optimal number' only; it gives no target figure.",
    ),
    "facilities.change.help": ("{start}施設 → {end}施設", "{start} → {end} facilities"),
    "facilities.change.derived_note": (
        "2025年以降の施設数はレポートに記載がないため、グラフには2021年と2024年のみを表示しています。",
        "The report gives no count for 2025 onward, so the chart shows 2021 and 2024 only.",
    ),
    "facilities.change.derived_what": (
        "増減と増減率はレポートの2つの数値からの算出値",
        "the change and its rate are computed from the report's two counts",
    ),
    "facilities.chart.counts": ("公共施設数（レポート）", "Public facilities (report)"),
    "facilities.axis.year": ("年", "Year"),
    # 2. Context (reported, not the report)
    "facilities.context.title": (
        "参考：報道された個別施設計画の数値（レポート外）",
        "For reference: figures reported from the facility plan (not from the report)",
    ),
    "facilities.context.lead": (
        "2024年5月に公表された個別施設計画について報道された数値です。レポートの数値とは別の出典・別の系列です。"
        "約673施設は、見直し・廃止とされた施設をすべて閉じた場合に残る数として市が示した上限側のシナリオで、決定した目標ではありません。",
        "Figures reported about the facility plan published in May 2024: a different source and a different series "
        "from the report. About 673 is what would remain if every facility classed 'review' or 'close' were closed — "
        "the city's upper-bound scenario, not a decided target.",
    ),
    "facilities.context.apart": (
        "レポートの数値とは分けて表示（別の出典）",
        "shown apart from the report's figures (a different source)",
    ),
    "facilities.ctx.facilities_2024_04_01": (
        "2024年4月1日の公共施設数（県内市町村で最多）",
        "Public facilities on 1 April 2024 (most in Fukushima)",
    ),
    "facilities.ctx.facilities_2060_upper_bound": (
        "2060年ごろに残る施設数（上限側シナリオ）",
        "Facilities left around 2060 (upper-bound scenario)",
    ),
    "facilities.ctx.facilities_pre1981_share": (
        "1981年以前（旧耐震基準）の建築",
        "Built before 1981 (old seismic code)",
    ),
    "facilities.ctx.maintenance_cost_30y": (
        "今後30年の維持管理費（全施設）",
        "Maintenance, next 30 years (all facilities)",
    ),
    "facilities.ctx.maintenance_shortfall_avg": ("維持管理費の平均不足額", "Average maintenance shortfall"),
    "facilities.ctx.saving_at_673": ("673施設とした場合の削減効果", "Saving at 673 facilities"),
    "facilities.ctx.shortfall_at_673": ("673施設でも残る不足額", "Shortfall remaining at 673"),
    "facilities.ctx.plan_population_2060": ("計画の2060年推計人口", "The plan's 2060 population estimate"),
    # 3. What-if
    "facilities.whatif.title": ("人口1万人あたりの施設数（試算）", "Facilities per 10,000 residents (scenario)"),
    "facilities.whatif.disclaimer": (
        "ダッシュボードによる試算です。市の計画や目標ではありません。"
        "施設数をレポートの市の将来推計人口で割り、人口1万人あたりの施設数を示します。",
        "The dashboard's own arithmetic — not the city's plan or target. It divides a facility count by the city's "
        "population projection in the report to give facilities per 10,000 residents.",
    ),
    "facilities.whatif.level": ("{year}年の水準（人口1万人あたり）", "{year} level (per 10,000 residents)"),
    "facilities.whatif.level_help": (
        "{count}施設 ÷ {pop}人（{date}現在の市の人口、いわき民報 2024年5月28日）× 10,000",
        "{count} facilities ÷ {pop} residents (city population on {date}, Iwaki Minpo 2024-05-28) × 10,000",
    ),
    "facilities.whatif.needed": ("{year}年に同じ水準を保つ施設数", "Facilities holding that level in {year}"),
    "facilities.whatif.needed_help": (
        "{pop}人（市の将来推計人口）で2024年の1万人あたり施設数を保つ場合",
        "Holding 2024's facilities per 10,000 residents with {pop} residents (city projection)",
    ),
    "facilities.whatif.about": ("約{count}施設", "about {count}"),
    "facilities.whatif.cut": ("{count}（{pct}）", "{count} ({pct})"),
    "facilities.whatif.src_note": (
        "2024年の水準は{date}現在の人口（いわき民報 2024年5月28日）を使用。2020・2040・2060年の人口と施設数はレポートの値",
        "2024's level uses the population on {date} (Iwaki Minpo 2024-05-28); 2020/2040/2060 population and "
        "facility counts: the report",
    ),
    "facilities.whatif.not_plan": (
        "ダッシュボードの試算（市の計画ではない）",
        "the dashboard's scenario, not the city's plan",
    ),
    "facilities.whatif.mode": ("試算の条件", "Scenario input"),
    "facilities.whatif.mode.rate": ("削減率で指定", "By reduction rate"),
    "facilities.whatif.mode.count": ("施設数で指定", "By facility count"),
    "facilities.whatif.rate": ("{year}年の{count}施設からの削減率", "Reduction from {year}'s {count} facilities"),
    "facilities.whatif.count": ("施設数", "Facility count"),
    "facilities.whatif.keep": ("{count}施設を維持", "Keep {count}"),
    "facilities.whatif.custom": ("試算：{count}施設（{rate}）", "Scenario: {count} ({rate})"),
    "facilities.whatif.level_rule": ("破線：{year}年の水準（{value}）", "Dashed line: {year} level ({value})"),
    "facilities.whatif.actual_label": ("{year}年（実数）", "{year} (actual)"),
    "facilities.whatif.needed_label": ("{year}年（同水準）", "{year} (same level)"),
    "facilities.whatif.kind.actual": ("実数（レポート）", "Actual (report)"),
    "facilities.whatif.kind.needed": ("2024年の水準を保つ施設数（試算）", "Count holding 2024's level (scenario)"),
    "facilities.chart.per_10k": ("人口1万人あたりの施設数", "Facilities per 10,000 residents"),
    "facilities.chart.needed": ("2024年の水準を保つのに必要な施設数", "Facilities that would hold 2024's level"),
    "facilities.axis.per_10k": ("施設／1万人", "per 10,000 residents"),
    "facilities.col.year": ("年", "Year"),
    "facilities.col.scenario": ("試算", "Scenario"),
    "facilities.col.facilities": ("施設数", "Facilities"),
    "facilities.col.population": ("人口", "Population"),
    "facilities.col.per_10k": ("1万人あたり施設数", "Per 10,000 residents"),
    "facilities.col.district": ("地区（概算）", "District (approx.)"),
    "facilities.col.total": ("計", "Total"),
    "facilities.col.sites": ("緊急避難場所の数", "Emergency sites"),
    "facilities.col.points": ("地点数", "Points"),
    "facilities.axis.sites": ("か所", "sites"),
    # 4. Map
    "facilities.map.title": ("指定避難所・指定緊急避難場所の地図", "Map of designated shelters and emergency sites"),
    "facilities.map.lead": (
        "学校・公民館・集会所・体育館など、位置の分かる公共施設等の一部です（市の施設台帳全体ではありません）。"
        "点にマウスを重ねると概要、クリックすると右に詳細を表示します。",
        "Schools, community centres, assembly halls, gyms and more: a located subset of the city's facilities "
        "(not the whole facility register). Hover a point for a summary; click it for details beside the map.",
    ),
    "facilities.map.block": ("地図（{n}か所を表示）", "Map ({n} points shown)"),
    "facilities.map.tooltip": (
        "{name}\n{kind_label}｜{type_label}\n{address}\n地区（概算）：{district_label}\n{hazards_label}",
        "{name}\n{kind_label} | {type_label}\n{address}\nDistrict (approx.): {district_label}\n{hazards_label}",
    ),
    "facilities.map.size_note": (
        "大きい点（黒い縁）＝指定避難所、小さい点（白い縁）＝指定緊急避難場所。色は名称から判定した種別です。",
        "Large dots (black rim) = designated shelters; small dots (white rim) = emergency evacuation sites. "
        "Colour = type, read from the name.",
    ),
    "facilities.map.as_of_note": (
        "避難所データは2025年10月27日取得、行政区域は2021年1月1日時点",
        "shelter data taken 2025-10-27; boundary as of 2021-01-01",
    ),
    "facilities.map.district_short": ("地区は概算", "districts are approximate"),
    "facilities.map.district_note": (
        "地区は、最寄りの町・字の代表点（Geolonia）の名称から推定した概算です（地区の境界データは公開されていません）。",
        "The district is approximate: read from the name of the nearest town point (Geolonia); no district "
        "boundaries are published.",
    ),
    "facilities.filter.kind": ("区分", "Kind"),
    "facilities.filter.kind_help": (
        "指定避難所（避難生活の場）と指定緊急避難場所（緊急時に身を守る場所）",
        "Designated shelters (where people stay) and emergency evacuation sites (where people flee to)",
    ),
    "facilities.filter.type": ("種別（名称から判定）", "Type (from the name)"),
    "facilities.filter.type_help": (
        "施設名に含まれる語（小学校、公民館、集会所など）で判定しています。判定できない名称は「その他」です。",
        "Read from words in the name (小学校, 公民館, 集会所 …); names that say nothing are 'other'.",
    ),
    "facilities.filter.hazard": ("対象とする災害（緊急避難場所）", "Hazard designated for (emergency sites)"),
    "facilities.filter.hazard_help": (
        "選んだ災害のいずれかに指定された緊急避難場所だけを表示します。指定避難所には災害種別の指定がないため、選ぶと非表示になります。",
        "Shows only emergency sites designated for any chosen hazard. Shelters carry no hazard designation, "
        "so they are hidden while a hazard is chosen.",
    ),
    "facilities.kind.shelter": ("指定避難所", "Designated shelter"),
    "facilities.kind.emergency": ("指定緊急避難場所", "Emergency evacuation site"),
    "facilities.type.elementary": ("小学校", "Elementary school"),
    "facilities.type.junior_high": ("中学校", "Junior high school"),
    "facilities.type.high_school": ("高等学校", "High school"),
    "facilities.type.community_centre": ("公民館", "Community centre"),
    "facilities.type.assembly_hall": ("集会所", "Assembly hall"),
    "facilities.type.gym": ("体育館・アリーナ", "Gym / arena"),
    "facilities.type.childcare": ("保育所・幼稚園", "Nursery / kindergarten"),
    "facilities.type.welfare": ("福祉施設", "Welfare facility"),
    "facilities.type.other": ("その他", "Other"),
    "facilities.hazard.flood": ("洪水", "Flood"),
    "facilities.hazard.tsunami": ("津波", "Tsunami"),
    "facilities.hazard.storm_surge": ("高潮", "Storm surge"),
    "facilities.hazard.earthquake": ("地震", "Earthquake"),
    "facilities.hazard.large_fire": ("大規模な火事", "Large fire"),
    "facilities.hazard.landslide": ("崖崩れ等", "Landslides etc."),
    "facilities.hazard.inland_flooding": ("内水氾濫", "Inland flooding"),
    "facilities.hazards.for": ("対象：{list}", "For: {list}"),
    "facilities.hazards.sep": ("・", ", "),
    "facilities.hazards.none_shelter": ("災害種別の指定なし（指定避難所）", "No hazard designation (shelter)"),
    "facilities.hazards.none_emergency": ("災害種別の指定なし", "No hazard designated"),
    "facilities.district.taira": ("平", "Taira"),
    "facilities.district.onahama": ("小名浜", "Onahama"),
    "facilities.district.nakoso": ("勿来", "Nakoso"),
    "facilities.district.joban": ("常磐", "Joban"),
    "facilities.district.uchigo": ("内郷", "Uchigo"),
    "facilities.district.yotsukura": ("四倉", "Yotsukura"),
    "facilities.district.tono": ("遠野", "Tono"),
    "facilities.district.ogawa": ("小川", "Ogawa"),
    "facilities.district.yoshima": ("好間", "Yoshima"),
    "facilities.district.miwa": ("三和", "Miwa"),
    "facilities.district.tabito": ("田人", "Tabito"),
    "facilities.district.kawamae": ("川前", "Kawamae"),
    "facilities.district.hisanohama_ohisa": ("久之浜・大久", "Hisanohama-Ohisa"),
    "facilities.district.unknown": ("不明・その他", "Unknown / other"),
    "facilities.detail.title": ("選んだ地点", "Selected point"),
    "facilities.detail.hint": (
        "地図上の点をクリックすると、ここに名称・住所・種別・対象災害などを表示します。",
        "Click a point on the map to see its name, address, type and hazards here.",
    ),
    "facilities.detail.field": ("項目", "Field"),
    "facilities.detail.value": ("内容", "Value"),
    "facilities.detail.name": ("名称", "Name"),
    "facilities.detail.kind": ("区分", "Kind"),
    "facilities.detail.type": ("種別（名称から判定）", "Type (from the name)"),
    "facilities.detail.address": ("住所", "Address"),
    "facilities.detail.district": ("地区（概算）", "District (approx.)"),
    "facilities.detail.nearest_town": ("最寄りの町・字", "Nearest town point"),
    "facilities.detail.hazards": ("対象とする災害", "Hazards"),
    "facilities.detail.site_id": ("共通ID", "Common ID"),
    "facilities.detail.position": ("緯度, 経度", "Latitude, longitude"),
    "facilities.detail.lat": ("緯度", "Latitude"),
    "facilities.detail.lon": ("経度", "Longitude"),
    # 5. Tables and credits
    "facilities.tables.title": ("地区別の集計（概算）", "By district (approximate)"),
    "facilities.tables.by_type": (
        "種別×地区の地点数（地図に表示中の地点）",
        "Points by type × district (points on the map)",
    ),
    "facilities.tables.by_type_note": (
        "地図の絞り込みが反映されます。同じ施設が指定避難所と指定緊急避難場所の両方に含まれる場合は別々に数えています。",
        "Follows the map's filters. A facility listed both as a shelter and as an emergency site is counted in each list.",
    ),
    "facilities.tables.tsunami": (
        "津波の指定緊急避難場所（地区別、計{n}か所）",
        "Emergency sites designated for tsunami by district ({n} in all)",
    ),
    "facilities.tables.tsunami_note": (
        "地図の絞り込みにかかわらず、津波を対象とする指定緊急避難場所すべてを数えています。",
        "Counts every emergency site designated for tsunami, whatever the map's filters.",
    ),
    "facilities.credits.title": ("地図データのクレジット", "Map data credits"),
    "facilities.credits.subset": (
        "指定避難所{shelters}か所・指定緊急避難場所{sites}か所は、位置の分かる市の施設等の一部です。"
        "市の公共施設全体（{year}年 {register}施設、レポート）の台帳ではありません。",
        "The {shelters} designated shelters and {sites} emergency sites are a located subset of the city's "
        "facilities, not the full facility register ({register} facilities in {year}, the report).",
    ),
    "facilities.credits.unknown": (
        "最寄りの町・字から地区を特定できなかった地点：{n}か所（「不明・その他」）。",
        "Points whose district could not be read from the nearest town: {n} ('unknown / other').",
    ),
}
