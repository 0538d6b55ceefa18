"""layers.events: the events as columns (position, day number, title) for the map's JavaScript."""

from __future__ import annotations

import datetime as dt

import pytest

from corridor.records import Dataset
from layers.events import EPOCH, build_events_layer, day_number

EVENT_COLUMNS = ("id", "lon", "lat", "day", "title", "date")


def test_events_layer_columns_have_equal_lengths(dataset: Dataset) -> None:
    layer = build_events_layer(dataset)
    assert layer["columns"] is True
    lengths = {name: len(layer[name]) for name in EVENT_COLUMNS}
    located = [e for e in dataset.events if e.lonlat is not None]
    assert set(lengths.values()) == {len(located)}, lengths
    assert 0 < len(located) < len(dataset.events)  # some events (Moscow, The Hague) have no position


def test_events_layer_anchors_day_numbers_and_positions(dataset: Dataset) -> None:
    layer = build_events_layer(dataset)
    located = {e.id: e for e in dataset.events if e.lonlat is not None}
    assert layer["id"] == list(located)
    for i, event_id in enumerate(layer["id"]):
        event = located[event_id]
        assert layer["day"][i] == (event.anchor - EPOCH).days
        assert event.lonlat is not None
        assert layer["lon"][i] == pytest.approx(event.lonlat[0], abs=1e-5)
        assert layer["lat"][i] == pytest.approx(event.lonlat[1], abs=1e-5)


def test_event_day_is_the_last_day_of_a_ranged_event(dataset: Dataset) -> None:
    layer = build_events_layer(dataset)
    i = layer["id"].index("ev-2023-09-exodus")
    assert dataset.event("ev-2023-09-exodus").date.first != dataset.event("ev-2023-09-exodus").anchor
    assert layer["day"][i] == day_number(dataset.event("ev-2023-09-exodus").anchor)
    assert layer["date"][i] == "24-30 Sept 2023"


def test_day_number_counts_from_the_unix_epoch() -> None:
    assert day_number(EPOCH) == 0
    assert day_number(EPOCH + dt.timedelta(days=1)) == 1
    assert day_number(EPOCH - dt.timedelta(days=1)) == -1
    assert day_number(EPOCH.replace(year=2023, month=4, day=23)) == 19470
