"""The export table (corridor.export_table) as a GeoJSON, CSV or KML file (pyogrio).

One module per format where there is more than a driver call: corridor.export_csv, corridor.export_kml.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Literal

from corridor.export_csv import csv_bytes
from corridor.export_kml import kml_driver, kml_frame

if TYPE_CHECKING:
    import geopandas as gpd

ExportFormat = Literal["geojson", "csv", "kml"]
# format -> (label, file suffix, MIME type)
FORMATS: dict[ExportFormat, tuple[str, str, str]] = {
    "geojson": ("GeoJSON", ".geojson", "application/geo+json"),
    "csv": ("CSV", ".csv", "text/csv"),
    "kml": ("KML", ".kml", "application/vnd.google-earth.kml+xml"),
}
EXPORT_NAME = "lachin_corridor"


def export_bytes(frame: gpd.GeoDataFrame, fmt: ExportFormat) -> bytes:
    """The frame as a GeoJSON, CSV (WKT geometry, and lon/lat for points) or KML file (with times)."""
    if fmt == "csv":
        return csv_bytes(frame)
    out = io.BytesIO()
    if fmt == "geojson":
        frame.to_file(out, driver="GeoJSON", engine="pyogrio", layer=EXPORT_NAME)
        return out.getvalue()
    driver = kml_driver()
    kml_frame(frame, driver).to_file(out, driver=driver, engine="pyogrio", layer=EXPORT_NAME)
    return out.getvalue()
