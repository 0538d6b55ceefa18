"""The Armenia-Azerbaijan border, from the OSM-derived land polygons (ODbL)."""

from __future__ import annotations

from typing import Any

from corridor.records import Dataset


def outer_rings(geometry: dict[str, Any]) -> dict[str, Any]:
    """A (Multi)Polygon without its holes: lake shores are not borders, so the border line skips them
    (the basemap still shows the lakes as water)."""
    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": geometry["coordinates"][:1]}
    return {"type": "MultiPolygon", "coordinates": [poly[:1] for poly in geometry["coordinates"]]}


def build_border_layer(ds: Dataset) -> dict[str, Any]:
    """The outlines of Armenia and Azerbaijan; the shared edge is the border."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": outer_rings(f["geometry"]),
                "properties": {"name": f["properties"]["name"], "cls": "cm-border"},
            }
            for f in ds.borders["features"]
        ],
    }
