"""The Timeline page: the chronology as a table and a time chart, filtered; each row opens the map."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from corridor.export_table import features_frame
from corridor.exports import export_bytes
from corridor.filters import EventFilter, filter_events
from corridor.imports import ID_PREFIX
from corridor.records import Event
from layers.style import STATUS_LABELS
from ui import data, keys, state
from ui.errors import load_or_stop
from ui.timeline_chart import time_chart

MAP_PAGE = "app_pages/map.py"


def map_link(event: Event, imported_token: str | None = None) -> str:
    """A relative deep link that opens the map page on the event's day with the event selected
    (carrying the token of this session's imported events, so the new tab has them too)."""
    params = {"date": event.anchor.isoformat(), "event": event.id}
    if imported_token:
        params[state.IMPORT_PARAM] = imported_token
    return "./?" + urlencode(params)


def chosen_days(value: object) -> tuple[dt.date | None, dt.date | None]:
    """The (first, last) of a date-range widget; a half-chosen range leaves the end open."""
    days = [d for d in value if isinstance(d, dt.date)] if isinstance(value, (tuple, list)) else []
    return (days[0] if days else None, days[1] if len(days) > 1 else None)


tl = load_or_stop(data.active_timeline)
ds = tl.dataset
events = ds.events
imported = state.imported().events

st.title("Timeline")
intro = "Every dated event, oldest first. The map day is the last day of an event's span (when it has surely happened)."
if imported:
    intro += f" Includes {len(imported)} events imported in this session."
st.caption(intro)

first_day = min(e.date.first for e in events)
last_day = max(e.date.last for e in events)
actor_options = sorted({a for e in events for a in e.actors})
type_options = sorted({e.event_type for e in events})
# The filters keep their values while another page is shown; what imports added and took away goes.
state.keep_fitting(keys.TIMELINE_ACTORS, actor_options)
state.keep_fitting(keys.TIMELINE_TYPES, type_options)
state.keep_range(keys.TIMELINE_DAYS, first_day, last_day)  # the range's value (no value= below)
actor_col, type_col, day_col, text_col = st.columns([3, 3, 2, 3])
actors = actor_col.multiselect(
    "Actors", actor_options, key=keys.TIMELINE_ACTORS, placeholder="All actors", persist_state=state.KEPT
)
types = type_col.multiselect(
    "Event types", type_options, key=keys.TIMELINE_TYPES, placeholder="All types", persist_state=state.KEPT
)
first, last = chosen_days(
    day_col.date_input(
        "Dates",
        min_value=first_day,
        max_value=last_day,
        key=keys.TIMELINE_DAYS,
        format="YYYY-MM-DD",
        persist_state=state.KEPT,
    )
)
text = text_col.text_input(
    "Search", key=keys.TIMELINE_SEARCH, placeholder="Words in the title, description, place…", persist_state=state.KEPT
)
shown = filter_events(events, EventFilter(tuple(actors), tuple(types), first, last, text))

st.caption(f"{len(shown)} of {len(events)} events match.")
if not shown:
    st.info("No event matches these filters.")
    st.stop()

rows = pd.DataFrame(
    {
        "date": [e.date.label for e in shown],
        "map_day": [e.anchor for e in shown],
        "title": [e.title for e in shown],
        "event_type": [e.event_type for e in shown],
        "actors": [", ".join(e.actors) for e in shown],
        "place": [e.place_label for e in shown],
        "status": [STATUS_LABELS[e.status] if e.status else "" for e in shown],
        "status_note": [e.status_note if e.status else "" for e in shown],
        "confidence": [e.confidence for e in shown],
        "origin": ["imported" if e.id.startswith(ID_PREFIX) else "bundled" for e in shown],
        "map": [map_link(e, state.import_token()) for e in shown],
        "id": [e.id for e in shown],
    }
)

time_chart(rows, shown)

picked = st.dataframe(
    rows,
    key=keys.TIMELINE_TABLE,
    hide_index=True,
    on_select="rerun",
    selection_mode="single-row",
    column_order=[
        "date",
        "map",
        "title",
        "event_type",
        "actors",
        "place",
        "status",
        "status_note",
        "confidence",
        "origin",
        "map_day",
        "id",
    ],
    column_config={
        "date": st.column_config.TextColumn("Date", help="As precise as the sources allow", width=110),
        "map_day": st.column_config.DateColumn("Map day", format="YYYY-MM-DD"),
        "title": st.column_config.TextColumn("Title", width="large"),
        "event_type": "Type",
        "actors": "Actors",
        "place": "Place",
        "status": st.column_config.TextColumn("Status set", help="The corridor status this event sets"),
        "status_note": st.column_config.TextColumn(
            "Status note", help="Who could pass, per which source", width="medium"
        ),
        "confidence": "Confidence",
        "origin": "Origin",
        "map": st.column_config.LinkColumn(
            "Map", display_text="Open on map", help="Opens the map at this date in a new tab", width=110
        ),
        "id": "Id",
    },
)

selected = picked.selection.rows if picked is not None else []
if selected:
    event = shown[selected[0]]
    st.text(f"Selected: {event.date.label} · {event.title}")
    if st.button("Show the selected event on the map", key=keys.TIMELINE_OPEN, type="primary"):
        # In this tab, so events imported in this session stay available (a new tab is a new session).
        state.open_on_map(MAP_PAGE, event, tl)
else:
    st.caption("“Open on map” opens the map in a new tab. Select a row to open it in this tab instead.")

st.download_button(
    f"Download {len(shown)} event{'s' * (len(shown) != 1)} as CSV",
    data=lambda: export_bytes(features_frame(ds, ("events",), events=shown), "csv"),
    file_name="lachin_corridor_timeline.csv",
    mime="text/csv",
    key=keys.TIMELINE_DOWNLOAD,
)
