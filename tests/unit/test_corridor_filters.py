"""corridor.filters: events filtered by actor, type, days and text."""

from __future__ import annotations

import datetime as dt

from corridor.filters import EventFilter, filter_events
from corridor.records import Dataset


def test_filter_by_actor_type_days_and_text(dataset: Dataset) -> None:
    events = dataset.events
    russia = filter_events(events, EventFilter(actors=("Russia",)))
    assert russia and all("Russia" in e.actors for e in russia)
    legal = filter_events(events, EventFilter(types=("legal",)))
    assert {e.event_type for e in legal} == {"legal"}
    july = filter_events(events, EventFilter(first=dt.date(2021, 7, 15), last=dt.date(2021, 7, 15)))
    assert [e.id for e in july] == ["ev-2021-07-bypass-construction"]  # month precision overlaps the day
    assert [e.id for e in filter_events(events, EventFilter(text="  HAKARI bridge "))] == [
        e.id for e in events if "hakari bridge" in (e.title + e.description + e.place_label).casefold()
    ]
    assert filter_events(events, EventFilter()) == events
    assert filter_events(events, EventFilter(actors=("Russia",), types=("legal",))) == ()
