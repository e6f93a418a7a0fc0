"""Staff-survey metrics: Wilson interval, one code path for shares and counts, suppression, Likert layout, rules."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data import load_dataset, store
from dashboard.metrics import survey as s

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SCALE5 = [("sa", 2), ("a", 1), ("n", 0), ("d", -1), ("sd", -2)]


def _rows(
    counts: dict[str, int] | None = None,
    *,
    wave: str = "2026-03",
    question: str = "q1",
    dim: str = "all",
    value: str = "all",
    respondents: int | None = None,
    shares: dict[str, float] | None = None,
    scale: list[tuple[str, int | None]] = SCALE5,
) -> list[dict]:
    """Rows of one cell in the staff_survey format."""
    out = []
    for order, (option, score) in enumerate(scale, start=1):
        if counts is not None and option not in counts:
            continue
        if shares is not None and option not in shares:
            continue
        out.append(
            {
                "wave": wave,
                "survey_date": wave,
                "question_id": question,
                "question_ja": "設問",
                "question_en": None,
                "option_id": option,
                "option_order": order,
                "option_ja": option,
                "option_en": option,
                "likert_score": math.nan if score is None else float(score),
                "group_dim": dim,
                "group_value": value,
                "count": float(counts[option]) if counts else math.nan,
                "share_pct": float(shares[option]) if shares else math.nan,
                "respondents": math.nan if respondents is None else float(respondents),
                "source_id": "test",
                "section": None,
                "page": math.nan,
            }
        )
    return out


def _frame(*cells: list[dict]) -> pd.DataFrame:
    return pd.DataFrame([row for cell in cells for row in cell])


# Wilson score interval -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "n", "low", "high"),
    [
        # 54 of 100 (worked by hand; statsmodels' proportion_confint(54, 100, method="wilson") agrees).
        (54, 100, 0.44265, 0.63439),
        # x = 0 has the closed form [0, z²/(n + z²)].
        (0, 10, 0.0, 0.27753),
        (10, 10, 0.72247, 1.0),
    ],
)
def test_wilson_interval_matches_known_values(x: int, n: int, low: float, high: float) -> None:
    lo, hi = s.wilson_interval(x, n)
    assert lo == pytest.approx(low, abs=5e-5) and hi == pytest.approx(high, abs=5e-5)


@pytest.mark.parametrize(("x", "n"), [(5, 10), (81, 263), (3, 7), (540, 1000)])
def test_wilson_interval_solves_the_score_equation(x: int, n: int) -> None:
    # Independent derivation: the bounds are the roots p of (x/n − p)² = z²·p(1 − p)/n.
    import numpy as np

    phat, z2 = x / n, s.Z95**2
    roots = sorted(np.roots([1 + z2 / n, -(2 * phat + z2 / n), phat**2]).real)
    assert s.wilson_interval(x, n) == pytest.approx(tuple(roots), abs=1e-12)


def test_wilson_interval_rejects_impossible_input() -> None:
    with pytest.raises(ValueError):
        s.wilson_interval(1, 0)
    with pytest.raises(ValueError):
        s.wilson_interval(11, 10)


def test_wilson_narrows_as_n_grows() -> None:
    widths = [hi - lo for lo, hi in (s.wilson_interval(0.54 * n, n) for n in (50, 100, 1000))]
    assert widths[0] > widths[1] > widths[2]


# One code path: published shares and counts ----------------------------------------------------


def test_published_shares_get_an_explicit_unknown_rest_and_no_interval() -> None:
    dist = s.distribution(load_dataset("staff_survey"))
    by_q = {q: g.set_index("kind") for q, g in dist.groupby("question_id")}
    assert by_q["reform_progress"].loc["option", "share"] == 54
    assert by_q["reform_progress"].loc["rest", "share"] == 46
    assert by_q["reform_continue"].loc["rest", "share"] == 22
    assert set(dist["basis"]) == {"shares"}
    assert dist["n"].isna().all() and dist["ci_low"].isna().all() and dist["ci_high"].isna().all()


def test_the_same_share_from_counts_or_from_a_published_share_gives_the_same_headline() -> None:
    published = _rows(shares={"a": 54}, scale=[("a", None)])
    counted = _rows({"a": 54, "d": 46}, scale=[("a", None), ("d", None)], question="q2")
    heads = s.headline(s.distribution(_frame(published, counted))).set_index("question_id")
    assert heads.loc["q1", "share"] == heads.loc["q2", "share"] == 54
    assert math.isnan(heads.loc["q1", "ci_low"])  # no respondent count, no margin of error
    assert heads.loc["q2", "ci_low"] == pytest.approx(44.265, abs=0.01)
    assert heads.loc["q2", "ci_high"] == pytest.approx(63.439, abs=0.01)


def test_published_share_with_a_respondent_count_gets_an_interval() -> None:
    rows = _rows(shares={"a": 54}, scale=[("a", None)], respondents=100)
    head = s.headline(s.distribution(_frame(rows))).iloc[0]
    assert (round(head["ci_low"], 2), round(head["ci_high"], 2)) == (44.26, 63.44)


def test_counts_become_shares_of_respondents_and_non_response_is_the_rest() -> None:
    rows = _rows({"sa": 20, "a": 30, "n": 20, "d": 15, "sd": 5}, respondents=100)
    dist = s.distribution(_frame(rows)).set_index("option_id")
    assert dist.loc["a", "share"] == 30 and dist.loc["rest", "share"] == 10 and dist.loc["rest", "count"] == 10
    assert (dist["basis"] == "counts").all() and (dist["n"] == 100).all()
    head = s.headline(s.distribution(_frame(rows))).iloc[0]
    assert head["measure"] == "favourable" and head["share"] == 50


def test_respondents_default_to_the_sum_of_counts() -> None:
    dist = s.distribution(_frame(_rows({"sa": 3, "a": 5, "n": 2, "d": 0, "sd": 0})))
    assert set(dist["n"]) == {10} and "rest" not in set(dist["kind"])


# Suppression of small groups -------------------------------------------------------------------


def _groups(sizes: dict[str, int | None], dim: str = "department") -> pd.DataFrame:
    cells = [_rows({"sa": 5, "a": 5, "n": 5, "d": 5, "sd": 5}, respondents=500)]
    for name, n in sizes.items():
        if n is None:
            cells.append(_rows(shares={"sa": 20, "a": 20, "n": 20, "d": 20, "sd": 20}, dim=dim, value=name))
        else:
            counts = {"sa": n - n // 2, "a": n // 2, "n": 0, "d": 0, "sd": 0}
            cells.append(_rows(counts, dim=dim, value=name))
    return s.distribution(_frame(*cells))


def test_groups_under_ten_are_hidden_and_ten_is_shown() -> None:
    visible, hidden = s.suppress(_groups({"A": 10, "B": 9, "C": 8, "D": 200}))
    assert set(hidden["group_value"]) == {"B", "C"}
    assert set(hidden["reason"]) == {"small"}
    assert set(visible["group_value"]) == {"all", "A", "D"}


def test_a_single_hidden_group_takes_the_next_smallest_with_it() -> None:
    visible, hidden = s.suppress(_groups({"A": 120, "B": 30, "C": 45, "E": 7}))
    reasons = dict(zip(hidden["group_value"], hidden["reason"], strict=True))
    assert reasons == {"E": "small", "B": "secondary"}
    assert set(visible["group_value"]) == {"all", "A", "C"}


def test_group_of_unknown_size_is_hidden_but_the_published_total_is_not() -> None:
    dist = s.distribution(
        _frame(
            _rows(shares={"a": 54}, scale=[("a", None)]),
            _rows(shares={"a": 60}, scale=[("a", None)], dim="department", value="X"),
            _rows(shares={"a": 50}, scale=[("a", None)], dim="department", value="Y", respondents=40),
        )
    )
    visible, hidden = s.suppress(dist)
    assert dict(zip(hidden["group_value"], hidden["reason"], strict=True)) == {"X": "unknown_size", "Y": "secondary"}
    assert set(visible["group_value"]) == {"all"}


def test_nothing_is_hidden_when_every_group_is_large_enough() -> None:
    visible, hidden = s.suppress(_groups({"A": 40, "B": 10}))
    assert hidden.empty and set(visible["group_value"]) == {"all", "A", "B"}


def test_threshold_is_ten() -> None:
    assert s.MIN_GROUP_SIZE == 10


# Diverging layout ------------------------------------------------------------------------------


def test_neutral_is_split_around_zero_and_sides_stack_outwards() -> None:
    rows = _rows({"sa": 15, "a": 25, "n": 30, "d": 20, "sd": 10})
    seg = s.diverging_segments(s.distribution(_frame(rows))).set_index("option_id")
    assert (seg.loc["n", "start"], seg.loc["n", "end"]) == (-15, 15)
    assert (seg.loc["sd", "start"], seg.loc["sd", "end"]) == (-45, -35)
    assert (seg.loc["d", "start"], seg.loc["d", "end"]) == (-35, -15)
    assert (seg.loc["a", "start"], seg.loc["a", "end"]) == (15, 40)
    assert (seg.loc["sa", "start"], seg.loc["sa", "end"]) == (40, 55)


def test_four_point_scale_meets_at_zero_and_unscored_answers_are_set_aside() -> None:
    scale = [("sa", 2), ("a", 1), ("d", -1), ("sd", -2), ("na", None)]
    rows = _rows({"sa": 10, "a": 40, "d": 30, "sd": 15, "na": 5}, scale=scale)
    dist = s.distribution(_frame(rows))
    seg = s.diverging_segments(dist).set_index("option_id")
    assert seg.loc["d", "end"] == 0 and seg.loc["a", "start"] == 0 and "na" not in seg.index
    assert list(s.non_substantive(dist)["option_id"]) == ["na"]


def test_published_shares_have_no_diverging_layout() -> None:
    assert s.diverging_segments(s.distribution(load_dataset("staff_survey"))).empty


# Trend, unknowns, format rules -----------------------------------------------------------------


def test_trend_joins_scored_waves_and_names_the_published_wave_left_out() -> None:
    rows = _frame(
        _rows(shares={"a": 54}, scale=[("a", None)], wave="2025-03"),
        _rows({"sa": 10, "a": 30, "n": 30, "d": 20, "sd": 10}, wave="2026-03"),
        _rows({"sa": 20, "a": 30, "n": 30, "d": 10, "sd": 10}, wave="2027-03"),
    )
    heads, left_out = s.trend(s.distribution(rows))
    assert list(heads["wave"]) == ["2026-03", "2027-03"] and list(heads["share"]) == [40, 50]
    assert left_out == ["2025-03"]


def test_unknowns_of_the_published_and_of_a_full_wave() -> None:
    published = s.unknowns(s.distribution(load_dataset("staff_survey")), "2025-03")
    assert published == s.Unknowns(respondents=True, scale=True, breakdown=True, groups=True)
    full = _frame(
        _rows({"sa": 10, "a": 30, "n": 30, "d": 20, "sd": 10}),
        _rows({"sa": 5, "a": 5, "n": 5, "d": 5, "sd": 5}, dim="department", value="A"),
    )
    assert s.unknowns(s.distribution(full), "2026-03") == s.Unknowns(False, False, False, False)


@pytest.mark.parametrize(
    ("mutate", "code"),
    [
        (lambda df: df.assign(count=[1.0, math.nan, 1.0, 1.0, 1.0]), "mixed_basis"),
        (lambda df: df.assign(respondents=3.0), "counts_exceed_respondents"),
        (lambda df: df.assign(respondents=[50.0, 50.0, 50.0, 50.0, 60.0]), "respondents_differ"),
        (lambda df: df.assign(likert_score=[2.0, 2.0, 0.0, -1.0, -2.0]), "duplicate_score"),
        (lambda df: df.assign(share_pct=[90.0, math.nan, math.nan, math.nan, math.nan]), "share_disagrees_with_count"),
        (lambda df: df.assign(count=math.nan, share_pct=[50.0, 30.0, 20.0, 10.0, 0.0]), "shares_exceed_100"),
        (lambda df: df.assign(count=[1.0, 1.0, 1.0, 1.0, math.nan], share_pct=math.nan), "mixed_basis"),
    ],
)
def test_format_problems_are_found(mutate, code: str) -> None:
    from dashboard.data.rules import survey_problems

    good = _frame(_rows({"sa": 1, "a": 1, "n": 1, "d": 1, "sd": 1}, respondents=50))
    assert survey_problems(good) == []
    assert f"survey_{code}" in {p.code for p in survey_problems(mutate(good))}


def test_an_option_keeps_its_score_across_groups() -> None:
    scale_b = [("sa", 2), ("a", 1), ("n", 0), ("d", -2), ("sd", -3)]
    df = _frame(
        _rows({"sa": 1, "a": 1, "n": 1, "d": 1, "sd": 1}),
        _rows({"sa": 1, "a": 1, "n": 1, "d": 1, "sd": 1}, dim="department", value="A", scale=scale_b),
    )
    from dashboard.data.rules import survey_problems

    assert {p.code for p in survey_problems(df)} == {"survey_score_differs"}


def test_a_row_without_count_or_share_is_a_problem() -> None:
    df = _frame(_rows(shares={"a": 54}, scale=[("a", None)])).assign(share_pct=math.nan)
    from dashboard.data.rules import survey_problems

    assert next(p.code for p in survey_problems(df)) == "survey_no_value"


# The synthetic fixture -------------------------------------------------------------------------


def _fixture() -> pd.DataFrame:
    table, _ = store.csv_to_table("staff_survey", FIXTURES / "staff_survey_synthetic.csv")
    return table.to_pandas()


def test_fixture_is_reproducible_synthetic_and_valid() -> None:
    from fixtures.make_synthetic_survey import SOURCE, build

    committed = pd.read_csv(FIXTURES / "staff_survey_synthetic.csv", dtype=str, keep_default_na=False)
    assert committed.equals(build())
    df = _fixture()
    published = df[df["source_id"] == "iwaki_reform_report_vol5"]
    assert len(published) == 2 and set(published["share_pct"]) == {54, 78}
    assert set(df["source_id"]) == {"iwaki_reform_report_vol5", SOURCE}
    from dashboard.data.rules import survey_problems

    assert survey_problems(df) == []


def test_fixture_groups_add_up_to_the_total_and_one_department_is_suppressed() -> None:
    df = _fixture()
    full = df[df["source_id"] != "iwaki_reform_report_vol5"]
    for _, block in full.groupby(["wave", "question_id", "option_id"]):
        total = block.loc[block["group_dim"] == "all", "count"].iloc[0]
        for dim in ("department", "age_band", "position"):
            assert block.loc[block["group_dim"] == dim, "count"].sum() == total
    _, hidden = s.suppress(s.distribution(df))
    assert set(hidden["group_value"]) == {"部署E", "部署D"}
