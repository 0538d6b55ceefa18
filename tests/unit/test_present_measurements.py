"""present.measurements: the day's route length and checkpoint distances, each sentence with its caveat."""

from __future__ import annotations

import datetime as dt

from corridor.timemodel import Timeline
from present.measurements import measurements_for


def test_a_day_with_a_route_and_the_checkpoint_has_three_lines(timeline: Timeline) -> None:
    lines = measurements_for(timeline.dataset, timeline.state_at(dt.date(2023, 4, 23)))
    assert len(lines) == 3
    assert lines[0].startswith("Length of ") and "schematic" in lines[0]
    assert "to Stepanakert / Khankendi" in lines[1] and "to Goris" in lines[2]
    assert all("straight line, not road distance" in line for line in lines[1:])


def test_a_day_without_a_route_says_so(timeline: Timeline) -> None:
    assert measurements_for(timeline.dataset, timeline.state_at(dt.date(2019, 1, 1))) == [
        "No corridor route is in use on this day."
    ]
