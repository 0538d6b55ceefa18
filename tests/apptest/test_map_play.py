"""Play on the map page (issue 13): the fragment's own timer keeps time; nothing sleeps in the script."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui import keys, state

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "dashboard.py"


REAL_SLEEP = time.sleep


def no_sleep(seconds: float) -> None:
    """AppTest's own polling naps stay; a sleep as long as a play beat (1-4 s) fails the test."""
    if seconds >= 0.5:
        raise AssertionError(f"something slept {seconds} s")
    REAL_SLEEP(seconds)


@pytest.fixture
def playing(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setattr(time, "sleep", no_sleep)
    at = AppTest.from_file(str(DASHBOARD), default_timeout=60)
    at.query_params["date"] = "2023-04-23"
    at.run()
    at.sidebar.toggle(key=keys.PLAYING).set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def day(at: AppTest) -> dt.date:
    value = at.sidebar.select_slider(key=keys.DATE).value
    assert isinstance(value, dt.date)
    return value


def test_play_starts_a_clock_and_does_not_step_at_once(playing: AppTest) -> None:
    assert day(playing) == dt.date(2023, 4, 23)
    assert isinstance(playing.session_state[state.PLAY_CLOCK], float)


def test_a_tick_after_the_interval_steps_once(playing: AppTest) -> None:
    playing.session_state[state.PLAY_CLOCK] = time.monotonic() - 10.0
    playing.run()
    assert not playing.exception
    assert day(playing) == dt.date(2023, 4, 24)
    playing.run()  # a tick before the interval has passed: no step
    assert day(playing) == dt.date(2023, 4, 24)


def test_stopping_forgets_the_clock(playing: AppTest) -> None:
    playing.sidebar.toggle(key=keys.PLAYING).set_value(False).run()
    assert not playing.exception
    assert state.PLAY_CLOCK not in playing.session_state
