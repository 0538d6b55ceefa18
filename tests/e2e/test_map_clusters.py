"""10,000 events on the map: clusters with counts at the home view, the day's events drawn on top.

A second app is started with CORRIDOR_EXTRA_EVENTS naming 10,000 synthetic events
(scripts/generate_events.py). The screenshot goes to tests/e2e/screenshots/map-clusters-10000.png.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from corridor.loader import load_dataset
from corridor.timemodel import Timeline
from scripts.generate_events import write_events
from tests.apprunner import start_app
from tests.e2e.conftest import MAP_HOST, RequestLog, SameMap, map_root, save_screenshot

GEO_DIR = Path(__file__).resolve().parents[2] / "geo"
MANY = 10_000
DAY = dt.date(2023, 4, 23)
LOAD_MS = 90_000  # 10,000 events: the first page also builds and writes the bundle
STEP_MS = 20_000
MAX_CLUSTER_ICONS = 300  # a readable map, not thousands of circles

# What the map holds, read from CorridorMap's own state and the map's DOM (in the page).
STATE_JS = """() => {
  const E = window.CorridorMap.events;
  const counts = Array.from(document.querySelectorAll('.cm-map-host .cm-cluster')).map(c => c.textContent.trim());
  return {clustered: E.clustered, inClusterLayer: E.base.getLayers().length,
          current: Object.keys(E.current).length, counts: counts};
}"""
# For each of the day's markers: is the element at its centre a cluster (i.e. is it hidden under one)?
UNDER_CLUSTER_JS = """() => Array.from(document.querySelectorAll('.cm-map-host path.cm-event-current')).map(p => {
  const r = p.getBoundingClientRect();
  const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return !!(top && top.closest('.cm-cluster'));
})"""


@pytest.fixture(scope="module")
def many_events(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_events(tmp_path_factory.mktemp("clusters") / "events-10000.json", MANY)


@pytest.fixture(scope="module")
def timeline(many_events: Path) -> Timeline:
    return Timeline(load_dataset(GEO_DIR, extra_events=many_events))


@pytest.fixture(scope="module")
def many_app(many_events: Path) -> Iterator[str]:
    app = start_app(env={"CORRIDOR_EXTRA_EVENTS": str(many_events)})
    try:
        yield app.base
    finally:
        app.stop()


def located_up_to(tl: Timeline, day: dt.date) -> int:
    return sum(1 for e in tl.dataset.events if e.lonlat is not None and e.anchor <= day)


def located_current(tl: Timeline, day: dt.date) -> int:
    return sum(1 for e in tl.state_at(day).current_events if e.lonlat is not None)


def expect_events_of(page: Page, tl: Timeline, day: dt.date) -> dict:
    """The map shows ``day``: clusters hold every earlier event, the day's own are drawn apart."""
    frame = map_root(page)
    expect(frame.locator(".cm-stamp")).to_have_attribute("data-day", day.isoformat(), timeout=STEP_MS)
    expect(frame.locator("path.cm-event-current")).to_have_count(located_current(tl, day), timeout=STEP_MS)
    state = page.evaluate(STATE_JS)
    assert state["clustered"] is True
    assert state["current"] == located_current(tl, day)
    # Events after the day are not counted; the day's own are drawn on top, not inside clusters.
    assert state["inClusterLayer"] + state["current"] == located_up_to(tl, day)
    return state


def test_10000_events_show_as_clusters_with_counts_and_the_day_on_top(
    page: Page, many_app: str, timeline: Timeline
) -> None:
    requests = RequestLog(many_app)
    page.on("request", lambda req: requests.urls.append(req.url))
    page.set_default_navigation_timeout(LOAD_MS)
    page.goto(f"{many_app}/?date={DAY.isoformat()}")
    frame = map_root(page)
    expect(frame.locator(".cm-stamp")).to_have_attribute("data-day", DAY.isoformat(), timeout=LOAD_MS)
    expect(frame.locator(".cm-cluster").first).to_be_visible(timeout=STEP_MS)
    assert located_current(timeline, DAY) >= 1, "the test day must have events of its own"

    state = expect_events_of(page, timeline, DAY)
    counts = [int(text.replace(",", "")) for text in state["counts"]]
    assert 0 < len(counts) <= MAX_CLUSTER_ICONS, len(counts)
    assert min(counts) >= 2
    assert sum(counts) >= 0.5 * located_up_to(timeline, DAY), "most events in view are in the clusters"
    assert max(counts) >= 500, "the corridor's events form large clusters at the home view"
    expect(frame.locator(".cm-cluster-count", has_text="1,")).not_to_have_count(0)  # thousands read "1,234"
    assert not any(page.evaluate(UNDER_CLUSTER_JS)), "a day's event is hidden under a cluster"
    expect(frame.locator(".cm-legend .cm-swatch-cluster")).to_have_count(1)
    expect(page.locator(".cm-legend-strip .cm-lg-cluster")).to_have_count(1)  # the strip under the map too
    save_screenshot(page, "map-clusters-10000", element=MAP_HOST)
    save_screenshot(page, "map-page-clusters-10000")
    assert requests.external() == []


def test_a_step_updates_the_clusters_without_reloading_the_map(page: Page, many_app: str, timeline: Timeline) -> None:
    page.set_default_navigation_timeout(LOAD_MS)
    page.goto(f"{many_app}/?date={DAY.isoformat()}")
    frame = map_root(page)
    expect(frame.locator(".cm-stamp")).to_have_attribute("data-day", DAY.isoformat(), timeout=LOAD_MS)
    before = expect_events_of(page, timeline, DAY)
    same = SameMap(page)

    stops = list(timeline.stops)
    after_day = stops[stops.index(DAY) + 1]
    thumb = page.locator("[data-testid=stSlider]").get_by_role("slider")
    thumb.focus()
    thumb.press("ArrowRight")
    after = expect_events_of(page, timeline, after_day)
    assert after["inClusterLayer"] > before["inClusterLayer"]  # the previous day's events joined the clusters
    same.assert_same()

    # Zoomed into the streets, every event is drawn on its own.
    page.evaluate("() => { window.map.setView([39.6, 46.5], 14, {animate: false}); }")
    expect(frame.locator(".cm-cluster")).to_have_count(0, timeout=STEP_MS)
