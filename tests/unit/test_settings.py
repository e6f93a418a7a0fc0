"""The one settings module: every environment variable typed, one idea of "true", the README table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard import settings
from dashboard.data import paths

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("value", ["1", "true", "TRUE", " yes ", "on", True])
def test_true_words(value: object) -> None:
    assert settings.is_true(value)


@pytest.mark.parametrize("value", ["", "0", "false", "no", "off", "2", "enabled", None, False])
def test_everything_else_is_false(value: object) -> None:
    assert not settings.is_true(value)


def test_defaults_without_environment() -> None:
    s = settings.load({})
    assert s == settings.Settings()
    assert (s.data_dir, s.open_data_dir, s.lang, s.admin, s.require_login) == (None, None, "ja", False, False)
    assert s.font_dirs == settings.DEFAULT_FONT_DIRS


def test_values_are_typed() -> None:
    s = settings.load(
        {
            "DASHBOARD_DATA_DIR": "/srv/data",
            "DASHBOARD_OPEN_DATA_DIR": " ",
            "DASHBOARD_LANG": "EN",
            "DASHBOARD_ADMIN": "Yes",
            "DASHBOARD_REQUIRE_LOGIN": "0",
            "DASHBOARD_FONT_DIRS": "/a::/b",
        }
    )
    assert s.data_dir == "/srv/data" and s.open_data_dir is None  # blank means "not set"
    assert (s.lang, s.admin, s.require_login, s.font_dirs) == ("en", True, False, ("/a", "/b"))


def test_the_open_data_default_is_inside_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DASHBOARD_OPEN_DATA_DIR", raising=False)
    assert paths.open_data_dir() == paths.REPO_ROOT / "data" / "open"
    monkeypatch.setenv("DASHBOARD_OPEN_DATA_DIR", "/srv/newer")
    assert paths.open_data_dir() == Path("/srv/newer")


def test_secrets_table_is_typed() -> None:
    s = settings.dashboard_secrets({"admin_enabled": "true", "admin_users": ["Sato@City.Iwaki.lg.jp "]})
    assert s.admin_enabled and not s.require_login
    assert s.may_publish("sato@city.iwaki.lg.jp") and not s.may_publish("suzuki@city.iwaki.lg.jp")
    assert settings.dashboard_secrets(None) == settings.DashboardSecrets()
    assert settings.DashboardSecrets().may_publish("anyone")


def test_every_variable_is_documented_in_the_module_and_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    doc = settings.__doc__ or ""
    assert [s.env for s in settings.DOCUMENTED] == list(settings.ENV.values())
    for item in settings.DOCUMENTED:
        assert item.env in doc
        assert re.search(rf"\|\s*`{item.env}`\s*\|", readme), f"README settings table lacks {item.env}"


def test_no_other_module_names_an_environment_variable() -> None:
    # Every DASHBOARD_* name the code reads is one of the settings (scripts and tests may set them).
    names = set(settings.ENV.values())
    for path in (REPO / "src").rglob("*.py"):
        for found in re.findall(r"DASHBOARD_[A-Z_]+", path.read_text(encoding="utf-8")):
            assert found in names, f"{path.name}: {found}"
