"""The dataset, or any slice of it, as tables and as GeoJSON, CSV and KML files (geopandas/pyogrio).

One flat schema serves every layer (``COLUMNS``): a GeoJSON or CSV export of events can be imported
again (corridor.imports guesses its columns), and the Sources page reads its provenance table from
the same rows.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from corridor.records import Dataset, Event, Place, Route, Statement
from corridor.region import HAKARI_RIVER_NOTE, RegionFeature, of_layer
from corridor.timemodel import Timeline
from layers.html import escape

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

ExportFormat = Literal["geojson", "csv", "kml"]
# format -> (label, file suffix, MIME type)
FORMATS: dict[ExportFormat, tuple[str, str, str]] = {
    "geojson": ("GeoJSON", ".geojson", "application/geo+json"),
    "csv": ("CSV", ".csv", "text/csv"),
    "kml": ("KML", ".kml", "application/vnd.google-earth.kml+xml"),
}
ExportLayer = Literal["events", "places", "routes", "bands", "borders", "region", "outlines"]
EXPORT_LAYERS: tuple[ExportLayer, ...] = ("events", "places", "routes", "bands", "borders", "region", "outlines")
FEATURE_LAYERS: tuple[ExportLayer, ...] = ("places", "routes", "bands", "borders", "region", "outlines")
COLUMNS = (
    "layer", "id", "title", "date", "first_day", "last_day", "event_type", "actors", "description",
    "place_label", "status", "confidence", "sources", "source_url", "source", "valid_from", "valid_to",
    "schematic", "derived", "uncertainty_m", "note",
)  # fmt: skip
EXPORT_NAME = "lachin_corridor"
CSV_CRS = "EPSG:4326"  # WGS84 longitude/latitude, the CRS of every export
# The event whose date is set by a decree later said to be annulled (geo/README.md, events.json).
CONTESTED_EVENT_ID = "ev-2024-01-01-dissolution-date"


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
    frame = gpd.GeoDataFrame(table, columns=list(COLUMNS), geometry=[g for _, g in rows], crs="EPSG:4326")
    frame["uncertainty_m"] = frame["uncertainty_m"].astype("float64")
    return frame


def _event_point(event: Event) -> Any:
    from shapely.geometry import Point  # noqa: PLC0415

    return Point(event.lonlat) if event.lonlat else None


def _clean(column: str, value: Any) -> Any:
    if column == "uncertainty_m":
        return float(value) if value is not None else None
    return "" if value is None else str(value)


def export_bytes(frame: gpd.GeoDataFrame, fmt: ExportFormat) -> bytes:
    """The frame as a GeoJSON, CSV (WKT geometry, and lon/lat for points) or KML file (with times)."""
    if fmt == "csv":
        return _csv_bytes(frame)
    out = io.BytesIO()
    if fmt == "geojson":
        frame.to_file(out, driver="GeoJSON", engine="pyogrio", layer=EXPORT_NAME)
        return out.getvalue()
    driver = kml_driver()
    kml_frame(frame, driver).to_file(out, driver=driver, engine="pyogrio", layer=EXPORT_NAME)
    return out.getvalue()


def kml_driver() -> str:
    """The GDAL driver that writes KML here: "LIBKML" (it writes TimeStamp and TimeSpan) if it can, else "KML"."""
    import pyogrio  # noqa: PLC0415

    drivers = pyogrio.list_drivers()
    for name in ("LIBKML", "KML"):
        if "w" in drivers.get(name, ""):
            return name
    raise RuntimeError("this GDAL build has no KML writer (neither KML nor LIBKML)")


def kml_frame(frame: gpd.GeoDataFrame, driver: str = "LIBKML") -> gpd.GeoDataFrame:
    """The frame as KML writers want it: a name, an HTML description, and (LIBKML) the time of each feature.

    GDAL's LIBKML driver writes fields named ``timestamp`` as <TimeStamp> and ``begin``/``end`` as
    <TimeSpan>, which Google Earth's time slider reads: a dated event is a TimeStamp on its day (a
    TimeSpan over its month, year or range), a feature valid for a while is a TimeSpan.
    """
    kml = frame.drop(columns=["title", "description"])
    names = {"LIBKML": ("name", "description")}.get(driver, ("Name", "Description"))
    kml[names[0]] = frame["title"]
    kml[names[1]] = [_kml_description(row) for row in frame.itertuples()]
    if driver == "LIBKML":
        times = [_kml_time(row) for row in frame.itertuples()]
        kml["timestamp"], kml["begin"], kml["end"] = (list(column) for column in zip(*times, strict=True))
    return kml


def _kml_time(row: Any) -> tuple[str | None, str | None, str | None]:
    """(timestamp, begin, end) of one export row, as ISO days."""
    if row.layer == "events" and row.first_day:
        if row.first_day == row.last_day:
            return row.first_day, None, None
        return None, row.first_day, row.last_day
    return None, row.valid_from or None, row.valid_to or None


def _kml_description(row: Any) -> str:
    # KML readers show <description> as HTML: every part is escaped in the one escaping helper.
    parts = [row.date, row.description, row.note, row.source, row.sources, row.source_url]
    return "<br>".join(escape(p) for p in parts if isinstance(p, str) and p)


def _csv_bytes(frame: gpd.GeoDataFrame) -> bytes:
    """CSV with the geometry of every located row as WKT in WGS84 (GDAL and QGIS read a column named WKT
    as the geometry), the CRS named in a column, and longitude/latitude for points as well."""
    table: pd.DataFrame = frame.drop(columns="geometry").copy()
    points = [g if g is not None and g.geom_type == "Point" else None for g in frame.geometry]
    table["longitude"] = [p.x if p is not None else None for p in points]
    table["latitude"] = [p.y if p is not None else None for p in points]
    table["WKT"] = [g.wkt if g is not None and not g.is_empty else "" for g in frame.geometry]
    table["crs"] = [CSV_CRS if wkt else "" for wkt in table["WKT"]]
    return str(table.to_csv(index=False)).encode("utf-8")


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


def rendering_rows(ds: Dataset, statements: Iterable[Statement] | None = None) -> list[dict[str, Any]]:
    """Every rendering of every statement, with its outlet, date and URL, wording verbatim."""
    rows = []
    for st in ds.statements if statements is None else statements:
        for r in st.renderings:
            src = ds.source(r.source_id)
            rows.append(
                {
                    "statement": st.id,
                    "speaker": st.speaker,
                    "role": st.role,
                    "said": st.date.label,
                    "event": st.event_id,
                    "outlet": src.outlet,
                    "wording": r.text,
                    "attribution": r.attribution,
                    "verbatim_of": r.verbatim_of,
                    "published": src.published.label if src.published else "",
                    "url": src.url,
                    "url_note": src.url_note,
                    "confidence": r.confidence,
                    "note": r.note,
                }
            )
    return rows


def row_matches(row: dict[str, Any], text: str) -> bool:
    """True when any value of the row contains ``text`` (any case)."""
    needle = text.strip().casefold()
    return not needle or needle in _haystack(*(str(v) for v in row.values() if v is not None))


def corrections(ds: Dataset, readme: str = "") -> list[tuple[str, str]]:
    """Every correction and caveat the data states, as (about, text) pairs, read from the data."""
    out = [(f"Statement {s.id} ({s.speaker})", s.correction) for s in ds.statements if s.correction]
    for warning in dict.fromkeys(b.warning for b in ds.bands):
        out.append(("Corridor band (every band feature)", warning))
    if CONTESTED_EVENT_ID in {e.id for e in ds.events}:
        event = ds.event(CONTESTED_EVENT_ID)
        contexts = " ".join(s.context for s in ds.statements_of(event) if s.context)
        out.append((f"{event.date.label}: {event.title}", f"{event.description} {contexts}".strip()))
    out += [(f"Place {p.id}", f"{p.source} {p.notes}".strip()) for p in ds.places if p.derived]
    out += [(f"Route {r.id}", r.note) for r in ds.routes if r.schematic]
    region = readme_section(readme, "admin0_region_ne10m.geojson")
    if region:
        out.append(("Natural Earth borders (admin0_region_ne10m.geojson)", region))
    out += region_caveats(ds)
    return out


def region_caveats(ds: Dataset) -> list[tuple[str, str]]:
    """What the region outlines are, where they disagree with the routes, and what is not drawn."""
    out: list[tuple[str, str]] = []
    for f in of_layer(ds.region_features, "nk_2020"):
        out.append((f"{f.title} ({f.id})", f"{f.properties.get('status_note', '')} {f.caveat}".strip()))
        if f.properties.get("disagreement"):
            out.append(("Where the data disagree: the 2020 outline and the later routes", f.properties["disagreement"]))
        if f.properties.get("former_note"):
            last = f.validity.last
            when = f"{last.day} {last:%b %Y}" if last else "its last day"
            out.append((f"After {when}: former outline", f.properties["former_note"]))
    for f in ds.region_features:
        if f.layer != "nk_2020" and (f.properties.get("derived") is True or f.layer == "edges"):
            out.append((f"{f.title} ({f.id})", f.caveat))
    out.append(("The Hakari river is not drawn", HAKARI_RIVER_NOTE))
    return out


def file_summary(ds: Dataset, key: str) -> tuple[int, str]:
    """How many records a catalogue file holds and their confidence levels (e.g. "high 9, low 2")."""
    by_file: dict[str, list[str]] = {
        "places": [p.confidence for p in ds.places],
        "routes": [r.confidence for r in ds.routes],
        "bands": [str(b.properties.get("confidence", "")) for b in ds.bands],
        "borders": [""] * len(ds.borders["features"]),
        "region": [""] * len(ds.region["features"]),
        "events": [e.confidence for e in ds.events],
        "statements": [r.confidence for s in ds.statements for r in s.renderings],
        "sources": [""] * len(ds.sources),
    }
    for layer in ("nk_2020", "nkao", "edges", "rivers"):
        by_file[layer] = [f.confidence for f in ds.region_features if f.layer == layer]
    levels = by_file.get(key, [])
    counts = Counter(level for level in levels if level)
    text = ", ".join(f"{level} {counts[level]}" for level in ("high", "medium", "low") if counts[level])
    if key == "statements":
        return len(ds.statements), f"renderings: {text}"
    return len(levels), text or "not graded in the file"


def readme_section(readme: str, filename: str) -> str:
    """The plain text of the geo/README.md section about ``filename`` (markdown marks removed)."""
    match = re.search(rf"^## `{re.escape(filename)}`\n(.*?)(?=^## |\Z)", readme, flags=re.M | re.S)
    if not match:
        return ""
    return " ".join(match.group(1).replace("**", "").replace("`", "").split())
