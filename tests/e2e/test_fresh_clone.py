"""A fresh clone is complete: the repository's tracked files alone, no settings, every page with every section.

The server runs from a copy of the git-tracked files in an empty temporary
folder (nothing beside it, ``DASHBOARD_*`` unset, the copy's own ``src`` on
the path), as a city IT team gets it from ``git clone`` and ``scripts/run.sh``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_util import OPEN_SECTIONS, scroll_through, wait_rendered, watch
from conftest import ARTIFACTS, REPO, URL_PATHS, start_server, stop_server
from playwright.sync_api import Page

from dashboard import settings
from dashboard.i18n import set_language, t

pytestmark = pytest.mark.browser

# Sections drawn from the open data, by page: (heading key, what must be drawn under it).
OPEN_DATA_SECTIONS = {
    "population": ["population.age.title", "population.peers.title"],
    "dx": ["dx.mn.heading"],
    "facilities": ["facilities.map.title"],
}
MAPS = {"population": 1, "facilities": 1}


def _copy_tracked_files(dest: Path) -> None:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True, timeout=60
    ).stdout.decode()
    for rel in filter(None, listed.split("\0")):
        source = REPO / rel
        if source.is_file():  # a file deleted in the work tree but still tracked is not part of the copy
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / rel)


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's tracked files in an empty folder."""
    root = tmp_path_factory.mktemp("fresh") / "iwaki-dashboard"
    _copy_tracked_files(root)
    assert not (root.parent.parent / "shared").exists()
    return root


@pytest.fixture(scope="module")
def clone_env(clone: Path) -> Iterator[dict[str, str]]:
    """The process environment with every dashboard setting unset and the copy's package first on the path."""
    saved = {name: os.environ.pop(name) for name in settings.ENV.values() if name in os.environ}
    try:
        yield {"PYTHONPATH": str(clone / "src")}
    finally:
        os.environ.update(saved)


@pytest.fixture(scope="module")
def clone_url(clone: Path, clone_env: dict[str, str]) -> Iterator[str]:
    """A server started from the copy."""
    proc, url = start_server(clone_env, cwd=clone)
    yield url
    stop_server(proc)


def test_the_copy_runs_its_own_code_and_data(clone: Path, clone_env: dict[str, str]) -> None:
    code = "from dashboard.data import paths; print(paths.open_data_dir())"
    env = {**os.environ, **clone_env}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=clone, env=env, capture_output=True, text=True, check=True, timeout=60
    ).stdout.strip()
    assert Path(out) == clone / "data" / "open"
    status = subprocess.run(
        [sys.executable, "-m", "dashboard.cli", "--lang", "en", "check"],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert status.returncode == 0, status.stdout + status.stderr
    assert "open-data files match the manifest" in status.stdout


@pytest.mark.parametrize("page_name", list(URL_PATHS))
def test_every_page_shows_every_section(page: Page, clone_url: str, page_name: str) -> None:
    set_language("ja")
    log = watch(page)
    # Every on-demand part opened, as a link can: each must have its open data.
    page.goto(f"{clone_url}/{URL_PATHS[page_name]}?{OPEN_SECTIONS}")
    wait_rendered(page)
    scroll_through(page)  # maps and charts further down draw only when scrolled into view
    wait_rendered(page)
    page.screenshot(path=str(ARTIFACTS / "screenshots" / f"fresh-clone-{page_name}.png"), full_page=True)
    body = page.inner_text("body")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "見つかりません" not in body and "公開データ「" not in body, "an open-data notice is shown"
    for key in OPEN_DATA_SECTIONS.get(page_name, []):
        assert t(key) in body, key
    maps = page.locator('[data-testid="stDeckGlJsonChart"] canvas')
    assert maps.count() >= MAPS.get(page_name, 0)
    if maps.count():
        maps.first.scroll_into_view_if_needed()
        maps.first.screenshot(path=str(ARTIFACTS / "screenshots" / f"fresh-clone-{page_name}-map.png"))
    assert page.locator('[data-testid="stVegaLiteChart"]').count() >= 1
    assert log.outside == [], log.outside


def _chart_after(page: Page, heading: str, shot: str) -> None:
    """The first chart after a section's heading is drawn (scrolled into view first: charts draw lazily)."""
    chart = page.get_by_role("heading", name=heading).first.locator(
        "xpath=following::*[@data-testid='stVegaLiteChart'][1]"
    )
    chart.scroll_into_view_if_needed()
    chart.locator("canvas, svg").first.wait_for(timeout=30_000)
    chart.screenshot(path=str(ARTIFACTS / "screenshots" / shot))


def test_the_age_structure_and_the_my_number_uptake_are_drawn(page: Page, clone_url: str) -> None:
    set_language("ja")
    page.goto(f"{clone_url}/population?{OPEN_SECTIONS}")
    wait_rendered(page)
    _chart_after(page, t("population.age.title"), "fresh-clone-age-structure.png")
    page.goto(f"{clone_url}/dx?{OPEN_SECTIONS}")
    wait_rendered(page)
    _chart_after(page, t("dx.mn.heading"), "fresh-clone-mynumber-uptake.png")
    assert page.locator('[data-testid="stMetric"]', has_text="全国").count() >= 1
