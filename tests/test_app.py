"""Every page through app.py with AppTest: no exception, its title, its figures and a chart; both languages."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from conftest import PAGES, REPO

EXPECTED = {
    "overview": ("いわき市 構造改革ダッシュボード", ["しごと効率化", "332,931", "175,940"]),
    "population": ("人口推計", ["332,931", "255,645", "175,940"]),
    "dx": ("DX指標", ["239,322", "498.5"]),
    "facilities": ("公共施設の最適化", ["1,316", "1,281"]),
    "survey": ("職員アンケート", ["54", "78"]),
}


def run_page(page: str, **query: str) -> AppTest:
    """Open app.py, switch to ``page`` and run it (with optional URL query parameters)."""
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(PAGES[page]).run()
    return at


def page_text(at: AppTest) -> str:
    """All text the page shows (titles, markdown, metrics, captions, tables)."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    for df in at.dataframe:
        parts.append(df.value.to_string())
    return "\n".join(parts)


def chart_count(at: AppTest) -> int:
    """Number of Altair/Vega-Lite and pydeck charts on the page."""
    return len(at.get("vega_lite_chart")) + len(at.get("deck_gl_json_chart"))


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
    assert "データファイルを読み込めません" in messages and "population_outlook.parquet" in messages
    other = run_page("facilities")
    assert not other.exception and not other.error and "1,281" in page_text(other)


def test_missing_open_data_is_explained_not_fatal(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DASHBOARD_OPEN_DATA_DIR", str(tmp_path / "nothing"))
    for page in PAGES:
        at = run_page(page)
        assert not at.exception and not at.error, page
