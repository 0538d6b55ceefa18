"""corridor.timemodel: what the map shows on a given day, over the real bundled dataset."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corridor.dates import parse_fuzzy
from corridor.records import CORRIDOR_STATUSES, CorridorStatus, Dataset, Event, Route, Statement, Validity
from corridor.timemodel import Timeline, route_in_use, said_by, split_said

D = dt.date
A, B1, B2 = "route_A_old_highway", "route_B1_bypass_temporary_link", "route_B2_kornidzor"
JULY_2021 = "ev-2021-07-bypass-construction"
TRILATERAL = "ev-2020-11-trilateral-statement"


def _ids(records: tuple[object, ...]) -> list[str]:
    return [r.id for r in records]  # type: ignore[attr-defined]


# --- routes -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "in_use", "past"),
    [
        (D(2020, 11, 9), None, []),  # before the corridor opened
        (D(2020, 11, 10), A, []),
        (D(2022, 8, 29), A, []),
        (D(2022, 8, 30), B1, [A]),  # switch-over day: the new route wins
        (D(2022, 8, 31), B1, [A]),
        (D(2023, 3, 29), B1, [A]),
        (D(2023, 3, 30), None, [A, B1]),  # the temporary link closed on the night of 29/30 Mar
        (D(2023, 3, 31), None, [A, B1]),
        (D(2023, 4, 1), B2, [A, B1]),
        (D(2023, 9, 30), B2, [A, B1]),
        (D(2023, 10, 1), B2, [A, B1]),
        (D(2023, 10, 2), None, [A, B1, B2]),
        (D(2024, 1, 1), None, [A, B1, B2]),
    ],
)
def test_route_in_use_and_past_routes(timeline: Timeline, day: dt.date, in_use: str | None, past: list[str]) -> None:
    state = timeline.state_at(day)
    assert (state.route_in_use.id if state.route_in_use else None) == in_use
    assert _ids(state.past_routes) == past
    assert state.day == day


def _route(rid: str, first: dt.date | None, last: dt.date | None) -> Route:
    return Route(rid, rid, ((46.3, 39.5), (46.4, 39.6)), Validity(first, last), True, "low", "")


def test_route_in_use_prefers_the_route_that_started_last() -> None:
    old = _route("old", D(2020, 1, 1), D(2024, 1, 1))
    new = _route("new", D(2022, 1, 1), D(2023, 1, 1))
    assert route_in_use((old, new), D(2022, 6, 1)) is new
    assert route_in_use((new, old), D(2022, 6, 1)) is new
    assert route_in_use((old, new), D(2023, 6, 1)) is old  # the newer one has ended
    assert route_in_use((old, new), D(2019, 6, 1)) is None
    assert route_in_use((), D(2022, 6, 1)) is None


def test_route_without_start_loses_to_any_started_route() -> None:
    always = _route("always", None, None)
    dated = _route("dated", D(2022, 1, 1), None)
    assert route_in_use((always, dated), D(2021, 1, 1)) is always
    assert route_in_use((always, dated), D(2022, 1, 1)) is dated


# --- status and checkpoint ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "status", "status_event"),
    [
        (D(2020, 11, 8), None, None),
        (D(2020, 11, 9), None, None),  # the 9/10 Nov statement has not surely happened yet
        (D(2020, 11, 10), "open", TRILATERAL),
        (D(2022, 8, 30), "open", "ev-2022-08-30-new-route"),
        (D(2022, 12, 11), "open", "ev-2022-08-30-new-route"),
        (D(2022, 12, 12), "blocked", "ev-2022-12-12-blockade"),
        (D(2023, 4, 1), "blocked", "ev-2022-12-12-blockade"),  # events without a status do not reset it
        (D(2023, 4, 22), "blocked", "ev-2022-12-12-blockade"),
        (D(2023, 4, 23), "checkpoint", "ev-2023-04-23-checkpoint"),
        (D(2023, 6, 14), "checkpoint", "ev-2023-04-23-checkpoint"),
        (D(2023, 6, 15), "closed", "ev-2023-06-15-hakari-shooting"),
        (D(2023, 6, 24), "closed", "ev-2023-06-15-hakari-shooting"),
        (D(2023, 6, 25), "restricted", "ev-2023-06-25-icrc-evacuations-resume"),  # ICRC evacuations only
        (D(2023, 7, 11), "closed", "ev-2023-07-11-icrc-crossings-suspended"),
        (D(2023, 7, 14), "restricted", "ev-2023-07-14-icrc-evacuations-resume"),
        (D(2023, 7, 29), "closed", "ev-2023-07-29-khachatryan-detained"),
        (D(2023, 8, 8), "restricted", "ev-2023-08-08-icrc-evacuations-resume"),
        (D(2023, 9, 18), "restricted", "ev-2023-09-18-icrc-parallel-deliveries"),
        (D(2023, 9, 29), "restricted", "ev-2023-09-18-icrc-parallel-deliveries"),  # exodus range not over
        (D(2023, 9, 30), "exodus", "ev-2023-09-exodus"),
        (D(2030, 1, 1), "exodus", "ev-2023-09-exodus"),
    ],
)
def test_status(timeline: Timeline, day: dt.date, status: str | None, status_event: str | None) -> None:
    state = timeline.state_at(day)
    assert state.status == status
    assert (state.status_event.id if state.status_event else None) == status_event


@pytest.mark.parametrize(
    ("day", "checkpoints"),
    [
        (D(2023, 4, 22), []),
        (D(2023, 4, 23), ["hakari_checkpoint"]),
        (D(2023, 9, 30), ["hakari_checkpoint"]),
        (D(2020, 11, 10), []),
    ],
)
def test_checkpoint(timeline: Timeline, day: dt.date, checkpoints: list[str]) -> None:
    assert _ids(timeline.state_at(day).checkpoints) == checkpoints


def test_day_before_and_day_of_the_checkpoint(timeline: Timeline) -> None:
    before, on = timeline.state_at(D(2023, 4, 22)), timeline.state_at(D(2023, 4, 23))
    assert (before.checkpoints, before.status) == ((), "blocked")
    assert (_ids(on.checkpoints), on.status) == (["hakari_checkpoint"], "checkpoint")
    assert _ids(on.current_events) == ["ev-2023-04-23-checkpoint"]
    assert "ev-2023-04-23-checkpoint" not in _ids(before.events_so_far)


# --- date precision -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "in_progress", "so_far"),
    [
        (D(2021, 6, 30), False, False),
        (D(2021, 7, 1), True, False),  # a July event has not surely happened on 1 July
        (D(2021, 7, 15), True, False),
        (D(2021, 7, 30), True, False),
        (D(2021, 7, 31), False, True),
        (D(2021, 8, 1), False, True),
    ],
)
def test_month_precision_event(timeline: Timeline, day: dt.date, in_progress: bool, so_far: bool) -> None:
    state = timeline.state_at(day)
    assert (JULY_2021 in _ids(state.in_progress)) is in_progress
    assert (JULY_2021 in _ids(state.events_so_far)) is so_far


@pytest.mark.parametrize(
    ("day", "in_progress", "so_far"),
    [
        (D(2020, 11, 8), False, False),
        (D(2020, 11, 9), True, False),
        (D(2020, 11, 10), False, True),
        (D(2020, 11, 11), False, True),
    ],
)
def test_range_event_9_10_nov_2020(timeline: Timeline, day: dt.date, in_progress: bool, so_far: bool) -> None:
    state = timeline.state_at(day)
    assert (TRILATERAL in _ids(state.in_progress)) is in_progress
    assert (TRILATERAL in _ids(state.events_so_far)) is so_far


def test_range_event_is_a_current_event_on_its_last_day(timeline: Timeline) -> None:
    assert _ids(timeline.state_at(D(2020, 11, 10)).current_events) == [TRILATERAL]
    assert timeline.events_on(D(2020, 11, 9)) == ()
    assert _ids(timeline.events_on(D(2020, 11, 10))) == [TRILATERAL]


def test_exodus_week_is_in_progress_during_the_week(timeline: Timeline) -> None:
    state = timeline.state_at(D(2023, 9, 27))
    assert "ev-2023-09-exodus" in _ids(state.in_progress)
    assert "ev-2023-09-28-decree" not in _ids(state.in_progress)  # a later day event is not in progress
    assert _ids(timeline.state_at(D(2023, 9, 28)).current_events) == ["ev-2023-09-28-decree"]


# --- events and statements so far --------------------------------------------------------------


def test_events_so_far_is_the_sorted_prefix(timeline: Timeline, dataset: Dataset) -> None:
    state = timeline.state_at(D(2023, 4, 23))
    n = len(state.events_so_far)
    assert state.events_so_far == dataset.events[:n]
    assert all(e.anchor <= D(2023, 4, 23) for e in state.events_so_far)
    assert all(e.anchor > D(2023, 4, 23) for e in dataset.events[n:])
    assert state.events_so_far[-1].id == "ev-2023-04-23-checkpoint"


def test_current_events_are_all_events_of_the_latest_stop(timeline: Timeline) -> None:
    state = timeline.state_at(D(2023, 4, 26))
    assert sorted(_ids(state.current_events)) == ["ev-2023-04-24-peskov", "ev-2023-04-24-russia-mod"]
    assert timeline.state_at(D(2020, 1, 1)).current_events == ()


def test_nothing_before_the_first_event(timeline: Timeline) -> None:
    state = timeline.state_at(D(2019, 1, 1))
    assert (state.events_so_far, state.current_events, state.in_progress) == ((), (), ())
    assert (state.status, state.status_event, state.route_in_use, state.statements_so_far) == (None, None, None, ())


@pytest.mark.parametrize(
    ("day", "included", "excluded"),
    [
        (D(2020, 11, 9), [], ["trilateral-2020-para6"]),
        (
            D(2020, 11, 10),
            ["trilateral-2020-para6", "trilateral-2020-security-guarantee"],
            ["azertag-2020-12-01-lachin"],
        ),
        (D(2023, 4, 23), ["armenia-2023-04-23-gross-violation"], ["peskov-2023-04-24-no-alternative"]),
        (D(2023, 4, 24), ["peskov-2023-04-24-no-alternative", "peskov-2023-04-24-mediation"], []),
        # said on 20 April about the 1 April route change: not shown on 1 April
        (D(2023, 4, 1), [], ["sanosyan-2023-04-20-route"]),
        (D(2023, 4, 20), ["sanosyan-2023-04-20-route"], []),
    ],
)
def test_statements_so_far(timeline: Timeline, day: dt.date, included: list[str], excluded: list[str]) -> None:
    ids = _ids(timeline.state_at(day).statements_so_far)
    assert set(included) <= set(ids)
    assert not set(excluded) & set(ids)


# --- stops --------------------------------------------------------------------------------------


def test_stops_are_sorted_unique_event_anchors(timeline: Timeline, dataset: Dataset) -> None:
    stops = timeline.stops
    assert list(stops) == sorted(set(stops))
    assert set(stops) == {e.anchor for e in dataset.events}
    assert len(stops) < len(dataset.events)  # two events share 24 Apr 2023
    assert stops.count(D(2023, 4, 24)) == 1
    assert stops[0] == D(2020, 11, 10)  # the 9/10 Nov range is anchored on its last day
    assert D(2021, 7, 31) in stops and D(2021, 7, 1) not in stops
    assert stops[-1] == D(2024, 6, 12)  # the peacekeepers' withdrawal, Apr-Jun 2024, anchored on its last day


FIRST, LAST = D(2020, 11, 10), D(2024, 6, 12)


@pytest.mark.parametrize(
    ("day", "previous", "following", "nearest"),
    [
        (D(2019, 1, 1), None, FIRST, FIRST),  # before the first stop
        (D(2020, 11, 9), None, FIRST, FIRST),
        (FIRST, None, D(2020, 12, 1), FIRST),  # on the first stop
        (D(2020, 11, 11), FIRST, D(2020, 12, 1), FIRST),
        (D(2021, 7, 1), D(2020, 12, 1), D(2021, 7, 31), D(2020, 12, 1)),
        (D(2023, 4, 23), D(2023, 4, 1), D(2023, 4, 24), D(2023, 4, 23)),  # on a stop
        (D(2023, 4, 22), D(2023, 4, 1), D(2023, 4, 23), D(2023, 4, 1)),
        (D(2023, 9, 30), D(2023, 9, 28), D(2024, 1, 1), D(2023, 9, 30)),
        (LAST, D(2024, 1, 1), None, LAST),  # on the last stop
        (D(2030, 1, 1), LAST, None, LAST),  # after the last stop
    ],
)
def test_previous_next_nearest_stop(
    timeline: Timeline, day: dt.date, previous: dt.date | None, following: dt.date | None, nearest: dt.date
) -> None:
    assert timeline.previous_stop(day) == previous
    assert timeline.next_stop(day) == following
    assert timeline.nearest_stop(day) == nearest


@given(st.dates(min_value=D(2019, 1, 1), max_value=D(2025, 12, 31)))
def test_stop_navigation_properties(timeline: Timeline, day: dt.date) -> None:
    stops = timeline.stops
    previous, following, nearest = timeline.previous_stop(day), timeline.next_stop(day), timeline.nearest_stop(day)
    assert previous is None or (previous < day and not any(previous < s < day for s in stops))
    assert following is None or (following > day and not any(day < s < following for s in stops))
    assert nearest in stops
    assert nearest <= day or nearest == stops[0]
    assert (previous is None) == (day <= stops[0])
    assert (following is None) == (day >= stops[-1])
    # stepping from a stop lands on the neighbouring stop
    if day in stops:
        i = stops.index(day)
        assert previous == (stops[i - 1] if i else None)
        assert following == (stops[i + 1] if i + 1 < len(stops) else None)


@given(st.dates(min_value=D(2019, 1, 1), max_value=D(2025, 12, 31)))
def test_state_is_consistent_on_every_day(timeline: Timeline, day: dt.date) -> None:
    state = timeline.state_at(day)
    assert all(e.anchor <= day for e in state.events_so_far)
    assert all(e.date.first <= day < e.anchor for e in state.in_progress)
    assert not set(_ids(state.in_progress)) & set(_ids(state.events_so_far))
    if state.route_in_use is not None:
        assert state.route_in_use.validity.holds_on(day)
        assert state.route_in_use not in state.past_routes
    assert all(r.validity.first is not None and r.validity.first <= day for r in state.past_routes)
    if state.status_event is not None:
        assert state.status_event in state.events_so_far
        later = state.events_so_far[state.events_so_far.index(state.status_event) + 1 :]
        assert all(e.status is None for e in later)


# --- the "restricted" status: between open and closed -----------------------------------------


def _status_event(eid: str, day: str, status: CorridorStatus) -> Event:
    return Event(
        id=eid, date=parse_fuzzy(day), title=eid, description="", place_label="", place_id=None, lonlat=None,
        status=status, status_note=f"note of {eid}", event_type="test", actors=(), statement_ids=(),
        source_ids=(), confidence="high",
    )  # fmt: skip


SEQUENCE = (
    _status_event("closed-1", "2023-06-15", "closed"),
    _status_event("restricted-1", "2023-06-25", "restricted"),
    _status_event("closed-2", "2023-07-11", "closed"),
    _status_event("restricted-2", "2023-09-18/2023-09-19", "restricted"),
    _status_event("exodus", "2023-09-24/2023-09-30", "exodus"),
)


@pytest.mark.parametrize(
    ("day", "status", "status_event"),
    [
        (D(2023, 6, 14), None, None),
        (D(2023, 6, 15), "closed", "closed-1"),
        (D(2023, 6, 24), "closed", "closed-1"),
        (D(2023, 6, 25), "restricted", "restricted-1"),
        (D(2023, 7, 10), "restricted", "restricted-1"),
        (D(2023, 7, 11), "closed", "closed-2"),
        (D(2023, 9, 18), "closed", "closed-2"),  # the 18-19 Sept range has surely happened only on 19 Sept
        (D(2023, 9, 19), "restricted", "restricted-2"),
        (D(2023, 9, 29), "restricted", "restricted-2"),
        (D(2023, 9, 30), "exodus", "exodus"),
        (D(2024, 1, 1), "exodus", "exodus"),
    ],
)
def test_closed_restricted_closed_restricted_exodus(
    dataset: Dataset, day: dt.date, status: str | None, status_event: str | None
) -> None:
    synthetic = Timeline(replace(dataset, events=SEQUENCE))
    state = synthetic.state_at(day)
    assert state.status == status
    assert (state.status_event.id if state.status_event else None) == status_event
    if state.status_event is not None:
        assert state.status_event.status_note == f"note of {status_event}"  # the note travels with the status


def test_restricted_sits_between_open_and_closed() -> None:
    order = list(CORRIDOR_STATUSES)
    assert order.index("open") < order.index("restricted") < order.index("closed")


# --- said by a day, or said later -----------------------------------------------------------------


def _statement(sid: str, day: str) -> Statement:
    return Statement(sid, "Speaker", "role", "side", parse_fuzzy(day), "ev", ())


@pytest.mark.parametrize(
    ("day", "said", "later"),
    [
        (D(2023, 4, 1), ["before", "same-day"], ["month", "after"]),
        (D(2023, 4, 20), ["before", "same-day", "after"], ["month"]),  # said on the day itself counts as said
        (D(2023, 4, 29), ["before", "same-day", "after"], ["month"]),  # "Apr 2023" is surely said only on 30 Apr
        (D(2023, 4, 30), ["before", "same-day", "month", "after"], []),
        (D(2023, 3, 1), [], ["before", "same-day", "month", "after"]),
    ],
)
def test_split_said_keeps_later_statements_apart(day: dt.date, said: list[str], later: list[str]) -> None:
    statements = (
        _statement("before", "2023-03-20"),
        _statement("same-day", "2023-04-01"),
        _statement("month", "2023-04"),
        _statement("after", "2023-04-20"),
    )
    got_said, got_later = split_said(statements, day)
    assert (_ids(got_said), _ids(got_later)) == (said, later)
    assert all(said_by(s, day) for s in got_said) and not any(said_by(s, day) for s in got_later)


def test_a_statement_made_after_its_event_is_said_later_on_the_event_day(dataset: Dataset) -> None:
    event = dataset.event("ev-2023-04-01-kornidzor-route")
    said, later = split_said(dataset.statements_of(event), event.anchor)
    assert (said, _ids(later)) == ((), ["sanosyan-2023-04-20-route"])


# --- a query does no work per event ------------------------------------------------------------


def _plain_event(i: int, day: dt.date) -> Event:
    return replace(SEQUENCE[0], id=f"plain-{i}", date=parse_fuzzy(day.isoformat()), status=None)


def _lines_run_by_state_at(timeline: Timeline, day: dt.date) -> int:
    """How many lines of corridor/timemodel.py run while answering ``state_at(day)``."""
    import sys

    count = 0

    def trace(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal count
        if frame.f_code.co_filename.endswith("timemodel.py"):
            if event == "line":
                count += 1
            return trace
        return None

    sys.settrace(trace)
    try:
        timeline.state_at(day)
    finally:
        sys.settrace(None)
    return count


def test_state_at_runs_the_same_lines_at_100_and_10000_events(dataset: Dataset) -> None:
    # Events with no status spread over the days after a status was set: a scan for the latest status
    # or for events in progress would run once per event (it did: ~10 ms per new day at 100,000).
    start = D(2023, 6, 15)

    def timeline_of(n: int) -> Timeline:
        plain = tuple(_plain_event(i, start + dt.timedelta(days=1 + i % 400)) for i in range(n))
        events = tuple(sorted(SEQUENCE + plain, key=lambda e: e.anchor))
        return Timeline(replace(dataset, events=events, statements=()))

    small, large = timeline_of(100), timeline_of(10_000)
    for day in (D(2023, 7, 1), D(2023, 9, 29), D(2024, 3, 1)):
        assert small.state_at(day).status == large.state_at(day).status
        assert _ids(small.state_at(day).in_progress) == _ids(large.state_at(day).in_progress)
        assert _lines_run_by_state_at(small, day) == _lines_run_by_state_at(large, day), day
