"""layers.band: one illustrative band per route, tied to it by its class."""

from __future__ import annotations

from corridor.records import Dataset
from layers.band import build_band_layer
from tests.unit.conftest import ROUTE_IDS, classes


def test_band_layer_has_one_band_per_route_tied_by_class(dataset: Dataset) -> None:
    layer = build_band_layer(dataset)
    assert [f["properties"]["route_id"] for f in layer["features"]] == list(ROUTE_IDS)
    for feature in layer["features"]:
        route_id = feature["properties"]["route_id"]
        assert classes(feature) == {"cm-band", f"cm-band-{route_id}"}
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
        assert "illustrative" in feature["properties"]["popup"]
