"""The former NKAO boundary (1923-1991), derived: a historical reference layer, off by default."""

from __future__ import annotations

from typing import Any

from corridor.records import Dataset
from corridor.region import of_layer
from layers.popups import region_popup


def build_nkao_layer(ds: Dataset) -> dict[str, Any]:
    """The derived NKAO outline with its derivation in the popup."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": f.id,
                "geometry": f.geometry,
                "properties": {"id": f.id, "cls": "cm-nkao cm-derived", "popup": region_popup(f)},
            }
            for f in of_layer(ds.region_features, "nkao")
        ],
    }
