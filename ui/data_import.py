"""The Data page's import: upload a file, map its columns, check every row, add the events to this
session; save them as a named dataset or load a saved one."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from corridor.errors import DataError
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
from corridor.records import Dataset, Event, Place
from corridor.userdata import list_datasets, load_saved, save_dataset
from ui import keys, state

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
    state.set_imported(events)
    state.put(keys.IMPORT_MESSAGE, message)


def mapping_widgets(upload_digest: str, table: Table) -> tuple[dict[Target, str | None], str]:
    """Selectboxes mapping the file's columns to event fields (guessed by name), and the CRS."""
    if state.get(keys.IMPORT_FILE_DIGEST) != upload_digest:  # a new file: forget the last file's mapping
        state.drop_prefix(keys.IMPORT_MAP_PREFIX)
        state.put(keys.IMPORT_FILE_DIGEST, upload_digest)
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
    if state.get(keys.IMPORT_DATE_FOR) != identity:  # a new file or date column: detect again
        state.drop(keys.IMPORT_DATE_FORMAT)
        state.put(keys.IMPORT_DATE_FOR, identity)
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
    imported = state.imported().events
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


def imported_notice() -> None:
    """The last import's message, and what is imported now with a button to remove it."""
    active = state.imported().events
    message = state.take(keys.IMPORT_MESSAGE)
    if message:
        st.success(message)
    if active:
        info_col, clear_col = st.columns([4, 1], vertical_alignment="center")
        info_col.info(f"{len(active)} imported events are on the map and in the timeline in this session.")
        clear_col.button("Remove imported events", key=keys.IMPORT_CLEAR, on_click=use_events, args=((), "Removed."))
