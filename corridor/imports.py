"""Bring your own events: a CSV or GeoJSON file in the common conflict-data layout becomes events.

Every row is validated by ``corridor.parse.parse_event``, the validator of the bundled data. A row
that fails becomes a ``Rejection`` (row, column, value, reason) and the rest load. Text is kept
exactly as the file has it, HTML included; it is escaped where it is displayed (layers.html).
Imported events never set the corridor status and get ids prefixed with ``import-``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from corridor.errors import DataError
from corridor.parse import parse_event
from corridor.records import Event, Place

MAX_IMPORT_BYTES = 20 * 1024 * 1024
ID_PREFIX = "import-"
DEFAULT_CONFIDENCE = "low"  # an unchecked import is never more than "check before a briefing"
TITLE_CHARS = 100
WGS84_NAMES = {"urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326", "OGC:CRS84"}

Target = Literal[
    "id", "date", "latitude", "longitude", "event_type", "actors", "actor2", "title", "notes", "location",
    "source", "confidence",
]  # fmt: skip
# The fields an import can fill, with the column names each is guessed from (first match wins).
TARGETS: dict[Target, tuple[str, ...]] = {
    "date": ("event_date", "date", "day"),
    "latitude": ("latitude", "lat", "y"),
    "longitude": ("longitude", "lon", "lng", "long", "x"),
    "event_type": ("event_type", "type", "category"),
    "actors": ("actors", "actor1", "actor"),
    "actor2": ("actor2",),
    "title": ("title", "headline", "name"),
    "notes": ("notes", "description", "details"),
    "location": ("location", "place_label", "place"),
    "source": ("source", "source_url", "url"),
    "confidence": ("confidence",),
    "id": ("id", "event_id_cnty", "event_id", "data_id"),
}
REQUIRED_TARGETS: tuple[Target, ...] = ("date", "event_type")

DateFormat = Literal["iso", "dmy", "mdy", "text"]
DATE_FORMATS: dict[DateFormat, str] = {
    "iso": "YYYY-MM-DD (also YYYY-MM, YYYY, YYYY-MM-DD/YYYY-MM-DD)",
    "dmy": "DD/MM/YYYY (day first)",
    "mdy": "MM/DD/YYYY (month first)",
    "text": "23 April 2023",
}
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}")
_ISO_START = re.compile(r"^\d{4}(?:$|[-/])")
_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S")
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Table:
    """The rows of an uploaded file, before any validation."""

    kind: Literal["csv", "geojson"]
    columns: tuple[str, ...]
    rows: tuple[Mapping[str, Any], ...]
    geometries: tuple[Any, ...] | None = None  # GeoJSON only: each feature's geometry
    crs: str | None = None  # GeoJSON only: the declared CRS when it is not WGS84


@dataclass(frozen=True)
class Rejection:
    """One row that did not load: where (row 1 = first data row), which column, what, why."""

    row: int
    field: str
    value: str
    reason: str


@dataclass(frozen=True)
class ImportResult:
    """The events that loaded and the rows that did not."""

    events: tuple[Event, ...]
    rejected: tuple[Rejection, ...]


def read_table(data: bytes, filename: str) -> Table:
    """Decode an uploaded CSV or GeoJSON file (at most 20 MB, UTF-8) into rows."""
    if len(data) > MAX_IMPORT_BYTES:
        raise DataError(f"the file is larger than {MAX_IMPORT_BYTES // 2**20} MB", file=filename, value=len(data))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"the file is not UTF-8 text (byte {exc.start})", file=filename) from None
    if not text.strip():
        raise DataError("the file is empty", file=filename)
    is_json = filename.lower().endswith((".geojson", ".json")) or text.lstrip().startswith("{")
    return _geojson_table(text, filename) if is_json else _csv_table(text, filename)


def _csv_table(text: str, filename: str) -> Table:
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    # The csv module refuses cells over 128 kB; let long cells through so the row is rejected by the
    # same "text longer than ..." check as any other field, with its row and column named.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_IMPORT_BYTES))
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = [h.strip() for h in next(reader, [])]
    except csv.Error as exc:
        raise DataError(f"the CSV header cannot be read ({exc})", file=filename) from None
    if not any(header):
        raise DataError("the CSV file has no header row", file=filename)
    if len(set(header)) != len(header) or "" in header:
        raise DataError("the header has empty or repeated column names", file=filename, value=header)
    try:
        rows = tuple(dict(zip(header, cells, strict=False)) for cells in reader if any(c.strip() for c in cells))
    except csv.Error as exc:
        raise DataError(f"the CSV file cannot be read at line {reader.line_num} ({exc})", file=filename) from None
    return Table("csv", tuple(header), rows)


def _geojson_table(text: str, filename: str) -> Table:
    try:
        doc = json.loads(text)
    except (json.JSONDecodeError, RecursionError, ValueError) as exc:
        # ValueError: integers longer than Python's int-string limit (4300 digits).
        raise DataError(f"the file is not valid JSON ({str(exc)[:120]})", file=filename) from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise DataError("expected a GeoJSON FeatureCollection", file=filename)
    features = doc.get("features")
    if not isinstance(features, list):
        raise DataError("the collection has no features list", file=filename, field="features")
    crs = doc.get("crs")
    crs_props = crs.get("properties") if isinstance(crs, dict) else None
    name = crs_props.get("name") if isinstance(crs_props, dict) else None
    rows: list[Mapping[str, Any]] = []
    columns: dict[str, None] = {}
    for feature in features:
        props = feature.get("properties") if isinstance(feature, dict) else None
        props = props if isinstance(props, dict) else {}
        rows.append(props)
        columns.update(dict.fromkeys(props))
    geometries = tuple(f.get("geometry") if isinstance(f, dict) else None for f in features)
    crs_name = name if isinstance(name, str) and name not in WGS84_NAMES else None
    return Table("geojson", tuple(columns), tuple(rows), geometries, crs_name)


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


def import_events(
    table: Table,
    mapping: Mapping[Target, str | None],
    *,
    places: Mapping[str, Place],
    existing_ids: Collection[str] = (),
    date_format: DateFormat = "iso",
    source_crs: str | None = None,
) -> ImportResult:
    """Validate every row with parse_event; return the events and a rejection per failed row."""
    missing = missing_targets(mapping)
    if missing:
        raise DataError(f"map a column to each required field: {', '.join(missing)}", field=missing[0])
    transform = _transformer(table.crs or source_crs)
    events: list[Event] = []
    rejected: list[Rejection] = []
    seen: dict[str, int] = {}
    for index, props in enumerate(table.rows, start=1):
        row = _Row(props, table.geometries[index - 1] if table.geometries else None, mapping)
        try:
            event = parse_event(row.raw_event(index, date_format, transform), places)
            if event.id in existing_ids:
                raise DataError("id already used by the bundled data", field="id", value=event.id)
            if event.id in seen:
                raise DataError(f"same id as row {seen[event.id]}", field="id", value=event.id)
        except DataError as exc:
            rejected.append(row.rejection(index, exc))
            continue
        seen[event.id] = index
        events.append(event)
    return ImportResult(tuple(events), tuple(rejected))


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

    def raw_event(self, index: int, date_format: DateFormat, transform: Any) -> dict[str, Any]:
        """The row as an events.json record, for parse_event."""
        notes = self.text("notes", "description")
        source = self.text("source", "source_url")
        location = self.text("location", "place_label")
        event_type = self.text("event_type", "event_type")
        source_url = source if source and _URL_SCHEME.match(source) and " " not in source else None
        description = notes or ""
        if source and source_url is None:
            description = f"{description}\n\nSource: {source}".strip()
        confidence = self.text("confidence", "confidence")
        lon, lat = self.position(transform)
        return {
            "id": _event_id(self.text("id", "id"), index),
            "date": normalise_date(self.cell("date"), date_format),
            "title": self.text("title", "title") or derive_title(notes, event_type, location),
            "description": description,
            "place_label": location,
            "lon": lon,
            "lat": lat,
            "event_type": event_type,
            "actors": self.actors(),
            "confidence": confidence.lower() if confidence else DEFAULT_CONFIDENCE,
            "source_url": source_url,
        }

    def actors(self) -> list[Any]:
        out: list[Any] = []
        for value in (self.cell("actors"), self.cell("actor2")):
            parts = value if isinstance(value, list) else str(value).split(";") if value is not None else []
            for part in parts:
                item = part.strip() if isinstance(part, str) else part
                if item and item not in out:
                    out.append(item)
        return out

    def position(self, transform: Any) -> tuple[Any, Any]:
        geometry = self.geometry
        if isinstance(geometry, dict):
            if geometry.get("type") != "Point":
                raise DataError("only Point features can be events", field="geometry", value=geometry.get("type"))
            coords = geometry.get("coordinates")
            if not isinstance(coords, list) or len(coords) != 2:
                raise DataError("expected a [lon, lat] position", field="geometry", value=coords)
            x, y = coords
        else:
            x, y = _number(self.cell("longitude")), _number(self.cell("latitude"))
        if transform is not None and isinstance(x, (int, float)) and isinstance(y, (int, float)):
            x, y = transform.transform(x, y)
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
    slug = _UNSAFE_ID.sub("-", value or "").strip("-")[:80]
    if not slug:
        return f"{ID_PREFIX}row-{index}"
    return slug if slug.startswith(ID_PREFIX) else ID_PREFIX + slug


def derive_title(notes: str | None, event_type: str | None, location: str | None) -> str | None:
    """A title for a row without one: the notes' first sentence, else the type and the place."""
    if notes:
        first = re.split(r"(?<=[.!?])\s", notes, maxsplit=1)[0]
        return first if len(first) <= TITLE_CHARS else first[: TITLE_CHARS - 1].rstrip() + "…"
    if event_type:
        return f"{event_type} ({location})" if location else event_type
    return None


def normalise_date(value: Any, date_format: DateFormat) -> Any:
    """The date as the ISO text parse_event expects; ISO input is accepted whatever the format."""
    if value is None:
        raise DataError("required field is missing or empty", field="date")
    if not isinstance(value, str):
        return value  # parse_event names the non-text value
    if m := _ISO_DATETIME.match(value):
        return m.group(1)
    if _ISO_START.match(value):
        return value  # parse_event checks it is a real day, month, year or range
    numeric = _NUMERIC_DATE.match(value)
    if numeric and date_format in ("dmy", "mdy"):
        a, b, year = (int(g) for g in numeric.groups())
        day, month = (a, b) if date_format == "dmy" else (b, a)
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError as exc:
            raise DataError(f"not a calendar day ({exc})", field="date", value=value) from None
    if numeric:
        raise DataError(
            "day-first or month-first date: choose the DD/MM/YYYY or MM/DD/YYYY date format", field="date", value=value
        )
    if date_format == "text":
        for pattern in ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y"):
            try:
                return dt.datetime.strptime(value, pattern).date().isoformat()
            except ValueError:
                continue
        raise DataError("expected a date like 23 April 2023", field="date", value=value)
    return value


def _number(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            raise DataError("coordinate is not a number", field="lon/lat", value=value) from None
    return value


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
