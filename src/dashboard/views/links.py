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


# --------------------------------------------------------------------------- the address follows the screen


def _bound_widget_urls() -> tuple[Any, dict[str, tuple[Any, str, Any | None]]] | None:
    """Streamlit's query parameters and, per bound widget drawn this run: (serialized value, type, URL value or None).

    Reads Streamlit's session internals (pinned version, see :func:`keep_url_in_step`);
    None when they are not as expected, so a Streamlit upgrade turns the guard off
    instead of breaking a page.
    """
    # Local import: runtime internals, only needed here.
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
    from streamlit.runtime.state import query_params as qp_module

    ctx = get_script_run_ctx()
    if ctx is None:
        return None
    try:
        safe = ctx.session_state
        state = safe._state
        qp = state.query_params
        drawn = ctx.shared.widget_ids_this_run
        wanted: dict[str, tuple[Any, str, Any | None]] = {}
        whole_page = not ctx.fragment_ids_this_run
        for param, binding in list(qp._bindings_by_param.items()):
            if binding.widget_id not in drawn:
                # A widget this page did not draw this time (the count slider while the rate is
                # chosen): a link must not carry its value, which would reopen as "not usable".
                if whole_page and binding.script_hash == ctx.page_script_hash:
                    wanted[param] = (None, binding.value_type, None)
                continue
            metadata = state._new_widget_state.widget_metadata.get(binding.widget_id)
            if metadata is None:
                continue
            # Looked up as Streamlit's widget registration does: a value the script set under the
            # widget's key (a map click choosing a municipality) wins over the widget's last state.
            value = state[binding.widget_id]
            if value == metadata.deserializer(None):
                wanted[param] = (None, metadata.value_type, None)
                continue
            serialized = metadata.serializer(value)
            wanted[param] = (
                serialized,
                metadata.value_type,
                qp_module._coerce_value_for_query_url(serialized, metadata.value_type),
            )
        return qp, wanted
    except (AttributeError, KeyError, TypeError, ValueError):
        return None


def after_fragment() -> None:
    """At the end of a part that reruns alone (``st.fragment``): keep the address in step with its widgets.

    Only when this run *is* a fragment's rerun: within the whole page's run the parts are drawn in
    turn, and the check belongs after the page (:func:`keep_url_in_step` in ``shell.run_page``), when
    every widget has been drawn.
    """
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is not None and getattr(ctx, "fragment_ids_this_run", None):
        keep_url_in_step()


def _as_list(value: Any) -> list[str] | None:
    """A query value as a list of strings (Streamlit keeps one value as a string, several as a list)."""
    if value is None:
        return None
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]


def keep_url_in_step() -> list[str]:
    """Make the address show every bound widget's value as the screen does; returns the parameters corrected.

    ``bind="query-params"`` keeps the URL in step in the browser, and misses in
    one case: when a rerun moves a bound widget to another place on the page
    (a filter above it shows more or fewer elements), the browser registers the
    widget's binding at its new place and then drops it when the old place is
    cleared, so later clicks on that widget no longer reach the address (the
    /dx switch to 表 after choosing a pillar). The server knows both what the
    widget holds and the query string the browser sent with this rerun; where
    they differ the value is written back through Streamlit's own binding code
    (as Streamlit does when it corrects a clamped value). Called after the page
    (and at the end of a fragment) has drawn its widgets. Runs nothing when the
    address already matches, which is the usual case.
    """
    found = _bound_widget_urls()
    if found is None:
        return []
    qp, wanted = found
    corrected: list[str] = []
    for param, (serialized, value_type, url_value) in wanted.items():
        current = qp._query_params.get(param)
        if url_value is None:
            if current is not None:
                qp.remove_param(param)
                corrected.append(param)
        elif _as_list(current) != _as_list(url_value):
            qp.set_corrected_value(param, serialized, value_type)
            corrected.append(param)
    return corrected


# --------------------------------------------------------------------------- 「リンクをコピー」

# Runs in the app's own document (components v2, no iframe), so ``location.href`` is the address bar
# of the view shown, including what the presenter's bar writes into it (``?slide=``). The clipboard
# API exists only in secure contexts (https, localhost); on plain http to a LAN host the link is put
# into a read-only field, selected and copied with execCommand, and where even that is refused the
# field stays selected for Ctrl+C. Texts arrive as data and are set as text, never as HTML.
_COPY_JS = """
export default function (component) {
  const { data, parentElement } = component;
  if (!document.getElementById('dash-copy-link-style')) {
    const style = document.createElement('style');
    style.id = 'dash-copy-link-style';
    style.textContent = data.css;
    document.head.append(style);
  }
  parentElement.replaceChildren();
  const box = document.createElement('div');
  box.className = 'copy-link';
  const button = document.createElement('button');
  button.type = 'button';
  // Presenting, it looks like the bar's other buttons (large type for the hall).
  button.className = data.present ? 'present-btn copy-link-present' : 'copy-link-btn';
  button.textContent = data.labels.copy;
  button.title = data.labels.help;
  const status = document.createElement('span');
  status.className = 'copy-link-status';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  const field = document.createElement('input');
  field.type = 'text';
  field.readOnly = true;
  field.className = 'copy-link-field';
  field.setAttribute('aria-label', data.labels.field);
  field.hidden = true;
  box.append(button, status, field);
  parentElement.append(box);

  function byCommand(url) {
    field.value = url;
    field.hidden = false;
    field.focus();
    field.select();
    field.setSelectionRange(0, url.length);
    let ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    return ok;
  }
  button.addEventListener('click', async () => {
    const url = location.href;
    let ok = false;
    if (navigator.clipboard && window.isSecureContext) {
      try { await navigator.clipboard.writeText(url); ok = true; } catch (e) { ok = false; }
    }
    if (!ok) { ok = byCommand(url); }
    if (ok) {
      field.hidden = true;
      button.focus();
      status.textContent = data.labels.copied;
      box.dataset.copied = url;
    } else {
      // Left selected: the viewer copies it with Ctrl+C.
      status.textContent = data.labels.select;
      field.value = url;
      field.hidden = false;
      field.focus();
      field.select();
    }
  });
}
"""
_COPY_CSS = """
.copy-link { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; font-family: inherit; }
.copy-link-btn {
  font: inherit; font-size: 0.875rem; padding: 0.25rem 0.75rem; border-radius: 0.5rem; cursor: pointer;
  border: 1px solid rgba(49, 51, 63, 0.35); background: #fff; color: #31333f; min-height: 2.25rem;
}
.copy-link-btn:hover { border-color: #1f4e8c; color: #1f4e8c; }
.copy-link-btn:focus-visible { outline: 3px solid #1f4e8c; outline-offset: 2px; }
.copy-link-status { font-size: 0.875rem; color: #31333f; }
/* In the presenter's bar: the bar's own button look and hall-sized type; the fallback field opens above the bar. */
.copy-link:has(.copy-link-present) { position: relative; }
.copy-link-present {
  font: inherit; font-size: clamp(22px, 1.25vw, 96px); font-weight: 700; line-height: 1.2;
  padding: 0.25em 1em; border-radius: 0.4em; cursor: pointer;
  color: #0062A3; background: #FFFFFF; border: 2px solid #0062A3;
}
.copy-link-present:focus-visible { outline: 3px solid #1F2328; outline-offset: 2px; }
.copy-link:has(.copy-link-present) .copy-link-status { font-size: clamp(18px, 1vw, 80px); color: #1F2328; }
.copy-link:has(.copy-link-present) .copy-link-field {
  position: absolute; right: 0; bottom: calc(100% + 0.5rem); width: min(48rem, 90vw); font-size: clamp(18px, 1vw, 80px);
}
/* Above Streamlit's (transparent) header, which reaches over the top of a page with little top padding. */
.st-key-copy_link_bar { position: relative; z-index: 999991; }
@media print { .st-key-copy_link_bar { display: none !important; } }
.copy-link-field { font: inherit; font-size: 0.875rem; width: min(36rem, 100%); max-width: 100%; box-sizing: border-box; }
"""
_copy_component = st.components.v2.component("dashboard_copy_link", js=_COPY_JS, isolate_styles=False)


def copy_link_button(key: str, *, presenting: bool = False) -> None:
    """A 「リンクをコピー」 button: copies the address of the view shown (works offline and on plain http)."""
    _copy_component(
        key=key,
        data={
            "css": _COPY_CSS,
            "present": presenting,
            "labels": {
                "copy": t("link.copy"),
                "help": t("link.copy_help"),
                "copied": t("link.copied"),
                "select": t("link.select"),
                "field": t("link.field"),
            },
        },
        width="content",
    )
