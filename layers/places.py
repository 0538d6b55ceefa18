"""Named places (not checkpoints), labelled with the names each side uses."""

from __future__ import annotations

from typing import Any

from corridor.naming import NAMINGS, place_name
from corridor.records import Dataset, Place
from corridor.text import escape
from layers.geojson import collection, feature
from layers.popups import place_popup

MAJOR_KINDS = ("city", "capital", "town")
DEFAULT_LABEL = ("right", (6, 0))
# Hand-placed labels where places crowd each other at the home view (zoom 10): (direction, offset px).
# tests/e2e/test_map_page.py checks that no two labels overlap there.
LABEL_PLACEMENT: dict[str, tuple[str, tuple[int, int]]] = {
    "tegh": ("left", (-6, 0)),
    "kornidzor": ("right", (2, 34)),
    "hakari_bridge": ("right", (8, -8)),
    "sus": ("bottom", (0, 6)),
    "lachin": ("left", (-8, -6)),
    "lisagor": ("top", (0, -8)),
}
LONG_LABEL = 26


def label_names(place: Place) -> dict[str, str]:
    """Escaped map labels for each naming choice; a long 'both' label wraps onto two lines."""
    names: dict[str, str] = {n: escape(place_name(place, n)) for n in NAMINGS}
    if len(names["both"]) > LONG_LABEL and place.name_hy != place.name_az:
        names["both"] = f"{escape(place.name_hy)} /<br>{escape(place.name_az)}"
    return names


def place_feature(place: Place, cls: str) -> dict[str, Any]:
    """A point feature with escaped labels for every naming choice and an escaped popup."""
    return feature(
        place.id,
        {"type": "Point", "coordinates": list(place.lonlat)},
        {
            "cls": cls,
            "names": label_names(place),
            "popup": place_popup(place),
            "major": place.kind in MAJOR_KINDS,
            "uncertainty_m": place.uncertainty_m,
            "label_dir": LABEL_PLACEMENT.get(place.id, DEFAULT_LABEL)[0],
            "label_offset": list(LABEL_PLACEMENT.get(place.id, DEFAULT_LABEL)[1]),
        },
    )


def build_places_layer(ds: Dataset) -> dict[str, Any]:
    """Every place except checkpoints (they are their own dated layer)."""
    return collection(
        [
            place_feature(p, f"cm-place cm-place-{p.kind}" + (" cm-derived" if p.derived else ""))
            for p in ds.places
            if p.kind != "checkpoint"
        ]
    )
