"""Shared test fixtures: the repository paths, AppTest helpers and a live Streamlit server for browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_util import CHROMIUM, CHROMIUM_ARGS
from hypothesis import settings
from tiers import FAST, FAST_SHARE

# Property tests without their own count draw Hypothesis's default 100 examples in the full run, fewer
# in the fast development tier (see tiers.py).
settings.register_profile("fast", max_examples=100 // FAST_SHARE)
if FAST:
    settings.load_profile("fast")

# The import workspace fixture (``ws``) lives with the import helpers.
pytest_plugins = ["import_util"]

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "artifacts"
PAGES = {
    "overview": "pages/overview.py",
    "population": "pages/population.py",
    "dx": "pages/dx.py",
    "facilities": "pages/facilities.py",
    "survey": "pages/survey.py",
}
URL_PATHS = {"overview": "", "population": "population", "dx": "dx", "facilities": "facilities", "survey": "survey"}


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(
    env_extra: dict[str, str] | None = None, cwd: Path = REPO, args: tuple[str, ...] = (), port: int | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``streamlit run app.py`` on a (free) loopback port and wait until it is healthy."""
    port = port or free_port()
    env = {**os.environ, **(env_extra or {})}
    log = open(ARTIFACTS / f"server-{port}.log", "wb")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            *args,
        ],
        cwd=cwd,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"streamlit did not start; see {log.name}")


# The tier of a test is its folder: unit/ (pure functions and files), app/ (AppTest through app.py)
# and e2e/ (a live server driven by Debian's chromium). ``scripts/test.sh --fast`` runs unit + app.
TIERS = {"unit": "unit", "app": "app", "e2e": "browser"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test with its tier, taken from the folder it lives in."""
    for item in items:
        parts = Path(str(item.path)).relative_to(REPO / "tests").parts
        if parts and parts[0] in TIERS:
            item.add_marker(getattr(pytest.mark, TIERS[parts[0]]))


@pytest.fixture(scope="session", autouse=True)
def _artifacts_dir() -> Path:
    (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """Stop a server started by :func:`start_server` (killed if it does not end within 10 s)."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    """A live dashboard server for the whole browser-test session."""
    proc, url = start_server()
    yield url
    stop_server(proc)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Drive Debian's chromium (no browser download), with its background networking off."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """Full-HD viewport and Japanese locale by default."""
    return {**browser_context_args, "viewport": {"width": 1920, "height": 1080}, "locale": "ja-JP"}
