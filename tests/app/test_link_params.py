"""Links with unusable values: every page opens with the defaults and a notice, never an exception.

Each page is opened as the session's first page (the link notice belongs to it):
app.py with the page chosen before the first run.
"""

from __future__ import annotations

import pytest
from conftest import PAGES, REPO
from streamlit.testing.v1 import AppTest


def open_first(page: str, **query: str) -> AppTest:
    """Open ``page`` as a session's first page with the URL query ``query``."""
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    if page != "overview":
        at.switch_page(PAGES[page])
    at.run()
    return at


def notice(at: AppTest) -> str:
    """The text of the link notice (info boxes)."""
    return " ".join(str(i.value) for i in at.info)


@pytest.mark.parametrize(
    ("page", "value"),
    [
        ("overview", "²"),
        ("dx", "①"),
        ("population", "٣"),
        ("overview", "9" * 5000),
        ("survey", "３０"),
    ],
)
def test_an_unusable_advance_falls_back_to_the_default_interval_with_a_notice(page: str, value: str) -> None:
    at = open_first(page, advance=value)
    assert not at.exception, [e.value for e in at.exception]
    assert "`advance`" in notice(at)
    assert at.session_state["present_on"] is True
    assert at.session_state["present_seconds"] == 30
    assert value not in notice(at)  # the value from the URL is never rendered


def test_a_usable_advance_gives_no_notice() -> None:
    at = open_first("dx", advance="12")
    assert not at.exception
    assert "`advance`" not in notice(at)
    assert at.session_state["present_seconds"] == 12


@pytest.mark.parametrize("param", ["survey_wave", "survey_q"])
@pytest.mark.parametrize("value", ["2099-01", "①", "", "x" * 5000])
def test_an_unusable_survey_filter_gives_a_notice(param: str, value: str) -> None:
    at = open_first("survey", **{param: value})
    assert not at.exception, [e.value for e in at.exception]
    assert f"`{param}`" in notice(at)
    assert at.title and not at.error


def test_the_published_survey_wave_is_usable() -> None:
    at = open_first("survey", survey_wave="2025-03")
    assert not at.exception
    assert "`survey_wave`" not in notice(at)


@pytest.mark.parametrize("value", ["no_such_pillar", "²", ""])
def test_an_unknown_dx_pillar_shows_all_pillars_with_a_notice(value: str) -> None:
    at = open_first("dx", dx_pillar=value)
    assert not at.exception
    assert "`dx_pillar`" in notice(at)
    assert at.session_state["dx_pillar_filter"] == "all"


def test_a_known_dx_pillar_is_taken_without_notice() -> None:
    at = open_first("dx", dx_pillar="citizen_dx")
    assert not at.exception
    assert "`dx_pillar`" not in notice(at)
