"""Through nginx on loopback: the metrics endpoint is closed, and downloads need the same sign-in as the pages.

Two deployments from deploy/start.sh (one app process each): the public
default, and a staff-only one (``DASHBOARD_REQUIRE_LOGIN=1`` with Streamlit's
OIDC sign-in against the stub provider of tests/oidc_stub.py). In the
staff-only one a signed-in browser downloads a chart's CSV through nginx, and
the same ``/media/`` address is then refused to a client without the sign-in
cookie (and to one with a forged cookie).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_util import wait_rendered, watch
from conftest import REPO, free_port
from oidc_stub import StubIdP
from playwright.sync_api import Page
from streamlit.web.server.starlette.starlette_app_utils import create_signed_value

sys.path.insert(0, str(REPO / "deploy"))
import loadtest

pytestmark = pytest.mark.browser
COOKIE_SECRET = "test-cookie-secret-that-is-long-enough-0123456789"


def _status(url: str, cookie: str | None = None) -> int:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _start(run_dir: Path, env_extra: dict[str, str], listen: int) -> str:
    base = free_port()
    env = {
        **os.environ,
        **env_extra,
        "RUN_DIR": str(run_dir),
        "BASE_PORT": str(base),
        "CHECK_PORT": str(free_port()),
    }
    subprocess.run(
        [str(REPO / "deploy" / "start.sh"), "1", str(listen)], check=True, env=env, stdout=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{listen}"
    loadtest.wait_healthy(url)
    return url


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    run_dir = tmp_path_factory.mktemp("public")
    yield _start(run_dir, {"DASHBOARD_REQUIRE_LOGIN": "0"}, free_port())
    loadtest.stop_cluster(run_dir)


@pytest.fixture(scope="module")
def staff(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    run_dir = tmp_path_factory.mktemp("staff")
    idp = StubIdP().start()
    listen = free_port()
    secrets = run_dir / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{listen}/oauth2callback"\n'
        f'cookie_secret = "{COOKIE_SECRET}"\n'
        'client_id = "dashboard"\n'
        'client_secret = "stub-secret"\n'
        f'server_metadata_url = "{idp.issuer}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    env = {"DASHBOARD_REQUIRE_LOGIN": "1", "STREAMLIT_SECRETS_FILES": str(secrets)}
    yield _start(run_dir, env, listen)
    loadtest.stop_cluster(run_dir)
    idp.stop()


def _forged(secret: str) -> str:
    value = json.dumps({"is_logged_in": True, "origin": "http://127.0.0.1", "email": "x@example.invalid"})
    return "_streamlit_user=" + create_signed_value(secret, "_streamlit_user", value).decode()


@pytest.mark.parametrize("path", ["/_stcore/metrics", "/_stcore/metrics?families=session_events", "/_stcore/metrics/"])
def test_metrics_are_closed_with_and_without_sign_in(public: str, staff: str, path: str) -> None:
    for url in (public, staff):
        assert _status(url + path) == 404
        assert _status(url + path, _forged(COOKIE_SECRET)) == 404
    assert _status(staff + "/_stcore/health") == 200  # the health check stays open for the load balancer


def test_public_downloads_need_no_sign_in(public: str) -> None:
    # Past the check, Streamlit itself answers: 404 for an unknown file (not 401).
    assert _status(public + "/media/0123456789abcdef.csv") == 404


def test_staff_downloads_refuse_requests_without_a_valid_sign_in_cookie(staff: str) -> None:
    missing = staff + "/media/0123456789abcdef.csv"
    assert _status(missing) == 401
    assert _status(missing, "_streamlit_user=forged") == 401
    assert _status(missing, _forged("another-secret-that-is-long-enough-0123456789")) == 401
    assert _status(missing, _forged(COOKIE_SECRET)) == 404  # signed with the deployment's secret: passes


def test_a_signed_in_download_is_not_served_to_anyone_else(page: Page, staff: str) -> None:
    log = watch(page)
    page.goto(f"{staff}/facilities")
    page.get_by_role("button", name="サインイン").click()
    page.wait_for_selector("text=サインイン中", timeout=30_000)
    page.goto(f"{staff}/facilities")
    wait_rendered(page)
    page.locator('[class*="st-key-"][class*="_downloads"] button').first.click()  # downloads are made when opened
    button = page.locator('[data-testid="stDownloadButton"]').filter(has_text="CSV").first
    with page.expect_download(timeout=30_000) as info:
        button.click()
    download = info.value
    media = download.url
    assert "/media/" in media, media
    assert Path(download.path()).read_bytes().startswith(b"\xef\xbb\xbf")  # the CSV, served to the signed-in user
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in page.context.cookies())
    assert _status(media, cookies) == 200
    assert _status(media) == 401  # the same address without the sign-in cookie
    assert log.outside == []
