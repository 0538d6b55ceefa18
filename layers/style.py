"""One source of colours and symbols, shared by the interactive map and the static exports.

Status colours are from the Okabe-Ito palette (colour-blind safe) and each status also has its
own dash pattern, so the legend does not rely on colour alone.
"""

from __future__ import annotations

from typing import Any

from corridor.records import CorridorStatus

STATUS_COLOURS: dict[CorridorStatus, str] = {
    "open": "#009E73",
    "blocked": "#E69F00",
    "checkpoint": "#D55E00",
    "closed": "#000000",
    "exodus": "#CC79A7",
}
STATUS_LABELS: dict[CorridorStatus, str] = {
    "open": "Open",
    "blocked": "Blocked",
    "checkpoint": "Checkpoint",
    "closed": "Closed",
    "exodus": "Exodus (one-way out)",
}
NO_STATUS_COLOUR = "#0072B2"
PAST_ROUTE_COLOUR = "#7f7f7f"
SCHEMATIC_DASH = "8 6"

LAND = {"fill": "#f4f1ea", "stroke": "#b9b2a3"}
LAND_FOCUS = {"ARM": "#f6efdc", "AZE": "#e6eee2"}
WATER = "#c9dff0"
BORDER: dict[str, Any] = {"color": "#5b4b8a", "weight": 2.0}
GRATICULE = {"color": "#9fb3c8", "weight": 0.6, "dash": "2 4"}
BAND: dict[str, Any] = {"color": "#0072B2", "fill": "#56B4E9", "fill_opacity": 0.18, "dash": "4 4"}
CHECKPOINT: dict[str, Any] = {"color": "#D55E00", "radius_px": 9, "uncertainty_fill": "#D55E00"}
PLACE = {"color": "#333333", "fill": "#ffffff", "radius_px": 4}
# Event markers sit under place markers, so they read as halos around the places they happened at.
EVENT = {"color": "#0072B2", "current": "#D55E00", "radius_px": 9, "current_radius_px": 13}


def route_style(status: CorridorStatus | None) -> dict[str, Any]:
    """The style of the route in use for a corridor status."""
    return {"color": STATUS_COLOURS.get(status, NO_STATUS_COLOUR) if status else NO_STATUS_COLOUR}


def legend_entries() -> list[dict[str, str]]:
    """Legend rows: status colour swatches plus the symbols used for honesty markers."""
    rows = [{"kind": "line", "color": c, "label": STATUS_LABELS[s]} for s, c in STATUS_COLOURS.items()]
    rows += [
        {"kind": "dash", "color": "#444444", "label": "Schematic route (not the surveyed road)"},
        {"kind": "line", "color": PAST_ROUTE_COLOUR, "label": "Earlier route (no longer used)"},
        {"kind": "band", "color": BAND["color"], "label": "5 km band (illustrative only)"},
        {"kind": "circle", "color": CHECKPOINT["color"], "label": "Checkpoint (±1.5 km: derived position)"},
        {"kind": "circle", "color": str(EVENT["color"]), "label": "Event (up to the day shown)"},
        {"kind": "circle", "color": str(EVENT["current"]), "label": "Event of the day shown"},
        {"kind": "line", "color": BORDER["color"], "label": "Armenia-Azerbaijan border (OSM)"},
    ]
    return rows
