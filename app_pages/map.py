"""The map page: the corridor, the checkpoint and the region as they stood on the selected day."""

from __future__ import annotations

import time

import streamlit as st
from streamlit_folium import st_folium

from corridor.text import html_list, markdown_text
from corridor.view import View
from layers.mapview import StepScript, build_base_map, map_config
from layers.step import build_step_state
from present.annotation import PANEL_CSS, annotation_html, day_status_html, legend_html
from present.measurements import measurements_for
from ui import data, keys
from ui.errors import load_or_stop
from ui.timecontrols import advance, play_interval, time_controls
from ui.viewstate import apply_url_once, display_controls, share_url, sync_url

MAP_HEIGHT = 640

tl = load_or_stop(data.active_timeline)
ds = tl.dataset
parsed = apply_url_once(tl)
day = time_controls(tl)
naming, visible, tiles = display_controls()
state = tl.state_at(day)

for problem in parsed.problems:
    st.warning(problem)

map_col, note_col = st.columns([5, 3], gap="medium")

# The annotation is emitted before the map, so the quote never waits for the map.
with note_col:
    st.markdown(PANEL_CSS, unsafe_allow_html=True)
    current = state.current_events
    event = None
    if current:
        ids = [e.id for e in current]
        if st.session_state.get(keys.EVENT) not in ids:
            st.session_state[keys.EVENT] = ids[0]
        if len(current) > 1:
            st.radio("Events on this day", ids, key=keys.EVENT, format_func=lambda i: markdown_text(ds.event(i).title))
        event = ds.event(st.session_state[keys.EVENT])
        if event.anchor != day:
            st.caption("No event on this day; the latest event before it is shown.")
        status = day_status_html(state, event)
        if status:
            st.markdown(status, unsafe_allow_html=True)
        st.markdown(annotation_html(ds, event, day), unsafe_allow_html=True)
    else:
        st.info("No event has happened by this day.")
    for pending in state.in_progress:
        st.caption(markdown_text(f"In progress on this day (dated only to {pending.date.label}): {pending.title}"))

view = View(day, event.id if event else None, visible, naming, tiles)
query = sync_url(view)

with map_col:
    step = build_step_state(
        ds, state, naming=naming, layers=visible, tiles=tiles, selected_event=event.id if event else None
    )
    base = build_base_map(map_config(data.active_map_data_url()))
    st_folium(
        base,
        key="corridor_map",
        height=MAP_HEIGHT,
        use_container_width=True,
        feature_group_to_add=StepScript(step),
        returned_objects=[],
    )
    st.markdown(legend_html(), unsafe_allow_html=True)
    with st.expander("Measurements on this day (derived)"):
        st.markdown(html_list(measurements_for(ds, state)), unsafe_allow_html=True)
    st.caption("Copy link to this view:")
    st.code(share_url(query), language=None, wrap_lines=True)

interval = play_interval()
if interval is not None:
    time.sleep(interval)
    advance(tl)
    st.rerun()
