"""Turn raw JSON records into typed records. One function per record type, shared by the
bundled-data loader and by user imports, so both are validated the same way."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from corridor import fields
from corridor.errors import DataError
from corridor.geometry import check_geometry, check_lonlat
from corridor.records import (
    ATTRIBUTIONS,
    CONFIDENCES,
    CORRIDOR_STATUSES,
    VERBATIM_OF,
    Band,
    Event,
    LonLat,
    Place,
    Rendering,
    Route,
    Source,
    Statement,
)

MAX_ID_CHARS = 200


def record_id(raw: Mapping[str, Any]) -> str:
    """The id of a raw record (used to name it in errors)."""
    value = raw.get("id")
    if not isinstance(value, str) or not value.strip():
        raise DataError("every record needs a non-empty string id", field="id", value=value)
    if len(value) > MAX_ID_CHARS:  # ids go into every message, URL and HTML attribute about the record
        raise DataError(f"id longer than {MAX_ID_CHARS} characters", field="id", value=value)
    return value


def _props(feature: Any) -> dict[str, Any]:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise DataError("expected a GeoJSON Feature", value=type(feature).__name__)
    props = feature.get("properties")
    if not isinstance(props, dict):
        raise DataError("feature has no properties object", field="properties", value=props)
    return props


def parse_place(feature: Any) -> Place:
    """A place from a Point feature of places.geojson."""
    props = _props(feature)
    geometry = check_geometry(feature.get("geometry"), ("Point",))
    uncertainty = props.get("uncertainty_m")
    derived = fields.flag(props, "derived", default=False)
    if uncertainty is not None and (
        isinstance(uncertainty, bool) or not isinstance(uncertainty, (int, float)) or not 0 < uncertainty < 1e6
    ):
        raise DataError("uncertainty_m must be a positive number", field="uncertainty_m", value=uncertainty)
    if derived and uncertainty is None:
        raise DataError("a derived point needs uncertainty_m", field="uncertainty_m")
    return Place(
        id=record_id(props),
        lonlat=check_lonlat(geometry["coordinates"]),
        name_en=fields.text(props, "name_en"),
        name_hy=fields.text(props, "name_hy"),
        name_az=fields.text(props, "name_az"),
        name_hy_native=fields.optional_text(props, "name_hy_native"),
        name_az_native=fields.optional_text(props, "name_az_native"),
        kind=fields.text(props, "kind"),
        source=fields.text(props, "source"),
        confidence=fields.choice(props, "confidence", CONFIDENCES),
        notes=fields.text(props, "notes", required=False),
        derived=derived,
        uncertainty_m=float(uncertainty) if uncertainty is not None else None,
        validity=fields.validity(props),
        properties=props,
    )


def parse_route(feature: Any) -> Route:
    """A dated schematic route from lachin_corridor.geojson."""
    props = _props(feature)
    geometry = check_geometry(feature.get("geometry"), ("LineString",))
    validity = fields.validity(props)
    for name, day in (("valid_from", validity.first), ("valid_to", validity.last)):
        if day is None:
            raise DataError("a route needs both valid_from and valid_to", field=name)
    waypoints = props.get("waypoints")
    if not isinstance(waypoints, list) or len(waypoints) < 2:
        raise DataError("a route needs at least two waypoints", field="waypoints", value=waypoints)
    for i, wp in enumerate(waypoints):
        if not isinstance(wp, dict) or not isinstance(wp.get("source"), str) or not wp["source"]:
            raise DataError(f"waypoint {i} has no source", field="waypoints", value=wp)
        check_lonlat([wp.get("lon"), wp.get("lat")], field=f"waypoints[{i}]")
    coords: tuple[LonLat, ...] = tuple(check_lonlat(c) for c in geometry["coordinates"])
    return Route(
        id=record_id(props),
        title=fields.text(props, "title"),
        coordinates=coords,
        validity=validity,
        schematic=fields.flag(props, "schematic"),
        confidence=fields.choice(props, "confidence", CONFIDENCES),
        note=fields.text(props, "geometry_note"),
        properties=props,
    )


def parse_band(feature: Any) -> Band:
    """The illustrative band polygon of one route."""
    props = _props(feature)
    geometry = check_geometry(feature.get("geometry"), ("Polygon", "MultiPolygon"))
    if not fields.flag(props, "illustrative"):
        raise DataError("the corridor band must be marked illustrative", field="illustrative")
    validity = fields.validity(props)
    for name, day in (("valid_from", validity.first), ("valid_to", validity.last)):
        if day is None:
            raise DataError("a band needs both valid_from and valid_to", field=name)
    band = Band(
        id=record_id(props),
        route_id=fields.text(props, "route_id"),
        geometry=geometry,
        validity=validity,
        warning=fields.text(props, "warning"),
        properties=props,
    )
    fields.text(props, "basis")
    return band


def parse_source(raw: Any) -> Source:
    """A publication record from sources.json."""
    if not isinstance(raw, dict):
        raise DataError("expected an object", value=type(raw).__name__)
    link = fields.url(raw, "url")
    url_note = fields.text(raw, "url_note", required=False)
    if link is None and not url_note:
        raise DataError("a source without a URL must say why in url_note", field="url")
    published = raw.get("published")
    paragraphs = raw.get("paragraphs") or []
    if not isinstance(paragraphs, list) or not all(isinstance(p, str) for p in paragraphs):
        raise DataError("paragraphs must be a list of strings", field="paragraphs")
    for i, paragraph in enumerate(paragraphs):
        if "\n" in paragraph or "\r" in paragraph or paragraph != paragraph.strip() or not paragraph:
            raise DataError(
                "a stored paragraph is one paragraph: no line breaks, no leading or trailing spaces",
                field=f"paragraphs[{i}]",
                value=paragraph[:60],
            )
    return Source(
        id=record_id(raw),
        outlet=fields.text(raw, "outlet"),
        title=fields.text(raw, "title", required=False),
        url=link,
        published=fields.fuzzy_date(raw, "published") if published is not None else None,
        kind=fields.text(raw, "kind"),
        note=fields.text(raw, "note", required=False),
        url_note=url_note,
        paragraphs=tuple(paragraphs),
    )


def parse_rendering(raw: Any) -> Rendering:
    """One outlet's verbatim wording of a statement."""
    if not isinstance(raw, dict):
        raise DataError("expected an object", field="renderings", value=type(raw).__name__)
    return Rendering(
        id=record_id(raw),
        source_id=fields.text(raw, "source_id"),
        text=fields.text(raw, "text"),
        attribution=fields.choice(raw, "attribution", ATTRIBUTIONS),
        verbatim_of=fields.choice(raw, "verbatim_of", VERBATIM_OF),
        note=fields.text(raw, "note", required=False),
        confidence=fields.choice(raw, "confidence", CONFIDENCES),
    )


def parse_statement(raw: Any) -> Statement:
    """A statement with its renderings, from statements.json."""
    if not isinstance(raw, dict):
        raise DataError("expected an object", value=type(raw).__name__)
    renderings = raw.get("renderings")
    if not isinstance(renderings, list) or not renderings:
        raise DataError("a statement needs at least one rendering", field="renderings", value=renderings)
    return Statement(
        id=record_id(raw),
        speaker=fields.text(raw, "speaker"),
        role=fields.text(raw, "role"),
        side=fields.text(raw, "side"),
        date=fields.fuzzy_date(raw, "date"),
        event_id=fields.text(raw, "event_id"),
        renderings=tuple(parse_rendering(r) for r in renderings),
        original_language=fields.text(raw, "original_language", required=False) or "en",
        context=fields.text(raw, "context", required=False),
        correction=fields.text(raw, "correction", required=False),
    )


def parse_event(raw: Any, places: Mapping[str, Place]) -> Event:
    """An event from events.json (or an import); its position is its place's or its own lon/lat."""
    if not isinstance(raw, dict):
        raise DataError("expected an object", value=type(raw).__name__)
    place_id = fields.optional_text(raw, "place_id")
    lonlat: LonLat | None = None
    if place_id is not None:
        if place_id not in places:
            raise DataError("place_id does not name a place in places.geojson", field="place_id", value=place_id)
        lonlat = places[place_id].lonlat
    if raw.get("lon") is not None or raw.get("lat") is not None:
        lonlat = check_lonlat([raw.get("lon"), raw.get("lat")], field="lon/lat")
    status = raw.get("status")
    return Event(
        id=record_id(raw),
        date=fields.fuzzy_date(raw, "date"),
        title=fields.text(raw, "title"),
        description=fields.text(raw, "description", required=False),
        place_label=fields.text(raw, "place_label", required=False),
        place_id=place_id,
        lonlat=lonlat,
        status=None if status is None else fields.choice(raw, "status", CORRIDOR_STATUSES),
        status_note=fields.text(raw, "status_note", required=False),
        event_type=fields.text(raw, "event_type"),
        actors=fields.string_list(raw, "actors"),
        statement_ids=fields.string_list(raw, "statement_ids"),
        source_ids=fields.string_list(raw, "source_ids"),
        confidence=fields.choice(raw, "confidence", CONFIDENCES),
        source_url=fields.url(raw, "source_url"),
    )
