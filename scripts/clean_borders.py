"""Remove the stray pieces of the OSM-derived border file, once, at build time.

``geo/admin0_arm_aze_osm.geojson`` (Armenia and Azerbaijan land, clipped and simplified) carried
artefacts that the map drew as small purple triangles and slivers: tiny polygon parts at the clip
edges and along rivers, triangular holes left by the simplification, and thin gaps where the two
country outlines do not meet. This script reads the current file and writes the cleaned one:

1. polygon parts smaller than ``MIN_AREA_KM2`` are dropped (the real exclaves, Artsvashen ~39 km2,
   Barkhudarly ~32 km2, Yukhari Askipara ~10 km2 in this file, are all larger and are kept);
2. holes smaller than ``MIN_AREA_KM2`` are filled (lakes and reservoirs above it stay holes:
   Sevan, Mingachevir, Sarsang, Spandaryan, ...);
3. gaps between the two countries smaller than ``MIN_AREA_KM2`` are given to the country that
   shares the longer edge with the gap (the usual sliver rule), so no sliver of water colour
   shows between two border lines. Larger gaps are kept and reported.

Areas are measured in UTM 38N (EPSG:32638). Running it again on its own output changes nothing.

    .venv/bin/python scripts/clean_borders.py            # rewrite geo/admin0_arm_aze_osm.geojson
    .venv/bin/python scripts/clean_borders.py --dry-run  # only print what would be removed
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyproj import Transformer
from shapely import get_coordinates, set_precision, transform
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

REPO_ROOT = Path(__file__).resolve().parent.parent
BORDERS_FILE = REPO_ROOT / "geo" / "admin0_arm_aze_osm.geojson"
MIN_AREA_KM2 = 2.0  # below every real exclave (smallest here ~9.9 km2), above every artefact seen
GRID_DEG = 1e-5  # the file's coordinate resolution (xy_coordinate_resolution)
PROCESSING_NOTE = (
    f"cleaned by scripts/clean_borders.py: parts and holes under {MIN_AREA_KM2:g} km2 (UTM 38N) removed, "
    f"gaps under {MIN_AREA_KM2:g} km2 between the two countries given to the neighbour with the longer shared edge"
)
_TO_UTM = Transformer.from_crs("EPSG:4326", "EPSG:32638", always_xy=True)


@dataclass(frozen=True)
class Removal:
    """One piece the cleaning changed, for the printed report."""

    country: str
    what: str  # "part", "hole" or "gap"
    area_km2: float
    lon: float
    lat: float

    def __str__(self) -> str:
        return f"{self.country}: {self.what} of {self.area_km2:.4f} km2 at {self.lon:.3f}E {self.lat:.3f}N"


def area_km2(geom: BaseGeometry) -> float:
    """The area of a WGS84 geometry in km2, measured in UTM 38N."""
    utm = transform(geom, _utm)
    return float(utm.area) / 1e6


def _utm(xy: Any) -> Any:
    import numpy as np  # noqa: PLC0415 - numpy comes with shapely

    x, y = _TO_UTM.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def polygon_parts(geom: BaseGeometry) -> list[Polygon]:
    """The polygons of a Polygon or MultiPolygon (other pieces are dropped)."""
    if isinstance(geom, Polygon):
        return [geom]
    return [g for g in getattr(geom, "geoms", []) if isinstance(g, Polygon)]


def _where(geom: BaseGeometry) -> tuple[float, float]:
    point = geom.representative_point()
    return float(point.x), float(point.y)


def drop_small(country: str, geom: BaseGeometry, removed: list[Removal]) -> MultiPolygon:
    """Drop parts and fill holes smaller than MIN_AREA_KM2."""
    kept = []
    for part in polygon_parts(geom):
        size = area_km2(part)
        if size < MIN_AREA_KM2:
            removed.append(Removal(country, "part", size, *_where(part)))
            continue
        holes = []
        for ring in part.interiors:
            hole = Polygon(ring)
            hole_size = area_km2(hole)
            if hole_size < MIN_AREA_KM2:
                removed.append(Removal(country, "hole", hole_size, *_where(hole)))
            else:
                holes.append(ring)
        kept.append(Polygon(part.exterior, holes))
    return MultiPolygon(kept)


def gaps_between(geoms: dict[str, BaseGeometry]) -> list[Polygon]:
    """Holes of the union of both countries that are holes of neither: where outlines do not meet."""
    own_holes = [Polygon(r) for g in geoms.values() for p in polygon_parts(g) for r in p.interiors]
    union = unary_union(list(geoms.values()))
    gaps = []
    for part in polygon_parts(union):
        for ring in part.interiors:
            hole = Polygon(ring)
            if not any(hole.equals(h) for h in own_holes):
                gaps.append(hole)
    return gaps


def fill_gaps(geoms: dict[str, BaseGeometry], removed: list[Removal]) -> dict[str, BaseGeometry]:
    """Give each small gap to the country with the longer shared edge."""
    out = dict(geoms)
    for gap in gaps_between(geoms):
        size = area_km2(gap)
        if size >= MIN_AREA_KM2:
            continue
        edge = {code: gap.boundary.intersection(g.buffer(GRID_DEG)).length for code, g in out.items()}
        winner = max(edge, key=lambda code: edge[code])
        removed.append(Removal(winner, "gap", size, *_where(gap)))
        out[winner] = unary_union([out[winner], gap.buffer(GRID_DEG / 2)])
    return out


def clean(doc: dict[str, Any], max_passes: int = 5) -> tuple[dict[str, Any], list[Removal]]:
    """The cleaned FeatureCollection and the list of what was removed (passes until nothing changes)."""
    removed: list[Removal] = []
    for _ in range(max_passes):
        doc, found = clean_once(doc)
        if not found:
            break
        removed += found
    return doc, removed


def clean_once(doc: dict[str, Any]) -> tuple[dict[str, Any], list[Removal]]:
    """One cleaning pass (rounding to the file's grid can leave a speck for the next pass)."""
    removed: list[Removal] = []
    geoms = {f["properties"]["A3"]: shape(f["geometry"]) for f in doc["features"]}
    geoms = fill_gaps(geoms, removed)
    features = []
    for feature in doc["features"]:
        code = feature["properties"]["A3"]
        geom = set_precision(drop_small(code, geoms[code], removed), GRID_DEG)
        geom = drop_small(code, geom.buffer(0), [])  # snapping can leave a sliver: drop it silently
        if not geom.is_valid:
            raise ValueError(f"{code}: cleaned geometry is not valid")
        props = dict(feature["properties"])
        base = str(props.get("processing", "")).split("; cleaned by")[0]
        props["processing"] = f"{base}; {PROCESSING_NOTE}"
        features.append({"type": "Feature", "properties": props, "geometry": _rounded(mapping(geom))})
    return {**doc, "features": features}, removed


def _rounded(geometry: dict[str, Any]) -> dict[str, Any]:
    def ring(coords: Any) -> list[list[float]]:
        return [[round(x, 5), round(y, 5)] for x, y in coords]

    polys = [[ring(r) for r in poly] for poly in geometry["coordinates"]]
    return {"type": "MultiPolygon", "coordinates": polys}


def count_vertices(doc: dict[str, Any]) -> int:
    """All vertices of a FeatureCollection's geometries."""
    return sum(len(get_coordinates(shape(f["geometry"]))) for f in doc["features"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--file", type=Path, default=BORDERS_FILE)
    parser.add_argument("--dry-run", action="store_true", help="print what would be removed, write nothing")
    args = parser.parse_args(argv)
    doc = json.loads(args.file.read_text(encoding="utf-8"))
    cleaned, removed = clean(doc)
    for item in sorted(removed, key=lambda r: (r.what, r.country, -r.area_km2)):
        print(item)
    print(f"{len(removed)} pieces; vertices {count_vertices(doc)} -> {count_vertices(cleaned)}")
    if not args.dry_run and removed:
        text = json.dumps(cleaned, ensure_ascii=False, separators=(",", ":")) + "\n"
        args.file.write_text(text, encoding="utf-8")
        print(f"wrote {args.file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
