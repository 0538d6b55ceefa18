"""Checkpoints: dated point features drawn with their uncertainty radius."""

from __future__ import annotations

from typing import Any

from corridor.records import Dataset
from layers.places import place_feature


def build_checkpoint_layer(ds: Dataset) -> dict[str, Any]:
    """Checkpoint places; the browser shows each only on the days the time model says it exists."""
    return {
        "type": "FeatureCollection",
        "features": [
            place_feature(p, "cm-checkpoint" + (" cm-derived" if p.derived else ""))
            for p in ds.places
            if p.kind == "checkpoint"
        ],
    }
