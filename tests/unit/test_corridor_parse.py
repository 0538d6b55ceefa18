"""corridor.parse: raw JSON records become typed records, or a DataError naming the field."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from corridor.errors import DataError
from corridor.parse import (
    parse_band,
    parse_event,
    parse_place,
    parse_rendering,
    parse_route,
    parse_source,
    parse_statement,
    record_id,
)
from corridor.records import Place, Validity

PLACE = {
    "type": "Feature",
    "geometry": {"type": "Point", "coordinates": [46.54694, 39.64083]},
    "properties": {
        "id": "lachin",
        "name_en": "Lachin",
        "name_hy": "Berdzor",
        "name_az": "Lachin",
        "name_hy_native": "Բերձոր",
        "name_az_native": "Laçın",
        "kind": "town",
        "source": "en.wikipedia 'Lachin'",
        "confidence": "high",
        "notes": "",
        "derived": False,
        "uncertainty_m": None,
    },
}

ROUTE = {
    "type": "Feature",
    "geometry": {"type": "LineString", "coordinates": [[46.34168, 39.51111], [46.47583, 39.55472]]},
    "properties": {
        "id": "route_X",
        "title": "Goris-Tegh",
        "valid_from": "2022-08-30",
        "valid_to": "2023-03-31",
        "schematic": True,
        "geometry_note": "SCHEMATIC",
        "waypoints": [
            {"name": "Goris", "lon": 46.34168, "lat": 39.51111, "source": "GeoNames 174895"},
            {"name": "Tegh", "lon": 46.47583, "lat": 39.55472, "source": "en.wikipedia Tegh"},
        ],
        "confidence": "low",
    },
}

BAND = {
    "type": "Feature",
    "geometry": {
        "type": "Polygon",
        "coordinates": [[[46.5, 39.6], [46.6, 39.6], [46.6, 39.7], [46.5, 39.7], [46.5, 39.6]]],
    },
    "properties": {
        "id": "route_X_band5km",
        "route_id": "route_X",
        "valid_from": "2022-08-30",
        "valid_to": "2023-03-31",
        "illustrative": True,
        "warning": "Not an official boundary.",
        "basis": "Para 6 of the 2020 statement: 5 km wide.",
    },
}

BOWTIE = [[[46.5, 39.6], [46.6, 39.7], [46.6, 39.6], [46.5, 39.7], [46.5, 39.6]]]

SOURCE = {
    "id": "presstv-2023-04-24",
    "outlet": "Press TV",
    "title": "Kremlin: No alternative",
    "url": "https://www.presstv.ir/Detail/2023/04/24/702148/",
    "published": "2023-04-24",
    "kind": "news",
    "paragraphs": ["One.", "Two."],
}

RENDERING = {
    "id": "peskov-no-alternative-presstv",
    "source_id": "presstv-2023-04-24",
    "text": "no alternative",
    "attribution": "direct",
    "verbatim_of": "speaker",
    "note": "",
    "confidence": "high",
}

STATEMENT = {
    "id": "peskov-2023-04-24-no-alternative",
    "speaker": "Dmitry Peskov",
    "role": "Kremlin spokesman",
    "side": "Russia",
    "date": "2023-04-24",
    "event_id": "ev-2023-04-24-peskov",
    "original_language": "ru",
    "renderings": [RENDERING],
}

EVENT = {
    "id": "ev-2023-04-23-checkpoint",
    "date": "2023-04-23",
    "title": "Azerbaijan sets up checkpoint at the Hakari bridge",
    "description": "...",
    "place_label": "Hakari bridge",
    "place_id": "lachin",
    "status": "checkpoint",
    "event_type": "checkpoint",
    "actors": ["Azerbaijan", "Armenia"],
    "statement_ids": ["az-mfa-2023-04-23-checkpoint"],
    "source_ids": ["tribune-2023-04-24"],
    "confidence": "high",
}


def _with(base: dict[str, Any], *path_and_value: Any, delete: bool = False) -> dict[str, Any]:
    """A deep copy of ``base`` with one member set (or deleted) at ``path``."""
    *path, value = path_and_value if not delete else (*path_and_value, None)
    out = copy.deepcopy(base)
    node = out
    for step in path[:-1]:
        node = node[step]
    if delete:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return out


@pytest.fixture(scope="module")
def places() -> dict[str, Place]:
    place = parse_place(PLACE)
    return {place.id: place}


# --- record_id --------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [None, "", "   ", 7, ["a"]])
def test_record_id_rejects(value: Any) -> None:
    with pytest.raises(DataError, match=r"^field 'id': every record needs a non-empty string id"):
        record_id({"id": value})


def test_record_id() -> None:
    assert record_id({"id": "lachin"}) == "lachin"


# --- places ------------------------------------------------------------------------------------


def test_parse_place() -> None:
    place = parse_place(PLACE)
    assert place.id == "lachin"
    assert place.lonlat == (46.54694, 39.64083)
    assert (place.name_en, place.name_hy, place.name_az) == ("Lachin", "Berdzor", "Lachin")
    assert (place.name_hy_native, place.name_az_native) == ("Բերձոր", "Laçın")
    assert place.confidence == "high"
    assert place.derived is False
    assert place.uncertainty_m is None
    assert place.validity == Validity(None, None)
    assert place.properties is PLACE["properties"]


def test_parse_place_derived_with_uncertainty_and_validity() -> None:
    raw = copy.deepcopy(PLACE)
    raw["properties"].update(derived=True, uncertainty_m=1500, valid_from="2023-04-23", valid_to=None)
    place = parse_place(raw)
    assert place.derived is True
    assert place.uncertainty_m == 1500.0
    assert isinstance(place.uncertainty_m, float)
    assert place.validity == Validity(dt.date(2023, 4, 23), None)


def test_empty_native_name_becomes_none() -> None:
    assert parse_place(_with(PLACE, "properties", "name_az_native", "")).name_az_native is None


@pytest.mark.parametrize(
    ("raw", "field", "match"),
    [
        (_with(PLACE, "type", "FeatureCollection"), None, r"expected a GeoJSON Feature \(got 'dict'\)"),
        ([PLACE], None, r"expected a GeoJSON Feature \(got 'list'\)"),
        (_with(PLACE, "properties", None), "properties", r"feature has no properties object"),
        (_with(PLACE, "properties", "name_az", delete=True), "name_az", r"required field is missing or empty"),
        (_with(PLACE, "properties", "name_en", "  "), "name_en", r"required field is missing or empty"),
        (_with(PLACE, "properties", "name_hy", 42), "name_hy", r"expected text \(got 42\)"),
        (_with(PLACE, "properties", "kind", None), "kind", r"required field is missing or empty"),
        (_with(PLACE, "properties", "source", ""), "source", r"required field is missing or empty"),
        (_with(PLACE, "properties", "confidence", "High"), "confidence", r"must be one of high, medium, low"),
        (_with(PLACE, "properties", "id", ""), "id", r"every record needs a non-empty string id"),
        (_with(PLACE, "properties", "derived", "yes"), "derived", r"expected true or false \(got 'yes'\)"),
        (_with(PLACE, "properties", "derived", True), "uncertainty_m", r"a derived point needs uncertainty_m$"),
        (_with(PLACE, "properties", "uncertainty_m", 0), "uncertainty_m", r"must be a positive number \(got 0\)"),
        (_with(PLACE, "properties", "uncertainty_m", -5), "uncertainty_m", r"must be a positive number"),
        (_with(PLACE, "properties", "uncertainty_m", "1.5 km"), "uncertainty_m", r"must be a positive number"),
        (_with(PLACE, "properties", "valid_from", "2023-04-31"), "valid_from", r"not a calendar day"),
        (
            _with(_with(PLACE, "properties", "valid_from", "2023-04-23"), "properties", "valid_to", "2023-04-22"),
            "valid_to",
            r"valid_to is before valid_from \(2023-04-23\) \(got '2023-04-22'\)",
        ),
        (_with(PLACE, "geometry", None), "geometry", r"missing or malformed geometry"),
        (_with(PLACE, "geometry", "type", "MultiPoint"), "geometry", r"geometry type must be one of Point"),
        (_with(PLACE, "geometry", "coordinates", [39.64083, 46.54694]), "geometry", r"look swapped"),
    ],
)
def test_parse_place_rejects(raw: Any, field: str | None, match: str) -> None:
    with pytest.raises(DataError, match=match) as info:
        parse_place(raw)
    assert info.value.field == field


def test_parse_place_rejects_boolean_uncertainty() -> None:
    with pytest.raises(DataError, match="uncertainty_m"):
        parse_place(_with(PLACE, "properties", "uncertainty_m", True))


# --- routes and bands ---------------------------------------------------------------------------


def test_parse_route() -> None:
    route = parse_route(ROUTE)
    assert route.id == "route_X"
    assert route.coordinates == ((46.34168, 39.51111), (46.47583, 39.55472))
    assert route.validity == Validity(dt.date(2022, 8, 30), dt.date(2023, 3, 31))
    assert route.schematic is True
    assert route.note == "SCHEMATIC"


@pytest.mark.parametrize(
    ("raw", "field", "match"),
    [
        (_with(ROUTE, "properties", "valid_from", None), "valid_from", r"a route needs both valid_from and valid_to"),
        (_with(ROUTE, "properties", "valid_to", "2022-08-29"), "valid_to", r"valid_to is before valid_from"),
        (_with(ROUTE, "properties", "waypoints", []), "waypoints", r"a route needs at least two waypoints"),
        (_with(ROUTE, "properties", "waypoints", None), "waypoints", r"a route needs at least two waypoints"),
        (
            _with(ROUTE, "properties", "waypoints", 1, "source", ""),
            "waypoints",
            r"waypoint 1 has no source",
        ),
        (
            _with(ROUTE, "properties", "waypoints", 0, "source", delete=True),
            "waypoints",
            r"waypoint 0 has no source",
        ),
        (
            _with(ROUTE, "properties", "waypoints", 1, "lat", 95.0),
            "waypoints[1]",
            r"not WGS84 degrees",
        ),
        (_with(ROUTE, "properties", "schematic", "true"), "schematic", r"expected true or false"),
        (_with(ROUTE, "properties", "schematic", delete=True), "schematic", r"expected true or false"),
        (_with(ROUTE, "properties", "geometry_note", ""), "geometry_note", r"required field is missing or empty"),
        (_with(ROUTE, "geometry", "type", "MultiLineString"), "geometry", r"must be one of LineString"),
        (
            _with(ROUTE, "geometry", "coordinates", [[46.34168, 39.51111], [46.4, 39.5, 1000.0]]),
            "geometry",
            r"got 3D",
        ),
    ],
)
def test_parse_route_rejects(raw: Any, field: str, match: str) -> None:
    with pytest.raises(DataError, match=match) as info:
        parse_route(raw)
    assert info.value.field == field


def test_parse_band() -> None:
    band = parse_band(BAND)
    assert band.route_id == "route_X"
    assert band.geometry is BAND["geometry"]
    assert band.validity == Validity(dt.date(2022, 8, 30), dt.date(2023, 3, 31))


@pytest.mark.parametrize(
    ("raw", "field", "match"),
    [
        (_with(BAND, "properties", "illustrative", False), "illustrative", r"must be marked illustrative"),
        (_with(BAND, "properties", "illustrative", delete=True), "illustrative", r"expected true or false"),
        (_with(BAND, "properties", "warning", ""), "warning", r"required field is missing or empty"),
        (_with(BAND, "properties", "route_id", None), "route_id", r"required field is missing or empty"),
        (_with(BAND, "geometry", "type", "Point"), "geometry", r"must be one of Polygon, MultiPolygon"),
        (
            _with(BAND, "geometry", "coordinates", BOWTIE),
            "geometry",
            r"invalid geometry: Self-intersection",
        ),
    ],
)
def test_parse_band_rejects(raw: Any, field: str, match: str) -> None:
    with pytest.raises(DataError, match=match) as info:
        parse_band(raw)
    assert info.value.field == field


# --- sources, renderings, statements -----------------------------------------------------------


def test_parse_source() -> None:
    source = parse_source(SOURCE)
    assert source.url == SOURCE["url"]
    assert source.published is not None and source.published.iso == "2023-04-24"
    assert source.paragraphs == ("One.", "Two.")


def test_source_without_url_needs_a_note() -> None:
    source = parse_source({**SOURCE, "url": None, "url_note": "Address not recorded."})
    assert source.url is None
    assert source.url_note == "Address not recorded."
    assert parse_source({**SOURCE, "published": None}).published is None


@pytest.mark.parametrize(
    ("raw", "field", "match"),
    [
        ("presstv", None, r"expected an object \(got 'str'\)"),
        ({**SOURCE, "url": None}, "url", r"a source without a URL must say why in url_note"),
        ({**SOURCE, "url": "javascript:alert(1)"}, "url", r"URL must start with http:// or https://"),
        ({**SOURCE, "url": "JavaScript:alert(1)"}, "url", r"URL must start with http:// or https://"),
        ({**SOURCE, "url": "data:text/html,<script>alert(1)</script>"}, "url", r"URL must start with"),
        ({**SOURCE, "url": "ftp://example.org/a"}, "url", r"URL must start with"),
        ({**SOURCE, "url": "https://example.org/a b"}, "url", r"and have no spaces"),
        ({**SOURCE, "url": "https://example.org/a\nb"}, "url", r"and have no spaces"),
        ({**SOURCE, "published": "24 April 2023"}, "published", r"expected YYYY-MM-DD"),
        ({**SOURCE, "paragraphs": "One paragraph"}, "paragraphs", r"paragraphs must be a list of strings"),
        ({**SOURCE, "paragraphs": ["One", 2]}, "paragraphs", r"paragraphs must be a list of strings"),
        ({**SOURCE, "outlet": ""}, "outlet", r"required field is missing or empty"),
        ({**SOURCE, "kind": None}, "kind", r"required field is missing or empty"),
    ],
)
def test_parse_source_rejects(raw: Any, field: str | None, match: str) -> None:
    with pytest.raises(DataError, match=match) as info:
        parse_source(raw)
    assert info.value.field == field


def test_parse_rendering_keeps_text_verbatim() -> None:
    text = '"Russia continues its mediation efforts, ... two years earlier,\u201d'
    rendering = parse_rendering({**RENDERING, "text": text})
    assert rendering.text == text


@pytest.mark.parametrize(
    ("raw", "field", "match"),
    [
        (["no alternative"], "renderings", r"expected an object \(got 'list'\)"),
        ({**RENDERING, "text": ""}, "text", r"required field is missing or empty"),
        ({**RENDERING, "text": "x" * 20_001}, "text", r"text longer than 20000 characters"),
        ({**RENDERING, "attribution": "quoted"}, "attribution", r"must be one of direct, official_text, reported"),
        ({**RENDERING, "verbatim_of": "agency"}, "verbatim_of", r"must be one of speaker, outlet"),
        ({**RENDERING, "source_id": None}, "source_id", r"required field is missing or empty"),
    ],
)
def test_parse_rendering_rejects(raw: Any, field: str, match: str) -> None:
    with pytest.raises(DataError, match=match) as info:
        parse_rendering(raw)
    assert info.value.field == field


def test_parse_statement() -> None:
    statement = parse_statement({**STATEMENT, "correction": None, "context": None})
    assert statement.date.iso == "2023-04-24"
    assert [r.id for r in statement.renderings] == ["peskov-no-alternative-presstv"]
    assert statement.original_language == "ru"
    assert (statement.correction, statement.context) == ("", "")
    assert parse_statement({**STATEMENT, "original_language": None}).original_language == "en"


@pytest.mark.parametrize(
    ("raw", "field", "match"),
    [
        ({**STATEMENT, "renderings": []}, "renderings", r"a statement needs at least one rendering"),
        ({**STATEMENT, "renderings": RENDERING}, "renderings", r"a statement needs at least one rendering"),
        ({**STATEMENT, "date": "24.04.2023"}, "date", r"expected YYYY-MM-DD"),
        ({**STATEMENT, "speaker": ""}, "speaker", r"required field is missing or empty"),
        ({**STATEMENT, "event_id": None}, "event_id", r"required field is missing or empty"),
        ({**STATEMENT, "renderings": [{**RENDERING, "confidence": "sure"}]}, "confidence", r"must be one of"),
    ],
)
def test_parse_statement_rejects(raw: Any, field: str, match: str) -> None:
    with pytest.raises(DataError, match=match) as info:
        parse_statement(raw)
    assert info.value.field == field


# --- events -----------------------------------------------------------------------------------


def test_parse_event_takes_its_place_position(places: dict[str, Place]) -> None:
    event = parse_event(EVENT, places)
    assert event.lonlat == places["lachin"].lonlat
    assert event.status == "checkpoint"
    assert event.actors == ("Azerbaijan", "Armenia")
    assert event.anchor == dt.date(2023, 4, 23)


def test_event_own_lonlat_wins_over_its_place(places: dict[str, Place]) -> None:
    event = parse_event({**EVENT, "lon": 46.5423, "lat": 39.545}, places)
    assert event.lonlat == (46.5423, 39.545)


def test_event_without_place_has_no_position(places: dict[str, Place]) -> None:
    event = parse_event({**EVENT, "place_id": None, "status": None}, places)
    assert (event.lonlat, event.status) == (None, None)
    assert (event.statement_ids, event.source_ids) == (("az-mfa-2023-04-23-checkpoint",), ("tribune-2023-04-24",))


def test_month_event_is_anchored_on_its_last_day(places: dict[str, Place]) -> None:
    event = parse_event({**EVENT, "date": "2021-07"}, places)
    assert (event.date.first, event.anchor) == (dt.date(2021, 7, 1), dt.date(2021, 7, 31))


@pytest.mark.parametrize(
    ("raw", "field", "match"),
    [
        ({**EVENT, "place_id": "hakari_brige"}, "place_id", r"place_id does not name a place in places\.geojson"),
        ({**EVENT, "lon": 46.5}, "lon/lat", r"coordinates must be numbers"),
        ({**EVENT, "lon": 39.545, "lat": 46.5423}, "lon/lat", r"look swapped"),
        (
            {**EVENT, "status": "reopened"},
            "status",
            r"must be one of open, blocked, checkpoint, restricted, closed, exodus",
        ),
        ({**EVENT, "actors": "Azerbaijan"}, "actors", r"expected a list of strings"),
        ({**EVENT, "statement_ids": ["a", ""]}, "statement_ids", r"expected a list of strings"),
        ({**EVENT, "source_ids": [1]}, "source_ids", r"expected a list of strings"),
        ({**EVENT, "source_url": "javascript:void(0)"}, "source_url", r"URL must start with"),
        ({**EVENT, "date": "2023-04-31"}, "date", r"not a calendar day"),
        ({**EVENT, "title": ""}, "title", r"required field is missing or empty"),
        ({**EVENT, "event_type": None}, "event_type", r"required field is missing or empty"),
        ({**EVENT, "confidence": None}, "confidence", r"must be one of high, medium, low"),
    ],
)
def test_parse_event_rejects(places: dict[str, Place], raw: Any, field: str, match: str) -> None:
    with pytest.raises(DataError, match=match) as info:
        parse_event(raw, places)
    assert info.value.field == field


def test_parse_event_rejects_non_objects(places: dict[str, Place]) -> None:
    with pytest.raises(DataError, match=r"expected an object \(got 'list'\)"):
        parse_event([EVENT], places)
