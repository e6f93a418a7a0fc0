"""The admin (data update) page: off by default, disabled without sign-in configured, and for a signed-in user:
upload → validation → diff → publish, clear errors for bad files, history and restore.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from import_util import Workspace, csv_text, rows_of
from import_util import replace as replace_cells
from streamlit.testing.v1 import AppTest

from dashboard.data import importer, load_dataset, publish
from dashboard.views import admin, shell

REPO = Path(__file__).resolve().parents[2]
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "x" * 40,
    "client_id": "dashboard",
    "client_secret": "secret",
    "server_metadata_url": "https://login.example.jp/.well-known/openid-configuration",
}
STAFF = {"is_logged_in": True, "email": "sato@city.iwaki.lg.jp", "name": "佐藤"}


def _open(*, secrets: dict | None = None, user: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    if user is not None:
        at.user = user
    at.run()
    at.switch_page("pages/admin.py").run()
    return at


def _text(at: AppTest) -> str:
    """What the page says, with the Markdown escapes of file- and data-borne text removed."""
    parts = []
    for kind in ("title", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(parts).replace("\\", "")


def _admin_page_alone() -> None:
    from dashboard.views import admin

    admin.render()


@pytest.fixture
def signed_in(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """Admin page on, sign-in configured, Authlib taken as installed (it is optional in the test venv)."""
    monkeypatch.setenv("DASHBOARD_ADMIN", "1")
    monkeypatch.setattr(admin, "_authlib_installed", lambda: True)
    return ws


def test_off_by_default_and_not_in_the_navigation(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DASHBOARD_ADMIN", raising=False)
    assert not admin.enabled()
    assert shell._admin_page() == []
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("pages/admin.py")
    at = AppTest.from_function(_admin_page_alone, default_timeout=30).run()  # reached some other way anyway
    assert not at.exception
    assert "データ更新ページは無効になっています" in _text(at)
    assert not at.get("file_uploader")


def test_enabled_it_joins_the_navigation(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_ADMIN", "1")
    at = _open()
    assert not at.exception and "データ更新" in [t.value for t in at.title]


def test_enabled_in_secrets(ws: Workspace) -> None:
    at = _open(secrets={"dashboard": {"admin_enabled": True}})
    assert not at.exception
    text = _text(at)
    assert "無効になっています" not in text and "ログイン（Streamlit の OIDC 認証）が設定されていない" in text


def test_without_sign_in_configured_the_page_explains_and_does_nothing(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DASHBOARD_ADMIN", "1")
    at = _open(user=STAFF)
    assert not at.exception
    text = _text(at)
    assert "[auth]" in text and "redirect_uri" in text and "設定されていないため使えません" in text
    assert not at.get("file_uploader")
    partial = _open(secrets={"auth": {**AUTH, "client_secret": ""}}, user=STAFF)
    assert "設定に不備があるため" in _text(partial) and "missing: client_secret" in _text(partial)
    assert not partial.get("file_uploader")


def test_without_authlib_the_page_says_so(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_ADMIN", "1")
    monkeypatch.setattr(admin, "_authlib_installed", lambda: False)
    at = _open(secrets={"auth": AUTH}, user=STAFF)
    assert "Authlib" in _text(at) and not at.get("file_uploader")


def test_signed_out_users_see_only_the_sign_in_button(signed_in: Workspace) -> None:
    at = _open(secrets={"auth": AUTH}, user={"is_logged_in": False})
    assert not at.exception
    assert "ログインしてください" in _text(at)
    # The page's own buttons (the frame's tools row offers presentation mode on hall-sized screens).
    assert [b.label for b in at.button if b.key != "present_offer_button"] == ["ログイン"]
    assert not at.get("file_uploader")


def test_users_outside_admin_users_are_refused(signed_in: Workspace) -> None:
    at = _open(secrets={"auth": AUTH, "dashboard": {"admin_users": ["suzuki@city.iwaki.lg.jp"]}}, user=STAFF)
    assert "権限がありません" in _text(at) and not at.get("file_uploader")


def test_upload_diff_publish_and_restore(signed_in: Workspace) -> None:
    ws = signed_in
    original = ws.published()
    at = _open(secrets={"auth": AUTH, "dashboard": {"admin_users": ["SATO@city.iwaki.lg.jp"]}}, user=STAFF)
    assert not at.exception
    assert "ログイン中：sato@city.iwaki.lg.jp" in _text(at)
    at.selectbox(key="admin_dataset").set_value("facility_counts").run()
    assert at.get("download_button")  # the template
    header, rows = rows_of(ws, "facility_counts")
    data = csv_text(header, replace_cells(rows, header, {"year": "2024"}, facilities="１，２７０")).encode("cp932")
    at.file_uploader(key="admin_upload").set_value(("施設数.csv", data, "text/csv")).run()
    assert not at.exception
    text = _text(at)
    assert "3行を読み込み、検証しました" in text and "追加 0行、変更 1行、削除 0行" in text
    changed = at.dataframe[0].value
    assert list(changed.iloc[0]) == ["年=2024", "施設数", "1281", "1270"]
    assert at.button(key="admin_publish").disabled
    at.checkbox(key="admin_confirm").check().run()
    at.button(key="admin_publish").click().run()
    assert not at.exception
    assert "公開しました" in _text(at)
    assert load_dataset("facility_counts").set_index("year").loc[2024, "facilities"] == 1270
    latest = publish.history("facility_counts")[-1]
    assert (latest.actor, latest.origin, latest.reason) == ("sato@city.iwaki.lg.jp", "施設数.csv", "import")
    assert "公開中のデータと同じです" in _text(at)  # the same upload, now published

    baseline = publish.history("facility_counts")[0].version
    at.selectbox(key="admin_rollback_version").set_value(baseline).run()
    at.checkbox(key="admin_rollback_confirm").check().run()
    at.button(key="admin_rollback").click().run()
    assert not at.exception
    assert f"版 {baseline} の内容に戻しました" in _text(at)
    assert ws.published() == original


def test_a_bad_upload_shows_file_row_and_column_and_changes_nothing(signed_in: Workspace) -> None:
    ws = signed_in
    before = ws.snapshot()
    at = _open(secrets={"auth": AUTH}, user=STAFF)
    at.selectbox(key="admin_dataset").set_value("staff_survey").run()
    header, rows = rows_of(ws, "staff_survey")
    rows[1][header.index("share_pct")] = "178"
    at.file_uploader(key="admin_upload").set_value(("survey_[1](x).csv", csv_text(header, rows).encode(), "text/csv"))
    at.run()
    assert not at.exception
    message = " ".join(str(e.value) for e in at.error)
    assert "取り込めません" in message and "値が範囲外です" in message
    assert "3行目、列「割合」" in message and r"survey\_\[1\]\(x\)" in message  # shown as typed, not as a link
    assert "公開中のデータは変更していません" in message
    assert not at.get("button") or all(b.key != "admin_publish" for b in at.button)
    assert ws.snapshot() == before


def test_the_admin_page_applies_the_survey_format_rules(signed_in: Workspace) -> None:
    # The same import path as the command line: the survey's own rules are declared checks, run here too.
    ws = signed_in
    before = ws.snapshot()
    at = _open(secrets={"auth": AUTH}, user=STAFF)
    at.selectbox(key="admin_dataset").set_value("staff_survey").run()
    header, rows = rows_of(ws, "staff_survey")
    second = list(rows[0])
    second[header.index("option_id")] = "other"
    second[header.index("share_pct")] = "60"
    at.file_uploader(key="admin_upload").set_value(
        ("survey.csv", csv_text(header, [*rows, second]).encode(), "text/csv")
    )
    at.run()
    assert not at.exception
    message = " ".join(str(e.value) for e in at.error)
    assert "割合の合計が100％を超えています" in message and "2行目" in message, message
    assert ws.snapshot() == before


def test_an_upload_over_the_size_cap_is_refused_in_code(signed_in: Workspace) -> None:
    ws = signed_in
    before = ws.snapshot()
    at = _open(secrets={"auth": AUTH}, user=STAFF)
    big = b"year,facilities\n" + b"1" * (21 * 1024 * 1024)
    at.file_uploader(key="admin_upload").set_value(("big.csv", big, "text/csv")).run()
    assert not at.exception
    assert "ファイルが大きすぎます" in " ".join(str(e.value) for e in at.error)
    assert ws.snapshot() == before


def test_the_page_in_english(signed_in: Workspace) -> None:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    at.secrets["auth"] = AUTH
    at.user = STAFF
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/admin.py").run()
    assert not at.exception
    assert "Data updates" in [t.value for t in at.title]


def test_publishing_is_refused_when_the_data_changed_after_the_diff_was_shown(signed_in: Workspace) -> None:
    ws = signed_in
    at = _open(secrets={"auth": AUTH}, user=STAFF)
    at.selectbox(key="admin_dataset").set_value("facility_counts").run()
    header, rows = rows_of(ws, "facility_counts")
    mine = csv_text(header, replace_cells(rows, header, {"year": "2024"}, facilities="1270")).encode()
    at.file_uploader(key="admin_upload").set_value(("mine.csv", mine, "text/csv")).run()
    at.checkbox(key="admin_confirm").check().run()
    theirs = ws.root / "theirs.csv"
    theirs.write_text(csv_text(header, replace_cells(rows, header, {"year": "2024"}, facilities="1265")), "utf-8")
    publish.publish(importer.read_path(theirs, "facility_counts"), actor="someone else")
    before = ws.snapshot()
    at.button(key="admin_publish").click().run()
    assert not at.exception
    assert "差分を表示した後に公開データが更新されました" in " ".join(str(e.value) for e in at.error)
    assert ws.snapshot() == before
    assert load_dataset("facility_counts").set_index("year").loc[2024, "facilities"] == 1265
