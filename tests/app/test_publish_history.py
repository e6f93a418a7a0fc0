"""Publishing is atomic and reversible: history with who/what, rollback to the exact bytes, crashes leave nothing broken,
and the running dashboard shows the new figures without a restart.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from import_util import Workspace, rows_of, write_csv
from import_util import replace as replace_cells

from dashboard.cli import main
from dashboard.data import DataError, importer, load_dataset, publish
from dashboard.i18n import set_language

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _japanese() -> None:
    set_language("ja")


def _facilities_2024(ws: Workspace, value: str, name: str = "fc.csv") -> importer.Imported:
    header, rows = rows_of(ws, "facility_counts")
    path = write_csv(ws.root / name, header, replace_cells(rows, header, {"year": "2024"}, facilities=value))
    return importer.read_path(path, "facility_counts")


def test_publish_archives_the_previous_version_with_who_and_what(ws: Workspace) -> None:
    original = ws.published()
    version = publish.publish(_facilities_2024(ws, "1270"), actor="sato@city.iwaki.lg.jp")
    assert load_dataset("facility_counts").set_index("year").loc[2024, "facilities"] == 1270
    versions = publish.history("facility_counts")
    assert [v.reason for v in versions] == ["baseline", "import"]
    baseline, new = versions
    assert new.current and not baseline.current and new.version == version.version
    assert new.replaces == baseline.version
    assert (new.actor, new.origin, new.rows, new.changed, new.added, new.removed) == (
        "sato@city.iwaki.lg.jp",
        "fc.csv",
        3,
        1,
        0,
        0,
    )
    folder = ws.data / "history" / "facility_counts" / baseline.version
    assert (folder / "facility_counts.parquet").read_bytes() == original["data/facility_counts.parquet"]
    assert (folder / "facility_counts.csv").read_bytes() == original["data/source/facility_counts.csv"]
    record = json.loads((ws.data / "history" / "facility_counts" / new.version / "record.json").read_text("utf-8"))
    assert record["actor"] == "sato@city.iwaki.lg.jp" and record["input_sha256"] and record["via"] == "cli"
    assert main(["check"]) == 0


def test_rollback_restores_the_previous_figures_byte_for_byte(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    original = ws.published()
    publish.publish(_facilities_2024(ws, "1270"), actor="a")
    publish.publish(_facilities_2024(ws, "1260", "fc2.csv"), actor="b")
    assert load_dataset("facility_counts").set_index("year").loc[2024, "facilities"] == 1260
    baseline = publish.history("facility_counts")[0].version

    assert main(["history", "facility_counts"]) == 0
    listing = capsys.readouterr().out
    assert baseline in listing and "初期（ビルド）" in listing and "＊facility_counts" in listing

    assert main(["rollback", "facility_counts", baseline]) == 0
    assert f"版 {baseline} の内容に戻しました" in capsys.readouterr().out
    assert ws.published() == original
    assert load_dataset("facility_counts").set_index("year").loc[2024, "facilities"] == 1281
    versions = publish.history("facility_counts")
    assert [v.reason for v in versions] == ["baseline", "import", "import", "rollback"]
    assert versions[-1].current and versions[-1].origin == baseline
    assert main(["check"]) == 0


def test_rollback_of_an_unknown_version_is_refused(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    publish.publish(_facilities_2024(ws, "1270"), actor="a")
    before = ws.snapshot()
    assert main(["rollback", "facility_counts", "19990101-000000"]) == 1
    assert "版「19990101-000000」は履歴にありません" in capsys.readouterr().err
    assert main(["rollback", "facility_counts", "../pillars"]) == 1
    assert ws.snapshot() == before


def test_rollback_repairs_a_corrupt_published_file(ws: Workspace) -> None:
    original = ws.published()
    publish.publish(_facilities_2024(ws, "1270"), actor="a")
    baseline = publish.history("facility_counts")[0].version
    (ws.data / "facility_counts.parquet").write_bytes(b"PAR1 damaged")
    publish.rollback("facility_counts", baseline, actor="a")
    assert ws.published() == original


def test_history_lists_every_dataset(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history"]) == 0
    assert "履歴はまだありません" in capsys.readouterr().out
    publish.publish(_facilities_2024(ws, "1270"), actor="a")
    assert {v.dataset for v in publish.history()} == {"facility_counts"}


def test_an_interrupted_publish_leaves_the_published_data_unchanged(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    imported = _facilities_2024(ws, "1270")
    publish.publish(_facilities_2024(ws, "1275", "first.csv"), actor="a")  # a history exists already
    before = ws.published()
    versions_before = [v.version for v in publish.history("facility_counts")]
    calls: list[str] = []

    def crash_on_parquet(src: str, dst: Path) -> None:
        calls.append(str(dst))
        if str(dst).endswith(".parquet") and len([c for c in calls if c.endswith(".parquet")]) == 1:
            raise OSError("disk full")  # the temporary file is written; the rename never happens
        os.replace(src, dst)

    monkeypatch.setattr(publish, "_rename", crash_on_parquet)
    with pytest.raises(DataError) as err:
        publish.publish(imported, actor="b")
    assert err.value.code == "publish_failed"
    assert any(c.endswith(".csv") for c in calls)  # the CSV had already been replaced, and is restored
    assert ws.published() == before
    assert [v.version for v in publish.history("facility_counts")] == versions_before
    leftovers = [p for p in ws.root.rglob("*") if p.name.endswith(".tmp") or p.name == publish.JOURNAL]
    assert leftovers == []


_CRASH = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from dashboard.data import importer, publish
    seen = []
    def rename(src, dst):
        seen.append(dst)
        if len(seen) == int(sys.argv[2]):
            os._exit(9)  # the process dies here: no cleanup, no exception handler
        os.replace(src, dst)
    publish._rename = rename
    publish.publish(importer.read_path(Path(sys.argv[1]), "facility_counts"), actor="crash")
""")


@pytest.mark.parametrize("crash_at", [1, 2], ids=["before-any-rename", "between-csv-and-parquet"])
def test_a_crash_mid_publish_is_recovered_on_the_next_run(ws: Workspace, crash_at: int) -> None:
    _facilities_2024(ws, "1270")
    publish.publish(_facilities_2024(ws, "1275", "first.csv"), actor="a")
    before = ws.published()
    versions_before = [v.version for v in publish.history("facility_counts")]
    proc = subprocess.run(
        [sys.executable, "-c", _CRASH, str(ws.root / "fc.csv"), str(crash_at)],
        env=os.environ.copy(),
        cwd=REPO,
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 9, proc.stderr.decode()
    if crash_at == 1:
        assert ws.published() == before  # crashed between writing the temporary file and the rename
    assert (ws.data / "history" / "facility_counts" / publish.JOURNAL).exists()
    assert load_dataset("facility_counts").set_index("year").loc[2024, "facilities"] == 1275  # still readable

    versions = publish.history("facility_counts")  # any next command finishes the interrupted publish
    assert ws.published() == before
    assert [v.version for v in versions] == versions_before
    assert not list(ws.root.rglob("*.tmp")) and not (ws.data / "history" / "facility_counts" / publish.JOURNAL).exists()
    assert main(["check"]) == 0
    publish.publish(_facilities_2024(ws, "1270"), actor="again")
    assert load_dataset("facility_counts").set_index("year").loc[2024, "facilities"] == 1270


def test_a_publish_is_refused_when_the_data_changed_after_the_diff(ws: Workspace) -> None:
    imported = _facilities_2024(ws, "1270")
    base = publish.live_sha256("facility_counts")
    publish.publish(_facilities_2024(ws, "1260", "other.csv"), actor="someone else")
    before = ws.snapshot()
    with pytest.raises(DataError) as err:
        publish.publish(imported, actor="me", base_sha256=base, check_base=True)
    assert err.value.code == "published_changed"
    assert ws.snapshot() == before


def test_publish_revalidates_the_table(ws: Workspace) -> None:
    imported = _facilities_2024(ws, "1270")
    bad = imported.table.set_column(1, "facilities", imported.table["facilities"].cast("int32"))
    with pytest.raises(DataError):
        publish.publish(importer.Imported(**{**imported.__dict__, "table": bad}), actor="a")


def test_the_running_dashboard_shows_new_data_without_a_restart(ws: Workspace) -> None:
    from apptest_util import page_text, run_page

    at = run_page("facilities")
    assert not at.exception
    assert "1,270" not in page_text(at)
    publish.publish(_facilities_2024(ws, "1270"), actor="a")
    at.run()  # the same session and process: only the file changed
    assert not at.exception
    assert "1,270" in page_text(at)
