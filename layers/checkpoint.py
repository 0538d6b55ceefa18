"""Checkpoints: dated point features drawn with their uncertainty radius."""

from __future__ import annotations

from typing import Any

from corridor.records import Dataset
from layers.geojson import collection
from layers.places import place_feature
from layers.popups import checkpoint_popup


def build_checkpoint_layer(ds: Dataset) -> dict[str, Any]:
    """Checkpoint places; the browser shows each only on the days the time model says it exists."""
    features = []
    for p in ds.places:
        if p.kind != "checkpoint":
            continue
        feature = place_feature(p, "cm-checkpoint" + (" cm-derived" if p.derived else ""))
        feature["properties"]["popup"] = checkpoint_popup(p)
        # A place at the very same point (the bridge) gives up its label while the checkpoint shows.
        feature["properties"]["covers"] = [q.id for q in ds.places if q.id != p.id and q.lonlat == p.lonlat]
        features.append(feature)
    return collection(features)
