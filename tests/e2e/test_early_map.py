"""The Map page draws its map while Streamlit starts, and the map component takes it (issue 13).

The Map page's HTML carries static/app/map_loader.js and the map's configuration (ui/early_map.py);
the loader draws the base map off screen before the first run arrives, and the component moves that
map into its place. These tests check what a user would see go wrong: a second map, a map left off
screen, a map drawn for other data, the page failing when the configuration is not in the HTML.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import MAP_HOST, RequestLog, SameMap, map_root, save_screenshot
from tests.e2e.test_map_page import LAND, LOAD_MS, ROUTES, STEP_MS, expect_day, open_map, press_on_slider
from ui.early_map import ARGS_ID, EARLY_MAP_URL

MAPS_JS = """() => ({
  hosts: document.querySelectorAll('.cm-map-host').length,
  containers: document.querySelectorAll('.leaflet-container').length,
  offScreen: document.querySelectorAll('.cm-map-early').length,
  early: document.querySelector('.cm-map-host').getAttribute('data-drawn-early'),
  mapOnHost: window.map.getContainer() === document.querySelector('.cm-map-host')
    && window.CorridorMap.map === window.map,
  inMain: !!document.querySelector('[data-testid=stMain] .cm-map-host'),
})"""


def maps(page: Page) -> dict[str, object]:
    return page.evaluate(MAPS_JS)


def expect_map_in_its_place(page: Page) -> None:
    """The map is the component's size, where the component is, with every land and route drawn."""
    frame = map_root(page)
    expect(frame.locator("path.cm-land")).to_have_count(LAND, timeout=LOAD_MS)
    expect(frame.locator("path.cm-route")).to_have_count(ROUTES, timeout=LOAD_MS)
    box = page.locator(MAP_HOST).bounding_box()
    parent = map_root(page).bounding_box()
    assert box and parent and box["height"] == 640 and abs(box["width"] - parent["width"]) <= 1, (box, parent)
    assert 0 <= box["x"] < 1600 and 0 <= box["y"] < 1000, box  # on screen, not left where it was drawn
    tiles = page.evaluate("() => { const r = window.map.getSize(); return [r.x, r.y]; }")
    assert abs(tiles[0] - box["width"]) <= 1 and tiles[1] == 640, tiles  # Leaflet knows its new size


def test_the_map_page_shows_the_map_drawn_while_it_started(page: Page, app_url: str, requests_log: RequestLog) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    frame = open_map(page, app_url, "date=2023-04-23", day="2023-04-23")
    assert maps(page) == {
        "hosts": 1,
        "containers": 1,
        "offScreen": 0,
        "early": "true",
        "mapOnHost": True,
        "inMain": True,
    }
    expect_map_in_its_place(page)
    expect(frame.locator("path.cm-checkpoint")).to_have_count(1)
    save_screenshot(page, "map-page-drawn-early")
    # The configuration came with the page: no request for it; every file once, all from the app.
    assert not [u for u in requests_log.urls if EARLY_MAP_URL in u]
    assert len([u for u in requests_log.urls if "/static/generated/map-" in u]) == 1
    assert len([u for u in requests_log.urls if u.endswith("/leaflet.js")]) == 1
    assert requests_log.external() == []
    # It is the page's map from then on: a step moves it in place.
    same = SameMap(page)
    press_on_slider(page, "ArrowRight")
    expect_day(page, frame, "2023-04-24", "24 Apr 2023")
    same.assert_same()
    assert errors == []


# A page fulfilled by the test instead of the server counts as a public page in Chromium, which then
# blocks its WebSocket to the local server: the tests change what the loader reads, not the HTML.
HIDE_ARGS_JS = f"""(() => {{
  const find = Document.prototype.getElementById;
  Document.prototype.getElementById = function (id) {{ return id === "{ARGS_ID}" ? null : find.call(this, id); }};
}})();"""
OTHER_VIEW_JS = """(() => {
  const parse = JSON.parse;
  JSON.parse = function (text, reviver) {
    const value = parse(text, reviver);
    if (value && value.config && value.view && value.layers) { value.view.zoom = 7; window.__otherView = true; }
    return value;
  };
})();"""


def test_without_the_configuration_in_the_page_the_loader_asks_for_it(page: Page, app_url: str) -> None:
    """The server starts serving before its warm-up has loaded the data: the page then has no
    configuration in it, and the loader asks the server."""
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if EARLY_MAP_URL in r.url else None)
    page.add_init_script(HIDE_ARGS_JS)
    page.goto(f"{app_url}/map?date=2023-04-23")
    expect(map_root(page).locator(".cm-stamp")).to_have_attribute("data-day", "2023-04-23", timeout=LOAD_MS)
    assert len(asked) == 1
    assert maps(page)["early"] == "true"
    expect_map_in_its_place(page)


def test_a_map_drawn_for_another_configuration_is_dropped(page: Page, app_url: str) -> None:
    """The component takes the early map only if it was drawn with what the run sends."""
    page.add_init_script(OTHER_VIEW_JS)
    page.goto(f"{app_url}/map?date=2023-04-23")
    expect(map_root(page).locator(".cm-stamp")).to_have_attribute("data-day", "2023-04-23", timeout=LOAD_MS)
    found = maps(page)
    assert page.evaluate("() => window.__otherView === true")  # the early map was drawn with zoom 7
    assert found == {**found, "hosts": 1, "containers": 1, "offScreen": 0, "early": None, "mapOnHost": True}
    assert page.evaluate("() => window.map.getZoom()") >= 9  # the run's view, not the early one's
    expect_map_in_its_place(page)


def test_a_map_page_opened_from_another_page_loads_and_draws_its_own(
    page: Page, app_url: str, requests_log: RequestLog
) -> None:
    page.goto(f"{app_url}/timeline")
    expect(page.get_by_role("link", name="Map", exact=True)).to_be_visible(timeout=LOAD_MS)
    assert page.evaluate("() => window.CorridorLoader === undefined")  # only the Map page's HTML has it
    page.get_by_role("link", name="Map", exact=True).click()
    expect(map_root(page).locator(".cm-stamp")).to_have_attribute("data-day", re.compile(r"^\d{4}-"), timeout=LOAD_MS)
    found = maps(page)
    assert found == {**found, "hosts": 1, "containers": 1, "offScreen": 0, "early": None, "mapOnHost": True}
    expect_map_in_its_place(page)
    assert len([u for u in requests_log.urls if u.endswith("/map_loader.js")]) == 1
    assert requests_log.external() == []


def test_a_step_before_the_map_is_drawn_is_not_lost(page: Page, app_url: str) -> None:
    """Keys pressed while the map is still being taken over end on the day pressed."""
    page.goto(f"{app_url}/?date=2023-04-23")
    press_on_slider(page, "ArrowRight")
    frame = map_root(page)
    expect_day(page, frame, "2023-04-24", "24 Apr 2023")
    expect(page.locator(".leaflet-container")).to_have_count(1, timeout=STEP_MS)
