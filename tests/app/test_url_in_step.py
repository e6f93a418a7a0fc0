"""The address follows the screen: the server writes back a bound widget's value the browser's address missed.

AppTest has no browser that writes bound values into the URL, which is the
situation :func:`dashboard.views.links.keep_url_in_step` repairs (a widget whose
binding the browser dropped): after each run the query string must show every
bound widget that is not at its default, in the form Streamlit reads back.
"""

from __future__ import annotations

from apptest_util import run_page

from dashboard.views import links


def _query(at: object) -> dict[str, list[str]]:
    params = at.query_params  # type: ignore[attr-defined]
    return {k: (v if isinstance(v, list) else [v]) for k, v in params.items()}


def test_a_switched_view_and_a_pillar_both_reach_the_address() -> None:
    at = run_page("dx")
    assert not at.exception
    at.segmented_control(key="dx_pillar_filter").set_value("citizen_dx").run()
    at.segmented_control(key="dx_copy_view").set_value("table").run()
    query = _query(at)
    assert query.get("dx_pillar") == ["citizen_dx"]
    assert query.get("dx_copy_view") == ["表"]  # the option as the screen labels it, as bind writes it
    # (Back at the default the parameter goes; AppTest does not hand a same-page rerun its query
    # string, so that half is checked in the browser: tests/e2e/test_links_roundtrip_browser.py.)


def test_a_toggle_and_a_slider_reach_the_address() -> None:
    at = run_page("facilities")
    assert not at.exception
    rate = at.slider(key="fac_rate")
    rate.set_value(int(rate.value) + 5).run()
    assert _query(at).get("fac_rate") == [str(int(at.slider(key="fac_rate").value))]


def test_as_list_reads_both_forms_streamlit_keeps() -> None:
    assert links._as_list("表") == ["表"]
    assert links._as_list(["a", "b"]) == ["a", "b"]
    assert links._as_list(None) is None


def _script_sets_a_bound_widget() -> None:
    """A button that sets a bound selector's value from code (as a map click does), then the selector."""
    import streamlit as st

    from dashboard.views import links

    if st.button("pick", key="pick"):
        st.session_state["choice"] = "b"
    st.selectbox("choice", ["a", "b", "c"], key="choice", bind="query-params")
    links.keep_url_in_step()


def test_a_value_set_from_code_reaches_the_address_not_the_widgets_last_one() -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_script_sets_a_bound_widget).run()
    assert _query(at).get("choice") is None  # at its default: not in the address
    at.button(key="pick").click().run()
    assert at.selectbox(key="choice").value == "b"
    assert _query(at).get("choice") == ["b"]  # not the widget's previous "a"
