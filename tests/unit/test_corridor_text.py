"""Escaping: text from data never becomes live HTML or ends a <script> (corridor/text.py and its users).

Every label, popup and tooltip the map shows is built in Python and inserted with innerHTML by
Leaflet, so a place called ``<img src=x onerror=alert(1)>`` must arrive already escaped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

import pytest

from corridor.dates import FuzzyDate
from corridor.naming import NAMINGS
from corridor.records import Band, Dataset, Event, Place, Route, Validity
from corridor.text import escape, html_list, js_json, safe_link, slug
from layers.band import build_band_layer
from layers.checkpoint import build_checkpoint_layer
from layers.corridor import build_corridor_layer
from layers.events import build_events_layer
from layers.mapconfig import map_config
from layers.mapview import CorridorInit
from layers.places import build_places_layer, place_feature
from layers.popups import band_popup, place_popup, route_popup
from present.annotation import annotation_html

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(1)</script>"
END_SCRIPT = "</script>"
HOSTILE = (IMG, SCRIPT, '"><svg onload=alert(1)>', "' onmouseover='alert(1)")


def hostile_place(name: str = IMG, kind: str = "village") -> Place:
    return Place(
        id="evil",
        lonlat=(46.5, 39.6),
        name_en=name,
        name_hy=name,
        name_az=name + " az",
        kind=kind,
        source=SCRIPT,
        confidence="low",
        notes=IMG,
        name_hy_native=IMG,
        derived=True,
        uncertainty_m=1500.0,
    )


def assert_inert(text: str) -> None:
    """No tag from the hostile strings survives; their escaped form does."""
    for raw in ("<img", "<script", "<svg", "onerror=alert(1)>"):
        assert raw not in text, f"{raw!r} survived in {text!r}"


def all_strings(value: Any) -> list[str]:
    """Every string inside a JSON-like value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in all_strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in all_strings(v)]
    return []


# --- the helpers --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_escape_makes_markup_inert(text: str) -> None:
    out = escape(text)
    assert "<" not in out
    assert ">" not in out
    assert '"' not in out
    assert "'" not in out


def test_escape_keeps_text_readable() -> None:
    assert escape(IMG) == "&lt;img src=x onerror=alert(1)&gt;"
    assert escape("Berdzor / Lachin") == "Berdzor / Lachin"
    assert escape("Böyük Qaladərəsi · Բերձոր") == "Böyük Qaladərəsi · Բերձոր"
    assert escape(None) == ""
    assert escape(1500.0) == "1500.0"


def test_js_json_cannot_end_a_script_element() -> None:
    out = js_json({"name": END_SCRIPT, "html": SCRIPT, "amp": "a & b", "nested": [END_SCRIPT]})
    assert END_SCRIPT not in out
    assert "</" not in out
    assert "<" not in out
    assert json.loads(out) == {"name": END_SCRIPT, "html": SCRIPT, "amp": "a & b", "nested": [END_SCRIPT]}


def test_js_json_refuses_nan() -> None:
    with pytest.raises(ValueError, match="JSON compliant"):
        js_json({"x": float("nan")})


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        "",
        None,
    ],
)
def test_safe_link_drops_unsafe_urls(url: str | None) -> None:
    out = safe_link(url, IMG)
    assert "href" not in out
    assert "<a" not in out
    assert out == escape(IMG)


def test_safe_link_escapes_a_good_url_and_its_label() -> None:
    out = safe_link('https://example.org/?q="><script>', IMG)
    assert out.startswith('<a href="https://example.org/?q=&quot;&gt;&lt;script&gt;"')
    assert 'rel="noopener noreferrer"' in out
    assert_inert(out)
    assert "&lt;img" in out


@pytest.mark.parametrize(
    ("value", "strip", "expected"),
    [
        ("ev-2022-08-30 new route", "-", "ev-2022-08-30-new-route"),
        ("../../etc/passwd", "-", "..-..-etc-passwd"),
        ("../../etc/passwd", ".-_", "etc-passwd"),
        ("<script>é</script>", "-", "script-script"),
        ("  ", "-", ""),
        ("a\\b/c:d", "-", "a-b-c-d"),
    ],
)
def test_slug_keeps_only_safe_file_name_characters(value: str, strip: str, expected: str) -> None:
    assert slug(value, strip=strip) == expected


def test_html_list_escapes_each_line() -> None:
    out = html_list([IMG, "plain"])
    assert out == "<ul><li>&lt;img src=x onerror=alert(1)&gt;</li><li>plain</li></ul>"


# --- places, checkpoints and popups ---------------------------------------------------------------


@pytest.mark.parametrize("name", HOSTILE)
def test_place_feature_labels_are_escaped_for_every_naming(name: str) -> None:
    feature = place_feature(hostile_place(name), "cm-place")
    names = feature["properties"]["names"]
    assert set(names) == set(NAMINGS)
    for naming in NAMINGS:
        assert_inert(names[naming])
        # the only markup a label may carry is the line break that wraps a long 'both' label
        assert "<" not in names[naming].replace("/<br>", "/ ")


def test_place_feature_label_shows_the_escaped_name() -> None:
    names = place_feature(hostile_place(), "cm-place")["properties"]["names"]
    assert names["hy"] == "&lt;img src=x onerror=alert(1)&gt;"
    assert names["az"].startswith("&lt;img")
    assert names["both"].startswith("&lt;img")
    assert names["both"] == "&lt;img src=x onerror=alert(1)&gt; /<br>&lt;img src=x onerror=alert(1)&gt; az"


def test_place_popup_is_escaped() -> None:
    popup = place_feature(hostile_place(), "cm-place")["properties"]["popup"]
    assert popup == place_popup(hostile_place())
    assert_inert(popup)
    assert "&lt;img" in popup
    assert "&lt;script&gt;" in popup  # the source field
    assert popup.startswith('<div class="cm-popup"><h4>&lt;img')


def test_no_string_of_a_hostile_place_feature_holds_a_tag() -> None:
    feature = place_feature(hostile_place(), "cm-place")
    for text in all_strings(feature["properties"]):
        assert_inert(text)


def test_places_and_checkpoint_layers_escape_hostile_names(dataset: Dataset) -> None:
    evil = hostile_place()
    evil_checkpoint = dataclasses.replace(hostile_place(), id="evil_cp", kind="checkpoint")
    ds = dataclasses.replace(dataset, places=(*dataset.places, evil, evil_checkpoint))
    places = {f["id"]: f for f in build_places_layer(ds)["features"]}
    checkpoints = {f["id"]: f for f in build_checkpoint_layer(ds)["features"]}
    for feature in (places["evil"], checkpoints["evil_cp"]):
        for text in all_strings(feature["properties"]):
            assert_inert(text)
        assert "&lt;img" in feature["properties"]["names"]["both"]


def test_route_popup_is_escaped(dataset: Dataset) -> None:
    route = Route(
        id="evil_route",
        title=IMG,
        coordinates=((46.4, 39.5), (46.6, 39.7)),
        validity=Validity(dt.date(2020, 11, 10), None),
        schematic=True,
        confidence="low",
        note=SCRIPT,
        properties={"date_note": IMG},
    )
    popup = route_popup(route)
    assert_inert(popup)
    assert "&lt;img" in popup
    ds = dataclasses.replace(dataset, routes=(route,))
    (feature,) = build_corridor_layer(ds)["features"]
    assert_inert(feature["properties"]["popup"])


def test_band_popup_is_escaped(dataset: Dataset) -> None:
    band = Band(
        id="evil_band",
        route_id="route_A_old_highway",
        geometry=dataset.bands[0].geometry,
        validity=Validity(),
        warning=IMG,
        properties={"basis": SCRIPT},
    )
    assert_inert(band_popup(band))
    ds = dataclasses.replace(dataset, bands=(band,))
    (feature,) = build_band_layer(ds)["features"]
    assert "&lt;img" in feature["properties"]["popup"]


def hostile_event(dataset: Dataset) -> Event:
    day = dt.date(2023, 4, 23)
    return dataclasses.replace(
        dataset.event("ev-2023-04-23-checkpoint"),
        id="ev-evil",
        title=IMG,
        description=SCRIPT,
        place_label=IMG,
        date=FuzzyDate(day, day, "day"),
        statement_ids=(),
    )


def test_events_layer_is_escaped(dataset: Dataset) -> None:
    event = hostile_event(dataset)
    ds = dataclasses.replace(dataset, events=(event,))
    layer = build_events_layer(ds)
    assert layer["title"] == ["&lt;img src=x onerror=alert(1)&gt;"]


def test_annotation_panel_is_escaped(dataset: Dataset) -> None:
    event = hostile_event(dataset)
    ds = dataclasses.replace(dataset, events=(*dataset.events, event))
    out = annotation_html(ds, event)
    assert_inert(out)
    assert "<h3>&lt;img src=x onerror=alert(1)&gt;</h3>" in out


# --- what reaches the browser -----------------------------------------------------------------------


def test_base_map_config_cannot_break_out_of_its_script() -> None:
    config = map_config("/app/static/generated/x.json" + END_SCRIPT + SCRIPT, {"name": END_SCRIPT + IMG})
    out = CorridorInit(config).config_json
    assert END_SCRIPT not in out
    assert "<" not in out
    assert json.loads(out)["data"] == {"name": END_SCRIPT + IMG}


def test_a_step_state_inlined_in_a_script_cannot_break_out_of_it() -> None:
    out = js_json({"dayLabel": END_SCRIPT, "selectedEvent": SCRIPT})  # the exported page's slide states
    assert END_SCRIPT not in out
    assert "<" not in out


def test_legend_and_attribution_are_escaped_once() -> None:
    config = map_config(None)
    assert "&amp;amp;" not in json.dumps(config)
    assert config["attribution"].startswith("Borders © OpenStreetMap contributors")
