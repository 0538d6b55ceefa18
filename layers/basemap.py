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
BORDER_INSET = 0.005  # degrees (~0.4 km): each country name's point sits this far inside its own country


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
    """Each focus country's name at their shared border, south of the corridor (so both show at
    corridor zoom): a point just inside each country on the box's middle parallel.

    The map (static/app/corridor_map.js) ends the western name at its point and starts the eastern
    one at its point, so the names flank the border and never run together, at any zoom.
    """
    from shapely.geometry import LineString, shape  # noqa: PLC0415 - only needed when building the bundle

    lon_min, lat_min, lon_max, lat_max = LABEL_BOX
    lat = round((lat_min + lat_max) / 2, 6)
    parallel = LineString([(lon_min, lat), (lon_max, lat)])
    runs = {str(f["properties"]["name"]): shape(f["geometry"]).intersection(parallel) for f in ds.borders["features"]}
    crossed = sorted((run.bounds[0], name, run) for name, run in runs.items() if not run.is_empty)
    if len(crossed) != len(FOCUS_CODES):
        raise ValueError(f"the label parallel {lat}°N between {lon_min}°E and {lon_max}°E misses a country: {runs}")
    (_, west, west_run), (_, east, east_run) = crossed
    border = (west_run.bounds[2] + east_run.bounds[0]) / 2
    return [
        {"name": escape(west.upper()), "lonlat": [round(border - BORDER_INSET, 6), lat]},
        {"name": escape(east.upper()), "lonlat": [round(border + BORDER_INSET, 6), lat]},
    ]


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
