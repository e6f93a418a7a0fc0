"""What is built only on demand: sections below the first screen and each block's downloads.

A closed section (components.on_demand, keyed ``open_…`` and bound to the URL) is neither
computed nor sent; opening it (or a link that carries ``?open_…=true``) builds it. A block's
downloads are one button until opened.
"""

from __future__ import annotations

import pytest
from apptest_util import ON_DEMAND, chart_count, open_downloads, open_sections, page_text, run_page
from conftest import PAGES
from streamlit.testing.v1 import AppTest


def _on_demand(at: AppTest) -> dict[str, bool]:
    return {
        e.proto.query_param_key: e.proto.expanded for e in at.expander if e.proto.query_param_key.startswith("open_")
    }


def test_the_shipped_survey_offers_no_empty_part_to_open() -> None:
    # The report publishes two shares, no groups and one wave: comparison and trend have nothing to
    # show, so neither is offered (an expander that opens onto nothing is a dead end).
    at = run_page("survey", opened=False)
    assert not at.exception and not at.error
    assert not _on_demand(at)


@pytest.mark.parametrize("page", [p for p in PAGES if p != "survey"])
def test_closed_sections_are_not_built_and_opening_builds_them(page: str) -> None:
    closed = run_page(page, opened=False)
    assert not closed.exception and not closed.error
    sections = _on_demand(closed)
    assert sections and not any(sections.values()), sections
    assert set(sections) <= set(ON_DEMAND)  # the test helper opens every one of them
    assert not closed.get("download_button")  # downloads wait behind their popovers
    opened = open_sections(run_page(page, opened=False))
    assert all(_on_demand(opened).values())
    assert len(page_text(opened)) > len(page_text(closed))
    assert chart_count(opened) >= chart_count(closed)


def test_the_population_map_is_built_only_when_its_section_is_open() -> None:
    closed = run_page("population", opened=False)
    assert not closed.get("deck_gl_json_chart")
    assert "郡山市" not in page_text(closed)
    closed.session_state["open_pop_peers"] = True
    opened = closed.run()
    assert len(opened.get("deck_gl_json_chart")) == 1
    assert "郡山市" in page_text(opened)


def test_a_blocks_downloads_are_built_when_opened() -> None:
    at = run_page("survey", opened=False)
    popovers = [str(p.proto.id).rsplit("-", 1)[-1] for p in at.get("popover")]
    assert "survey_dist_shares_downloads" in popovers
    ids = [d.proto.id for d in open_downloads(at).get("download_button")]
    for kind in ("_csv", "_xlsx", "_png", "_svg"):
        assert any(i.endswith(f"survey_dist_shares{kind}") for i in ids), kind


def test_english_labels_of_the_closed_sections() -> None:
    at = run_page("overview", opened=False, lang="en")
    labels = [e.label for e in at.expander if e.proto.query_param_key.startswith("open_")]
    assert "Initiatives named in the report (no date)" in labels
    assert all("[" not in label for label in labels)
