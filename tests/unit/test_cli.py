"""The ``dashboard`` command: one console entry point, help in Japanese and English, the old module delegates."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.cli.main import parser
from dashboard.i18n import set_language

REPO = Path(__file__).resolve().parents[2]
COMMANDS = ("build", "check", "fetch", "status", "template", "import", "history", "rollback", "bench")


def test_console_entry_point_is_declared() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"] == {"dashboard": "dashboard.cli:main"}


def test_every_command_is_a_subcommand() -> None:
    set_language("ja")
    sub = next(a for a in parser()._actions if a.dest == "command")
    assert tuple(sub.choices or ()) == COMMANDS


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_in_japanese_and_english(
    command: str | None, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    line = [command] if command else []
    monkeypatch.delenv("DASHBOARD_LANG", raising=False)
    with pytest.raises(SystemExit) as done:
        main([*line, "--help"])
    assert done.value.code == 0
    ja = capsys.readouterr().out
    assert ja.startswith("使い方: dashboard") and "このヘルプを表示して終了します" in ja
    monkeypatch.setenv("DASHBOARD_LANG", "en")
    with pytest.raises(SystemExit):
        main([*line, "--help"])
    en = capsys.readouterr().out
    assert en.startswith("usage: dashboard") and "show this help message and exit" in en
    assert not any("\u3040" <= ch <= "\u30ff" for ch in en.replace("データ", ""))  # no kana left in English
    with pytest.raises(SystemExit):
        main(["--lang", "en", *line, "--help"])
    assert capsys.readouterr().out == en


def test_bad_usage_exits_2_with_a_japanese_message(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--lang", "ja", "rollback"])
    assert done.value.code == 2
    assert "エラー：" in capsys.readouterr().err


def test_the_installed_command_and_the_old_module_run() -> None:
    exe = Path(sys.executable).with_name("dashboard")
    assert exe.is_file(), "pip install -e . puts the console command next to python"
    new = subprocess.run([exe, "--lang", "en", "history", "--help"], capture_output=True, text=True, check=True)
    old = subprocess.run(
        [sys.executable, "-m", "dashboard.data", "--lang", "en", "history", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert new.stdout == old.stdout and "list the published versions" in new.stdout
