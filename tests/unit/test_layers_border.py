"""layers.border: the outlines of Armenia and Azerbaijan, without lake shores."""

from __future__ import annotations

from corridor.records import Dataset
from layers.border import build_border_layer


def test_border_layer_outlines_armenia_and_azerbaijan(dataset: Dataset) -> None:
    layer = build_border_layer(dataset)
    assert sorted(f["properties"]["name"] for f in layer["features"]) == ["Armenia", "Azerbaijan"]
    assert {f["properties"]["cls"] for f in layer["features"]} == {"cm-border"}
