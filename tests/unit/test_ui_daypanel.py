"""ui.daypanel: the Map page's text for one day, built once per (data, day, event)."""

from __future__ import annotations

import datetime as dt

from corridor.loader import load_dataset
from corridor.timemodel import Timeline
from ui.daypanel import NEIGHBOURS, _day_text, neighbours

TIMELINE = Timeline(load_dataset())
KEY = ("test_ui_daypanel",)
CHECKPOINT = "ev-2023-04-23-checkpoint"


def test_the_checkpoint_day_shows_its_event_and_its_measurements() -> None:
    text = _day_text(KEY, TIMELINE, dt.date(2023, 4, 23), CHECKPOINT)
    assert CHECKPOINT in text.titles
    assert not text.not_on_day
    assert f'data-event="{CHECKPOINT}"' in text.annotation
    assert text.measurements.startswith("<ul>")
    assert _day_text(KEY, TIMELINE, dt.date(2023, 4, 23), CHECKPOINT) is text  # built once


def test_a_day_without_an_event_says_the_latest_event_is_shown() -> None:
    day = dt.date(2023, 5, 2)
    assert day not in TIMELINE.stops
    text = _day_text(KEY, TIMELINE, day, "ev-2023-04-29-icrc-evacuations-halted")
    assert text.not_on_day
    assert list(text.titles) == ["ev-2023-04-29-icrc-evacuations-halted"]  # the latest stop's events


def test_an_event_in_progress_is_named_with_its_date_precision() -> None:
    text = _day_text(KEY, TIMELINE, dt.date(2023, 9, 26), None)
    assert any("In progress on this day" in line for line in text.in_progress)


def test_the_days_sent_ahead_are_the_day_and_its_neighbours_on_the_slider() -> None:
    stops = list(TIMELINE.stops)
    i = stops.index(dt.date(2023, 4, 23))
    assert neighbours(stops, stops[i]) == stops[i - NEIGHBOURS : i + NEIGHBOURS + 1]
    assert neighbours(stops, stops[0]) == stops[: NEIGHBOURS + 1]
    assert neighbours(stops, stops[-1]) == stops[-NEIGHBOURS - 1 :]
    assert neighbours([], dt.date(2023, 4, 23)) == []
