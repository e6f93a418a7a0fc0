"""One package: pyproject declares the dependencies and extras; requirements.txt pins exactly what they need."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _pins() -> dict[str, str]:
    pins = {}
    for line in (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.\-\[\]]+)==(\S+)", line)
        if m:
            pins[canonicalize_name(m.group(1).split("[")[0])] = m.group(2)
    return pins


def test_runtime_test_and_bench_requirements_are_declared() -> None:
    runtime = {canonicalize_name(Requirement(r).name) for r in PROJECT["dependencies"]}
    assert {"streamlit", "pandas", "pyarrow", "altair", "pydeck", "openpyxl", "vl-convert-python"} <= runtime
    extras = {
        k: {canonicalize_name(Requirement(r).name) for r in v} for k, v in PROJECT["optional-dependencies"].items()
    }
    assert {"pytest", "pytest-playwright", "playwright", "hypothesis", "ruff", "mypy"} <= extras["test"]
    assert "pyinstrument" in extras["bench"]


def test_requirements_pin_every_declared_dependency_within_its_range() -> None:
    pins = _pins()
    declared = [*PROJECT["dependencies"], *(r for extra in PROJECT["optional-dependencies"].values() for r in extra)]
    for text in declared:
        req = Requirement(text)
        name = canonicalize_name(req.name)
        assert name in pins, f"{name} is not pinned: run scripts/lock.sh"
        assert req.specifier.contains(pins[name], prereleases=True), f"{name}=={pins[name]} outside {req.specifier}"


def test_requirements_say_how_they_are_made() -> None:
    head = (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines()[1]
    command = "uv pip compile pyproject.toml --extra test --extra bench --python-version 3.11 -o requirements.txt"
    assert head.strip("# ") == command
    assert "--extra test --extra bench" in (REPO / "scripts" / "lock.sh").read_text(encoding="utf-8")
