"""Measurement lines for a day, each carrying its caveat."""

from __future__ import annotations

from corridor import measure
from corridor.records import Dataset
from corridor.timemodel import MapState


def measurements_for(ds: Dataset, state: MapState) -> list[str]:
    """Route length in use and checkpoint distances, as plain-text sentences."""
    lines = []
    if state.route_in_use is not None:
        lines.append(measure.route_length(state.route_in_use).text)
    else:
        lines.append("No corridor route is in use on this day.")
    ids = {p.id for p in ds.places}
    for checkpoint in state.checkpoints:
        for target in ("stepanakert", "goris"):
            if target in ids:
                lines.append(measure.straight_distance(checkpoint, ds.place(target)).text)
    return lines
