"""Open data in the repository: manifest, checksums, the build from raw files, the checked fetch, and the readers."""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO

from dashboard.cli import main as cli
from dashboard.data import DataError, OpenDataMissing, open_build, open_data

OPEN = REPO / "data" / "open"
BUDGET_BYTES = 3 * 1024 * 1024
# Rebuilding data/open from the raw upstream files is a maintainer's check, run on request
# (DASHBOARD_TEST_RAW_DIR=../shared/data): the test suite and CI read nothing outside the repository.
RAW_DIR = Path(os.environ["DASHBOARD_TEST_RAW_DIR"]) if os.environ.get("DASHBOARD_TEST_RAW_DIR") else None
needs_raw = pytest.mark.skipif(RAW_DIR is None, reason="set DASHBOARD_TEST_RAW_DIR to the raw upstream files")


@pytest.fixture()
def open_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of data/open/ that the app reads (DASHBOARD_OPEN_DATA_DIR), free to damage."""
    folder = tmp_path / "open"
    shutil.copytree(OPEN, folder)
    monkeypatch.setenv("DASHBOARD_OPEN_DATA_DIR", str(folder))
    return folder


@pytest.fixture()
def mirror(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """An HTTP mirror of data/open/ on 127.0.0.1 (tests may damage its files)."""
    root = tmp_path / "mirror"
    shutil.copytree(OPEN, root)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.RequestHandlerClass.log_message = lambda *a, **k: None  # type: ignore[method-assign]  # silence the log
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", root
    server.shutdown()


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --------------------------------------------------------------------------- what the repository carries


def test_manifest_lists_every_file_the_pages_read_once_with_credit_and_provenance() -> None:
    entries = open_data.read_manifest(OPEN)
    assert [e.path for e in entries] == [r.path for r in open_build.RECIPES]
    assert sorted(e.path for e in entries) == sorted(open_data.required_files())
    raw = {r.path: r for r in open_build.raw_manifest()}
    for e in entries:
        assert len(e.sha256) == 64 and e.size > 0 and e.rows > 0, e.path
        assert e.credit and e.licence and e.upstream and e.source_id, e.path
        assert e.built_from and all(raw[b["path"]].sha256 == b["sha256"] for b in e.built_from), e.path
    as_of = {e.path: e.as_of for e in entries}
    assert as_of[open_data.MYNUMBER_FILE] == "2022-12-31" and as_of[open_data.SHELTER_FILE] == "2025-10-27"


def test_every_committed_file_matches_the_manifest_and_is_in_use_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DASHBOARD_OPEN_DATA_DIR", raising=False)
    for e in open_data.read_manifest(OPEN):
        data = (OPEN / e.path).read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (e.size, e.sha256), e.path
    assert [s.state for s in open_data.status()] == ["ok"] * len(open_data.required_files())


def test_open_data_fits_the_clone_budget() -> None:
    assert sum(p.stat().st_size for p in OPEN.rglob("*") if p.is_file()) <= BUDGET_BYTES


def test_licences_name_every_file_and_every_credit() -> None:
    licences = (OPEN / "LICENSES.md").read_text(encoding="utf-8")
    for e in open_data.read_manifest(OPEN):
        assert f"`{e.path}`" in licences, e.path
        assert e.credit in licences, e.credit


def test_every_credit_is_a_source_the_pages_show() -> None:
    from dashboard.data import load_dataset

    sources = set(load_dataset("sources")["source_id"])
    assert {e.source_id for e in open_data.read_manifest(OPEN)} <= sources


# --------------------------------------------------------------------------- the build


@needs_raw
def test_build_from_the_raw_files_reproduces_the_committed_files(tmp_path: Path) -> None:
    dest = tmp_path / "open"
    open_build.build(RAW_DIR, dest)
    built = _files(dest)
    committed = {k: v for k, v in _files(OPEN).items() if k != "LICENSES.md"}
    assert built.keys() == committed.keys()
    for rel, data in built.items():
        assert data == committed[rel], f"{rel} differs: run `dashboard build --open --raw ../shared/data`"


@needs_raw
def test_build_refuses_a_damaged_raw_folder_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(RAW_DIR, raw)
    for p in raw.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    towns = raw / "towns" / "geolonia_iwaki_towns.json"
    towns.write_bytes(towns.read_bytes()[:-100])
    dest = tmp_path / "open"
    with pytest.raises(DataError) as err:
        open_build.build(raw, dest)
    assert err.value.code == "open_data_damaged" and "towns" in str(err.value.path)
    assert not dest.exists()
    monkeypatch.setattr(open_data.paths, "local_open_data_dir", lambda: dest)
    assert cli(["build", "--open", "--raw", str(raw)]) == 1
    assert "geolonia_iwaki_towns.json" in capsys.readouterr().err and not dest.exists()


def test_build_open_needs_the_raw_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["--lang", "ja", "build", "--open"]) == 2
    assert "--raw" in capsys.readouterr().err


# --------------------------------------------------------------------------- damaged files at run time


def test_missing_file_raises_a_clear_error(open_copy: Path) -> None:
    (open_copy / open_data.SHELTER_FILE).unlink()
    with pytest.raises(OpenDataMissing) as err:
        open_data.read_shelters()
    assert (err.value.code, err.value.detail) == ("open_data_missing", open_data.SHELTER_FILE)
    assert {s.path: s.state for s in open_data.status()}[open_data.SHELTER_FILE] == "missing"
    assert len(open_data.read_emergency_sites()) == 295  # the other files still read


@pytest.mark.parametrize("damage", ["truncated", "tampered"])
def test_damaged_file_is_refused_by_its_checksum(open_copy: Path, damage: str) -> None:
    target = open_copy / open_data.IPSS_FILE
    data = target.read_bytes()
    # Tampered keeps the size, so only the checksum can tell.
    target.write_bytes(data[: len(data) // 2] if damage == "truncated" else data[:-1] + bytes([data[-1] ^ 1]))
    with pytest.raises(OpenDataMissing) as err:
        open_data.read_ipss()
    assert (err.value.code, err.value.detail) == ("open_data_damaged", open_data.IPSS_FILE)
    assert str(err.value.path).endswith(open_data.IPSS_FILE)
    assert {s.path: s.state for s in open_data.status()}[open_data.IPSS_FILE] == "damaged"
    assert cli(["check"]) == 1
    assert cli(["status"]) == 1


def test_a_folder_without_manifest_is_not_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "open"
    shutil.copytree(OPEN, folder)
    (folder / open_data.MANIFEST).unlink()
    monkeypatch.setenv("DASHBOARD_OPEN_DATA_DIR", str(folder))
    with pytest.raises(OpenDataMissing) as err:
        open_data.read_towns()
    assert err.value.code == "open_data_missing" and str(err.value.path).endswith("manifest.json")


def test_status_names_the_version_in_use(
    open_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli(["--lang", "en", "status"]) == 0
    out = capsys.readouterr().out
    assert str(open_copy) in out
    for e in open_data.read_manifest(open_copy):
        line = next(ln for ln in out.splitlines() if e.path in ln)
        assert line.startswith("ok") and e.sha256[:12] in line and f"{e.rows} rows" in line
        assert (e.as_of or "—") in line


# --------------------------------------------------------------------------- fetch from a mirror


def test_fetch_from_a_folder_copies_and_verifies(tmp_path: Path) -> None:
    dest = tmp_path / "open"
    report = open_data.fetch(str(OPEN), dest)
    assert report.ok and len(report.copied) == len(open_data.required_files())
    assert json.loads((dest / "manifest.json").read_text(encoding="utf-8")) == json.loads(
        (OPEN / "manifest.json").read_text(encoding="utf-8")
    )
    again = open_data.fetch(str(OPEN), dest)
    assert again.ok and len(again.unchanged) == len(open_data.required_files()) and not again.copied


def test_fetch_of_a_damaged_mirror_writes_nothing(mirror: tuple[str, Path], tmp_path: Path) -> None:
    url, root = mirror
    bad = root / open_data.IPSS_FILE
    bad.write_bytes(bad.read_bytes()[:-10])
    dest = tmp_path / "open"
    report = open_data.fetch(url, dest)
    assert set(report.failed) == {open_data.IPSS_FILE} and "checksum" in report.failed[open_data.IPSS_FILE]
    assert not report.copied and not dest.exists()


def test_fetch_keeps_the_previous_copy_when_the_mirror_is_damaged(mirror: tuple[str, Path], tmp_path: Path) -> None:
    url, root = mirror
    dest = tmp_path / "open"
    shutil.copytree(OPEN, dest)
    before = _files(dest)
    # The mirror has a genuinely newer towns file (listed with its checksum) and a damaged shelters file.
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    newer = (root / open_data.TOWNS_FILE).read_bytes() + b"\n"
    (root / open_data.TOWNS_FILE).write_bytes(newer)
    for entry in manifest["files"]:
        if entry["path"] == open_data.TOWNS_FILE:
            entry.update(size=len(newer), sha256=hashlib.sha256(newer).hexdigest())
        if entry["path"] == open_data.SHELTER_FILE:
            entry.update(sha256="0" * 64)
    (root / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    report = open_data.fetch(url, dest)
    assert set(report.failed) == {open_data.SHELTER_FILE} and not report.copied
    assert _files(dest) == before  # not even the good newer file was written
    assert not [p for p in dest.rglob("*") if p.name.endswith(".tmp")]


def test_fetch_refuses_a_mirror_without_manifest(tmp_path: Path) -> None:
    report = open_data.fetch(str(tmp_path / "nowhere"), tmp_path / "open")
    assert set(report.failed) == {"manifest.json"} and not (tmp_path / "open").exists()


def test_fetch_command_exit_code(mirror: tuple[str, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    url, root = mirror
    monkeypatch.setattr(open_data.paths, "local_open_data_dir", lambda: tmp_path / "open")
    assert cli(["fetch", "--from", url]) == 0
    (root / open_data.IPSS_FILE).write_bytes(b"x")
    (tmp_path / "open" / open_data.IPSS_FILE).unlink()
    assert cli(["fetch", "--from", url]) == 1
    assert not (tmp_path / "open" / open_data.IPSS_FILE).exists()


# --------------------------------------------------------------------------- readers


def test_readers_on_the_committed_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DASHBOARD_OPEN_DATA_DIR", raising=False)
    iwaki = open_data.read_mynumbercard("iwaki")
    assert len(iwaki) == 46 and set(iwaki["code6"]) == {"072044"} and set(iwaki["code5"]) == {"07204"}
    assert iwaki["population"].iloc[0] == 331_920 and iwaki["population"].iloc[-1] == 314_913
    assert len(open_data.read_mynumbercard("fukushima")) == 2714
    assert len(open_data.read_mynumbercard("all")) == 80_086
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
