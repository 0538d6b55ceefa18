"""The map page: the corridor, the checkpoint and the region as they stood on the selected day.

A date step reruns only the fragment below (the date slider with previous/next, the day's panel and
the map), not the router, the other sidebar controls and the rest of the app: a step sends little
more than the text-only floor app does. Playing is the fragment's own timer: no sleep in the script.
"""

from __future__ import annotations

import time

import streamlit as st

from corridor.view import View
from present.annotation import legend_html
from ui import data, keys, state
from ui.daypanel import day_panel, measurements
from ui.display import display_controls
from ui.errors import load_or_stop
from ui.mapwidget import corridor_map, step_state
from ui.timecontrols import date_slider, time_jumps

MAP_HEIGHT = 640

tl = load_or_stop(data.active_timeline)
for problem in state.apply_url_once(tl).problems:
    st.warning(problem)
interval = state.play_interval()
if interval is None:
    state.stop_clock()
slider_box = st.sidebar.container()  # filled by the fragment, above the controls drawn here
time_jumps(tl, st.sidebar)
naming, visible, tiles = display_controls()


@st.fragment(run_every=interval)
def map_view() -> None:
    """The date slider, the day's panel and the map."""
    if state.play_interval() != interval:  # Play or its speed changed: restart with the new timer
        st.rerun()
    if interval is not None and state.play_due(time.monotonic(), interval):
        state.step(tl, 1)
    day = date_slider(tl, slider_box)
    map_col, note_col = st.columns([5, 3], gap="medium")
    with note_col:  # the panel is emitted before the map, so the quote never waits for the map
        event_id = day_panel(tl, day, radio_key=keys.EVENT)
    query = state.sync_url(View(day, event_id, visible, naming, tiles))
    with map_col:
        corridor_map(
            step_state(tl, day, event_id, naming=naming, layers=visible, tiles=tiles),
            key="corridor_map",
            height=MAP_HEIGHT,
        )
        st.markdown(legend_html(), unsafe_allow_html=True)
        with st.expander("Measurements on this day (derived)"):
            st.markdown(measurements(tl, day), unsafe_allow_html=True)
        st.caption("Copy link to this view:")
        st.code(state.share_url(query), language=None, wrap_lines=True)


map_view()
