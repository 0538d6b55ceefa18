"""Which columns of an imported file hold what: known layouts (ACLED, UCDP GED, this project's own
exports and events.json, a plain lat/lon/date/title table) are recognised by their header, and every
column is mapped to an event field by name (the first candidate present wins, no column twice)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Literal

Target = Literal[
    "id", "date", "date_end", "latitude", "longitude", "event_type", "actors", "actor2", "title", "notes",
    "location", "source", "confidence",
]  # fmt: skip
# The fields an import can fill, with the column names each is guessed from (first match wins).
TARGETS: dict[Target, tuple[str, ...]] = {
    "date": ("event_date", "date", "date_start", "day"),
    "date_end": ("date_end", "end_date"),
    "latitude": ("latitude", "lat", "y"),
    "longitude": ("longitude", "lon", "lng", "long", "x"),
    "event_type": ("event_type", "type", "category", "type_of_violence"),
    "actors": ("actors", "actor1", "actor", "side_a"),
    "actor2": ("actor2", "side_b"),
    "title": ("title", "headline", "name"),
    "notes": ("notes", "description", "details", "source_headline"),
    "location": ("location", "place_label", "place", "where_coordinates"),
    "source": ("source", "source_url", "url", "source_article"),
    "confidence": ("confidence",),
    "id": ("id", "event_id_cnty", "event_id", "data_id"),
}
REQUIRED_TARGETS: tuple[Target, ...] = ("date",)

LayoutName = Literal["acled", "ucdp", "project", "plain"]


@dataclass(frozen=True)
class Layout:
    """A known file layout: its name for people and the columns that identify it."""

    name: LayoutName
    label: str
    signature: tuple[frozenset[str], ...]  # the header (any case) holds every name of one of these sets


LAYOUTS: tuple[Layout, ...] = (
    Layout("acled", "ACLED", (frozenset({"event_date", "event_type", "actor1", "latitude", "longitude"}),)),
    Layout("ucdp", "UCDP GED", (frozenset({"date_start", "type_of_violence", "side_a", "latitude", "longitude"}),)),
    Layout(
        "project",
        "this dashboard's own format (an export or events.json)",
        (
            frozenset({"id", "title", "date", "event_type", "actors", "description", "place_label"}),
            frozenset({"layer", "id", "title", "date", "event_type", "longitude", "latitude"}),
        ),
    ),
    Layout(
        "plain",
        "a plain table of date, position and title",
        tuple(
            frozenset({"date", "title", lat, lon})
            for lat in ("lat", "latitude")
            for lon in ("lon", "lng", "long", "longitude")
        ),
    ),
)
# UCDP GED codes its type_of_violence column; the codebook's names are what a reader needs.
UCDP_VIOLENCE = {"1": "State-based conflict", "2": "Non-state conflict", "3": "One-sided violence"}


def detect_layout(columns: Collection[str]) -> Layout | None:
    """The known layout whose identifying columns the header holds, if any."""
    names = {c.strip().lower() for c in columns}
    return next((layout for layout in LAYOUTS if any(sig <= names for sig in layout.signature)), None)


def guess_mapping(columns: Collection[str]) -> dict[Target, str | None]:
    """For each target field, the first column whose name (any case) is one of its candidates."""
    by_lower = {c.strip().lower(): c for c in columns}
    taken: set[str] = set()
    mapping: dict[Target, str | None] = {}
    for target, candidates in TARGETS.items():
        found = next((by_lower[c] for c in candidates if c in by_lower and by_lower[c] not in taken), None)
        mapping[target] = found
        if found:
            taken.add(found)
    return mapping


def missing_targets(mapping: Mapping[Target, str | None]) -> tuple[Target, ...]:
    """Required fields that no column is mapped to."""
    return tuple(t for t in REQUIRED_TARGETS if not mapping.get(t))
