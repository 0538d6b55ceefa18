"""The bundled basemap: land from Natural Earth (region) and OSM (Armenia, Azerbaijan), a graticule.

Works with no tiles and no network. Water (the Caspian, Lake Sevan as holes) is the map's
background colour.
"""

from __future__ import annotations

from typing import Any

from corridor.records import Dataset
from corridor.text import escape

GRATICULE_STEP = 0.5
GRATICULE_BOX = (43.5, 38.0, 50.5, 42.0)  # lon_min, lat_min, lon_max, lat_max
FOCUS_CODES = ("Armenia", "Azerbaijan")
LABEL_BOX = (46.25, 39.35, 46.75, 39.49)  # lon/lat box south of the corridor (and of Goris) where both countries show


def build_basemap_layer(ds: Dataset) -> dict[str, Any]:
    """Context land (neighbours from Natural Earth) plus Armenia and Azerbaijan from OSM."""
    neighbours = [
        _tag(f, "cm-land cm-land-context") for f in ds.region["features"] if f["properties"]["name"] not in FOCUS_CODES
    ]
    focus = [_tag(f, f"cm-land cm-land-{f['properties']['A3'].lower()}") for f in ds.borders["features"]]
    return {"type": "FeatureCollection", "features": neighbours + focus, "labels": build_country_labels(ds)}


def build_graticule_layer(_ds: Dataset) -> dict[str, Any]:
    """Meridians and parallels every half degree, labelled in the browser."""
    lon_min, lat_min, lon_max, lat_max = GRATICULE_BOX
    lines = []
    steps_lon = round((lon_max - lon_min) / GRATICULE_STEP)
    steps_lat = round((lat_max - lat_min) / GRATICULE_STEP)
    for i in range(steps_lon + 1):
        lon = round(lon_min + i * GRATICULE_STEP, 3)
        lines.append(_line([[lon, lat_min], [lon, lat_max]], f"{lon:g}°E"))
    for i in range(steps_lat + 1):
        lat = round(lat_min + i * GRATICULE_STEP, 3)
        lines.append(_line([[lon_min, lat], [lon_max, lat]], f"{lat:g}°N"))
    return {"type": "FeatureCollection", "features": lines}


def build_country_labels(ds: Dataset) -> list[dict[str, Any]]:
    """A label point inside each focus country, near the corridor (so it shows at corridor zoom)."""
    from shapely.geometry import box, shape  # noqa: PLC0415 - only needed when building the bundle
    from shapely.ops import polylabel  # noqa: PLC0415

    view = box(*LABEL_BOX)
    labels = []
    for feature in ds.borders["features"]:
        part = shape(feature["geometry"]).intersection(view)
        if part.is_empty:
            continue
        biggest = max(getattr(part, "geoms", [part]), key=lambda g: g.area)
        point = polylabel(biggest, tolerance=0.001)
        labels.append({"name": escape(str(feature["properties"]["name"]).upper()), "lonlat": [point.x, point.y]})
    return labels


def _tag(feature: dict[str, Any], cls: str) -> dict[str, Any]:
    props = feature["properties"]
    return {
        "type": "Feature",
        "geometry": feature["geometry"],
        "properties": {"name": props.get("name"), "cls": cls},
    }


def _line(coords: list[list[float]], label: str) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": coords},
        "properties": {"cls": "cm-graticule", "label": label},
    }
