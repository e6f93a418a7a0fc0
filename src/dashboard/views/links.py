"""Links that restore a view: notice the values of a shared link that could not be used.

Every widget that changes the view is bound to the URL (``bind="query-params"``),
and Streamlit quietly drops a bound value it cannot accept (an unknown option,
a number out of range...) and shows the widget's default instead. This module
makes that visible: the query string a session was opened with is kept on its
first run, and after the first page has drawn, each parameter belonging to a
widget (a session-state key of the same name) is compared with what the widget
accepted. Parameters parsed by hand (``mode``, ``advance``...) are reported with
:func:`report_invalid`. The notice names the parameters only, never their
values, so nothing from the URL is rendered as Markdown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import streamlit as st

from dashboard.i18n import t
from dashboard.views import params

_OPENED = "links_opened_with"
_PENDING = "links_check_pending"
_REPORTED = "links_reported"
# Streamlit's own parameters, never bound to a widget.
_IGNORED = frozenset({"embed", "embed_options"})


def remember_opening() -> None:
    """On a session's first run, keep the query string it was opened with (before anything drops values)."""
    if _OPENED not in st.session_state:
        st.session_state[_OPENED] = {key: st.query_params.get_all(key) for key in st.query_params}
        st.session_state[_PENDING] = True


def report_invalid(param: str) -> None:
    """Record a parameter parsed by hand whose value was not usable (shown in the next notice)."""
    reported = list(st.session_state.get(_REPORTED, []))
    if param not in reported:
        reported.append(param)
    st.session_state[_REPORTED] = reported


def carries(params: Iterable[str]) -> bool:
    """On a session's first page: whether its link gave any of ``params`` (a section holding them opens)."""
    opened = st.session_state.get(_OPENED, {})
    return bool(st.session_state.get(_PENDING)) and any(p in opened for p in params)


def linked_value(param: str) -> str | None:
    """The value the session's link gave ``param`` (the last of a repeated key); None when it gave none."""
    return params.last(st.session_state.get(_OPENED, {}).get(param))


def check_choice(param: str, options: Iterable[Any]) -> None:
    """On a session's first page: report ``param`` when the link's value is none of ``options``.

    For parameters whose widget may not be drawn at all (a filter shown only
    when there is something to choose): a linked value is then unusable, and
    the viewer is told so instead of silently seeing the default.
    """
    if not st.session_state.get(_PENDING):
        return
    raw = linked_value(param)
    if raw is not None and params.choice(raw, options) is None:
        report_invalid(param)


def url_form(value: Any) -> list[str]:
    """How a widget value is written in a query string (one entry per repeated parameter)."""
    if isinstance(value, (list, tuple, set)):
        return [item for v in value for item in url_form(v)]
    if isinstance(value, bool):
        return [str(value).lower()]
    if isinstance(value, float) and value.is_integer():
        return [str(int(value))]
    return [str(value)]


def rejected_params(
    opened: Mapping[str, list[str]],
    now: Mapping[str, list[str]],
    values: Mapping[str, Any],
    skip: frozenset[str] = frozenset(),
) -> list[str]:
    """The parameters of a link whose values were not taken as they were.

    ``opened``: the query string the session started with; ``now``: the query
    string after the first page has drawn; ``values``: the session state (a
    bound widget's key is its parameter's name). A parameter is rejected when
    Streamlit removed or changed it and the widget does not hold the linked
    value (Streamlit also removes values equal to the default, which are fine).
    Parameters that belong to no widget are left alone: they may be read by
    code elsewhere.
    """
    rejected: list[str] = []
    for param, raw in opened.items():
        if param in _IGNORED or param in skip or param not in values:
            continue
        current = now.get(param)
        if current is not None and list(current) == list(raw):
            continue
        if current is None and url_form(values[param]) == [r for r in raw if r != ""]:
            continue
        rejected.append(param)
    return rejected


def show_notice(slot: Any, skip: frozenset[str] = frozenset()) -> None:
    """After the first page of a session has drawn: name the link's unusable values in ``slot``, once."""
    if not st.session_state.get(_PENDING):
        return
    st.session_state[_PENDING] = False
    now = {key: st.query_params.get_all(key) for key in st.query_params}
    state = {key: st.session_state[key] for key in st.session_state}
    params = list(st.session_state.get(_REPORTED, []))
    params += [p for p in rejected_params(st.session_state.get(_OPENED, {}), now, state, skip) if p not in params]
    st.session_state[_REPORTED] = []
    if params:
        slot.info(t("present.link_invalid", params=", ".join(f"`{p}`" for p in params)), icon=":material/link_off:")
