"""scripts/clean_borders.py: the bundled border has no stray piece smaller than a real exclave."""

from __future__ import annotations

import json
from typing import Any

import pytest
from shapely.geometry import Point, Polygon, mapping, shape

from corridor.catalogue import BORDERS, GEO_DIR
from scripts import clean_borders as cb

DOC = json.loads((GEO_DIR / BORDERS.filename).read_text(encoding="utf-8"))
GEOMS = {f["properties"]["A3"]: shape(f["geometry"]) for f in DOC["features"]}
# (country, lon, lat, approximate km2 in this file): the real exclaves must survive the cleaning.
REAL_EXCLAVES = (
    ("ARM", 45.514, 40.627, 39.2),  # Artsvashen
    ("AZE", 45.002, 41.066, 32.4),  # Barkhudarly
    ("AZE", 45.209, 40.995, 9.9),  # Yukhari Askipara
)


def test_threshold_keeps_real_exclaves_apart_from_slivers() -> None:
    assert 1.0 <= cb.MIN_AREA_KM2 < min(size for *_, size in REAL_EXCLAVES)


@pytest.mark.parametrize("code", ["ARM", "AZE"])
def test_no_part_or_hole_smaller_than_a_real_exclave(code: str) -> None:
    small = []
    for part in cb.polygon_parts(GEOMS[code]):
        if cb.area_km2(part) < cb.MIN_AREA_KM2:
            small.append(("part", part.representative_point().coords[0]))
        small += [("hole", r.coords[0]) for r in part.interiors if cb.area_km2(Polygon(r)) < cb.MIN_AREA_KM2]
    assert small == []


@pytest.mark.parametrize(("code", "lon", "lat", "size"), REAL_EXCLAVES)
def test_real_exclaves_are_kept(code: str, lon: float, lat: float, size: float) -> None:
    part = next(p for p in cb.polygon_parts(GEOMS[code]) if p.contains(Point(lon, lat)))
    assert cb.area_km2(part) == pytest.approx(size, rel=0.05)


def test_no_small_gap_between_the_two_countries() -> None:
    assert [g for g in cb.gaps_between(GEOMS) if cb.area_km2(g) < cb.MIN_AREA_KM2] == []


def test_the_bundled_file_is_already_clean() -> None:
    _, removed = cb.clean(DOC)
    assert removed == []
    assert all("clean_borders.py" in f["properties"]["processing"] for f in DOC["features"])


def _doc(*features: tuple[str, Any]) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": {"A3": a3}, "geometry": mapping(g)} for a3, g in features],
    }


def test_clean_removes_a_tiny_part_and_a_triangular_hole_and_reports_them() -> None:
    big = Polygon([(45, 40), (45.3, 40), (45.3, 40.3), (45, 40.3)], [[(45.1, 40.1), (45.102, 40.1), (45.1, 40.102)]])
    speck = Polygon([(45.5, 40.5), (45.501, 40.5), (45.501, 40.501)])
    cleaned, removed = cb.clean(_doc(("ARM", big.union(speck))))
    assert sorted(r.what for r in removed) == ["hole", "part"]
    assert all(r.area_km2 < cb.MIN_AREA_KM2 for r in removed)
    geom = shape(cleaned["features"][0]["geometry"])
    assert len(cb.polygon_parts(geom)) == 1
    assert not list(cb.polygon_parts(geom)[0].interiors)


def test_a_thin_gap_goes_to_the_neighbour_with_the_longer_edge() -> None:
    left = Polygon([(45, 40), (45.2, 40), (45.2, 40.3), (45, 40.3)])
    # The right country wraps round a 0.001 degree wide slit along the left one's edge.
    outer = Polygon([(45.2, 39.9), (45.5, 39.9), (45.5, 40.4), (45.2, 40.4), (45.2, 40.3), (45.2, 40.0)])
    right = outer.difference(Polygon([(45.2, 40.05), (45.201, 40.05), (45.201, 40.25), (45.2, 40.25)]))
    assert [cb.area_km2(g) for g in cb.gaps_between({"ARM": left, "AZE": right})]
    cleaned, removed = cb.clean(_doc(("ARM", left), ("AZE", right)))
    assert [r.what for r in removed] == ["gap"]
    after = {f["properties"]["A3"]: shape(f["geometry"]) for f in cleaned["features"]}
    assert cb.gaps_between(after) == []
