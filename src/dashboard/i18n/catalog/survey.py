"""Messages of the staff-survey screen: key → (Japanese, English)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "survey.title": ("職員アンケート", "Staff survey"),
    "survey.intro": (
        "「構造改革に関する職員向けのアンケート」の結果です。公表されている数値を、分かっていないこととあわせて示します。",
        "Results of the staff survey on the structural reform, shown together with what is not known.",
    ),
    "survey.survey_name": ("構造改革に関する職員向けのアンケート", "Staff survey on the structural reform"),
    "survey.sep": ("、", ", "),
    "survey.wave_label": ("{date}（{wareki}）", "{date} ({wareki})"),
    "survey.wave_label_2l": ("{date}\n（{wareki}）", "{date}\n({wareki})"),
    # Filters
    "survey.filter.wave": ("調査回", "Survey wave"),
    "survey.filter.group": ("対象（区分）", "Respondents (group)"),
    "survey.filter.dim": ("比較する区分", "Compare by"),
    "survey.filter.question": ("設問", "Question"),
    "survey.filter.groups": ("比べる区分（空欄ならすべて）", "Groups to compare (empty = all)"),
    "survey.filter.groups_all": ("すべての区分", "All groups"),
    "survey.group.all": ("全体", "All respondents"),
    "survey.group.label": ("{dim}：{value}", "{dim}: {value}"),
    "survey.group.with_n": ("{group}（{n}人）", "{group} (n={n})"),
    "survey.dim.department": ("部署", "Department"),
    "survey.dim.age_band": ("年代", "Age band"),
    "survey.dim.position": ("職位", "Position"),
    "survey.dim.employment_type": ("雇用形態", "Employment type"),
    "survey.dim.years_of_service": ("勤続年数", "Years of service"),
    "survey.dim.gender": ("性別", "Gender"),
    # Results
    "survey.results.title": ("結果：{wave}・{group}", "Results: {wave}, {group}"),
    "survey.facts": (
        "調査名：{name}｜実施：{date}｜回答者数：{respondents}｜回答の選択肢：{scale}",
        "Survey: {name} | Conducted: {date} | Respondents: {respondents} | Answer scale: {scale}",
    ),
    "survey.facts.not_published": ("非公表", "not published"),
    "survey.facts.persons": ("{n}人", "{n}"),
    "survey.facts.scale": ("{points}段階", "{points}-point"),
    "survey.facts.varies": ("設問により異なる", "varies by question"),
    "survey.measure.favourable": ("肯定的な回答（賛成側の合計）", "Favourable answers (agreeing side)"),
    "survey.ci": (
        "95％信頼区間 {low}〜{high}％（回答者 {n}人、ウィルソン法）",
        "95 % interval {low}–{high} % (n = {n}, Wilson)",
    ),
    "survey.ci.unknown": (
        "回答者数が公表されていないため、誤差の範囲（95％信頼区間）は示せません。",
        "The number of respondents is not published, so no margin of error (95 % interval) can be given.",
    ),
    "survey.chart.published": (
        "公表されている割合（残りの内訳は不明）",
        "Published shares (breakdown of the rest unknown)",
    ),
    "survey.chart.shares": ("回答の割合", "Shares of answers"),
    "survey.chart.likert": ("回答の分布（賛成・反対の広がり）", "Distribution of answers (agreement vs disagreement)"),
    "survey.axis.share": ("割合（％）", "Share (%)"),
    "survey.axis.diverging": ("← 反対側　割合（％）　賛成側 →", "← disagreeing   share (%)   agreeing →"),
    "survey.axis.favourable": ("肯定的な回答の割合（％）", "Favourable answers (%)"),
    "survey.axis.wave": ("調査回", "Survey wave"),
    "survey.rest.shares": ("それ以外（内訳は非公表）", "The rest (breakdown not published)"),
    "survey.rest.counts": ("無回答・不明", "No answer / unknown"),
    "survey.note.rest_derived": (
        "「それ以外」は100％から公表値を引いた値です（反対・中立・無回答などの内訳は公表されていません）",
        "'The rest' is 100 % minus the published share (its breakdown into disagreement, neutral and no answer is not published)",
    ),
    "survey.note.from_counts": (
        "割合と信頼区間は回答数からの算出値です",
        "Shares and intervals are computed from the counts",
    ),
    "survey.note.non_substantive": (
        "グラフには得点のある選択肢だけを示しています。得点のない回答（無回答・わからない等、最大 {share}％）は表に含めています。",
        "The chart shows options with a score; answers without one (no answer, don't know …, up to {share} %) are in the table.",
    ),
    "survey.hidden.title": ("表示していない区分", "Groups not shown"),
    "survey.hidden.why": (
        "回答者を特定できないよう、回答者が{min}人未満の区分は表示しません。",
        "To protect respondents, groups with fewer than {min} respondents are not shown.",
    ),
    "survey.hidden.small": ("{group}：回答者が{min}人未満", "{group}: fewer than {min} respondents"),
    "survey.hidden.unknown_size": (
        "{group}：回答者数が不明で確認できないため",
        "{group}: number of respondents unknown, cannot be checked",
    ),
    "survey.hidden.secondary": (
        "{group}：ほかの区分と全体から、非表示の区分の結果が逆算されないようにするため",
        "{group}: so that the hidden group cannot be worked out from the total and the other groups",
    ),
    "survey.hidden.selected": (
        "選んだ区分はこの調査回では表示できません。",
        "The selected group cannot be shown for this wave.",
    ),
    "survey.no_rows": ("この調査回・区分のデータはありません。", "No data for this wave and group."),
    # Table columns
    "survey.col.wave": ("調査回", "Wave"),
    "survey.col.question": ("設問", "Question"),
    "survey.col.group": ("区分", "Group"),
    "survey.col.option": ("回答", "Answer"),
    "survey.col.score": ("得点", "Score"),
    "survey.col.share": ("割合（％）", "Share (%)"),
    "survey.col.count": ("回答数（人）", "Count"),
    "survey.col.n": ("回答者数（人）", "Respondents"),
    "survey.col.ci_low": ("95％信頼区間 下限（％）", "95 % interval low (%)"),
    "survey.col.ci_high": ("95％信頼区間 上限（％）", "95 % interval high (%)"),
    "survey.col.basis": ("根拠", "Basis"),
    "survey.basis.counts": ("回答数から算出", "computed from counts"),
    "survey.basis.shares": ("公表された割合", "published share"),
    # What is not known
    "survey.unknown.title": ("分かっていないこと", "What is not known"),
    "survey.unknown.respondents": (
        "**回答者数**：公表されていません。何人が答えたかが分からないため、誤差の範囲（95％信頼区間）は示していません。",
        "**Number of respondents**: not published. Without it no margin of error (95 % interval) can be given.",
    ),
    "survey.unknown.scale": (
        "**回答の選択肢**：何段階で尋ねたか（「どちらともいえない」があったか等）は公表されていません。"
        "公表値がどの選択肢の割合か（「そう思う」と「ややそう思う」の合計などか）も分かりません。",
        "**Answer scale**: how many options there were (and whether there was a neutral one) is not published, "
        "nor which answers a published share counts (it may combine 'agree' and 'somewhat agree').",
    ),
    "survey.unknown.breakdown": (
        "**残りの内訳**：公表値以外の回答（{rest}）が反対なのか、中立・無回答を含むのかは分かりません。",
        "**The rest**: whether the other answers ({rest}) disagree or include neutral answers and non-response is unknown.",
    ),
    "survey.unknown.groups": (
        "**区分別の結果**：部署・年代・職位などの区分別の結果は公表されていません。",
        "**Results by group**: results by department, age band, position etc. are not published.",
    ),
    "survey.context.figure": ("{note}：{value}", "{note}: {value}"),
    "survey.unknown.staff": (
        "**参考**：市の職員数は {staff}人（{as_of}時点、調査時期とは異なる）。回答者がこのうち何人かは分からず、回答率も不明です。",
        "**For reference**: the city had {staff} staff ({as_of}; not the survey date). How many of them answered, "
        "and so the response rate, is unknown.",
    ),
    "survey.unknown.none": (
        "この調査回について、回答者数・選択肢・区分別の結果はそろっています。",
        "For this wave, respondent counts, the answer scale and group results are all available.",
    ),
    # Groups and trend
    "survey.compare.title": ("区分別の比較", "Comparison of groups"),
    "survey.compare.chart": ("区分別の回答：{question}", "Answers by group: {question}"),
    "survey.trend.title": ("調査回ごとの推移", "Trend across waves"),
    "survey.trend.chart": ("肯定的な回答の割合の推移：{group}", "Favourable answers over time: {group}"),
    "survey.trend.left_out": (
        "{waves} の結果は選択肢の尺度が不明なため、推移には含めていません（公表値と肯定的な回答の割合は同じ尺度とは限りません）。",
        "{waves}: left out of the trend because the answer scale is unknown (a published share need not match a favourable share).",
    ),
    "survey.trend.note": ("縦線は95％信頼区間です", "Vertical lines are 95 % intervals"),
    # Loading the full data
    "survey.format.title": ("全データの読み込み方法（データ形式）", "How to load the full survey data (format)"),
    "survey.format.body": (
        "選択肢ごとの回答数（部署・年代・職位などの区分別も可）を、公表値と同じ形式（1行＝調査回×設問×選択肢×区分）で"
        "読み込むと、このページは分布のグラフ、区分別の比較、推移を表示します。\n\n"
        "1. テンプレートを作成：`dashboard template staff_survey --out 職員アンケート.xlsx`"
        "（公開中の行と、列ごとの説明シートが入ります）\n"
        "2. 新しい調査回の行（設問 × 区分 × 選択肢）を追加し、回答数・回答者数を記入する\n"
        "3. 確認：`dashboard import 職員アンケート.xlsx --dataset staff_survey --dry-run`\n"
        "4. 反映：`--dry-run` を外して実行（履歴に残り、`rollback` で戻せます）。管理画面からも同じ手順で取り込めます。\n\n"
        "形式の詳細は docs/survey-format.md を参照してください。回答者が{min}人未満の区分は自動的に表示しません。",
        "Load counts per answer option (optionally by department, age band, position …) in the same format as the "
        "published shares (one row per wave × question × option × group) and this page shows distributions, group "
        "comparisons and the trend.\n\n"
        "1. Create a template: `dashboard template staff_survey --out survey.xlsx` "
        "(the published rows and a sheet explaining every column)\n"
        "2. Add the new wave's rows (question × group × option) with counts and respondents\n"
        "3. Check: `dashboard import survey.xlsx --dataset staff_survey --dry-run`\n"
        "4. Publish: the same without `--dry-run` (kept in the history; `rollback` undoes it). The admin page "
        "imports the same way.\n\n"
        "See docs/survey-format.md for the format. Groups with fewer than {min} respondents are hidden automatically.",
    ),
    # Format problems
    "survey.problem.title": (
        "職員アンケートのデータに形式の問題があるため、結果を表示できません：",
        "The staff-survey data breaks the format's rules, so no results are shown:",
    ),
    "survey.problem.row": ("（データの{row}行目）", " (data line {row})"),
    "survey.problem.no_value": (
        "回答数も割合も空欄の行があります：{detail}",
        "A row has neither a count nor a share: {detail}",
    ),
    "survey.problem.mixed_basis": (
        "同じ調査回・設問・区分の中に、回答数のある行とない行が混在しています：{detail}（0人の選択肢は 0 と記入）",
        "Counts and bare shares are mixed within one wave, question and group: {detail} (write 0 for options nobody chose)",
    ),
    "survey.problem.respondents_differ": (
        "同じ調査回・設問・区分で回答者数が行ごとに異なります：{detail}",
        "The number of respondents differs between rows of one wave, question and group: {detail}",
    ),
    "survey.problem.counts_exceed_respondents": (
        "回答数の合計が回答者数を超えています：{detail}",
        "The counts add up to more than the respondents: {detail}",
    ),
    "survey.problem.shares_exceed_100": (
        "割合の合計が100％を超えています：{detail}",
        "Shares add up to more than 100 %: {detail}",
    ),
    "survey.problem.duplicate_score": (
        "同じ設問・区分で2つの選択肢が同じ得点です：{detail}",
        "Two options of one question and group have the same score: {detail}",
    ),
    "survey.problem.share_disagrees_with_count": (
        "割合が回答数から計算した値と一致しません：{detail}",
        "A share does not match its count: {detail}",
    ),
    "survey.problem.score_differs": (
        "同じ設問の同じ選択肢に、区分や調査回によって異なる得点が付いています：{detail}",
        "An option has different scores in different groups or waves: {detail}",
    ),
    "survey.problem.would_remove": (
        "公開中の「{detail}」（調査回 / 設問）がこのファイルにありません。反映すると消えてしまうため中止しました。"
        "回答数を記入するか、その行を残してください。",
        "'{detail}' (wave / question) is published but missing from this file; publishing it would remove it. "
        "Fill in its counts or keep its rows.",
    ),
    "survey.problem.unknown_source": (
        "出典ID「{detail}」が出典一覧（data/source/sources.csv）にありません。出典を1行追加してください。",
        "Source id '{detail}' is not declared in data/source/sources.csv; add a row for it.",
    ),
}
