"""The benchmark's synthetic national data set: its shape, its format, and that it never lands in data/."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO

sys.path.insert(0, str(REPO))  # bench/ lives at the repository root, beside tests/
from bench import synthetic
from dashboard.data import open_data, paths

N_MONTHS = 14 * 12  # January 2017 – December 2030


def _tree(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder`` with its (size, mtime_ns)."""
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()
    }


def test_national_tables_have_the_issues_shape() -> None:
    munis = synthetic.municipalities(None)
    assert len(munis) == 1741 and munis["code6"].is_unique
    assert synthetic.IWAKI_CODE6 in set(munis["code6"])
    assert munis["code6"].str.fullmatch(r"\d{6}").all()

    long = synthetic.population_by_age_sex(munis)
    assert len(long) == 1741 * 11 * 2 * 19
    assert sorted(long["year"].unique()) == list(range(2020, 2071, 5))
    assert set(long["sex"]) == {"male", "female"}
    assert list(long["age_group"].unique()) == list(synthetic.AGE_GROUPS)
    assert synthetic.AGE_GROUPS[0] == "00_04" and synthetic.AGE_GROUPS[-1] == "90_plus"
    assert (long["population"] >= 0).all()

    kpi = synthetic.kpi_monthly(munis, long)
    assert len(kpi) == 1741 * N_MONTHS
    assert kpi["snapshot"].min() == pd.Timestamp("2017-01-01")
    assert kpi["snapshot"].max() == pd.Timestamp("2030-12-01")
    assert kpi["rate_pct"].between(0, 100).all()
    assert (kpi["cards"] <= kpi["population"]).all()


def test_wide_population_adds_up() -> None:
    munis = synthetic.municipalities(None, count=50)
    long = synthetic.population_by_age_sex(munis)
    wide = synthetic.wide_population(long)
    assert len(wide) == 50 * 11
    assert (wide["total"] == wide["age0_14"] + wide["age15_64"] + wide["age65plus"]).all()
    one = long[(long["code5"] == wide.loc[0, "code5"]) & (long["year"] == wide.loc[0, "year"])]
    assert wide.loc[0, "total"] == one["population"].sum()
    male = one[(one["sex"] == "male") & (one["age_group"] == "00_04")]["population"].item()
    assert wide.loc[0, "male_00_04"] == male


def test_made_up_codes_carry_the_real_check_digit() -> None:
    # Iwaki 07204 → 072044, Sapporo 01100 → 011002, Hakodate 01202 → 012025 (digit 0 and 1 cases too).
    assert synthetic._check_digit("07204") == "4"
    assert synthetic._check_digit("01100") == "2"
    assert synthetic._check_digit("01202") == "5"
    assert synthetic._check_digit("01213") == "1"


def test_generated_set_reads_through_the_dashboards_readers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = synthetic.generate(tmp_path / "national", real_open=REPO / "data" / "open", count=60)
    root = result.root
    assert (root / "SYNTHETIC-README.txt").read_text(encoding="utf-8").startswith("SYNTHETIC DATA")
    monkeypatch.setenv("DASHBOARD_OPEN_DATA_DIR", str(root))

    cards = open_data.read_mynumbercard("all")
    assert len(cards) == 60 * N_MONTHS == result.kpi_rows
    assert cards["code6"].nunique() == 60
    iwaki = open_data.read_mynumbercard("iwaki")
    assert set(iwaki["code6"]) == {synthetic.IWAKI_CODE6} and len(iwaki) == N_MONTHS
    fukushima = open_data.read_mynumbercard("fukushima")
    assert fukushima["code6"].str.startswith("07").all()

    assert (cards["_synthetic"] == 1).all()
    assert [s.state for s in open_data.status()] == ["ok"] * len(open_data.required_files())
    ipss = open_data.read_ipss()
    assert ipss["note"].eq(synthetic.SYNTHETIC_NOTE).all()
    assert {"07000", "07204"} <= set(ipss["code"])
    assert {"male_00_04", "female_90_plus"} <= set(ipss.columns)
    assert pd.read_parquet(root / "parquet" / "kpi_monthly.parquet").shape[0] == result.kpi_rows
    assert (root / open_data.BOUNDARY_FILES["fukushima"]).is_file()
    assert "07999" in set(ipss["code"])  # the real file's region keeps its code


def test_generator_never_writes_into_published_or_real_data(tmp_path: Path) -> None:
    data = REPO / "data"
    before = _tree(data)
    for target in (data, data / "synthetic", paths.data_dir(), paths.open_data_dir() / "x"):
        with pytest.raises(ValueError, match="refusing"):
            synthetic.generate(target, count=50)
    synthetic.generate(tmp_path / "ok", real_open=tmp_path / "none", count=50)
    assert _tree(data) == before
    assert not (data / "synthetic").exists()


def test_default_destination_is_a_temp_folder_outside_the_repository() -> None:
    result = synthetic.generate(count=48, real_open=Path("/nonexistent"))
    try:
        assert REPO not in result.root.parents
        assert result.municipalities == 48
    finally:
        shutil.rmtree(result.root)
