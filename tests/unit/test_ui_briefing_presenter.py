"""ui.briefing_presenter, its pure part: which slide is shown and where the buttons and keys go,
with the session state as a plain dict. The views are tested through the Briefing page
(tests/apptest/test_briefing_page.py)."""

from __future__ import annotations

from typing import Any

import pytest

from ui import briefing_presenter, keys, state
from ui.briefing_presenter import slide_index


@pytest.fixture
def session(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    fake: dict[str, Any] = {}
    monkeypatch.setattr(state.st, "session_state", fake)
    return fake


@pytest.mark.parametrize(("stored", "count", "shown"), [(None, 5, 0), (3, 5, 3), (9, 5, 4), (-2, 5, 0), (4, 1, 0)])
def test_the_slide_shown_is_kept_inside_the_deck(
    session: dict[str, Any], stored: int | None, count: int, shown: int
) -> None:
    if stored is not None:
        session[keys.SLIDE_INDEX] = stored
    assert slide_index(count) == shown
    assert session[keys.SLIDE_INDEX] == shown


@pytest.mark.parametrize(
    ("start", "where", "end"),
    [(2, "first", 0), (2, "prev", 1), (2, "next", 3), (2, "last", 4), (0, "prev", 0), (4, "next", 4)],
)
def test_first_previous_next_and_last_stop_at_the_ends(
    session: dict[str, Any], start: int, where: str, end: int
) -> None:
    session[keys.SLIDE_INDEX] = start
    briefing_presenter._go(where, 5)  # type: ignore[arg-type]
    assert session[keys.SLIDE_INDEX] == end
