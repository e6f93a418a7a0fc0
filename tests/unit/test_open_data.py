"""Open data: the manifest, the checked fetch (folder and HTTP mirror on 127.0.0.1) and the readers."""

from __future__ import annotations

import functools
import hashlib
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SHARED_DATA

from dashboard.cli import main as cli
from dashboard.data import OpenDataMissing, open_data

needs_shared = pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="../shared/data is not beside the repository")


@pytest.fixture()
def mirror(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """An HTTP mirror of the shared folder on 127.0.0.1, with one file corrupted."""
    root = tmp_path / "mirror"
    shutil.copytree(SHARED_DATA, root)
    for p in root.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    corrupt = root / "population" / "ipss_r5_2023_fukushima_selected.csv"
    corrupt.write_bytes(corrupt.read_bytes().replace(b"332931", b"332932") + b"\n")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.RequestHandlerClass.log_message = lambda *a, **k: None  # type: ignore[method-assign]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", root
    server.shutdown()


def test_manifest_lists_every_file_once_with_credit() -> None:
    entries = open_data.manifest()
    assert len({e.path for e in entries}) == len(entries) == 12
    for e in entries:
        assert len(e.sha256) == 64 and e.size > 0 and e.credit and e.licence and e.upstream


@needs_shared
def test_manifest_matches_the_shared_folder() -> None:
    for e in open_data.manifest():
        data = (SHARED_DATA / e.path).read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (e.size, e.sha256), e.path


@needs_shared
def test_fetch_from_a_folder_copies_and_verifies(tmp_path: Path) -> None:
    dest = tmp_path / "open"
    report = open_data.fetch(str(SHARED_DATA), dest)
    assert report.ok and len(report.copied) == 12
    again = open_data.fetch(str(SHARED_DATA), dest)
    assert again.ok and len(again.unchanged) == 12 and not again.copied


@needs_shared
def test_fetch_over_http_rejects_a_corrupted_file(mirror: tuple[str, Path], tmp_path: Path) -> None:
    url, _ = mirror
    dest = tmp_path / "open"
    report = open_data.fetch(url, dest)
    bad = "population/ipss_r5_2023_fukushima_selected.csv"
    assert set(report.failed) == {bad} and "checksum" in report.failed[bad]
    assert len(report.copied) == 11
    assert not (dest / bad).exists()
    assert not list(dest.rglob(".fetch.*"))


@needs_shared
def test_fetch_command_exit_code(mirror: tuple[str, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    url, _ = mirror
    monkeypatch.setattr(open_data.paths, "local_open_data_dir", lambda: tmp_path / "open")
    assert cli(["fetch", "--from", url]) == 1
    assert cli(["fetch", "--from", str(SHARED_DATA)]) == 0


def test_missing_open_data_raises_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_OPEN_DATA_DIR", str(tmp_path))
    with pytest.raises(OpenDataMissing) as err:
        open_data.read_shelters()
    assert err.value.code == "open_data_missing"
    assert err.value.detail == open_data.SHELTER_FILE
    assert not any(open_data.status().values())


@needs_shared
def test_readers_on_the_real_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_OPEN_DATA_DIR", str(SHARED_DATA))
    iwaki = open_data.read_mynumbercard("iwaki")
    assert len(iwaki) == 46 and set(iwaki["code6"]) == {"072044"} and set(iwaki["code5"]) == {"07204"}
    assert iwaki["population"].iloc[0] == 331_920 and iwaki["population"].iloc[-1] == 314_913
    assert len(open_data.read_shelters()) == 280
    sites = open_data.read_emergency_sites()
    assert len(sites) == 295 and {"tsunami", "flood", "earthquake"} <= set(sites.columns)
    census = open_data.read_census2015("fukushima")
    iwaki_census = census[(census["code5"] == "07204") & (census["level"] == "2")].iloc[0]
    assert (iwaki_census["pop_2015"], iwaki_census["pop_2010"]) == (350_237, 342_249)
    assert len(census[census["level"].isin(["2", "3"])]) == 59
    ipss = open_data.read_ipss()
    assert set(ipss["code"]) >= {"07000", "07999"} and sorted(ipss["year"].unique()) == list(range(2020, 2051, 5))
    assert len(open_data.read_boundary("fukushima")["features"]) == 59
    assert len(open_data.read_towns()) == 2961
