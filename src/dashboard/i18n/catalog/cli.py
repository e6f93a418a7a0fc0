"""Messages of the ``dashboard`` command line: help texts and what the maintenance commands print.

The staff-facing import messages (template, import, history, rollback) live
with the admin page's in ``admin.py``; both screens say the same things.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # argparse's frame
    "cli.usage": ("使い方: ", "usage: "),
    "cli.positionals": ("引数", "arguments"),
    "cli.options": ("オプション", "options"),
    "cli.commands": ("コマンド", "commands"),
    "cli.help": ("このヘルプを表示して終了します", "show this help message and exit"),
    "cli.error": ("エラー：{message}", "error: {message}"),
    "cli.yes_words": ("y,yes,はい", "y,yes"),
    "cli.lang": (
        "表示言語（ja または en。既定は環境変数 DASHBOARD_LANG、なければ ja）",
        "language of messages and help (ja or en; default: DASHBOARD_LANG, else ja)",
    ),
    "cli.description": (
        "いわき市 構造改革ダッシュボードのコマンドです。データの作成と確認、公開データの取得、"
        "職員によるデータ更新（テンプレート・取り込み・履歴・差し戻し）、性能測定を行います。"
        "各コマンドの説明は `dashboard <コマンド> --help` で表示されます。",
        "The Iwaki structural-reform dashboard's command: build and check the data, refresh the "
        "open data, staff data updates (template, import, history, rollback) and the benchmark. "
        "`dashboard <command> --help` explains each command.",
    ),
    # build
    "cli.build": (
        "data/source/*.csv から公開用 Parquet を作成します（--open：公開データを data/open/ に作成）",
        "build the published Parquet from data/source/*.csv (--open: build the open data into data/open/)",
    ),
    "cli.build.names": ("作成するデータセット（省略時はすべて）：{names}", "datasets to build (default: all): {names}"),
    "cli.build.open": (
        "上流の元ファイル（--raw のフォルダ）から data/open/ の公開データと目録を作成します",
        "build the open data in data/open/ and its manifest from the upstream raw files (folder --raw)",
    ),
    "cli.build.raw": (
        "上流の元ファイルを置いたフォルダ（--open のとき必須。data/open/LICENSES.md の一覧と同じ配置）",
        "folder holding the raw upstream files (required with --open; laid out as data/open/LICENSES.md lists them)",
    ),
    "cli.build.need_raw": (
        "--open には --raw <元ファイルのフォルダ> が必要です。",
        "--open needs --raw <folder of the raw files>.",
    ),
    "cli.built": ("作成しました：{path}", "built {path}"),
    "cli.built_open": (
        "公開データを作成しました：{path}（{rows}行、{size}バイト）",
        "built open data {path} ({rows} rows, {size} bytes)",
    ),
    "cli.built_open_total": (
        "公開データ {count}ファイル、合計 {size}バイト → {folder}（目録：{manifest}）",
        "{count} open-data files, {size} bytes in all → {folder} (manifest: {manifest})",
    ),
    # check
    "cli.check": (
        "Parquet が CSV より古くないか、data/open/ の公開データが目録と一致するかを確認します",
        "fail if a Parquet file is stale against its CSV or an open-data file differs from the manifest",
    ),
    "cli.check.stale": (
        "{name}：Parquet が CSV と一致しません。`dashboard build {name}` を実行してください",
        "{name}: Parquet is stale; run `dashboard build {name}`",
    ),
    "cli.check.ok": ("{count}件のデータセットはすべて最新です", "all {count} datasets are up to date"),
    "cli.check.open_ok": (
        "公開データ {count}ファイルはすべて目録と一致します（{folder}）",
        "all {count} open-data files match the manifest ({folder})",
    ),
    # fetch
    "cli.fetch": (
        "新しい公開データをミラー（フォルダまたは http(s) の URL）から data/open/ に取得します（チェックサムを検証）",
        "refresh the open data in data/open/ from a mirror (folder or http(s) URL), verifying checksums",
    ),
    "cli.fetch.from": ("取得元のフォルダまたは URL", "folder or URL to fetch from"),
    "cli.fetch.copied": ("取得      {path}", "copied    {path}"),
    "cli.fetch.unchanged": ("変更なし  {path}", "unchanged {path}"),
    "cli.fetch.failed": ("失敗      {path}：{why}", "FAILED    {path}: {why}"),
    "cli.fetch.summary": (
        "取得 {copied}件、変更なし {unchanged}件、失敗 {failed}件 → {folder}",
        "{copied} copied, {unchanged} unchanged, {failed} failed → {folder}",
    ),
    "cli.fetch.nothing_written": (
        "取得元に壊れたファイルがあるため、何も書き込んでいません。",
        "The mirror has damaged files, so nothing was written.",
    ),
    # status
    "cli.status": (
        "公開データの各ファイルについて、使われている版（時点・チェックサム）と状態を表示します",
        "show which version (as-of, checksum) of each open-data file is in use, and its state",
    ),
    "cli.status.folder": ("公開データのフォルダ：{folder}", "open data folder: {folder}"),
    "cli.status.ok": ("正常", "ok"),
    "cli.status.missing": ("なし", "MISSING"),
    "cli.status.damaged": ("破損", "DAMAGED"),
    "cli.status.line": (
        "{state:<8} {path}  時点 {as_of}  {rows}行  sha256 {sha}",
        "{state:<8} {path}  as of {as_of}  {rows} rows  sha256 {sha}",
    ),
    # staff commands
    "cli.template": ("データセットの Excel テンプレート（.xlsx）を書き出します", "write a dataset's .xlsx template"),
    "cli.template.dataset": ("データセット：{names}", "dataset: {names}"),
    "cli.template.out": (
        "出力ファイル（既定：<データセット>_template.xlsx）",
        "output file (default: DATASET_template.xlsx)",
    ),
    "cli.template.force": ("同じ名前のファイルがあれば上書きする", "overwrite an existing file of that name"),
    "cli.template.empty": ("見出しだけ（公開中の行を含めない）", "headers only, without the published rows"),
    "cli.import": (
        "Excel/CSV を読み込み、検証して差分を表示し、公開します",
        "read .xlsx/.csv, validate, show the diff, publish",
    ),
    "cli.import.file": ("読み込むファイル（.xlsx、.csv、.tsv）", "file to read (.xlsx, .csv, .tsv)"),
    "cli.import.dataset": ("取り込み先のデータセット：{names}", "dataset to import into: {names}"),
    "cli.import.sheet": ("読むシート（既定：データ、なければ先頭）", "sheet to read (default: データ, else the first)"),
    "cli.import.dry_run": ("検証と差分の表示だけ（公開しない）", "validate and show the diff only"),
    "cli.import.yes": ("確認せずに公開する（スクリプト用）", "publish without asking (for scripts)"),
    "cli.history": ("公開した版の一覧（＊＝公開中）", "list the published versions (* = live)"),
    "cli.history.name": ("データセット（省略時はすべて）", "dataset (default: all)"),
    "cli.rollback": ("以前の版をもう一度公開します", "publish an earlier version again"),
    "cli.rollback.name": ("データセット", "dataset"),
    "cli.rollback.version": ("版（history で表示される名前）", "version (as `history` lists it)"),
    # bench
    "cli.bench": (
        "性能測定（ページの読み込み、スクリプト時間、全国規模、メモリ）を実行し、結果を表示します",
        "run the benchmark (page loads, script time, national scale, memory) and print the figures",
    ),
    "cli.bench.quick": ("各項目を短く1回ずつ（動作確認用）", "one run, few sessions: a smoke run of every section"),
    "cli.bench.runs": (
        "ページごとの計測回数（既定 5、--quick では 1）",
        "timed page loads per page (default 5; quick 1)",
    ),
    "cli.bench.warmup": ("計測しない準備の回数（既定 1）", "untimed warm-up rounds of page loads (default 1)"),
    "cli.bench.reruns": (
        "AppTest の再実行回数（既定 10、--quick では 3）",
        "warm AppTest reruns per page (default 10; quick 3)",
    ),
    "cli.bench.sessions": (
        "メモリ測定の同時セッション数（既定 20、--quick では 3）",
        "concurrent browser sessions for memory (default 20; quick 3)",
    ),
    "cli.bench.only": ("実行する項目（カンマ区切り）：{sections}", "comma-separated sections out of {sections}"),
    "cli.bench.profile": (
        "pyinstrument のプロファイル：目標に届かないページ（auto）、全ページ、なし",
        "pyinstrument profiles: of the pages that miss a target (auto), of all, or none",
    ),
    "cli.bench.synthetic_dir": (
        "全国規模の合成データを書き出すフォルダ（既定：一時フォルダ）",
        "write the synthetic national data here (default: temp)",
    ),
    "cli.bench.keep_synthetic": ("合成データを終了後も残す", "do not delete the synthetic data afterwards"),
    "cli.bench.report_only": (
        "計測せず、results.json から summary.md を作り直す",
        "measure nothing: rebuild summary.md from results.json",
    ),
}
