"""The Map page's text panel for one day: the event, its status and what each side said.

Everything on it depends only on (data, day, event) and is built once per combination, so a step
to a day seen before costs a cache look-up, whatever the number of events.

The panel is one Streamlit v2 component (``static/app/day_panel.js``, in the page, no iframe). Each
run sends it the selected day's panel and, for the days next to it on the date slider, the panel and
the map's state a step there would bring, so the browser draws a step at once when the slider moves
and the server's rerun then confirms it (see the script's header).

A session's first run sends the selected day alone: the days ahead (~50 KB, and four more days'
panels and map states to build) would be parsed in the browser while the map starts, about
0.3 s of the cold start. The script asks for them (the ``ahead`` trigger) when the pointer or the
focus comes to the date controls, and from that rerun on every run sends them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from corridor.dates import format_day
from corridor.text import html_list
from corridor.timemodel import Timeline
from layers.contract import StepState
from present.annotation import PANEL_CSS, annotation_html, day_status_html
from present.daypanel import panel_html
from present.measurements import measurements_for
from ui import data, keys, state

NEIGHBOURS = 2  # slider positions either side of the selected day sent ahead (~10 KB a day)
PANEL_KEY = "day_panel"
PANEL_JS = Path(__file__).resolve().parent.parent / "static" / "app" / "day_panel.js"
_PANEL = st.components.v2.component("corridor_day_panel", js=PANEL_JS.read_text(encoding="utf-8"), isolate_styles=False)


@dataclass(frozen=True)
class DayText:
    """The panel's parts, ready to draw."""

    titles: dict[str, str]  # the day's current events: id -> title (plain text)
    status: str  # HTML, "" when the event itself set the status
    annotation: str  # HTML
    not_on_day: bool  # the event shown is the latest before this day
    in_progress: tuple[str, ...]  # plain text
    measurements: str  # HTML list


# functools, not st.cache_resource: a step looks these up several times, and st.cache_resource's
# hashing of the arguments costs a few milliseconds per call (the timeline is hashed by identity).
@functools.lru_cache(maxsize=1024)
def _day_text(data_key: tuple[object, ...], tl: Timeline, day: dt.date, event_id: str | None) -> DayText:
    ds = tl.dataset
    day_state = data.state_at(data_key, tl, day)
    event = ds.event(event_id) if event_id else None
    return DayText(
        titles={e.id: e.title for e in day_state.current_events},
        status=day_status_html(day_state, event) if event else "",
        annotation=annotation_html(ds, event, day) if event else "",
        not_on_day=event is not None and event.anchor != day,
        in_progress=tuple(
            f"In progress on this day (dated only to {p.date.label}): {p.title}" for p in day_state.in_progress
        ),
        measurements=html_list(measurements_for(ds, day_state)),
    )


def day_event(tl: Timeline, day: dt.date) -> str | None:
    """The id of the event the panel shows for ``day`` (None before the first event), before drawing it.

    The map is drawn before the panel and needs it; the panel's radio, when the day has several
    events, chooses through ``state.select_event``.
    """
    ids = _ids(data.active_key(), tl, day)
    return state.selected_event(list(ids)) if ids else None


@functools.lru_cache(maxsize=2048)
def _html(data_key: tuple[object, ...], tl: Timeline, day: dt.date, event_id: str | None) -> str:
    text = _day_text(data_key, tl, day, event_id)
    return panel_html(
        titles=_day_text(data_key, tl, day, None).titles if event_id else {},
        selected=event_id,
        status=text.status,
        annotation=text.annotation,
        not_on_day=text.not_on_day,
        in_progress=text.in_progress,
    )


def panel_html_for(tl: Timeline, day: dt.date, event_id: str | None) -> str:
    """The panel's HTML for ``day`` showing ``event_id`` (cached per data, day and event)."""
    return _html(data.active_key(), tl, day, event_id)


@functools.lru_cache(maxsize=4096)
def _ids(data_key: tuple[object, ...], tl: Timeline, day: dt.date) -> tuple[str, ...]:
    return tuple(e.id for e in data.state_at(data_key, tl, day).current_events)


def shown_event(tl: Timeline, day: dt.date) -> str | None:
    """The event a step to ``day`` would show (``day_event`` without choosing it)."""
    return state.event_shown(_ids(data.active_key(), tl, day))


def neighbours(options: Sequence[dt.date], day: dt.date) -> list[dt.date]:
    """The slider's days sent ahead: ``day`` and ``NEIGHBOURS`` either side of it (Home, End and
    longer jumps wait for the server: the first day alone may hold thousands of imported events)."""
    i = bisect.bisect_left(options, day)
    return list(options[max(i - NEIGHBOURS, 0) : i + NEIGHBOURS + 1])


def _is_event(tl: Timeline, event_id: str) -> bool:
    try:
        tl.dataset.event(event_id)
    except KeyError:
        return False
    return True


def day_panel(
    tl: Timeline,
    day: dt.date,
    event_id: str | None,
    *,
    options: Sequence[dt.date],
    map_state: Callable[[dt.date, str | None], StepState],
) -> None:
    """Draw the panel for ``day`` showing ``event_id`` (from ``day_event``; ``panel_css`` once per
    page), with the slider ``options`` next to it drawn ahead (``map_state`` gives their map) once
    the panel has asked for them."""
    wanted = bool(state.get(keys.PANEL_AHEAD))
    ahead: dict[str, dict[str, Any]] = {}
    for other in sorted({day, *neighbours(options, day)}) if wanted else [day]:
        shown = event_id if other == day else shown_event(tl, other)
        ahead[format_day(other)] = {
            "day": other.isoformat(),
            "html": panel_html_for(tl, other, shown),
            "map": map_state(other, shown),
        }
    _PANEL(
        key=PANEL_KEY,
        # In a one-item tuple: Streamlit imports pandas (~0.4 s of the first run) to ask whether each
        # value of a dict ``data`` is a data frame; a tuple goes to the browser as JSON as it is.
        data=({"label": format_day(day), "neighbours": ahead, "ask": not wanted},),  # the day is under its label
        on_event_change=lambda: state.choose_from_panel(PANEL_KEY, lambda eid: _is_event(tl, eid)),
        on_ahead_change=lambda: state.put(keys.PANEL_AHEAD, True),
    )


def panel_css() -> None:
    """The panel's style sheet: once per page run, outside the date step (st.html of a style takes no room)."""
    st.html(PANEL_CSS)


def measurements(tl: Timeline, day: dt.date) -> str:
    """The day's measurements as an HTML list (cached with the panel)."""
    return _day_text(data.active_key(), tl, day, None).measurements
