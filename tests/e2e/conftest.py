"""Browser tests: start the real app once per session, drive Debian's Chromium with Playwright.

The app and the browser are started by tests/apprunner.py (shared with benchmarks/): no
`playwright install` is needed, the browser is /usr/bin/chromium (override with the CHROMIUM_PATH
environment variable on a laptop). Every test records the requests its page makes;
`no_external_requests` fails on any host but the app's own. Screenshots go to
tests/e2e/screenshots/ (one per test on failure, plus the ones tests take on purpose).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Frame, FrameLocator, Page, expect

from tests.apprunner import CHROMIUM, CHROMIUM_ARGS, MAP_IFRAME, VIEWPORT, start_app

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


def map_frame(page: Page) -> FrameLocator:
    """The folium map inside its streamlit-folium iframe."""
    return page.frame_locator(MAP_IFRAME)


def map_iframe(page: Page) -> Frame:
    """The map iframe's Frame, for evaluating JavaScript inside it."""
    handle = page.locator(MAP_IFRAME).element_handle()
    assert handle is not None
    frame = handle.content_frame()
    assert frame is not None
    return frame


def save_screenshot(page: Page, name: str, *, element: str | None = None) -> Path:
    """Save a screenshot of the page (or of one element) to tests/e2e/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    if element:
        page.locator(element).first.screenshot(path=str(path))
    else:
        page.screenshot(path=str(path))
    return path
