"""Presentation mode, link notices and export buttons through app.py (AppTest), and their pure parts."""

from __future__ import annotations

import pandas as pd
import pytest
from apptest_util import chart_count, open_downloads, page_text, run_page
from conftest import PAGES

from dashboard.views import links, present
from dashboard.views.present import PresentRequest, parse_request


@pytest.mark.parametrize(
    ("mode", "advance", "expected"),
    [
        (None, None, PresentRequest(False, None, ())),
        ("present", None, PresentRequest(True, None, ())),
        (" PRESENT ", None, PresentRequest(True, None, ())),
        ("present", "45", PresentRequest(True, 45, ())),
        ("present", "", PresentRequest(True, 30, ())),
        (None, "10", PresentRequest(True, 10, ())),  # a slideshow is always in presentation mode
        ("present", "0", PresentRequest(True, None, ())),
        ("slides", None, PresentRequest(False, None, ("mode",))),
        ("present", "abc", PresentRequest(True, 30, ("advance",))),
        ("present", "1", PresentRequest(True, 30, ("advance",))),
        ("present", "-5", PresentRequest(True, 30, ("advance",))),
        ("present", "99999", PresentRequest(True, 30, ("advance",))),
    ],
)
def test_parse_request(mode: str | None, advance: str | None, expected: PresentRequest) -> None:
    assert parse_request(mode, advance) == expected


def test_rejected_params_compares_the_link_with_what_the_widgets_took() -> None:
    opened = {
        "dx_view": ["表"],
        "pop_year": ["2999"],
        "lang": ["ja"],
        "fac_kind": ["school"],
        "other": ["x"],
        "embed": ["true"],
        "sv_q": ["a", "b"],
        "sv_bad": ["a", "zz"],
    }
    now = {
        "dx_view": ["表"],
        "fac_kind": ["gym"],
        "other": ["x"],
        "embed": ["true"],
        "sv_q": ["a", "b"],
        "sv_bad": ["a"],
    }
    values = {
        "dx_view": "table",
        "pop_year": 2020,
        "lang": "ja",
        "fac_kind": "gym",
        "sv_q": ["a", "b"],
        "sv_bad": ["a"],
    }
    # kept as linked: dx_view, sv_q; dropped but equal to the default: lang; no widget: other, embed.
    assert links.rejected_params(opened, now, values) == ["pop_year", "fac_kind", "sv_bad"]
    assert links.rejected_params(opened, now, values, skip=frozenset({"pop_year"})) == ["fac_kind", "sv_bad"]
    assert links.url_form(True) == ["true"] and links.url_form(5.0) == ["5"] and links.url_form(("a", 2)) == ["a", "2"]


def test_view_url_keeps_repeated_parameters() -> None:
    url = present.view_url("http://host/dx", {"lang": ["en"], "dx_p": ["a", "b"], "t": ["表"]})
    assert url == "http://host/dx?lang=en&dx_p=a&dx_p=b&t=%E8%A1%A8"
    assert present.view_url("http://host/", {}) == "http://host/"


@pytest.mark.parametrize("page", list(PAGES))
def test_presentation_mode_on_every_page(page: str) -> None:
    at = run_page(page, opened=False, mode="present", advance="20")
    assert not at.exception and not at.error, [e.value for e in at.error]
    # Presenting, every part is drawn (slides need their content): nothing waits to be opened.
    assert not [e for e in at.expander if e.proto.query_param_key.startswith("open_")]
    assert at.session_state["present_on"] is True
    assert at.query_params["mode"] == "present" and at.query_params["advance"] == "20"
    assert [b.key for b in at.button][:3] == ["present_prev", "present_next", "present_exit"]
    # Data blocks draw no downloads (their view switches stay, hidden by CSS, so the URL keeps them).
    ids = [d.proto.id for d in at.get("download_button")]
    assert not any(i.endswith(("_xlsx", "_png", "_svg")) for i in ids), ids
    assert chart_count(at) >= 1
    text = page_text(at)
    assert "出典" in text and "時点" in text


def test_presentation_mode_shows_tables_as_static_pages_of_rows_one_slide_each() -> None:
    # The interactive grid draws at a fixed 14 px on a canvas; a hall display needs the scalable static table,
    # cut into pages of rows that each fit one slide.
    normal = run_page("overview")
    named = [d.value for d in normal.dataframe if "取組" in d.value.columns]
    assert len(named) == 1 and not normal.table
    at = run_page("overview", mode="present")
    assert not at.exception
    assert not [d for d in at.dataframe if "取組" in d.value.columns]
    pages = [tb.value for tb in at.table if "取組" in tb.value.columns]
    assert len(pages) > 1 and all(len(p) <= present.TABLE_ROWS_PER_SLIDE for p in pages)
    assert pd.concat(pages).reset_index(drop=True).equals(named[0].reset_index(drop=True))
    assert '[data-testid="stTable"]' in present.PRESENT_CSS


@pytest.mark.parametrize("page", list(PAGES))
def test_presentation_mode_cuts_every_page_into_slides(page: str) -> None:
    at = run_page(page, mode="present")
    assert not at.exception
    assert at.session_state["present_slides"] >= 3
    normal = run_page(page)
    assert normal.session_state["present_slides"] == 0  # the normal view has no slides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, 1),
        ("", 1),
        ("3", 3),
        (" 12 ", 12),
        ("0", 1),
        ("-2", 1),
        ("last", present.LAST_SLIDE),
        ("LAST", present.LAST_SLIDE),
        ("３", 1),  # full-width digits are not a slide number
        ("1e3", 1),
        ("99999", 1),
        ("9999", 9999),
        ("3.5", 1),
        ("<script>", 1),
        (["2"], 1),
    ],
)
def test_parse_slide_is_total(text: object, expected: int) -> None:
    assert present.parse_slide(text) == expected


def test_start_slide_stays_within_the_page() -> None:
    assert present.start_slide(present.LAST_SLIDE, 7) == 7
    assert present.start_slide(9999, 7) == 7
    assert present.start_slide(3, 7) == 3
    assert present.start_slide(1, 0) == 1


def test_table_pages_fit_a_slide_and_lose_no_row() -> None:
    short = pd.DataFrame({"name": [f"n{i}" for i in range(59)], "value": range(59)})
    pages = present.table_pages(short)
    assert [len(p) for p in pages] == [12, 12, 12, 12, 11]
    assert pd.concat(pages).equals(short)
    wordy = pd.DataFrame({"detail": ["長い説明" * 30] * 10})
    assert all(len(p) <= 4 for p in present.table_pages(wordy))  # rows that wrap count as 3 lines each
    assert len(present.table_pages(short.iloc[:0])) == 1


def test_normal_pages_offer_png_svg_xlsx_beside_csv() -> None:
    at = run_page("overview")
    assert not at.get("download_button")  # built only when a block's downloads are opened
    ids = [d.proto.id for d in open_downloads(at).get("download_button")]
    assert any(i.endswith("_csv") for i in ids)
    for kind in ("_xlsx", "_png", "_svg"):
        assert any(i.endswith(kind) for i in ids), kind
    assert len([i for i in ids if i.endswith("_xlsx")]) == len([i for i in ids if i.endswith("_csv")])


def test_the_tools_rows_toggle_enters_and_the_exit_button_leaves() -> None:
    at = run_page("overview")
    assert at.session_state["present_on"] is False and "mode" not in at.query_params
    at.toggle(key="present_auto_toggle").set_value(True).run()
    at.number_input(key="present_seconds_input").set_value(45).run()
    at.toggle(key="present_toggle").set_value(True).run()
    assert at.query_params["mode"] == "present" and at.query_params["advance"] == "45"
    assert not at.get("download_button") and not at.get("popover")  # no downloads while presenting
    at.button(key="present_exit").click().run()
    assert at.session_state["present_on"] is False
    assert "mode" not in at.query_params and "advance" not in at.query_params
    assert at.get("popover") and at.get("segmented_control")  # controls are back (downloads behind their buttons)


def test_bad_link_values_fall_back_with_a_notice() -> None:
    # The notice belongs to a session's first page (run_page opens other pages from the overview).
    at = run_page("overview", mode="slides", advance="soon", lang="xx")
    assert not at.exception and not at.error
    notice = " ".join(i.value for i in at.info)
    for param in ("mode", "advance", "lang"):
        assert f"`{param}`" in notice
    assert "soon" not in notice and "xx" not in notice  # values from the URL are never rendered
    assert at.session_state["lang"] == "ja"
    assert at.query_params["advance"] == "30"  # the default interval
    at.run()
    assert not [i for i in at.info if "`mode`" in i.value]  # shown once, not on every rerun


def test_a_good_link_shows_no_notice() -> None:
    at = run_page("dx", mode="present", lang="en")
    assert not [i for i in at.info if "link" in i.value.lower()]
