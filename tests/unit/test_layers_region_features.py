"""layers.region_features: the one builder of the region layers keeps each feature's geometry and id and
adds the layer's class, the feature's popup and the layer's extra properties."""

from __future__ import annotations

from corridor.records import Dataset
from corridor.region import of_layer
from layers.popups import region_popup
from layers.region_features import region_collection


def test_a_region_collection_holds_the_layers_features_with_class_popup_and_extras(dataset: Dataset) -> None:
    features = of_layer(dataset.region_features, "edges")
    layer = region_collection(dataset, "edges", "cm-test", note="n")
    assert [f["id"] for f in layer["features"]] == [f.id for f in features]
    assert len(features) == 2
    for built, feature in zip(layer["features"], features, strict=True):
        assert built["geometry"] == feature.geometry
        assert built["properties"] == {"id": feature.id, "cls": "cm-test", "popup": region_popup(feature), "note": "n"}
