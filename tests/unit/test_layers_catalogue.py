"""layers.catalogue: every layer listed once, in drawing order; every builder draws features with stable CSS classes.

The browser tests count paths by these classes (cm-route, cm-checkpoint, cm-place...), so a class
that goes missing here breaks the map's tests and its styling at once.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from corridor.records import Dataset
from layers.catalogue import DEFAULT_VISIBLE, LAYER_KEYS, LAYERS, TOGGLE_KEYS, build_all_layers
from layers.corridor import build_corridor_layer
from layers.events import build_events_layer

EXPECTED_KEYS = (
    "basemap", "graticule", "rivers", "nk2020", "nkao", "border", "band", "edges", "corridor", "places", "checkpoint",
    "events",
)  # fmt: skip
OFF_BY_DEFAULT = ("nkao",)  # the historical NKAO boundary is a reference the user turns on


def test_catalogue_lists_every_layer_once_in_drawing_order() -> None:
    assert LAYER_KEYS == EXPECTED_KEYS
    assert len(set(LAYER_KEYS)) == len(LAYER_KEYS)


def test_every_toggle_but_the_nkao_is_on_by_default_and_the_basemap_is_not_a_toggle() -> None:
    assert "basemap" not in TOGGLE_KEYS
    assert list(TOGGLE_KEYS) == [k for k in EXPECTED_KEYS if k != "basemap"]
    assert tuple(k for k in TOGGLE_KEYS if k not in OFF_BY_DEFAULT) == DEFAULT_VISIBLE


def test_every_layer_has_a_title_and_a_builder() -> None:
    for spec in LAYERS:
        assert spec.title.strip(), spec.key
        assert callable(spec.build), spec.key


@pytest.mark.parametrize("spec", LAYERS, ids=lambda s: s.key)
def test_every_builder_returns_json_without_nan(dataset: Dataset, spec: Any) -> None:
    built = spec.build(dataset)
    text = json.dumps(built, allow_nan=False)
    assert json.loads(text) == built


@pytest.mark.parametrize("spec", LAYERS, ids=lambda s: s.key)
def test_feature_collection_layers_tag_every_feature_with_a_class(dataset: Dataset, spec: Any) -> None:
    built = spec.build(dataset)
    if built.get("columns"):
        return  # the events layer is columnar, checked below
    assert built["type"] == "FeatureCollection"
    assert built["features"], f"layer {spec.key} is empty"
    for feature in built["features"]:
        assert feature["type"] == "Feature"
        assert feature["properties"]["cls"].startswith("cm-"), (spec.key, feature["properties"])


def test_build_all_layers_keys_each_layer_by_its_catalogue_key(dataset: Dataset) -> None:
    built = build_all_layers(dataset)
    assert tuple(built) == LAYER_KEYS
    assert built["corridor"] == build_corridor_layer(dataset)
    assert built["events"] == build_events_layer(dataset)


def test_region_layers_are_in_the_catalogue_with_their_files() -> None:
    files = {spec.key: [f.filename for f in spec.files] for spec in LAYERS}
    assert files["nk2020"] == ["nk_de_facto_2020.geojson"]
    assert files["nkao"] == ["nkao_1991_derived.geojson"]
    assert files["edges"] == ["lachin_corridor_edges_2020.geojson"]
    assert files["rivers"] == ["rivers.geojson"]
    assert "nkao" not in DEFAULT_VISIBLE
    assert {"nk2020", "edges", "rivers"} <= set(DEFAULT_VISIBLE)
    title = next(spec.title for spec in LAYERS if spec.key == "nk2020")
    assert "de facto control" in title
