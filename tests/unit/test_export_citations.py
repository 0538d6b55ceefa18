"""export.citations: the key quote rule, quotes as they stood on a day, their citations."""

from __future__ import annotations

import datetime as dt

from corridor.timemodel import Timeline
from export.citations import cited_sources, event_quotes, key_quote, said_later_heading


def test_no_quote_said_after_the_slides_day_is_the_key_quote(timeline: Timeline) -> None:
    ds = timeline.dataset
    for event in ds.events:
        key = key_quote(ds, event)
        if key is None:
            continue
        owners = [s for s in ds.statements_of(event) if any(r.text == key.text for r in s.renderings)]
        assert any(s.date.last <= event.anchor for s in owners), event.id


def test_key_quote_rule_prefers_the_main_speaker_named_in_the_title(timeline: Timeline) -> None:
    ds = timeline.dataset
    peskov = key_quote(ds, ds.event("ev-2023-04-24-peskov"))
    assert peskov is not None and peskov.speaker == "Dmitry Peskov"  # not the MFA, though "Russia" is in the title
    checkpoint = key_quote(ds, ds.event("ev-2023-04-23-checkpoint"))
    assert checkpoint is not None
    assert (
        checkpoint.line
        == "Ministry of Foreign Affairs of Azerbaijan · The Tribune (Reuters copy) · 23\u00a0Apr\u00a02023"
    )
    assert key_quote(ds, ds.event("ev-2021-07-bypass-construction")) is None


def test_quotes_said_after_the_day_come_last_and_are_marked(timeline: Timeline) -> None:
    ds = timeline.dataset
    for event in ds.events:
        quotes = event_quotes(ds, event)
        flags = [q.said_later for q in quotes]
        assert flags == sorted(flags), event.id  # every quote already said, then the later ones
        assert all(q.citation and q.text for q in quotes), event.id


def test_said_later_heading_names_the_day() -> None:
    assert said_later_heading(dt.date(2023, 4, 23)) == ("Said later (made after 23 Apr 2023: not yet said on this day)")


def test_cited_sources_lists_each_source_once_in_order_of_first_use(timeline: Timeline) -> None:
    ds = timeline.dataset
    sources = cited_sources(ds, list(ds.events))
    ids = [s.id for s in sources]
    assert len(ids) == len(set(ids))
    first = ds.events[0]
    assert ids[: len(set(first.source_ids))] == list(dict.fromkeys(first.source_ids))
