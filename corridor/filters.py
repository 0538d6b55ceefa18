"""Slices of the timeline and of tables: by actor, type, days and free text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from corridor.records import Event


@dataclass(frozen=True)
class EventFilter:
    """A slice of the timeline: any of these actors and types, overlapping the days, matching the text."""

    actors: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    first: dt.date | None = None
    last: dt.date | None = None
    text: str = ""


def filter_events(events: Iterable[Event], f: EventFilter) -> tuple[Event, ...]:
    """The events that pass the filter (an empty actor or type list means all)."""
    needle = f.text.strip().casefold()
    out = []
    for e in events:
        if f.actors and not set(f.actors) & set(e.actors):
            continue
        if f.types and e.event_type not in f.types:
            continue
        if (f.first and e.date.last < f.first) or (f.last and e.date.first > f.last):
            continue
        if needle and needle not in _haystack(e.id, e.title, e.description, e.place_label, e.event_type, *e.actors):
            continue
        out.append(e)
    return tuple(out)


def _haystack(*parts: str | None) -> str:
    return " ".join(p for p in parts if p).casefold()


def row_matches(row: dict[str, Any], text: str) -> bool:
    """True when any value of the row contains ``text`` (any case)."""
    needle = text.strip().casefold()
    return not needle or needle in _haystack(*(str(v) for v in row.values() if v is not None))
