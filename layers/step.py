"""The per-date state sent to the browser on each step: small, and independent of the data size.

The base map carries all features once; a step only says which route is in use, the status
colour, which checkpoints exist, the day, the current events and the user's display choices.
"""

from __future__ import annotations

from collections.abc import Sequence

from corridor.dates import format_day
from corridor.naming import Naming
from corridor.records import Dataset
from corridor.region import disagreement_on, region_states
from corridor.text import escape
from corridor.timemodel import MapState
from corridor.view import Tiles
from layers.contract import RouteState, StepState
from layers.events import day_number
from layers.style import PAST_ROUTE_COLOUR, STATUS_LABELS, route_style


def route_states(ds: Dataset, state: MapState) -> dict[str, RouteState]:
    """For each route: in use, past (faded) or hidden (not yet opened)."""
    past = {r.id for r in state.past_routes}
    in_use = state.route_in_use.id if state.route_in_use else None
    return {r.id: "in_use" if r.id == in_use else "past" if r.id in past else "hidden" for r in ds.routes}


def build_step_state(
    ds: Dataset,
    state: MapState,
    *,
    naming: Naming,
    layers: Sequence[str],
    tiles: Tiles = "bundled",
    selected_event: str | None = None,
    fit: Sequence[Sequence[float]] | None = None,
) -> StepState:
    """The JSON-ready state for ``CorridorMap.apply`` (static/app/corridor_map.js)."""
    status_label = STATUS_LABELS[state.status] if state.status else "No status recorded"
    current = [e.id for e in state.current_events]
    region = region_states(ds.region_features, state.day)
    return {
        "day": state.day.isoformat(),
        "dayNumber": day_number(state.day),
        "dayLabel": escape(format_day(state.day)),
        "status": state.status,
        "statusLabel": escape(status_label),
        "routes": route_states(ds, state),
        "region": region,
        "regionNote": escape(region_note(ds, state) or "") or None,
        "routeColor": route_style(state.status)["color"],
        "pastColor": PAST_ROUTE_COLOUR,
        "checkpoints": [p.id for p in state.checkpoints],
        "currentEvents": current,
        "selectedEvent": selected_event if selected_event in current else (current[0] if current else None),
        "naming": naming,
        "layers": list(layers),
        "tiles": tiles,
        "fit": [list(corner) for corner in fit] if fit else None,
    }


DISAGREEMENT_NOTE = (
    "Where the data disagree: the 2020 area's corridor strip follows the road used until 30 Aug 2022; "
    "later routes and the Hakari bridge fall partly outside it."
)
FORMER_NOTE = (
    "Dashed brown outline: area held by the Nagorno-Karabakh (Artsakh) authorities until 20 Sep 2023 (former)."
)


def region_note(ds: Dataset, state: MapState) -> str | None:
    """The map note about the region outlines on this day: where they disagree, or that one is former."""
    route = state.route_in_use.id if state.route_in_use else None
    if disagreement_on(ds.region_features, state.day, route):
        return DISAGREEMENT_NOTE
    if "former" in region_states(ds.region_features, state.day).values():
        return FORMER_NOTE
    return None
