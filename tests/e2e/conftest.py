"""Browser tests: start the real app once per session, drive Debian's Chromium with Playwright.

No `playwright install` is needed: the browser is /usr/bin/chromium (override with the
CHROMIUM_PATH environment variable on a laptop). Every test records the requests its page makes;
`no_external_requests` fails on any host but the app's own. Screenshots go to
tests/e2e/screenshots/ (one per test on failure, plus the ones tests take on purpose).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import FrameLocator, Page

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
START_TIMEOUT_S = 60
MAP_IFRAME = "iframe[title='streamlit_folium.st_folium']"


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


@pytest.fixture(autouse=True)
def generous_navigation_timeout(request: pytest.FixtureRequest) -> None:
    """A loaded 2-core machine can take over 30 s (Playwright's default) to serve the first page."""
    if "page" in request.fixturenames:
        request.getfixturevalue("page").set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """A laptop-projector sized window."""
    return {**browser_context_args, "viewport": {"width": 1600, "height": 1000}}


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_app(env_extra: dict[str, str] | None = None) -> tuple[subprocess.Popen[bytes], str]:
    """Start `streamlit run dashboard.py` on a free port and wait until /_stcore/health answers."""
    port = free_port()
    env = {**os.environ, **(env_extra or {})}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "dashboard.py",
            "--server.headless=true",
            "--server.address=127.0.0.1",
            f"--server.port={port}",
            "--browser.gatherUsageStats=false",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
            raise RuntimeError(f"streamlit exited early:\n{out}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return proc, base
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("streamlit did not answer /_stcore/health in time")


def stop_app(proc: subprocess.Popen[bytes]) -> None:
    """Stop the server started by start_app."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """The base URL of one real app for the whole test session."""
    proc, base = start_app()
    try:
        yield base
    finally:
        stop_app(proc)


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


def save_screenshot(page: Page, name: str, *, element: str | None = None) -> Path:
    """Save a screenshot of the page (or of one element) to tests/e2e/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    if element:
        page.locator(element).first.screenshot(path=str(path))
    else:
        page.screenshot(path=str(path))
    return path
