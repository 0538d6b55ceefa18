"""CSV files that GDAL and QGIS read with their geometry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from corridor.export_table import WGS84

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd


def csv_bytes(frame: gpd.GeoDataFrame) -> bytes:
    """CSV with the geometry of every located row as WKT in WGS84 (GDAL and QGIS read a column named WKT
    as the geometry), the CRS named in a column, and longitude/latitude for points as well."""
    table: pd.DataFrame = frame.drop(columns="geometry").copy()
    points = [g if g is not None and g.geom_type == "Point" else None for g in frame.geometry]
    table["longitude"] = [p.x if p is not None else None for p in points]
    table["latitude"] = [p.y if p is not None else None for p in points]
    table["WKT"] = [g.wkt if g is not None and not g.is_empty else "" for g in frame.geometry]
    table["crs"] = [WGS84 if wkt else "" for wkt in table["WKT"]]
    return str(table.to_csv(index=False)).encode("utf-8")
