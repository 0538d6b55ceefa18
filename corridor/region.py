"""The region's outlines: who held what and when, historical boundaries, corridor edges, rivers.

All from Natural Earth (geo/README.md). A dated outline describes control only on its days; after
its last day it is either drawn as a faint "former" outline or hidden (its ``after`` field). One
rule here serves the map's per-day state, the static maps and the exports.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from corridor import fields
from corridor.errors import DataError
from corridor.geometry import check_geometry
from corridor.records import AFTERS, CONFIDENCES, After, OutlineState, RegionFeature, RegionLayer

GEOMETRY_TYPES: dict[RegionLayer, tuple[str, ...]] = {
    "nk_2020": ("Polygon", "MultiPolygon"),
    "nkao": ("Polygon", "MultiPolygon"),
    "edges": ("LineString", "MultiLineString"),
    "rivers": ("LineString", "MultiLineString"),
}
HAKARI_RIVER_NOTE = (
    "The Hakari (Akera) river, which the Hakari bridge crosses, is in no dataset we can reach "
    "(Natural Earth's 'Vorotan' line follows only the lower Akera below Gubadly): it is not drawn on this map."
)


def parse_region_feature(feature: Any, layer: RegionLayer) -> RegionFeature:
    """A region feature of ``layer``: geometry type, provenance fields and dates checked."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise DataError("expected a GeoJSON Feature", value=type(feature).__name__)
    props = feature.get("properties")
    if not isinstance(props, dict):
        raise DataError("feature has no properties object", field="properties", value=props)
    geometry = check_geometry(feature.get("geometry"), GEOMETRY_TYPES[layer])
    if props.get("layer") != layer:
        raise DataError(f"feature belongs to layer {layer!r}", field="layer", value=props.get("layer"))
    validity = fields.validity(props)
    after: After = fields.choice(props, "after", AFTERS) if props.get("after") is not None else "hidden"
    if props.get("after") is not None and validity.last is None:
        raise DataError("'after' needs a valid_to date", field="after", value=props.get("after"))
    if props.get("derived") is True and not fields.text(props, "derivation", required=False):
        raise DataError("a derived outline must say how it was derived", field="derivation")
    fid = fields.text(props, "id")
    return RegionFeature(
        id=fid,
        layer=layer,
        title=fields.text(props, "title"),
        geometry=geometry,
        validity=validity,
        after=after,
        source=fields.text(props, "source"),
        licence=fields.text(props, "licence"),
        confidence=fields.choice(props, "confidence", CONFIDENCES),
        caveat=fields.text(props, "caveat"),
        properties=props,
    )


def region_states(features: tuple[RegionFeature, ...], day: dt.date) -> dict[str, OutlineState]:
    """Each dated feature's state on ``day`` (undated features are always drawn)."""
    return {f.id: f.state_on(day) for f in features if f.dated}


def of_layer(features: tuple[RegionFeature, ...], layer: RegionLayer) -> tuple[RegionFeature, ...]:
    """The features of one layer."""
    return tuple(f for f in features if f.layer == layer)


def disagreement_on(features: tuple[RegionFeature, ...], day: dt.date, route_id: str | None) -> str | None:
    """The note to show when a current outline and a later route are on the map together."""
    if route_id is None or route_id == EARLY_ROUTE:
        return None
    for f in features:
        note = f.properties.get("disagreement")
        if isinstance(note, str) and note and f.state_on(day) == "current":
            return note
    return None


EARLY_ROUTE = "route_A_old_highway"  # the road the 2020 polygon's corridor strip follows
