"""The Data page: the catalogue of files and layers, downloads of the dataset or a slice, and
bringing your own events (upload, check every row, add to the map and timeline, save, load again)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

import pandas as pd
import streamlit as st

from corridor import catalogue
from corridor.errors import DataError
from corridor.export_table import EXPORT_LAYERS, ExportLayer, features_frame
from corridor.exports import FORMATS, ExportFormat, export_bytes
from corridor.imports import (
    DATE_FORMATS,
    MAX_IMPORT_BYTES,
    TARGETS,
    DateFormat,
    ImportResult,
    Table,
    Target,
    date_guess,
    detect_layout,
    guess_mapping,
    import_events,
    read_table,
)
from corridor.loader import with_extra_events
from corridor.provenance import file_summary
from corridor.records import Dataset, Event, Place
from corridor.userdata import list_datasets, load_saved, save_dataset
from layers.catalogue import LAYERS
from ui import data, keys
from ui.errors import load_or_stop
from ui.timecontrols import FIRST_DAY, LAST_DAY

NONE = "(none)"
TARGET_LABELS: dict[Target, str] = {
    "date": "Date *",
    "date_end": "End date (of a range)",
    "event_type": "Event type",
    "latitude": "Latitude",
    "longitude": "Longitude",
    "actors": "Actors (first)",
    "actor2": "Actors (second)",
    "title": "Title",
    "notes": "Notes / description",
    "location": "Place name",
    "source": "Source (text or URL)",
    "confidence": "Confidence",
    "id": "Id",
}


def show_error(headline: str, exc: Exception) -> None:
    """A headline, then the error's own words as plain text (it may quote the user's file)."""
    st.error(headline)
    st.text(str(exc))


@st.cache_data(show_spinner="Checking every row…", max_entries=8)
def checked(
    digest: str,
    _table: Table,
    mapping: tuple[tuple[Target, str | None], ...],
    date_format: DateFormat,
    crs: str,
    _places: dict[str, Place],
    bundled_ids: frozenset[str],
) -> ImportResult:
    """Validate the upload (cached by file digest and options, so other widgets rerun quickly)."""
    return import_events(
        _table,
        dict(mapping),
        places=_places,
        existing_ids=bundled_ids,
        date_format=date_format,
        source_crs=crs or None,
    )


def use_events(events: tuple[Event, ...], message: str) -> None:
    """Make these the session's imported events (they replace any earlier import)."""
    data.set_imported(events)
    st.session_state[keys.IMPORT_MESSAGE] = message


def deferred_export(
    ds: Dataset, layers: list[ExportLayer], day: dt.date | None, fmt: ExportFormat
) -> Callable[[], bytes]:
    """The file, built only when its button is clicked (on a worker thread), so no rerun waits for it."""
    return lambda: export_bytes(features_frame(ds, layers, day), fmt)


def catalogue_section(bundled: Dataset) -> None:
    """Every data file: title, licence, confidence levels, record count, the map layers it feeds."""
    st.header("Catalogue")
    st.caption("Every file in geo/ (documented in geo/README.md) and the map layers drawn from it.")
    rows = []
    for spec in catalogue.DATA_FILES:
        count, confidence = file_summary(bundled, spec.key)
        drawn_by = [layer.title for layer in LAYERS if spec in layer.files]
        rows.append(
            {
                "title": spec.title,
                "file": spec.filename,
                "source": spec.source,
                "licence": spec.licence,
                "caveats": spec.caveats,
                "confidence": confidence,
                "records": count,
                "map layers": ", ".join(drawn_by) or "(not a map layer)",
            }
        )
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        column_config={
            "title": st.column_config.TextColumn(width="medium"),
            "caveats": st.column_config.TextColumn(width="large"),
        },
    )


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
        current = st.session_state.get(keys.DATE)
        day = st.date_input(
            "Day",
            value=current if isinstance(current, dt.date) else stops[-1],
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


def mapping_widgets(upload_digest: str, table: Table) -> tuple[dict[Target, str | None], str]:
    """Selectboxes mapping the file's columns to event fields (guessed by name), and the CRS."""
    if st.session_state.get(keys.IMPORT_FILE_DIGEST) != upload_digest:  # a new file: forget the last file's mapping
        for target in TARGETS:
            st.session_state.pop(keys.IMPORT_MAP_PREFIX + target, None)
        st.session_state[keys.IMPORT_FILE_DIGEST] = upload_digest
    guessed = guess_mapping(table.columns)
    layout = detect_layout(table.columns)
    if layout:
        st.caption(f"Recognised layout: **{layout.label}**; its columns are mapped below.")
    options = [NONE, *table.columns]
    mapping: dict[Target, str | None] = {}
    with st.expander("Columns: which column holds what", expanded=not (layout or guessed["date"])):
        columns = st.columns(4)
        for i, target in enumerate(TARGETS):
            guess = guessed[target]
            choice = columns[i % 4].selectbox(
                TARGET_LABELS[target],
                options,
                index=options.index(guess) if guess else 0,
                key=keys.IMPORT_MAP_PREFIX + target,
            )
            mapping[target] = None if choice == NONE else choice
        crs = st.text_input(
            "Coordinate system of the file",
            value="EPSG:4326",
            key=keys.IMPORT_CRS,
            help="EPSG:4326 = longitude/latitude in degrees. A GeoJSON file's own crs member wins.",
        )
    return mapping, crs.strip()


def date_format_widget(upload_digest: str, table: Table, mapping: dict[Target, str | None]) -> DateFormat | None:
    """The date format read from the date column; when it reads either way, ask here (above the result)."""
    guess = date_guess(table, mapping)
    identity = f"{upload_digest}:{mapping.get('date')}"
    if st.session_state.get(keys.IMPORT_DATE_FOR) != identity:  # a new file or date column: detect again
        st.session_state.pop(keys.IMPORT_DATE_FORMAT, None)
        st.session_state[keys.IMPORT_DATE_FOR] = identity
    if guess.format is None:
        st.warning(
            f"Dates in the column '{mapping.get('date')}' such as '{guess.example}' could be day-first or "
            "month-first. Which is it?"
        )
    options = list(DATE_FORMATS)
    date_format: DateFormat | None = st.selectbox(
        "Dates in this file",
        options,
        index=options.index(guess.format) if guess.format else None,
        format_func=DATE_FORMATS.__getitem__,
        key=keys.IMPORT_DATE_FORMAT,
        placeholder="Day first or month first? Choose…",
    )
    if guess.format is not None and date_format == guess.format:
        st.caption(f"Detected from the values: {guess.reason}.")
    return date_format


def import_section(bundled: Dataset) -> None:
    """Upload a file, see every rejected row and why, and add the valid events to this session."""
    st.header("Bring your own events")
    st.caption(
        "A CSV, GeoJSON or events.json file. ACLED and UCDP GED downloads, this dashboard's own exports and "
        "a plain table of date, latitude, longitude and title are recognised and mapped as they are; the date "
        "format is read from the dates. Every row is checked like the bundled data. Imported events stay in "
        f"this session; geo/ is never changed. Files up to {MAX_IMPORT_BYTES // 2**20} MB."
    )
    upload = st.file_uploader(
        "CSV, GeoJSON or events.json file",
        type=["csv", "tsv", "txt", "geojson", "json"],
        key=keys.IMPORT_UPLOAD,
        max_upload_size=MAX_IMPORT_BYTES // 2**20,
    )
    if upload is None:
        return
    raw = upload.getvalue()
    if len(raw) > MAX_IMPORT_BYTES:
        st.error(f"This file is {len(raw) / 2**20:.1f} MB; the limit is {MAX_IMPORT_BYTES // 2**20} MB. Split it.")
        return
    digest = hashlib.sha256(raw).hexdigest()
    try:
        table = read_table(raw, upload.name)
    except DataError as exc:
        show_error("The file could not be read.", exc)
        return
    for notice in table.notices:
        st.warning(notice)
    mapping, crs = mapping_widgets(digest, table)
    date_format = date_format_widget(digest, table, mapping)
    if date_format is None:
        return
    places = {p.id: p for p in bundled.places}
    try:
        result = checked(
            digest, table, tuple(mapping.items()), date_format, crs, places, frozenset(e.id for e in bundled.events)
        )
    except DataError as exc:
        show_error("The rows cannot be checked yet.", exc)
        return
    located = sum(1 for e in result.events if e.lonlat is not None)
    st.write(
        f"{len(table.rows)} rows: **{len(result.events)} load** ({located} with a position on the map), "
        f"**{len(result.rejected)} rejected**."
    )
    for note in result.notes:
        st.info(note)
    if result.rejected:
        st.subheader("Rejected rows")
        st.caption("Row 1 is the first row after the header (the first feature in a GeoJSON file).")
        st.dataframe(pd.DataFrame([vars(r) for r in result.rejected]), hide_index=True)
    if result.events:
        st.button(
            f"Add {len(result.events)} events to the map and timeline",
            key=keys.IMPORT_USE,
            type="primary",
            on_click=use_events,
            args=(result.events, f"Added {len(result.events)} events from the uploaded file."),
        )


def saved_section(bundled: Dataset) -> None:
    """Save this session's imported events as a named dataset, or load a saved one."""
    st.header("Saved datasets")
    imported = data.imported_events()
    name_col, replace_col, save_col = st.columns([3, 1, 1], vertical_alignment="bottom")
    name = name_col.text_input("Save this session's imported events as", key=keys.SAVE_NAME, placeholder="Name")
    replace = replace_col.checkbox("Replace", key=keys.SAVE_REPLACE, help="Overwrite a dataset with this name")
    if save_col.button("Save", key=keys.SAVE, disabled=not imported or not name.strip()):
        try:
            path = save_dataset(name, imported, replace=replace)
        except DataError as exc:
            show_error("Not saved.", exc)
        else:
            st.success(f"Saved {len(imported)} events as '{path.stem}'.")
    names = list_datasets()
    pick_col, load_col = st.columns([4, 1], vertical_alignment="bottom")
    pick = pick_col.selectbox("Load a saved dataset", names, index=None, key=keys.SAVED_PICK, placeholder="Choose…")
    if load_col.button("Load", key=keys.SAVED_LOAD, disabled=pick is None) and pick is not None:
        try:
            events = load_saved(pick, {p.id: p for p in bundled.places}, existing_ids={e.id for e in bundled.events})
            with_extra_events(bundled, events, f"{pick}.json")  # the ids it cites must exist
        except DataError as exc:
            show_error("This dataset could not be loaded.", exc)
        else:
            use_events(events, f"Loaded {len(events)} events from the saved dataset '{pick}'.")
            st.rerun()


tl = load_or_stop(data.active_timeline)
bundled = load_or_stop(lambda: data.dataset(*data.current_args()))
st.title("Data")
catalogue_section(bundled)
export_section(tl.dataset, tl.stops)
import_section(bundled)

active = data.imported_events()
if st.session_state.get(keys.IMPORT_MESSAGE):
    st.success(st.session_state.pop(keys.IMPORT_MESSAGE))
if active:
    info_col, clear_col = st.columns([4, 1], vertical_alignment="center")
    info_col.info(f"{len(active)} imported events are on the map and in the timeline in this session.")
    clear_col.button("Remove imported events", key=keys.IMPORT_CLEAR, on_click=use_events, args=((), "Removed."))
saved_section(bundled)
