"""The Armenia-Azerbaijan border, from the OSM-derived land polygons (ODbL)."""

from __future__ import annotations

from typing import Any

from corridor.records import Dataset

ATTRIBUTION = "Borders © OpenStreetMap contributors (ODbL 1.0); context land: Natural Earth (public domain)"


def build_border_layer(ds: Dataset) -> dict[str, Any]:
    """The outlines of Armenia and Azerbaijan; the shared edge is the border."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": f["geometry"],
                "properties": {"name": f["properties"]["name"], "cls": "cm-border"},
            }
            for f in ds.borders["features"]
        ],
    }
