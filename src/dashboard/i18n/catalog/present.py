"""Messages of presentation mode, shared links, exports and print: key → (Japanese, English)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # The tools row at the top of every page: presentation settings (a popover)
    "present.heading": ("会議・大型画面", "Meetings and large displays"),
    "present.menu": ("発表モード", "Presenting"),
    "present.menu_help": ("プレゼンテーションモードと自動送りの設定", "Presentation mode and automatic advance"),
    "present.toggle": ("プレゼンテーションモード", "Presentation mode"),
    "present.toggle_help": (
        "操作部品を隠し、文字を大きくして全画面に表示します（URL に ?mode=present）。"
        "ページはスライドに分かれ、→・PageDown・スペースで次へ、← で前へ。終了は画面下の「終了」か Esc キー。",
        "Hides the controls and enlarges the type for a large screen (URL: ?mode=present). "
        "Each page becomes slides: →, PageDown or Space for the next, ← for the previous. "
        "Leave with “Exit” at the bottom or the Esc key.",
    ),
    "present.offer": ("大型画面です：プレゼンテーションで表示", "Large screen: show as a presentation"),
    "present.auto": ("ページを自動で送る", "Advance pages automatically"),
    "present.seconds": ("1画面の表示時間（秒）", "Seconds per screen"),
    "present.seconds_help": (
        "スライドを1枚ずつ、この秒数ごとに表示し、最後のスライドの次は次のページへ進みます（URL に ?advance=秒）。",
        "Shows the slides one at a time, every so many seconds, then moves on to the next page "
        "(URL: ?advance=seconds).",
    ),
    # Presentation controls (the bar at the bottom while presenting)
    "present.prev": ("前へ", "Back"),
    "present.next": ("次へ", "Next"),
    "present.exit": ("終了", "Exit"),
    "present.prev_help": ("前のスライド（← キー）", "Previous slide (← key)"),
    "present.next_help": ("次のスライド（→ キー）", "Next slide (→ key)"),
    "present.exit_help": ("プレゼンテーションモードを終了（Esc キー）", "Leave presentation mode (Esc key)"),
    "present.counter": ("{n}／{total}", "{n} / {total}"),
    "present.table_part": ("{title}（{n}／{total}）", "{title} ({n}/{total})"),
    "present.auto_status": ("自動送り：{seconds}秒ごと", "Auto-advance: every {seconds} s"),
    # Links that restore a view
    "present.link_invalid": (
        "リンクの次の値は使えないため、既定の表示に戻しました：{params}",
        "Some values in the link could not be used, so the default view is shown for: {params}",
    ),
    # Exports
    "present.download_png": ("PNG（スライド用）", "PNG (slide)"),
    "present.download_svg": ("SVG（スライド用）", "SVG (slide)"),
    "present.download_xlsx": ("Excel（.xlsx）", "Excel (.xlsx)"),
    "present.download_help": (
        "16:9 のスライド用画像（タイトル・出典・時点入り）。サーバーで描画するため、インターネット接続は不要です。",
        "A 16:9 slide image with title, source and as-of, drawn on the server (no internet needed).",
    ),
    "present.xlsx_sheet": ("データ", "Data"),
    "present.xlsx_notes": ("出典", "Source"),
    # Print
    "present.print_url": ("この表示のURL：{url}", "URL of this view: {url}"),
    "present.print_date": ("表示日時：{when}", "Shown: {when}"),
}
