"""The dated corridor routes, drawn dashed because they are schematic."""

from __future__ import annotations

from typing import Any

from corridor.records import Dataset
from layers.popups import route_popup


def build_corridor_layer(ds: Dataset) -> dict[str, Any]:
    """One LineString per route; its class says which route and whether it is schematic."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": r.id,
                "geometry": {"type": "LineString", "coordinates": [list(c) for c in r.coordinates]},
                "properties": {
                    "id": r.id,
                    "cls": f"cm-route cm-route-{r.id}" + (" cm-schematic" if r.schematic else ""),
                    "schematic": r.schematic,
                    "popup": route_popup(r),
                    "label": "schematic route" if r.schematic else "",
                },
            }
            for r in ds.routes
        ],
    }
