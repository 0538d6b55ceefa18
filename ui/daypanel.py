"""The Map page's text panel for one day: the event, its status and what each side said.

Everything on it depends only on (data, day, event) and is built once per combination, so a step
to a day seen before costs a cache look-up, whatever the number of events.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import streamlit as st

from corridor.text import html_list, markdown_text
from corridor.timemodel import Timeline
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


# functools, not st.cache_resource: a step looks these up several times, and st.cache_resource's
# hashing of the arguments costs a few milliseconds per call (the timeline is hashed by identity).
@functools.lru_cache(maxsize=1024)
def _day_text(data_key: tuple[object, ...], tl: Timeline, day: dt.date, event_id: str | None) -> DayText:
    ds = tl.dataset
    day_state = data.state_at(data_key, tl, day)
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


def day_event(tl: Timeline, day: dt.date) -> str | None:
    """The id of the event the panel shows for ``day`` (None before the first event), before drawing it.

    The map is drawn before the panel and needs it; the panel's radio, when the day has several
    events, has the same key and so the same value.
    """
    ids = [e.id for e in data.state_at(data.active_key(), tl, day).current_events]
    return state.selected_event(ids) if ids else None


def day_panel(tl: Timeline, day: dt.date, event_id: str | None, radio_key: str) -> None:
    """Draw the panel for ``day`` showing ``event_id`` (from ``day_event``; ``panel_css`` once per page)."""
    key = data.active_key()
    text = _day_text(key, tl, day, event_id)
    if event_id is not None:
        titles = _day_text(key, tl, day, None).titles
        if len(titles) > 1:
            st.radio("Events on this day", list(titles), key=radio_key, format_func=titles.__getitem__)
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


def panel_css() -> None:
    """The panel's style sheet: once per page run, outside the date step (st.html of a style takes no room)."""
    st.html(PANEL_CSS)


def measurements(tl: Timeline, day: dt.date) -> str:
    """The day's measurements as an HTML list (cached with the panel)."""
    return _day_text(data.active_key(), tl, day, None).measurements
