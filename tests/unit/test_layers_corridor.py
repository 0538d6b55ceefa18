"""layers.corridor: one dashed line per dated route, its class naming the route."""

from __future__ import annotations

import dataclasses

import pytest

from corridor.records import Dataset
from layers.corridor import build_corridor_layer
from tests.unit.conftest import ROUTE_IDS, by_id, classes


def test_corridor_layer_has_one_line_per_route(dataset: Dataset) -> None:
    layer = build_corridor_layer(dataset)
    assert tuple(by_id(layer)) == ROUTE_IDS
    for route in dataset.routes:
        feature = by_id(layer)[route.id]
        assert feature["id"] == route.id
        assert feature["geometry"]["type"] == "LineString"
        assert feature["geometry"]["coordinates"] == [list(c) for c in route.coordinates]
        assert len(feature["geometry"]["coordinates"]) >= 2


@pytest.mark.parametrize("route_id", ROUTE_IDS)
def test_route_classes_name_the_route_and_mark_it_schematic(dataset: Dataset, route_id: str) -> None:
    feature = by_id(build_corridor_layer(dataset))[route_id]
    assert classes(feature) == {"cm-route", f"cm-route-{route_id}", "cm-schematic"}
    assert feature["properties"]["schematic"] is True
    assert feature["properties"]["label"] == "schematic route"
    assert "<h4>" in feature["properties"]["popup"]


def test_a_surveyed_route_is_not_classed_schematic(dataset: Dataset) -> None:
    surveyed = dataclasses.replace(dataset.routes[0], schematic=False)
    ds = dataclasses.replace(dataset, routes=(surveyed,))
    (feature,) = build_corridor_layer(ds)["features"]
    assert classes(feature) == {"cm-route", f"cm-route-{surveyed.id}"}
    assert feature["properties"]["schematic"] is False
    assert feature["properties"]["label"] == ""
