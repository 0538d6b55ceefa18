"""The dated corridor routes, drawn dashed because they are schematic."""

from __future__ import annotations

from typing import Any

from corridor.records import Dataset
from layers.geojson import collection, feature
from layers.popups import route_popup


def build_corridor_layer(ds: Dataset) -> dict[str, Any]:
    """One LineString per route; its class says which route and whether it is schematic."""
    return collection(
        [
            feature(
                r.id,
                {"type": "LineString", "coordinates": [list(c) for c in r.coordinates]},
                {
                    "cls": f"cm-route cm-route-{r.id}" + (" cm-schematic" if r.schematic else ""),
                    "schematic": r.schematic,
                    "popup": route_popup(r),
                    "label": "schematic route" if r.schematic else "",
                },
            )
            for r in ds.routes
        ]
    )
