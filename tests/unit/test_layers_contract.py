"""The contract with the map's JavaScript: every field static/app/corridor_map.js reads off the
configuration, the layer data and the per-day state is declared in layers/contract.py, and the
Python builders write exactly what is declared.

The JavaScript is read as text: each object it reads has a fixed variable name there (``cfg``,
``state``, ``data``, ``ev``, ``lab``, ``row``, ``f.properties``); ``s`` is the style object
(``var s = CM.cfg.style``, or a parameter named ``s``) or, after ``var s = CM.cfg.style.event``,
the event style.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from corridor.records import Dataset
from corridor.timemodel import Timeline
from layers.catalogue import DEFAULT_VISIBLE, build_all_layers
from layers.contract import (
    EventColumns,
    FeatureLayer,
    FeatureProperties,
    Label,
    LegendRow,
    MapConfig,
    MapData,
    MapStyle,
    StepState,
)
from layers.mapconfig import map_config
from layers.step import build_step_state

ROOT = Path(__file__).resolve().parents[2]
MAP_JS = ROOT / "static" / "app" / "corridor_map.js"
FEATURE = frozenset({"type", "geometry", "properties"})  # GeoJSON itself


def keys(typed: Any) -> frozenset[str]:
    """Every key a TypedDict declares, required or not."""
    return frozenset(typed.__required_keys__ | typed.__optional_keys__)


# variable in the JavaScript -> the object it holds ("s" is bound as the code goes)
ROOTS: dict[str, str] = {
    "cfg": "config",
    "state": "state",
    "data": "data",
    "ev": "events",
    "cols": "events",  # var cols = E.cols, the event columns
    "lab": "label",
    "row": "legend",
    "rivers": "layer",
    "collection": "layer",
    "f": "feature",
}
DECLARED: dict[str, frozenset[str]] = {
    "config": keys(MapConfig),
    "state": keys(StepState),
    "data": keys(MapData),
    "events": keys(EventColumns),
    "label": keys(Label),
    "legend": keys(LegendRow),
    "layer": keys(FeatureLayer),
    "feature": FEATURE,
    "properties": keys(FeatureProperties),
    "style": keys(MapStyle),
}


def _code(line: str) -> str:
    """The line without its // comment and without the text of its string literals."""
    line = re.sub(r'"(?:[^"\\]|\\.)*"', '""', line)
    line = re.sub(r"'(?:[^'\\]|\\.)*'", "''", line)
    return line.split("//", 1)[0]


def field_reads(source: str) -> Iterator[tuple[str, str]]:
    """(object, field) for every field the JavaScript reads off a Python-made object.

    Nested style fields come as ("style.<key>", field); layer fields as ("layer", field).
    """
    style = "style"  # what ``s`` holds at this point of the file
    for raw in source.splitlines():
        line = _code(raw)
        binding = re.search(r"\bvar s = CM\.cfg\.style(?:\.(\w+))?\s*;", line)
        if binding:
            style = f"style.{binding.group(1)}" if binding.group(1) else "style"
        header = re.search(r"function\s*\w*\s*\(([^)]*)\)", line)
        if header and "s" in [p.strip() for p in header.group(1).split(",")]:
            style = "style"
        for match in re.finditer(r"(?<![\w.])(\w+)((?:\.\w+)+)", line):
            yield from _reads(match.group(1), match.group(2).lstrip(".").split("."), style)


def _reads(root: str, path: list[str], style: str) -> Iterator[tuple[str, str]]:
    """The contract fields one chain of property reads (``root.a.b``) touches."""
    if root == "CM" and path[0] == "cfg":
        root, path = "cfg", path[1:]
    if not path:
        return
    if root == "s":
        yield from _style_reads([*style.split(".")[1:], *path])
    elif root == "cfg" and path[0] == "style":
        yield "config", "style"
        yield from _style_reads(path[1:])
    elif root == "f" and path[0] == "properties":
        yield "feature", "properties"
        yield from (("properties", name) for name in path[1:2])
    elif root == "data":
        yield "data", path[0]
        yield from (("layer", name) for name in path[1:2])
    elif root in ROOTS:
        yield ROOTS[root], path[0]


def _style_reads(path: list[str]) -> Iterator[tuple[str, str]]:
    if path:
        yield "style", path[0]
    if len(path) > 1:
        yield f"style.{path[0]}", path[1]


# JavaScript's own members, read off the objects above: not fields of the contract. ``then`` and
# ``catch``: CM.init's ``data`` is first the promise of the map data (map_component.js fetches it).
JS_MEMBERS = frozenset({"length", "forEach", "indexOf", "match", "map", "then", "catch"})


def unknown_reads(source: str, style_values: dict[str, Any]) -> set[tuple[str, str]]:
    """The fields the JavaScript reads that the Python side does not declare (or, for nested style
    fields, does not write)."""
    bad = set()
    for obj, name in field_reads(source):
        if name in JS_MEMBERS:
            continue
        if obj.startswith("style."):
            value = style_values.get(obj.split(".", 1)[1])
            if not isinstance(value, dict) or name not in value:
                bad.add((obj, name))
        elif name not in DECLARED[obj]:
            bad.add((obj, name))
    return bad


@pytest.fixture(scope="module")
def style_values() -> dict[str, Any]:
    return dict(map_config("/x.json")["style"])


def test_every_field_the_map_reads_is_declared_and_written(style_values: dict[str, Any]) -> None:
    assert unknown_reads(MAP_JS.read_text(encoding="utf-8"), style_values) == set()


def test_the_reader_finds_the_fields_of_each_object() -> None:
    found: dict[str, set[str]] = {}
    for obj, name in field_reads(MAP_JS.read_text(encoding="utf-8")):
        found.setdefault(obj, set()).add(name)
    assert {"day", "dayNumber", "routes", "currentEvents", "naming", "tiles"} <= found["state"]
    assert {"style", "home", "attribution", "legend", "dataUrl"} <= found["config"]
    assert {"cls", "popup", "id", "names"} <= found["properties"]
    assert {"corridor", "places", "events"} <= found["data"]
    assert {"id", "day", "lat", "lon"} <= found["events"]
    assert {"radius_px", "current"} <= found["style.event"]
    assert {"stroke", "fill"} <= found["style.land"]


@pytest.mark.parametrize(
    ("snippet", "unknown"),
    [
        ("CM.apply = function (state) { var x = state.dayColour; };", ("state", "dayColour")),
        ("addAttribution(cfg.attributions);", ("config", "attributions")),
        ("var s = CM.cfg.style;\n x = s.land.outline;", ("style.land", "outline")),
        ("var s = CM.cfg.style.event;\n x = s.colour;", ("style.event", "colour")),
        ("layer.bindPopup(f.properties.popupHtml);", ("properties", "popupHtml")),
        ("L.geoJSON(data.roads);", ("data", "roads")),
        ("var n = ev.ids.length;", ("events", "ids")),
    ],
)
def test_a_field_the_python_side_does_not_write_fails(
    snippet: str, unknown: tuple[str, str], style_values: dict[str, Any]
) -> None:
    assert unknown_reads(snippet, style_values) == {unknown}


def test_comments_and_strings_are_not_read(style_values: dict[str, Any]) -> None:
    assert unknown_reads('// state.old\nvar u = "state.stale";', style_values) == set()


def test_the_map_config_writes_what_it_declares() -> None:
    config = map_config("/x.json")
    assert set(config) == keys(MapConfig)
    assert set(config["style"]) == keys(MapStyle)
    for row in config["legend"]:
        assert LegendRow.__required_keys__ <= set(row) <= keys(LegendRow)


def test_the_step_state_writes_what_it_declares(timeline: Timeline) -> None:
    state = build_step_state(
        timeline.dataset, timeline.state_at(dt.date(2023, 4, 23)), naming="both", layers=DEFAULT_VISIBLE
    )
    assert set(state) == keys(StepState)


def test_the_layer_data_writes_what_it_declares(dataset: Dataset) -> None:
    data: dict[str, Any] = build_all_layers(dataset)
    assert set(data) == keys(MapData)
    assert set(data["events"]) == keys(EventColumns)
    for key, layer in data.items():
        if key == "events":
            continue
        assert FeatureLayer.__required_keys__ <= set(layer) <= keys(FeatureLayer), key
        for feature in layer["features"]:
            assert set(feature["properties"]) <= keys(FeatureProperties), (key, set(feature["properties"]))
        for label in layer.get("labels", []):
            assert set(label) == keys(Label), key


def test_the_day_panel_and_the_map_hold_a_day_drawn_ahead_equally_long() -> None:
    """Both scripts keep a day drawn ahead of the server for HOLD_MS (static/app/day_panel.js draws the
    panel, corridor_map.js the map): with two values the panel and the map could show different days."""
    panel = (ROOT / "static" / "app" / "day_panel.js").read_text(encoding="utf-8")
    holds = [
        re.findall(r"\b(?:const|var) HOLD_MS = (\d+);", text) for text in (panel, MAP_JS.read_text(encoding="utf-8"))
    ]
    assert all(len(found) == 1 for found in holds), holds
    assert holds[0] == holds[1]
