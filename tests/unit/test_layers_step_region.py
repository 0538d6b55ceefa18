"""layers.step for the region layers: each day's state says which outline is current, former or hidden."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from corridor.text import escape
from corridor.timemodel import Timeline
from layers.catalogue import DEFAULT_VISIBLE
from layers.step import DISAGREEMENT_NOTE, FORMER_NOTE, build_step_state

D = dt.date.fromisoformat


def _step(timeline: Timeline, day: str) -> dict[str, object]:
    state = timeline.state_at(D(day))
    return build_step_state(timeline.dataset, state, naming="both", layers=DEFAULT_VISIBLE)


@pytest.mark.parametrize(
    ("day", "nk", "edges", "note"),
    [
        ("2020-11-10", "current", "current", None),
        ("2023-04-23", "current", "hidden", DISAGREEMENT_NOTE),
        ("2023-10-01", "former", "hidden", FORMER_NOTE),
    ],
)
def test_step_state_carries_the_region_states_and_note(
    timeline: Timeline, day: str, nk: str, edges: str, note: str | None
) -> None:
    step = _step(timeline, day)
    region = step["region"]
    assert isinstance(region, dict)
    assert region["nk_de_facto_2020"] == nk
    assert region["corridor_edge_2020_1"] == edges
    assert step["regionNote"] == (escape(note) if note else None)  # HTML-escaped: it becomes innerHTML
    assert len(json.dumps(region)) < 200  # the per-day state stays small
