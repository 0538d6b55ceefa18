"""ui.state: the one owner of session and URL state, driven through tiny scripts under AppTest.

Each test runs a few calls of ``ui.state`` inside a real Streamlit script run (session state and
query parameters exist only there) and reads the session state back.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from corridor.loader import load_dataset
from corridor.timemodel import Timeline
from layers.catalogue import DEFAULT_VISIBLE
from ui import keys, state

TIMELINE = Timeline(load_dataset())
STOPS = TIMELINE.stops
CHECKPOINT_DAY = dt.date(2023, 4, 23)


def run_calls(calls: list[tuple[str, tuple[Any, ...]]], *, query: dict[str, str] | None = None) -> AppTest:
    """Run ``ui.state.<name>(*args)`` for each call, in one script run (``TL`` in ``args`` stands for
    the bundled timeline); the results go to the session state as ``test_results``."""

    def script(calls: list) -> None:  # type: ignore[type-arg]  # its source runs alone: no outer names
        from corridor.loader import load_dataset
        from corridor.timemodel import Timeline
        from ui import state

        tl = Timeline(load_dataset())
        results = [getattr(state, name)(*(tl if a == "TL" else a for a in args)) for name, args in calls]
        state.put("test_results", results)

    at = AppTest.from_function(script, args=(calls,), default_timeout=60)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_going_to_a_day_that_is_not_a_stop_adds_it_to_the_slider() -> None:
    off_stop = dt.date(2023, 5, 2)
    assert off_stop not in STOPS
    at = run_calls([("go_to", (off_stop, "TL")), ("selected_day", ())])
    assert at.session_state[keys.DATE] == off_stop
    assert at.session_state[state.CUSTOM_DAY] == off_stop
    assert at.session_state["test_results"][1] == off_stop


def test_a_step_moves_to_the_next_and_previous_stop() -> None:
    i = STOPS.index(CHECKPOINT_DAY)
    at = run_calls([("go_to", (CHECKPOINT_DAY, "TL")), ("step", ("TL", 1))])
    assert at.session_state[keys.DATE] == STOPS[i + 1]
    at = run_calls([("go_to", (CHECKPOINT_DAY, "TL")), ("step", ("TL", -1))])
    assert at.session_state[keys.DATE] == STOPS[i - 1]


def test_a_step_past_the_last_stop_ends_playing() -> None:
    at = run_calls(
        [("put", (keys.PLAYING, True)), ("go_to", (STOPS[-1], "TL")), ("step", ("TL", 1)), ("play_interval", ())]
    )
    assert at.session_state[keys.DATE] == STOPS[-1]
    assert at.session_state[keys.PLAYING] is False
    assert at.session_state["test_results"][-1] is None


def test_the_play_clock_waits_one_interval_between_steps() -> None:
    at = run_calls(
        [("play_due", (100.0, 2.0)), ("play_due", (101.0, 2.0)), ("play_due", (102.0, 2.0)), ("stop_clock", ())]
    )
    assert at.session_state["test_results"][:3] == [False, False, True]  # the first call only starts the clock
    assert state.PLAY_CLOCK not in at.session_state


def test_the_url_sets_day_event_naming_and_layers_once() -> None:
    query = {"date": "2023-04-23", "event": "ev-2023-04-23-checkpoint", "naming": "az", "layers": "corridor"}
    at = run_calls([("apply_url_once", ("TL",)), ("apply_url_once", ("TL",))], query=query)
    first, second = at.session_state["test_results"]
    assert first.view.day == CHECKPOINT_DAY and first.problems == ()
    assert second.view.day is None  # read once per session
    assert at.session_state[keys.DATE] == CHECKPOINT_DAY
    assert at.session_state[keys.EVENT] == "ev-2023-04-23-checkpoint"
    assert at.session_state[keys.NAMING] == "az"
    assert at.session_state[keys.LAYER_PREFIX + "corridor"] is True
    assert at.session_state[keys.LAYER_PREFIX + "places"] is False


def test_the_display_choices_are_read_before_their_widgets_are_drawn() -> None:
    """The map page draws the map before the naming, layer and tiles widgets (app_pages/map.py):
    their values come from the session state the URL set, or the defaults before it set any."""
    query = {"naming": "az", "layers": "corridor,checkpoint", "tiles": "osm"}
    at = run_calls([("display_choices", ()), ("apply_url_once", ("TL",)), ("display_choices", ())], query=query)
    before, _, after = at.session_state["test_results"]
    assert before == ("both", DEFAULT_VISIBLE, "bundled")
    assert after == ("az", ("corridor", "checkpoint"), "osm")


def test_a_bad_url_value_is_reported_and_falls_back() -> None:
    at = run_calls([("apply_url_once", ("TL",))], query={"date": "2023-02-30"})
    (parsed,) = at.session_state["test_results"]
    assert parsed.problems, "an impossible date must be reported"
    assert at.session_state[keys.DATE] == CHECKPOINT_DAY  # the default view: the checkpoint's day


def test_imported_events_are_hashed_once_and_kept_under_a_token() -> None:
    events = TIMELINE.dataset.events[:3]
    at = run_calls([("set_imported", (events,)), ("imported", ()), ("import_token", ())])
    _, held, token = at.session_state["test_results"]
    assert held.events == events
    assert held.key == state.content_key(events)
    assert token == held.key[:32]


def test_the_content_key_names_the_content() -> None:
    events = TIMELINE.dataset.events
    assert state.content_key(events[:3]) == state.content_key(tuple(events[:3]))
    assert state.content_key(events[:3]) != state.content_key(events[:4])
    assert len(state.content_key(())) == 64


def test_the_day_panels_choice_is_taken_only_when_it_names_a_known_event() -> None:
    """The panel's radio (static/app/day_panel.js) sends {"event": id}; a forged id is ignored."""

    def script(sent: object) -> None:  # its source runs alone: no outer names
        import streamlit as st

        from ui import keys, state

        st.session_state["panel"] = sent
        st.session_state.setdefault(keys.EVENT, "ev-before")
        state.choose_from_panel("panel", {"ev-known"}.__contains__)

    for sent, chosen in [
        ({"event": "ev-known"}, "ev-known"),
        ({"event": "ev-forged"}, "ev-before"),
        ({"event": ["ev-known"]}, "ev-before"),
        (None, "ev-before"),
    ]:
        at = AppTest.from_function(script, args=(sent,), default_timeout=60).run()
        assert not at.exception, [e.value for e in at.exception]
        assert at.session_state[keys.EVENT] == chosen, sent


def test_the_event_a_step_would_show_is_the_chosen_one_if_the_day_has_it() -> None:
    at = run_calls([("select_event", ("b",)), ("event_shown", (["a", "b"],)), ("event_shown", (["a", "c"],))])
    assert at.session_state["test_results"][1:] == ["b", "a"]
    assert at.session_state[keys.EVENT] == "b"  # only looked at, not chosen
    assert run_calls([("event_shown", ([],))]).session_state["test_results"] == [None]


# --- Controls kept across page switches: what no longer fits goes ---------------------------------
D = dt.date
SPAN = (D(2020, 11, 9), D(2024, 6, 12))
WIDER = (D(2020, 11, 9), D(2025, 3, 1))


@pytest.mark.parametrize(
    ("chosen", "span", "old_span", "fitted"),
    [
        (None, SPAN, None, SPAN),  # the first visit: the whole span
        ((D(2023, 1, 1), D(2023, 12, 31)), SPAN, SPAN, (D(2023, 1, 1), D(2023, 12, 31))),
        (SPAN, WIDER, SPAN, WIDER),  # the whole span grows with events imported meanwhile
        ((D(2023, 1, 1), SPAN[1]), WIDER, SPAN, (D(2023, 1, 1), WIDER[1])),  # "to the last day" follows it
        ((D(2023, 1, 1), D(2025, 1, 1)), SPAN, WIDER, (D(2023, 1, 1), SPAN[1])),  # the end past the data moves in
        ((D(2021, 1, 1), D(2023, 1, 1)), (D(2022, 1, 1), SPAN[1]), SPAN, (D(2022, 1, 1), D(2023, 1, 1))),
        ((D(2024, 7, 1), D(2025, 1, 1)), SPAN, WIDER, SPAN),  # wholly after the data: the whole span
        ((D(2019, 1, 1), D(2019, 2, 1)), SPAN, None, SPAN),  # wholly before it
        ((D(2023, 1, 1),), SPAN, SPAN, (D(2023, 1, 1),)),  # half-chosen stays half-chosen
        ((D(2025, 1, 1),), SPAN, WIDER, SPAN),
        ((), SPAN, SPAN, ()),  # emptied: no date filter
        ([dt.datetime(2023, 1, 1, 12), D(2023, 2, 1)], SPAN, SPAN, (D(2023, 1, 1), D(2023, 2, 1))),
        (("2023-01-01", "2023-02-01"), SPAN, SPAN, SPAN),  # not dates
        (D(2023, 1, 1), SPAN, SPAN, SPAN),  # not a range
    ],
)
def test_a_kept_date_range_is_fitted_to_the_data(
    chosen: object, span: tuple[dt.date, dt.date], old_span: object, fitted: tuple[dt.date, ...]
) -> None:
    assert state.fit_range(chosen, span, old_span) == fitted


def test_kept_choices_lose_only_the_values_that_are_no_longer_options() -> None:
    at = run_calls(
        [
            ("put", ("many", ["a", "gone", "b"])),
            ("put", ("one", "gone")),
            ("put", ("fits", "a")),
            ("put", ("none", None)),
            *[("keep_fitting", (key, ["a", "b"])) for key in ("many", "one", "fits", "none", "absent")],
        ]
    )
    assert at.session_state["many"] == ["a", "b"]
    assert "one" not in at.session_state  # its widget shows its default
    assert at.session_state["fits"] == "a"
    assert at.session_state["none"] is None
    assert "absent" not in at.session_state


def test_a_kept_range_starts_whole_and_remembers_the_span_it_was_drawn_over() -> None:
    at = run_calls([("keep_range", ("days", *SPAN))])
    assert at.session_state["days"] == SPAN
    assert at.session_state["days" + state.SPAN_SUFFIX] == SPAN
