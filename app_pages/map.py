"""The map page: the corridor, the checkpoint and the region as they stood on the selected day.

A date step reruns only the fragment below (the date slider with previous/next, the map and the
day's panel), not the router, the other sidebar controls and the rest of the app: a step sends little
more than the text-only floor app does. What does not change with the day (the panel's style sheet,
the "Date" heading) is drawn by the page run, outside the fragment. The map is emitted first, before
the sidebar's other controls: it no longer costs the script any rendering (see ui/mapwidget.py), and
it is what the eye waits for.
Playing is the fragment's own timer: no sleep in the script.
"""

from __future__ import annotations

import datetime as dt
import time

import streamlit as st

from corridor.text import escape
from corridor.view import View
from layers.contract import StepState
from ui import data, state
from ui.daypanel import day_event, day_panel, measurements, panel_css
from ui.display import display_controls, map_legend
from ui.errors import load_or_stop
from ui.mapwidget import MAP_PAGE_HEIGHT, corridor_map, step_state
from ui.timecontrols import date_slider, time_jumps

# Selectable text, not st.code: the first st.code on a page loads Streamlit's syntax highlighter,
# ~0.6 s of the browser's main thread on every page load, just while the map starts.
SHARE_LINK = (
    '<div class="cm-share-link">Link to this view (select it to copy):<br>'
    '<span style="word-break:break-all;user-select:all">{}</span></div>'
)

tl = load_or_stop(data.active_timeline)
for problem in state.apply_url_once(tl).problems:
    st.warning(problem)
interval = state.play_interval()
if interval is None:
    state.stop_clock()
st.sidebar.markdown("### Date")
slider_box = st.sidebar.container()  # filled by the fragment, above the controls drawn below it
jumps_box = st.sidebar.container()
naming, visible, tiles = state.display_choices()
panel_css()
legend = map_legend(tl)


@st.fragment(run_every=interval)
def map_view() -> None:
    """The date slider, the day's panel and the map."""
    if state.play_interval() != interval:  # Play or its speed changed: restart with the new timer
        st.rerun()
    if interval is not None and state.play_due(time.monotonic(), interval):
        state.step(tl, 1)
    day = date_slider(tl, slider_box)
    event_id = day_event(tl, day)
    map_col, note_col = st.columns([5, 3], gap="medium")

    def map_state(on: dt.date, event: str | None) -> StepState:
        return step_state(tl, on, event, naming=naming, layers=visible, tiles=tiles)

    with map_col:
        corridor_map(map_state(day, event_id), key="corridor_map", height=MAP_PAGE_HEIGHT)
    with note_col:
        day_panel(tl, day, event_id, options=state.slider_options(tl), map_state=map_state)
    query = state.sync_url(View(day, event_id, visible, naming, tiles))
    with map_col:
        st.markdown(legend, unsafe_allow_html=True)
        with st.expander("Measurements on this day (derived)"):
            st.markdown(measurements(tl, day), unsafe_allow_html=True)
        st.caption(SHARE_LINK.format(escape(state.share_url(query))), unsafe_allow_html=True)


map_view()
# The sidebar's other controls after the map: the browser starts the map (loading Leaflet is its
# slowest part) before it renders them (issue 13's cold start). They stay below the date in the sidebar.
time_jumps(tl, jumps_box)
display_controls()
