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
    "restricted": "#332288",  # Paul Tol's indigo: Okabe-Ito has no further colour that reads on pale land
    "closed": "#000000",
    "exodus": "#CC79A7",
}
STATUS_LABELS: dict[CorridorStatus, str] = {
    "open": "Open",
    "blocked": "Blocked",
    "checkpoint": "Checkpoint",
    "restricted": "Restricted (ICRC and peacekeepers only)",
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
# Region outlines (Natural Earth). Brown for the de facto area, so it never reads as a status colour.
NK_AREA: dict[str, Any] = {"color": "#8c510a", "fill": "#dfc27d", "fill_opacity": 0.28, "weight": 2.2}
NK_FORMER: dict[str, Any] = {"color": "#8c510a", "opacity": 0.55, "weight": 1.6, "dash": "6 6"}
CORRIDOR_EDGES: dict[str, Any] = {"color": "#8c510a", "weight": 3.0}
NKAO: dict[str, Any] = {"color": "#4d4d4d", "weight": 1.8, "dash": "2 6"}
RIVER: dict[str, Any] = {"color": "#4f8fc9", "weight": 1.8, "label": "#1f4e79"}
# Event markers sit under place markers, so they read as halos around the places they happened at.
# Above ``cluster_above`` located events the map clusters them (with counts) below ``cluster_until_zoom``;
# the events of the day shown are never clustered.
EVENT: dict[str, Any] = {
    "color": "#0072B2",
    "current": "#D55E00",
    "radius_px": 9,
    "current_radius_px": 13,
    "cluster_above": 200,
    "cluster_until_zoom": 14,
}


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
        {
            "kind": "cluster",
            "color": str(EVENT["color"]),
            "label": f"Cluster: number of events up to the day shown (more than {EVENT['cluster_above']} events, "
            "zoomed out; click to zoom in)",
        },
        {"kind": "line", "color": BORDER["color"], "label": "Armenia-Azerbaijan border (OSM)"},
        {
            "kind": "area",
            "color": NK_AREA["color"],
            "label": "Area held by the Nagorno-Karabakh (Artsakh) authorities, 10 Nov 2020 to 20 Sep 2023: "
            "de facto control, not sovereignty (internationally part of Azerbaijan)",
            "short": "NK (Artsakh) authorities' area 2020-23:\nde facto control, not sovereignty",
            "layer": "nk2020",
        },
        {
            "kind": "dash",
            "color": NK_FORMER["color"],
            "label": "Same area after 20 Sep 2023: former (faint, dashed)",
            "short": "Same area after 20 Sep 2023 (former)",
            "layer": "nk2020-former",
        },
        {
            "kind": "line",
            "color": CORRIDOR_EDGES["color"],
            "label": "2020 corridor edges, road used until 30 Aug 2022 (later routes and the Hakari bridge "
            "may fall outside the 2020 area)",
            "short": "2020 corridor edges (until 30 Aug 2022)",
            "layer": "edges",
        },
        {
            "kind": "dash",
            "color": NKAO["color"],
            "label": "Former NKAO boundary, 1923-1991 (derived; off by default)",
            "short": "Former NKAO boundary 1923-91 (derived)",
            "layer": "nkao",
        },
        {
            "kind": "line",
            "color": RIVER["color"],
            "label": "River (the Hakari river is not drawn: no data)",
            "short": "River (Hakari river not drawn: no data)",
            "layer": "rivers",
        },
    ]
    return rows
