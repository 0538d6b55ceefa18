"""export.html: one self-contained file: inline Leaflet and map code, inline data, per-slide states.

The browser test (tests/e2e/test_briefing.py) opens it with every request blocked.
"""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from corridor.records import Dataset
from corridor.timemodel import Timeline
from export.briefing import Briefing
from export.html import build_html, leaflet_css, slide_states
from export.slides import build_slides
from publish.static import leaflet_dir

CHOSEN = ("ev-2022-08-30-new-route", "ev-2022-12-12-blockade", "ev-2023-04-23-checkpoint")


@pytest.fixture(scope="module")
def page(timeline: Timeline) -> str:
    return build_html(timeline.dataset, build_slides(timeline, Briefing("Offline", CHOSEN)), title="Offline")


def test_nothing_is_loaded_from_elsewhere(page: str) -> None:
    assert re.search(r"<script[^>]+src=", page) is None
    assert re.search(r"<link[^>]+stylesheet", page) is None
    assert re.search(r"<img[^>]+src=\"(?!data:)", page) is None
    assert "url(images/" not in page  # Leaflet's images are data: URIs
    assert "/app/static/" not in page


def test_leaflet_and_the_map_code_are_inline(page: str) -> None:
    assert "window.CorridorMap = create()" in page  # static/app/corridor_map.js, inline
    assert "L.Map" in page or "L.map" in page
    assert "CorridorMap.init(" in page
    assert '"dataUrl":null' in page


def test_one_panel_and_one_state_per_slide(timeline: Timeline, page: str) -> None:
    assert page.count('class="bp-panel"') == len(CHOSEN)
    states = json.loads(re.search(r"var states = (\[.*?\]);\n", page, re.S).group(1))  # type: ignore[union-attr]
    assert [s["day"] for s in states] == ["2022-08-30", "2022-12-12", "2023-04-23"]
    assert [s["selectedEvent"] for s in states] == list(CHOSEN)
    assert states[2]["checkpoints"] == ["hakari_checkpoint"]
    assert all(s["fit"] for s in states)
    assert states == slide_states(timeline.dataset, build_slides(timeline, Briefing("Offline", CHOSEN)))


def test_leaflet_css_images_become_data_uris() -> None:
    css = leaflet_css(leaflet_dir())
    assert "data:image/png;base64," in css
    assert "url(images/" not in css


def test_titles_from_data_are_escaped(dataset: Dataset, timeline: Timeline) -> None:
    evil = "<img src=x onerror=alert(1)></script><script>alert(2)</script>"
    events = tuple(dataclasses.replace(e, title=evil) if e.id == CHOSEN[0] else e for e in dataset.events)
    ds = dataclasses.replace(dataset, events=events)
    tl = Timeline(ds)
    html = build_html(ds, build_slides(tl, Briefing(evil, CHOSEN[:1])), title=evil)
    assert evil not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert html.count("</script>") == html.count("<script")  # no injected script element


def test_no_slides_is_an_error(timeline: Timeline) -> None:
    with pytest.raises(ValueError, match="at least one slide"):
        build_html(timeline.dataset, (), title="t")


def test_the_region_layers_and_their_daily_states_are_in_the_offline_map(page: str) -> None:
    for key in ('"nk2020":', '"nkao":', '"edges":', '"rivers":'):
        assert key in page
    assert "de facto control, not sovereignty" in page  # the legend row
    states = json.loads(re.search(r"var states = (\[.*?\]);\n", page, re.S).group(1))  # type: ignore[union-attr]
    assert [s["region"]["nk_de_facto_2020"] for s in states] == ["current"] * 3
    assert [s["region"]["corridor_edge_2020_1"] for s in states] == ["current", "hidden", "hidden"]
    assert states[0]["regionNote"] is not None  # 30 Aug 2022: the new route is outside the 2020 strip
    assert "nkao" not in states[0]["layers"]
