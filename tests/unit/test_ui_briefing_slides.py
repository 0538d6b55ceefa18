"""ui.briefing_slides, its pure part: the briefing as the widgets hold it (title, order, notes merged
from the speaker-notes boxes), with the session state as a plain dict. Its widgets are tested through
the Briefing page (tests/apptest/test_briefing_page.py)."""

from __future__ import annotations

from typing import Any

import pytest

from corridor.timemodel import Timeline
from export.briefing import Briefing
from ui import keys, state
from ui.briefing_slides import Deck, current, keep, notes

STORED = Briefing("Stored", ("ev-2023-04-23-checkpoint",), {"ev-2023-04-23-checkpoint": "Pause here"})


@pytest.fixture
def session(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    fake: dict[str, Any] = {}
    monkeypatch.setattr(state.st, "session_state", fake)
    return fake


@pytest.fixture
def deck(timeline: Timeline) -> Deck:
    known = tuple(e.id for e in timeline.dataset.events)
    return Deck(timeline, known, frozenset(known), STORED)


def test_a_slide_is_labelled_by_its_date_and_title(deck: Deck) -> None:
    assert deck.label("ev-2023-04-23-checkpoint").startswith("23 Apr 2023 · ")


def test_notes_take_the_newer_text_of_each_box_and_drop_blank_ones(session: dict[str, Any]) -> None:
    session[keys.BRIEF_NOTE_PREFIX + "ev-a"] = "Newer"
    session[keys.BRIEF_NOTE_PREFIX + "ev-b"] = "   "
    session[keys.BRIEF_NOTE_PREFIX + "ev-c"] = 3  # not text: ignored
    assert notes({"ev-a": "Older", "ev-b": "Dropped", "ev-d": "Kept"}) == {"ev-a": "Newer", "ev-d": "Kept"}


def test_current_reads_the_widgets_over_the_stored_briefing(session: dict[str, Any], deck: Deck) -> None:
    assert current(deck) == STORED  # nothing in the widgets yet
    session[keys.BRIEF_TITLE] = "   "
    session[keys.BRIEF_EVENTS] = ["ev-does-not-exist", "ev-2023-04-24-peskov", "ev-2023-04-23-checkpoint"]
    now = current(deck)
    assert now.title == "Stored"  # a blank title keeps the stored one
    assert now.events == ("ev-2023-04-24-peskov", "ev-2023-04-23-checkpoint")  # unknown ids dropped, order kept
    keep(Briefing("Kept", ("ev-2023-04-24-peskov",)))
    assert session[keys.BRIEFING].title == "Kept"
    session[keys.BRIEF_TITLE] = " New title "
    assert current(deck).title == "New title"
