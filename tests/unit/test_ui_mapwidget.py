"""ui.mapwidget: the base map rendered once; a rerun changes only the step's state, safely embedded."""

from __future__ import annotations

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
