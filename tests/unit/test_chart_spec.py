"""How charts and maps go to the browser: validated Vega-Lite dicts, compact deck JSON, rounded boundaries, caching."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd
import pydeck as pdk
import pytest

from dashboard.charts.spec import CompactDeck, vega_spec
from dashboard.charts.theme import themed
from dashboard.metrics import geo
from dashboard.views import cache


def _bar(df: pd.DataFrame, title: str) -> alt.Chart:
    return themed(alt.Chart(df).mark_bar().encode(x=alt.X("v:Q", title=title), y="k:N"))


def test_vega_spec_is_the_validated_spec_without_altairs_default_view_size() -> None:
    df = pd.DataFrame({"k": ["a", "b"], "v": [1, 2]})
    spec = vega_spec(_bar(df, "値"))
    # Altair's default theme would add a 300 × 300 view; Streamlit's Altair path leaves it out as well.
    assert spec["config"]["view"] == {"strokeWidth": 0}
    assert alt.theme.active == "default"  # the theme is only switched off during the conversion
    assert spec["encoding"]["x"]["title"] == "値"
    assert list(spec["datasets"].values()) == [[{"k": "a", "v": 1}, {"k": "b", "v": 2}]]


def test_vega_spec_refuses_more_than_5000_rows() -> None:
    df = pd.DataFrame({"k": [str(i) for i in range(5001)], "v": range(5001)})
    with pytest.raises(alt.MaxRowsError):
        vega_spec(_bar(df, "x"))


def test_vega_spec_validates() -> None:
    chart = alt.Chart(pd.DataFrame({"v": [1]})).mark_bar().encode(x="v:Q")
    chart.width = "no such width"  # attribute assignment is not checked; serialising must be
    with pytest.raises(alt.utils.schemapi.SchemaValidationError):
        vega_spec(chart)


def test_compact_deck_is_the_same_json_without_indentation() -> None:
    layer = pdk.Layer(
        "ScatterplotLayer", data=[{"position": [140.9, 37.05], "name": "いわき市役所"}], get_position="position"
    )
    kwargs = {
        "layers": [layer],
        "initial_view_state": pdk.ViewState(longitude=140.9, latitude=37.05, zoom=9),
        "map_provider": None,
        "tooltip": {"text": "{name}"},
    }
    compact, pretty = CompactDeck(**kwargs).to_json(), pdk.Deck(**kwargs).to_json()
    assert "\n" not in compact and "\n" in pretty
    assert json.loads(compact) == json.loads(pretty)
    assert "いわき市役所" in compact  # as UTF-8 text, not 6-byte \u escapes
    assert len(compact) < len(pretty) * 0.7


def test_rounded_geojson_rounds_every_coordinate_and_leaves_the_input_alone() -> None:
    source = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name": "いわき市", "code": 7204},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [
                        [
                            [140.123456789, 37.987654321],
                            [141.0000049, 37.1],
                            [140.5, 36.9],
                            [140.123456789, 37.987654321],
                        ]
                    ],
                },
            },
            {
                "type": "Feature",
                "properties": {},
                "geometry": {
                    "type": "GeometryCollection",
                    "geometries": [{"type": "Point", "coordinates": [140.999999999, 37.000000001]}],
                },
            },
        ],
    }
    before = json.dumps(source)
    rounded = geo.rounded_geojson(source, 5)
    assert json.dumps(source) == before
    first = rounded["features"][0]
    assert first["properties"] == {"name": "いわき市", "code": 7204}
    assert first["geometry"]["coordinates"][0][:2] == [[140.12346, 37.98765], [141.0, 37.1]]
    assert rounded["features"][1]["geometry"]["geometries"][0]["coordinates"] == [141.0, 37.0]
    assert geo.geojson_bbox(rounded) == (140.12346, 36.9, 141.0, 37.98765)


calls: list[int] = []


def _count_rows(df: pd.DataFrame, extra: int = 0) -> pd.DataFrame:
    calls.append(len(df))
    return df.assign(n=len(df) + extra)


def test_derived_computes_once_per_distinct_input_and_returns_copies() -> None:
    calls.clear()
    df = pd.DataFrame({"a": [1, 2, 3]})
    first = cache.derived(_count_rows, df)
    first.loc[0, "n"] = -1  # callers may modify what they get
    again = cache.derived(_count_rows, df.copy())
    assert calls == [3] and list(again["n"]) == [3, 3, 3]
    changed = cache.derived(_count_rows, df.assign(a=[1, 2, 4]))  # same shape, other values: recomputed
    assert calls == [3, 3] and list(changed["a"]) == [1, 2, 4]
    cache.derived(_count_rows, df, extra=1)
    assert calls == [3, 3, 3]


def test_chart_is_the_validated_spec_and_depends_on_every_argument() -> None:
    df = pd.DataFrame({"k": ["a", "b"], "v": [1, 2]})
    spec = cache.chart(_bar, df, "値")
    assert spec == vega_spec(_bar(df, "値"))
    assert cache.chart(_bar, df, "value")["encoding"]["x"]["title"] == "value"
    assert next(iter(cache.chart(_bar, df.assign(v=[5, 6]), "値")["datasets"].values()))[0]["v"] == 5


def _svg_size(spec: dict[str, object]) -> tuple[float, float]:
    import re

    import vl_convert as vlc

    match = re.search(r'<svg[^>]*?width="([\d.]+)" height="([\d.]+)"', vlc.vegalite_to_svg(spec))
    assert match is not None
    return float(match.group(1)), float(match.group(2))


@pytest.mark.parametrize("columns", [None, 2])
def test_a_legend_under_a_narrow_plot_lists_its_entries_and_keeps_its_row_on_a_wide_one(columns: int | None) -> None:
    labels = ["Published share (answer options not printed)", "The rest (breakdown not published)", "Third series"]
    df = pd.DataFrame({"k": labels, "v": [1, 2, 3]})
    legend = alt.Legend(orient="bottom") if columns is None else alt.Legend(orient="bottom", columns=columns)
    chart = themed(alt.Chart(df).mark_bar().encode(x="v:Q", color=alt.Color("k:N", legend=legend)), height=100)
    spec = vega_spec(chart)
    sizes = {}
    for width in (270, 1000):
        narrow = {**spec, "width": width}
        as_before = {**narrow, "encoding": {**spec["encoding"], "color": {**spec["encoding"]["color"], "legend": {}}}}
        as_before["encoding"]["color"]["legend"] = {"orient": "bottom", **({"columns": columns} if columns else {})}
        sizes[width] = (_svg_size(narrow), _svg_size(as_before))
    # A phone's plot: the legend listed one entry a line stays inside the plot's width (it ran past it).
    (narrow_w, narrow_h), (before_w, _) = sizes[270]
    assert before_w > 360 >= narrow_w
    # A wide plot keeps the chart's own layout: the same size as without the adaptation.
    assert sizes[1000][0] == sizes[1000][1]
    assert sizes[1000][0][1] < narrow_h


def test_a_legend_beside_the_plot_or_a_concatenation_is_left_alone() -> None:
    df = pd.DataFrame({"k": ["a", "b"], "v": [1, 2]})
    beside = vega_spec(
        themed(alt.Chart(df).mark_bar().encode(x="v:Q", color=alt.Color("k:N", legend=alt.Legend(orient="right"))))
    )
    assert "columns" not in beside["encoding"]["color"]["legend"]
    plain = alt.Chart(df).mark_bar().encode(x="v:Q", color="k:N")
    concat = vega_spec(alt.hconcat(plain, plain))
    assert "columns" not in json.dumps(concat)
