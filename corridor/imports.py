"""Bring your own events: a CSV, GeoJSON or events.json file becomes events.

The file is read by corridor.import_files; the layout (ACLED, UCDP GED, this project's own, a plain
table) and the date format are read from the file itself (corridor.import_layouts,
corridor.import_dates). Every row is validated by
``corridor.parse.parse_event``, the validator of the bundled data. A row that fails becomes a
``Rejection`` (row, column, value, reason) and the rest load. Text is kept exactly as the file has it,
HTML included; it is escaped where it is displayed (corridor.text). Imported events never set the
corridor status and get ids prefixed with ``import-``.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from corridor.errors import DataError
from corridor.geometry import WGS84_NAMES
from corridor.import_dates import DATE_FORMATS, DateFormat, DateGuess, infer_date_format, normalise_date
from corridor.import_files import MAX_IMPORT_BYTES, Table, read_table
from corridor.import_layouts import (
    TARGETS,
    UCDP_VIOLENCE,
    Layout,
    Target,
    detect_layout,
    guess_mapping,
    missing_targets,
)
from corridor.parse import parse_event
from corridor.records import Event, Place
from corridor.text import slug

__all__ = [
    "DATE_FORMATS", "MAX_IMPORT_BYTES", "TARGETS", "DateFormat", "DateGuess", "ImportResult", "Layout",
    "Rejection", "Table", "Target", "date_guess", "derive_title", "detect_layout", "guess_mapping",
    "import_events", "missing_targets", "normalise_date", "read_table",
]  # fmt: skip

ID_PREFIX = "import-"
DEFAULT_CONFIDENCE = "low"  # an unchecked import is never more than "check before a briefing"
DEFAULT_EVENT_TYPE = "Event"  # a file without an event-type column (a plain date/position/title table)
TITLE_CHARS = 100
PROJECTED_ABOVE = 1000  # |x| or |y| above this is metres or feet, not degrees mistyped

_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S")


@dataclass(frozen=True)
class Rejection:
    """One row that did not load: where (row 1 = first data row), which column, what, why."""

    row: int
    field: str
    value: str
    reason: str


@dataclass(frozen=True)
class ImportResult:
    """The events that loaded, the rows that did not, and notes on what was changed on the way."""

    events: tuple[Event, ...]
    rejected: tuple[Rejection, ...]
    notes: tuple[str, ...] = ()


def date_guess(table: Table, mapping: Mapping[Target, str | None]) -> DateGuess:
    """The date format of the column mapped to the date (see corridor.import_dates)."""
    column = mapping.get("date")
    if not column:
        return DateGuess("iso", "no date column")
    return infer_date_format(row.get(column) for row in table.rows)


@dataclass
class _Notes:
    """Counts of the things an import changed on the way, for one line each in the result."""

    heights: int = 0
    other_layers: dict[str, int] = dataclasses.field(default_factory=dict)

    def lines(self, mapping: Mapping[Target, str | None]) -> tuple[str, ...]:
        out = []
        if not mapping.get("event_type"):
            out.append(f'No column holds an event type: every event is typed "{DEFAULT_EVENT_TYPE}".')
        if self.heights:
            out.append(f"{self.heights} points had a height (3-D coordinates): the height was dropped.")
        if self.other_layers:
            skipped = ", ".join(f"{n} {layer}" for layer, n in sorted(self.other_layers.items()))
            out.append(f"Rows of other map layers were skipped ({skipped}); only events are imported.")
        return tuple(out)


def import_events(
    table: Table,
    mapping: Mapping[Target, str | None],
    *,
    places: Mapping[str, Place],
    existing_ids: Collection[str] = (),
    date_format: DateFormat | None = None,
    source_crs: str | None = None,
) -> ImportResult:
    """Validate every row with parse_event; return the events and a rejection per failed row.

    ``date_format`` None means: the one the date column's values show (numeric dates that read
    either way are then rejected with a request to choose).
    """
    missing = missing_targets(mapping)
    if missing:
        raise DataError(f"map a column to each required field: {', '.join(missing)}", field=missing[0])
    if date_format is None:
        date_format = date_guess(table, mapping).format
    transform = _transformer(table.crs or source_crs)
    layer_column = next((c for c in table.columns if c.strip().lower() == "layer"), None)
    events: list[Event] = []
    rejected: list[Rejection] = []
    seen: dict[str, int] = {}
    notes = _Notes()
    for index, props in enumerate(table.rows, start=1):
        layer = props.get(layer_column) if layer_column else None
        if isinstance(layer, str) and layer.strip() and layer.strip() != "events":  # a whole-dataset export
            notes.other_layers[layer.strip()] = notes.other_layers.get(layer.strip(), 0) + 1
            continue
        row = _Row(props, table.geometries[index - 1] if table.geometries else None, mapping)
        try:
            event = parse_event(row.raw_event(index, date_format, transform, notes), places)
            if event.id in existing_ids:
                raise DataError("id already used by the bundled data", field="id", value=event.id)
            if event.id in seen:
                raise DataError(f"same id as row {seen[event.id]}", field="id", value=event.id)
        except DataError as exc:
            rejected.append(row.rejection(index, exc))
            continue
        seen[event.id] = index
        events.append(event)
    return ImportResult(tuple(events), tuple(rejected), notes.lines(mapping))


@dataclass(frozen=True)
class _Row:
    props: Mapping[str, Any]
    geometry: Any
    mapping: Mapping[Target, str | None]

    def cell(self, target: Target) -> Any:
        value = self.props.get(self.mapping.get(target) or "")
        return (value.strip() or None) if isinstance(value, str) else value

    def text(self, target: Target, field: str) -> str | None:
        value = self.cell(target)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if value is None or isinstance(value, str):
            return value
        raise DataError("expected text", field=field, value=value)

    def raw_event(self, index: int, date_format: DateFormat | None, transform: Any, notes: _Notes) -> dict[str, Any]:
        """The row as an events.json record, for parse_event."""
        description_text = self.text("notes", "description")
        source = self.text("source", "source_url")
        location = self.text("location", "place_label")
        event_type = self.event_type()
        source_url = source if source and _URL_SCHEME.match(source) and " " not in source else None
        description = description_text or ""
        if source and source_url is None:
            description = f"{description}\n\nSource: {source}".strip()
        confidence = self.text("confidence", "confidence")
        lon, lat = self.position(transform, notes)
        return {
            "id": _event_id(self.text("id", "id"), index),
            "date": self.date(date_format),
            "title": self.text("title", "title") or derive_title(description_text, event_type, location),
            "description": description,
            "place_label": location,
            "lon": lon,
            "lat": lat,
            "event_type": event_type,
            "actors": self.actors(),
            "confidence": confidence.lower() if confidence else DEFAULT_CONFIDENCE,
            "source_url": source_url,
        }

    def event_type(self) -> str | None:
        if not self.mapping.get("event_type"):
            return DEFAULT_EVENT_TYPE
        value = self.text("event_type", "event_type")
        if self.mapping.get("event_type") == "type_of_violence" and value in UCDP_VIOLENCE:
            return UCDP_VIOLENCE[value]
        return value

    def date(self, date_format: DateFormat | None) -> Any:
        first = normalise_date(self.cell("date"), date_format)
        end = self.cell("date_end")
        if end is None or not isinstance(first, str):
            return first
        last = normalise_date(end, date_format)
        return first if last == first else f"{first}/{last}"

    def actors(self) -> list[Any]:
        out: list[Any] = []
        for value in (self.cell("actors"), self.cell("actor2")):
            parts = value if isinstance(value, list) else str(value).split(";") if value is not None else []
            for part in parts:
                item = part.strip() if isinstance(part, str) else part
                if item and item not in out:
                    out.append(item)
        return out

    def position(self, transform: Any, notes: _Notes) -> tuple[Any, Any]:
        geometry = self.geometry
        if isinstance(geometry, dict):
            if geometry.get("type") != "Point":
                raise DataError("only Point features can be events", field="geometry", value=geometry.get("type"))
            coords = geometry.get("coordinates")
            if not isinstance(coords, list) or len(coords) not in (2, 3):
                raise DataError("expected a [lon, lat] position", field="geometry", value=coords)
            if len(coords) == 3:
                notes.heights += 1  # a 3-D point: the map is 2-D, the height is dropped (and said so)
            x, y = coords[:2]
        else:
            x, y = _number(self.cell("longitude")), _number(self.cell("latitude"))
        numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (x, y))
        if transform is not None and numbers:
            x, y = transform.transform(x, y)
        elif numbers:
            _check_degrees(x, y)
        return x, y

    def rejection(self, index: int, exc: DataError) -> Rejection:
        """The failed row as (row, the file's column names, their values, the validator's reason)."""
        if exc.field in ("lon/lat", "geometry") and isinstance(self.geometry, dict):
            return Rejection(index, "geometry", _shown(self.geometry.get("coordinates")), exc.problem)
        columns = [c for t in _FIELD_TARGETS.get(exc.field or "", ()) if (c := self.mapping.get(t))]
        if not columns:
            return Rejection(index, exc.field or "", _shown(exc.value), exc.problem)
        if len(columns) == 1:
            return Rejection(index, columns[0], _shown(self.props.get(columns[0])), exc.problem)
        value = ", ".join(f"{c}={_shown(self.props.get(c))}" for c in columns)
        return Rejection(index, "/".join(columns), value, exc.problem)


# Which import fields feed each field parse_event names in its errors.
_FIELD_TARGETS: dict[str, tuple[Target, ...]] = {
    "date": ("date",),
    "title": ("title", "notes"),
    "description": ("notes", "source"),
    "place_label": ("location",),
    "event_type": ("event_type",),
    "actors": ("actors", "actor2"),
    "confidence": ("confidence",),
    "source_url": ("source",),
    "id": ("id",),
    "lon/lat": ("latitude", "longitude"),
}


def _event_id(value: str | None, index: int) -> str:
    name = slug(value or "")[:80]
    if not name:
        return f"{ID_PREFIX}row-{index}"
    return name if name.startswith(ID_PREFIX) else ID_PREFIX + name


def derive_title(notes: str | None, event_type: str | None, location: str | None) -> str | None:
    """A title for a row without one: the notes' first sentence, else the type and the place."""
    if notes:
        first = re.split(r"(?<=[.!?])\s", notes, maxsplit=1)[0]
        return first if len(first) <= TITLE_CHARS else first[: TITLE_CHARS - 1].rstrip() + "…"
    if event_type:
        return f"{event_type} ({location})" if location else event_type
    return None


def _number(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            raise DataError("coordinate is not a number", field="lon/lat", value=value) from None
    return value


def _check_degrees(lon: float, lat: float) -> None:
    """Out-of-range degrees in the user's terms; a projected CRS is named only when values look projected."""
    try:
        if not (math.isfinite(lon) and math.isfinite(lat)) or (abs(lon) <= 180 and abs(lat) <= 90):
            return  # NaN and Infinity are named by parse_event
    except OverflowError:  # an integer beyond float range
        return
    if abs(lon) > PROJECTED_ABOVE or abs(lat) > PROJECTED_ABOVE:
        raise DataError(
            "coordinates look like metres in a projected CRS, not degrees: give the file's coordinate system",
            field="lon/lat",
        )
    if abs(lat) > 90:
        raise DataError(f"latitude {lat:g} is outside -90..90", field="lon/lat")
    raise DataError(f"longitude {lon:g} is outside -180..180", field="lon/lat")


def _transformer(crs: str | None) -> Any:
    if not crs or crs in WGS84_NAMES:
        return None
    from pyproj import CRS, Transformer  # noqa: PLC0415 - pyproj only when a file is projected
    from pyproj.exceptions import CRSError  # noqa: PLC0415

    try:
        return Transformer.from_crs(CRS.from_user_input(crs), CRS.from_epsg(4326), always_xy=True)
    except CRSError:
        raise DataError("unknown coordinate reference system", field="crs", value=crs) from None


def _shown(value: Any) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    # Lone surrogates (JSON "\ud800") cannot be encoded for display: show them as escapes.
    text = text.encode("utf-8", errors="backslashreplace").decode("utf-8")
    return text if len(text) <= 200 else text[:197] + "..."
