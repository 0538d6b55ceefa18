"""Located events as compact columns, so thousands of them load once and filter by day in the browser."""

from __future__ import annotations

import datetime as dt
from typing import Any

from corridor.records import Dataset
from corridor.text import escape
from layers.style import EVENT

EPOCH = dt.date(1970, 1, 1)


def day_number(day: dt.date) -> int:
    """Days since 1970-01-01, the integer the browser compares."""
    return (day - EPOCH).days


def clustered(ds: Dataset) -> bool:
    """Whether the map clusters the events (static/app/corridor_map.js: more located events than
    ``EVENT["cluster_above"]``), so a legend shows the cluster symbol only when the map can draw it."""
    return sum(1 for e in ds.events if e.lonlat is not None) > int(EVENT["cluster_above"])


def build_events_layer(ds: Dataset) -> dict[str, Any]:
    """Columns for every event with a position; ``day`` is its anchor (see corridor.records.Event)."""
    located = [e for e in ds.events if e.lonlat is not None]
    return {
        "columns": True,
        "id": [e.id for e in located],
        "lon": [round(e.lonlat[0], 5) for e in located if e.lonlat],
        "lat": [round(e.lonlat[1], 5) for e in located if e.lonlat],
        "day": [day_number(e.anchor) for e in located],
        "title": [escape(e.title) for e in located],
        "date": [escape(e.date.label) for e in located],
    }
