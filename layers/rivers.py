"""Rivers of the bundled basemap (Natural Earth), each labelled once where it passes nearest the corridor."""

from __future__ import annotations

from typing import Any

from corridor.records import Dataset
from corridor.region import of_layer
from corridor.text import escape
from layers.region_features import region_collection

LABEL_NEAR = (46.45, 39.62)  # lon, lat: labels go on the stretch of each river nearest the corridor
# Rivers labelled where they read best instead: Kura and Karasu (nearest point is a clip end) and
# Vorotan (its nearest stretch runs under the country labels at zoom 9).
LABEL_AT: dict[str, float] = {"Kura": 0.35, "Karasu": 0.5, "Vorotan": 0.8}  # fraction along the line


def river_label_point(geometry: dict[str, Any], name: str) -> tuple[float, float]:
    """Where a river's label goes: nearest the corridor, or at a fixed fraction along it."""
    from shapely.geometry import Point, shape  # noqa: PLC0415 - only needed when building the bundle
    from shapely.ops import linemerge  # noqa: PLC0415

    line = shape(geometry)
    if line.geom_type == "MultiLineString":
        merged = linemerge(line)
        line = max(getattr(merged, "geoms", [merged]), key=lambda g: g.length)
    if name in LABEL_AT:
        point = line.interpolate(LABEL_AT[name], normalized=True)
    else:
        point = line.interpolate(line.project(Point(LABEL_NEAR)))
    return round(point.x, 5), round(point.y, 5)


def build_rivers_layer(ds: Dataset) -> dict[str, Any]:
    """River lines plus one label point each."""
    rivers = of_layer(ds.region_features, "rivers")
    return {
        **region_collection(ds, "rivers", "cm-river"),
        "labels": [
            {
                "name": escape(str(f.properties.get("name", ""))),
                "lonlat": list(river_label_point(f.geometry, str(f.properties.get("name")))),
            }
            for f in rivers
        ],
    }
