"""Staff-survey charts, tested through their Vega-Lite specs."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from dashboard.charts import survey as charts
from dashboard.charts.theme import BLUE, ORANGE, SKY_BLUE, VERMILLION
from dashboard.metrics import survey as metrics


def _likert_frame() -> pd.DataFrame:
    """Two rows laid out by the metrics layer, as the view passes them to the chart."""
    scale = [
        ("sa", 2, "とてもそう思う"),
        ("a", 1, "ややそう思う"),
        ("n", 0, "どちらともいえない"),
        ("d", -1, "あまりそう思わない"),
        ("sd", -2, "そう思わない"),
    ]
    rows = []
    for question, counts in (("q1", [15, 25, 30, 20, 10]), ("q2", [40, 30, 10, 10, 10])):
        for order, ((option, score, label), count) in enumerate(zip(scale, counts, strict=True), start=1):
            rows.append(
                {
                    "wave": "2026-03",
                    "survey_date": "2026-03",
                    "question_id": question,
                    "question_ja": question,
                    "question_en": None,
                    "option_id": option,
                    "option_order": order,
                    "option_ja": label,
                    "option_en": None,
                    "likert_score": float(score),
                    "group_dim": "all",
                    "group_value": "all",
                    "count": float(count),
                    "share_pct": math.nan,
                    "respondents": 100.0,
                    "source_id": "t",
                    "section": None,
                    "page": math.nan,
                }
            )
    seg = metrics.diverging_segments(metrics.distribution(pd.DataFrame(rows)))
    return pd.DataFrame(
        {
            "row": seg["question_id"],
            "legend": seg["option_ja"],
            "option": seg["option_ja"],
            "score": seg["likert_score"],
            "share": seg["share"],
            "start": seg["start"],
            "end": seg["end"],
        }
    )


def _layers(spec: dict) -> list[dict]:
    return spec["layer"]


def _data(spec: dict, layer: dict) -> list[dict]:
    name = layer.get("data", spec.get("data"))["name"]
    return spec["datasets"][name]


def test_likert_spec_diverges_around_zero_with_the_scale_in_order() -> None:
    spec = charts.likert_bars(_likert_frame(), "← 反対 | 賛成 →").to_dict()
    bars = next(layer for layer in _layers(spec) if layer["mark"]["type"] == "bar")
    enc = bars["encoding"]
    assert enc["x"]["field"] == "start" and enc["x2"]["field"] == "end"
    domain = enc["x"]["scale"]["domain"]
    assert domain[0] == -domain[1] and domain[1] <= 100  # symmetric: 0 is the centre of opinion
    assert "abs(datum.value)" in enc["x"]["axis"]["labelExpr"]  # both sides read as positive percentages
    colour = enc["color"]["scale"]
    assert colour["domain"] == [
        "そう思わない",
        "あまりそう思わない",
        "どちらともいえない",
        "ややそう思う",
        "とてもそう思う",
    ]
    assert colour["range"] == [VERMILLION, ORANGE, charts.NEUTRAL_COLOUR, SKY_BLUE, BLUE]
    rows = [r for r in _data(spec, bars) if r["row"] == "q1"]
    neutral = next(r for r in rows if r["score"] == 0)
    assert neutral["start"] == pytest.approx(-15) and neutral["end"] == pytest.approx(15)
    assert min(r["start"] for r in rows) == pytest.approx(-45) and max(r["end"] for r in rows) == pytest.approx(55)
    rule = next(layer for layer in _layers(spec) if layer["mark"]["type"] == "rule")
    assert _data(spec, rule) == [{"x": 0}]
    assert spec["height"] == {"step": charts.BAR_HEIGHT + charts.LINE_HEIGHT + 14}


def test_likert_rows_are_labelled_above_the_bars_not_on_a_narrow_axis() -> None:
    df = _likert_frame().assign(
        row=lambda d: d["row"].map({"q1": "構造改革が着実に\n進んでいると感じる", "q2": "短い"})
    )
    spec = charts.likert_bars(df, "x").to_dict()
    bars = next(layer for layer in _layers(spec) if layer["mark"]["type"] == "bar")
    assert bars["encoding"]["y"]["axis"] is None
    nested = [inner for layer in _layers(spec) for inner in layer.get("layer", [])]
    labels = {r["row"]: inner["mark"]["dy"] for inner in nested for r in _data(spec, inner)}
    assert set(labels) == {"構造改革が着実に\n進んでいると感じる", "短い"}
    assert spec["height"] == {"step": charts.BAR_HEIGHT + 2 * charts.LINE_HEIGHT + 14}
    assert bars["mark"]["yOffset"] > 0  # the bar sits below its two-line label
    # Each label block ends just above its bar: a two-line label starts one line higher.
    assert labels["短い"] - labels["構造改革が着実に\n進んでいると感じる"] == charts.LINE_HEIGHT
    bar_top = bars["mark"]["yOffset"] - charts.BAR_HEIGHT / 2
    assert labels["短い"] + charts.LINE_HEIGHT + 4 == pytest.approx(bar_top)


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ([-2, -1, 0, 1, 2], [VERMILLION, ORANGE, charts.NEUTRAL_COLOUR, SKY_BLUE, BLUE]),
        ([-2, -1, 1, 2], [VERMILLION, ORANGE, SKY_BLUE, BLUE]),
        ([-3, -2, -1, 0, 1, 2, 3], [VERMILLION, ORANGE, "#F5D08C", charts.NEUTRAL_COLOUR, "#A6D5F2", SKY_BLUE, BLUE]),
    ],
)
def test_strongest_answer_takes_the_darkest_colour_on_any_scale(scores: list[int], expected: list[str]) -> None:
    assert charts.score_colours(scores) == expected


def test_proportion_bars_show_the_unknown_rest_in_grey() -> None:
    df = pd.DataFrame(
        {
            "row": ["q1", "q1", "q2", "q2"],
            "part": [
                "そう感じる（公表値）",
                "それ以外（内訳は非公表）",
                "そう思う（公表値）",
                "それ以外（内訳は非公表）",
            ],
            "share": [54.0, 46.0, 78.0, 22.0],
            "order": [0, 1, 2, 3],
            "kind": ["option", "rest", "option", "rest"],
            "rank": [0, 0, 0, 0],
        }
    )
    spec = charts.proportion_bars(df, "％").to_dict()
    bars = next(layer for layer in _layers(spec) if layer["mark"]["type"] == "bar")
    colour = bars["encoding"]["color"]["scale"]
    assert dict(zip(colour["domain"], colour["range"], strict=True)) == {
        "そう感じる（公表値）": BLUE,
        "そう思う（公表値）": BLUE,
        "それ以外（内訳は非公表）": charts.REST_COLOUR,
    }
    assert bars["encoding"]["x"]["scale"]["domain"] == [0, 100]
    data = {(r["row"], r["kind"]): (r["start"], r["end"]) for r in _data(spec, bars)}
    assert data[("q1", "option")] == (0, 54) and data[("q1", "rest")] == (54, 100)
    assert data[("q2", "rest")] == (78, 100)


def test_trend_draws_intervals_only_where_known() -> None:
    df = pd.DataFrame(
        {
            "wave": ["2026-03", "2027-03"],
            "wave_label": ["2026年3月", "2027年3月"],
            "question": ["q", "q"],
            "share": [40.0, 50.0],
            "ci_low": [35.0, math.nan],
            "ci_high": [45.0, math.nan],
        }
    )
    spec = charts.trend_chart(df, "調査回", "％").to_dict()
    rule = next(layer for layer in _layers(spec) if layer["mark"]["type"] == "rule")
    assert rule["encoding"]["y"]["field"] == "ci_low" and rule["encoding"]["y2"]["field"] == "ci_high"
    assert any("isValid(datum.ci_low)" in str(t.get("filter")) for t in rule["transform"])
    line = next(layer for layer in _layers(spec) if layer["mark"]["type"] == "line")
    assert line["encoding"]["x"]["sort"] == ["2026年3月", "2027年3月"]


def test_no_remote_urls_in_any_survey_spec() -> None:
    specs = [charts.likert_bars(_likert_frame(), "x").to_dict()]
    text = json.dumps([{k: v for k, v in spec.items() if k != "$schema"} for spec in specs])
    assert "http://" not in text and "https://" not in text


def test_wrap_label_breaks_long_labels() -> None:
    assert charts.wrap_label("構造改革が着実に進んでいると感じる", 10) == "構造改革が着実に進ん\nでいると感じる"
    assert charts.wrap_label("I feel the structural reform is progressing steadily", 12) == (
        "I feel the structural\nreform is progressing\nsteadily"
    )
    assert charts.wrap_label("短い") == "短い"
