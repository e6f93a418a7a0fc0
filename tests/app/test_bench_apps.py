"""The benchmark's reference pages run: the bare page and the dashboard's frame around an empty page."""

from __future__ import annotations

from conftest import REPO
from streamlit.testing.v1 import AppTest


def test_bare_page_draws_its_title_metrics_and_chart() -> None:
    at = AppTest.from_file(str(REPO / "bench" / "bare_app.py"), default_timeout=30).run()
    assert not at.exception
    assert [m.label for m in at.metric] == ["Alpha", "Beta", "Gamma"]
    assert len(at.get("vega_lite_chart")) == 1


def test_frame_page_draws_the_dashboards_frame_around_an_empty_page() -> None:
    at = AppTest.from_file(str(REPO / "bench" / "frame_app.py"), default_timeout=30).run()
    assert not at.exception and not at.error
    assert [t.value for t in at.title] == ["いわき市 構造改革ダッシュボード"]
    # The frame's tools row: language switch and presentation settings, as on every page; no sidebar.
    assert at.segmented_control(key="lang_switch").value == "ja"
    assert at.toggle(key="present_toggle").value is False and at.toggle(key="present_auto_toggle").value is False
    assert not at.sidebar.children
    assert not at.get("vega_lite_chart")
