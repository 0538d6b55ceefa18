"""The map page in a real browser: the map appears, steps in place, keeps pan/zoom, stays offline.

One app for the session (conftest.app_url); each test has its own page. Waits are Playwright
expectations or wait_for_function on the map's own state, never sleeps.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, WebSocket, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from corridor.loader import load_dataset
from corridor.timemodel import Timeline
from layers.style import STATUS_COLOURS, WATER
from tests.e2e.conftest import MAP_HOST, RequestLog, SameMap, map_root, save_screenshot

LOAD_MS = 60_000  # cold start: the first page also writes the map bundle
STEP_MS = 15_000
TL = Timeline(load_dataset())
DS = TL.dataset
PLACES = sum(1 for p in DS.places if p.kind != "checkpoint")
ROUTES = len(DS.routes)
LAND = len(DS.borders["features"]) + sum(
    1 for f in DS.region["features"] if f["properties"]["name"] not in ("Armenia", "Azerbaijan")
)
PESKOV = "Russia continues its mediation efforts, and mainly efforts to fulfill all the provisions"
SCREENSHOT_DAYS = ("2020-12-01", "2023-04-23", "2023-09-30")
LABEL_TOLERANCE_PX = 1


def hex_to_rgb(colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def open_map(page: Page, app_url: str, query: str = "", day: str | None = None) -> Locator:
    """Open the app at ``?query`` and wait until the map has drawn its land and applied ``day``."""
    page.goto(f"{app_url}/{'?' + query if query else ''}")
    expect(page.locator(MAP_HOST)).to_be_visible(timeout=LOAD_MS)
    frame = map_root(page)
    expect(frame.locator("path.cm-land")).to_have_count(LAND, timeout=LOAD_MS)
    if day is not None:
        expect(frame.locator(".cm-stamp")).to_have_attribute("data-day", day, timeout=LOAD_MS)
    return frame


def slider(page: Page) -> Locator:
    return page.locator("[data-testid=stSlider]").get_by_role("slider")


def press_on_slider(page: Page, key: str) -> None:
    thumb = slider(page)
    thumb.focus()
    thumb.press(key)


def annotation(page: Page) -> Locator:
    """The annotation panel's event block (beside the map, not the map's own event markers)."""
    return page.locator("div.cm-event[data-event]")


def expect_day(page: Page, frame: Locator, day: str, label: str) -> None:
    expect(frame.locator(".cm-stamp")).to_have_attribute("data-day", day, timeout=STEP_MS)
    expect(frame.locator(".leaflet-container")).to_have_attribute("data-day", day, timeout=STEP_MS)
    expect(frame.locator(".cm-stamp-day")).to_have_text(label, timeout=STEP_MS)
    expect(slider(page)).to_have_attribute("aria-valuetext", label, timeout=STEP_MS)


def located_events_by(day: dt.date) -> int:
    return sum(1 for e in DS.events if e.lonlat is not None and e.anchor <= day)


# --- the map appears ----------------------------------------------------------------------------


def test_map_appears_with_routes_places_and_the_checkpoint(page: Page, app_url: str, requests_log: RequestLog) -> None:
    frame = open_map(page, app_url, day="2023-04-23")
    box = page.locator(MAP_HOST).bounding_box()
    assert box is not None
    assert box["height"] > 400, box
    assert box["width"] > 400, box
    expect(frame.locator("path.cm-route")).to_have_count(ROUTES)
    expect(frame.locator("path.cm-route.cm-schematic")).to_have_count(ROUTES)
    expect(frame.locator("path.cm-route-route_B2_kornidzor.cm-route-in-use")).to_have_count(1)
    expect(frame.locator("path.cm-route-past")).to_have_count(2)
    expect(frame.locator("path.cm-place")).to_have_count(PLACES)
    expect(frame.locator("path.cm-checkpoint")).to_have_count(1)
    expect(frame.locator("path.cm-band")).to_have_count(1)  # only the band of the route in use
    expect(frame.locator("path.cm-border")).to_have_count(2)
    expect(frame.locator("path.cm-event")).to_have_count(located_events_by(dt.date(2023, 4, 23)))
    expect(frame.locator("path.cm-event-current")).to_have_count(1)
    expect(frame.locator(".cm-error")).to_have_count(0)
    expect(frame.locator(".cm-legend")).to_be_visible()
    expect(annotation(page)).to_have_attribute("data-event", "ev-2023-04-23-checkpoint")
    assert requests_log.external() == []


def test_the_checkpoint_appears_on_23_april_2023(page: Page, app_url: str, requests_log: RequestLog) -> None:
    before = open_map(page, app_url, "date=2023-04-22", day="2023-04-22")
    expect(before.locator("path.cm-route")).to_have_count(ROUTES)
    expect(before.locator("path.cm-checkpoint")).to_have_count(0)
    expect(before.locator("path.cm-uncertainty")).to_have_count(0)
    expect(before.locator(".cm-stamp-status")).to_have_text("Corridor: Blocked")

    after = open_map(page, app_url, "date=2023-04-23", day="2023-04-23")
    expect(after.locator("path.cm-checkpoint")).to_have_count(1)
    expect(after.locator("path.cm-uncertainty")).to_have_count(1)  # derived position: ±1.5 km drawn
    expect(after.locator(".cm-stamp-status")).to_have_text("Corridor: Checkpoint")
    expect(after.locator("path.cm-route-in-use")).to_have_attribute("stroke", STATUS_COLOURS["checkpoint"])
    assert requests_log.external() == []


# --- stepping in place --------------------------------------------------------------------------


def test_keyboard_step_updates_map_and_quote_without_reloading_the_map(
    page: Page, app_url: str, requests_log: RequestLog
) -> None:
    frame = open_map(page, app_url, "date=2023-04-23", day="2023-04-23")
    expect(frame.locator("path.cm-checkpoint")).to_have_count(1)
    expect(annotation(page)).to_have_attribute("data-event", "ev-2023-04-23-checkpoint")
    expect(page.locator("blockquote", has_text=PESKOV)).to_have_count(0)
    same = SameMap(page)

    press_on_slider(page, "ArrowRight")
    expect_day(page, frame, "2023-04-24", "24 Apr 2023")
    expect(annotation(page)).to_have_attribute("data-event", "ev-2023-04-24-peskov", timeout=STEP_MS)
    expect(page.locator("blockquote", has_text=PESKOV)).to_have_count(1, timeout=STEP_MS)
    expect(page.locator(".cm-share-link")).to_contain_text("date=2023-04-24", timeout=STEP_MS)
    same.assert_same()

    press_on_slider(page, "ArrowLeft")
    # One step at a time: a key pressed while Streamlit re-renders the slider can be overridden by
    # the server's value for the previous step.
    expect_day(page, frame, "2023-04-23", "23 Apr 2023")
    press_on_slider(page, "ArrowLeft")
    expect_day(page, frame, "2023-04-01", "1 Apr 2023")
    expect(frame.locator("path.cm-checkpoint")).to_have_count(0, timeout=STEP_MS)
    expect(annotation(page)).to_have_attribute("data-event", "ev-2023-04-01-kornidzor-route", timeout=STEP_MS)
    expect(page.locator("blockquote", has_text=PESKOV)).to_have_count(0, timeout=STEP_MS)
    same.assert_same()
    assert requests_log.external() == []


# Counts the WebSocket messages the page has received (patched before Streamlit opens its socket).
COUNT_MESSAGES = """
(() => {
  window.__wsIn = 0;
  const Real = window.WebSocket;
  window.WebSocket = function (...args) {
    const ws = new Real(...args);
    ws.addEventListener("message", () => { window.__wsIn += 1; });
    return ws;
  };
  window.WebSocket.prototype = Real.prototype;
  Object.assign(window.WebSocket, Real);
})();
"""

# When the slider moves, note how many server messages had arrived; when the panel and the map
# show the new day, note it again.
WATCH_STEP = """
() => {
  const marks = (window.__marks = []);
  const slider = document.querySelector("[data-testid=stSlider] input[type=range]");
  const panel = document.querySelector(".cm-day-panel");
  const map = document.querySelector(".cm-map-host");  // the Leaflet container
  const note = (what, node, name) => new MutationObserver(() => {
    marks.push([what, node.getAttribute(name), window.__wsIn]);
  }).observe(node, { attributes: true, attributeFilter: [name] });
  note("slider", slider, "aria-valuetext");
  document.addEventListener("click", () => marks.push(["click", null, window.__wsIn]), true);
  note("panel", panel, "data-day");
  note("map", map, "data-day");
}
"""


def test_a_slider_step_is_drawn_before_the_server_answers(page: Page, app_url: str) -> None:
    """The panel and the map show the next day from what the last run sent ahead
    (static/app/day_panel.js), with no server message in between; the server's run then confirms
    the same day, and the page ends on it."""
    page.add_init_script(COUNT_MESSAGES)
    frame = open_map(page, app_url, "date=2023-04-23", day="2023-04-23")
    expect(page.locator(".cm-day-panel")).to_have_attribute("data-day", "2023-04-23", timeout=STEP_MS)
    # The first run sent 23 Apr alone; the focus on the slider asks for the two days either side.
    slider(page).focus()
    expect(page.locator(".cm-day-panel")).to_have_attribute("data-ahead", "4", timeout=STEP_MS)
    page.evaluate(WATCH_STEP)
    press_on_slider(page, "ArrowRight")
    expect_day(page, frame, "2023-04-24", "24 Apr 2023")
    expect(annotation(page)).to_have_attribute("data-event", "ev-2023-04-24-peskov", timeout=STEP_MS)
    expect(page.locator(".cm-share-link")).to_contain_text("date=2023-04-24", timeout=STEP_MS)  # the run came
    marks = page.evaluate("window.__marks")
    slider_at = next(m[2] for m in marks if m[0] == "slider" and m[1] == "24 Apr 2023")
    panel_at = next(m[2] for m in marks if m[0] == "panel" and m[1] == "2023-04-24")
    map_at = next(m[2] for m in marks if m[0] == "map" and m[1] == "2023-04-24")
    assert panel_at == map_at == slider_at, marks
    assert page.evaluate("window.__wsIn") > slider_at  # and the server's run did come after
    assert {m[1] for m in marks if m[0] in ("panel", "map")} == {"2023-04-24"}, marks  # never back to 23 Apr

    # The Next button too.
    page.evaluate(WATCH_STEP)
    page.get_by_role("button", name="Next").click()
    expect_day(page, frame, "2023-04-28", "28 Apr 2023")
    expect(page.locator(".cm-share-link")).to_contain_text("date=2023-04-28", timeout=STEP_MS)
    marks = page.evaluate("window.__marks")
    click_at = next(m[2] for m in marks if m[0] == "click")
    panel_at = next(m[2] for m in marks if m[0] == "panel" and m[1] == "2023-04-28")
    map_at = next(m[2] for m in marks if m[0] == "map" and m[1] == "2023-04-28")
    assert panel_at == map_at == click_at, marks
    assert {m[1] for m in marks if m[0] in ("panel", "map")} == {"2023-04-28"}, marks  # never back to 24 Apr


def test_after_leaving_the_page_and_coming_back_a_step_draws_only_its_day(page: Page, app_url: str) -> None:
    """Coming back to the Map page mounts a new panel (the old one's document listeners are told
    apart by day_panel.js's ``gone``); Next then draws only the day stepped to, never a day next to
    the first visit's 1 Apr."""
    frame = open_map(page, app_url, "date=2023-04-01", day="2023-04-01")
    page.get_by_role("link", name="Timeline", exact=True).click()
    expect(page.locator(".cm-day-panel")).to_have_count(0, timeout=STEP_MS)
    page.get_by_role("link", name="Map", exact=True).click()
    frame = map_root(page)
    expect(frame.locator(".leaflet-container")).to_have_attribute("data-day", "2023-04-01", timeout=LOAD_MS)
    for day, label in (("2023-04-23", "23 Apr 2023"), ("2023-04-24", "24 Apr 2023")):
        press_on_slider(page, "ArrowRight")
        expect_day(page, frame, day, label)
        expect(page.locator(".cm-share-link")).to_contain_text(f"date={day}", timeout=STEP_MS)
    page.evaluate(WATCH_STEP)
    page.get_by_role("button", name="Next").click()
    expect_day(page, frame, "2023-04-28", "28 Apr 2023")
    expect(page.locator(".cm-share-link")).to_contain_text("date=2023-04-28", timeout=STEP_MS)
    marks = page.evaluate("window.__marks")
    assert {m[1] for m in marks if m[0] in ("panel", "map")} == {"2023-04-28"}, marks


def test_a_step_a_choice_and_the_display_survive_another_page(page: Page, app_url: str) -> None:
    """The day stepped to, the event chosen in the panel, a layer turned off and the naming chosen
    are all there again after the Timeline page. A step and the panel's radio rerun only the date
    fragment; Streamlit used to forget every map widget after such a run once another page was
    shown (the map came back on the last day with no layers). The widgets now persist for the
    session (``persist_state="session"``)."""
    frame = open_map(page, app_url, "date=2023-04-23", day="2023-04-23")
    sidebar = page.locator("[data-testid=stSidebar]")
    sidebar.get_by_text("Rivers", exact=True).click()
    sidebar.get_by_text("Azerbaijani usage", exact=True).click()
    expect(page.locator(".cm-share-link")).to_contain_text("naming=az", timeout=STEP_MS)
    expect(page.locator(".cm-share-link")).not_to_contain_text("rivers")
    # The last runs before leaving are the date fragment's alone.
    press_on_slider(page, "ArrowRight")
    expect_day(page, frame, "2023-04-24", "24 Apr 2023")
    page.locator(".cm-day-panel label.cm-day-choice").filter(has_text="Russian").click()
    expect(annotation(page)).to_have_attribute("data-event", "ev-2023-04-24-russia-mod", timeout=STEP_MS)
    expect(page.locator(".cm-share-link")).to_contain_text("event=ev-2023-04-24-russia-mod", timeout=STEP_MS)
    page.get_by_role("link", name="Timeline", exact=True).click()
    expect(page.locator(".cm-day-panel")).to_have_count(0, timeout=STEP_MS)
    page.get_by_role("link", name="Map", exact=True).click()
    frame = map_root(page)
    expect(frame.locator(".leaflet-container")).to_have_attribute("data-day", "2023-04-24", timeout=LOAD_MS)
    expect(annotation(page)).to_have_attribute("data-event", "ev-2023-04-24-russia-mod", timeout=STEP_MS)
    link = page.locator(".cm-share-link")
    expect(link).to_contain_text("date=2023-04-24", timeout=STEP_MS)
    expect(link).to_contain_text("naming=az")
    expect(link).to_contain_text("checkpoint")
    expect(link).not_to_contain_text("rivers")
    expect(sidebar.get_by_role("checkbox", name="Rivers")).not_to_be_checked()


# From the first script on: every Leaflet map created in the page (an element gaining the
# "leaflet-container" class, which L.map gives its container).
COUNT_MAPS = """
(() => {
  window.__mapsCreated = 0;
  const gained = (node, old) => node.nodeType === 1 && node.classList.contains("leaflet-container")
    && !(old || "").split(/\\s+/).includes("leaflet-container");
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === "attributes" && gained(r.target, r.oldValue)) { window.__mapsCreated += 1; }
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["class"], attributeOldValue: true });
})();
"""
# One map in the page, the one window.map and window.CorridorMap point at, drawn on the current host.
ONE_MAP_JS = """() => {
  const host = document.querySelector(".cm-map-host");
  return {
    containers: document.querySelectorAll(".leaflet-container").length,
    hosts: document.querySelectorAll(".cm-map-host").length,
    mapOnHost: !!(host && window.map && window.map.getContainer() === host && window.CorridorMap.map === window.map),
    oldMap: !!(window.map && window.map.__old),
    oldHost: !!(host && host.__old),
    created: window.__mapsCreated,
  };
}"""
MARK_OLD_JS = "() => { window.map.__old = 1; document.querySelector('.cm-map-host').__old = 1; }"


def test_the_map_is_drawn_again_after_other_pages(page: Page, app_url: str, requests_log: RequestLog) -> None:
    """Map -> Timeline -> Map and Map -> Briefing -> Map, in one document: each visit draws a new
    map (the only one in the page, the one CorridorMap drives), steps still move it, Leaflet,
    corridor_map.js and the map data are loaded once, and no script error is raised on the way."""
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.add_init_script(COUNT_MAPS)
    frame = open_map(page, app_url, "date=2023-04-23", day="2023-04-23")
    expect(frame.locator(".leaflet-container")).to_have_count(1)
    first = {"containers": 1, "hosts": 1, "mapOnHost": True, "oldMap": False, "oldHost": False, "created": 1}
    assert page.evaluate(ONE_MAP_JS) == first

    created = 1
    for other, gone in (("Timeline", 0), ("Briefing", 1)):
        page.evaluate(MARK_OLD_JS)
        page.get_by_role("link", name=other, exact=True).click()
        expect(page.locator(".cm-day-panel")).to_have_count(0, timeout=STEP_MS)
        # Timeline has no map; Briefing draws its own (on its first slide's day).
        expect(page.locator(".leaflet-container")).to_have_count(gone, timeout=STEP_MS)
        if gone:
            created += 1
            expect(map_root(page).locator("path.cm-route").first).to_be_attached(timeout=LOAD_MS)
            expect(map_root(page).locator(".cm-map")).to_have_attribute("data-day", re.compile(r"^\d{4}-"))
            page.wait_for_function("() => window.map && !window.map.__old", timeout=STEP_MS)
            assert page.evaluate(ONE_MAP_JS) == {**first, "created": created}
            page.evaluate(MARK_OLD_JS)

        page.get_by_role("link", name="Map", exact=True).click()
        created += 1
        frame = map_root(page)
        expect(frame.locator("path.cm-land")).to_have_count(LAND, timeout=LOAD_MS)
        expect(frame.locator("path.cm-route")).to_have_count(ROUTES)
        expect(frame.locator(".leaflet-container")).to_have_attribute("data-day", "2023-04-23", timeout=STEP_MS)
        expect(page.locator(".leaflet-container")).to_have_count(1)
        assert page.evaluate(ONE_MAP_JS) == {**first, "created": created}
        expect(frame.locator(".cm-error")).to_have_count(0)

        # Steps move the new map: the slider, and the Next button.
        same = SameMap(page)
        press_on_slider(page, "ArrowRight")
        expect_day(page, frame, "2023-04-24", "24 Apr 2023")
        expect(frame.locator("path.cm-checkpoint")).to_have_count(1)
        page.get_by_role("button", name="Next").click()
        expect_day(page, frame, "2023-04-28", "28 Apr 2023")
        same.assert_same()
        # Back to 23 Apr for the next round.
        page.get_by_role("button", name="Previous").click()
        expect_day(page, frame, "2023-04-24", "24 Apr 2023")
        page.get_by_role("button", name="Previous").click()
        expect_day(page, frame, "2023-04-23", "23 Apr 2023")

    loaded = [
        u for u in requests_log.urls if u.endswith(("/leaflet.js", "/leaflet.markercluster.js", "/corridor_map.js"))
    ]
    assert len(loaded) == 3, loaded  # once per document, not once per map
    data = [u for u in requests_log.urls if "/static/generated/map-" in u]
    assert len(data) == 1, data  # the map data too: kept by the page for the maps after the first
    assert errors == []
    assert requests_log.external() == []


def test_the_play_speed_shows_its_whole_label(page: Page, app_url: str) -> None:
    """The speed next to Play read "Normal (2 s" in a half-width column: no text in the box is cut."""
    open_map(page, app_url, "date=2023-04-23", day="2023-04-23")
    speed = page.locator("[data-testid=stSidebar] [data-testid=stSelectbox] input[aria-label*='Speed']")
    expect(speed).to_have_value("Normal (2 s)", timeout=STEP_MS)
    width, needed = speed.evaluate("(input) => [input.clientWidth, input.scrollWidth]")
    assert needed <= width + 1, (needed, width)


@pytest.mark.parametrize("viewport", [(1600, 1000), (1280, 800)])
def test_the_header_hides_no_part_of_the_map_or_the_panel(page: Page, app_url: str, viewport: tuple[int, int]) -> None:
    """Streamlit's header (the page links) is 60 px tall and opaque: the map and the panel start below it."""
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    open_map(page, app_url, "date=2023-04-23", day="2023-04-23")
    header = page.locator("[data-testid=stHeader]").bounding_box()
    assert header is not None
    for shown in (MAP_HOST, ".cm-day-panel"):
        element = page.locator(shown)
        expect(element).to_be_visible(timeout=STEP_MS)
        box = element.bounding_box()
        assert box is not None
        assert box["y"] >= header["y"] + header["height"], (shown, box, header)


def test_quick_steps_end_on_the_last_day_pressed(page: Page, app_url: str) -> None:
    """Runs for days the user has already stepped past are not drawn over the day now shown."""
    frame = open_map(page, app_url, "date=2023-04-01", day="2023-04-01")
    thumb = slider(page)
    thumb.focus()
    for _ in range(3):
        thumb.press("ArrowRight")
    expect_day(page, frame, "2023-04-28", "28 Apr 2023")
    expect(page.locator(".cm-share-link")).to_contain_text("date=2023-04-28", timeout=STEP_MS)
    expect(page.locator(".cm-day-panel")).to_have_attribute("data-day", "2023-04-28")
    expect(frame.locator(".leaflet-container")).to_have_attribute("data-day", "2023-04-28")


def test_the_panels_radio_chooses_the_other_event_of_the_day(page: Page, app_url: str) -> None:
    frame = open_map(page, app_url, "date=2023-04-24", day="2023-04-24")
    expect(annotation(page)).to_have_attribute("data-event", "ev-2023-04-24-peskov", timeout=STEP_MS)
    choice = page.locator(".cm-day-panel label.cm-day-choice").filter(has_text="Russian")
    expect(choice).to_have_count(1)
    choice.click()
    expect(annotation(page)).to_have_attribute("data-event", "ev-2023-04-24-russia-mod", timeout=STEP_MS)
    expect(page.locator(".cm-share-link")).to_contain_text("event=ev-2023-04-24-russia-mod", timeout=STEP_MS)
    expect(choice.locator("input")).to_be_checked()
    expect(frame.locator(".leaflet-container")).to_have_attribute("data-day", "2023-04-24")


def test_next_button_steps_the_map_in_place(page: Page, app_url: str, requests_log: RequestLog) -> None:
    frame = open_map(page, app_url, "date=2022-08-26", day="2022-08-26")
    expect(frame.locator("path.cm-route-route_A_old_highway.cm-route-in-use")).to_have_count(1)
    expect(frame.locator("path.cm-route")).to_have_count(1)
    same = SameMap(page)
    page.get_by_role("button", name="Next").click()
    expect_day(page, frame, "2022-08-30", "30 Aug 2022")
    expect(frame.locator("path.cm-route-route_B1_bypass_temporary_link.cm-route-in-use")).to_have_count(1)
    expect(frame.locator("path.cm-route-route_A_old_highway.cm-route-past")).to_have_count(1)
    expect(frame.locator("path.cm-route")).to_have_count(2)
    same.assert_same()
    assert requests_log.external() == []


class Runs:
    """The script runs the page's WebSocket reports finished (ForwardMsg ``script_finished``)."""

    def __init__(self, page: Page) -> None:
        self.finished = 0
        page.on("websocket", self._attach)

    def wait_for(self, page: Page, count: int) -> None:
        """Until ``count`` runs have finished (Playwright delivers frames while the page waits)."""
        for _ in range(STEP_MS // 20):
            if self.finished >= count:
                return
            page.wait_for_timeout(20)
        raise AssertionError(f"{self.finished} runs finished, waited for {count}")

    def _attach(self, ws: WebSocket) -> None:
        if "/_stcore/stream" in ws.url:
            ws.on("framereceived", self._frame)

    def _frame(self, payload: str | bytes) -> None:
        msg = ForwardMsg()
        msg.ParseFromString(payload.encode() if isinstance(payload, str) else payload)
        if msg.WhichOneof("type") == "script_finished":
            self.finished += 1


def test_opening_the_page_runs_once_and_moving_the_map_runs_nothing(page: Page, app_url: str) -> None:
    """One run opens the page, and the map never asks for another: the map component
    (static/app/map_component.js) sends nothing back to Python, neither when it has drawn nor when
    the map is zoomed or panned. (A run that never comes can only be waited for: the check gives it
    a second.) The pointer on the date slider then asks for the days around the selected one: one
    more run."""
    runs = Runs(page)
    frame = open_map(page, app_url, "date=2023-04-23", day="2023-04-23")
    frame.locator(".leaflet-control-zoom-in").click()
    page.evaluate("window.map.panBy([120, -80], {animate: false})")
    page.wait_for_timeout(1000)
    assert runs.finished == 1
    expect(page.locator(".cm-day-panel")).to_have_attribute("data-ahead", "0")
    page.locator("[data-testid=stSlider]").hover()
    expect(page.locator(".cm-day-panel")).to_have_attribute("data-ahead", "4", timeout=STEP_MS)
    runs.wait_for(page, 2)
    assert runs.finished == 2


def test_pan_and_zoom_survive_a_step(page: Page, app_url: str, requests_log: RequestLog) -> None:
    frame = open_map(page, app_url, "date=2023-04-23", day="2023-04-23")
    start_zoom = page.evaluate("window.map.getZoom()")
    page.evaluate("window.__zoomEnds = 0; window.map.on('zoomend', () => { window.__zoomEnds += 1; })")
    frame.locator(".leaflet-control-zoom-in").click()
    page.wait_for_function("() => window.__zoomEnds >= 1", timeout=STEP_MS)
    page.evaluate("window.map.panBy([120, -80], {animate: false})")
    zoom = page.evaluate("window.map.getZoom()")
    center = page.evaluate("(() => { const c = window.map.getCenter(); return [c.lat, c.lng]; })()")
    assert zoom == start_zoom + 1
    same = SameMap(page)

    press_on_slider(page, "ArrowRight")
    expect_day(page, frame, "2023-04-24", "24 Apr 2023")
    same.assert_same()
    assert page.evaluate("window.map.getZoom()") == zoom
    after = page.evaluate("(() => { const c = window.map.getCenter(); return [c.lat, c.lng]; })()")
    assert after == pytest.approx(center, abs=1e-9)
    assert requests_log.external() == []


# --- deep links ---------------------------------------------------------------------------------


def test_a_deep_link_restores_date_layers_and_naming(page: Page, app_url: str, requests_log: RequestLog) -> None:
    frame = open_map(page, app_url, "date=2020-12-01&layers=corridor,places&naming=az", day="2020-12-01")
    expect_day(page, frame, "2020-12-01", "1 Dec 2020")
    expect(annotation(page)).to_have_attribute("data-event", "ev-2020-12-01-lachin-district")
    expect(frame.locator("path.cm-route")).to_have_count(1)  # only route A existed
    expect(frame.locator("path.cm-place")).to_have_count(PLACES)
    expect(frame.locator("path.cm-band")).to_have_count(0)
    expect(frame.locator("path.cm-border")).to_have_count(0)
    expect(frame.locator("path.cm-event")).to_have_count(0)
    expect(frame.locator(".cm-label", has_text="Lachin")).to_have_text("Lachin")
    expect(frame.locator(".cm-label", has_text="Berdzor")).to_have_count(0)
    expect(page.get_by_role("checkbox", name="Places")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Corridor route")).to_be_checked()
    expect(page.get_by_role("checkbox", name="5 km corridor band (illustrative)")).not_to_be_checked()
    expect(page.get_by_role("radio", name="Azerbaijani usage")).to_be_checked()
    expect(page.locator(".cm-share-link")).to_contain_text("date=2020-12-01")
    expect(page.locator(".cm-share-link")).to_contain_text("naming=az")
    assert "date=2020-12-01" in page.url
    assert requests_log.external() == []


def test_a_bad_deep_link_warns_and_shows_the_default_day(page: Page, app_url: str, requests_log: RequestLog) -> None:
    frame = open_map(page, app_url, "date=2023-02-30", day="2023-04-23")
    expect(page.get_by_text("2023-02-30", exact=False).first).to_be_visible()
    expect(page.locator("[data-testid=stAlertContentWarning]")).to_have_count(1)
    expect(frame.locator("path.cm-checkpoint")).to_have_count(1)
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    assert requests_log.external() == []


# --- what it looks like ---------------------------------------------------------------------------

STATUS_ON = {"2020-12-01": "open", "2023-04-23": "checkpoint", "2023-09-30": "exodus"}


@pytest.mark.parametrize("day", SCREENSHOT_DAYS)
def test_screenshot_of_the_map_page(page: Page, app_url: str, requests_log: RequestLog, day: str) -> None:
    frame = open_map(page, app_url, f"date={day}", day=day)
    in_use = frame.locator("path.cm-route-in-use")
    expect(in_use).to_have_count(1)
    expect(in_use).to_have_attribute("stroke", STATUS_COLOURS[STATUS_ON[day]])  # type: ignore[index]
    expect(frame.locator(".leaflet-container")).to_have_css("background-color", hex_to_rgb(WATER))
    expect(frame.locator(".cm-country-label")).to_have_count(2)
    save_screenshot(page, f"map-page-{day}")
    save_screenshot(page, f"map-{day}", element=MAP_HOST)
    assert requests_log.external() == []


LAYOUT_JS = """() => {
  const shown = (el) => el.offsetParent !== null && getComputedStyle(el).display !== 'none'
    && getComputedStyle(el).visibility !== 'hidden';
  const box = (el) => { const r = el.getBoundingClientRect();
    return {text: el.textContent.trim(), left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
  const map = document.querySelector('.cm-map-host');  // the Leaflet container, in the page
  const container = map.getBoundingClientRect();
  return {
    container: {left: container.left, top: container.top, right: container.right, bottom: container.bottom},
    labels: Array.from(map.querySelectorAll('.cm-label, .cm-country-label')).filter(shown).map(box),
    controls: Array.from(map.querySelectorAll('.leaflet-control')).filter(shown).map(box),
  };
}"""


def overlap(a: dict[str, Any], b: dict[str, Any], tolerance: float = LABEL_TOLERANCE_PX) -> bool:
    return (
        a["left"] + tolerance < b["right"]
        and b["left"] + tolerance < a["right"]
        and a["top"] + tolerance < b["bottom"]
        and b["top"] + tolerance < a["bottom"]
    )


@pytest.mark.parametrize("day", SCREENSHOT_DAYS)
def test_labels_are_readable_at_the_home_view(page: Page, app_url: str, day: str) -> None:
    """No label hides another, sits under a control (legend, stamp, zoom) or is cut by the map edge."""
    open_map(page, app_url, f"date={day}", day=day)
    # Streamlit lays the page out again after the first draw and the map re-fits its home view: wait
    # until two readings 200 ms apart agree before measuring.
    page.wait_for_function(
        f"() => {{ const s = JSON.stringify(({LAYOUT_JS})()); const same = window.__lastLayout === s;"
        " window.__lastLayout = s; return same; }",
        polling=200,
        timeout=LOAD_MS,
    )
    layout = page.evaluate(LAYOUT_JS)
    c = layout["container"]
    on_map = [lab for lab in layout["labels"] if overlap(lab, c, tolerance=0)]
    assert len(on_map) >= 8, on_map
    cut = [
        (lab["text"], [round(lab[k]) for k in ("left", "top", "right", "bottom")], [round(c[k]) for k in c])
        for lab in on_map
        if lab["left"] < c["left"] or lab["right"] > c["right"] or lab["top"] < c["top"] or lab["bottom"] > c["bottom"]
    ]
    hidden_by_labels = [(a["text"], b["text"]) for i, a in enumerate(on_map) for b in on_map[i + 1 :] if overlap(a, b)]
    under_controls = [
        (lab["text"], ctl["text"][:20]) for lab in on_map for ctl in layout["controls"] if overlap(lab, ctl)
    ]
    assert hidden_by_labels == [], f"labels overlap each other on {day}: {hidden_by_labels}"
    assert under_controls == [], f"labels sit under map controls on {day}: {under_controls}"
    assert cut == [], f"labels cut off by the map edge on {day}: {cut}"
