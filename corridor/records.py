"""Typed records for everything the dashboard shows: places, routes, events, statements, region outlines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from corridor.dates import FuzzyDate

Confidence = Literal["high", "medium", "low"]
CONFIDENCES: tuple[Confidence, ...] = ("high", "medium", "low")

# From least to most closed, then the exodus: "restricted" means only the ICRC and/or the
# peacekeepers could pass (e.g. medical evacuations); the event's status_note says who and per which source.
CorridorStatus = Literal["open", "blocked", "checkpoint", "restricted", "closed", "exodus"]
CORRIDOR_STATUSES: tuple[CorridorStatus, ...] = ("open", "blocked", "checkpoint", "restricted", "closed", "exodus")

Attribution = Literal["direct", "official_text", "reported", "paraphrase"]
ATTRIBUTIONS: tuple[Attribution, ...] = ("direct", "official_text", "reported", "paraphrase")

VerbatimOf = Literal["speaker", "outlet"]
VERBATIM_OF: tuple[VerbatimOf, ...] = ("speaker", "outlet")

LonLat = tuple[float, float]


@dataclass(frozen=True)
class Validity:
    """The days a feature exists on the map: from ``first`` to ``last`` inclusive (None = open)."""

    first: dt.date | None = None
    last: dt.date | None = None

    def holds_on(self, day: dt.date) -> bool:
        """True when the feature exists on ``day``."""
        if self.first is not None and day < self.first:
            return False
        return self.last is None or day <= self.last


@dataclass(frozen=True)
class Place:
    """A named point, with the names each side uses."""

    id: str
    lonlat: LonLat
    name_en: str
    name_hy: str
    name_az: str
    kind: str
    source: str
    confidence: Confidence
    notes: str = ""
    name_hy_native: str | None = None
    name_az_native: str | None = None
    derived: bool = False
    uncertainty_m: float | None = None
    validity: Validity = field(default_factory=Validity)
    properties: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Route:
    """One dated route of the corridor road (schematic: straight lines between waypoints)."""

    id: str
    title: str
    coordinates: tuple[LonLat, ...]
    validity: Validity
    schematic: bool
    confidence: Confidence
    note: str
    properties: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Band:
    """The illustrative 5 km corridor band around one route."""

    id: str
    route_id: str
    geometry: dict[str, Any]
    validity: Validity
    warning: str
    properties: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Source:
    """A published document a rendering or an event comes from."""

    id: str
    outlet: str
    title: str
    url: str | None
    published: FuzzyDate | None
    kind: str
    note: str = ""
    url_note: str = ""
    paragraphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rendering:
    """One outlet's wording of a statement, stored exactly as that outlet prints it."""

    id: str
    source_id: str
    text: str
    attribution: Attribution
    verbatim_of: VerbatimOf
    note: str
    confidence: Confidence


@dataclass(frozen=True)
class Statement:
    """Something one speaker said or wrote once; outlets may render it differently."""

    id: str
    speaker: str
    role: str
    side: str
    date: FuzzyDate
    event_id: str
    renderings: tuple[Rendering, ...]
    original_language: str = "en"
    context: str = ""
    correction: str = ""


@dataclass(frozen=True)
class Event:
    """A dated event on the corridor's timeline."""

    id: str
    date: FuzzyDate
    title: str
    description: str
    place_label: str
    place_id: str | None
    lonlat: LonLat | None
    status: CorridorStatus | None
    status_note: str
    event_type: str
    actors: tuple[str, ...]
    statement_ids: tuple[str, ...]
    source_ids: tuple[str, ...]
    confidence: Confidence
    source_url: str | None = None

    @property
    def anchor(self) -> dt.date:
        """The day the map shows for this event: the last day of its span, when it has surely happened."""
        return self.date.last


# The region layers (rules and parsing in corridor.region).
RegionLayer = Literal["nk_2020", "nkao", "edges", "rivers"]
REGION_LAYERS: tuple[RegionLayer, ...] = ("nk_2020", "nkao", "edges", "rivers")
After = Literal["former", "hidden"]
AFTERS: tuple[After, ...] = ("former", "hidden")
OutlineState = Literal["current", "former", "hidden"]


@dataclass(frozen=True)
class RegionFeature:
    """One outline or line of the region layers, with its provenance."""

    id: str
    layer: RegionLayer
    title: str
    geometry: dict[str, Any]
    validity: Validity
    after: After
    source: str
    licence: str
    confidence: Confidence
    caveat: str
    properties: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def dated(self) -> bool:
        """True when the feature describes only some days."""
        return self.validity.first is not None or self.validity.last is not None

    def state_on(self, day: dt.date) -> OutlineState:
        """Current on its days; before them hidden; after them "former" or hidden."""
        if self.validity.holds_on(day):
            return "current"
        if self.validity.first is not None and day < self.validity.first:
            return "hidden"
        return self.after


@dataclass(frozen=True, eq=False)
class Dataset:
    """Everything loaded from geo/, validated once."""

    places: tuple[Place, ...]
    routes: tuple[Route, ...]
    bands: tuple[Band, ...]
    events: tuple[Event, ...]
    statements: tuple[Statement, ...]
    sources: tuple[Source, ...]
    borders: dict[str, Any]
    region: dict[str, Any]
    region_features: tuple[RegionFeature, ...] = ()  # corridor.region: NK outlines, edges, rivers

    @cached_property
    def _places_by_id(self) -> dict[str, Place]:
        return {p.id: p for p in self.places}

    @cached_property
    def _events_by_id(self) -> dict[str, Event]:
        return {e.id: e for e in self.events}

    @cached_property
    def _sources_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    @cached_property
    def _statements_by_id(self) -> dict[str, Statement]:
        return {s.id: s for s in self.statements}

    def place(self, place_id: str) -> Place:
        """The place with this id (KeyError if unknown)."""
        return self._places_by_id[place_id]

    def event(self, event_id: str) -> Event:
        """The event with this id (KeyError if unknown)."""
        return self._events_by_id[event_id]

    def source(self, source_id: str) -> Source:
        """The source with this id (KeyError if unknown)."""
        return self._sources_by_id[source_id]

    def statement(self, statement_id: str) -> Statement:
        """The statement with this id (KeyError if unknown)."""
        return self._statements_by_id[statement_id]

    def statements_of(self, event: Event) -> tuple[Statement, ...]:
        """The statements tied to an event, in the event's order."""
        return tuple(self.statement(sid) for sid in event.statement_ids)
