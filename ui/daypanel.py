"""The Map page's text panel for one day: the event, its status and what each side said.

Everything on it depends only on (data, day, event) and is built once per combination, so a step
to a day seen before costs a cache look-up, whatever the number of events.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from corridor.text import html_list, markdown_text
from corridor.timemodel import MapState, Timeline
from present.annotation import PANEL_CSS, annotation_html, day_status_html
from present.measurements import measurements_for
from ui import data, state


@dataclass(frozen=True)
class DayText:
    """The panel's parts, ready to draw."""

    titles: dict[str, str]  # the day's current events: id -> title as Markdown text
    status: str  # HTML, "" when the event itself set the status
    annotation: str  # HTML
    not_on_day: bool  # the event shown is the latest before this day
    in_progress: tuple[str, ...]  # Markdown text
    measurements: str  # HTML list


@st.cache_resource(show_spinner=False, max_entries=1024)
def _day_state(data_key: tuple[object, ...], _tl: Timeline, day: dt.date) -> MapState:
    return _tl.state_at(day)


@st.cache_resource(show_spinner=False, max_entries=1024)
def _day_text(data_key: tuple[object, ...], _tl: Timeline, day: dt.date, event_id: str | None) -> DayText:
    ds = _tl.dataset
    day_state = _day_state(data_key, _tl, day)
    event = ds.event(event_id) if event_id else None
    return DayText(
        titles={e.id: markdown_text(e.title) for e in day_state.current_events},
        status=day_status_html(day_state, event) if event else "",
        annotation=annotation_html(ds, event, day) if event else "",
        not_on_day=event is not None and event.anchor != day,
        in_progress=tuple(
            markdown_text(f"In progress on this day (dated only to {p.date.label}): {p.title}")
            for p in day_state.in_progress
        ),
        measurements=html_list(measurements_for(ds, day_state)),
    )


def day_panel(tl: Timeline, day: dt.date, radio_key: str) -> str | None:
    """Draw the panel for ``day``; return the id of the event shown (None before the first event)."""
    key = data.active_key()
    ids = [e.id for e in _day_state(key, tl, day).current_events]
    st.markdown(PANEL_CSS, unsafe_allow_html=True)
    event_id = state.selected_event(ids) if ids else None
    titles = _day_text(key, tl, day, None).titles
    if len(ids) > 1:
        st.radio("Events on this day", ids, key=radio_key, format_func=titles.__getitem__)
        event_id = state.selected_event(ids)
    text = _day_text(key, tl, day, event_id)
    if event_id is None:
        st.info("No event has happened by this day.")
    else:
        if text.not_on_day:
            st.caption("No event on this day; the latest event before it is shown.")
        if text.status:
            st.markdown(text.status, unsafe_allow_html=True)
        st.markdown(text.annotation, unsafe_allow_html=True)
    for line in text.in_progress:
        st.caption(line)
    return event_id


def measurements(tl: Timeline, day: dt.date) -> str:
    """The day's measurements as an HTML list (cached with the panel)."""
    return _day_text(data.active_key(), tl, day, None).measurements
