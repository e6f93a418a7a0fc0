"""Every page through app.py with AppTest: no exception, its title, its figures and a chart; both languages."""

from __future__ import annotations

import pytest
from apptest_util import chart_count, page_text, run_page
from conftest import PAGES

from dashboard.views.safe import plain

EXPECTED = {
    "overview": ("いわき市 構造改革ダッシュボード", ["しごと効率化", "332,931", "175,940"]),
    "population": ("人口推計", ["332,931", "255,645", "175,940"]),
    "dx": ("DX指標", ["239,322", "498.5"]),
    "facilities": ("公共施設の最適化", ["1,316", "1,281"]),
    "survey": ("職員アンケート", ["54", "78"]),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_page_renders_with_title_figures_and_a_chart(page: str) -> None:
    at = run_page(page)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    title, figures = EXPECTED[page]
    assert title in [t.value for t in at.title]
    text = page_text(at)
    for fig in figures:
        assert fig in text, f"{page}: {fig}"
    assert chart_count(at) >= 1
    assert "出典" in text


@pytest.mark.parametrize("page", list(PAGES))
def test_page_in_english(page: str) -> None:
    at = run_page(page, lang="en")
    assert not at.exception and not at.error
    text = page_text(at)
    assert "Source" in text


def test_navigation_lists_every_page_in_japanese() -> None:
    at = run_page("overview")
    assert at.session_state["lang"] == "ja"


def test_a_broken_dataset_shows_a_japanese_message_and_other_pages_work(tmp_path, monkeypatch) -> None:
    import shutil

    from dashboard.data import DATASET_NAMES, store

    for name in DATASET_NAMES:
        shutil.copy(store.paths.parquet_path(name), tmp_path)
    (tmp_path / "population_outlook.parquet").write_bytes(b"broken")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path))
    at = run_page("population")
    assert not at.exception
    messages = " ".join(e.value for e in at.error)
    assert "データファイルを読み込めません" in messages and plain("population_outlook.parquet") in messages
    other = run_page("facilities")
    assert not other.exception and "1,281" in page_text(other)
    # the facilities page reads the outlook only in its what-if section: the message stays there, the rest works
    assert len(other.error) == 1 and plain("population_outlook.parquet") in other.error[0].value


def test_missing_open_data_is_explained_not_fatal(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DASHBOARD_OPEN_DATA_DIR", str(tmp_path / "nothing"))
    for page in PAGES:
        at = run_page(page)
        assert not at.exception and not at.error, page
