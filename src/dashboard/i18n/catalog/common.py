"""Messages shared by every screen: navigation, provenance lines, units, errors."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # App and navigation
    "app.title": ("いわき市 構造改革ダッシュボード", "Iwaki City Structural Reform Dashboard"),
    "app.subtitle": (
        "構造改革レポート vol.5（集中改革期間 2022〜2024年度の総括）より",
        "From Structural Reform Report vol.5 (review of the intensive reform period FY2022–FY2024)",
    ),
    "nav.overview": ("概要", "Overview"),
    "nav.population": ("人口推計", "Population outlook"),
    "nav.dx": ("DX指標", "DX KPIs"),
    "nav.facilities": ("公共施設の最適化", "Facility optimization"),
    "nav.survey": ("職員アンケート", "Staff survey"),
    "nav.admin": ("データ更新", "Data updates"),
    "lang.label": ("言語 / Language", "言語 / Language"),
    "lang.ja": ("日本語", "日本語"),
    "lang.en": ("English", "English"),
    "footer.about": (
        "いわき市（福島県、団体コード 07204）の「構造改革レポート vol.5」の数値と公開データを表示します。",
        "Figures of Iwaki City's (Fukushima, code 07204) Structural Reform Report vol.5, with open data.",
    ),
    "footer.credits": ("出典・クレジット", "Sources and credits"),
    # Provenance
    "prov.source": ("出典", "Source"),
    "prov.as_of": ("時点", "As of"),
    "prov.page": ("p.{page}", "p.{page}"),
    # The report section as printed, so a reader with the PDF can find it (the text has no page numbers).
    "prov.section": ("「{heading}」", "section “{heading_en}” (「{heading}」)"),
    "prov.section_sep": ("・", "; "),
    "prov.credit_at": ("{credit}{where}", "{credit}, {where}"),
    "prov.as_of_none": ("時点の記載なし（各年の値）", "No as-of printed (values by year)"),
    "prov.derived": ("ダッシュボードによる算出値", "Derived by the dashboard"),
    "prov.classification": (
        "柱（5本の矢）への割り当てはダッシュボード独自の分類です（レポートには記載なし）。",
        "The assignment to pillars (5 arrows) is the dashboard's own classification (not printed in the report).",
    ),
    # The report's own sentences, quoted as printed (English: a translation with the original beside it).
    "quote.text": ("「{ja}」", "“{en}” (「{ja}」)"),
    "quote.verbatim": ("レポートの文言をそのまま引用", "Quoted from the report; translation by the dashboard"),
    "prov.quoted": ("「{text}」", "「{text}」"),
    "prov.reading_wording": (
        "ダッシュボードの読み：{reading}　レポートの表記：「{wording}」",
        "Dashboard's reading: {reading} The report prints: 「{wording}」",
    ),
    "prov.updated": ("データ更新日時：{when}", "Data updated: {when}"),
    # Blocks
    "block.view": ("表示", "View"),
    "block.chart": ("グラフ", "Chart"),
    "block.table": ("表", "Table"),
    "block.download_csv": ("CSVをダウンロード", "Download CSV"),
    # Errors
    "error.page": (
        "このページの表示中に問題が発生しました。ほかのページは引き続き利用できます。（{kind}）",
        "Something went wrong while drawing this page. Other pages still work. ({kind})",
    ),
    "data_error.file_missing": ("データファイルが見つかりません：{path}", "Data file not found: {path}"),
    "data_error.unreadable": (
        "データファイルを読み込めません：{path}（{detail}）",
        "Data file cannot be read: {path} ({detail})",
    ),
    "data_error.schema_mismatch": (
        "データファイルの列の型が定義と一致しません：{path}（{detail}）",
        "Data file columns do not match the schema: {path} ({detail})",
    ),
    "data_error.missing_columns": (
        "必要な列がありません：{path}（{detail}）",
        "Required columns missing: {path} ({detail})",
    ),
    "data_error.extra_columns": ("定義にない列があります：{path}（{detail}）", "Unexpected columns: {path} ({detail})"),
    "data_error.wrong_type": ("値の型が正しくありません：{path}（{detail}）", "Wrong value type: {path} ({detail})"),
    "data_error.null_value": ("必須の値が空です：{path}（{detail}）", "A required value is empty: {path} ({detail})"),
    "data_error.unknown_value": ("想定外の値です：{path}（{detail}）", "Unexpected value: {path} ({detail})"),
    "data_error.out_of_range": ("値が範囲外です：{path}（{detail}）", "Value out of range: {path} ({detail})"),
    "data_error.duplicate_key": ("キーが重複しています：{path}（{detail}）", "Duplicate key: {path} ({detail})"),
    "data_error.open_data_missing": (
        "公開データ「{detail}」が見つかりません（{path}）。",
        "Open data '{detail}' is not available ({path}).",
    ),
    "data_error.open_data_damaged": (
        "公開データ「{detail}」が目録（manifest.json）のチェックサムと一致しません。"
        "ファイルが途中で切れているか、書き換えられています（{path}）。",
        "Open data '{detail}' does not match the checksum in its manifest (manifest.json): "
        "the file is truncated or has been altered ({path}).",
    ),
    "data_error.where": ("（{row}行目、列「{column}」）", " (row {row}, column '{column}')"),
    "data_error.other_pages": (
        "この部分以外の表示とほかのページは引き続き利用できます。",
        "The rest of this page and the other pages keep working.",
    ),
    "open_data.howto": (
        "元に戻すには、リポジトリの中で `git checkout -- data/open` を実行してください"
        "（新しい版は `dashboard fetch --from <フォルダまたはURL>` で取得できます）。"
        "`dashboard status` で各ファイルの状態を確認できます。",
        "To restore it, run `git checkout -- data/open` in the repository (a newer version comes with "
        "`dashboard fetch --from <folder or URL>`); `dashboard status` shows the state of every file.",
    ),
    # Sign-in (views/auth.py)
    "auth.not_configured": (
        "このダッシュボードはサインインが必要な設定ですが、認証（.streamlit/secrets.toml の [auth]）が正しく設定されていません：{problems}",
        "This dashboard requires sign-in, but authentication ([auth] in .streamlit/secrets.toml) is not configured correctly: {problems}",
    ),
    "auth.please_sign_in": (
        "このダッシュボードを見るにはサインインしてください。",
        "Please sign in to view this dashboard.",
    ),
    "auth.sign_in": ("サインイン", "Sign in"),
    "auth.sign_out": ("サインアウト", "Sign out"),
    "auth.signed_in_as": ("サインイン中：{name}", "Signed in as {name}"),
    # Units (code → label)
    "unit.persons": ("人", "persons"),
    "unit.index_2020": ("指数（2020年＝100）", "index (2020 = 100)"),
    "unit.index_2021": ("指数（2021年＝1）", "index (2021 = 1)"),
    "unit.sheets_per_month": ("枚／月", "sheets/month"),
    "unit.messages_per_month": ("件／月", "messages/month"),
    "unit.services": ("サービス", "services"),
    "unit.ratio": ("倍", "×"),
    "unit.counters": ("窓口", "counters"),
    "unit.percent": ("％", "%"),
    "unit.brands": ("種類", "brands"),
    "unit.applications_per_year": ("件／年", "applications/year"),
    "unit.hours_10k": ("万時間", "× 10,000 hours"),
    "unit.million_hours": ("百万時間", "million hours"),
    "unit.billion_yen": ("十億円", "billion yen"),
    "unit.per_year_suffix": ("／年", "a year"),
    "unit.hours": ("時間", "hours"),
    "unit.facilities": ("施設", "facilities"),
    "unit.oku_yen": ("億円", "× ¥100 million"),
    "unit.oku_yen_per_year": ("億円／年", "× ¥100 million a year"),
    "unit.various": ("各種", "various"),
    "unit.—": ("—", "—"),
    # One sign convention: a change in words, its tone in words, and the age of an old figure (i18n/format.py)
    "change.down": ("{size}減", "down {size}"),
    "change.up": ("{size}増", "up {size}"),
    "change.none": ("増減なし", "no change"),
    "change.toned": ("{change}（{tone}）", "{change} ({tone})"),
    "change.tone.good": ("改善", "better"),
    "change.tone.bad": ("悪化", "worse"),
    "change.stale": ("{when}時点・最新ではありません", "as of {when}, not current"),
    "unit.points": ("ポイント", "points"),
    # Punctuation of provenance lines: Japanese 、｜： never appear in English text.
    "prov.list_sep": ("、", ", "),
    "prov.part_sep": ("｜", " | "),
    "prov.label_sep": ("：", ": "),
    "footer.credit_licence": ("{credit}（{licence}）", "{credit} ({licence})"),
    # Calendar
    "fy.label": ("{year}年度（{wareki}）", "FY{year} ({wareki})"),
    "fy.short": ("{year}年度", "FY{year}"),
    "year.label": ("{year}年", "{year}"),
    "month.label": ("{month}月", "{month_name}"),
    "ym.label": ("{year}年{month}月", "{month_name} {year}"),
    "ymd.label": ("{year}年{month}月{day}日", "{month_name} {day}, {year}"),
    "number.man": ("{value}万", "{value}0k"),
    "not_published": ("数値の記載なし", "not published"),
    # Pillars (ids → short names for legends; full names come from the data)
    "pillar.all": ("すべての柱", "All pillars"),
    # Screen-reader names of Streamlit's own controls, in the screen's language (views/a11y.py).
    "a11y.collapse_sidebar": ("サイドバーを閉じる", "Collapse sidebar"),
    "a11y.expand_sidebar": ("サイドバーを開く", "Expand sidebar"),
    "a11y.sidebar": ("サイドバー", "Sidebar"),
    "a11y.app_pages": ("ページ一覧", "App pages"),
    "a11y.main_menu": ("メインメニュー", "Main menu"),
    "a11y.decrement": ("減らす", "Decrement"),
    "a11y.increment": ("増やす", "Increment"),
    "a11y.open": ("開く", "Open"),
    "a11y.close": ("閉じる", "Close"),
    "a11y.clear_all": ("すべて消去", "Clear all"),
    "a11y.chart": ("グラフ", "Vega visualization"),
    "a11y.help": ("{label}の説明", "Help for {label}"),
    # What is built on demand: a chart's downloads behind one button, sections below the first screen.
    "block.downloads": ("ダウンロード", "Download"),
    "block.downloads_help": (
        "CSV・Excel（グラフは PNG・SVG のスライドも）。開いたときに用意します。",
        "CSV and Excel (charts also as PNG and SVG slides), prepared when opened.",
    ),
    # The link of the view shown (button on every page and in the presenter's bar)
    "link.copy": ("リンクをコピー", "Copy link"),
    "link.copy_help": (
        "この画面（選んだ条件・表示）を開くリンクをコピーします",
        "Copy a link that opens this view, with the choices made",
    ),
    "link.copied": ("リンクをコピーしました", "Link copied"),
    "link.select": (
        "自動でコピーできませんでした。下の欄の文字を選択してコピーしてください（Ctrl+C／⌘C）",
        "Could not copy automatically. Select the text below and copy it (Ctrl+C / ⌘C)",
    ),
    "link.field": ("この画面のリンク", "Link to this view"),
    # A page left open (a meeting screen) says when newer data has been published since it was drawn
    "fresh.updated": (
        "この画面を表示した後に新しいデータが公開されました",
        "New data has been published since this page was drawn",
    ),
    "fresh.reload": ("最新のデータで表示", "Show the latest data"),
    # Phones: the one chart that scrolls sideways inside its frame says so
    "phone.scroll_hint": ("← 横にスクロールできます →", "← Scroll sideways →"),
}
