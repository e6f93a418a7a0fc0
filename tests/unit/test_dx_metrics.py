"""DX KPI figures (metrics.dx) and charts (charts.dx): derived figures, directions, R5 gap, My Number card maths."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.charts import dx as charts
from dashboard.charts.theme import BAD, GOOD, IWAKI, NEUTRAL
from dashboard.data import load_dataset
from dashboard.metrics import dx as m


@pytest.fixture(scope="module")
def kpis() -> pd.DataFrame:
    return load_dataset("dx_kpis")


@pytest.fixture(scope="module")
def cards() -> pd.DataFrame:
    return m.kpi_cards(load_dataset("dx_kpis"), load_dataset("kpi_definitions"), load_dataset("facility_counts"))


# --------------------------------------------------------------------------- derived figures


def test_implied_online_applications_before_the_reform() -> None:
    assert m.implied_before(60_000, 3) == pytest.approx(20_000)
    with pytest.raises(ValueError):
        m.implied_before(60_000, 0)


def test_hours_saved_as_a_share_matches_the_printed_rate() -> None:
    share = m.share_pct(23.5, 522.0)
    assert share == pytest.approx(4.5019, abs=1e-4)
    assert round(share, 1) == 4.5  # the report prints ▲4.5 %


def test_copy_reduction_in_sheets_a_month() -> None:
    assert m.copy_reduction_sheets(0.80, 3_000_000) == pytest.approx(600_000)
    assert m.copy_reduction_sheets(1.0, 3_000_000) == 0


def test_copy_trend_implies_sheets_from_the_2021_base(kpis: pd.DataFrame) -> None:
    base = m.base_value(kpis, "copy_output_sheets_base")
    trend = m.copy_trend(m.kpi_series(kpis, "copy_output_index"), base)
    assert base == 3_000_000
    assert trend["year"].tolist() == [2021, 2022, 2023, 2024]
    assert trend["value"].tolist() == [1.00, 0.94, 0.84, 0.80]
    assert trend["implied_sheets_per_month"].tolist() == [3_000_000, 2_820_000, 2_520_000, 2_400_000]


# --------------------------------------------------------------------------- cards and directions


@pytest.mark.parametrize(
    ("change", "direction", "tone"),
    [
        (-23.5, "lower_better", "good"),
        (5, "lower_better", "bad"),
        (2, "higher_better", "good"),
        (-1, "higher_better", "bad"),
        (0, "higher_better", "neutral"),
        (None, "lower_better", "neutral"),
        (float("nan"), "higher_better", "neutral"),
        (3, "neutral", "neutral"),
    ],
)
def test_direction_tone(change: float | None, direction: str, tone: str) -> None:
    assert m.direction_tone(change, direction) == tone


def test_every_defined_kpi_has_a_card(cards: pd.DataFrame) -> None:
    definitions = load_dataset("kpi_definitions")
    assert set(cards["kpi_id"]) == set(definitions["kpi_id"])
    assert cards["order"].is_monotonic_increasing


def test_changes_and_tones_of_the_report_kpis(cards: pd.DataFrame) -> None:
    c = cards.set_index("kpi_id")
    # Series: latest against the first year.
    assert c.loc["copy_output_index", "change"] == pytest.approx(-0.20)
    assert c.loc["copy_output_index", "baseline_year"] == 2021
    assert c.loc["working_hours", "value"] == 498.5
    assert c.loc["working_hours", "change"] == pytest.approx(-23.5)  # 498.5 − 522.0, equals the printed ▲23.5
    assert c.loc["working_hours", "baseline_value"] == 522.0
    assert c.loc["facility_count", "value"] == 1281 and c.loc["facility_count", "change"] == -35
    # Printed changes over R4→R6 and multiples.
    assert c.loc["working_hours_reduction", "change_kind"] == "span"
    assert c.loc["working_hours_reduction", "baseline_year"] == 2022
    assert c.loc["online_growth_vs_before", "change_kind"] == "ratio"
    # Fewer copies and hours are good; more LINE registrations and online applications are good.
    for kpi in (
        "copy_output_index",
        "working_hours",
        "working_hours_reduction",
        "working_hours_reduction_rate",
        "facility_count",
        "line_registration_growth",
        "online_growth_vs_before",
    ):
        assert c.loc[kpi, "tone"] == "good", kpi
    # Single snapshots without a baseline carry no change and no colour.
    for kpi in ("logo_chat_messages", "line_friends", "cashless_usage_rate", "copy_output_sheets_base"):
        assert c.loc[kpi, "change_kind"] == "none" and c.loc[kpi, "tone"] == "neutral", kpi


def test_a_kpi_moving_the_wrong_way_is_bad(kpis: pd.DataFrame) -> None:
    worse = kpis.copy()
    worse.loc[(worse["kpi_id"] == "copy_output_index") & (worse["year"] == 2024), "value"] = 1.2
    cards = m.kpi_cards(worse, load_dataset("kpi_definitions")).set_index("kpi_id")
    assert cards.loc["copy_output_index", "tone"] == "bad"
    assert cards.loc["copy_output_index", "change"] == pytest.approx(0.2)


def test_pillar_from_the_url_by_id_or_name() -> None:
    pillars = load_dataset("pillars")
    assert m.match_pillar("citizen_dx", pillars) == "citizen_dx"
    assert m.match_pillar("しごと効率化", pillars) == "work_efficiency"
    assert m.match_pillar("Infrastructure optimization", pillars) == "infrastructure"
    assert m.match_pillar("nonsense", pillars) is None
    assert m.match_pillar(None, pillars) is None


# --------------------------------------------------------------------------- the R5 gap


def test_r5_is_absent_from_the_hours_series(kpis: pd.DataFrame) -> None:
    series = m.kpi_series(kpis, "working_hours")
    assert series["year"].tolist() == [2022, 2024]
    assert series["value"].tolist() == [522.0, 498.5]
    years = m.fiscal_years_between(2022, 2024)
    assert years == [2022, 2023, 2024]
    assert m.unpublished_years(series, years) == [2023]


def _datasets(spec: dict) -> list[list[dict]]:
    return list(spec.get("datasets", {}).values())


def test_hours_chart_marks_r5_without_a_value() -> None:
    series = pd.DataFrame(
        {
            "fy_label": ["R4", "R6"],
            "value": [522.0, 498.5],
            "value_label": ["522.0", "498.5"],
            "tone_label": ["base", "improved"],
        }
    )
    gaps = pd.DataFrame({"fy_label": ["R5"], "note": ["not published"]})
    spec = charts.working_hours_chart(
        series, ["R4", "R5", "R6"], gaps, "FY", "10k h", {"neutral": "base", "good": "improved"}, "vs R4"
    ).to_dict()
    bars, _labels, marker = spec["layer"]
    assert bars["mark"]["type"] == "bar" and marker["mark"]["type"] == "text"
    assert bars["encoding"]["x"]["scale"]["domain"] == ["R4", "R5", "R6"]
    # No dataset gives R5 a value (no zero, nothing interpolated): only the marker names it.
    for rows in _datasets(spec):
        for row in rows:
            if row.get("fy_label") == "R5":
                assert "value" not in row
    assert "value" not in marker["encoding"]["y"].get("field", "")
    assert bars["encoding"]["color"]["scale"]["range"] == [NEUTRAL, GOOD]
    assert not any(layer["mark"]["type"] == "line" for layer in spec["layer"])


def test_copy_chart_colours_follow_the_direction() -> None:
    df = pd.DataFrame({"year": [2021, 2022], "value": [1.0, 1.1], "tone_label": ["base", "worse"]})
    spec = charts.copy_index_chart(df, "year", "index", {"neutral": "base", "bad": "worse"}, "vs 2021").to_dict()
    assert spec["layer"][0]["encoding"]["color"]["scale"] == {"domain": ["base", "worse"], "range": [NEUTRAL, BAD]}


# --------------------------------------------------------------------------- My Number card


def _cards_frame(rows: list[tuple[str, str, str, str | None, int, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        rows, columns=["snapshot", "prefecture", "municipality", "code6", "population", "cards"]
    ).assign(snapshot=lambda d: pd.to_datetime(d["snapshot"]))


@pytest.fixture()
def small() -> pd.DataFrame:
    return m.with_identity(
        _cards_frame(
            [
                ("2021-01-01", "福島県", "いわき市", "072044", 300, 30),
                ("2021-01-01", "福島県", "郡山市", "072036", 100, 40),
                ("2021-01-01", "東京都", "三宅島三宅村", "133817", 10, 5),
                ("2021-01-01", "東京都", "港区", "131032", 600, 300),
                ("2022-01-01", "福島県", "いわき市", "072044", 300, 90),
                ("2022-01-01", "福島県", "郡山市", "072036", 100, 50),
                ("2022-01-01", "東京都", "三宅村", None, 10, 6),
                ("2022-01-01", "東京都", "港区", "131032", 600, 420),
            ]
        )
    )


def test_weighted_rate_is_sum_of_cards_over_sum_of_population(small: pd.DataFrame) -> None:
    rates = m.weighted_rate(small).set_index("snapshot")["rate_pct"]
    assert rates.iloc[0] == pytest.approx((30 + 40 + 5 + 300) / (300 + 100 + 10 + 600) * 100)
    # Not the mean of municipal rates (that would be (10 + 40 + 50 + 50) / 4 = 37.5).
    assert rates.iloc[0] != pytest.approx(37.5)


def test_percentile_is_share_at_or_below(small: pd.DataFrame) -> None:
    ranked = m.percentile_ranks(small)
    first = ranked[ranked["snapshot"] == ranked["snapshot"].min()].set_index("municipality")["percentile"]
    # rates: いわき 10, 郡山 40, 三宅 50, 港 50 → いわき is the lowest of four.
    assert first["いわき市"] == pytest.approx(25.0)
    assert first["港区"] == pytest.approx(100.0)


def test_identity_joins_a_shortened_name_without_code(small: pd.DataFrame) -> None:
    miyake = small[small["prefecture"] == "東京都"].groupby("muni_id")["snapshot"].count()
    assert miyake.to_dict() == {"131032": 2, "133817": 2}
    assert set(small.loc[small["muni_id"] == "133817", "label"]) == {"東京都 三宅村"}  # the latest name
    assert m.municipality_options(small) == ["福島県 郡山市", "東京都 港区", "東京都 三宅村"]


def test_uptake_series_has_iwaki_aggregates_and_chosen_peers(small: pd.DataFrame) -> None:
    series = m.uptake_series(small, ["東京都 港区", "福島県 いわき市", "nobody"])
    kinds = series.groupby("series_kind")["snapshot"].count().to_dict()
    assert kinds == {"iwaki": 2, "prefecture": 2, "national": 2, "peer": 2}  # Iwaki is never its own peer
    pref = series[series["series_kind"] == "prefecture"].set_index("snapshot")["rate_pct"]
    assert pref.iloc[1] == pytest.approx((90 + 50) / 400 * 100)
    iwaki = series[series["series_kind"] == "iwaki"]
    assert iwaki["rate_pct"].tolist() == pytest.approx([10.0, 30.0])
    assert not math.isnan(iwaki["percentile"].iloc[0])
    more = m.uptake_series(small, ["東京都 港区", "福島県 郡山市"])
    assert len(more) == len(series) + 2


def test_uptake_chart_highlights_iwaki() -> None:
    domain, colours = charts.series_colours(
        ["いわき", "県", "国", "A", "B"], ["iwaki", "prefecture", "national", "peer", "peer"]
    )
    assert colours[0] == IWAKI and len(set(colours)) == 5
    df = pd.DataFrame(
        {
            "snapshot": pd.to_datetime(["2021-01-01"] * 2),
            "series_label": ["いわき", "県"],
            "series_kind": ["iwaki", "prefecture"],
            "rate_pct": [10.0, 20.0],
        }
    )
    spec = charts.uptake_chart(df, "rate_pct", "date", "%", "area", domain[:2], colours[:2], y_max=70).to_dict()
    assert spec["layer"][0]["encoding"]["color"]["scale"]["range"] == colours[:2]
    assert spec["layer"][0]["encoding"]["y"]["scale"]["domain"] == [0, 70]
