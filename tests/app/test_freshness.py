"""A page left open says when newer data has been published, and redraws on one click.

The hourly part (``st.fragment(run_every=…)``) cannot be timed in AppTest, so the check is made to
see a newer signature than the page's run drew with: the first call (the page's run) sees the
old files, the part's own check sees new ones, as after a publish an hour later.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from apptest_util import page_text, run_page

from dashboard.i18n import t
from dashboard.views import freshness


@pytest.fixture
def published_later(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    calls: list[int] = []
    real = freshness.published_signature

    def signature() -> freshness.Signature:
        calls.append(1)
        now = real()
        return now if len(calls) % 2 else (*now, (1, 1))  # odd calls: as drawn; even calls: newer

    monkeypatch.setattr(freshness, "published_signature", signature)
    yield calls


def test_an_unchanged_page_says_nothing() -> None:
    at = run_page("overview")
    assert not at.exception
    assert t("fresh.updated") not in page_text(at)
    assert not [b for b in at.button if b.key == "fresh_reload"]


def test_newer_data_is_announced_and_one_click_redraws(published_later: list[int]) -> None:
    at = run_page("dx")
    assert not at.exception
    assert t("fresh.updated") in page_text(at)
    before = len(published_later)
    at.button(key="fresh_reload").click().run()
    assert not at.exception
    assert len(published_later) > before  # the page ran again and drew with the files as they are


def test_presenting_keeps_the_notice_off_the_screen(published_later: list[int]) -> None:
    at = run_page("dx", mode="present")
    assert not at.exception
    assert published_later  # the timed check is there (it keeps a reconnecting browser working)
    assert t("fresh.updated") not in page_text(at)
