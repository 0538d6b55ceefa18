"""The region on the map in a real browser (issue 10): the 2020 Nagorno-Karabakh outline with its
caveat, the corridor, the checkpoint and rivers on 23 Apr 2023; the outline's "former" status on
1 Oct 2023; stepping across the takeover restyles the map in place. Screenshots of both days and of
the static map of the checkpoint slide go to tests/e2e/screenshots/.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from corridor.loader import load_dataset
from corridor.timemodel import Timeline
from export.briefing import default_briefing
from export.slides import build_slides
from export.static_map import render_map
from layers.style import NK_AREA, NK_FORMER
from tests.e2e.conftest import MAP_HOST, SCREENSHOTS, RequestLog, SameMap, save_screenshot
from tests.e2e.test_map_page import STEP_MS, expect_day, open_map, press_on_slider

CHECKPOINT_EVENT = "ev-2023-04-23-checkpoint"
RIVERS = 5


def test_on_23_april_2023_the_2020_outline_shows_with_its_caveat(
    page: Page, app_url: str, requests_log: RequestLog
) -> None:
    frame = open_map(page, app_url, "date=2023-04-23", day="2023-04-23")
    outline = frame.locator("path.cm-nk")
    expect(outline).to_have_count(1)
    expect(outline).to_have_class("cm-nk cm-nk-2020 leaflet-interactive cm-outline-current")
    expect(outline).to_have_attribute("stroke", NK_AREA["color"])
    expect(outline).to_have_attribute("fill", NK_AREA["fill"])
    note = frame.locator(".cm-map-note")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Where the data disagree")
    expect(note).to_contain_text("Hakari bridge")
    expect(frame.locator("path.cm-route-route_B2_kornidzor.cm-route-in-use")).to_have_count(1)
    expect(frame.locator("path.cm-checkpoint")).to_have_count(1)
    expect(frame.locator("path.cm-river")).to_have_count(RIVERS)
    expect(frame.locator(".cm-river-label")).to_have_count(RIVERS)
    expect(frame.locator("path.cm-corridor-edge")).to_have_count(0)  # the route changed on 30 Aug 2022
    expect(frame.locator("path.cm-nkao")).to_have_count(0)  # off by default
    frame.locator(".cm-legend-title").click()
    expect(frame.locator(".cm-legend")).to_contain_text("de facto control, not sovereignty")
    expect(frame.locator(".cm-legend")).to_contain_text("former")
    frame.locator(".cm-legend-title").click()
    save_screenshot(page, "region-2023-04-23", element=MAP_HOST)
    # One step out: the whole 2020 area, the Vorotan south of Goris and the Aras come into view.
    frame.locator(".leaflet-control-zoom-out").click()
    expect(frame.locator(".leaflet-container")).not_to_have_class("leaflet-zoom-anim")
    expect(frame.locator(".cm-river-label", has_text="Vorotan")).to_be_in_viewport()
    save_screenshot(page, "region-2023-04-23-wider", element=MAP_HOST)
    assert requests_log.external() == []


def test_on_1_october_2023_the_outline_is_former(page: Page, app_url: str, requests_log: RequestLog) -> None:
    frame = open_map(page, app_url, "date=2023-10-01&layers=rivers,nk2020,nkao,border,corridor,places,checkpoint",
                     day="2023-10-01")  # fmt: skip
    outline = frame.locator("path.cm-nk.cm-outline-former")
    expect(outline).to_have_count(1)
    expect(outline).to_have_attribute("fill", "none")
    expect(outline).to_have_attribute("stroke-dasharray", NK_FORMER["dash"])
    expect(frame.locator("path.cm-nk.cm-outline-current")).to_have_count(0)
    expect(frame.locator(".cm-map-note")).to_contain_text("former")
    expect(frame.locator("path.cm-nkao")).to_have_count(1)
    save_screenshot(page, "region-2023-10-01", element=MAP_HOST)
    assert requests_log.external() == []


def test_stepping_across_the_takeover_restyles_the_outline_in_place(
    page: Page, app_url: str, requests_log: RequestLog
) -> None:
    frame = open_map(page, app_url, "date=2023-09-20", day="2023-09-20")
    expect(frame.locator("path.cm-nk.cm-outline-current")).to_have_count(1)
    same = SameMap(page)
    press_on_slider(page, "ArrowRight")
    expect_day(page, frame, "2023-09-27", "27 Sept 2023")  # the next stop: Vardanyan detained
    expect(frame.locator("path.cm-nk.cm-outline-former")).to_have_count(1, timeout=STEP_MS)
    same.assert_same()
    assert requests_log.external() == []


@pytest.mark.parametrize("day", ["2021-01-01"])
def test_the_2020_corridor_edges_show_while_the_old_road_is_in_use(page: Page, app_url: str, day: str) -> None:
    frame = open_map(page, app_url, f"date={day}", day=day)
    expect(frame.locator("path.cm-corridor-edge")).to_have_count(2)
    expect(frame.locator(".cm-map-note")).to_be_hidden()  # the old road is inside the 2020 strip


def test_static_map_of_the_checkpoint_slide() -> None:
    """The briefing pack's static map for the checkpoint slide, saved to look at."""
    tl = Timeline(load_dataset())
    slides = build_slides(tl, default_briefing(tl.dataset))
    slide = next(s for s in slides if s.event.id == CHECKPOINT_EVENT)
    png = render_map(
        tl.dataset, slide.state, bounds=slide.fit, selected_event=slide.event.id, title=slide.event.title
    ).png
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "static-checkpoint-slide.png").write_bytes(png)
    assert png.startswith(b"\x89PNG")
