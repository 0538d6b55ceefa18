"""Slides: one per chosen event, each with the map state on its day and what changed since the last.

``what_changed`` compares two ``MapState``s from the time model (corridor.timemodel) and writes
plain sentences: the route switched, the status changed, a checkpoint appeared or was removed,
new statements were made. Slides may be in any order, so going back in time is said too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from corridor.dates import format_day
from corridor.naming import DEFAULT_NAMING, Naming, place_name
from corridor.records import Event, Statement
from corridor.timemodel import MapState, Timeline
from export.briefing import Briefing
from layers.mapconfig import HOME_BOUNDS
from layers.style import STATUS_LABELS

Bounds = tuple[tuple[float, float], tuple[float, float]]  # ((south, west), (north, east))

# Half the height and width of the view fitted around an event with a position (about 30 km).
PAD_LAT = 0.13
PAD_LON = 0.2
MAX_SPEAKERS_LISTED = 6


@dataclass(frozen=True)
class Slide:
    """One slide: an event, the map on its day, and the change since the previous slide."""

    number: int
    event: Event
    state: MapState
    changes: tuple[str, ...]
    note: str
    fit: Bounds

    @property
    def changes_text(self) -> str:
        """The 'what changed' sentences as one line."""
        return " ".join(self.changes)

    @property
    def day_label(self) -> str:
        """The event's date as people write it ('23 Apr 2023', 'Jul 2021')."""
        return self.event.date.label


def event_bounds(event: Event) -> Bounds:
    """The view fitted to an event: a box around its position, or the corridor's home view."""
    if event.lonlat is None:
        return HOME_BOUNDS
    lon, lat = event.lonlat
    return ((round(lat - PAD_LAT, 5), round(lon - PAD_LON, 5)), (round(lat + PAD_LAT, 5), round(lon + PAD_LON, 5)))


def build_slides(tl: Timeline, briefing: Briefing, naming: Naming = DEFAULT_NAMING) -> tuple[Slide, ...]:
    """The briefing's slides in its order (unknown event ids are skipped)."""
    known = {e.id for e in tl.dataset.events}
    slides: list[Slide] = []
    previous: MapState | None = None
    for eid in briefing.events:
        if eid not in known:
            continue
        event = tl.dataset.event(eid)
        state = tl.state_at(event.anchor)
        changes = what_changed(previous, state, naming)
        slides.append(Slide(len(slides) + 1, event, state, changes, briefing.note(eid), event_bounds(event)))
        previous = state
    return tuple(slides)


def what_changed(before: MapState | None, after: MapState, naming: Naming = DEFAULT_NAMING) -> tuple[str, ...]:
    """Plain sentences saying what is different on ``after``'s map compared with ``before``'s."""
    if before is None:
        return (f"First slide: the map as it stood on {format_day(after.day)}.", *_baseline(after))
    if before.day == after.day:
        return ("Same day as the previous slide: the route, status and checkpoints are unchanged.",)
    out: list[str] = []
    if after.day < before.day:
        out.append(f"This slide goes back in time, from {format_day(before.day)} to {format_day(after.day)}.")
    out += _route_change(before, after)
    out += _status_change(before, after)
    out += _checkpoint_change(before, after, naming)
    if len(out) == (1 if after.day < before.day else 0):
        out.append("The route, the corridor status and the checkpoints are unchanged since the previous slide.")
    out += _new_statements(before, after)
    return tuple(out)


def _status_note(state: MapState) -> list[str]:
    """The note of the event that set the status (who could pass, per which source), wherever the status shows."""
    note = state.status_event.status_note.strip() if state.status_event else ""
    return [f"Status note: {note}" + ("" if note.endswith((".", "!", "?")) else ".")] if note else []


def _baseline(state: MapState) -> list[str]:
    status = STATUS_LABELS[state.status] if state.status else "none recorded"
    route = state.route_in_use.title if state.route_in_use else "none"
    return [f"Corridor status: {status}.", *_status_note(state), f"Route in use: {route}."]


def _route_change(before: MapState, after: MapState) -> list[str]:
    a, b = before.route_in_use, after.route_in_use
    if a == b:
        return []
    if a is not None and b is not None:
        return [f"The route switched from {a.title} to {b.title}."]
    if b is not None:
        return [f"The corridor route is now in use: {b.title}."]
    return [f"No route is in use any more (the last was: {a.title})."] if a is not None else []


def _status_change(before: MapState, after: MapState) -> list[str]:
    a, b = before.status, after.status
    if a == b:
        return []
    if b is None:
        return [f"No corridor status is recorded on this day (it was {STATUS_LABELS[a]})."] if a else []
    if a is None:
        return [f"The corridor status is now {STATUS_LABELS[b]} (none was recorded before).", *_status_note(after)]
    return [f"The corridor status changed from {STATUS_LABELS[a]} to {STATUS_LABELS[b]}.", *_status_note(after)]


def _checkpoint_change(before: MapState, after: MapState, naming: Naming) -> list[str]:
    old = {p.id: p for p in before.checkpoints}
    new = {p.id: p for p in after.checkpoints}
    added = [place_name(p, naming) for pid, p in new.items() if pid not in old]
    removed = [place_name(p, naming) for pid, p in old.items() if pid not in new]
    out = []
    if added:
        out.append(
            ("A checkpoint appeared: " if len(added) == 1 else "Checkpoints appeared: ") + "; ".join(added) + "."
        )
    if removed:
        out.append(
            ("A checkpoint was removed: " if len(removed) == 1 else "Checkpoints were removed: ")
            + "; ".join(removed)
            + "."
        )
    return out


def _new_statements(before: MapState, after: MapState) -> list[str]:
    seen = {s.id for s in before.statements_so_far}
    new = [s for s in after.statements_so_far if s.id not in seen]
    if not new:
        return []
    speakers = _speakers(new)
    listed = "; ".join(speakers[:MAX_SPEAKERS_LISTED]) + (" and others" if len(speakers) > MAX_SPEAKERS_LISTED else "")
    count = "1 new statement" if len(new) == 1 else f"{len(new)} new statements"
    return [f"{count} since the previous slide, by {listed}."]


def _speakers(statements: Sequence[Statement]) -> list[str]:
    out: list[str] = []
    for s in statements:
        label = f"{s.speaker} ({s.date.label})"
        if label not in out:
            out.append(label)
    return out
