"""Sidebar time controls: the date slider, previous/next, phase presets, go-to-day and play."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from corridor.dates import format_day
from corridor.timemodel import Timeline
from ui import keys

CUSTOM_DAY = "custom_day"
FIRST_DAY = dt.date(2020, 11, 1)
LAST_DAY = dt.date(2024, 12, 31)
SPEEDS = {"Slow (4 s)": 4.0, "Normal (2 s)": 2.0, "Fast (1 s)": 1.0}
DEFAULT_SPEED = "Normal (2 s)"

# Phases of the story, by the event that opens each; a preset is shown only if its event exists.
PHASES: tuple[tuple[str, str], ...] = (
    ("After the 2020 statement", "ev-2020-11-trilateral-statement"),
    ("Lachin handed over", "ev-2022-08-26-lachin-handover"),
    ("New route via the Hakari bridge", "ev-2022-08-30-new-route"),
    ("Blockade", "ev-2022-12-12-blockade"),
    ("Kornidzor route", "ev-2023-04-01-kornidzor-route"),
    ("Checkpoint", "ev-2023-04-23-checkpoint"),
    ("Kremlin reaction", "ev-2023-04-24-peskov"),
    ("Offensive", "ev-2023-09-19-offensive"),
    ("Exodus", "ev-2023-09-exodus"),
)


def slider_options(tl: Timeline) -> list[dt.date]:
    """The event stops, plus a day the user jumped to that is not a stop."""
    options = list(tl.stops)
    custom = st.session_state.get(CUSTOM_DAY)
    if isinstance(custom, dt.date) and custom not in options:
        options.append(custom)
        options.sort()
    return options


def go_to(day: dt.date, tl: Timeline) -> None:
    """Make ``day`` the selected date (adding it to the slider if it is not an event stop)."""
    if day not in tl.stops:
        st.session_state[CUSTOM_DAY] = day
    st.session_state[keys.DATE] = day
    st.session_state.pop(keys.EVENT, None)


def _step(tl: Timeline, direction: int) -> None:
    day = st.session_state.get(keys.DATE, tl.stops[0])
    target = tl.next_stop(day) if direction > 0 else tl.previous_stop(day)
    if target is not None:
        go_to(target, tl)
    elif direction > 0:
        st.session_state[keys.PLAYING] = False


def _preset(tl: Timeline, phases: dict[str, dt.date]) -> None:
    label = st.session_state.get(keys.PRESET)
    if label in phases:
        go_to(phases[label], tl)


def _goto(tl: Timeline) -> None:
    day = st.session_state.get(keys.GOTO_DAY)
    if isinstance(day, dt.date):
        go_to(day, tl)


def time_controls(tl: Timeline) -> dt.date:
    """Draw the controls in the sidebar and return the selected day."""
    ds = tl.dataset
    known = {e.id for e in ds.events}
    phases = {label: ds.event(eid).anchor for label, eid in PHASES if eid in known}
    sb = st.sidebar
    sb.markdown("### Date")
    options = slider_options(tl)
    if st.session_state.get(keys.DATE) not in options:
        st.session_state[keys.DATE] = tl.nearest_stop(st.session_state.get(keys.DATE) or tl.stops[-1])
    day: dt.date = sb.select_slider(
        "Date", options=options, key=keys.DATE, format_func=format_day, label_visibility="collapsed"
    )
    prev_col, next_col = sb.columns(2)
    prev_col.button(
        "◀ Previous",
        key=keys.PREV,
        on_click=_step,
        args=(tl, -1),
        width="stretch",
        disabled=tl.previous_stop(day) is None,
    )
    next_col.button(
        "Next ▶", key=keys.NEXT, on_click=_step, args=(tl, 1), width="stretch", disabled=tl.next_stop(day) is None
    )
    sb.selectbox(
        "Jump to a phase",
        list(phases),
        index=None,
        key=keys.PRESET,
        placeholder="Choose a phase…",
        on_change=_preset,
        args=(tl, phases),
    )
    sb.date_input(
        "Go to any day",
        value=None,
        min_value=FIRST_DAY,
        max_value=LAST_DAY,
        key=keys.GOTO_DAY,
        on_change=_goto,
        args=(tl,),
        format="YYYY-MM-DD",
    )
    play_col, speed_col = sb.columns([1, 1])
    play_col.toggle("Play", key=keys.PLAYING)
    # The default goes into session state, not index=: keep_map_state re-assigns the key on every run,
    # and a widget given both logs 'created with a default value but also had its value set' (issue 12).
    st.session_state.setdefault(keys.SPEED, DEFAULT_SPEED)
    speed_col.selectbox("Speed", list(SPEEDS), key=keys.SPEED, label_visibility="collapsed")
    return day


def play_interval() -> float | None:
    """Seconds until the next automatic step, or None when not playing."""
    if not st.session_state.get(keys.PLAYING):
        return None
    return SPEEDS.get(st.session_state.get(keys.SPEED, ""), 2.0)


def advance(tl: Timeline) -> None:
    """One automatic step forward (stops playing at the last stop)."""
    _step(tl, 1)
