"""Derived measurements in a metric CRS (UTM 38N, EPSG:32638). Each says what it rests on."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from corridor.records import LonLat, Place, Route

if TYPE_CHECKING:
    from pyproj import Transformer

UTM_38N = "EPSG:32638"


@dataclass(frozen=True)
class Measurement:
    """A derived distance with the caveat a briefing must state beside it."""

    label: str
    km: float
    caveat: str

    @property
    def text(self) -> str:
        """'Route in use: 54.1 km (schematic ...)'."""
        return f"{self.label}: {self.km:.1f} km ({self.caveat})"


@lru_cache(maxsize=1)
def _to_utm() -> Transformer:
    from pyproj import Transformer  # noqa: PLC0415 - pyproj is slow to import; only measurements need it

    return Transformer.from_crs("EPSG:4326", UTM_38N, always_xy=True)


def _project(points: tuple[LonLat, ...]) -> list[tuple[float, float]]:
    xs, ys = _to_utm().transform([p[0] for p in points], [p[1] for p in points])
    return list(zip(xs, ys, strict=True))


def line_length_km(points: tuple[LonLat, ...]) -> float:
    """Length of a polyline in km, measured in UTM 38N."""
    projected = _project(points)
    total = sum(((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5 for (x1, y1), (x2, y2) in pairwise(projected))
    return total / 1000.0


def distance_km(a: LonLat, b: LonLat) -> float:
    """Straight-line distance in km, measured in UTM 38N."""
    return line_length_km((a, b))


def route_length(route: Route) -> Measurement:
    """The length of a route; schematic routes are labelled as such."""
    caveat = "schematic: straight lines between waypoints, the road is longer" if route.schematic else "surveyed"
    return Measurement(f"Length of {route.title}", line_length_km(route.coordinates), caveat)


def straight_distance(a: Place, b: Place) -> Measurement:
    """The straight-line distance between two places, with the weaker point's uncertainty."""
    uncertainty = max(a.uncertainty_m or 0.0, b.uncertainty_m or 0.0)
    caveat = "straight line, not road distance"
    if uncertainty:
        caveat += f"; position uncertain by about ±{uncertainty / 1000:.1f} km"
    return Measurement(f"{a.name_en} to {b.name_en}", distance_km(a.lonlat, b.lonlat), caveat)
