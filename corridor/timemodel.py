"""The time model: what the map shows on a given day.

Rules (tests/unit/test_corridor_timemodel.py pins each):
- An event has surely happened on ``day`` when the last day of its span is on or before ``day``;
  a month-precision event ("Jul 2021") has therefore not happened on 1 Jul.
- The route in use is the route valid on ``day`` that started last (on a switch-over day the new
  route wins); routes that ended, or were superseded, are "past"; routes not yet opened are hidden.
- The corridor status is the one set by the latest event that has happened and sets a status.
- A statement has been said on ``day`` when the last day of its date is on or before ``day``; one
  dated later is "said later" and is never presented as already said (``split_said``).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from corridor.records import CorridorStatus, Dataset, Event, Place, Route, Statement


@dataclass(frozen=True)
class MapState:
    """The state of the corridor on one day."""

    day: dt.date
    route_in_use: Route | None
    past_routes: tuple[Route, ...]
    status: CorridorStatus | None
    status_event: Event | None
    checkpoints: tuple[Place, ...]
    events_so_far: tuple[Event, ...]
    current_events: tuple[Event, ...]
    in_progress: tuple[Event, ...]
    statements_so_far: tuple[Statement, ...]


class Timeline:
    """Answers date questions about a Dataset; build once per dataset, query often."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self._events = dataset.events  # the loader sorts them by anchor
        self._anchors = [e.anchor for e in self._events]
        # Indexes built once, so a query does no work per event (a step at 100,000 events stays flat):
        # the positions of the events that set a status, and the events that span more than one day
        # (the only ones that can be in progress), with their positions.
        self._status_positions = [i for i, e in enumerate(self._events) if e.status is not None]
        self._spanning = [(i, e) for i, e in enumerate(self._events) if e.date.first < e.anchor]

    @cached_property
    def stops(self) -> tuple[dt.date, ...]:
        """The distinct days the slider steps through: each event's anchor day."""
        return tuple(sorted(set(self._anchors)))

    def events_on(self, day: dt.date) -> tuple[Event, ...]:
        """Events whose anchor is exactly ``day``."""
        lo = bisect.bisect_left(self._anchors, day)
        hi = bisect.bisect_right(self._anchors, day)
        return self._events[lo:hi]

    def previous_stop(self, day: dt.date) -> dt.date | None:
        """The last stop strictly before ``day``."""
        i = bisect.bisect_left(self.stops, day)
        return self.stops[i - 1] if i > 0 else None

    def next_stop(self, day: dt.date) -> dt.date | None:
        """The first stop strictly after ``day``."""
        i = bisect.bisect_right(self.stops, day)
        return self.stops[i] if i < len(self.stops) else None

    def nearest_stop(self, day: dt.date) -> dt.date:
        """The stop on or before ``day`` (the first stop when ``day`` is earlier; ``day`` with no events)."""
        if not self.stops:
            return day
        i = bisect.bisect_right(self.stops, day)
        return self.stops[max(i - 1, 0)]

    def state_at(self, day: dt.date) -> MapState:
        """The map as it stood on ``day``."""
        n = bisect.bisect_right(self._anchors, day)
        so_far = self._events[:n]
        current = self.events_on(so_far[-1].anchor) if so_far else ()
        last_status = bisect.bisect_left(self._status_positions, n) - 1
        status_event = self._events[self._status_positions[last_status]] if last_status >= 0 else None
        in_use = route_in_use(self.dataset.routes, day)
        past = tuple(
            r
            for r in self.dataset.routes
            if r is not in_use and r.validity.first is not None and r.validity.first <= day
        )
        return MapState(
            day=day,
            route_in_use=in_use,
            past_routes=past,
            status=status_event.status if status_event else None,
            status_event=status_event,
            checkpoints=tuple(p for p in self.dataset.places if p.kind == "checkpoint" and p.validity.holds_on(day)),
            events_so_far=so_far,
            current_events=current,
            in_progress=tuple(e for i, e in self._spanning if i >= n and e.date.first <= day),
            statements_so_far=tuple(s for s in self.dataset.statements if said_by(s, day)),
        )


def said_by(statement: Statement, day: dt.date) -> bool:
    """True when the statement had surely been made by ``day`` (its date's last day is on or before it)."""
    return statement.date.last <= day


def split_said(statements: Sequence[Statement], day: dt.date) -> tuple[tuple[Statement, ...], tuple[Statement, ...]]:
    """(already said on ``day``, said later), each in the given order."""
    return (
        tuple(s for s in statements if said_by(s, day)),
        tuple(s for s in statements if not said_by(s, day)),
    )


def route_in_use(routes: tuple[Route, ...], day: dt.date) -> Route | None:
    """The route valid on ``day`` that started last, or None."""
    valid = [r for r in routes if r.validity.holds_on(day)]
    return max(valid, key=lambda r: r.validity.first or dt.date.min, default=None)
