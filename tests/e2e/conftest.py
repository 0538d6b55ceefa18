"""Browser tests: start the real app once per session, drive Debian's Chromium with Playwright.

The app and the browser are started by tests/apprunner.py (shared with benchmarks/): no
`playwright install` is needed, the browser is /usr/bin/chromium (override with the CHROMIUM_PATH
environment variable on a laptop). Every test records the requests its page makes;
`requests_log.external()` lists any to a host but the app's own. Screenshots go to
tests/e2e/screenshots/ (one per test on failure, plus the ones tests take on purpose).

The live map is drawn in the page itself (static/app/map_component.js, no iframe): `map_root(page)`
is the component's element around it, so map queries, popups and tooltips are plain page locators
and JavaScript such as `window.map` or `CorridorMap` runs with `page.evaluate`. `SameMap` proves
that steps apply to the map that is there instead of drawing a new one.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.apprunner import CHROMIUM, CHROMIUM_ARGS, MAP_HOST, VIEWPORT, start_app

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder as e2e."""
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Use Debian's Chromium; fail loudly (never skip) when it is missing."""
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}; install Debian's chromium or set CHROMIUM_PATH")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


NAVIGATION_TIMEOUT_MS = 60_000
# A loaded 2-core machine can take more than Playwright's 5 s to draw a long page (the Sources page
# lists every source's stored text): assertions wait up to 20 s, and still fail when nothing comes.
expect.set_options(timeout=20_000)


@pytest.fixture(autouse=True)
def generous_navigation_timeout(request: pytest.FixtureRequest) -> None:
    """A loaded 2-core machine can take over 30 s (Playwright's default) to serve the first page."""
    if "page" in request.fixturenames:
        request.getfixturevalue("page").set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """A laptop-projector sized window."""
    return {**browser_context_args, "viewport": VIEWPORT}


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """The base URL of one real app for the whole test session."""
    app = start_app()
    try:
        yield app.base
    finally:
        app.stop()


class RequestLog:
    """Every request a page made, to check that none left the app's own server."""

    def __init__(self, base: str) -> None:
        self.allowed = urlparse(base).netloc
        self.urls: list[str] = []

    def external(self) -> list[str]:
        """Requests to any host other than the app's (data: and blob: URLs are local)."""
        out = []
        for url in self.urls:
            parsed = urlparse(url)
            if parsed.scheme in ("data", "blob", "about"):
                continue
            if parsed.netloc != self.allowed:
                out.append(url)
        return out


@pytest.fixture
def requests_log(page: Page, app_url: str) -> RequestLog:
    """Record the page's requests (attach before navigating)."""
    log = RequestLog(app_url)
    page.on("request", lambda req: log.urls.append(req.url))
    return log


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Keep each phase's report on the test item; save a full-page screenshot of a failed call.

    Taken here, right after the call, because by fixture teardown the `page` is already closed
    (calling request.getfixturevalue("page") there raised an AssertionError: an ERROR per failure).
    """
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    setattr(item, f"rep_{report.when}", report)
    page = getattr(item, "funcargs", {}).get("page")
    if report.when == "call" and report.failed and page is not None and not page.is_closed():
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        try:
            page.screenshot(path=str(SCREENSHOTS / f"FAILED-{item.name}.png"), full_page=True)
        except Exception as exc:  # a crashed browser must not hide the test's own failure
            report.sections.append(("screenshot", f"could not save a screenshot: {exc}"))


# The component's element whose child is the map's host div. The host is Leaflet's container
# itself, and a locator's .locator() searches only below its root: rooted here, ".leaflet-container",
# ".cm-map" and everything Leaflet draws (paths, labels, popups, controls) are found.
MAP_ROOT = f"div:has(> {MAP_HOST})"


def map_root(page: Page) -> Locator:
    """The in-page map, to locate what it draws (strict: two maps on the page fail the lookups)."""
    return page.locator(MAP_ROOT)


# Marks the map's host div, the Leaflet map and the CorridorMap drawing it, and from then on counts
# the Leaflet containers created in the page: every time an element gains the "leaflet-container"
# class (L.map adds it to a new host). A new map on the same host keeps the class (Leaflet's remove()
# leaves it): the marks on window.map and window.CorridorMap catch that one.
WATCH_MAP_JS = """() => {
  const host = document.querySelector('.cm-map-host');
  if (!host || !window.map || !window.CorridorMap) { throw new Error('no map in the page to watch'); }
  host.__sameMap = 1;
  window.map.__sameMap = 1;
  window.CorridorMap.__sameMap = 1;
  window.__mapsSinceWatch = 0;
  const gained = (node, old) => node.nodeType === 1 && node.classList.contains('leaflet-container')
    && !/(^|\\s)leaflet-container(\\s|$)/.test(old || '');
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes' && gained(r.target, r.oldValue)) { window.__mapsSinceWatch += 1; }
      for (const node of r.addedNodes || []) {
        if (node.nodeType !== 1) { continue; }
        window.__mapsSinceWatch += [node, ...node.querySelectorAll('*')].filter(n => gained(n, '')).length;
      }
    }
  }).observe(document, {subtree: true, childList: true, attributes: true, attributeFilter: ['class'],
                        attributeOldValue: true});
}"""
SAME_MAP_JS = """() => {
  const hosts = document.querySelectorAll('.cm-map-host');
  const host = hosts[0];
  return {
    hosts: hosts.length,
    containers: document.querySelectorAll('.leaflet-container').length,
    created: window.__mapsSinceWatch,
    sameHost: !!(host && host.__sameMap),
    sameMap: !!(window.map && window.map.__sameMap),
    sameApi: !!(window.CorridorMap && window.CorridorMap.__sameMap),
    mapOnHost: !!(host && window.map && window.map.getContainer() === host && window.CorridorMap.map === window.map),
  };
}"""
SAME = {
    "hosts": 1,
    "containers": 1,
    "created": 0,
    "sameHost": True,
    "sameMap": True,
    "sameApi": True,
    "mapOnHost": True,
}


class SameMap:
    """The in-page map is never rebuilt: after the steps, the host div, the Leaflet map and the
    CorridorMap are the ones marked at the start, and no Leaflet map was created meanwhile."""

    def __init__(self, page: Page) -> None:
        self.page = page
        page.evaluate(WATCH_MAP_JS)

    def assert_same(self) -> None:
        state = self.page.evaluate(SAME_MAP_JS)
        assert state == SAME, f"the map was rebuilt or replaced: {state}"


def save_screenshot(page: Page, name: str, *, element: str | None = None) -> Path:
    """Save a screenshot of the page (or of one element) to tests/e2e/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    if element:
        page.locator(element).first.screenshot(path=str(path))
    else:
        page.screenshot(path=str(path))
    return path
