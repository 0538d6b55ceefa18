"""The briefing file: which events become slides, in which order, with the presenter's notes.

The project's own small JSON format::

    {"format": "lachin-briefing", "version": 1, "title": "...", "events": ["ev-..."], "notes": {"ev-...": "..."}}

Files are validated on load: a wrong format or version stops the load with a message; unknown
or repeated event ids are reported and skipped while the rest still loads. Saving is atomic
(a temporary file in the same folder, fsync, then os.replace) under a sanitised name, in
userdata/briefings/ (not in git) or the folder the CORRIDOR_BRIEFINGS environment variable names.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from corridor.atomic import write_atomic
from corridor.records import Dataset, Event
from corridor.text import slug

FORMAT = "lachin-briefing"
VERSION = 1
BRIEFINGS_ENV = "CORRIDOR_BRIEFINGS"
DEFAULT_DIR = Path(__file__).resolve().parent.parent / "userdata" / "briefings"
DEFAULT_TITLE = "The Lachin Corridor, 2020-2024"
MAX_BYTES = 1_000_000
MAX_TITLE = 200
MAX_NOTE = 20_000
MAX_NAME = 80
SUFFIX = ".json"
CONFIRM_ABOVE = 60  # slides; a longer briefing asks before it is built (minutes of work)


class BriefingError(ValueError):
    """A briefing file that cannot be loaded at all (not JSON, wrong format or version)."""


@dataclass(frozen=True)
class Briefing:
    """A titled, ordered choice of events, with optional speaker notes per event."""

    title: str
    events: tuple[str, ...]
    notes: dict[str, str] = field(default_factory=dict)

    def note(self, event_id: str) -> str:
        """The speaker note for an event ('' when none)."""
        return self.notes.get(event_id, "")


@dataclass(frozen=True)
class LoadedBriefing:
    """A briefing read from a file, with every problem that was skipped over."""

    briefing: Briefing
    problems: tuple[str, ...] = ()


def _in_date_order(events: Iterable[Event]) -> list[Event]:
    return sorted(events, key=lambda e: (e.anchor, e.date.first))


def default_briefing(ds: Dataset, title: str = DEFAULT_TITLE, imported: Collection[str] = ()) -> Briefing:
    """The curated events, one slide each, in date order; ``imported`` ids are left out (added by choice)."""
    return Briefing(title, tuple(e.id for e in _in_date_order(ds.events) if e.id not in imported))


@dataclass(frozen=True)
class EventFilter:
    """A choice of events by date range, type and actor; an empty set means any."""

    start: dt.date | None = None
    end: dt.date | None = None
    types: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()


def filter_events(events: Iterable[Event], choice: EventFilter) -> tuple[Event, ...]:
    """The events that match every part of ``choice``, in date order.

    An event matches the date range when its span overlaps it; the actors when it names any of them.
    """
    out = []
    for e in events:
        if choice.start is not None and e.date.last < choice.start:
            continue
        if choice.end is not None and e.date.first > choice.end:
            continue
        if choice.types and e.event_type not in choice.types:
            continue
        if choice.actors and not choice.actors.intersection(e.actors):
            continue
        out.append(e)
    return tuple(_in_date_order(out))


def with_added(briefing: Briefing, event_ids: Iterable[str]) -> Briefing:
    """The briefing with ``event_ids`` appended (those already in it are not repeated)."""
    return replace(
        briefing, events=briefing.events + tuple(i for i in dict.fromkeys(event_ids) if i not in briefing.events)
    )


def needs_confirmation(slide_count: int) -> bool:
    """True when a briefing is long enough that building it should be confirmed first."""
    return slide_count > CONFIRM_ABOVE


def briefing_to_dict(briefing: Briefing) -> dict[str, Any]:
    """The JSON-ready form; notes are kept only for selected events and only when not blank."""
    notes = {eid: briefing.notes[eid] for eid in briefing.events if briefing.notes.get(eid, "").strip()}
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": briefing.title,
        "events": list(briefing.events),
        "notes": notes,
    }


def briefing_json(briefing: Briefing) -> str:
    """The briefing file's text (UTF-8, indented for people who read it)."""
    return json.dumps(briefing_to_dict(briefing), ensure_ascii=False, indent=2) + "\n"


def parse_briefing(raw: bytes | str, known_ids: Collection[str], *, name: str = "briefing file") -> LoadedBriefing:
    """Validate a briefing file; raise BriefingError when it cannot be used at all."""
    doc = _decode(raw, name)
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise BriefingError(f'{name} is not a briefing file: expected "format": "{FORMAT}"')
    if doc.get("version") != VERSION:
        raise BriefingError(f"{name} has version {doc.get('version')!r}; this dashboard reads version {VERSION}")
    problems: list[str] = []
    title = doc.get("title", DEFAULT_TITLE)
    if not isinstance(title, str) or not title.strip():
        problems.append("The title is missing or not text; the default title is used.")
        title = DEFAULT_TITLE
    events = _event_ids(doc.get("events"), known_ids, problems)
    notes = _notes(doc.get("notes", {}), known_ids, problems)
    return LoadedBriefing(Briefing(title.strip()[:MAX_TITLE], events, notes), tuple(problems))


def _decode(raw: bytes | str, name: str) -> Any:
    if len(raw) > MAX_BYTES:
        raise BriefingError(f"{name} is larger than {MAX_BYTES // 1000} kB; a briefing file is a few kB")
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        return json.loads(text)
    except UnicodeDecodeError:
        raise BriefingError(f"{name} is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise BriefingError(f"{name} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise BriefingError(f"{name} is nested too deeply") from None
    except ValueError:  # integers longer than Python's int-string limit (4300 digits)
        raise BriefingError(f"{name} holds a number too long to read") from None


def _event_ids(value: Any, known_ids: Collection[str], problems: list[str]) -> tuple[str, ...]:
    if not isinstance(value, list):
        problems.append('"events" is not a list of event ids; no event was loaded.')
        return ()
    out: list[str] = []
    unknown: list[str] = []
    for item in value:
        if not isinstance(item, str) or item not in known_ids:
            unknown.append(str(item))
        elif item in out:
            problems.append(f"Event {item} is listed twice; it is shown once.")
        else:
            out.append(item)
    if unknown:
        problems.append(
            f"{len(unknown)} event id(s) are not in the data and were skipped: {', '.join(unknown[:10])}"
            + (" …" if len(unknown) > 10 else "")
        )
    return tuple(out)


def _notes(value: Any, known_ids: Collection[str], problems: list[str]) -> dict[str, str]:
    if not isinstance(value, dict):
        problems.append('"notes" is not an object of event id to text; the notes were skipped.')
        return {}
    notes = {k: v[:MAX_NOTE] for k, v in value.items() if k in known_ids and isinstance(v, str)}
    skipped = len(value) - len(notes)
    if skipped:
        problems.append(f"{skipped} note(s) belong to unknown events or are not text, and were skipped.")
    return notes


def briefings_dir() -> Path:
    """The folder of saved briefings (the CORRIDOR_BRIEFINGS environment variable overrides it)."""
    value = os.environ.get(BRIEFINGS_ENV, "").strip()
    return Path(value) if value else DEFAULT_DIR


def sanitise_name(name: str) -> str:
    """A safe file name inside the briefings folder: letters, digits, '.', '_', '-', ending in .json."""
    stem = name.strip()
    if stem.lower().endswith(SUFFIX):
        stem = stem[: -len(SUFFIX)]
    stem = slug(stem, strip=".-_")[:MAX_NAME].strip(".-_")
    return (stem or "briefing") + SUFFIX


def save_briefing(briefing: Briefing, name: str, directory: Path | None = None) -> Path:
    """Write the briefing atomically as ``directory/<sanitised name>``; return the path."""
    directory = directory or briefings_dir()
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / sanitise_name(name)
    return write_atomic(target, briefing_json(briefing).encode("utf-8"), prefix=".briefing-")


def list_briefings(directory: Path | None = None) -> list[str]:
    """The saved briefing files' names, sorted."""
    directory = directory or briefings_dir()
    if not directory.is_dir():
        return []
    return sorted(p.name for p in directory.glob(f"*{SUFFIX}") if p.is_file() and not p.name.startswith("."))


def read_briefing(name: str, known_ids: Collection[str], directory: Path | None = None) -> LoadedBriefing:
    """Load a saved briefing by name (the name is sanitised, so it cannot leave ``directory``)."""
    path = (directory or briefings_dir()) / sanitise_name(name)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BriefingError(f"{path.name} could not be read ({exc.strerror or exc})") from None
    return parse_briefing(raw, known_ids, name=path.name)


def ordered_ids(selected: Iterable[str], known_ids: Collection[str]) -> tuple[str, ...]:
    """Selected ids that exist, first occurrence only, in the given order."""
    out: list[str] = []
    for eid in selected:
        if eid in known_ids and eid not in out:
            out.append(eid)
    return tuple(out)
