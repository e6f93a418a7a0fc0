"""The timeline chart (charts.overview) through its Vega-Lite spec: every item, lanes, marks for undated items."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dashboard.charts.overview import ROW_PX, SHAPE_DATED, SHAPE_UNDATED, timeline_chart
from dashboard.charts.theme import PILLAR_COLOURS
from dashboard.data import load_dataset
from dashboard.metrics import overview as m

YEARS = [2022, 2023, 2024]


def _chart(items: pd.DataFrame, years: list[int] = YEARS) -> dict:
    pillars = load_dataset("pillars").sort_values("order")
    names = dict(zip(pillars["pillar_id"], pillars["name_ja"], strict=True))
    items = items.assign(
        label=items["name_ja"],
        when_label="",
        fy_label=items["fiscal_year"].astype(str),
        detail=items["detail_ja"].fillna(""),
    )
    domain = m.x_domain(years)
    lanes = [p for p in pillars["pillar_id"] if p in set(items["pillar_id"])]
    slotted = m.slot_keys(m.pack_rows(items, domain, 1000), lanes, names)
    bands = m.fiscal_year_bands(years).assign(fy_label=lambda d: d["fiscal_year"].astype(str))
    chart = timeline_chart(
        slotted,
        bands=bands,
        domain=domain,
        colours={names[p]: PILLAR_COLOURS[p] for p in lanes},
        marker_key="KEY",
        titles={k: k for k in ("name", "pillar", "fiscal_year", "when", "detail")},
        date_format="%Y-%m",
    )
    return chart.to_dict()


def _layers(spec: dict) -> list[dict]:
    """Every single-mark layer, nested layers flattened, each with the data it inherits."""
    out: list[dict] = []

    def walk(node: dict, data: dict | None) -> None:
        data = node.get("data", data)
        if "layer" in node:
            for child in node["layer"]:
                walk(
                    {**child, "encoding": {**node.get("encoding", {}), **child.get("encoding", {})}}
                    if "encoding" in node
                    else child,
                    data,
                )
        else:
            out.append({**node, "data": data})

    walk(spec, None)
    return out


def _data(spec: dict, layer: dict) -> list[dict]:
    return spec["datasets"][layer["data"]["name"]]


def _items_layer(spec: dict) -> list[dict]:
    """The data of the item labels (the layer that draws a text from the items' ``label``)."""
    for layer in _layers(spec):
        if layer.get("encoding", {}).get("text", {}).get("field") == "label":
            return _data(spec, layer)
    raise AssertionError("no label layer")


@pytest.fixture(scope="module")
def full() -> dict:
    """The spec of the unfiltered timeline (built once: building and validating a spec takes a moment)."""
    return _chart(m.timeline_items(load_dataset("initiatives")))


def test_every_item_is_in_the_chart_with_its_fiscal_year(full: dict) -> None:
    items = m.timeline_items(load_dataset("initiatives"))
    spec = full
    rows = _items_layer(spec)
    assert len(rows) == len(items) == 30
    got = sorted((r["fy_label"], r["label"]) for r in rows)
    assert got == sorted((str(fy), name) for fy, name in zip(items["fiscal_year"], items["name_ja"], strict=True))
    for row in rows:
        fy = int(row["fy_label"])
        date = pd.Timestamp(row["date"])
        start, end = m.x_domain([fy])
        assert start <= date <= end, row["label"]


def test_dated_and_undated_items_are_drawn_with_different_shapes(full: dict) -> None:
    spec = full
    marks = {
        json.dumps(layer.get("transform")): layer["mark"]
        for layer in _layers(spec)
        if isinstance(layer["mark"], dict) and layer["mark"].get("type") == "point"
    }
    shapes = {mark["shape"]: mark for mark in marks.values()}
    assert set(shapes) == {SHAPE_DATED, SHAPE_UNDATED}
    assert shapes[SHAPE_DATED]["filled"] is True and shapes[SHAPE_UNDATED]["filled"] is False
    filters = {mark["shape"]: key for key, mark in marks.items()}
    assert "!datum.month_known" in filters[SHAPE_UNDATED] and "!datum" not in filters[SHAPE_DATED]
    texts = [layer for layer in _layers(spec) if _data(spec, layer) == [{"text": "KEY"}]]
    assert len(texts) == 1  # the key to the shapes is drawn with the chart


def test_undated_items_span_their_fiscal_year_and_the_maintenance_runs_past_the_edge(full: dict) -> None:
    spec = full
    rows = {r["label"]: r for r in _items_layer(spec)}
    plan = rows["公共施設等総合管理計画の改訂"]
    assert not plan["month_known"] and plan["span_start"].startswith("2022-04-01")
    assert plan["span_end"].startswith("2023-03-31") and not plan["runs_on"]
    maintenance = rows["公共施設等の集中保全に着手"]
    assert maintenance["runs_on"] and maintenance["span_end"].startswith("2025-03-31")  # cut at the chart's edge
    dated = rows["保育DX"]
    assert dated["month_known"] and dated["span_start"] is None and dated["date"].startswith("2025-03-15")


def test_lanes_are_coloured_by_pillar_in_the_theme_palette(full: dict) -> None:
    spec = full
    pillars = load_dataset("pillars").sort_values("order")
    colour_scales = [
        layer["encoding"]["color"]["scale"]
        for layer in _layers(spec)
        if "field" in layer.get("encoding", {}).get("color", {})
    ]
    assert len(colour_scales) >= 3  # spans and both kinds of marker
    for scale in colour_scales:
        assert scale["domain"] == list(pillars["name_ja"])
        assert scale["range"] == [PILLAR_COLOURS[p] for p in pillars["pillar_id"]]


def test_fiscal_year_bands_and_unrotated_labels(full: dict) -> None:
    spec = full
    bands = [layer for layer in _layers(spec) if _data(spec, layer) and "shade" in _data(spec, layer)[0]]
    assert len(bands) == 2 and [b["fy_label"] for b in _data(spec, bands[0])] == ["2022", "2023", "2024"]
    assert spec["config"]["axis"]["labelAngle"] == 0
    assert spec["height"] == {"step": ROW_PX}


def test_a_filtered_timeline_shows_only_its_items_and_years() -> None:
    items = m.filter_items(m.timeline_items(load_dataset("initiatives")), ["human_resources"], [2023])
    spec = _chart(items, [2023])
    rows = _items_layer(spec)
    assert {r["label"] for r in rows} == {"若手職員によるワーキンググループ活動", "人材育成基本方針策定"}
    x = next(layer["encoding"]["x"] for layer in _layers(spec) if layer["encoding"].get("x", {}).get("field") == "date")
    domain = x["scale"]["domain"]
    assert (domain[0]["year"], domain[0]["month"], domain[1]["year"], domain[1]["month"]) == (2023, 4, 2024, 3)


def test_the_spec_is_small_and_has_no_remote_urls(full: dict) -> None:
    spec = full
    text = json.dumps(spec, ensure_ascii=False)
    assert "http://" not in text.replace("http://json-schema", "") and "https://" not in text.replace(
        "https://vega.github.io/schema", ""
    )
    assert sum(len(rows) for rows in spec["datasets"].values()) <= 5000
