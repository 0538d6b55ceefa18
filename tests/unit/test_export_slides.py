"""export.slides: one slide per chosen event, the view fitted to it, and 'what changed' in words."""

from __future__ import annotations

import datetime as dt

import pytest

from corridor.timemodel import Timeline
from export.briefing import Briefing, default_briefing
from export.slides import PAD_LAT, PAD_LON, Bounds, build_slides, event_bounds, what_changed
from layers.mapconfig import HOME_BOUNDS

D = dt.date
CHECKPOINT_NAME = "Hakari bridge checkpoint / Lachin border checkpoint"
OLD_HIGHWAY = "Goris-Lachin-Stepanakert highway (original Lachin corridor road)"


def _changes(timeline: Timeline, before: dt.date, after: dt.date, naming: str = "both") -> str:
    return " ".join(what_changed(timeline.state_at(before), timeline.state_at(after), naming))  # type: ignore[arg-type]


# --- what changed, on the transitions of the bundled data --------------------------------------


def test_22_to_23_april_2023_adds_the_checkpoint(timeline: Timeline) -> None:
    text = _changes(timeline, D(2023, 4, 22), D(2023, 4, 23))
    assert f"A checkpoint appeared: {CHECKPOINT_NAME}." in text
    assert "The corridor status changed from Blocked to Checkpoint." in text
    assert "route switched" not in text


def test_going_back_from_23_to_22_april_removes_the_checkpoint(timeline: Timeline) -> None:
    text = _changes(timeline, D(2023, 4, 23), D(2023, 4, 22))
    assert text.startswith("This slide goes back in time, from 23 Apr 2023 to 22 Apr 2023.")
    assert f"A checkpoint was removed: {CHECKPOINT_NAME}." in text
    assert "The corridor status changed from Checkpoint to Blocked." in text
    assert "new statement" not in text


def test_30_august_2022_switches_the_route(timeline: Timeline) -> None:
    new_route = timeline.state_at(D(2022, 8, 30)).route_in_use
    assert new_route is not None
    text = _changes(timeline, D(2022, 8, 29), D(2022, 8, 30))
    assert f"The route switched from {OLD_HIGHWAY} to {new_route.title}." in text
    assert "status" not in text  # still open


def test_12_december_2022_status_goes_from_open_to_blocked(timeline: Timeline) -> None:
    text = _changes(timeline, D(2022, 12, 11), D(2022, 12, 12))
    assert "The corridor status changed from Open to Blocked." in text
    assert "2 new statements since the previous slide, by news.am (12 Dec 2022); News.Az (12 Dec 2022)." in text


def test_checkpoint_named_per_naming_choice(timeline: Timeline) -> None:
    assert "A checkpoint appeared: Hakari bridge checkpoint." in _changes(
        timeline, D(2023, 4, 22), D(2023, 4, 23), "hy"
    )
    assert "A checkpoint appeared: Lachin border checkpoint." in _changes(
        timeline, D(2023, 4, 22), D(2023, 4, 23), "az"
    )


def test_nothing_changed_and_same_day(timeline: Timeline) -> None:
    assert _changes(timeline, D(2023, 7, 1), D(2023, 7, 2)) == (
        "The route, the corridor status and the checkpoints are unchanged since the previous slide."
    )
    assert _changes(timeline, D(2023, 4, 24), D(2023, 4, 24)).startswith("Same day as the previous slide")


def test_the_route_ends_after_the_exodus(timeline: Timeline) -> None:
    assert "No route is in use any more (the last was: New bypass via Hakari bridge and Kornidzor" in _changes(
        timeline, D(2023, 9, 30), D(2024, 1, 1)
    )


def test_first_slide_describes_the_map_it_starts_from(timeline: Timeline) -> None:
    first = what_changed(None, timeline.state_at(D(2020, 11, 10)))
    assert first == (
        "First slide: the map as it stood on 10 Nov 2020.",
        "Corridor status: Open.",
        "Status note: Para 6 creates the 5 km Lachin corridor under Russian peacekeepers.",
        f"Route in use: {OLD_HIGHWAY}.",
    )


def test_new_statements_are_counted_and_attributed(timeline: Timeline) -> None:
    text = _changes(timeline, D(2023, 4, 23), D(2023, 4, 24))
    assert "5 new statements since the previous slide, by " in text
    assert "Dmitry Peskov (24 Apr 2023)" in text
    assert text.count("Dmitry Peskov") == 1  # one speaker named once for three statements


# --- slides ------------------------------------------------------------------------------------


def test_default_briefing_gives_one_slide_per_event_in_date_order(timeline: Timeline) -> None:
    slides = build_slides(timeline, default_briefing(timeline.dataset))
    assert [s.event.id for s in slides] == [e.id for e in timeline.dataset.events]
    assert [s.number for s in slides] == list(range(1, len(slides) + 1))
    days = [s.state.day for s in slides]
    assert days == sorted(days)
    assert all(s.state.day == s.event.anchor for s in slides)


def test_slides_follow_the_chosen_order_and_skip_unknown_ids(timeline: Timeline) -> None:
    chosen = ("ev-2023-04-23-checkpoint", "nope", "ev-2022-08-30-new-route")
    slides = build_slides(timeline, Briefing("t", chosen, {"ev-2022-08-30-new-route": "Say the time: 20:00"}))
    assert [s.event.id for s in slides] == ["ev-2023-04-23-checkpoint", "ev-2022-08-30-new-route"]
    assert slides[0].changes[0].startswith("First slide")
    assert slides[1].changes_text.startswith("This slide goes back in time, from 23 Apr 2023 to 30 Aug 2022.")
    assert "A checkpoint was removed" in slides[1].changes_text
    assert slides[1].note == "Say the time: 20:00"
    assert slides[0].note == ""


def test_checkpoint_slide_says_what_changed_since_1_april(timeline: Timeline) -> None:
    slides = build_slides(timeline, default_briefing(timeline.dataset))
    by_id = {s.event.id: s for s in slides}
    assert f"A checkpoint appeared: {CHECKPOINT_NAME}." in by_id["ev-2023-04-23-checkpoint"].changes_text
    assert "The route switched" in by_id["ev-2022-08-30-new-route"].changes_text
    assert "from Open to Blocked" in by_id["ev-2022-12-12-blockade"].changes_text


@pytest.mark.parametrize(
    ("event_id", "expected"),
    [
        (
            "ev-2023-04-23-checkpoint",
            ((39.545 - PAD_LAT, 46.5423 - PAD_LON), (39.545 + PAD_LAT, 46.5423 + PAD_LON)),
        ),
        ("ev-2023-04-24-peskov", HOME_BOUNDS),  # no map position: the corridor's home view
        ("ev-2020-11-trilateral-statement", HOME_BOUNDS),
    ],
)
def test_the_view_is_fitted_to_the_event(timeline: Timeline, event_id: str, expected: Bounds) -> None:
    bounds = event_bounds(timeline.dataset.event(event_id))
    (south, west), (north, east) = bounds
    (e_south, e_west), (e_north, e_east) = expected
    assert [south, west, north, east] == pytest.approx([e_south, e_west, e_north, e_east])
    assert south < north and west < east
