"""Data update screen (データ更新): upload, validate, check the diff, publish; history and restore.

Off unless a deployment turns it on (``DASHBOARD_ADMIN=1`` or
``admin_enabled = true`` in the ``[dashboard]`` table of
``.streamlit/secrets.toml``). Even then it only works behind Streamlit's
built-in OIDC sign-in (``st.login``) configured in the ``[auth]`` table of
the same file; without it the page explains what is missing and does
nothing else. ``admin_users`` in ``[dashboard]`` (a list of e-mail
addresses) limits who may publish; without it every signed-in user may
(fine for a city's own identity provider, not for a public one).

Everything the page does is done by the data layer (:mod:`dashboard.data.importer`,
:mod:`dashboard.data.publish`, :mod:`dashboard.data.templates`), exactly as the
``dashboard`` command (:mod:`dashboard.cli`) does it.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import settings
from dashboard.data import DATASET_NAMES, DataError, importer, publish, templates
from dashboard.data.headers import DATASET_LABELS, label
from dashboard.i18n import language, t
from dashboard.views.auth import auth_config_problems, dashboard_secrets, secrets_table
from dashboard.views.components import guarded, page_header, updated_caption

MAX_UPLOAD_MB = importer.MAX_IMPORT_BYTES // (1024 * 1024)
TABLE_ROWS = 500
"""Rows of a diff table shown on screen (the counts always cover all)."""
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$])")
_FLASH = "admin_flash"


def enabled() -> bool:
    """Whether the deployment turned the admin page on (environment or secrets)."""
    return settings.admin_enabled(dashboard_secrets())


def _authlib_installed() -> bool:
    return importlib.util.find_spec("authlib") is not None


def _user_name() -> str:
    return str(st.user.get("email") or st.user.get("name") or "")


def _allowed(user: str) -> bool:
    return dashboard_secrets().may_publish(user)


def _plain(text: object) -> str:
    """Text from a file or from data, escaped so Markdown shows it as typed (no links, no images)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def _describe(exc: DataError) -> str:
    return "".join(t(key, **{k: _plain(v) for k, v in values.items()}) for key, values in importer.message_parts(exc))


@contextmanager
def _explained() -> Iterator[None]:
    """Show a data-layer error with its import message (file, row, column), not the generic one."""
    try:
        yield
    except DataError as exc:
        st.error(_describe(exc) + "\n\n" + t("admin.unchanged"), icon=":material/error:")


def _dataset_name(name: str) -> str:
    return f"{DATASET_LABELS[name]}（{name}）" if language() == "ja" else name


def _column_name(dataset: str, column: str) -> str:
    return label(dataset, column) if language() == "ja" else column


def render() -> None:
    """Draw the page: the gates first, then the update and history sections."""
    page_header("admin.title", "admin.intro")
    if not enabled():
        st.info(t("admin.disabled"), icon=":material/block:")
        return
    section = secrets_table("auth")
    problems = auth_config_problems(section)
    if problems:
        message = t("admin.auth_incomplete", problems=_plain("; ".join(problems))) if section else t("admin.no_auth")
        st.warning(message, icon=":material/lock:")
        st.caption(t("admin.cli_hint"))
        return
    if not _authlib_installed():
        st.warning(t("admin.no_authlib"), icon=":material/lock:")
        st.caption(t("admin.cli_hint"))
        return
    if not st.user.get("is_logged_in", False):
        st.info(t("admin.login_prompt"), icon=":material/lock:")
        st.button(t("admin.login"), on_click=st.login, type="primary", icon=":material/login:", key="admin_login")
        return
    user = _user_name()
    if not _allowed(user):
        st.error(t("admin.not_allowed", name=_plain(user)), icon=":material/block:")
        st.button(t("admin.logout"), on_click=st.logout, key="admin_logout")
        return
    cols = st.columns([4, 1])
    cols[0].caption(t("admin.signed_in", name=_plain(user)))
    cols[1].button(t("admin.logout"), on_click=st.logout, key="admin_logout", icon=":material/logout:")
    _show_flash()
    dataset = st.selectbox(
        t("admin.dataset"),
        options=list(DATASET_NAMES),
        key="admin_dataset",
        bind="query-params",
        format_func=_dataset_name,
    )
    with guarded("admin.update"), _explained():
        _update_section(dataset, user)
    with guarded("admin.history"), _explained():
        _history_section(dataset, user)


def _update_section(dataset: str, user: str) -> None:
    with st.container(border=True):
        st.subheader(t("admin.step.dataset"))
        updated_caption([dataset])
        st.download_button(
            t("admin.template"),
            data=templates.build_template(dataset),
            file_name=f"{dataset}_template.xlsx",
            key="admin_template",
            icon=":material/download:",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            help=t("admin.template_help"),
        )
    with st.container(border=True):
        st.subheader(t("admin.step.upload"))
        upload = st.file_uploader(
            t("admin.upload", limit=MAX_UPLOAD_MB),
            type=["xlsx", "csv"],
            key="admin_upload",
            max_upload_size=MAX_UPLOAD_MB,
        )
        if upload is None:
            return
        data = upload.getvalue()
        sheets = importer.sheet_names(data) if len(data) <= importer.MAX_IMPORT_BYTES else []
        sheet = None
        if len(sheets) > 1:
            default = sheets.index(importer.DATA_SHEET) if importer.DATA_SHEET in sheets else 0
            sheet = st.selectbox(t("admin.sheet"), sheets, index=default, key="admin_sheet")
        try:
            imported = importer.read_bytes(data, upload.name, dataset, sheet)
            base = publish.live_sha256(dataset)
            diff = importer.compare(imported)
        except DataError as exc:
            st.error(
                t("admin.failed_file", name=_plain(upload.name))
                + "\n\n"
                + _describe(exc)
                + "\n\n"
                + t("admin.unchanged"),
                icon=":material/error:",
            )
            return
        st.success(t("admin.read_ok", rows=imported.rows), icon=":material/check_circle:")
        _notes(dataset, imported)
    with st.container(border=True):
        st.subheader(t("admin.step.diff"))
        _diff(dataset, diff)
    if diff.empty:
        return
    with st.container(border=True):
        st.subheader(t("admin.step.publish"))
        _publish_step(imported, base, user)


def _notes(dataset: str, imported: importer.Imported) -> None:
    groups = importer.note_summary(imported.notes)
    if not groups:
        return
    with st.expander(t("admin.notes", count=len(imported.notes)), icon=":material/auto_fix_high:"):
        for code, items in groups.items():
            first = items[0]
            st.caption(
                t(
                    "admin.note.line",
                    what=t(f"admin.note.{code}"),
                    count=len(items),
                    row=first.row + 1,
                    column=_plain(_column_name(dataset, first.column)),
                    before=_plain(first.before),
                    after=_plain(first.after),
                )
            )


def _rows_frame(dataset: str, rows: tuple[dict[str, Any], ...]) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows[:TABLE_ROWS])).astype(object)
    frame = frame.where(frame.notna(), "—")
    return frame.rename(columns=lambda c: _column_name(dataset, c))


def _diff(dataset: str, diff: importer.Diff) -> None:
    st.markdown(t("admin.diff_counts", **diff.counts()))
    if diff.empty:
        st.info(t("admin.no_change"), icon=":material/info:")
        return
    if diff.changed:
        st.markdown(f"**{t('admin.diff.changed')}**")
        lines = [
            {
                t("admin.col.key"): "、".join(
                    f"{_column_name(dataset, k)}={v}" for k, v in zip(diff.key_columns, ch.key, strict=True)
                ),
                t("admin.col.column"): _column_name(dataset, column),
                t("admin.col.before"): "—" if old is None else str(old),
                t("admin.col.after"): "—" if new is None else str(new),
            }
            for ch in diff.changed[:TABLE_ROWS]
            for column, old, new in ch.changes
        ]
        st.dataframe(pd.DataFrame(lines), hide_index=True)
    for kind, rows in (("added", diff.added), ("removed", diff.removed)):
        if rows:
            st.markdown(f"**{t(f'admin.diff.{kind}')}**")
            st.dataframe(_rows_frame(dataset, rows), hide_index=True)


def _publish_step(imported: importer.Imported, base: str | None, user: str) -> None:
    confirmed = st.checkbox(t("admin.confirm"), key="admin_confirm")
    # Actions run in the button's callback, once, before the next run draws the page: with the
    # arguments of the run that showed the diff, so exactly what was shown is published, against
    # the published file it was compared with (a change in between is refused, not overwritten).
    st.button(
        t("admin.publish"),
        type="primary",
        disabled=not confirmed,
        key="admin_publish",
        icon=":material/publish:",
        on_click=_publish_clicked,
        args=(imported, base, user),
    )


def _publish_clicked(imported: importer.Imported, base: str | None, user: str) -> None:
    try:
        version = publish.publish(imported, actor=user, base_sha256=base, check_base=True, via="admin")
    except DataError as exc:
        st.session_state[_FLASH] = ("error", _describe(exc) + "\n\n" + t("admin.unchanged"))
        return
    st.session_state[_FLASH] = ("success", t("admin.published", version=version.version))


def _rollback_clicked(dataset: str, version: str, user: str) -> None:
    try:
        new = publish.rollback(dataset, version, actor=user, via="admin")
    except DataError as exc:
        st.session_state[_FLASH] = ("error", _describe(exc) + "\n\n" + t("admin.unchanged"))
        return
    st.session_state[_FLASH] = ("success", t("admin.rolled_back", version=version, new=new.version))


def _show_flash() -> None:
    """The outcome of the last action (kept in the session by its callback)."""
    if _FLASH not in st.session_state:
        return
    kind, message = st.session_state.pop(_FLASH)
    if kind == "success":
        st.success(message, icon=":material/check_circle:")
    else:
        st.error(message, icon=":material/error:")


def _history_section(dataset: str, user: str) -> None:
    with st.container(border=True):
        st.subheader(t("admin.history"))
        versions = publish.history(dataset)
        if not versions:
            st.caption(t("admin.history_empty"))
            return
        table = pd.DataFrame(
            [
                {
                    t("admin.col.version"): v.version,
                    t("admin.col.published_at"): v.published_at,
                    t("admin.col.reason"): t(f"admin.reason.{v.reason}"),
                    t("admin.col.rows"): v.rows,
                    t("admin.col.actor"): v.actor or "—",
                    t("admin.col.origin"): v.origin,
                    t("admin.col.current"): "●" if v.current else "",
                }
                for v in reversed(versions)
            ]
        )
        st.dataframe(table, hide_index=True)
        choices = [v.version for v in reversed(versions) if not v.current]
        if not choices:
            return
        version = st.selectbox(t("admin.rollback_version"), choices, key="admin_rollback_version")
        confirmed = st.checkbox(t("admin.rollback_confirm"), key="admin_rollback_confirm")
        st.button(
            t("admin.rollback"),
            disabled=not confirmed,
            key="admin_rollback",
            icon=":material/history:",
            on_click=_rollback_clicked,
            args=(dataset, version, user),
        )
