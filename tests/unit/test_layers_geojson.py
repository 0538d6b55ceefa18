"""layers.geojson: a feature carries its id twice (GeoJSON's and the map's), a collection its features."""

from __future__ import annotations

from layers.geojson import collection, feature


def test_a_feature_keeps_its_id_as_the_first_property() -> None:
    point = {"type": "Point", "coordinates": [46.5, 39.6]}
    got = feature("p1", point, {"cls": "cm-place", "popup": "<b>x</b>"})
    assert got == {
        "type": "Feature",
        "id": "p1",
        "geometry": point,
        "properties": {"id": "p1", "cls": "cm-place", "popup": "<b>x</b>"},
    }
    assert list(got["properties"]) == ["id", "cls", "popup"]


def test_a_collection_holds_its_features_in_order() -> None:
    features = [feature(str(n), {"type": "Point", "coordinates": [0, n]}, {}) for n in range(3)]
    assert collection(features) == {"type": "FeatureCollection", "features": features}
