"""Population chart specs through ``to_dict()`` / ``to_json()``: fields, types, inline data, no remote URLs, row caps."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import pytest

from dashboard.charts import population as pc
from dashboard.data import load_dataset, open_data
from dashboard.metrics import population as pm

MAX_ROWS = 5000
LABELS = {s: f"label-{s}" for s in pm.SERIES}
TITLES = {
    k: f"title-{k}"
    for k in (
        "x",
        "y",
        "series",
        "count",
        "date",
        "value",
        "source",
        "basis",
        "group",
        "persons",
        "share",
        "area",
        "indicator",
    )
}


def _walk(node: Any, path: str = "") -> list[tuple[str, Any]]:
    """Every (path, value) pair of a nested spec."""
    out = [(path, node)]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _walk(v, f"{path}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _walk(v, f"{path}/{i}")
    return out


def _check_vega(spec: dict) -> dict[str, pd.DataFrame]:
    """No data by URL, no remote URL anywhere but the schema id, at most MAX_ROWS rows; returns the inline datasets."""
    for path, value in _walk(spec):
        if path.endswith("/url"):
            pytest.fail(f"data by URL at {path}")
        if isinstance(value, str) and ("http://" in value or "https://" in value):
            assert path == "/$schema", f"remote URL at {path}: {value}"
    datasets = {k: pd.DataFrame(v) for k, v in spec.get("datasets", {}).items()}
    assert datasets, "data must be inline"
    assert sum(len(d) for d in datasets.values()) <= MAX_ROWS
    return datasets


def _encodings(spec: dict) -> list[tuple[str, dict]]:
    """(channel, definition) of every encoding in the spec's layers."""
    found = []
    for path, value in _walk(spec):
        if path.endswith("/encoding") and isinstance(value, dict):
            found += [(ch, d) for ch, d in value.items() if isinstance(d, dict) and "field" in d]
    return found


def _outlook_frame(index: bool) -> pd.DataFrame:
    census = open_data.read_census2015("fukushima")
    mn = open_data.read_mynumbercard("iwaki")
    s = pm.outlook_series(
        load_dataset("population_outlook"),
        census,
        pm.register_by_year(mn) if mn is not None else None,
        load_dataset("context_figures"),
    )
    if index:
        s, _ = pm.index_series(s, 2020)
        s = s.assign(value=s["index"])
    else:
        s = s.assign(value=s["population"])
    return s.assign(series_label=s["series"].map(LABELS), count_label="count", source_label="source")


@pytest.mark.parametrize("index", [False, True])
def test_outlook_chart_fields_types_and_data(index: bool) -> None:
    df = _outlook_frame(index)
    chart = pc.actual_outlook_chart(
        df, labels=LABELS, titles=TITLES, value_format=".1f" if index else ",d", x_domain=(2009.5, 2060.5)
    )
    spec = chart.to_dict()
    datasets = _check_vega(spec)
    (data,) = datasets.values()
    assert len(data) == len(df)
    enc = _encodings(spec)
    fields = {(ch, d["field"], d.get("type")) for ch, d in enc}
    assert ("x", "t", "quantitative") in fields and ("y", "value", "quantitative") in fields
    for ch in ("stroke", "fill", "shape"):
        assert (ch, "series_label", "nominal") in fields
    for _, d in enc:
        assert d["field"] in data.columns, d["field"]
    assert next(d for ch, d in enc if ch == "y")["scale"]["zero"] is True  # "halved" must look like half
    # Every series on the chart has a legend entry; estimates are hollow (white fill), counts filled.
    fill = next(d for ch, d in enc if ch == "fill")["scale"]
    legend = dict(zip(fill["domain"], fill["range"], strict=True))
    assert set(legend) == set(data["series_label"])
    if "label-projection" in legend:
        assert legend["label-projection"] == pc.WHITE and legend["label-census"] != pc.WHITE
    # Lines are dashed and drawn only per count (never across counts).
    marks = [v for p, v in _walk(spec) if p.endswith("/mark") and isinstance(v, dict) and v.get("type") == "line"]
    assert marks and all(m.get("strokeDash") == pc.DASH for m in marks)
    filters = [v for p, v in _walk(spec) if p.endswith("/filter")]
    assert any("basis" in str(f) for f in filters)
    assert all(spec_axis["labelAngle"] == 0 for spec_axis in [spec["config"]["axis"]])


@pytest.mark.parametrize("share", [False, True])
def test_age_structure_chart(share: bool) -> None:
    ages = pm.age_structure(open_data.read_ipss(), (pm.HAMADORI_CODE,))
    labels = {g: g.upper() for g in pm.AGE_GROUPS}
    ages = ages.assign(group_label=ages["group"].map(labels), basis_label="b")
    spec = pc.age_structure_chart(ages, group_labels=labels, titles=TITLES, share=share).to_dict()
    (data,) = _check_vega(spec).values()
    assert len(data) == 21
    enc = dict((ch, d) for ch, d in _encodings(spec))
    assert enc["y"]["field"] == ("share_pct" if share else "persons") and enc["y"]["type"] == "quantitative"
    assert enc["y"]["stack"] is True
    assert enc["color"]["field"] == "group_label" and enc["color"]["scale"]["domain"] == list(labels.values())
    assert enc["x"]["field"] == "year"


def test_ageing_chart() -> None:
    ind = pm.ageing_indicators(open_data.read_ipss())
    ind = ind.assign(area_label=ind["code"], indicator_label=ind["indicator"], basis_label="b")
    spec = pc.ageing_chart(
        ind,
        area_domain=[pm.HAMADORI_CODE, pm.PREFECTURE_CODE],
        indicator_domain=["ageing_rate", "working_age_share"],
        titles=TITLES,
    ).to_dict()
    (data,) = _check_vega(spec).values()
    assert len(data) == 2 * 2 * 7
    fields = {(ch, d["field"]) for ch, d in _encodings(spec)}
    assert {("x", "year"), ("y", "pct"), ("color", "area_label"), ("shape", "indicator_label")} <= fields


@pytest.mark.parametrize("selected", [None, "07203"])
def test_change_map_deck(selected: str | None) -> None:
    peers = pm.census_change(open_data.read_census2015("fukushima")).set_index("code5")
    props = peers[["name", "change_pct", "rank", "change_class"]]
    deck = pc.change_map(
        open_data.read_boundary("fukushima"),
        props,
        tooltip_text="{name} {change_pct}",
        highlight_code=pm.IWAKI_CODE5,
        selected_code=selected,
    )
    text = deck.to_json()
    assert "http://" not in text and "https://" not in text
    spec = json.loads(text)
    # No base map: Streamlit 1.67 draws a Carto base map (an internet request) when mapStyle is missing; the
    # sentinel pydeck writes for map_provider=None tells it to draw none.
    assert "mapProvider" not in spec and spec.get("mapStyle") == "__MAP_STYLE__"
    layers = {layer["id"]: layer for layer in spec["layers"]}
    main = layers[pc.MAP_LAYER_ID]
    feats = main["data"]["features"]
    assert len(feats) == 59 <= MAX_ROWS and main["pickable"] is True
    by_code = {f["properties"]["code"]: f["properties"] for f in feats}
    assert by_code["07204"]["fill"][:3] == list(pc.CHANGE_COLOURS[4])  # growth
    assert by_code["07543"]["fill"][:3] == list(pc.CHANGE_COLOURS[0])  # 富岡町: −100 %
    assert by_code["07204"]["name"] == "いわき市"
    iwaki = layers[pc.IWAKI_LAYER_ID]["data"]["features"]
    assert [f["properties"]["code"] for f in iwaki] == ["07204"] and layers[pc.IWAKI_LAYER_ID]["filled"] is False
    assert (pc.SELECTED_LAYER_ID in layers) == (selected is not None)
    # Plain-text tooltip (never HTML), read by Streamlit from the Deck object, not from the JSON.
    assert deck._tooltip == {"text": "{name} {change_pct}"}


def test_change_colours_get_lighter_towards_zero() -> None:
    lightness = [sum(c) for c in pc.CHANGE_COLOURS[:4]]
    assert lightness == sorted(lightness) and len(set(lightness)) == 4
    assert pc.rgb_hex((213, 94, 0)) == "#d55e00"
    assert pc.mix_with_white("#000000", 0.5) == (128, 128, 128)


def test_change_legend_uses_the_map_colours() -> None:
    labels = ["a", "b", "c", "d", "e"]
    spec = pc.change_legend(labels, "title").to_dict()
    (data,) = _check_vega(spec).values()
    assert data["label"].tolist() == labels
    colour = dict(_encodings(spec))["color"]
    assert colour["scale"]["domain"] == labels
    assert colour["scale"]["range"] == [pc.rgb_hex(c) for c in pc.CHANGE_COLOURS]
