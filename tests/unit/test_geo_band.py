"""The stored 5 km band agrees with its route: recomputed in UTM 38N (EPSG:32638)."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import LineString, shape

from corridor.records import Dataset

HALF_WIDTH_M = 2500.0
TOLERANCE_M = 60.0  # coordinates are stored to 5 decimals and the band was simplified


TO_UTM = Transformer.from_crs("EPSG:4326", "EPSG:32638", always_xy=True)


def to_utm(geom: shapely.Geometry) -> shapely.Geometry:
    """Project a lon/lat geometry to UTM 38N metres."""
    return shapely.transform(geom, lambda xy: np.column_stack(TO_UTM.transform(xy[:, 0], xy[:, 1])))


@pytest.mark.parametrize("route_id", ["route_A_old_highway", "route_B1_bypass_temporary_link", "route_B2_kornidzor"])
def test_band_lies_within_2_5_km_of_its_route(dataset: Dataset, route_id: str) -> None:
    route = next(r for r in dataset.routes if r.id == route_id)
    band = next(b for b in dataset.bands if b.route_id == route_id)
    line = to_utm(LineString(route.coordinates))
    polygon = to_utm(shape(band.geometry))
    outside = polygon.difference(line.buffer(HALF_WIDTH_M + TOLERANCE_M))
    assert outside.area < 0.001 * polygon.area, f"{band.id} reaches more than 2.5 km from {route_id}"
    # ...and it really is a band of that width where it exists, not a sliver.
    inside_core = polygon.intersection(line.buffer(HALF_WIDTH_M - TOLERANCE_M))
    assert inside_core.area > 0.9 * polygon.area, f"{band.id} is narrower than its 2.5 km half-width"
    assert polygon.area > 2 * HALF_WIDTH_M * 10_000, f"{band.id} covers less than 10 km of route"


def test_band_validity_matches_its_route(dataset: Dataset) -> None:
    routes = {r.id: r for r in dataset.routes}
    for band in dataset.bands:
        assert band.validity == routes[band.route_id].validity, band.id
