"""HTML/JS payloads that are valid data load, and come out inert wherever they reach HTML.

Every free-text field of every geo/ file gets a payload (tests/hardening/corpus/payloads.json:
<script>, <img onerror>, javascript: links, markdown links, '</script>' breakouts); source URLs
become an http URL carrying '"><script>'. The dataset must still load. Then everything built from
it that becomes HTML (the annotation panel, map popups and labels, the per-step state, the map
bundle fields that the browser puts into innerHTML, the measurements list) is parsed, and must
hold no tag outside a short allow-list, no on* attribute and no href/src that is not http(s).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from corridor.loader import load_dataset
from corridor.records import Dataset
from corridor.text import escape, js_json, safe_link
from corridor.timemodel import Timeline
from layers.catalogue import DEFAULT_VISIBLE, build_all_layers
from layers.events import build_events_layer
from layers.mapconfig import map_config
from layers.mapview import CorridorInit
from layers.places import label_names
from layers.popups import band_popup, place_popup, route_popup
from layers.step import build_step_state
from present.annotation import annotation_html
from present.measurements import measurements_for
from tests.hardening.conftest import (
    EXTRA_EVENTS,
    HOSTILE_URL,
    PAYLOADS,
    html_problems,
    write_payload_geo,
)

NAMINGS = ("both", "hy", "az")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """The payload dataset: geo/ with a payload in every text field, plus the payload extra events."""
    return load_dataset(write_payload_geo(tmp_path_factory.mktemp("payload") / "geo"), EXTRA_EVENTS)


def assert_inert(fragment: str, where: str) -> None:
    problems = html_problems(fragment)
    assert not problems, f"{where}: {problems}\n{fragment[:2000]}"


# --- the payloads really are in the data ----------------------------------------------------------


def test_payload_fixture_loads_and_carries_payloads(hostile: Dataset, payload_geo: Path) -> None:
    """The control: the payloads are in the text (so the checks below see them) and the data loads."""
    assert load_dataset(payload_geo).events
    assert all("<" in p.name_hy or "javascript" in p.name_hy or "![" in p.name_hy for p in hostile.places)
    assert all(s.url is None or s.url == HOSTILE_URL for s in hostile.sources)
    assert any(s.url == HOSTILE_URL for s in hostile.sources)
    extra = [e for e in hostile.events if e.id.startswith("ev-hostile-")]
    assert len(extra) == 3
    assert all("<" in e.title for e in extra)


def test_checker_catches_live_html() -> None:
    """The checker itself must fail on the unescaped payloads (else every test below passes vacuously)."""
    for payload in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '<a href="javascript:x">a</a>'):
        assert html_problems(payload), payload
    for payload in PAYLOADS:
        assert not html_problems(escape(payload)), payload


# --- each HTML builder ----------------------------------------------------------------------------


def test_annotation_panel_is_inert_for_every_event(hostile: Dataset) -> None:
    for event in hostile.events:
        assert_inert(annotation_html(hostile, event), f"annotation of {event.id}")


def test_annotation_shows_payloads_as_text(hostile: Dataset) -> None:
    """Escaped, not dropped: the reader sees the title as written."""
    event = hostile.event("ev-hostile-1")
    assert escape(event.title) in annotation_html(hostile, event)


def test_annotation_source_links_stay_http(hostile: Dataset) -> None:
    panel = "".join(annotation_html(hostile, e) for e in hostile.events)
    assert 'href="https://example.org/&quot;&gt;&lt;script&gt;' in panel
    for chunk in panel.split('href="')[1:]:
        assert chunk.startswith(("https://", "http://")), chunk[:80]


@pytest.mark.parametrize("naming", NAMINGS)
def test_place_labels_and_popups_are_inert(hostile: Dataset, naming: str) -> None:
    for place in hostile.places:
        assert_inert(label_names(place)[naming], f"label of {place.id}")
        assert_inert(place_popup(place), f"popup of {place.id}")


def test_route_and_band_popups_and_event_columns_are_inert(hostile: Dataset) -> None:
    for route in hostile.routes:
        assert_inert(route_popup(route), route.id)
    for band in hostile.bands:
        assert_inert(band_popup(band), band.id)
    events = build_events_layer(hostile)
    for text in [*events["title"], *events["date"]]:
        assert_inert(text, "events layer")


def test_step_state_and_measurements_are_inert_on_every_stop(hostile: Dataset) -> None:
    tl = Timeline(hostile)
    for day in tl.stops:
        state = tl.state_at(day)
        step = build_step_state(hostile, state, naming="both", layers=DEFAULT_VISIBLE, selected_event=None)
        assert_inert(step["dayLabel"], f"dayLabel {day}")
        assert_inert(step["statusLabel"], f"statusLabel {day}")
        assert_inert(step["regionNote"] or "", f"regionNote {day}")
        script = js_json(step)  # as the exported page inlines its slides' states
        assert "<" not in script, "a step state must not hold a raw '<' once inlined in a <script>"
        for line in measurements_for(hostile, state):
            assert_inert(escape(line), "measurement")


# Fields of the map bundle that static/app/corridor_map.js hands to innerHTML-like sinks
# (bindPopup, bindTooltip, divIcon html, stamp innerHTML). Everything else is used as data.
def _html_sinks(bundle: dict[str, Any]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for layer in ("places", "checkpoint", "corridor", "band", "nk2020", "nkao", "edges", "rivers"):
        for feature in bundle[layer]["features"]:
            props = feature["properties"]
            out.append((f"{layer} popup", props["popup"]))
            for naming, label in props.get("names", {}).items():
                out.append((f"{layer} label {naming}", label))
            for how, tip in props.get("tip", {}).items():
                out.append((f"{layer} tooltip {how}", tip))
    for label in bundle["basemap"]["labels"]:
        out.append(("country label", label["name"]))
    for label in bundle["rivers"]["labels"]:
        out.append(("river label", label["name"]))
    events = bundle["events"]
    out += [("event title", t) for t in events["title"]] + [("event date", d) for d in events["date"]]
    return out


def test_map_bundle_html_fields_are_inert(hostile: Dataset) -> None:
    sinks = _html_sinks(build_all_layers(hostile))
    assert any("&lt;script&gt;" in text for _, text in sinks), "the payloads must reach the bundle (escaped)"
    for where, text in sinks:
        assert_inert(text, where)


def test_js_sinks_are_the_ones_checked() -> None:
    """If corridor_map.js starts putting another field into HTML, this list must grow with it."""
    js = (Path(__file__).resolve().parents[2] / "static" / "app" / "corridor_map.js").read_text(encoding="utf-8")
    # band, route, place, checkpoint, event (title and date), NKAO, river, dated region feature
    assert js.count("bindPopup(") == 8
    # two fixed warning strings, place and checkpoint labels, region tooltips (current/former)
    assert js.count("bindTooltip(") == 5
    assert js.count("innerHTML = ") == 4  # stamp reset, dayLabel, statusLabel, region note
    assert js.count("html: lab.name") == 2  # country and river labels


def test_map_config_script_holds_no_raw_markup() -> None:
    init = CorridorInit(map_config("/app/static/generated/map-x.json"))
    assert "<" not in init.config_json


@pytest.mark.parametrize("payload", PAYLOADS)
def test_js_json_cannot_close_the_script(payload: str) -> None:
    text = js_json({"title": payload, "u2028": "\u2028\u2029"})
    assert "<" not in text
    assert ">" not in text
    assert json.loads(text)["title"] == payload


def test_safe_link_escapes_an_http_url_that_breaks_out() -> None:
    out = safe_link(HOSTILE_URL, "x")
    assert_inert(out, "safe_link")
    assert '"><script>' not in out
