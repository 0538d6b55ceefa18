"""What the browser needs to draw the corridor map: its view, style, legend and data's address.

Folium-free, so the live page (ui/mapwidget.py) can send it without importing folium; the exported
page's folium map (layers/mapview.py) is built from the same values.
"""

from __future__ import annotations

from typing import Any

from corridor.catalogue import MAP_CREDIT
from corridor.text import escape
from layers.contract import LegendRow, MapConfig, MapView
from layers.style import (
    BAND,
    BORDER,
    CHECKPOINT,
    CORRIDOR_EDGES,
    EVENT,
    GRATICULE,
    LAND,
    LAND_FOCUS,
    NK_AREA,
    NK_FORMER,
    NKAO,
    PLACE,
    RIVER,
    SCHEMATIC_DASH,
    WATER,
    legend_entries,
)

CENTER = (39.66, 46.58)
START_ZOOM = 10
HOME_BOUNDS = ((39.47, 46.30), (39.91, 46.90))
REGION_BOUNDS = ((38.3, 44.0), (41.5, 50.5))
MIN_ZOOM = 6
MAX_ZOOM = 16  # also bounds Leaflet.markercluster's work per step (one grid per zoom level)


def map_view() -> MapView:
    """The page's map as it opens: the corridor at START_ZOOM, kept inside the region."""
    return {
        "center": list(CENTER),
        "zoom": START_ZOOM,
        "minZoom": MIN_ZOOM,
        "maxZoom": MAX_ZOOM,
        "maxBounds": [list(c) for c in REGION_BOUNDS],
    }


def map_config(data_url: str | None, data: dict[str, Any] | None = None) -> MapConfig:
    """Everything the browser needs to draw the map, except per-date state."""
    return {
        "dataUrl": data_url,
        "data": data,
        "home": [list(c) for c in HOME_BOUNDS],
        "attribution": escape(MAP_CREDIT),
        "legend": [_escaped_row(row) for row in legend_entries()],
        "style": {
            "water": WATER,
            "land": LAND,
            "landFocus": LAND_FOCUS,
            "border": BORDER,
            "graticule": GRATICULE,
            "band": BAND,
            "checkpoint": CHECKPOINT,
            "place": PLACE,
            "event": EVENT,
            "schematicDash": SCHEMATIC_DASH,
            "nkArea": NK_AREA,
            "nkFormer": NK_FORMER,
            "edges": CORRIDOR_EDGES,
            "nkao": NKAO,
            "river": RIVER,
        },
    }


def _escaped_row(row: dict[str, str]) -> LegendRow:
    escaped: Any = {k: escape(v) for k, v in row.items()}
    return escaped  # the keys of legend_entries() rows are LegendRow's
