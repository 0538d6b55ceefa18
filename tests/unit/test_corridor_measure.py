"""corridor.measure: derived distances are plausible, pinned, and carry their caveats."""

from __future__ import annotations

import itertools

import pytest
from pyproj import Geod

from corridor.measure import Measurement, distance_km, line_length_km, route_length, straight_distance
from corridor.records import Dataset, LonLat, Route, Validity

WGS84 = Geod(ellps="WGS84")


def _geodesic_km(points: tuple[LonLat, ...]) -> float:
    """An independent length: the sum of WGS84 geodesics, not the module's UTM projection."""
    lons, lats = zip(*points, strict=True)
    return WGS84.line_length(lons, lats) / 1000.0


# pinned from the bundled schematic routes (km, measured in UTM 38N)
@pytest.mark.parametrize(
    ("route_id", "km"),
    [
        ("route_A_old_highway", 53.3),
        ("route_B1_bypass_temporary_link", 55.0),
        ("route_B2_kornidzor", 55.0),
    ],
)
def test_route_lengths(dataset: Dataset, route_id: str, km: float) -> None:
    route = next(r for r in dataset.routes if r.id == route_id)
    measured = route_length(route)
    assert 50.0 <= measured.km <= 60.0, "schematic Goris-Stepanakert routes are 50-60 km"
    assert measured.km == pytest.approx(km, abs=0.3)
    assert measured.km == pytest.approx(_geodesic_km(route.coordinates), rel=0.005)
    assert "schematic" in measured.caveat
    assert "straight lines between waypoints" in measured.caveat
    assert measured.label == f"Length of {route.title}"


def test_kornidzor_detour_makes_b2_longer_than_b1(dataset: Dataset) -> None:
    by_id = {r.id: r for r in dataset.routes}
    b1 = route_length(by_id["route_B1_bypass_temporary_link"]).km
    b2 = route_length(by_id["route_B2_kornidzor"]).km
    assert b2 > b1
    assert b2 - b1 < 1.0


@pytest.mark.parametrize(
    ("a", "b", "km", "tolerance"),
    [
        ("hakari_checkpoint", "stepanakert", 35.0, 0.5),
        ("hakari_checkpoint", "goris", 17.65, 0.35),
        ("goris", "stepanakert", 48.8, 0.5),
        ("lachin", "stepanakert", 26.15, 0.3),
        ("kornidzor", "hakari_bridge", 1.06, 0.1),
    ],
)
def test_straight_distances(dataset: Dataset, a: str, b: str, km: float, tolerance: float) -> None:
    pa, pb = dataset.place(a), dataset.place(b)
    measured = straight_distance(pa, pb)
    assert measured.km == pytest.approx(km, abs=tolerance)
    assert measured.km == pytest.approx(_geodesic_km((pa.lonlat, pb.lonlat)), rel=0.005)
    assert measured.label == f"{pa.name_en} to {pb.name_en}"
    assert measured.caveat.startswith("straight line, not road distance")


def test_checkpoint_to_goris_is_17_to_18_km(dataset: Dataset) -> None:
    km = straight_distance(dataset.place("hakari_checkpoint"), dataset.place("goris")).km
    assert 17.0 <= km <= 18.0


def test_uncertain_point_puts_its_uncertainty_in_the_caveat(dataset: Dataset) -> None:
    caveat = straight_distance(dataset.place("hakari_checkpoint"), dataset.place("stepanakert")).caveat
    assert caveat == "straight line, not road distance; position uncertain by about ±1.5 km"
    reverse = straight_distance(dataset.place("stepanakert"), dataset.place("hakari_checkpoint")).caveat
    assert reverse == caveat


def test_certain_points_have_no_uncertainty_caveat(dataset: Dataset) -> None:
    caveat = straight_distance(dataset.place("goris"), dataset.place("stepanakert")).caveat
    assert caveat == "straight line, not road distance"


def test_distance_is_symmetric_and_zero_on_itself(dataset: Dataset) -> None:
    a, b = dataset.place("lachin").lonlat, dataset.place("shusha").lonlat
    assert distance_km(a, b) == pytest.approx(distance_km(b, a), abs=1e-9)
    assert distance_km(a, a) == 0.0


def test_line_length_adds_its_segments(dataset: Dataset) -> None:
    route = next(r for r in dataset.routes if r.id == "route_A_old_highway")
    pts = route.coordinates
    segments = sum(distance_km(p, q) for p, q in itertools.pairwise(pts))
    assert line_length_km(pts) == pytest.approx(segments, rel=1e-9)
    assert line_length_km(pts[:2]) == pytest.approx(distance_km(pts[0], pts[1]), rel=1e-12)
    assert line_length_km(pts[:1]) == 0.0


def test_one_degree_of_latitude_is_about_111_km() -> None:
    assert distance_km((45.0, 39.0), (45.0, 40.0)) == pytest.approx(111.0, abs=0.3)


def test_surveyed_route_is_not_labelled_schematic() -> None:
    route = Route(
        "surveyed", "Surveyed road", ((46.34168, 39.51111), (46.47583, 39.55472)), Validity(), False, "high", ""
    )
    measured = route_length(route)
    assert measured.caveat == "surveyed"
    assert "schematic" not in measured.text


def test_measurement_text() -> None:
    m = Measurement("Route in use", 54.06, "schematic: straight lines between waypoints, the road is longer")
    assert m.text == "Route in use: 54.1 km (schematic: straight lines between waypoints, the road is longer)"
    assert Measurement("A to B", 17.66, "straight line").text == "A to B: 17.7 km (straight line)"
