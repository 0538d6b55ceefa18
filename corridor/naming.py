"""Neutral naming: show a place by its Armenian name, its Azerbaijani name, or both."""

from __future__ import annotations

from typing import Literal

from corridor.records import Place

Naming = Literal["both", "hy", "az"]
NAMINGS: tuple[Naming, ...] = ("both", "hy", "az")
NAMING_LABELS: dict[Naming, str] = {
    "both": "Both (Armenian / Azerbaijani)",
    "hy": "Armenian usage",
    "az": "Azerbaijani usage",
}
DEFAULT_NAMING: Naming = "both"


def place_name(place: Place, naming: Naming = DEFAULT_NAMING) -> str:
    """The label for ``place``: 'Berdzor / Lachin' for both, one name otherwise.

    'Both' puts the Armenian usage first and the Azerbaijani second, always in that order, so a
    reader learns the pattern once; identical names are shown once.
    """
    if naming == "hy":
        return place.name_hy
    if naming == "az":
        return place.name_az
    if place.name_hy == place.name_az:
        return place.name_hy
    return f"{place.name_hy} / {place.name_az}"


def native_names(place: Place) -> str:
    """The names in their own scripts, where the sources give them ('Բերձոր · Laçın')."""
    return " · ".join(n for n in (place.name_hy_native, place.name_az_native) if n)
