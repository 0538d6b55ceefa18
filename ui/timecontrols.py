"""Sidebar time controls: the date slider, previous/next, phase presets, go-to-day and play."""

from __future__ import annotations

import datetime as dt

from streamlit.delta_generator import DeltaGenerator

from corridor.dates import format_day
from corridor.records import Dataset
from corridor.timemodel import Timeline
from ui import keys, state

FIRST_DAY = dt.date(2020, 11, 1)
LAST_DAY = dt.date(2024, 12, 31)

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


def phase_days(ds: Dataset) -> dict[str, dt.date]:
    """The presets whose event exists, with its day (looked up by id: no pass over every event)."""
    days: dict[str, dt.date] = {}
    for label, eid in PHASES:
        try:
            days[label] = ds.event(eid).anchor
        except KeyError:
            continue
    return days


def _preset(tl: Timeline, phases: dict[str, dt.date]) -> None:
    label = state.get(keys.PRESET)
    if label in phases:
        state.go_to(phases[label], tl)


def _goto(tl: Timeline) -> None:
    day = state.get(keys.GOTO_DAY)
    if isinstance(day, dt.date):
        state.go_to(day, tl)


def date_slider(tl: Timeline, where: DeltaGenerator) -> dt.date:
    """The date slider with previous/next in ``where``; returns the selected day (a date step's part)."""
    options = state.slider_options(tl)
    state.settle_day(tl, options)
    day: dt.date = where.select_slider(
        "Date",
        options=options,
        key=keys.DATE,
        format_func=format_day,
        label_visibility="collapsed",
        persist_state="session",
    )
    prev_col, next_col = where.columns(2)
    prev_col.button(
        "◀ Previous",
        key=keys.PREV,
        on_click=state.step,
        args=(tl, -1),
        width="stretch",
        disabled=tl.previous_stop(day) is None,
    )
    next_col.button(
        "Next ▶", key=keys.NEXT, on_click=state.step, args=(tl, 1), width="stretch", disabled=tl.next_stop(day) is None
    )
    return day


def time_jumps(tl: Timeline, where: DeltaGenerator) -> None:
    """Phase presets, go-to-day, play and speed in ``where`` (changing them reruns the whole page)."""
    phases = phase_days(tl.dataset)
    where.selectbox(
        "Jump to a phase",
        list(phases),
        index=None,
        key=keys.PRESET,
        placeholder="Choose a phase…",
        on_change=_preset,
        args=(tl, phases),
    )
    where.date_input(
        "Go to any day",
        value=None,
        min_value=FIRST_DAY,
        max_value=LAST_DAY,
        key=keys.GOTO_DAY,
        on_change=_goto,
        args=(tl,),
        format="YYYY-MM-DD",
    )
    play_col, speed_col = where.columns([2, 3])  # room for "Normal (2 s)" in the sidebar
    play_col.toggle("Play", key=keys.PLAYING)
    state.default_speed()
    speed_col.selectbox(
        "Speed", list(state.SPEEDS), key=keys.SPEED, label_visibility="collapsed", persist_state="session"
    )
