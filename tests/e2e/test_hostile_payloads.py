"""Hostile text in a real browser: nothing runs, nothing leaves the app, payloads read as text.

A second app instance is started with CORRIDOR_EXTRA_EVENTS naming
tests/hardening/corpus/extra_events_payloads.json: three valid events whose title, description,
place label, status note, type and actors are <script>, <img onerror>, <svg onload>, javascript:
and markdown-link payloads. Two share 10 May 2023 (so the page shows a radio of their titles); the
third is dated only to May 2023 (so it shows as "in progress"). Every payload that
would run sets ``window.__pwned`` (in its own window and its parent), logs 'PWNED' or opens an
alert; the tests check that none of that happened in the page (where the map is drawn now, no
iframe) or in any frame it holds, that no element carries an inline event handler, and that every
link on the page is http(s) or relative. Deep links with hostile parameters must show warnings and
run nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest
from playwright.sync_api import Page, expect

from tests.apprunner import start_app
from tests.e2e.conftest import map_root, save_screenshot

ROOT = Path(__file__).resolve().parents[2]
EXTRA_EVENTS = ROOT / "tests" / "hardening" / "corpus" / "extra_events_payloads.json"
TIMEOUT_MS = 60_000
HOSTILE_DAY = "2023-05-10"
LINKS_JS = "els => els.map(e => e.getAttribute('href'))"
# Elements with an inline handler (onerror=, onload=, ...): what an <img>/<svg> payload parsed as HTML leaves.
HANDLERS_JS = """() => Array.from(document.querySelectorAll('*'))
  .filter(e => Array.from(e.attributes).some(a => a.name.toLowerCase().startsWith('on')))
  .map(e => e.outerHTML.slice(0, 120))"""


@pytest.fixture(scope="module")
def hostile_app() -> Iterator[str]:
    """An app whose events include the payload events."""
    app = start_app(env={"CORRIDOR_EXTRA_EVENTS": str(EXTRA_EVENTS)})
    try:
        yield app.base
    finally:
        app.stop()


@dataclass
class Watch:
    """What the page did that it should not have: dialogs, 'PWNED' console lines, foreign requests."""

    base: str
    dialogs: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        host = urlparse(self.base).netloc
        return [u for u in self.requests if urlparse(u).scheme not in ("data", "blob", "about")
                and urlparse(u).netloc != host]  # fmt: skip

    def image_probes(self) -> list[str]:
        """Requests an injected <img src=x> would make (relative 'x', 'p.png')."""
        return [u for u in self.requests if urlparse(u).path.rsplit("/", 1)[-1] in ("x", "p.png", "pixel.png")]


@pytest.fixture
def watch(page: Page, hostile_app: str) -> Watch:
    w = Watch(hostile_app)

    def on_dialog(dialog: object) -> None:
        w.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    page.on("dialog", on_dialog)
    page.on("console", lambda msg: w.console.append(msg.text))
    page.on("request", lambda req: w.requests.append(req.url))
    return w


def wait_for_map_day(page: Page, day: str) -> None:
    expect(map_root(page).locator(f".leaflet-container[data-day='{day}']")).to_have_count(1, timeout=TIMEOUT_MS)


def assert_nothing_ran(page: Page, watch: Watch) -> None:
    """No payload ran in the page (the map is drawn there) or in any frame of it, and none is markup."""
    frames = [f for f in page.frames if not f.is_detached()]
    assert page.main_frame in frames
    for where in frames:
        assert where.evaluate("typeof window.__pwned") == "undefined", where.url
        assert where.evaluate(HANDLERS_JS) == [], f"an inline event handler in {where.url}"
    assert watch.dialogs == []
    assert not [m for m in watch.console if "PWNED" in m]
    assert watch.foreign_requests() == []
    assert watch.image_probes() == []
    for where in frames:
        for href in where.eval_on_selector_all("a[href]", LINKS_JS):
            scheme = urlparse(href).scheme.lower()
            assert scheme in ("", "http", "https"), f"link {href!r}"
        assert (
            where.locator("script:not([src])").evaluate_all(
                "els => els.filter(e => /__pwned|PWNED/.test(e.textContent)).length"
            )
            == 0
        ), "an injected inline script is in the DOM"


def test_payload_events_render_as_text_and_run_nothing(page: Page, hostile_app: str, watch: Watch) -> None:
    page.goto(f"{hostile_app}/?date={HOSTILE_DAY}&event=ev-hostile-1")
    wait_for_map_day(page, HOSTILE_DAY)
    panel = page.locator("[data-event='ev-hostile-1']")
    expect(panel).to_be_visible(timeout=TIMEOUT_MS)
    expect(panel.locator("h3")).to_contain_text('<img src=x onerror="window.parent.__pwned=1')
    expect(page.get_by_text("In progress on this day", exact=False)).to_be_visible()

    # The day's two event markers: a popup shows its event's title as text.
    markers = map_root(page).locator("path.cm-event-current")
    expect(markers).to_have_count(2, timeout=TIMEOUT_MS)
    # A place marker on the same spot would take a real click. The event carries the marker's own
    # position: Leaflet opens a path's popup where the click was, and a synthetic click at (0, 0) is
    # now the page's corner, outside the map (the popup's autopan then left the corridor off screen).
    box = markers.first.bounding_box()
    assert box is not None
    centre = {"clientX": box["x"] + box["width"] / 2, "clientY": box["y"] + box["height"] / 2}
    markers.first.dispatch_event("click", {"bubbles": True, "cancelable": True, **centre})
    popup = map_root(page).locator(".leaflet-popup-content")
    expect(popup).to_contain_text("<img src=x onerror=", timeout=TIMEOUT_MS)
    assert popup.locator("img, script, svg, iframe").count() == 0

    # The other event of the day, chosen in the panel's radio of titles.
    page.locator(".cm-day-panel label.cm-day-choice").filter(has_text="click me").first.click()
    expect(page.locator("[data-event='ev-hostile-2']")).to_be_visible(timeout=TIMEOUT_MS)
    save_screenshot(page, "hostile-payloads")
    assert_nothing_ran(page, watch)


def test_stepping_through_payload_days_runs_nothing(page: Page, hostile_app: str, watch: Watch) -> None:
    page.goto(f"{hostile_app}/?date=2023-04-24")
    wait_for_map_day(page, "2023-04-24")
    thumb = page.locator("[data-testid=stSlider]").get_by_role("slider")
    thumb.focus()
    seen = set()
    for _ in range(4):
        before = map_root(page).locator(".leaflet-container").get_attribute("data-day")
        page.keyboard.press("ArrowRight")
        expect(map_root(page).locator(".leaflet-container")).not_to_have_attribute(
            "data-day", before or "", timeout=TIMEOUT_MS
        )
        seen.add(map_root(page).locator(".leaflet-container").get_attribute("data-day"))
    assert HOSTILE_DAY in seen, seen
    assert_nothing_ran(page, watch)


HOSTILE_LINK = {
    "date": "<script>window.__pwned=1</script>",
    "layers": '<img src=x onerror="window.__pwned=1">',
    "event": "[Log in](javascript:window.__pwned=1)",
    "naming": "![p](https://tracker.invalid/p.png)",
    "tiles": "<svg onload=alert(1)>",
}


def test_hostile_deep_link_warns_and_runs_nothing(page: Page, hostile_app: str, watch: Watch) -> None:
    query = "&".join(f"{k}={quote(v, safe='')}" for k, v in HOSTILE_LINK.items())
    page.goto(f"{hostile_app}/?{query}")
    warnings = page.locator("[data-testid=stAlertContentWarning]")
    expect(warnings).to_have_count(len(HOSTILE_LINK), timeout=TIMEOUT_MS)
    expect(warnings.first).to_contain_text("is not a valid YYYY-MM-DD day")
    assert warnings.locator("a, img, script, svg").count() == 0, "a link value became markup in a warning"
    wait_for_map_day(page, "2023-04-23")  # the default date
    assert_nothing_ran(page, watch)
