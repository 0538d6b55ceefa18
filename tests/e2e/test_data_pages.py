"""Browser tests for the Timeline, Sources and Data pages in the real app.

Bring your own events: upload a CSV on the Data page, see its events drawn on the map and listed in
the timeline; follow a timeline row's link to the map at that date; download a KML file that
geopandas can read. Every test starts at the app's root and moves with the top navigation, as a user
does (a session's imported events live in that browser tab only).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import geopandas as gpd
import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from corridor.imports import guess_mapping, import_events, read_table
from corridor.loader import load_dataset
from corridor.records import Event
from tests.e2e.conftest import MAP_HOST, RequestLog, map_root, save_screenshot

IMPORTS = Path(__file__).resolve().parents[1] / "data" / "imports"
SAMPLE = IMPORTS / "acled_sample.csv"
ACLED_1000 = IMPORTS / "events_1000_acled.csv"  # dates like "23 April 2023", five bad rows
TIMEOUT_MS = 60_000  # generous: the machine may be busy with other test runs
# The Timeline table's geometry (pages/timeline.py): row-marker column, then Date and Map, 110 px each.
HEADER_PX = 35
ROW_PX = 35
ROW_MARKER_PX = 33
DATE_COLUMN_PX = 110


@pytest.fixture(scope="module")
def bundled() -> tuple[Event, ...]:
    """The bundled events."""
    return load_dataset().events


@pytest.fixture(scope="module")
def sample_events() -> tuple[Event, ...]:
    """The events the sample CSV holds (checked the way the Data page checks them)."""
    table = read_table(SAMPLE.read_bytes(), SAMPLE.name)
    places = {p.id: p for p in load_dataset().places}
    result = import_events(table, guess_mapping(table.columns), places=places)
    assert len(result.events) == 5 and not result.rejected
    return result.events


def located_by(events: tuple[Event, ...], day: dt.date) -> int:
    """How many of these events the map draws on ``day`` (positioned, and happened by then)."""
    return sum(1 for e in events if e.lonlat is not None and e.anchor <= day)


def open_app(page: Page, app_url: str) -> None:
    """Open the app at its root (the map) and wait until the map has drawn a day."""
    page.goto(app_url)
    expect(map_root(page).locator(".cm-stamp")).to_have_attribute(
        "data-day", re.compile(r"^\d{4}-"), timeout=TIMEOUT_MS
    )


def go(page: Page, title: str) -> None:
    """Move to another page with the top navigation (same tab, same session)."""
    page.locator("[data-testid=stTopNavLink]", has_text=title).click()
    expect(page.locator("[data-testid=stTopNavLink][aria-current=page]")).to_have_text(title, timeout=TIMEOUT_MS)


def settled(page: Page) -> None:
    """Wait until the page has finished drawing: no placeholder or stale element, every table filled."""
    expect(page.locator("[data-testid=stSkeleton]")).to_have_count(0, timeout=TIMEOUT_MS)
    expect(page.locator("[data-stale=true]")).to_have_count(0, timeout=TIMEOUT_MS)
    for table in page.locator("[data-testid=stDataFrame]").all():
        expect(table.locator("table [role=columnheader]").first).to_be_attached(timeout=TIMEOUT_MS)


def map_day(page: Page) -> dt.date:
    """The day the map shows."""
    stamp = map_root(page).locator(".cm-stamp")
    expect(stamp).to_have_attribute("data-day", re.compile(r"^\d{4}-"), timeout=TIMEOUT_MS)
    return dt.date.fromisoformat(str(stamp.get_attribute("data-day")))


def events_layer_is_on(page: Page) -> None:
    """The map's Events layer is ticked: on by default, and the map page's controls keep their values
    while another page is shown (they once came back unticked)."""
    toggle = page.get_by_role("checkbox", name="Events", exact=True)
    expect(toggle).to_be_checked(timeout=TIMEOUT_MS)


def table_cells(page: Page) -> Locator:
    """The Timeline table's cells as its accessible (off-screen) grid lists them."""
    return page.locator("[data-testid=stDataFrame] table td")


def search_timeline(page: Page, text: str, rows: int) -> Locator:
    """Type into the Timeline search box; wait until the table holds ``rows`` rows; return the grid."""
    box = page.get_by_role("textbox", name="Search")
    box.fill(text)
    box.press("Enter")
    expect(page.get_by_text(re.compile(rf"^{rows} of \d+ events match\.$"))).to_be_visible(timeout=TIMEOUT_MS)
    grid = page.locator("[data-testid=stDataFrame] canvas").first
    grid.scroll_into_view_if_needed()
    return grid


def row_point(grid: Locator, row: int, x_offset: float) -> tuple[float, float]:
    """Page coordinates inside a table row (0 = first data row) at ``x_offset`` px from the left."""
    box = grid.bounding_box()
    assert box is not None
    return box["x"] + x_offset, box["y"] + HEADER_PX + ROW_PX * row + ROW_PX / 2


def click_at(page: Page, point: tuple[float, float]) -> None:
    """Hover, then click: the grid's link cells react to a click only after the pointer hovered them."""
    x, y = point
    page.mouse.move(x - 2, y)
    page.mouse.move(x, y)
    page.mouse.click(x, y)


def test_uploaded_events_appear_on_the_map_and_in_the_timeline(
    page: Page,
    app_url: str,
    requests_log: RequestLog,
    bundled: tuple[Event, ...],
    sample_events: tuple[Event, ...],
) -> None:
    open_app(page, app_url)
    before_day = map_day(page)
    events = map_root(page).locator("path.cm-event")
    expect(events).to_have_count(located_by(bundled, before_day), timeout=TIMEOUT_MS)

    go(page, "Data")
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(SAMPLE))
    expect(page.get_by_text("5 rows: 5 load")).to_be_visible(timeout=TIMEOUT_MS)
    page.get_by_role("button", name="Add 5 events to the map and timeline").click()
    expect(page.get_by_text("5 imported events are on the map and in the timeline")).to_be_visible(timeout=TIMEOUT_MS)
    settled(page)
    save_screenshot(page, "data-page-after-import")

    go(page, "Map")
    events_layer_is_on(page)
    day = map_day(page)
    assert located_by(sample_events, day) == 5, f"the map opened on {day}, before the sample's events"
    expect(events).to_have_count(located_by(bundled, day) + 5, timeout=TIMEOUT_MS)
    save_screenshot(page, "map-with-imported-events", element=MAP_HOST)

    go(page, "Timeline")
    expect(page.get_by_text("Includes 5 events imported in this session.")).to_be_visible(timeout=TIMEOUT_MS)
    search_timeline(page, "Synthetic test row", rows=5)
    for event in sample_events:
        expect(table_cells(page).filter(has_text=event.title)).to_have_count(1)
    settled(page)
    save_screenshot(page, "timeline-with-imported-events")
    assert requests_log.external() == []


def test_an_acled_download_loads_with_default_settings(page: Page, app_url: str) -> None:
    open_app(page, app_url)
    go(page, "Data")
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(ACLED_1000))
    expect(page.get_by_text("1000 rows: 995 load")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text("5 rejected")).to_be_visible()
    expect(page.get_by_text("Recognised layout: ACLED")).to_be_visible()
    expect(page.locator("[data-testid=stAlertContentError]")).to_have_count(0)
    settled(page)
    save_screenshot(page, "data-page-acled-1000")
    page.get_by_role("button", name="Add 995 events to the map and timeline").click()
    expect(page.get_by_text("995 imported events are on the map and in the timeline")).to_be_visible(timeout=TIMEOUT_MS)
    go(page, "Timeline")
    expect(page.get_by_text("Includes 995 events imported in this session.")).to_be_visible(timeout=TIMEOUT_MS)


def timeline_after_importing_the_sample(page: Page, app_url: str) -> Locator:
    """Import the five-event sample on the Data page, open the Timeline and find its patrol row."""
    open_app(page, app_url)
    go(page, "Data")
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(SAMPLE))
    page.get_by_role("button", name="Add 5 events to the map and timeline").click()
    expect(page.get_by_text("5 imported events are on the map")).to_be_visible(timeout=TIMEOUT_MS)
    go(page, "Timeline")
    return search_timeline(page, "patrol along the corridor", rows=1)


def test_a_selected_imported_event_opens_on_the_map_in_this_tab(page: Page, app_url: str) -> None:
    grid = timeline_after_importing_the_sample(page, app_url)
    click_at(page, row_point(grid, 0, ROW_MARKER_PX / 2))  # the row's selection box
    page.get_by_role("button", name="Show the selected event on the map").click()
    events_layer_is_on(page)
    assert map_day(page) == dt.date(2023, 4, 2)
    expect(map_root(page).locator("path.cm-event-current")).to_have_count(1, timeout=TIMEOUT_MS)
    expect(page.get_by_text("Synthetic test row: patrol along the corridor.").first).to_be_visible()


def test_open_on_map_in_a_new_tab_keeps_the_imported_events(
    page: Page, app_url: str, context: BrowserContext, sample_events: tuple[Event, ...]
) -> None:
    grid = timeline_after_importing_the_sample(page, app_url)
    settled(page)
    with context.expect_page(timeout=TIMEOUT_MS) as opened:
        click_at(page, row_point(grid, 0, ROW_MARKER_PX + DATE_COLUMN_PX + 40))  # on "Open on map"
    map_page = opened.value
    patrol = next(e for e in sample_events if "patrol" in e.title)
    expect(map_page).to_have_url(re.compile(rf"event={patrol.id}.*&imported=[0-9a-f]{{32}}"), timeout=TIMEOUT_MS)
    assert map_day(map_page) == dt.date(2023, 4, 2)
    expect(map_page.get_by_text(patrol.title).first).to_be_visible(timeout=TIMEOUT_MS)
    expect(map_page.get_by_text("no longer holds")).to_have_count(0)


def test_a_timeline_link_opens_the_map_at_that_date(page: Page, app_url: str, context: BrowserContext) -> None:
    open_app(page, app_url)
    go(page, "Timeline")
    grid = search_timeline(page, "ICJ provisional measures", rows=1)
    link = "./?date=2023-02-22&event=ev-2023-02-22-icj-order"
    expect(table_cells(page).filter(has_text=link)).to_have_count(1)
    settled(page)
    save_screenshot(page, "timeline-page")
    with context.expect_page(timeout=TIMEOUT_MS) as opened:
        click_at(page, row_point(grid, 0, ROW_MARKER_PX + DATE_COLUMN_PX + 40))  # on "Open on map"
    map_page = opened.value
    expect(map_page).to_have_url(re.compile(r"\?date=2023-02-22&event=ev-2023-02-22-icj-order"), timeout=TIMEOUT_MS)
    assert map_day(map_page) == dt.date(2023, 2, 22)
    expect(map_page.get_by_text("ICJ provisional measures order").first).to_be_visible(timeout=TIMEOUT_MS)
    expect(map_page.get_by_text("Page not found")).to_have_count(0)
    settled(map_page)
    save_screenshot(map_page, "map-from-timeline-link")


def test_sources_page_shows_renderings_provenance_and_corrections(page: Page, app_url: str) -> None:
    open_app(page, app_url)
    go(page, "Sources")
    expect(page.get_by_role("heading", name="Statements and their renderings")).to_be_visible(timeout=TIMEOUT_MS)
    dataset = load_dataset()
    correction = next(s.correction for s in dataset.statements if s.correction)
    expect(page.locator("li", has_text=correction)).to_have_count(1)
    expect(page.locator("li", has_text=dataset.bands[0].warning)).to_have_count(1)
    expect(page.get_by_role("heading", name="Where each feature comes from")).to_be_visible()
    settled(page)
    save_screenshot(page, "sources-page")
    page.get_by_role("textbox", name="Search").fill("signed two years")
    page.get_by_role("textbox", name="Search").press("Enter")
    expect(page.get_by_text("2 renderings of 1 statements match.")).to_be_visible(timeout=TIMEOUT_MS)
    settled(page)
    save_screenshot(page, "sources-page-search")


def test_data_page_downloads_a_kml_that_geopandas_reads(page: Page, app_url: str, tmp_path: Path) -> None:
    open_app(page, app_url)
    go(page, "Data")
    expect(page.get_by_role("heading", name="Catalogue")).to_be_visible(timeout=TIMEOUT_MS)
    settled(page)
    save_screenshot(page, "data-page")
    with page.expect_download(timeout=TIMEOUT_MS) as download:
        page.get_by_role("button", name="Download KML").click()
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    assert target.name == "lachin_corridor.kml"
    frame = gpd.read_file(target)
    dataset = load_dataset()
    polygons = len(dataset.borders["features"]) + len(dataset.region["features"])
    outlines = len(dataset.region_features)  # NK outlines, corridor edges, rivers
    records = len(dataset.events) + len(dataset.places) + len(dataset.routes) + len(dataset.bands)
    assert len(frame) == records + polygons + outlines
    assert "Hakari bridge" in set(frame["Name"])


def test_the_timeline_filters_survive_a_visit_to_the_map(page: Page, app_url: str) -> None:
    """An actor chosen and words searched on the Timeline are still there, with the same rows, after the
    Map page (Streamlit drops the values of widgets a run does not draw, unless they are kept)."""
    open_app(page, app_url)
    go(page, "Timeline")
    actors = page.locator("[data-testid=stMultiSelect]").filter(has_text="Actors")
    actors.click()
    page.get_by_role("option", name="ICJ", exact=True).click()
    page.keyboard.press("Escape")  # close the list
    expect(page.get_by_text(re.compile(r"^3 of \d+ events match\.$"))).to_be_visible(timeout=TIMEOUT_MS)
    search_timeline(page, "withdraw", rows=2)
    titles = ("Armenia asks ICJ to modify its order", "ICJ declines to modify its 22 February 2023 order")

    def same_filter_and_rows() -> None:
        expect(actors).to_contain_text("ICJ", timeout=TIMEOUT_MS)
        expect(actors).not_to_contain_text("All actors")
        expect(page.get_by_role("textbox", name="Search")).to_have_value("withdraw")
        expect(page.get_by_text(re.compile(r"^2 of \d+ events match\.$"))).to_be_visible(timeout=TIMEOUT_MS)
        for title in titles:
            expect(table_cells(page).filter(has_text=title)).to_have_count(1, timeout=TIMEOUT_MS)

    same_filter_and_rows()
    go(page, "Map")
    map_day(page)  # the map page has drawn its day
    go(page, "Timeline")
    same_filter_and_rows()
    settled(page)
    save_screenshot(page, "timeline-filters-after-the-map")
