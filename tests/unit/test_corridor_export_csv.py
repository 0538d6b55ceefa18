"""corridor.export_csv: CSV with WKT geometry and the CRS in a column, lon/lat for points."""

from __future__ import annotations

from corridor.export_table import features_frame
from corridor.exports import export_bytes
from corridor.imports import read_table
from corridor.records import Dataset


def test_csv_has_wkt_for_every_located_row_and_lon_lat_for_points(dataset: Dataset) -> None:
    rows = read_table(export_bytes(features_frame(dataset, ("places", "routes")), "csv"), "x.csv").rows
    place = next(r for r in rows if r["id"] == "goris")
    assert (float(place["longitude"]), float(place["latitude"])) == dataset.place("goris").lonlat
    assert place["WKT"] == "POINT ({} {})".format(*dataset.place("goris").lonlat)
    assert place["crs"] == "EPSG:4326"
    route = next(r for r in rows if r["layer"] == "routes")
    assert route["WKT"].startswith("LINESTRING") and route["longitude"] == ""
    assert route["schematic"] == "yes"
