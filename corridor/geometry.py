"""Geometry checks: types, finite 2D coordinates inside the region, valid polygons."""

from __future__ import annotations

import math
from typing import Any

from corridor.errors import DataError
from corridor.records import LonLat

# The names a GeoJSON "crs" member may give to WGS84 longitude/latitude (the only CRS read here).
WGS84_NAMES = frozenset({"urn:ogc:def:crs:OGC:1.3:CRS84", "OGC:CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326"})

# Generous box around the South Caucasus; a point outside it is almost always swapped or projected.
REGION_BOUNDS = (40.0, 36.0, 52.0, 44.0)  # lon_min, lat_min, lon_max, lat_max


def check_lonlat(value: Any, *, field: str = "coordinates") -> LonLat:
    """Return (lon, lat) from a GeoJSON position, or raise a DataError that says what is wrong."""
    if not isinstance(value, (list, tuple)) or len(value) < 2:
        raise DataError("expected a [lon, lat] position", field=field, value=value)
    if len(value) > 2:
        raise DataError("expected 2D coordinates [lon, lat], got 3D", field=field, value=value)
    lon, lat = value
    if isinstance(lon, bool) or isinstance(lat, bool):
        raise DataError("coordinates must be numbers", field=field, value=value)
    if not isinstance(lon, (int, float)) or not isinstance(lat, (int, float)):
        raise DataError("coordinates must be numbers", field=field, value=value)
    if not (_finite(lon) and _finite(lat)):
        raise DataError("coordinates must be finite (no NaN or Infinity)", field=field, value=value)
    if abs(lon) > 180 or abs(lat) > 90:
        raise DataError("coordinates are not WGS84 degrees (projected CRS?)", field=field, value=value)
    lon_min, lat_min, lon_max, lat_max = REGION_BOUNDS
    if not (lon_min <= lon <= lon_max and lat_min <= lat <= lat_max):
        hint = ""
        if lon_min <= lat <= lon_max and lat_min <= lon <= lat_max:
            hint = "; lat and lon look swapped"
        raise DataError(
            f"position outside the region lon {lon_min}..{lon_max}, lat {lat_min}..{lat_max}{hint}",
            field=field,
            value=value,
        )
    return float(lon), float(lat)


def _finite(number: float) -> bool:
    try:
        return math.isfinite(number)
    except OverflowError:  # an int beyond float range: JSON allows 400-digit integers
        return False


def check_geometry(geometry: Any, allowed: tuple[str, ...]) -> dict[str, Any]:
    """Check a GeoJSON geometry's type, coordinates and validity; return it unchanged."""
    if not isinstance(geometry, dict):
        raise DataError("missing or malformed geometry", field="geometry", value=geometry)
    kind = geometry.get("type")
    if kind not in allowed:
        raise DataError(f"geometry type must be one of {', '.join(allowed)}", field="geometry", value=kind)
    coords = geometry.get("coordinates")
    positions = list(_positions(coords, kind))
    if not positions:
        raise DataError("geometry has no coordinates", field="geometry", value=kind)
    for pos in positions:
        check_lonlat(pos, field="geometry")
    if kind in ("Polygon", "MultiPolygon", "LineString"):
        _check_shape(geometry)
    return geometry


def _positions(coords: Any, kind: Any) -> list[Any]:
    depth = {"Point": 0, "LineString": 1, "MultiPoint": 1, "Polygon": 2, "MultiLineString": 2}.get(kind, 3)
    level = [coords]
    for _ in range(depth):
        nxt: list[Any] = []
        for item in level:
            if not isinstance(item, list):
                raise DataError("malformed coordinate nesting", field="geometry", value=kind)
            nxt.extend(item)
        level = nxt
    return level


def _check_shape(geometry: dict[str, Any]) -> None:
    from shapely.geometry import shape  # noqa: PLC0415 - shapely import kept off the light paths
    from shapely.validation import explain_validity  # noqa: PLC0415

    try:
        geom = shape(geometry)
    except Exception as exc:  # shapely raises several types for malformed input
        raise DataError(f"geometry cannot be built ({exc})", field="geometry") from None
    if geom.is_empty:
        raise DataError("geometry is empty", field="geometry")
    if not geom.is_valid:
        raise DataError(f"invalid geometry: {explain_validity(geom)}", field="geometry")
