"""The multi-process deployment: nginx in front of several app processes, on loopback only.

Browser-marked: it starts real processes and drives Debian's chromium.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_util import wait_rendered, watch
from conftest import REPO, URL_PATHS
from playwright.sync_api import Page

sys.path.insert(0, str(REPO / "deploy"))
import loadtest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    run_dir = tmp_path_factory.mktemp("cluster")
    url, _ = loadtest.start_cluster(2, run_dir)
    yield url, run_dir
    loadtest.stop_cluster(run_dir)


def test_nginx_config_has_sticky_hash_websockets_and_headers(cluster: tuple[str, Path]) -> None:
    _, run_dir = cluster
    conf = (run_dir / "nginx.conf").read_text(encoding="utf-8")
    assert "hash $route_key consistent" in conf
    assert conf.count("server 127.0.0.1:") == 2
    assert "proxy_set_header Upgrade $http_upgrade" in conf
    assert "@" not in conf.replace("@RUN", "").split("http {", 1)[1].split("log_format")[0]


def test_security_and_cache_headers(cluster: tuple[str, Path]) -> None:
    url, _ = cluster
    with urllib.request.urlopen(url + "/") as resp:
        headers = resp.headers
        assert resp.status == 200
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "dashboard_route=" in headers["Set-Cookie"]
    with urllib.request.urlopen(url + "/app/static/fonts/noto-sans-jp-japanese-400-normal.woff2") as resp:
        assert resp.status == 200 and "immutable" in resp.headers["Cache-Control"]
        assert resp.headers["Content-Type"] == "font/woff2"


@pytest.mark.parametrize("page_name", list(URL_PATHS))
def test_every_page_renders_through_nginx_offline(page: Page, cluster: tuple[str, Path], page_name: str) -> None:
    url, _ = cluster
    log = watch(page)
    page.goto(f"{url}/{URL_PATHS[page_name]}")
    wait_rendered(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert log.outside == []


def test_one_session_stays_on_one_backend(page: Page, cluster: tuple[str, Path]) -> None:
    url, run_dir = cluster
    for path in ("", "dx", "population"):
        page.goto(f"{url}/{path}")
        wait_rendered(page)
    cookie = next(c["value"] for c in page.context.cookies() if c["name"] == "dashboard_route")
    routes = loadtest.routes_from_log(run_dir / "access.log")
    assert len(routes[cookie]) == 1


def test_killed_backend_does_not_take_down_the_others(tmp_path: Path) -> None:
    out = tmp_path / "check.json"
    env = {**os.environ}
    proc = subprocess.run(
        [sys.executable, str(REPO / "deploy" / "loadtest.py"), "--check-only", "--processes", "2", "--out", str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.exists(), proc.stdout + proc.stderr
    failover = json.loads(out.read_text(encoding="utf-8"))["failover"]
    assert failover["sticky_before_kill"]
    assert failover["on_killed_backend"] >= 1
    assert failover["working_after_kill"] == failover["sessions"], failover
    assert proc.returncode == 0
