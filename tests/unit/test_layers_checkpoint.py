"""layers.checkpoint: the dated checkpoints, derived positions marked, covering a label at the same point."""

from __future__ import annotations

import dataclasses

from corridor.records import Dataset
from corridor.timemodel import Timeline
from layers.checkpoint import build_checkpoint_layer
from tests.unit.conftest import classes


def test_checkpoint_layer_holds_only_the_derived_hakari_checkpoint(dataset: Dataset) -> None:
    layer = build_checkpoint_layer(dataset)
    assert [f["id"] for f in layer["features"]] == ["hakari_checkpoint"]
    (feature,) = layer["features"]
    assert classes(feature) == {"cm-checkpoint", "cm-derived"}
    assert feature["properties"]["uncertainty_m"] == 1500.0
    assert feature["geometry"]["type"] == "Point"


def test_the_checkpoint_covers_the_bridge_label_at_the_same_point(dataset: Dataset) -> None:
    (feature,) = build_checkpoint_layer(dataset)["features"]
    assert dataset.place("hakari_bridge").lonlat == dataset.place("hakari_checkpoint").lonlat
    assert feature["properties"]["covers"] == ["hakari_bridge"]


def test_a_surveyed_checkpoint_is_not_classed_derived(dataset: Dataset) -> None:
    exact = dataclasses.replace(dataset.place("hakari_checkpoint"), derived=False, uncertainty_m=None)
    ds = dataclasses.replace(dataset, places=(exact,))
    (feature,) = build_checkpoint_layer(ds)["features"]
    assert classes(feature) == {"cm-checkpoint"}


def test_checkpoint_popup_says_the_hakari_river_is_not_drawn(timeline: Timeline) -> None:
    (feature,) = build_checkpoint_layer(timeline.dataset)["features"]
    assert "Hakari (Akera) river" in feature["properties"]["popup"]
    assert "it is not drawn on this map" in feature["properties"]["popup"]
