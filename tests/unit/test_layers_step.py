"""layers.step: the state sent to the browser on each step, on either side of every change.

The table runs over the bundled dataset through corridor.timemodel.Timeline, so a date that moves
in geo/ shows up here as the day the map would change.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from corridor.records import Dataset
from corridor.text import js_json
from corridor.timemodel import Timeline
from corridor.view import TILES
from layers.catalogue import DEFAULT_VISIBLE
from layers.events import day_number
from layers.step import build_step_state, route_states
from layers.style import NO_STATUS_COLOUR, PAST_ROUTE_COLOUR, STATUS_COLOURS, STATUS_LABELS

D = dt.date
A, B1, B2 = "route_A_old_highway", "route_B1_bypass_temporary_link", "route_B2_kornidzor"
CHECKPOINT = "hakari_checkpoint"
MAX_STEP_BYTES = 2048


def step(timeline: Timeline, day: dt.date, **kwargs: Any) -> dict[str, Any]:
    options: dict[str, Any] = {"naming": "both", "layers": DEFAULT_VISIBLE}
    options.update(kwargs)
    return build_step_state(timeline.dataset, timeline.state_at(day), **options)


# day, routes {A, B1, B2}, status, checkpoints
CHANGES = [
    # before the corridor opened: route A (valid_from 2020-11-10) is not drawn yet
    (D(2020, 11, 9), {A: "hidden", B1: "hidden", B2: "hidden"}, None, []),
    (D(2020, 11, 10), {A: "in_use", B1: "hidden", B2: "hidden"}, "open", []),
    # 30 Aug 2022: the new route via the Hakari bridge replaces the old highway
    (D(2022, 8, 29), {A: "in_use", B1: "hidden", B2: "hidden"}, "open", []),
    (D(2022, 8, 30), {A: "past", B1: "in_use", B2: "hidden"}, "open", []),
    # 1 Apr 2023: the Kornidzor route replaces the temporary link
    (D(2023, 3, 29), {A: "past", B1: "in_use", B2: "hidden"}, "blocked", []),
    # 30-31 Mar 2023: the temporary link closed on the night of 29/30 Mar; no route in use until 1 Apr
    (D(2023, 3, 30), {A: "past", B1: "past", B2: "hidden"}, "blocked", []),
    (D(2023, 4, 1), {A: "past", B1: "past", B2: "in_use"}, "blocked", []),
    # 23 Apr 2023: the checkpoint appears and sets the status
    (D(2023, 4, 22), {A: "past", B1: "past", B2: "in_use"}, "blocked", []),
    (D(2023, 4, 23), {A: "past", B1: "past", B2: "in_use"}, "checkpoint", [CHECKPOINT]),
    (D(2023, 6, 15), {A: "past", B1: "past", B2: "in_use"}, "closed", [CHECKPOINT]),
    (D(2023, 9, 30), {A: "past", B1: "past", B2: "in_use"}, "exodus", [CHECKPOINT]),
    # 2 Oct 2023: no route is in use any more; the checkpoint stays
    (D(2023, 10, 1), {A: "past", B1: "past", B2: "in_use"}, "exodus", [CHECKPOINT]),
    (D(2023, 10, 2), {A: "past", B1: "past", B2: "past"}, "exodus", [CHECKPOINT]),
]


@pytest.mark.parametrize(("day", "routes", "status", "checkpoints"), CHANGES, ids=[str(c[0]) for c in CHANGES])
def test_step_state_on_either_side_of_each_change(
    timeline: Timeline, day: dt.date, routes: dict[str, str], status: str | None, checkpoints: list[str]
) -> None:
    state = step(timeline, day)
    assert state["day"] == day.isoformat()
    assert state["dayNumber"] == day_number(day)
    assert state["routes"] == routes
    assert state["status"] == status
    assert state["checkpoints"] == checkpoints


def test_route_in_use_switches_from_a_to_b1_on_30_aug_2022(timeline: Timeline) -> None:
    before, after = step(timeline, D(2022, 8, 29)), step(timeline, D(2022, 8, 30))
    assert before["routes"][A] == "in_use"
    assert after["routes"][A] == "past"
    assert after["routes"][B1] == "in_use"


def test_b2_comes_into_use_on_1_apr_2023(timeline: Timeline) -> None:
    before, after = step(timeline, D(2023, 3, 31)), step(timeline, D(2023, 4, 1))
    assert before["routes"][B2] == "hidden"
    assert after["routes"][B2] == "in_use"
    assert after["routes"][B1] == "past"


def test_checkpoint_appears_on_23_apr_2023_with_its_colour(timeline: Timeline) -> None:
    before, after = step(timeline, D(2023, 4, 22)), step(timeline, D(2023, 4, 23))
    assert before["checkpoints"] == []
    assert before["status"] == "blocked"
    assert before["routeColor"] == STATUS_COLOURS["blocked"]
    assert before["statusLabel"] == "Blocked"
    assert after["checkpoints"] == [CHECKPOINT]
    assert after["status"] == "checkpoint"
    assert after["routeColor"] == STATUS_COLOURS["checkpoint"]
    assert after["statusLabel"] == STATUS_LABELS["checkpoint"]


def test_no_route_is_hidden_or_in_use_after_2_oct_2023(timeline: Timeline) -> None:
    state = step(timeline, D(2023, 10, 2))
    assert "in_use" not in state["routes"].values()
    assert set(state["routes"].values()) == {"past"}


def test_before_the_first_event_there_is_no_status_and_no_current_event(timeline: Timeline) -> None:
    state = step(timeline, D(2020, 11, 9))
    assert state["routes"][A] == "hidden"
    assert state["status"] is None
    assert state["statusLabel"] == "No status recorded"
    assert state["routeColor"] == NO_STATUS_COLOUR
    assert state["currentEvents"] == []
    assert state["selectedEvent"] is None


def test_past_routes_use_the_past_colour(timeline: Timeline) -> None:
    assert step(timeline, D(2023, 4, 23))["pastColor"] == PAST_ROUTE_COLOUR


def test_route_states_names_every_route(timeline: Timeline, dataset: Dataset) -> None:
    states = route_states(dataset, timeline.state_at(D(2023, 4, 23)))
    assert list(states) == [r.id for r in dataset.routes]


# --- current and selected events ----------------------------------------------------------------


def test_current_events_are_those_of_the_latest_event_day(timeline: Timeline) -> None:
    on_day = step(timeline, D(2023, 4, 23))
    assert on_day["currentEvents"] == ["ev-2023-04-23-checkpoint"]
    assert on_day["selectedEvent"] == "ev-2023-04-23-checkpoint"
    between = step(timeline, D(2023, 4, 22))
    assert between["currentEvents"] == ["ev-2023-04-01-kornidzor-route"]


def test_selected_event_must_be_current(timeline: Timeline) -> None:
    two = step(timeline, D(2023, 4, 24), selected_event="ev-2023-04-24-russia-mod")
    assert two["currentEvents"] == ["ev-2023-04-24-peskov", "ev-2023-04-24-russia-mod"]
    assert two["selectedEvent"] == "ev-2023-04-24-russia-mod"
    stale = step(timeline, D(2023, 4, 24), selected_event="ev-2023-04-23-checkpoint")
    assert stale["selectedEvent"] == "ev-2023-04-24-peskov"


# --- display choices ----------------------------------------------------------------------------


@pytest.mark.parametrize("naming", ["both", "hy", "az"])
@pytest.mark.parametrize("tiles", TILES)
def test_display_choices_pass_through(timeline: Timeline, naming: str, tiles: str) -> None:
    state = step(timeline, D(2023, 4, 23), naming=naming, layers=("corridor", "places"), tiles=tiles)
    assert state["naming"] == naming
    assert state["layers"] == ["corridor", "places"]
    assert state["tiles"] == tiles
    assert state["fit"] is None


def test_fit_bounds_become_lists(timeline: Timeline) -> None:
    state = step(timeline, D(2023, 4, 23), fit=((39.4, 46.3), (39.9, 46.8)))
    assert state["fit"] == [[39.4, 46.3], [39.9, 46.8]]


def test_day_label_is_human(timeline: Timeline) -> None:
    assert step(timeline, D(2023, 4, 23))["dayLabel"] == "23 Apr 2023"


# --- size ---------------------------------------------------------------------------------------


def test_step_state_is_small_on_every_stop(timeline: Timeline) -> None:
    """Each step sends only this object: it must stay tiny whatever the number of features."""
    sizes = {}
    for day in timeline.stops:
        state = step(timeline, day, selected_event=None)
        sizes[day] = len(js_json(state).encode("utf-8"))
    assert max(sizes.values()) < MAX_STEP_BYTES, sizes


def test_step_state_is_plain_json(timeline: Timeline) -> None:
    state = step(timeline, D(2023, 4, 23))
    assert json.loads(js_json(state)) == state
