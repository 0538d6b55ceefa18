"""KML files: a name, an HTML description and (with GDAL's LIBKML driver) the time of each feature."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from corridor.text import escape

if TYPE_CHECKING:
    import geopandas as gpd


def kml_driver() -> str:
    """The GDAL driver that writes KML here: "LIBKML" (it writes TimeStamp and TimeSpan) if it can, else "KML"."""
    import pyogrio  # noqa: PLC0415

    drivers = pyogrio.list_drivers()
    for name in ("LIBKML", "KML"):
        if "w" in drivers.get(name, ""):
            return name
    raise RuntimeError("this GDAL build has no KML writer (neither KML nor LIBKML)")


def kml_frame(frame: gpd.GeoDataFrame, driver: str = "LIBKML") -> gpd.GeoDataFrame:
    """The frame as KML writers want it: a name, an HTML description, and (LIBKML) the time of each feature.

    GDAL's LIBKML driver writes fields named ``timestamp`` as <TimeStamp> and ``begin``/``end`` as
    <TimeSpan>, which Google Earth's time slider reads: a dated event is a TimeStamp on its day (a
    TimeSpan over its month, year or range), a feature valid for a while is a TimeSpan.
    """
    kml = frame.drop(columns=["title", "description"])
    names = {"LIBKML": ("name", "description")}.get(driver, ("Name", "Description"))
    kml[names[0]] = frame["title"]
    kml[names[1]] = [_kml_description(row) for row in frame.itertuples()]
    if driver == "LIBKML":
        times = [_kml_time(row) for row in frame.itertuples()]
        kml["timestamp"], kml["begin"], kml["end"] = (list(column) for column in zip(*times, strict=True))
    return kml


def _kml_time(row: Any) -> tuple[str | None, str | None, str | None]:
    """(timestamp, begin, end) of one export row, as ISO days."""
    if row.layer == "events" and row.first_day:
        if row.first_day == row.last_day:
            return row.first_day, None, None
        return None, row.first_day, row.last_day
    return None, row.valid_from or None, row.valid_to or None


def _kml_description(row: Any) -> str:
    # KML readers show <description> as HTML: every part is escaped in the one escaping helper.
    parts = [row.date, row.description, row.note, row.source, row.sources, row.source_url]
    return "<br>".join(escape(p) for p in parts if isinstance(p, str) and p)
