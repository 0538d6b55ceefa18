"""The data catalogue: every file in geo/, what it holds and which fields it must carry.

A test checks that geo/ holds exactly these files and that geo/README.md documents each.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

GEO_DIR = Path(__file__).resolve().parent.parent / "geo"

FileFormat = Literal["geojson", "json"]


@dataclass(frozen=True)
class DataFile:
    """One file of the dataset."""

    key: str
    filename: str
    format: FileFormat
    title: str
    required: tuple[str, ...]
    licence: str


PLACES = DataFile(
    "places",
    "places.geojson",
    "geojson",
    "Places with Armenian, Azerbaijani and English names; the Hakari checkpoint",
    ("id", "name_en", "name_hy", "name_az", "kind", "source", "confidence"),
    "Coordinates are facts from GeoNames (CC BY 4.0), Wikipedia (CC BY-SA) and OSM (ODbL); see sources",
)
ROUTES = DataFile(
    "routes",
    "lachin_corridor.geojson",
    "geojson",
    "The three dated, schematic routes of the Lachin corridor road",
    ("id", "title", "valid_from", "valid_to", "schematic", "geometry_note", "waypoints", "confidence"),
    "Project data (schematic, derived from the places)",
)
BANDS = DataFile(
    "bands",
    "lachin_corridor_band.geojson",
    "geojson",
    "Illustrative 5 km corridor band around each route (not an official boundary)",
    ("id", "route_id", "valid_from", "valid_to", "illustrative", "warning", "basis"),
    "Project data derived from the routes and the OSM-derived border (ODbL)",
)
BORDERS = DataFile(
    "borders",
    "admin0_arm_aze_osm.geojson",
    "geojson",
    "Armenia and Azerbaijan land polygons (OSM-derived): the border at corridor scale",
    ("A3", "name", "source", "license"),
    "ODbL 1.0 - (c) OpenStreetMap contributors",
)
REGION = DataFile(
    "region",
    "admin0_region_ne10m.geojson",
    "geojson",
    "Natural Earth 1:10m countries of the region, for the overview zoom only",
    ("id", "name", "source", "license"),
    "Public domain (Natural Earth)",
)
EVENTS = DataFile(
    "events",
    "events.json",
    "json",
    "Dated events with date precision and the corridor status each sets",
    ("id", "date", "title", "event_type", "confidence"),
    "Project data; each event cites its sources",
)
STATEMENTS = DataFile(
    "statements",
    "statements.json",
    "json",
    "Statements quoted verbatim, each with one or more renderings by outlets",
    ("id", "speaker", "role", "side", "date", "event_id", "renderings"),
    "Short quotations from the cited publications, with attribution",
)
SOURCES = DataFile(
    "sources",
    "sources.json",
    "json",
    "Publications cited by statements and events, with the paragraphs every quote is taken from",
    ("id", "outlet", "kind"),
    "Bibliographic records; short quoted paragraphs from the cited publications",
)

DATA_FILES: tuple[DataFile, ...] = (PLACES, ROUTES, BANDS, BORDERS, REGION, EVENTS, STATEMENTS, SOURCES)
