"""Population metrics against hand-computed values: rates, geometric interpolation, the halving year, series, peers."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.data import load_dataset, open_data
from dashboard.metrics import population as pm

REPORT = pd.Series({2020: 332931.0, 2040: 255645.0, 2060: 175940.0})


# --------------------------------------------------------------------------- rates and interpolation


def test_average_annual_rate_2020_to_2060_matches_the_hand_formula() -> None:
    rate = pm.average_annual_rate(332931, 175940, 40)
    assert rate == pytest.approx((175940 / 332931) ** (1 / 40) - 1, rel=1e-12)
    # By hand: ln(175940/332931) = −0.63779; /40 = −0.015945; e^… − 1 = −0.015818
    assert rate == pytest.approx(-0.015818, abs=5e-7)
    assert pm.rate_between(REPORT, 2020, 2040) == pytest.approx((255645 / 332931) ** (1 / 20) - 1)
    # By hand: ln(255645/332931)/20 = −0.0132076; e^… − 1 = −0.013120
    assert pm.rate_between(REPORT, 2020, 2040) == pytest.approx(-0.013120, abs=5e-7)


def test_rate_needs_two_different_years_and_positive_values() -> None:
    with pytest.raises(ValueError):
        pm.average_annual_rate(100, 90, 0)
    with pytest.raises(ValueError):
        pm.average_annual_rate(0, 90, 5)
    with pytest.raises(KeyError):
        pm.rate_between(REPORT, 2020, 2030)


def test_geometric_interpolation_between_the_reports_points() -> None:
    # Halfway in time between two points the geometric value is their geometric mean.
    assert pm.interpolate_geometric(REPORT, 2030) == pytest.approx(math.sqrt(332931 * 255645))
    assert pm.interpolate_geometric(REPORT, 2030) == pytest.approx(291739.86, abs=0.01)
    assert pm.interpolate_geometric(REPORT, 2050) == pytest.approx(math.sqrt(255645 * 175940))
    # A quarter of the way: p0 · (p1/p0)^(1/4)
    assert pm.interpolate_geometric(REPORT, 2045) == pytest.approx(255645 * (175940 / 255645) ** 0.25)
    assert pm.interpolate_geometric(REPORT, 2040) == 255645
    for outside in (2019, 2061):
        with pytest.raises(ValueError):
            pm.interpolate_geometric(REPORT, outside)


def test_halving_year_extrapolates_the_last_segment_for_the_reports_projection() -> None:
    h = pm.halving_year(REPORT, 2020)
    assert h is not None and h.method == "extrapolated" and h.segment == (2040, 2060)
    assert h.target == pytest.approx(166465.5)
    # By hand: 2060 + ln(166465.5/175940) / ln(175940/255645) · 20 = 2060 + 0.055356/0.373647 · 20 = 2062.963
    assert h.year == pytest.approx(2062.963, abs=1e-3)
    assert h.rate == pytest.approx((175940 / 255645) ** (1 / 20) - 1)
    assert round(h.years_after_base) == 43


def test_halving_year_interpolates_inside_a_segment_and_none_when_rising() -> None:
    falling = pd.Series({2020: 100.0, 2040: 60.0, 2060: 30.0})
    h = pm.halving_year(falling, 2020)
    assert h is not None and h.method == "interpolated" and h.segment == (2040, 2060)
    # 2040 + 20 · ln(50/60)/ln(30/60) = 2040 + 20 · 0.263034 = 2045.2607
    assert h.year == pytest.approx(2045.2607, abs=1e-4)
    assert pm.halving_year(pd.Series({2020: 100.0, 2040: 90.0, 2060: 95.0}), 2020) is None
    with pytest.raises(ValueError):
        pm.halving_year(REPORT, 2030)


# --------------------------------------------------------------------------- series


def test_register_keeps_one_value_per_base_year_the_latest_snapshot_wins() -> None:
    snaps = pd.DataFrame(
        {
            "snapshot": pd.to_datetime(["2017-03-08", "2017-05-15", "2017-08-31", "2018-03-01"]),
            "population": [331920, 331920, 329900, 329938],
            "population_base_year": [2016, 2016, 2017, 2017],
        }
    )
    out = pm.register_by_year(snaps)
    assert out.to_dict("list") == {"year": [2016, 2017], "population": [331920, 329938]}


def test_register_from_the_real_file() -> None:
    reg = pm.register_by_year(open_data.read_mynumbercard("iwaki"))
    assert reg["year"].tolist() == list(range(2016, 2023))
    assert reg.set_index("year")["population"].loc[[2016, 2022]].tolist() == [331920, 314913]


def _series() -> pd.DataFrame:
    census = open_data.read_census2015("fukushima")
    mn = open_data.read_mynumbercard("iwaki")
    return pm.outlook_series(
        load_dataset("population_outlook"),
        census,
        pm.register_by_year(mn) if mn is not None else None,
        load_dataset("context_figures"),
    )


def test_outlook_series_labels_every_point_with_its_count_and_source() -> None:
    s = _series()
    census = s[s["series"] == "census"].set_index("year")
    assert census["population"].to_dict() == {2010: 342249, 2015: 350237, 2020: 332931}
    assert (
        census.loc[2015, "source_id"] == "census_2015" and census.loc[2020, "source_id"] == "iwaki_reform_report_vol5"
    )
    assert census.loc[2015, "t"] == pytest.approx(2015.75)  # 1 October
    proj = s[s["series"] == "projection"]
    assert proj["year"].tolist() == [2040, 2060] and proj["estimate"].all() and proj["report_point"].all()
    reg = s[s["series"] == "register"]
    assert len(reg) == 7 and (reg["basis"] == "register").all() and not reg["report_point"].any()
    assert reg["t"].min() == pytest.approx(2016.0)  # 1 January
    ctx = s[s["basis"].isna()].set_index("series")["population"]
    assert ctx.loc["plan"] == 173782 and ctx.loc["city_2024"] == 318946
    assert sorted(s.loc[s["series"] == "vision", "population"]) == [220000, 300000]


def test_index_series_uses_each_counts_own_base_year() -> None:
    s = _series()
    idx, dropped = pm.index_series(s, 2020)
    by = idx.set_index(["series", "year"])["index"]
    assert by[("census", 2020)] == pytest.approx(100)
    assert by[("projection", 2040)] == pytest.approx(255645 / 332931 * 100)  # the report prints 77
    assert by[("projection", 2060)] == pytest.approx(175940 / 332931 * 100)  # the report prints 53
    assert by[("register", 2022)] == pytest.approx(314913 / 321535 * 100)
    assert dropped == ["vision", "plan", "city_2024"]
    idx15, dropped15 = pm.index_series(s, 2015)
    assert "register" in dropped15 and "register" not in set(idx15["series"])
    assert idx15.set_index(["series", "year"])["index"][("census", 2020)] == pytest.approx(332931 / 350237 * 100)


def test_census_register_gap_pairs_october_census_with_the_next_january_register() -> None:
    s = _series()
    assert pm.census_register_gap(s, 2015) == (350237, 331920, 18317)
    assert pm.census_register_gap(s, 2020) == (332931, 318490, 14441)
    assert pm.census_register_gap(s, 2010) is None


def test_decimal_year() -> None:
    assert pm.decimal_year("2015-10-01") == pytest.approx(2015.75)
    assert pm.decimal_year("2016-01-01") == 2016.0
    assert pm.decimal_year("2040") == 2040.0


# --------------------------------------------------------------------------- age structure and peers


def test_age_structure_and_ageing_rates_of_hamadori() -> None:
    ipss = open_data.read_ipss()
    ages = pm.age_structure(ipss, (pm.HAMADORI_CODE,))
    assert len(ages) == 7 * 3
    assert ages.groupby("year")["share_pct"].sum().round(9).eq(100).all()
    assert ages.loc[ages["year"] == 2020, "projected"].eq(False).all()
    assert ages.loc[ages["year"] > 2020, "projected"].all()
    ind = pm.ageing_indicators(ipss).set_index(["code", "indicator", "year"])["pct"]
    assert ind[(pm.HAMADORI_CODE, "ageing_rate", 2020)] == pytest.approx(145434 / 452508 * 100)  # 32.14
    assert ind[(pm.HAMADORI_CODE, "ageing_rate", 2050)] == pytest.approx(43.527, abs=1e-3)
    assert ind[(pm.HAMADORI_CODE, "working_age_share", 2050)] == pytest.approx(147217 / 307228 * 100)
    assert ind[(pm.PREFECTURE_CODE, "ageing_rate", 2020)] == pytest.approx(580272 / 1833152 * 100)


def test_change_class_boundaries() -> None:
    assert [pm.change_class(v) for v in (-100, -20.01, -20, -10.5, -10, -5, -0.07, 0, 2.33)] == [
        0,
        0,
        1,
        1,
        2,
        3,
        3,
        4,
        4,
    ]


def test_census_change_of_the_59_municipalities() -> None:
    census = open_data.read_census2015("fukushima")
    peers = pm.census_change(census)
    assert len(peers) == 59 and peers["code5"].is_unique
    iwaki = peers.set_index("code5").loc[pm.IWAKI_CODE5]
    assert (iwaki["pop_2010"], iwaki["pop_2015"], iwaki["change"]) == (342249, 350237, 7988)
    assert iwaki["change_pct"] == pytest.approx(7988 / 342249 * 100)
    assert iwaki["rank"] == 2 and iwaki["change_class"] == 4
    # The recomputed change agrees with the file's own columns.
    own = census[census["level"].isin(["2", "3"])].set_index("code5")
    merged = peers.set_index("code5").join(own[["change", "change_pct"]].add_suffix("_file"))
    assert (merged["change"] == merged["change_file"]).all()
    assert (merged["change_pct"] - merged["change_pct_file"]).abs().max() < 1e-6
    assert peers["rank"].is_monotonic_increasing and peers.iloc[0]["rank"] == 1
