"""The two edges of the 2020 corridor strip (Natural Earth), shown while the old road was in use."""

from __future__ import annotations

from typing import Any

from corridor.records import Dataset
from corridor.region import of_layer
from layers.popups import region_popup


def build_edges_layer(ds: Dataset) -> dict[str, Any]:
    """Dated lines; the per-day state hides them after 30 Aug 2022."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": f.id,
                "geometry": f.geometry,
                "properties": {"id": f.id, "cls": "cm-corridor-edge", "popup": region_popup(f)},
            }
            for f in of_layer(ds.region_features, "edges")
        ],
    }
