"""Guards for the mechanism that keeps the map fast (issue #4), not for the time it takes.

The timings live in benchmarks/bench_map.py. These tests pin what makes them possible, at 10,000
events: each step sends a few kilobytes whatever the data size, of which the day's state is under
2 KB; the map's configuration and view are the same on every date (the map is never rebuilt, and
only the state changes); the map data bundle is written once and named by its content.

``sent`` is what ``ui.mapwidget.corridor_map`` hands to the in-page map component (a Streamlit v2
component), and ``wire`` its JSON as Streamlit's v2 components put it in the page's message
(``BidiComponent.json``), together with the component's script, which every run sends too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import pickle
import shutil
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from streamlit.components.v2.bidi_component.serialization import serialize_mixed_data
from streamlit.proto.BidiComponent_pb2 import BidiComponent

from corridor.errors import DataError
from corridor.loader import default_cache_dir, load_dataset, load_dataset_cached
from corridor.records import Dataset
from corridor.timemodel import Timeline
from layers.bundle import bundle_bytes
from layers.catalogue import DEFAULT_VISIBLE
from layers.step import build_step_state
from publish.static import write_bundle
from scripts.generate_events import write_events
from ui import mapwidget

GEO_DIR = Path(__file__).resolve().parents[2] / "geo"
MANY = 10_000
STEP_BUDGET_BYTES = 50 * 1024  # the budget for everything a step sends
STEP_EXPECTED_BYTES = 2 * 1024  # what the day's state actually needs
DATA_URL = "/app/static/generated/map-0123456789abcdef.json"
COMPONENT_JS_BYTES = len(mapwidget.MAP_JS.read_bytes())  # in every run's message (js_content)


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Timeline:
    """The bundled data plus 10,000 synthetic events (scripts/generate_events.py)."""
    extra = write_events(tmp_path_factory.mktemp("perf") / "events-10000.json", MANY)
    return Timeline(load_dataset(GEO_DIR, extra_events=extra))


def sent(tl: Timeline, day: dt.date) -> dict[str, Any]:
    """The dict corridor_map sends to the map component for this day (the Map page's defaults)."""
    state = build_step_state(tl.dataset, tl.state_at(day), naming="both", layers=DEFAULT_VISIBLE)
    calls: list[dict[str, Any]] = []
    with (
        mock.patch.object(mapwidget, "_MAP", lambda **kwargs: calls.append(kwargs)),
        mock.patch.object(mapwidget.data, "active_map_data_url", return_value=DATA_URL),
    ):
        mapwidget.corridor_map(state, key="corridor_map", height=640)
    ((data,),) = (call["data"] for call in calls)
    assert isinstance(data, dict)
    return data


def wire(data: dict[str, Any]) -> str:
    """The JSON Streamlit sends for the component's data (the one-item tuple corridor_map passes)."""
    proto = BidiComponent()
    serialize_mixed_data((data,), proto)
    assert proto.WhichOneof("data") == "json"
    assert proto.json == json.dumps((data,))
    return proto.json


def state_json(data: dict[str, Any]) -> str:
    return json.dumps(data["state"])


def base_json(data: dict[str, Any]) -> str:
    """Everything sent besides the state: the map's configuration, first view and height."""
    return json.dumps({k: v for k, v in data.items() if k != "state"})


def days_spread(tl: Timeline) -> list[dt.date]:
    """First, middle and last slider stops: no events shown, about half, all of them."""
    stops = tl.stops
    return [stops[0], stops[len(stops) // 2], stops[-1]]


def test_the_dataset_really_has_many_events(many: Timeline) -> None:
    assert len(many.dataset.events) >= MANY
    assert len(many.stops) > 1_000  # the synthetic days spread over 2020-11..2024-01


def test_step_payload_at_10000_events_is_small(many: Timeline) -> None:
    for day in days_spread(many):
        data = sent(many, day)
        total = len(wire(data).encode("utf-8")) + COMPONENT_JS_BYTES
        assert total < STEP_BUDGET_BYTES, f"a step on {day} sends {total} bytes"
        size = len(state_json(data).encode("utf-8"))
        assert size < STEP_EXPECTED_BYTES, f"the state on {day} is {size} bytes"


def test_step_payload_does_not_grow_with_the_data(many: Timeline, timeline: Timeline) -> None:
    # Same day, 21 events vs 10,000+: only the ids of the day's own events may differ.
    day = timeline.stops[-1]
    small = wire(sent(timeline, day))
    large = wire(sent(many, day))
    current = many.state_at(day).current_events
    allowance = sum(len(e.id) + 4 for e in current)  # '"id", ' in json.dumps
    assert abs(len(large) - len(small)) <= allowance


def test_step_payload_names_no_event_outside_the_day(many: Timeline) -> None:
    day = days_spread(many)[1]
    payload = wire(sent(many, day))
    current = {e.id for e in many.state_at(day).current_events}
    shown = [e.id for e in many.state_at(day).events_so_far if e.id not in current]
    assert shown, "the chosen day should have earlier events"
    assert not any(eid in payload for eid in shown[:500])


def test_the_map_configuration_is_identical_on_every_date(many: Timeline) -> None:
    runs = [sent(many, d) for d in days_spread(many)]
    assert len({base_json(r) for r in runs}) == 1
    assert all(r["config"] is runs[0]["config"] and r["view"] is runs[0]["view"] for r in runs)  # not rebuilt
    assert len({state_json(r) for r in runs}) == len(runs)  # while the step itself does change


def test_the_map_configuration_carries_the_url_not_the_data(many: Timeline) -> None:
    data = sent(many, many.stops[-1])
    base = base_json(data)
    assert data["config"]["dataUrl"] == DATA_URL
    assert data["config"]["data"] is None
    assert len(base.encode("utf-8")) < STEP_BUDGET_BYTES
    assert not any(e.id in base for e in many.dataset.events if e.id.startswith("syn-"))


def test_bundle_at_10000_events_is_written_once(many: Timeline, tmp_path: Path) -> None:
    payload = bundle_bytes(many.dataset)
    first = write_bundle(payload, directory=tmp_path)
    files = list(tmp_path.iterdir())
    inode = files[0].stat().st_ino  # a rewrite is atomic (a new file renamed over it): a new inode
    second = write_bundle(bundle_bytes(many.dataset), directory=tmp_path)
    assert first == second
    assert list(tmp_path.iterdir()) == files  # no second file, no temporary left behind
    assert files[0].stat().st_ino == inode  # not rewritten (only marked used)
    assert files[0].read_bytes() == payload


def test_bundle_url_follows_the_data(many: Timeline, dataset: Dataset, tmp_path: Path) -> None:
    assert write_bundle(bundle_bytes(many.dataset), directory=tmp_path) != write_bundle(
        bundle_bytes(dataset), directory=tmp_path
    )


def content(ds: Dataset) -> tuple[object, ...]:
    """A dataset's records (Dataset compares by identity)."""
    return tuple(getattr(ds, f.name) for f in dataclasses.fields(ds))


def test_the_cached_dataset_is_the_loaded_one_and_follows_the_files(tmp_path: Path) -> None:
    """The dataset kept on disk between server starts (load_dataset_cached) equals a fresh load, is
    read back instead of parsed on the next start, and is not used once any input file changes."""
    geo = tmp_path / "geo"
    shutil.copytree(GEO_DIR, geo)
    cache = tmp_path / "cache"
    first = load_dataset_cached(geo, cache_dir=cache)
    assert content(first) == content(load_dataset(geo))
    (stored,) = cache.iterdir()
    with mock.patch("corridor.loader.load_dataset", side_effect=AssertionError("parsed again")):
        assert content(load_dataset_cached(geo, cache_dir=cache)) == content(first)  # read back, not parsed
    events = geo / "events.json"
    events.write_text(events.read_text(encoding="utf-8").replace("Lachin", "Laçin", 1), encoding="utf-8")
    changed = load_dataset_cached(geo, cache_dir=cache)
    assert content(changed) != content(first)
    assert content(changed) == content(load_dataset(geo))
    assert len(list(cache.iterdir())) == 2 and stored.exists()


def test_bad_data_is_never_cached(tmp_path: Path) -> None:
    geo = tmp_path / "geo"
    shutil.copytree(GEO_DIR, geo)
    (geo / "events.json").write_text("[", encoding="utf-8")
    cache = tmp_path / "cache"
    with pytest.raises(DataError):
        load_dataset_cached(geo, cache_dir=cache)
    assert not cache.exists() or not list(cache.iterdir())


def test_a_damaged_cache_file_is_replaced(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    good = load_dataset_cached(GEO_DIR, cache_dir=cache)
    (stored,) = cache.iterdir()
    stored.write_bytes(b"not a pickle")
    assert content(load_dataset_cached(GEO_DIR, cache_dir=cache)) == content(good)
    assert stored.read_bytes() != b"not a pickle"


def test_a_cache_file_others_may_write_is_never_unpickled(tmp_path: Path) -> None:
    """A pickle runs code when read: a file (or folder) that another user could have written is
    ignored, the data is loaded afresh, and a shared folder is not written to."""
    cache = tmp_path / "cache"
    load_dataset_cached(GEO_DIR, cache_dir=cache)
    (stored,) = cache.iterdir()
    stored.chmod(0o666)
    with mock.patch("corridor.loader.pickle.load", wraps=pickle.load) as unpickle:
        assert content(load_dataset_cached(GEO_DIR, cache_dir=cache)) == content(load_dataset(GEO_DIR))
    assert unpickle.call_count == 0, "unpickled a file others may write"
    assert stored.stat().st_mode & 0o077 == 0  # replaced by this user's own private file
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    with mock.patch("corridor.loader.pickle.dump", side_effect=AssertionError("wrote into a shared folder")):
        load_dataset_cached(GEO_DIR, cache_dir=shared)
    assert list(shared.iterdir()) == []


def test_the_default_cache_is_the_users_own_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "lachin-corridor"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_dir() == Path.home() / ".cache" / "lachin-corridor"
