"""ui.timecontrols: the story's phase presets, looked up by event id."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from corridor.loader import load_dataset
from ui.timecontrols import PHASES, phase_days

DATASET = load_dataset()


def test_every_phase_of_the_bundled_story_has_its_event_day() -> None:
    days = phase_days(DATASET)
    assert list(days) == [label for label, _ in PHASES]
    assert days["Checkpoint"] == dt.date(2023, 4, 23)
    assert days["Lachin handed over"] == dt.date(2022, 8, 26)
    assert list(days.values()) == sorted(days.values())  # the presets run in story order


def test_a_phase_whose_event_is_missing_is_left_out() -> None:
    without_peskov = replace(DATASET, events=tuple(e for e in DATASET.events if e.id != "ev-2023-04-24-peskov"))
    days = phase_days(without_peskov)
    assert "Kremlin reaction" not in days
    assert len(days) == len(PHASES) - 1
