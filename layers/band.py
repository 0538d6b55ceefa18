"""The illustrative 5 km corridor band (para 6 of the 2020 statement), with its warning."""

from __future__ import annotations

from typing import Any

from corridor.records import Dataset
from layers.geojson import collection, feature
from layers.popups import band_popup


def build_band_layer(ds: Dataset) -> dict[str, Any]:
    """One polygon per route's band; the class ties it to its route."""
    return collection(
        [
            feature(
                b.id,
                b.geometry,
                {"route_id": b.route_id, "cls": f"cm-band cm-band-{b.route_id}", "popup": band_popup(b)},
            )
            for b in ds.bands
        ]
    )
