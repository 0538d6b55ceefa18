"""corridor.geometry: positions and geometries are checked, and each failure says what is wrong."""

from __future__ import annotations

import math
from typing import Any

import pytest

from corridor.errors import DataError
from corridor.geometry import REGION_BOUNDS, check_geometry, check_lonlat

LACHIN = [46.54694, 39.64083]
BOWTIE = [[[46.5, 39.6], [46.6, 39.7], [46.6, 39.6], [46.5, 39.7], [46.5, 39.6]]]
SQUARE = [[[46.5, 39.6], [46.6, 39.6], [46.6, 39.7], [46.5, 39.7], [46.5, 39.6]]]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (LACHIN, (46.54694, 39.64083)),
        ((46.54694, 39.64083), (46.54694, 39.64083)),
        ([46, 39], (46.0, 39.0)),
        ([44.5126, 40.17765], (44.5126, 40.17765)),  # Yerevan
        ([49.88222, 40.39528], (49.88222, 40.39528)),  # Baku
        ([40.0, 36.0], (40.0, 36.0)),  # the region's corners are inside
        ([52.0, 44.0], (52.0, 44.0)),
    ],
)
def test_check_lonlat_accepts(value: Any, expected: tuple[float, float]) -> None:
    result = check_lonlat(value)
    assert result == expected
    assert all(type(c) is float for c in result)


@pytest.mark.parametrize(
    ("value", "match"),
    [
        (None, r"expected a \[lon, lat\] position"),
        ([], r"expected a \[lon, lat\] position"),
        ([46.5], r"expected a \[lon, lat\] position"),
        ("46.5,39.6", r"expected a \[lon, lat\] position"),
        ({"lon": 46.5, "lat": 39.6}, r"expected a \[lon, lat\] position"),
        ([46.5, 39.6, 1450], r"expected 2D coordinates \[lon, lat\], got 3D \(got \[46\.5, 39\.6, 1450\]\)"),
        (["46.5", "39.6"], r"coordinates must be numbers"),
        ([46.5, None], r"coordinates must be numbers"),
        ([True, 39.6], r"coordinates must be numbers"),
        ([46.5, False], r"coordinates must be numbers"),
        ([math.nan, 39.6], r"coordinates must be finite \(no NaN or Infinity\)"),
        ([46.5, math.inf], r"coordinates must be finite"),
        ([-math.inf, 39.6], r"coordinates must be finite"),
        ([500000, 4400000], r"coordinates are not WGS84 degrees \(projected CRS\?\) \(got \[500000, 4400000\]\)"),
        ([46.5, 95.0], r"coordinates are not WGS84 degrees"),
        ([181.0, 39.6], r"coordinates are not WGS84 degrees"),
        (
            [39.64083, 46.54694],
            r"position outside the region lon 40\.0\.\.52\.0, lat 36\.0\.\.44\.0; lat and lon look swapped",
        ),
        ([37.6173, 55.7558], r"position outside the region lon 40\.0\.\.52\.0, lat 36\.0\.\.44\.0 \(got"),  # Moscow
        ([-46.54694, 39.64083], r"position outside the region"),  # sign lost
        ([0.0, 0.0], r"position outside the region"),
        ([39.9999, 36.0], r"position outside the region"),
        ([52.0001, 44.0], r"position outside the region"),
    ],
)
def test_check_lonlat_rejects(value: Any, match: str) -> None:
    with pytest.raises(DataError, match=match):
        check_lonlat(value)


@pytest.mark.parametrize(
    "value",
    [[37.6173, 55.7558], [-46.54694, 39.64083], [46.5, 30.0]],
    ids=["moscow", "sign-lost", "south-of-region"],
)
def test_swapped_hint_only_when_swapping_would_fit(value: list[float]) -> None:
    with pytest.raises(DataError) as info:
        check_lonlat(value)
    assert "swapped" not in str(info.value)


def test_check_lonlat_names_its_field() -> None:
    with pytest.raises(DataError, match=r"^field 'waypoints\[3\]': ") as info:
        check_lonlat([39.6, 46.5], field="waypoints[3]")
    assert info.value.value == [39.6, 46.5]


def test_region_bounds_hold_every_bundled_place(dataset: Any) -> None:
    lon_min, lat_min, lon_max, lat_max = REGION_BOUNDS
    for place in dataset.places:
        lon, lat = place.lonlat
        assert lon_min <= lon <= lon_max and lat_min <= lat <= lat_max, place.id


@pytest.mark.parametrize(
    ("geometry", "allowed"),
    [
        ({"type": "Point", "coordinates": LACHIN}, ("Point",)),
        ({"type": "LineString", "coordinates": [LACHIN, [46.75194, 39.81528]]}, ("LineString",)),
        ({"type": "Polygon", "coordinates": SQUARE}, ("Polygon", "MultiPolygon")),
        ({"type": "MultiPolygon", "coordinates": [SQUARE]}, ("Polygon", "MultiPolygon")),
        ({"type": "MultiPoint", "coordinates": [LACHIN, [46.75194, 39.81528]]}, ("MultiPoint",)),
    ],
)
def test_check_geometry_accepts_and_returns_unchanged(geometry: dict[str, Any], allowed: tuple[str, ...]) -> None:
    assert check_geometry(geometry, allowed) is geometry


@pytest.mark.parametrize(
    ("geometry", "allowed", "match"),
    [
        (None, ("Point",), r"^field 'geometry': missing or malformed geometry$"),
        ([46.5, 39.6], ("Point",), r"missing or malformed geometry"),
        (
            {"type": "Polygon", "coordinates": SQUARE},
            ("Point",),
            r"geometry type must be one of Point \(got 'Polygon'\)",
        ),
        ({"coordinates": LACHIN}, ("Point",), r"geometry type must be one of Point$"),
        ({"type": "point", "coordinates": LACHIN}, ("Point",), r"must be one of Point \(got 'point'\)"),
        ({"type": "Point", "coordinates": [39.64083, 46.54694]}, ("Point",), r"lat and lon look swapped"),
        ({"type": "Point", "coordinates": [46.5, 39.6, 10.0]}, ("Point",), r"got 3D"),
        ({"type": "Point"}, ("Point",), r"expected a \[lon, lat\] position"),
        (
            {"type": "LineString", "coordinates": []},
            ("LineString",),
            r"geometry has no coordinates \(got 'LineString'\)",
        ),
        (
            {"type": "LineString", "coordinates": [LACHIN]},
            ("LineString",),
            r"geometry cannot be built \(.*point array must contain 0 or >1 elements",
        ),
        ({"type": "LineString", "coordinates": LACHIN}, ("LineString",), r"expected a \[lon, lat\] position"),
        ({"type": "Polygon", "coordinates": LACHIN}, ("Polygon",), r"malformed coordinate nesting \(got 'Polygon'\)"),
        (
            {"type": "Polygon", "coordinates": BOWTIE},
            ("Polygon",),
            r"invalid geometry: Self-intersection\[46\.55 39\.65\]",
        ),
        ({"type": "MultiPolygon", "coordinates": [BOWTIE]}, ("MultiPolygon",), r"invalid geometry: Self-intersection"),
        (
            {"type": "Polygon", "coordinates": [[[46.5, 39.6], [46.6, 39.6], [46.5, 39.6]]]},
            ("Polygon",),
            r"invalid geometry: Too few points in geometry component",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [
                    [[46.5, 39.6], [46.6, 39.6], [46.6, 39.7], [46.5, 39.7], [46.5, 39.6]],
                    [[46.0, 39.0], [46.1, 39.0], [46.1, 39.1], [46.0, 39.0]],
                ],
            },
            ("Polygon",),
            r"invalid geometry: Hole lies outside shell",
        ),
        (
            {"type": "Polygon", "coordinates": [[[46.5, 39.6], [46.6, 39.6], [math.nan, 39.7], [46.5, 39.6]]]},
            ("Polygon",),
            r"coordinates must be finite",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [[[500000, 4400000], [500100, 4400000], [500100, 4400100], [500000, 4400000]]],
            },
            ("Polygon",),
            r"not WGS84 degrees",
        ),
    ],
)
def test_check_geometry_rejects(geometry: Any, allowed: tuple[str, ...], match: str) -> None:
    with pytest.raises(DataError, match=match) as info:
        check_geometry(geometry, allowed)
    assert info.value.field == "geometry"


def test_allowed_types_are_listed_in_the_message() -> None:
    with pytest.raises(DataError, match=r"must be one of Polygon, MultiPolygon \(got 'LineString'\)"):
        check_geometry({"type": "LineString", "coordinates": [LACHIN, [46.6, 39.7]]}, ("Polygon", "MultiPolygon"))


def test_bundled_band_and_border_geometries_are_valid(dataset: Any) -> None:
    for band in dataset.bands:
        assert check_geometry(band.geometry, ("Polygon", "MultiPolygon")) is band.geometry
    for feature in dataset.borders["features"] + dataset.region["features"]:
        check_geometry(feature["geometry"], ("Polygon", "MultiPolygon"))
