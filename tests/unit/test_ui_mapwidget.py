"""ui.mapwidget: the base map rendered once; a rerun changes only the step's state, safely embedded."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import streamlit_folium

from layers.contract import StepState
from ui import mapwidget

DATA_URL = "/app/static/generated/map-test.json"


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What corridor_map hands to streamlit-folium's component, one dict per call."""
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(mapwidget.data, "active_map_data_url", lambda: DATA_URL)
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kwargs: calls.append(kwargs))
    return calls


def state_of(day: str, label: str = "") -> StepState:
    return {"day": day, "label": label}  # type: ignore[typeddict-item]  # only its JSON matters here


def test_the_base_map_is_rendered_once_per_data_key_and_height() -> None:
    first = mapwidget.component_args(DATA_URL, "m", 640)
    assert mapwidget.component_args(DATA_URL, "m", 640) is first  # cached: no folium work on a rerun
    assert first["feature_group"].count(mapwidget.STATE_MARK) == 1
    assert first["height"] == 640
    assert DATA_URL in first["script"] + first["html"] + first["feature_group"]


def test_two_steps_differ_only_in_the_state(sent: list[dict[str, Any]]) -> None:
    mapwidget.corridor_map(state_of("2023-04-23"), key="m", height=640)
    mapwidget.corridor_map(state_of("2023-04-24"), key="m", height=640)
    first, second = sent
    assert {k for k in first if first[k] != second[k]} == {"feature_group"}
    assert '"2023-04-23"' in first["feature_group"] and '"2023-04-24"' in second["feature_group"]
    assert mapwidget.STATE_MARK not in first["feature_group"]


def test_a_hostile_string_in_the_state_cannot_end_the_script(sent: list[dict[str, Any]]) -> None:
    mapwidget.corridor_map(state_of("2023-04-23", "</script><script>alert(1)</script>"), key="m", height=640)
    (args,) = sent
    assert "</script>" not in args["feature_group"]
    assert "\\u003c/script\\u003e" in args["feature_group"]


@pytest.fixture
def disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private cache folder for the base map's arguments; the in-process memo emptied around the test."""
    monkeypatch.setattr(mapwidget, "default_cache_dir", lambda: tmp_path / "cache")
    mapwidget.component_args.cache_clear()
    yield tmp_path / "cache"
    mapwidget.component_args.cache_clear()


def without_callback(args: dict[str, Any]) -> str:
    return json.dumps({k: v for k, v in args.items() if k != "on_change"})


def test_a_start_with_the_arguments_on_disk_renders_no_folium(disk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rendered = mapwidget.component_args(DATA_URL, "m", 640)
    (file,) = disk.glob("map-args-*.json")
    assert file.stat().st_mode & 0o077 == 0
    mapwidget.component_args.cache_clear()  # a new process, as far as the memo knows

    def no_render(*_args: object) -> dict[str, Any]:
        raise AssertionError("rendered although the arguments are on disk")

    monkeypatch.setattr(mapwidget, "_render_args", no_render)
    loaded = mapwidget.component_args(DATA_URL, "m", 640)
    assert without_callback(loaded) == without_callback(rendered)
    assert loaded["default"] is None  # with a dict, Streamlit imports pandas (corridor_map.js: no second run)
    assert isinstance(loaded["js_links"], tuple)  # no pandas look-up
    assert other_key(loaded) != file.name  # another key or height is another file


def other_key(args: dict[str, Any]) -> str:
    return f"map-args-{mapwidget._args_key(DATA_URL, 'other', int(args['height']))}.json"


def test_arguments_that_others_may_write_are_rendered_again(disk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mapwidget.component_args(DATA_URL, "m", 640)
    (file,) = disk.glob("map-args-*.json")
    file.write_text(file.read_text().replace("map_div", "evil_div"))
    file.chmod(0o666)
    mapwidget.component_args.cache_clear()
    calls: list[str] = []
    real = mapwidget._render_args
    monkeypatch.setattr(mapwidget, "_render_args", lambda *a: calls.append("render") or real(*a))
    assert "evil_div" not in mapwidget.component_args(DATA_URL, "m", 640)["script"]
    assert calls == ["render"]


def test_the_components_own_declaration_matches_streamlit_folium() -> None:
    assert mapwidget._own_component() == streamlit_folium._component_func
