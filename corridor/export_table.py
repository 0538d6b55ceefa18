"""The dataset, or any slice of it, as one flat table in WGS84 (geopandas).

One schema serves every layer (``COLUMNS``): a GeoJSON or CSV export of events can be imported
again (corridor.imports guesses its columns), and the Sources page reads its provenance table from
the same rows. The file formats are in corridor.exports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from corridor.records import Dataset, Event, Place, RegionFeature, Route
from corridor.timemodel import Timeline

if TYPE_CHECKING:
    import geopandas as gpd

ExportLayer = Literal["events", "places", "routes", "bands", "borders", "region", "outlines"]
EXPORT_LAYERS: tuple[ExportLayer, ...] = ("events", "places", "routes", "bands", "borders", "region", "outlines")
FEATURE_LAYERS: tuple[ExportLayer, ...] = ("places", "routes", "bands", "borders", "region", "outlines")
COLUMNS = (
    "layer", "id", "title", "date", "first_day", "last_day", "event_type", "actors", "description",
    "place_label", "status", "confidence", "sources", "source_url", "source", "valid_from", "valid_to",
    "schematic", "derived", "uncertainty_m", "note",
)  # fmt: skip
WGS84 = "EPSG:4326"  # longitude/latitude, the CRS of every export


def event_record(event: Event) -> dict[str, Any]:
    """An event in the events.json layout (the inverse of corridor.parse.parse_event)."""
    lon, lat = event.lonlat if event.lonlat else (None, None)
    return {
        "id": event.id,
        "date": event.date.iso,
        "title": event.title,
        "description": event.description,
        "place_label": event.place_label,
        "place_id": event.place_id,
        "lon": lon,
        "lat": lat,
        "status": event.status,
        "status_note": event.status_note or None,
        "event_type": event.event_type,
        "actors": list(event.actors),
        "statement_ids": list(event.statement_ids),
        "source_ids": list(event.source_ids),
        "confidence": event.confidence,
        "source_url": event.source_url,
    }


def _flag(value: bool) -> str:
    return "yes" if value else "no"


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def event_row(ds: Dataset, event: Event) -> dict[str, Any]:
    """One event as an export row (with its sources' outlets spelled out)."""
    outlets = [ds.source(s).outlet for s in event.source_ids]
    return {
        "layer": "events",
        "id": event.id,
        "title": event.title,
        "date": event.date.iso,
        "first_day": _day(event.date.first),
        "last_day": _day(event.date.last),
        "event_type": event.event_type,
        "actors": "; ".join(event.actors),
        "description": event.description,
        "place_label": event.place_label,
        "status": event.status or "",
        "confidence": event.confidence,
        "sources": "; ".join(outlets),
        "source_url": event.source_url or "",
        "note": event.status_note,
    }


def place_row(place: Place) -> dict[str, Any]:
    """A place's provenance row."""
    return {
        "layer": "places",
        "id": place.id,
        "title": place.name_en,
        "confidence": place.confidence,
        "source": place.source,
        "valid_from": _day(place.validity.first),
        "valid_to": _day(place.validity.last),
        "derived": _flag(place.derived),
        "uncertainty_m": place.uncertainty_m,
        "note": place.notes,
    }


def route_row(route: Route, state: str = "") -> dict[str, Any]:
    """A route's provenance row: its source and each waypoint's."""
    waypoints = "; ".join(f"{w.get('name')}: {w.get('source')}" for w in route.properties.get("waypoints", []))
    return {
        "layer": "routes",
        "id": route.id,
        "title": route.title,
        "status": state,
        "confidence": route.confidence,
        "source": f"{route.properties.get('source', '')} | waypoints: {waypoints}",
        "valid_from": _day(route.validity.first),
        "valid_to": _day(route.validity.last),
        "schematic": _flag(route.schematic),
        "note": route.note,
    }


def outline_row(feature: RegionFeature, day: dt.date | None = None) -> dict[str, Any]:
    """A region outline's provenance row; on a day, its status then (current or former)."""
    props = feature.properties
    note = " ".join(str(props.get(k, "")) for k in ("status_note",) if props.get(k))
    return {
        "layer": "outlines",
        "id": feature.id,
        "title": feature.title,
        "status": feature.state_on(day) if day is not None and feature.dated else "",
        "confidence": feature.confidence,
        "source": f"{feature.source} | licence: {feature.licence}",
        "valid_from": _day(feature.validity.first),
        "valid_to": _day(feature.validity.last),
        "derived": _flag(props.get("derived") is True),
        "note": f"{note} {feature.caveat}".strip(),
    }


def _feature_rows(ds: Dataset, layer: ExportLayer, day: dt.date | None) -> list[tuple[dict[str, Any], Any]]:
    from shapely.geometry import LineString, Point, shape  # noqa: PLC0415 - geometry only when exporting

    if layer == "places":
        return [(place_row(p), Point(p.lonlat)) for p in ds.places if day is None or p.validity.holds_on(day)]
    if layer == "routes":
        states = {r.id: "" for r in ds.routes}
        if day is not None:
            state = Timeline(ds).state_at(day)
            states = {r.id: "past" for r in state.past_routes}
            states |= {state.route_in_use.id: "in_use"} if state.route_in_use else {}
        return [(route_row(r, states[r.id]), LineString(r.coordinates)) for r in ds.routes if r.id in states]
    if layer == "bands":
        return [
            (
                {
                    "layer": "bands",
                    "id": b.id,
                    "title": f"5 km band around {b.route_id} (illustrative)",
                    "confidence": b.properties.get("confidence", ""),
                    "source": b.properties.get("source", ""),
                    "valid_from": _day(b.validity.first),
                    "valid_to": _day(b.validity.last),
                    "schematic": "illustrative",
                    "note": f"{b.warning} Basis: {b.properties.get('basis', '')}",
                },
                shape(b.geometry),
            )
            for b in ds.bands
            if day is None or b.validity.holds_on(day)
        ]
    if layer == "outlines":
        shown = [f for f in ds.region_features if day is None or f.state_on(day) != "hidden"]
        return [(outline_row(f, day), shape(f.geometry)) for f in shown]
    collection = ds.borders if layer == "borders" else ds.region
    rows = []
    for f in collection["features"]:
        props = f["properties"]
        row = {
            "layer": layer,
            "id": str(props.get("A3") or props.get("id")),
            "title": props.get("name"),
            "source": f"{props.get('source', '')} | licence: {props.get('license', '')}",
            "note": props.get("processing", ""),
        }
        rows.append((row, shape(f["geometry"])))
    return rows


def features_frame(
    ds: Dataset,
    layers: Sequence[ExportLayer] = EXPORT_LAYERS,
    day: dt.date | None = None,
    events: Sequence[Event] | None = None,
) -> gpd.GeoDataFrame:
    """The chosen layers as one GeoDataFrame in WGS84: the whole dataset, or as it stood on ``day``;
    ``events`` narrows the events to a slice (a filtered timeline)."""
    import geopandas as gpd  # noqa: PLC0415 - geopandas only when exporting

    rows: list[tuple[dict[str, Any], Any]] = []
    for layer in layers:
        if layer == "events":
            chosen = ds.events if events is None else events
            events = tuple(e for e in chosen if day is None or e.anchor <= day)
            rows += [(event_row(ds, e), _event_point(e)) for e in events]
        else:
            rows += _feature_rows(ds, layer, day)
    table = [{c: _clean(c, r.get(c)) for c in COLUMNS} for r, _ in rows]
    frame = gpd.GeoDataFrame(table, columns=list(COLUMNS), geometry=[g for _, g in rows], crs=WGS84)
    frame["uncertainty_m"] = frame["uncertainty_m"].astype("float64")
    return frame


def _event_point(event: Event) -> Any:
    from shapely.geometry import Point  # noqa: PLC0415

    return Point(event.lonlat) if event.lonlat else None


def _clean(column: str, value: Any) -> Any:
    if column == "uncertainty_m":
        return float(value) if value is not None else None
    return "" if value is None else str(value)
