"""ui.mapwidget: one call of the in-page map component per run; the map's configuration built once,
only the step's state changing from day to day, and the state sent as JSON data, never as markup."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from streamlit.components.v2.bidi_component.serialization import serialize_mixed_data
from streamlit.proto.BidiComponent_pb2 import BidiComponent

from layers.contract import MapConfig, MapView, StepState
from layers.mapconfig import map_config, map_view
from ui import mapwidget

DATA_URL = "/app/static/generated/map-test.json"
OTHER_URL = "/app/static/generated/map-other.json"
HOSTILE = "</script><script>alert(1)</script>"
SENT_KEYS = {"config", "view", "height", "state"}


@pytest.fixture(autouse=True)
def fresh_memo() -> Iterator[None]:
    """map_args is memoised per process: each test starts (and leaves) it empty."""
    mapwidget.map_args.cache_clear()
    yield
    mapwidget.map_args.cache_clear()


@pytest.fixture
def url(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The active map data's URL (a one-item list a test may change, as imported events do)."""
    current = [DATA_URL]
    monkeypatch.setattr(mapwidget.data, "active_map_data_url", lambda: current[0])
    return current


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch, url: list[str]) -> list[dict[str, Any]]:
    """What corridor_map hands to the map component, one dict of keyword arguments per call."""
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(mapwidget, "_MAP", lambda **kwargs: calls.append(kwargs))
    return calls


def state_of(day: str, label: str = "") -> StepState:
    return {"day": day, "dayLabel": label}  # type: ignore[typeddict-item]  # only what is sent matters here


def payload(call: dict[str, Any]) -> dict[str, Any]:
    """The one dict of a call's ``data`` (sent in a one-item tuple)."""
    (sent,) = call["data"]
    assert isinstance(sent, dict)
    return sent


def wire(data: object) -> BidiComponent:
    """The component's data as Streamlit puts it on the wire (streamlit.components.v2)."""
    proto = BidiComponent()
    serialize_mixed_data(data, proto)
    return proto


def test_each_run_calls_the_component_once_with_the_map_and_the_state(sent: list[dict[str, Any]]) -> None:
    step = state_of("2023-04-23")
    mapwidget.corridor_map(step, key="m", height=640)
    (call,) = sent
    assert set(call) == {"key", "data"}
    assert call["key"] == "m"
    assert isinstance(call["data"], tuple)  # a dict or list would make Streamlit import pandas to ask
    data = payload(call)
    assert set(data) == SENT_KEYS
    assert data["config"] == map_config(DATA_URL)
    assert data["view"] == map_view()
    assert data["height"] == 640
    assert data["state"] == step


def test_the_data_goes_as_plain_json(sent: list[dict[str, Any]]) -> None:
    mapwidget.corridor_map(state_of("2023-04-23"), key="m", height=640)
    (call,) = sent
    proto = wire(call["data"])
    assert proto.WhichOneof("data") == "json"  # no Arrow blobs, no data-frame detour
    assert json.loads(proto.json) == [payload(call)]


def test_two_days_differ_only_in_the_state(sent: list[dict[str, Any]]) -> None:
    mapwidget.corridor_map(state_of("2023-04-23"), key="m", height=640)
    mapwidget.corridor_map(state_of("2023-04-24"), key="m", height=640)
    first, second = (payload(c) for c in sent)
    assert {k for k in SENT_KEYS if first[k] != second[k]} == {"state"}
    assert first["config"] is second["config"] and first["view"] is second["view"]  # kept, not rebuilt
    assert (first["state"]["day"], second["state"]["day"]) == ("2023-04-23", "2023-04-24")
    assert sent[0]["key"] == sent[1]["key"]  # the component's identity: the same map element


def test_the_configuration_is_built_once_per_data_and_height(
    sent: list[dict[str, Any]], url: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[str | None] = []

    def counting(data_url: str | None) -> MapConfig:
        built.append(data_url)
        return map_config(data_url)

    monkeypatch.setattr(mapwidget, "map_config", counting)
    for day in ("2023-04-23", "2023-04-24", "2023-04-25"):
        mapwidget.corridor_map(state_of(day), key="m", height=640)
    assert built == [DATA_URL]
    url[0] = OTHER_URL  # imported events: another map data bundle
    mapwidget.corridor_map(state_of("2023-04-25"), key="m", height=640)
    assert built == [DATA_URL, OTHER_URL]
    assert payload(sent[-1])["config"]["dataUrl"] == OTHER_URL


def test_a_hostile_string_in_the_state_reaches_the_component_as_data(sent: list[dict[str, Any]]) -> None:
    mapwidget.corridor_map(state_of("2023-04-23", HOSTILE), key="m", height=640)
    (call,) = sent
    assert set(call) == {"key", "data"}  # no html=, js= or css= argument a value could end up in
    data = payload(call)
    assert data["state"]["dayLabel"] == HOSTILE  # the value itself, for the script to treat as data
    assert HOSTILE not in json.dumps({k: v for k, v in data.items() if k != "state"})
    on_the_wire = wire(call["data"])
    assert json.loads(on_the_wire.json)[0]["state"]["dayLabel"] == HOSTILE  # a JSON string value
    assert on_the_wire.html_content == on_the_wire.js_content == on_the_wire.css_content == ""


# --- the component's script (static/app/map_component.js) reads what is sent ---------------------


LOADER_JS = mapwidget.MAP_JS.with_name("map_loader.js")


def map_js() -> str:
    """The script without its // comments."""
    return "\n".join(line.split("//", 1)[0] for line in mapwidget.MAP_JS.read_text(encoding="utf-8").splitlines())


def reads(source: str, root: str) -> set[str]:
    return set(re.findall(rf"(?<![\w.]){re.escape(root)}\.(\w+)", source))


def test_the_script_reads_only_what_is_sent() -> None:
    source = map_js()
    assert reads(source, "data") == SENT_KEYS
    assert "data.view" in source  # handed to the loader's mapOptions (static/app/map_loader.js)
    loader = "\n".join(line.split("//", 1)[0] for line in LOADER_JS.read_text(encoding="utf-8").splitlines())
    assert reads(loader, "view") and reads(loader, "view") <= set(MapView.__required_keys__)
    assert reads(source, "data.config") <= set(MapConfig.__required_keys__)


def test_the_script_builds_no_markup_from_what_is_sent() -> None:
    """Labels and popups come escaped from Python (layers/); this script only sets text."""
    source = map_js()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in source, sink
    assert "textContent" in source
