"""The Data page's downloads: the whole dataset, or the map as it stood on one day (GeoJSON, CSV, KML)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import streamlit as st

from corridor.export_table import EXPORT_LAYERS, ExportLayer, features_frame
from corridor.exports import FORMATS, ExportFormat, export_bytes
from corridor.records import Dataset
from ui import keys, state
from ui.timecontrols import FIRST_DAY, LAST_DAY


def deferred_export(
    ds: Dataset, layers: list[ExportLayer], day: dt.date | None, fmt: ExportFormat
) -> Callable[[], bytes]:
    """The file, built only when its button is clicked (on a worker thread), so no rerun waits for it."""
    return lambda: export_bytes(features_frame(ds, layers, day), fmt)


def export_section(ds: Dataset, stops: tuple[dt.date, ...]) -> None:
    """Download the whole dataset, or the map as it stood on one day, as GeoJSON, CSV or KML."""
    st.header("Download")
    scope = st.radio(
        "What to download",
        ("whole", "slice"),
        format_func={"whole": "The whole dataset", "slice": "The map as it stood on one day"}.__getitem__,
        key=keys.EXPORT_SCOPE,
        horizontal=True,
    )
    day: dt.date | None = None
    if scope == "slice":
        day = st.date_input(
            "Day",
            value=state.selected_day() or stops[-1],
            min_value=FIRST_DAY,
            max_value=LAST_DAY,
            key=keys.EXPORT_DAY,
            format="YYYY-MM-DD",
        )
    layers = st.multiselect("Layers", EXPORT_LAYERS, default=list(EXPORT_LAYERS), key=keys.EXPORT_LAYERS)
    if not layers:
        st.info("Choose at least one layer.")
        return
    stem = f"lachin_corridor_{day.isoformat()}" if day else "lachin_corridor"
    if day:
        # A typed day is applied when the field loses focus or on Enter; the buttons name the day they
        # download, so a click made while typing cannot pass off another day's map as this one.
        st.caption("Type a day and press Enter, or pick it in the calendar: each button names the day it downloads.")
    for column, (fmt, (label, suffix, mime)) in zip(st.columns(len(FORMATS)), FORMATS.items(), strict=True):
        column.download_button(
            f"Download {label}" + (f" of {day.isoformat()}" if day else ""),
            data=deferred_export(ds, layers, day, fmt),
            file_name=stem + suffix,
            mime=mime,
            key=keys.EXPORT_PREFIX + fmt,
            width="stretch",
        )
    st.caption(
        "All positions are WGS84 longitude/latitude (EPSG:4326). CSV: the geometry is in the WKT column (QGIS "
        "and GDAL read it), points also as longitude/latitude. KML: dated features carry a TimeStamp or "
        "TimeSpan for Google Earth's time slider. Events without a position (e.g. in Moscow or The Hague) are "
        "kept with an empty geometry."
    )
