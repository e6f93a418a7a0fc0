"""Messages of the admin screen (data updates) and of the import commands: key → (Japanese, English).

Besides the ``admin.*`` keys, this module holds the ``data_error.<code>``
messages of the codes the importer and the publisher raise (the data layer
raises codes; the views and the command line translate them). Each such
message may use ``{path}``, ``{detail}``, ``{value}`` and ``{expected}``; the
location follows from an ``admin.where_*`` message.
"""

from __future__ import annotations

_ERRORS: dict[str, tuple[str, str]] = {
    "data_error.unknown_dataset": (
        "データセット「{path}」はありません（使えるもの：{expected}）。",
        "There is no dataset '{path}' (available: {expected}).",
    ),
    "data_error.file_too_large": (
        "ファイルが大きすぎます：{path}（{value}。上限は {expected}）。不要なシートや行を削除してください。",
        "The file is too large: {path} ({value}; the limit is {expected}). Remove sheets or rows you do not need.",
    ),
    "data_error.empty_file": ("ファイルが空です：{path}", "The file is empty: {path}"),
    "data_error.header_only": (
        "見出しの行しかありません（データの行がありません）：{path}",
        "The file has a header row but no data rows: {path}",
    ),
    "data_error.xls_format": (
        "古い Excel 形式（.xls）は読み込めません：{path}。Excel で開き「Excel ブック (*.xlsx)」として保存し直してください。",
        "The old Excel format (.xls) cannot be read: {path}. Open it in Excel and save it as 'Excel Workbook (*.xlsx)'.",
    ),
    "data_error.unsupported_format": (
        "対応していないファイル形式です：{path}（{value}）。.xlsx または .csv を使ってください。",
        "Unsupported file type: {path} ({value}). Use .xlsx or .csv.",
    ),
    "data_error.not_excel": (
        "Excel ファイル（.xlsx）として読み込めません：{path}。拡張子だけを .xlsx に変えたファイルではありませんか。"
        "Excel で開き「Excel ブック (*.xlsx)」として保存してください。",
        "This cannot be read as an Excel file (.xlsx): {path}. Was only its extension changed to .xlsx? "
        "Open it in Excel and save it as 'Excel Workbook (*.xlsx)'.",
    ),
    "data_error.sheet_missing": (
        "シート「{value}」がありません：{path}（あるシート：{expected}）",
        "There is no sheet '{value}' in {path} (sheets: {expected})",
    ),
    "data_error.too_many_rows": (
        "行が多すぎます：{path}（{value} 行。上限は {expected} 行）",
        "Too many rows: {path} ({value} rows; the limit is {expected})",
    ),
    "data_error.too_many_columns": (
        "列が多すぎます：{path}（{value} 列。上限は {expected} 列）",
        "Too many columns: {path} ({value}; the limit is {expected})",
    ),
    "data_error.merged_cells": (
        "結合されたセル（{value}）があります：{path}。セルの結合を解除し、1つのセルに1つの見出しまたは値を入れてください。",
        "Merged cells ({value}) in {path}. Unmerge them: one header or value per cell.",
    ),
    "data_error.formula_cell": (
        "数式のセルがあります：{path}（{value}）。数式ではなく、値として貼り付けてください。",
        "A formula cell in {path} ({value}). Paste the values instead of formulas.",
    ),
    "data_error.error_cell": (
        "エラー値のセルがあります：{path}（{value}）。正しい値を入力してください。",
        "A cell with an error value in {path} ({value}). Enter a proper value.",
    ),
    "data_error.encoding_unknown": (
        "文字コードを判別できません：{path}。UTF-8 または Shift_JIS（CP932）で保存してください。",
        "The text encoding cannot be recognised: {path}. Save it as UTF-8 or Shift_JIS (CP932).",
    ),
    "data_error.not_text": (
        "CSV（テキスト）ファイルではありません：{path}",
        "This is not a CSV (text) file: {path}",
    ),
    "data_error.blank_header": (
        "見出しが空の列に値があります：{path}。見出しを入れるか、その列の値を消してください。",
        "A column without a header has values: {path}. Add the header or clear the column.",
    ),
    "data_error.duplicate_header": (
        "同じ見出しの列が2つあります：{path}（「{value}」）。片方を削除してください。",
        "Two columns have the same header: {path} ('{value}'). Delete one of them.",
    ),
    "data_error.no_header": (
        "1行目に見出しがありません：{path}。1行目はテンプレートと同じ見出しにしてください（必要な見出し：{expected}）。",
        "Row 1 holds no headers: {path}. Row 1 must hold the template's headers (needed: {expected}).",
    ),
    "data_error.unknown_header": (
        "見出し「{value}」はこのデータの列にありません：{path}。書き間違いではありませんか（足りない見出し：{expected}）。",
        "The header '{value}' is not a column of this dataset: {path}. Is it misspelt? (missing: {expected})",
    ),
    "data_error.extra_column": (
        "余分な列「{value}」があります：{path}。テンプレートにない列は削除してください。",
        "An extra column '{value}' in {path}. Delete columns that are not in the template.",
    ),
    "data_error.missing_header": (
        "必要な見出しがありません：{path}（{expected}）。テンプレートの見出しをそのまま使ってください。",
        "Required headers are missing: {path} ({expected}). Use the template's headers as they are.",
    ),
    "data_error.not_a_number": (
        "数値として読めません：「{value}」（{path}）。数値を入力してください（例：1,281、522.0万、6.4%）。",
        "Not a number: '{value}' ({path}). Enter a number (e.g. 1,281, 522.0万, 6.4%).",
    ),
    "data_error.not_whole_number": (
        "整数ではありません：「{value}」（{path}）。整数を入力してください。",
        "Not a whole number: '{value}' ({path}). Enter a whole number.",
    ),
    "data_error.percent_not_allowed": (
        "「%」は単位が％の列でしか使えません：「{value}」（{path}）。",
        "'%' is only allowed in percentage columns: '{value}' ({path}).",
    ),
    "data_error.bad_year": (
        "年として読めません：「{value}」（{path}）。例：{expected}",
        "Not a year: '{value}' ({path}). For example: {expected}",
    ),
    "data_error.bad_date": (
        "日付の形が違います：「{value}」（{path}）。{expected} の形で入力してください（文字で「年」「月」と書かない）。",
        "Wrong date form: '{value}' ({path}). Enter it as {expected}.",
    ),
    "data_error.bad_period": (
        "期間の形が違います：「{value}」（{path}）。{expected} のいずれかの形で入力してください。",
        "Wrong period form: '{value}' ({path}). Use one of: {expected}.",
    ),
    "data_error.date_in_number": (
        "数値の列に日付が入っています：「{value}」（{path}）。セルの書式を「標準」にして数値を入力してください。",
        "A date in a number column: '{value}' ({path}). Set the cell format to 'General' and enter a number.",
    ),
    "data_error.value_out_of_range": (
        "値が範囲外です：「{value}」（{path}）。{expected} の範囲で入力してください。",
        "Value out of range: '{value}' ({path}). Allowed: {expected}.",
    ),
    "data_error.value_not_allowed": (
        "使えない値です：「{value}」（{path}）。使える値：{expected}",
        "Value not allowed: '{value}' ({path}). Allowed values: {expected}",
    ),
    "data_error.duplicate_row": (
        "キーが重複しています：{value}（{path}）。{expected}行目と同じキーです。どちらかの行を直すか削除してください。",
        "Duplicate key: {value} ({path}). Row {expected} has the same key; fix or delete one of the rows.",
    ),
    "data_error.required_missing": (
        "必須の値が空です（{path}）。値を入力してください。",
        "A required value is empty ({path}). Enter a value.",
    ),
    "data_error.unknown_reference": (
        "「{value}」は {expected} に登録されていません（{path}）。書き間違いでなければ、先に {expected} を更新してください。",
        "'{value}' is not registered in {expected} ({path}). Unless it is a typo, update {expected} first.",
    ),
    "data_error.mismatch_definition": (
        "「{value}」が指標定義（kpi_definitions）と一致しません（{path}）。指標定義の値は「{expected}」です。",
        "'{value}' does not match the KPI definition (kpi_definitions) ({path}); the definition says '{expected}'.",
    ),
    "data_error.period_type_mismatch": (
        "期間「{value}」が期間の種類「{expected}」の形と合いません（{path}）。",
        "The period '{value}' does not fit its period type '{expected}' ({path}).",
    ),
    "data_error.period_year_mismatch": (
        "年「{value}」が期間の年（{expected}）と一致しません（{path}）。",
        "The year '{value}' differs from the period's year ({expected}) ({path}).",
    ),
    "data_error.future_year": (
        "実績の年「{value}」が未来の年になっています（{path}）。{expected} の年にしてください。",
        "The year '{value}' of an actual figure lies in the future ({path}); it must be {expected}.",
    ),
    "data_error.still_referenced": (
        "「{value}」は {expected} で使われているため削除できません（{path}）。先に {expected} から外してください。",
        "'{value}' is used by {expected} and cannot be removed ({path}). Remove it from {expected} first.",
    ),
    "data_error.definition_conflict": (
        "指標定義の「{value}」が、公開中の dx_kpis の値「{expected}」と合いません（{path}）。"
        "単位や柱を変えるときは、新しい指標IDを作ってください。",
        "The definition's '{value}' does not match '{expected}' in the published dx_kpis ({path}). "
        "To change a unit or pillar, create a new KPI id.",
    ),
    "data_error.file_exists": (
        "ファイルがすでにあります：{path}。上書きするときは --force を付けてください。",
        "The file already exists: {path}. Add --force to overwrite it.",
    ),
    "data_error.inside_data": (
        "テンプレートはデータのフォルダー（{expected}）の中には書き出せません：{path}。別の場所を指定してください。",
        "A template cannot be written inside the data folder ({expected}): {path}. Choose another place.",
    ),
    "data_error.encrypted_workbook": (
        "パスワードで保護（暗号化）されたブックは読み込めません：{path}。保護を解除して保存し直してください。",
        "A password-protected (encrypted) workbook cannot be read: {path}. Remove the protection and save it again.",
    ),
    "data_error.excel_part_too_large": (
        "Excel ファイルの中身が大きすぎます：{value}（{path}、上限 {expected}）。データのシートだけを新しいブックに貼り付けてください。",
        "A part of the Excel file is too large: {value} ({path}; at most {expected}). Paste only the data sheet into a new workbook.",
    ),
    "data_error.excel_damaged": (
        "Excel ファイルが壊れているため読み込めません：{path}（{value}：{expected}）。Excel で開いて保存し直してください。",
        "The Excel file is damaged and cannot be read: {path} ({value}: {expected}). Open it in Excel and save it again.",
    ),
    "data_error.hidden_sheet": (
        "シート「{value}」は非表示です（{path}）。非表示のシートは読み込みません。再表示するか、別のシートを指定してください。",
        "Sheet '{value}' is hidden ({path}). Hidden sheets are not read; unhide it or choose another sheet.",
    ),
    "data_error.hidden_rows": (
        "非表示の行があります：{value}行目（{path}）。見えない行が公開されないよう、再表示して確認するか削除してください。",
        "Hidden rows: {value} ({path}). Unhide and check them, or delete them, so nothing unseen is published.",
    ),
    "data_error.hidden_columns": (
        "非表示の列 {value} に値があります（{path}）。見えない値が公開されないよう、列を再表示して確認するか削除してください。",
        "Hidden column {value} holds values ({path}). Unhide and check it, or delete it, so nothing unseen is published.",
    ),
    "data_error.too_many_cells": (
        "セルが多すぎます：{value}（{path}、上限 {expected}）。データの範囲だけを新しいブックに貼り付けてください。",
        "Too many cells: {value} ({path}; at most {expected}). Paste only the data into a new workbook.",
    ),
    "data_error.mixed_encoding": (
        "文字コードが混在しています：{value}行目が {expected} ではありません（{path}）。ファイル全体を同じ文字コード（UTF-8 推奨）で保存し直してください。",
        "Mixed encodings: line {value} is not {expected} ({path}). Save the whole file in one encoding (UTF-8 recommended).",
    ),
    "data_error.permission_denied": (
        "ファイルまたはフォルダーにアクセスする権限がありません：{path}",
        "No permission to access the file or folder: {path}",
    ),
    "data_error.is_directory": (
        "ファイルではなくフォルダーです：{path}",
        "This is a folder, not a file: {path}",
    ),
    "data_error.disk_full": (
        "ディスクの空きが足りないため書き込めません：{path}。公開中のデータは元のままです。",
        "Not enough disk space to write {path}. The published data is unchanged.",
    ),
    "data_error.read_only": (
        "フォルダーが読み取り専用のため書き込めません：{path}。公開中のデータは元のままです。",
        "The folder is read-only, so {path} cannot be written. The published data is unchanged.",
    ),
    "data_error.os_error": (
        "ファイルを読み書きできません：{path}（{detail}）。",
        "The file cannot be read or written: {path} ({detail}).",
    ),
    "data_error.journal_unreadable": (
        "中断された公開の記録が壊れています：{path}。管理者に連絡してください（公開中のデータはそのままです）。",
        "The record of an interrupted publish is damaged: {path}. Contact the administrator (the published data is untouched).",
    ),
    "data_error.checksum_mismatch": (
        "履歴の版「{value}」のファイルが記録と一致しません（{path}）。改ざんまたは破損のため、この版には戻せません。",
        "The files of version '{value}' do not match its record ({path}); damaged or altered, so it cannot be restored.",
    ),
    "data_error.outside_history": (
        "履歴フォルダーの外を指しています：{path}。",
        "The path points outside the history folder: {path}.",
    ),
    "data_error.formula_text": (
        "数式として扱われる文字で始まる値です：「{value}」（{path}）。先頭の = + - @ を取るか、前に全角の文字を置いてください。",
        "A value starting with a formula character: '{value}' ({path}). Remove the leading = + - @.",
    ),
    "data_error.control_character": (
        "制御文字（{value}）が入っています（{path}）。改行・タブ・NUL などの見えない文字を消してください。",
        "A control character ({value}) is in the value ({path}). Remove invisible characters such as NUL or tab.",
    ),
    "data_error.text_too_long": (
        "文字が長すぎます：{value}文字（{path}）。{expected}文字以内にしてください。",
        "Text too long: {value} characters ({path}). At most {expected} characters.",
    ),
    "data_error.not_finite": (
        "数値として使えない値です：「{value}」（{path}）。",
        "Not a usable number: '{value}' ({path}).",
    ),
    "data_error.value_too_large": (
        "値「{value}」が大きすぎます（{path}）。絶対値 {expected} 以下にしてください。単位の誤りがないか確認してください。",
        "The value '{value}' is too large ({path}); its magnitude must be at most {expected}. Check the unit.",
    ),
    "data_error.above_limit": (
        "「{value}」が上限を超えています（{path}）。{expected} 以下にしてください。",
        "'{value}' exceeds its limit ({path}); it must be at most {expected}.",
    ),
    "data_error.too_few_rows": (
        "画面に必要な行が足りません：{value} の行が {expected} 行以上必要です（{path}）。",
        "Rows the pages need are missing: at least {expected} rows with {value} ({path}).",
    ),
    "data_error.too_many_matching_rows": (
        "{value} の行が多すぎます（{path}）。{expected} 行までにしてください。",
        "Too many rows with {value} ({path}); at most {expected}.",
    ),
    "data_error.definition_without_rows": (
        "指標「{value}」の値が {expected} に1行もありません（{path}）。先に {expected} に値を追加してください。",
        "KPI '{value}' has no rows in {expected} ({path}). Add its values to {expected} first.",
    ),
    "data_error.rows_removed": (
        "{expected} に登録されている「{value}」の行がすべてなくなります（{path}）。行を残すか、先に {expected} から外してください。",
        "Every row of '{value}', registered in {expected}, would be removed ({path}). Keep its rows or remove it from {expected} first.",
    ),
    "data_error.survey_no_value": (
        "回答数も割合も空欄の行があります：{value}（{path}）",
        "A row has neither a count nor a share: {value} ({path})",
    ),
    "data_error.survey_mixed_basis": (
        "同じ調査回・設問・区分の中に、回答数のある行とない行が混在しています：{value}（{path}）。0人の選択肢は 0 と記入してください。",
        "Counts and bare shares are mixed within one wave, question and group: {value} ({path}). Write 0 for options nobody chose.",
    ),
    "data_error.survey_respondents_differ": (
        "同じ調査回・設問・区分で回答者数が行ごとに異なります：{value}（{path}）",
        "The number of respondents differs between rows of one wave, question and group: {value} ({path})",
    ),
    "data_error.survey_counts_exceed_respondents": (
        "回答数の合計が回答者数を超えています：{value}（{path}）",
        "The counts add up to more than the respondents: {value} ({path})",
    ),
    "data_error.survey_shares_exceed_100": (
        "割合の合計が100％を超えています：{value}（{path}）",
        "Shares add up to more than 100 %: {value} ({path})",
    ),
    "data_error.survey_duplicate_score": (
        "同じ設問・区分で2つの選択肢が同じ得点です：{value}（{path}）",
        "Two options of one question and group have the same score: {value} ({path})",
    ),
    "data_error.survey_share_disagrees_with_count": (
        "割合が回答数から計算した値と一致しません：{value}（{path}）",
        "A share does not match its count: {value} ({path})",
    ),
    "data_error.survey_score_differs": (
        "同じ設問の同じ選択肢に、区分や調査回によって異なる得点が付いています：{value}（{path}）",
        "An option has different scores in different groups or waves: {value} ({path})",
    ),
    "data_error.publish_busy": (
        "ほかの公開処理が実行中です。しばらくしてからやり直してください（{path}）。",
        "Another publish is running. Try again in a moment ({path}).",
    ),
    "data_error.history_unreadable": (
        "履歴を読み込めません：{path}（{detail}）",
        "The history cannot be read: {path} ({detail})",
    ),
    "data_error.published_changed": (
        "差分を表示した後に公開データが更新されました（{path}）。もう一度読み込んで差分を確認してください。",
        "The published data changed after the diff was shown ({path}). Load the file again and check the diff.",
    ),
    "data_error.publish_failed": (
        "公開に失敗しました。公開中のデータは元のままです（{path}：{detail}）。",
        "Publishing failed; the published data is unchanged ({path}: {detail}).",
    ),
    "data_error.version_missing": (
        "版「{value}」は履歴にありません（あるもの：{expected}）。",
        "Version '{value}' is not in the history (available: {expected}).",
    ),
}

_WHERE: dict[str, tuple[str, str]] = {
    "admin.where_cell": (
        "（シート「{sheet}」のセル {cell}：{row}行目、列「{column}」）",
        " (sheet '{sheet}', cell {cell}: row {row}, column '{column}' / {column_id})",
    ),
    "admin.where_row_column": ("（{row}行目、列「{column}」）", " (row {row}, column '{column}' / {column_id})"),
    "admin.where_row": ("（{row}行目）", " (row {row})"),
    "admin.where_column": ("（列「{column}」）", " (column '{column}' / {column_id})"),
    "admin.where_sheet": ("（シート「{sheet}」）", " (sheet '{sheet}')"),
    "admin.failed_file": ("取り込めません：{name}", "Cannot import: {name}"),
}

_NOTES: dict[str, tuple[str, str]] = {
    "admin.note.fullwidth": ("全角の数字・英字を半角に直しました", "Full-width digits and letters made half-width"),
    "admin.note.thousands": ("桁区切りのカンマを外しました", "Thousands separators removed"),
    "admin.note.man": ("「万」を数に直しました（×10,000）", "'万' turned into a number (× 10,000)"),
    "admin.note.man_unit": (
        "「万」を外しました（単位が万時間のため）",
        "'万' dropped (the unit is already 万時間, tens of thousands of hours)",
    ),
    "admin.note.percent": ("「%」を外しました（単位は％）", "'%' dropped (the unit is percent)"),
    "admin.note.wareki": ("和暦の年を西暦に直しました", "Japanese era years converted to the Western calendar"),
    "admin.note.year_form": ("年の書き方を数字にそろえました", "Year written as a plain number"),
    "admin.note.period_form": ("期間の書き方をそろえました", "Period written in the standard form"),
    "admin.note.minus_mark": ("▲・△をマイナスに直しました", "▲/△ read as minus"),
    "admin.note.whitespace": ("前後の空白を取り除きました", "Spaces around values removed"),
    "admin.note.excel_date": ("Excel の日付を文字に直しました", "Excel dates written as text"),
    "admin.note.date_form": ("日付の書き方をそろえました", "Dates written in the standard form"),
    "admin.note.line": (
        "{what}：{count}件（例：{row}行目「{column}」 {before} → {after}）",
        "{what}: {count} (e.g. row {row}, '{column}': {before} → {after})",
    ),
    "admin.reason.baseline": ("初期（ビルド）", "initial (build)"),
    "admin.reason.import": ("取り込み", "import"),
    "admin.reason.rollback": ("ロールバック", "rollback"),
}

_CLI: dict[str, tuple[str, str]] = {
    "admin.cli.reading": ("読み込み：{path}（データセット：{dataset}）", "Reading {path} (dataset: {dataset})"),
    "admin.cli.format_csv": (
        "形式：CSV（文字コード {encoding}、区切り文字 {delimiter}）",
        "Format: CSV (encoding {encoding}, delimiter {delimiter})",
    ),
    "admin.cli.format_xlsx": ("形式：Excel（シート「{sheet}」）", "Format: Excel (sheet '{sheet}')"),
    "admin.cli.rows": (
        "{rows}行を読み込み、検証しました（空の行 {blank}行は無視しました）。",
        "Read and validated {rows} rows ({blank} blank rows ignored).",
    ),
    "admin.cli.notes_title": ("読み取りのときに直した値：", "Values normalised while reading:"),
    "admin.cli.diff_title": (
        "公開中のデータとの差分：追加 {added}行、変更 {changed}行、削除 {removed}行",
        "Diff against the published data: {added} added, {changed} changed, {removed} removed",
    ),
    "admin.cli.added": ("  ＋ 追加 {row_key}", "  + added {row_key}"),
    "admin.cli.removed": ("  － 削除 {row_key}", "  - removed {row_key}"),
    "admin.cli.changed": ("  ～ 変更 {row_key}：{changes}", "  ~ changed {row_key}: {changes}"),
    "admin.cli.change": ("{column} {old} → {new}", "{column} {old} → {new}"),
    "admin.cli.more": ("  …ほか {count}行", "  … and {count} more rows"),
    "admin.cli.no_change": (
        "公開中のデータと同じです。公開するものはありません。",
        "Identical to the published data; nothing to publish.",
    ),
    "admin.cli.dry_run": ("ドライランのため公開していません。", "Dry run: nothing was published."),
    "admin.cli.confirm": ("この内容で公開しますか？ [y/N] ", "Publish this? [y/N] "),
    "admin.cli.need_yes": (
        "確認の入力ができないため公開しません。公開するには --yes を付けてください。",
        "Cannot ask for confirmation; nothing was published. Add --yes to publish.",
    ),
    "admin.cli.cancelled": ("公開を取りやめました。", "Publishing cancelled."),
    "admin.cli.published": (
        "公開しました：{dataset} の版 {version}（前の版 {previous} は履歴に残っています。"
        "戻すには dashboard rollback {dataset} {previous}）",
        "Published {dataset} version {version} (the previous version {previous} is kept in the history; "
        "to restore it: dashboard rollback {dataset} {previous})",
    ),
    "admin.cli.template_written": ("テンプレートを書き出しました：{path}", "Template written: {path}"),
    "admin.cli.history_empty": ("履歴はまだありません。", "No history yet."),
    "admin.cli.history_header": (
        "  データセット  版  公開日時  理由  行数  実行者  元のファイル（＊＝公開中の版）",
        "  dataset  version  published  reason  rows  by  from (* = live version)",
    ),
    "admin.cli.rolled_back": (
        "{dataset} を版 {version} の内容に戻しました（新しい版 {new}）。",
        "Restored {dataset} to version {version} (new version {new}).",
    ),
    "admin.cli.error": ("エラー：{message}", "Error: {message}"),
    "admin.unchanged": (
        "公開中のデータは変更していません。",
        "The published data was not changed.",
    ),
}

_PAGE: dict[str, tuple[str, str]] = {
    "admin.title": ("データ更新", "Data updates"),
    "admin.intro": (
        "Excel または CSV で数値を更新します。読み込んだ内容を検証し、差分を確認してから公開します。"
        "前の版は履歴に残り、いつでも戻せます。",
        "Update the figures from Excel or CSV: the file is validated, you check the diff, then publish. "
        "Every previous version is kept and can be restored.",
    ),
    "admin.disabled": (
        "データ更新ページは無効になっています。使うには、環境変数 DASHBOARD_ADMIN=1 を設定するか、"
        ".streamlit/secrets.toml の [dashboard] に admin_enabled = true を設定してください。",
        "The data update page is turned off. To use it, set the environment variable DASHBOARD_ADMIN=1 "
        "or admin_enabled = true in the [dashboard] table of .streamlit/secrets.toml.",
    ),
    "admin.no_auth": (
        "データ更新ページは、ログイン（Streamlit の OIDC 認証）が設定されていないため使えません。"
        ".streamlit/secrets.toml の [auth] に、redirect_uri、cookie_secret、client_id、client_secret、"
        "server_metadata_url を設定してください。",
        "The data update page needs sign-in (Streamlit's OIDC authentication), which is not configured. "
        "Set redirect_uri, cookie_secret, client_id, client_secret and server_metadata_url in the [auth] "
        "table of .streamlit/secrets.toml.",
    ),
    "admin.auth_incomplete": (
        "データ更新ページは、ログイン（Streamlit の OIDC 認証）の設定に不備があるため使えません。"
        ".streamlit/secrets.toml の [auth] を確認してください（{problems}）。",
        "The data update page needs sign-in, whose configuration ([auth] in .streamlit/secrets.toml) "
        "is incomplete ({problems}).",
    ),
    "admin.no_authlib": (
        "ログインに必要なライブラリ Authlib がインストールされていないため、データ更新ページは使えません"
        '（pip install "Authlib>=1.3.2"）。',
        "The data update page needs the Authlib library for sign-in, which is not installed "
        '(pip install "Authlib>=1.3.2").',
    ),
    "admin.cli_hint": (
        "コマンドでも更新できます：dashboard template／import／history／rollback",
        "The command line does the same: dashboard template / import / history / rollback",
    ),
    "admin.login_prompt": ("データを更新するにはログインしてください。", "Sign in to update the data."),
    "admin.login": ("ログイン", "Sign in"),
    "admin.logout": ("ログアウト", "Sign out"),
    "admin.signed_in": ("ログイン中：{name}", "Signed in as {name}"),
    "admin.not_allowed": (
        "このアカウント（{name}）にはデータを更新する権限がありません。"
        "管理者に .streamlit/secrets.toml の [dashboard] admin_users への追加を依頼してください。",
        "This account ({name}) may not update the data. Ask an administrator to add it to admin_users "
        "in the [dashboard] table of .streamlit/secrets.toml.",
    ),
    "admin.step.dataset": ("1. データセットとテンプレート", "1. Dataset and template"),
    "admin.dataset": ("データセット", "Dataset"),
    "admin.template": ("テンプレート（.xlsx）をダウンロード", "Download the template (.xlsx)"),
    "admin.template_help": (
        "いま公開中の行が入ったテンプレートです。変わった値を直し、新しい年の行を足してください。",
        "The template holds the rows published now: change what changed and add rows for the new year.",
    ),
    "admin.step.upload": ("2. ファイルの読み込みと検証", "2. Load and validate the file"),
    "admin.upload": (
        "Excel（.xlsx）または CSV ファイル（{limit} MB まで）",
        "Excel (.xlsx) or CSV file (up to {limit} MB)",
    ),
    "admin.sheet": ("シート", "Sheet"),
    "admin.read_ok": ("{rows}行を読み込み、検証しました。", "Read and validated {rows} rows."),
    "admin.notes": ("読み取りのときに直した値（{count}件）", "Values normalised while reading ({count})"),
    "admin.step.diff": ("3. 差分の確認", "3. Check the diff"),
    "admin.diff_counts": (
        "追加 {added}行、変更 {changed}行、削除 {removed}行",
        "{added} added, {changed} changed, {removed} removed",
    ),
    "admin.diff.added": ("追加される行", "Rows added"),
    "admin.diff.removed": ("削除される行", "Rows removed"),
    "admin.diff.changed": ("変更される値", "Values changed"),
    "admin.no_change": (
        "公開中のデータと同じです。公開するものはありません。",
        "Identical to the published data; nothing to publish.",
    ),
    "admin.step.publish": ("4. 公開", "4. Publish"),
    "admin.confirm": ("差分を確認しました。この内容で公開します。", "I have checked the diff; publish this."),
    "admin.publish": ("公開する", "Publish"),
    "admin.published": (
        "公開しました（版 {version}）。ダッシュボードの各ページに次の表示から反映されます。",
        "Published (version {version}). Every page shows it from its next run.",
    ),
    "admin.history": ("履歴と復元", "History and restore"),
    "admin.history_empty": ("このデータセットの履歴はまだありません。", "No history for this dataset yet."),
    "admin.rollback_version": ("戻す版", "Version to restore"),
    "admin.rollback_confirm": ("この版に戻すことを確認しました。", "I confirm restoring this version."),
    "admin.rollback": ("この版に戻す", "Restore this version"),
    "admin.rolled_back": (
        "版 {version} の内容に戻しました（新しい版 {new}）。",
        "Restored version {version} (new version {new}).",
    ),
    "admin.col.key": ("キー", "Key"),
    "admin.col.column": ("列", "Column"),
    "admin.col.before": ("変更前", "Before"),
    "admin.col.after": ("変更後", "After"),
    "admin.col.version": ("版", "Version"),
    "admin.col.published_at": ("公開日時", "Published"),
    "admin.col.reason": ("理由", "Reason"),
    "admin.col.rows": ("行数", "Rows"),
    "admin.col.actor": ("実行者", "By"),
    "admin.col.origin": ("元のファイル・版", "From"),
    "admin.col.current": ("公開中", "Live"),
}

MESSAGES: dict[str, tuple[str, str]] = {**_ERRORS, **_WHERE, **_NOTES, **_CLI, **_PAGE}
