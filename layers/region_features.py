"""One builder for the region layers (NK area, NKAO, 2020 corridor edges, rivers): each feature keeps
its geometry and id, gets the layer's CSS class and its popup, plus any extra properties."""

from __future__ import annotations

from typing import Any

from corridor.records import Dataset, RegionLayer
from corridor.region import of_layer
from layers.geojson import collection, feature
from layers.popups import region_popup


def region_collection(ds: Dataset, layer: RegionLayer, cls: str, **extra: Any) -> dict[str, Any]:
    """The features of one region layer as a GeoJSON FeatureCollection ready for the map."""
    return collection(
        [
            feature(f.id, f.geometry, {"cls": cls, "popup": region_popup(f), **extra})
            for f in of_layer(ds.region_features, layer)
        ]
    )
