"""The GeoJSON the map's layers are made of: one feature with its id and properties, and a collection."""

from __future__ import annotations

from typing import Any


def feature(feature_id: str, geometry: dict[str, Any], properties: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON Feature whose id is also a property (the map's JavaScript reads it from there)."""
    return {"type": "Feature", "id": feature_id, "geometry": geometry, "properties": {"id": feature_id, **properties}}


def collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of ``features``."""
    return {"type": "FeatureCollection", "features": features}
