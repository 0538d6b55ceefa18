"""scripts/generate_events.py: synthetic events are deterministic, in the project's format, and load."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from corridor.loader import load_dataset
from corridor.records import Dataset
from scripts import generate_events as gen

GEO_DIR = Path(__file__).resolve().parents[2] / "geo"


@pytest.fixture(scope="module")
def thousand(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return gen.write_events(tmp_path_factory.mktemp("syn") / "events-1000.json", 1_000)


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    a = gen.write_events(tmp_path / "a.json", 200, seed=7)
    b = gen.write_events(tmp_path / "b.json", 200, seed=7)
    c = gen.write_events(tmp_path / "c.json", 200, seed=8)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()


@pytest.mark.parametrize("size", [0, 1, 25, 1_000])
def test_sizes_and_unique_prefixed_ids(size: int) -> None:
    events = gen.generate_events(size)
    ids = [e["id"] for e in events]
    assert len(events) == size
    assert len(set(ids)) == size
    assert all(i.startswith(gen.ID_PREFIX) for i in ids)


def test_negative_size_is_refused() -> None:
    with pytest.raises(ValueError, match="size must be >= 0"):
        gen.generate_events(-1)


def test_fields_dates_and_positions() -> None:
    events = gen.generate_events(2_000)
    days = [dt.date.fromisoformat(e["date"]) for e in events]
    assert min(days) >= gen.FIRST_DAY
    assert max(days) <= gen.LAST_DAY
    assert max(days) - min(days) > dt.timedelta(days=1_000)  # spread over the whole period
    for e in events:
        assert 44.0 <= e["lon"] <= 48.5
        assert 38.3 <= e["lat"] <= 41.5
        assert e["place_id"] is None
        assert e["status"] is None
        assert e["statement_ids"] == []
        assert e["source_ids"] == []
        assert e["event_type"] in gen.EVENT_TYPES
        assert e["confidence"] in gen.CONFIDENCES
        assert e["actors"]
    near = [e for e in events if 46.2 <= e["lon"] <= 46.9 and 39.4 <= e["lat"] <= 39.9]
    assert len(near) > 0.75 * len(events)  # most of them along the corridor routes


def test_output_loads_as_extra_events(thousand: Path, dataset: Dataset) -> None:
    merged = load_dataset(GEO_DIR, extra_events=thousand)
    synthetic = [e for e in merged.events if e.id.startswith(gen.ID_PREFIX)]
    assert len(synthetic) == 1_000
    assert len(merged.events) == len(dataset.events) + 1_000
    assert all(e.lonlat is not None for e in synthetic)
    assert not any(e.id.startswith(gen.ID_PREFIX) for e in dataset.events)


def test_file_format(thousand: Path) -> None:
    doc = json.loads(thousand.read_text(encoding="utf-8"))
    assert list(doc) == ["events"]
    assert len(doc["events"]) == 1_000


def test_cli_writes_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "e.json"
    assert gen.main(["--size", "25", "--out", str(target)]) == 0
    assert len(json.loads(target.read_text(encoding="utf-8"))["events"]) == 25
