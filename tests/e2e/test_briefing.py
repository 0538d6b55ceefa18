"""The Briefing page in Chromium: keyboard stepping without rebuilding the map (drawn in the page
itself), arrow keys left to the map while it has the focus, the two views, and the offline HTML map
opened with every network request blocked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from corridor.loader import load_dataset
from corridor.timemodel import Timeline
from export.briefing import Briefing, default_briefing
from export.html import build_html
from export.slides import Slide, build_slides
from tests.e2e.conftest import RequestLog, SameMap, map_root, save_screenshot
from ui import keys
from ui.briefing_clock import START
from ui.keyboard import FLAG, SLIDE_KEYS

TIMEOUT_MS = 30_000
BUILD_TIMEOUT_MS = 240_000  # the whole bundled pack, on a shared 2-core machine


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return Timeline(load_dataset())


@pytest.fixture(scope="module")
def slides(timeline: Timeline) -> tuple[Slide, ...]:
    return build_slides(timeline, default_briefing(timeline.dataset))


def _open(page: Page, app_url: str, slides: tuple[Slide, ...]) -> None:
    # Through the top navigation: a direct /briefing URL is resolved by Streamlit's pages/ folder
    # discovery and skips dashboard.py (no st.navigation, no page config); see the report.
    page.goto(f"{app_url}/")
    expect(map_root(page).locator("path.cm-route").first).to_be_attached(timeout=TIMEOUT_MS)
    page.get_by_role("link", name="Briefing", exact=True).click()
    map_ = map_root(page)
    expect(map_.locator("path.cm-route").first).to_be_attached(timeout=TIMEOUT_MS)
    expect(map_.locator(".cm-map")).to_have_attribute("data-day", slides[0].state.day.isoformat(), timeout=TIMEOUT_MS)
    expect(page.locator(".bp-count")).to_have_text(f"Slide 1 of {len(slides)}")
    page.wait_for_function(f"window.{FLAG} === true", timeout=TIMEOUT_MS)  # the key listener is installed
    # The page's run is over: on a machine loaded by another test run, CI lost a "Build the pack" click
    # made while the page's first run may still have been going (the button stayed enabled, no build).
    page.wait_for_function(IDLE_JS, timeout=TIMEOUT_MS)


IDLE_JS = (
    "() => document.querySelector(\"[data-testid='stApp']\")?.getAttribute('data-test-script-state') === 'notRunning'"
)


def _press(page: Page, key: str) -> None:
    # One key at a time, once its button is there to click (keys pressed at once are queued by the
    # listener: test_keys_pressed_while_a_slide_is_on_its_way_are_each_turned_once).
    expect(page.locator(f".st-key-{SLIDE_KEYS[key]} button")).to_be_enabled(timeout=TIMEOUT_MS)
    _blur(page)
    page.keyboard.press(key)


def _blur(page: Page) -> None:
    """Nothing has the focus (keys are ignored in a field and arrows pan a focused map)."""
    page.evaluate("document.activeElement && document.activeElement.blur && document.activeElement.blur()")


def _expect_slide(page: Page, slides: tuple[Slide, ...], number: int) -> None:
    expect(page.locator(".bp-count")).to_have_text(f"Slide {number} of {len(slides)}", timeout=TIMEOUT_MS)
    day = slides[number - 1].state.day.isoformat()
    expect(map_root(page).locator(".cm-map")).to_have_attribute("data-day", day, timeout=TIMEOUT_MS)


def test_keyboard_steps_through_slides_without_reloading_the_map(
    page: Page, app_url: str, slides: tuple[Slide, ...], requests_log: RequestLog
) -> None:
    _open(page, app_url, slides)
    same = SameMap(page)

    _press(page, "PageDown")  # what a presentation clicker sends
    _expect_slide(page, slides, 2)
    _press(page, "ArrowRight")
    _expect_slide(page, slides, 3)
    _press(page, "PageUp")
    _expect_slide(page, slides, 2)
    _press(page, "ArrowLeft")
    _expect_slide(page, slides, 1)
    _press(page, "End")
    _expect_slide(page, slides, len(slides))
    _press(page, "Home")
    _expect_slide(page, slides, 1)
    checkpoint = next(s for s in slides if s.event.id == "ev-2023-04-23-checkpoint")
    for number in range(2, checkpoint.number + 1):
        _press(page, "PageDown")
        _expect_slide(page, slides, number)
    expect(map_root(page).locator("path.cm-checkpoint")).to_have_count(1)
    expect(page.locator(".bp-changed")).to_contain_text("A checkpoint appeared")

    same.assert_same()
    main_text = page.locator("[data-testid='stMain']").inner_text()
    assert "font-size" not in main_text and ".bp-slide" not in main_text  # styles applied, not shown as text
    quote = page.locator(".bp-slide .cm-quote blockquote").first
    assert quote.evaluate("q => getComputedStyle(q).opacity") == "1"  # projector contrast: not dimmed
    page.wait_for_function(f"() => ({UNDER_STAMP_JS})().length === 0", timeout=TIMEOUT_MS)  # live map too
    page.wait_for_function(f"() => ({OUTSIDE_JS})().length === 0", timeout=TIMEOUT_MS)
    save_screenshot(page, "briefing-checkpoint-slide")
    page.set_viewport_size({"width": 1280, "height": 800})  # a narrower projector: still no label under it
    page.wait_for_function(f"() => ({UNDER_STAMP_JS})().length === 0", timeout=TIMEOUT_MS)
    page.wait_for_function(f"() => ({OUTSIDE_JS})().length === 0", timeout=TIMEOUT_MS)  # none clipped by the map
    assert page.evaluate(f"({SHOWN_JS})()") > 3
    same.assert_same()
    save_screenshot(page, "briefing-checkpoint-slide-1280")
    assert requests_log.external() == []


def test_keys_pressed_while_a_slide_is_on_its_way_are_each_turned_once(
    page: Page, app_url: str, slides: tuple[Slide, ...]
) -> None:
    """A clicker pressed twice, or End then Page Up, without waiting: each key turns one slide, in
    order. Page Up just after End, on slide 1, found 'Previous' still disabled (the buttons were
    slide 1's until End's run had drawn them) and was lost."""
    _open(page, app_url, slides)
    _blur(page)
    page.keyboard.press("End")
    page.keyboard.press("PageUp")
    _expect_slide(page, slides, len(slides) - 1)
    page.keyboard.press("Home")
    page.keyboard.press("PageDown")
    page.keyboard.press("PageDown")
    page.keyboard.press("ArrowRight")
    _expect_slide(page, slides, 4)
    page.wait_for_timeout(1500)  # no key is turned twice: the slide stays
    _expect_slide(page, slides, 4)
    page.wait_for_timeout(16_000)  # a presenter talks: a key long after the last one turns too
    page.keyboard.press("PageDown")
    _expect_slide(page, slides, 5)


# Clicks on the slide buttons (what the key listener of ui/keyboard.py does for a bound key).
COUNT_SLIDE_CLICKS = f"""() => {{
  window.__slideClicks = 0;
  document.addEventListener("click", (e) => {{
    if (e.target.closest(".st-key-{keys.SLIDE_NEXT}, .st-key-{keys.SLIDE_PREV}")) {{ window.__slideClicks += 1; }}
  }}, true);
}}"""
CENTER_JS = "() => { const c = window.map.getCenter(); return [c.lat, c.lng]; }"


def test_arrow_keys_pan_the_focused_map_and_the_clicker_keys_still_turn_slides(
    page: Page, app_url: str, slides: tuple[Slide, ...]
) -> None:
    """With the focus on the map (in the page now), ArrowRight pans it and turns no slide; PageDown,
    a clicker's key, still turns the slide."""
    _open(page, app_url, slides)
    same = SameMap(page)
    page.evaluate(COUNT_SLIDE_CLICKS)
    container = map_root(page).locator(".leaflet-container")
    container.focus()
    assert page.evaluate("document.activeElement.classList.contains('leaflet-container')")
    center = page.evaluate(CENTER_JS)
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"(c) => JSON.stringify(({CENTER_JS})()) !== JSON.stringify(c)", arg=center,
                           timeout=TIMEOUT_MS)  # fmt: skip
    assert page.evaluate(CENTER_JS)[1] > center[1]  # panned east
    assert page.evaluate("window.__slideClicks") == 0, "ArrowRight on the map turned a slide"
    expect(page.locator(".bp-count")).to_have_text(f"Slide 1 of {len(slides)}")
    page.keyboard.press("PageDown")
    assert page.evaluate("window.__slideClicks") == 1
    _expect_slide(page, slides, 2)
    same.assert_same()


def test_keys_are_ignored_while_typing(page: Page, app_url: str, slides: tuple[Slide, ...]) -> None:
    _open(page, app_url, slides)
    notes = page.get_by_label("Speaker notes for this slide (hidden in audience view)")
    notes.click()
    page.keyboard.press("End")
    page.keyboard.press("PageDown")
    page.keyboard.type("Mention the 2020 text")
    expect(notes).to_have_value("Mention the 2020 text")
    expect(page.locator(".bp-count")).to_have_text(f"Slide 1 of {len(slides)}")


def test_audience_view_hides_the_notes_and_the_sidebar(page: Page, app_url: str, slides: tuple[Slide, ...]) -> None:
    _open(page, app_url, slides)
    expect(page.get_by_label("Speaker notes for this slide (hidden in audience view)")).to_be_visible()
    page.get_by_text("Audience view", exact=True).click()
    expect(page.get_by_label("Speaker notes for this slide (hidden in audience view)")).to_have_count(0)
    expect(page.locator("section[data-testid='stSidebar']")).to_be_hidden()
    _press(page, "PageDown")
    _expect_slide(page, slides, 2)
    save_screenshot(page, "briefing-audience-view")
    page.get_by_text("Presenter view", exact=True).click()
    expect(page.get_by_label("Speaker notes for this slide (hidden in audience view)")).to_be_visible()


def _seconds(text: str) -> int:
    parts = [int(p) for p in text.split(":")]
    return sum(v * 60**i for i, v in enumerate(reversed(parts)))


def test_the_presenter_clock_ticks_survives_the_clicker_keys_and_resets(
    page: Page, app_url: str, slides: tuple[Slide, ...]
) -> None:
    _open(page, app_url, slides)
    clock = page.frame_locator(f"iframe[srcdoc*='{START}']")
    elapsed = clock.locator("#elapsed")
    expect(elapsed).to_have_text(re.compile(r"^0:0[2-9]$"), timeout=TIMEOUT_MS)  # it ticks in the browser
    _press(page, "PageDown")  # a clicker's key: the next slide, and the clock keeps counting
    _expect_slide(page, slides, 2)
    expect(elapsed).to_have_text(re.compile(r"^\d+:\d\d$"))
    assert _seconds(elapsed.inner_text()) >= 2
    save_screenshot(page, "briefing-presenter-clock")
    clock.get_by_role("button", name="Reset").click()
    expect(elapsed).to_have_text(re.compile(r"^0:0[01]$"))
    _press(page, "PageUp")
    _expect_slide(page, slides, 1)
    assert _seconds(elapsed.inner_text()) < 10  # not restarted from the first display by the step


def test_building_the_pack_shows_progress_keeps_the_page_responsive_then_offers_downloads(
    page: Page, app_url: str, slides: tuple[Slide, ...]
) -> None:
    """The whole bundled briefing in every format, built in the background: 'Slide N of M' shows while
    it builds, the slides still step with the keyboard meanwhile, and the downloads appear at the end."""
    _open(page, app_url, slides)
    page.get_by_text("Briefing pack (works offline)").click()
    page.get_by_role("button", name="Build the pack").click()
    sidebar = page.locator("section[data-testid='stSidebar']")
    expect(sidebar.get_by_text(re.compile(rf"Slide \d+ of {len(slides)}: map drawn"))).to_be_visible(
        timeout=BUILD_TIMEOUT_MS
    )
    expect(page.get_by_role("button", name="Build the pack")).to_be_disabled()
    _press(page, "PageDown")  # the session is not blocked: the page steps while the pack builds
    _expect_slide(page, slides, 2)
    expect(sidebar.get_by_text(re.compile(rf"Slide \d+ of {len(slides)}"))).to_be_visible()
    save_screenshot(page, "briefing-pack-building")
    zip_button = sidebar.get_by_role("button", name="the-lachin-corridor-2020-2024-pack.zip")
    expect(zip_button).to_be_visible(timeout=BUILD_TIMEOUT_MS)
    expect(sidebar.get_by_role("button", name="the-lachin-corridor-2020-2024.pptx")).to_be_visible()
    expect(sidebar.get_by_role("button", name="the-lachin-corridor-2020-2024.pdf")).to_be_visible()
    expect(sidebar.get_by_text(re.compile(r"Pack ready: \d+ files"))).to_be_visible()
    save_screenshot(page, "briefing-pack-ready")
    with page.expect_download() as download:
        zip_button.click()
    assert download.value.suggested_filename == "the-lachin-corridor-2020-2024-pack.zip"


def test_offline_html_renders_with_every_request_blocked(page: Page, tmp_path: Path, timeline: Timeline) -> None:
    ds = timeline.dataset
    chosen = ("ev-2022-08-30-new-route", "ev-2022-12-12-blockade", "ev-2023-04-23-checkpoint")
    slides = build_slides(timeline, Briefing("Offline test", chosen))
    path = tmp_path / "map.html"
    path.write_text(build_html(ds, slides, title="Offline test"), encoding="utf-8")
    blocked: list[str] = []
    errors: list[str] = []

    def route(r: Route) -> None:
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(path.as_uri())
    expect(page.locator("path.cm-route").first).to_be_attached(timeout=TIMEOUT_MS)
    expect(page.locator(".cm-map")).to_have_attribute("data-day", "2022-08-30")
    expect(page.locator("#bp-count")).to_have_text("Slide 1 of 3")
    page.keyboard.press("PageDown")
    expect(page.locator(".cm-map")).to_have_attribute("data-day", "2022-12-12")
    page.locator("#bp-next").click()
    expect(page.locator(".cm-map")).to_have_attribute("data-day", "2023-04-23")
    expect(page.locator("path.cm-checkpoint")).to_have_count(1)
    expect(page.locator(".bp-panel:not([hidden]) .bp-title")).to_have_text(ds.event(chosen[2]).title)
    save_screenshot(page, "briefing-offline-html")
    assert blocked == []
    assert errors == []


@pytest.mark.parametrize("width", [1920, 1280])
def test_offline_html_date_stamp_hides_no_place_label(
    page: Page, tmp_path: Path, timeline: Timeline, width: int
) -> None:
    """DOM rectangles: no visible place label meets the date stamp, on every slide, at two widths."""
    chosen = ("ev-2023-04-23-checkpoint", "ev-2023-04-24-peskov", "ev-2023-06-15-hakari-shooting")
    slides = build_slides(timeline, Briefing("Stamp test", chosen))
    path = tmp_path / "map.html"
    path.write_text(build_html(timeline.dataset, slides, title="Stamp test"), encoding="utf-8")
    page.set_viewport_size({"width": width, "height": round(width * 9 / 16)})
    page.goto(path.as_uri())
    for number, s in enumerate(slides, start=1):
        expect(page.locator(".cm-map")).to_have_attribute("data-day", s.state.day.isoformat(), timeout=TIMEOUT_MS)
        expect(page.locator(".leaflet-tooltip").first).to_be_attached(timeout=TIMEOUT_MS)
        page.wait_for_function(f"() => ({UNDER_STAMP_JS})().length === 0", timeout=TIMEOUT_MS)
        page.wait_for_function(f"() => ({OUTSIDE_JS})().length === 0", timeout=TIMEOUT_MS)
        labels = page.evaluate("() => document.querySelectorAll('.leaflet-tooltip').length")
        assert labels > 3
        save_screenshot(page, f"briefing-offline-stamp-{width}-{number}")
        page.keyboard.press("PageDown")


# Visible labels whose DOM rectangle leaves the map's container (clipped by the frame).
OUTSIDE_JS = """
() => {
  const c = document.querySelector('.cm-map').getBoundingClientRect();
  return [...document.querySelectorAll('.leaflet-tooltip')].filter(t => {
    const b = t.getBoundingClientRect();
    const shown = getComputedStyle(t).visibility !== 'hidden' && getComputedStyle(t).display !== 'none' && b.width > 0;
    return shown && (b.left < c.left || b.right > c.right || b.top < c.top || b.bottom > c.bottom);
  }).map(t => t.textContent);
}
"""
SHOWN_JS = """
() => [...document.querySelectorAll('.leaflet-tooltip')].filter(
  t => getComputedStyle(t).visibility !== 'hidden' && t.getBoundingClientRect().width > 0).length
"""
UNDER_STAMP_JS = """
() => {
  const boxes = [...document.querySelectorAll('.cm-stamp, .cm-map-note')]
    .filter(n => getComputedStyle(n).display !== 'none').map(n => n.getBoundingClientRect());
  return [...document.querySelectorAll('.leaflet-tooltip')].filter(t => {
    const b = t.getBoundingClientRect();
    const shown = getComputedStyle(t).visibility !== 'hidden' && b.width > 0;
    return shown && boxes.some(s => !(b.right < s.left || b.left > s.right || b.bottom < s.top || b.top > s.bottom));
  }).map(t => t.textContent);
}
"""
