"""Guard (not timed): the work of one date step on the map page does not grow with the number of
imported events (issue 13). Counts executed Python lines and content hashes, not milliseconds.

The imported events all sit on the first day, so the slider's stops (which Streamlit sends on
every rerun, like any select_slider's options) are the same with and without them; any loop over
the events during a step (a hash, a set of ids, a re-slice) would add at least one line per event.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

import ui.data
import ui.daypanel
import ui.mapwidget
import ui.state
from corridor.loader import load_dataset
from corridor.records import Event
from corridor.timemodel import Timeline
from layers.contract import MapConfig, MapView
from tests.apptest.dashboard_app import map_data, map_element
from ui import keys

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "dashboard.py"
MANY = 2_000
DATASET = load_dataset()


def copies(n: int) -> tuple[Event, ...]:
    """``n`` imported events, copies of the first event on its own day (no new slider stops)."""
    first = DATASET.events[0]
    return tuple(Event(**{**first.__dict__, "id": f"import-copy-{i}", "statement_ids": ()}) for i in range(n))


class LineCounter:
    """Counts the Python lines executed by threads started while it is on (AppTest's script thread)."""

    def __init__(self) -> None:
        self.lines = 0

    def _local(self, frame: FrameType, event: str, arg: Any) -> Any:
        if event == "line":
            self.lines += 1
        return self._local

    def _global(self, frame: FrameType, event: str, arg: Any) -> Any:
        return self._local

    def __enter__(self) -> LineCounter:
        threading.settrace(self._global)
        return self

    def __exit__(self, *exc: object) -> None:
        threading.settrace(None)
        sys.settrace(None)


def open_map(imported: tuple[Event, ...]) -> AppTest:
    at = AppTest.from_file(str(DASHBOARD), default_timeout=120)
    at.query_params["date"] = "2023-04-23"
    at.session_state[keys.PANEL_AHEAD] = True  # as after the day panel asked (ui/daypanel.py)
    if imported:
        at.session_state[keys.IMPORTED] = imported
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    at.sidebar.button(key="next_step").click().run()  # warm the next day, then come back
    at.sidebar.button(key="prev_step").click().run()
    assert not at.exception
    return at


def step_lines(at: AppTest) -> int:
    with LineCounter() as counter:
        at.sidebar.button(key="next_step").click().run()
    assert not at.exception
    return counter.lines


@pytest.fixture(scope="module")
def few_and_many() -> tuple[AppTest, AppTest]:
    return open_map(()), open_map(copies(MANY))


def test_the_imported_events_are_there(few_and_many: tuple[AppTest, AppTest]) -> None:
    _few, many = few_and_many
    assert len(many.session_state[keys.IMPORTED]) == MANY


def test_a_step_runs_no_more_lines_with_many_imported_events(few_and_many: tuple[AppTest, AppTest]) -> None:
    few, many = few_and_many
    base, loaded = step_lines(few), step_lines(many)
    assert loaded - base < MANY // 4, f"a step ran {loaded} lines with {MANY} imported events, {base} without"


def test_a_step_hashes_no_events(few_and_many: tuple[AppTest, AppTest], monkeypatch: pytest.MonkeyPatch) -> None:
    hashed: list[int] = []
    real = ui.state.content_key

    def counting(events: tuple[Event, ...]) -> str:
        hashed.append(len(events))
        return real(events)

    monkeypatch.setattr(ui.state, "content_key", counting)
    _few, many = few_and_many
    many.sidebar.button(key="prev_step").click().run()
    many.sidebar.button(key="next_step").click().run()
    assert not many.exception
    assert hashed == []


def test_a_step_rebuilds_no_map_configuration(
    few_and_many: tuple[AppTest, AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The map's configuration and view are built once per map data (ui/mapwidget.py), never per
    step: a step sends the same map element the same configuration, and only a new state."""
    built: list[str] = []
    real_config, real_view = ui.mapwidget.map_config, ui.mapwidget.map_view

    def config(data_url: str | None) -> MapConfig:
        built.append("config")
        return real_config(data_url)

    def view() -> MapView:
        built.append("view")
        return real_view()

    monkeypatch.setattr(ui.mapwidget, "map_config", config)
    monkeypatch.setattr(ui.mapwidget, "map_view", view)
    _few, many = few_and_many
    before, before_id = map_data(many), map_element(many).proto.id
    many.sidebar.button(key="next_step").click().run()
    assert not many.exception
    after = map_data(many)
    assert built == []
    assert after["state"] != before["state"]
    assert {k: v for k, v in after.items() if k != "state"} == {k: v for k, v in before.items() if k != "state"}
    assert map_element(many).proto.id == before_id


def test_a_step_to_a_new_day_computes_its_state_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The panel and the map share the day's state (ui.data.state_at): one Timeline.state_at per new
    day, not one per user of it (each call builds the day's tuples of events and statements). Each
    run also sends the days next to the selected one (ui.daypanel.NEIGHBOURS), so after the memos
    are cleared the first step computes each of those days once, and the next step only the one day
    that came into reach."""
    at = open_map(())
    calls: list[object] = []
    real = Timeline.state_at

    def counting(self: Timeline, day: Any) -> Any:
        calls.append(day)
        return real(self, day)

    monkeypatch.setattr(Timeline, "state_at", counting)
    for memo in (ui.data.state_at, ui.daypanel._day_text, ui.daypanel._ids, ui.mapwidget._step):
        memo.cache_clear()  # per process: other tests may have shown these days already
    at.sidebar.button(key="next_step").click().run()
    assert not at.exception
    assert len(calls) == len(set(calls)) == 2 * ui.daypanel.NEIGHBOURS + 1, calls
    calls.clear()
    at.sidebar.button(key="next_step").click().run()
    assert not at.exception
    assert len(calls) == 1, calls
