"""Measure the map page in a real browser: step latency, bytes per step, reloads, blank frames,
cold start and server memory, next to a text-only rerun and a naive rebuild measured in the same run.

Run by hand (not collected by pytest; see benchmarks/README.md):

    .venv/bin/python benchmarks/bench_map.py                  # 25, 1,000 and 10,000 events
    .venv/bin/python benchmarks/bench_map.py --with-100k      # and 100,000
    .venv/bin/python benchmarks/bench_map.py --sizes 1000 --steps 10 --no-write

For each size it writes benchmarks/data/events-<size>.json (scripts/generate_events.py) and starts
three Streamlit apps one after the other, each with CORRIDOR_EXTRA_EVENTS naming that file:

- ``text``: benchmarks/text_only_app.py, the same date slider and one line of text (the floor);
- ``map``: dashboard.py, the real map page;
- ``naive``: benchmarks/naive_app.py, a folium map rebuilt with every event on each step.

How each figure is taken (all browser times in one clock, ``performance.timeOrigin + now()``,
which same-origin frames share):

- step latency: from the ``keydown`` of ArrowRight on the focused slider (a capture listener in
  the page) until the page shows the new day: for the maps, a MutationObserver sees ``data-day``
  change on the Leaflet container, in the page (the map page's in-page map) or inside the map's
  iframe (the naive map, and tips of the map page before the in-page map, for A/B runs); it is set
  at the end of CorridorMap's drawing, whether the server's run or the day drawn ahead of it
  brought the day, or by the naive map's own script; and, on the map page, the day panel's
  ``data-day`` shows the same day (the later of the two counts); for ``text``, the "Day: ..." text
  changes. The script still waits for
  the run's ``script_finished`` before the next key, so bytes and messages per step are the run's.
- bytes per step: WebSocket frames received from the keypress up to and including the run's
  ``script_finished`` message (payload sizes as Playwright reports them, i.e. after any
  permessage-deflate decompression).
- map reloads: map elements (the in-page map's ``.cm-map-host``) or map-iframe documents created
  after the first, sampled on every animation frame.
- blank frames: animation frames, after the map first drew, in which the map holds no
  ``.leaflet-container path`` (sampled from the top page with requestAnimationFrame).
- cold start: from just before the server process starts until the map's first drawing ends with
  ``path.cm-route`` in it (``text``: until its text shows), browser already running. The moment is
  the page's own record (the same MutationObserver as a step's), not when Playwright's wait
  returns: that wait polls an iframe's element up to 500 ms apart and would add up to half a
  second to the map's figure only (rounds 1-5 measured that way; round 7 moved the map into the
  page).
- second visitor: each returning cold start opens the page a second time, in a new page of the same
  browser context (the same warm cache) right after the first shows the map, on the same server; the
  target compares the medians of the two over the servers started (until round 9 it compared one
  pair with empty caches, one sample each, which is still reported but is no verdict).
- peak memory: VmHWM of the Streamlit process (/proc/<pid>/status) at the end of its session.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from playwright.sync_api import Browser, BrowserContext, Page, WebSocket, sync_playwright  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from benchmarks import cold_split  # noqa: E402
from corridor.loader import load_dataset  # noqa: E402
from corridor.timemodel import Timeline  # noqa: E402
from scripts.generate_events import default_name, write_events  # noqa: E402
from tests import apprunner  # noqa: E402
from tests.apprunner import CHROMIUM, CHROMIUM_ARGS, SLIDER, VIEWPORT, App, free_port  # noqa: E402

BENCH_DIR = REPO_ROOT / "benchmarks"
DATA_DIR = BENCH_DIR / "data"
RESULTS_DIR = BENCH_DIR / "results"
STATIC_LINK = BENCH_DIR / "static"  # Streamlit serves <main script dir>/static; the naive app needs ../static

START_DAY = dt.date(2023, 4, 23)  # the map page's default day; steps start here (or earlier, to fit)
DEFAULT_SIZES = (25, 1_000, 10_000)
HEALTH_TIMEOUT_S = 120
STEP_TIMEOUT_MS = 180_000

APPS = {
    "text": "benchmarks/text_only_app.py",
    "map": "dashboard.py",
    "tuned": "dashboard.py",  # the map page again, with --tuned-env settings (only when given)
    "naive": "benchmarks/naive_app.py",
}
APP_ENV: dict[str, dict[str, str]] = {}  # extra environment per variant (--tuned-env)
FOLIUM_IFRAME = "iframe[title='streamlit_folium.st_folium']"  # the naive map, and older tips of the map page
APP_ROOT: dict[str, Path] = {}  # another checkout to run a variant from (--tuned-root)
START = {"route": True}  # whether a route is drawn on the current size's start day (start_day_for)

# Runs in the top frame before the page's own scripts (Playwright add_init_script).
INIT_SCRIPT = r"""
(() => {
  if (window !== window.top) { return; }
  const now = () => performance.timeOrigin + performance.now();
  const B = window.__bench = {
    keys: [], updates: [], panel: [], ws: [], sent: [], apply: [], frameDocs: 0, late: 0, blank: 0, samples: 0,
    rendered: false
  };
  // The map page's day panel (static/app/day_panel.js) sets data-day when it shows a day.
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.target.classList && r.target.classList.contains("cm-day-panel")) {
        B.panel.push([now(), r.target.getAttribute("data-day")]);
      }
      if (r.target.classList && r.target.classList.contains("leaflet-container")) { // the in-page map
        B.updates.push([now(), r.target.getAttribute("data-day")]);
      }
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-day"] });
  window.addEventListener("keydown", () => B.keys.push(now()), true);
  const NativeWebSocket = window.WebSocket;
  const Timed = function (url, protocols) {
    const ws = protocols === undefined ? new NativeWebSocket(url) : new NativeWebSocket(url, protocols);
    if (String(url).indexOf("/_stcore/stream") >= 0) {
      ws.addEventListener("message", () => B.ws.push(now()));
      const send = ws.send.bind(ws);
      ws.send = (data) => { B.sent.push(now()); return send(data); };
    }
    return ws;
  };
  Timed.prototype = NativeWebSocket.prototype;
  ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach((k) => { Timed[k] = NativeWebSocket[k]; });
  window.WebSocket = Timed;

  // Every map-iframe document gets a MutationObserver on data-day, installed from this frame
  // (Playwright's init scripts do not reach the component's sandboxed iframe).
  const watched = new WeakSet();
  const record = (el) => B.updates.push([now(), el.getAttribute("data-day")]);
  const watch = (doc) => {
    watched.add(doc);
    B.frameDocs++;
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.target.classList && r.target.classList.contains("leaflet-container")) { record(r.target); }
      }
    }).observe(doc, { subtree: true, attributes: true, attributeFilter: ["data-day"] });
    const early = doc.querySelector(".leaflet-container[data-day]");
    if (early) { B.late++; record(early); }
  };
  let frameEl = null;
  const frameDoc = () => {
    if (!frameEl || !frameEl.isConnected) {
      frameEl = document.querySelector("iframe[title='streamlit_folium.st_folium']");
    }
    const f = frameEl;
    try {
      const doc = f ? f.contentDocument : null;
      return doc && doc.location.pathname.indexOf("streamlit_folium") >= 0 ? doc : null;
    } catch (e) { return null; }
  };
  // Time CorridorMap.apply and .foresee (the map's own work per step), once per CorridorMap object.
  const wrapApply = (win) => {
    const cm = win && win.CorridorMap;
    if (!cm || cm.__benchWrapped || cm.apply === undefined) { return; }
    ["apply", "foresee"].forEach((name) => {
      const real = cm[name];
      if (!real) { return; }
      cm[name] = function (state) {
        const t0 = now();
        const out = real.apply(this, arguments);
        B.apply.push([t0, now() - t0]);
        return out;
      };
    });
    cm.__benchWrapped = true;
  };
  const hosts = new WeakSet();
  const sample = () => {
    const doc = frameDoc();
    if (doc && !watched.has(doc)) { watch(doc); }
    if (doc) { wrapApply(doc.defaultView); }
    const host = document.querySelector(".cm-map-host"); // the in-page map (static/app/map_component.js)
    if (host && !hosts.has(host)) { hosts.add(host); B.frameDocs++; }
    wrapApply(window);
    const drawn = !!((doc || document).querySelector(".leaflet-container path"));
    if (drawn) { B.rendered = true; }
    if (B.rendered) { B.samples++; if (!drawn) { B.blank++; } }
    requestAnimationFrame(sample);
  };
  requestAnimationFrame(sample);
  // Also catch a new iframe the moment it loads, between two animation frames.
  document.addEventListener("load", (e) => {
    if (!e.target || e.target.tagName !== "IFRAME") { return; }
    const doc = frameDoc();
    if (doc && !watched.has(doc)) { watch(doc); }
  }, true);

  if (window.__benchMode === "text") {
    let last = null;
    new MutationObserver(() => {
      const main = document.querySelector("[data-testid=stMain]");
      const m = main && /Day: (\d{4}-\d{2}-\d{2})/.exec(main.textContent || "");
      if (m && m[1] !== last) { last = m[1]; B.updates.push([now(), m[1]]); }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  }
})();
"""


# --- numbers --------------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty sequence."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


@dataclass
class Step:
    """One keypress and what followed it."""

    key: str
    day: str
    latency_ms: float
    bytes_in: int
    frames_in: int
    sent_ms: float | None  # keypress -> the browser sends the rerun request
    first_msg_ms: float | None  # keypress -> first WebSocket message of the rerun
    map_msg_ms: float | None  # keypress -> the message carrying the map component
    apply_ms: float | None  # time spent inside CorridorMap.apply / .foresee for this step
    finished_ms: float | None  # keypress -> script_finished
    map_ms: float | None = None  # keypress -> the map shows the new day (map variants)
    panel_ms: float | None = None  # keypress -> the day panel shows it (the map page)


@dataclass
class Session:
    """One app, one size: its cold start and its steps."""

    variant: str
    size: int
    port: int = 0
    first_visit_s: float = float("nan")  # process start -> view shown, empty browser cache
    first_open_s: float = float("nan")  # the same visit, from page.goto
    second_visit_s: float = float("nan")  # a second visitor (new browser context) on the same server
    # per returning visit: (its page.goto -> view shown, then a second page of the same warm browser
    # opened right after on the same server: the same), a pair measured under the same conditions
    visitor_pairs: list[tuple[float, float]] = field(default_factory=list)
    cold_start_s: list[float] = field(default_factory=list)  # the same, browser cache warm
    health_s: list[float] = field(default_factory=list)
    cold_marks: list[dict[str, float]] = field(default_factory=list)  # per returning visit: see COLD_MARKS
    first_run: list[dict[str, float]] = field(default_factory=list)  # cold_split.py, out of process
    steps: list[Step] = field(default_factory=list)
    sweep: list[Step] = field(default_factory=list)
    reloads: int = 0
    blank_frames: int = 0
    sampled_frames: int = 0
    reruns: int = 0
    peak_rss_mb: float = 0.0
    initial_bytes: int = 0
    errors: list[str] = field(default_factory=list)

    def latencies(self) -> list[float]:
        return [s.latency_ms for s in self.steps]

    def median(self) -> float:
        return statistics.median(self.latencies()) if self.steps else float("nan")


# --- the app under test ---------------------------------------------------------------------------


def start_app(variant: str, events_file: Path, log_dir: Path, port: int) -> App:
    """Start ``streamlit run <the variant's script>`` on ``port``; return once /_stcore/health answers."""
    script = APPS[variant]
    env = {"CORRIDOR_EXTRA_EVENTS": str(events_file), **APP_ENV.get(variant, {})}
    log = log_dir / f"{Path(script).stem}-{port}-{time.monotonic_ns()}.log"
    return apprunner.start_app(
        script, cwd=APP_ROOT.get(variant, REPO_ROOT), env=env, port=port, log=log, timeout_s=HEALTH_TIMEOUT_S
    )


def ensure_static_link() -> None:
    """benchmarks/static -> ../static, so apps whose main script is in benchmarks/ serve Leaflet."""
    if STATIC_LINK.is_symlink() or STATIC_LINK.exists():
        return
    STATIC_LINK.symlink_to(Path("..") / "static", target_is_directory=True)


# --- the browser ----------------------------------------------------------------------------------


class Wire:
    """Every WebSocket frame the page receives, where each run ended, and which frames carried the map."""

    def __init__(self, page: Page) -> None:
        self.sizes: list[int] = []
        self.finished: list[int] = []  # indexes into sizes of script_finished messages
        self.component: list[int] = []  # indexes of deltas that carry a custom component (the map)
        page.on("websocket", self._attach)

    def _attach(self, ws: WebSocket) -> None:
        if "/_stcore/stream" in ws.url:
            ws.on("framereceived", self._frame)

    def _frame(self, payload: str | bytes) -> None:
        data = payload.encode("utf-8") if isinstance(payload, str) else payload
        index = len(self.sizes)
        self.sizes.append(len(data))
        kind = message_kind(data)
        if kind == "script_finished":
            self.finished.append(index)
        elif kind == "component":
            self.component.append(index)


def message_kind(payload: bytes) -> str:
    """'script_finished', 'component' (a delta holding the map's component), or another ForwardMsg type."""
    msg = ForwardMsg()
    try:
        msg.ParseFromString(payload)
    except Exception:  # not a ForwardMsg (never expected on /_stcore/stream)
        return "unknown"
    kind = msg.WhichOneof("type") or "unknown"
    element = msg.delta.new_element if kind == "delta" and msg.delta.WhichOneof("type") == "new_element" else None
    if element is None:
        return kind
    which = element.WhichOneof("type")
    if which == "component_instance":  # streamlit-folium's iframe (the naive app, tips before the in-page map)
        return "component"
    if which == "bidi_component" and element.bidi_component.component_name.endswith("corridor_map"):
        return "component"  # the in-page map (ui/mapwidget.py)
    return kind


def bench(page: Page, expr: str, arg: Any = None) -> Any:
    """Evaluate ``expr`` (a function of the page's window.__bench and arg) in the top frame."""
    return page.evaluate(f"([arg]) => {{ const B = window.__bench; return ({expr}); }}", [arg])


def wait_until(page: Page, what: Callable[[], bool], timeout_ms: int = STEP_TIMEOUT_MS) -> None:
    """Pump Playwright events until ``what()`` holds (used for WebSocket bookkeeping)."""
    deadline = time.perf_counter() + timeout_ms / 1000
    while not what():
        if time.perf_counter() > deadline:
            raise TimeoutError("condition not met in time")
        page.wait_for_timeout(5)


COLD_MARKS = ("server up", "first message", "map message", "script finished", "drawn")


def browser_offset(page: Page) -> float:
    """Seconds to subtract from a browser timestamp (performance.timeOrigin + now(), in ms / 1000)
    to put it on this process's ``time.perf_counter`` clock: both clocks sampled at once."""
    return bench(page, "performance.timeOrigin + performance.now()") / 1000 - time.perf_counter()


def shown_at(page: Page) -> float:
    """When (on this process's clock) the page first showed its view: the first day drawn on the
    map (``data-day`` set at the end of CorridorMap's drawing, the route already in it; see
    wait_visible) or, for ``text``, the first text. Read from the page's own record, as precise
    for every app: Playwright's wait for an element in the map's iframe polls up to 500 ms apart."""
    page.wait_for_function("() => window.__bench.updates.length > 0", timeout=STEP_TIMEOUT_MS, polling="raf")
    return bench(page, "B.updates[0][0]") / 1000 - browser_offset(page)


def cold_marks(page: Page, wire: Wire, app: App, drawn: float) -> dict[str, float]:
    """Seconds from process start to each stage of a cold start: /_stcore/health answers, the first
    WebSocket message (Streamlit's JavaScript loaded and connected, the first run started), the map's
    message, that run's ``script_finished``, and the view shown. Browser times are moved to this
    process's clock by sampling both at once."""
    wait_until(page, lambda: len(wire.finished) >= 1)
    offset = browser_offset(page)
    ws = bench(page, "B.ws")

    def at(index: int | None) -> float:
        if index is None or index >= len(ws):
            return float("nan")
        return ws[index] / 1000 - offset - app.started

    return dict(
        zip(
            COLD_MARKS,
            (
                app.healthy - app.started,
                at(0),
                at(wire.component[0] if wire.component else None),
                at(wire.finished[0]),
                drawn,
            ),
            strict=True,
        )
    )


class SliderStuck(RuntimeError):
    """The key press did not change the slider's value."""


def press(page: Page, wire: Wire, key: str) -> Step:
    """Press ``key`` on the slider; wait for the new day on screen and for the run to finish."""
    slider = page.locator(SLIDER).first
    if not slider.evaluate("el => el === document.activeElement"):
        slider.focus()
    n_updates = bench(page, "B.updates.length")
    n_panel = bench(page, "B.panel.length")  # 0 on pages without the day panel (text, naive)
    n_keys = bench(page, "B.keys.length")
    prev_day = bench(page, "B.updates.length ? B.updates[B.updates.length - 1][1] : null")
    n_frames = len(wire.sizes)
    n_finished = len(wire.finished)
    before = slider.evaluate("el => el.value")
    page.keyboard.press(key)
    try:  # a key that cannot move the slider (End on the last day) would otherwise wait forever
        slider.page.wait_for_function(
            "([el, v]) => el.value !== v", arg=[slider.element_handle(), before], timeout=3000
        )
    except Exception as exc:
        raise SliderStuck(f"{key} did not move the slider from index {before}") from exc
    page.wait_for_function(
        "([n, d]) => window.__bench.updates.slice(n).some(u => u[1] !== d)",
        arg=[n_updates, prev_day],
        timeout=STEP_TIMEOUT_MS,
        polling="raf",
    )
    update = bench(page, "B.updates.slice(arg[0]).find(u => u[1] !== arg[1])", [n_updates, prev_day])
    panel = None
    if n_panel:  # the new day is on screen when both the map and the panel show it
        page.wait_for_function(
            "([n, d]) => window.__bench.panel.slice(n).some(u => u[1] === d)",
            arg=[n_panel, update[1]],
            timeout=STEP_TIMEOUT_MS,
            polling="raf",
        )
        panel = bench(page, "B.panel.slice(arg[0]).find(u => u[1] === arg[1])", [n_panel, update[1]])
    wait_until(page, lambda: len(wire.finished) > n_finished)
    end = wire.finished[n_finished]
    pressed = bench(page, "B.keys[arg]", n_keys)
    # The page's own WebSocket timestamps line up with Playwright's frames one to one.
    times = bench(page, "B.ws.slice(arg[0], arg[1] + 1)", [n_frames, end])
    aligned = len(times) == end + 1 - n_frames
    sent = bench(page, "B.sent.find(t => t >= arg)", pressed)
    map_at = next((i for i in wire.component if n_frames <= i <= end), None)
    applied = bench(page, "B.apply.filter(a => a[0] >= arg).reduce((sum, a) => sum + a[1], 0)", pressed)
    return Step(
        key=key,
        day=update[1],
        latency_ms=max(update[0], panel[0] if panel else update[0]) - pressed,
        bytes_in=sum(wire.sizes[n_frames : end + 1]),
        frames_in=end + 1 - n_frames,
        sent_ms=sent - pressed if sent is not None else None,
        first_msg_ms=times[0] - pressed if aligned and times else None,
        finished_ms=times[-1] - pressed if aligned and times else None,
        map_msg_ms=times[map_at - n_frames] - pressed if aligned and map_at is not None else None,
        apply_ms=applied if applied else None,
        map_ms=update[0] - pressed,
        panel_ms=panel[0] - pressed if panel else None,
    )


def new_page(context: BrowserContext) -> tuple[Page, Wire]:
    """A page with the WebSocket recorder attached (the init script is on the context)."""
    page = context.new_page()
    return page, Wire(page)


def new_context(browser: Browser, variant: str) -> BrowserContext:
    """A browser context (own HTTP cache) whose pages run the measuring init script."""
    context = browser.new_context(viewport=VIEWPORT)
    if variant == "text":
        context.add_init_script("window.__benchMode = 'text';")
    context.add_init_script(INIT_SCRIPT)
    return context


def wait_visible(page: Page, variant: str) -> None:
    """Until the page shows its first view: the route drawn (or, on a start day before any route
    opened, the first day applied over a drawn map); for ``text`` the day's text."""
    if variant != "naive":  # the first update: data-day set at the end of CorridorMap's first drawing
        page.wait_for_function("() => window.__bench.updates.length > 0", timeout=STEP_TIMEOUT_MS, polling="raf")
    elif START["route"]:
        page.frame_locator(FOLIUM_IFRAME).locator("path.cm-route").first.wait_for(
            state="attached", timeout=STEP_TIMEOUT_MS
        )
    else:
        page.frame_locator(FOLIUM_IFRAME).locator(".leaflet-container[data-day] path").first.wait_for(
            state="attached", timeout=STEP_TIMEOUT_MS
        )


@dataclass
class Live:
    """One app under test with its page, during the interleaved steps."""

    session: Session
    app: App
    context: BrowserContext
    page: Page
    wire: Wire


def open_live(browser: Browser, variant: str, size: int, *, events_file: Path, query: str, log_dir: Path) -> Live:
    """Start the app, open it in a fresh context (first visit: empty HTTP cache), time the cold start."""
    session = Session(variant, size)
    port = free_port()
    app = start_app(variant, events_file, log_dir, port)
    context = new_context(browser, variant)
    page, wire = new_page(context)
    live = Live(session, app, context, page, wire)
    try:
        opened = time.perf_counter()
        page.goto(app.base + query)
        wait_visible(page, variant)
    except Exception as exc:
        failed(live, exc)
        context.close()
        app.stop()
        raise
    shown = shown_at(page)
    session.first_visit_s = shown - app.started
    session.first_open_s = shown - opened
    session.second_visit_s = second_visitor(browser, variant, app.base + query)
    session.health_s.append(app.healthy - app.started)
    session.port = port
    wait_until(page, lambda: len(wire.finished) >= 1)
    wait_for_days_ahead(page, wire)
    session.initial_bytes = sum(wire.sizes)
    return live


def wait_for_days_ahead(page: Page, wire: Wire) -> None:
    """The map page's day panel asks for the days around the selected one when the date slider
    takes the focus (one more run, ui/daypanel.py): focus it, as the steps will, and wait for that
    run, so that no step counts it as its own."""
    if not page.evaluate("() => !!document.querySelector('.cm-day-panel[data-ahead]')"):
        return  # no day panel (text, naive) or one that sends the days ahead from the first run
    page.locator(SLIDER).first.focus()
    page.wait_for_function(
        "() => document.querySelector('.cm-day-panel').getAttribute('data-ahead') !== '0'", timeout=STEP_TIMEOUT_MS
    )
    wait_until(page, lambda: len(wire.finished) >= 2)


def second_visitor(browser: Browser, variant: str, url: str) -> float:
    """Seconds from page.goto to the view shown for a second visitor (own, empty browser cache) on a
    server that already served the first."""
    context = new_context(browser, variant)
    try:
        page = context.new_page()
        opened = time.perf_counter()
        page.goto(url)
        wait_visible(page, variant)
        return shown_at(page) - opened
    finally:
        context.close()


def close_live(live: Live) -> None:
    """Record what the whole session saw (reloads, blank frames, runs, memory) and stop the app."""
    s, page = live.session, live.page
    try:
        page.wait_for_timeout(300)  # let any trailing rerun arrive before counting runs
        s.reruns = len(live.wire.finished)
        s.reloads = max(0, bench(page, "B.frameDocs") - 1)
        s.blank_frames = bench(page, "B.blank")
        s.sampled_frames = bench(page, "B.samples")
        s.peak_rss_mb = live.app.peak_rss_mb()
    finally:
        live.app.stop()


def failed(live: Live, exc: Exception) -> None:
    """Note an error with a screenshot and the server log."""
    s = live.session
    s.errors.append(f"{type(exc).__name__}: {exc}".splitlines()[0])
    shot = RESULTS_DIR / f"FAILED-{s.variant}-{s.size}.png"
    with contextlib.suppress(Exception):
        live.page.screenshot(path=str(shot))
    s.errors.append(f"screenshot: {shot.relative_to(REPO_ROOT)}; server log: {live.app.log}")


def visit(
    context: BrowserContext, session: Session, *, events_file: Path, query: str, log_dir: Path
) -> tuple[float, dict[str, float], tuple[float, float]]:
    """Start the server on the session's port, open the page in ``context``, wait for the view, then
    open it again in a second page of the same context (a second visitor of the same server, with
    the same warm cache); stop the server. Return seconds from process start until the view showed,
    the split, and both visitors' seconds from page.goto to the view."""
    app = start_app(session.variant, events_file, log_dir, session.port)
    try:
        page, wire = new_page(context)
        opened = time.perf_counter()
        page.goto(app.base + query)
        wait_visible(page, session.variant)
        shown = shown_at(page)
        elapsed = shown - app.started
        session.health_s.append(app.healthy - app.started)
        marks = cold_marks(page, wire, app, elapsed)
        second = context.new_page()
        second_opened = time.perf_counter()
        second.goto(app.base + query)
        wait_visible(second, session.variant)
        pair = (shown - opened, shown_at(second) - second_opened)
        second.close()
        page.close()
        return elapsed, marks, pair
    finally:
        app.stop()


def returning_cold_starts(
    browser: Browser, sessions: list[Session], *, events_file: Path, query: str, log_dir: Path, count: int
) -> None:
    """Restart each app on its port ``count`` times, in turn, and reopen it in a context whose HTTP
    cache is warm (a returning user): seconds from process start until the view shows."""
    contexts = {s.variant: new_context(browser, s.variant) for s in sessions}
    try:
        for session in sessions:  # one unmeasured visit fills each context's cache
            visit(contexts[session.variant], session, events_file=events_file, query=query, log_dir=log_dir)
        for _ in range(count):
            for session in sessions:
                try:
                    elapsed, marks, pair = visit(
                        contexts[session.variant], session, events_file=events_file, query=query, log_dir=log_dir
                    )
                except Exception as exc:
                    session.errors.append(f"cold start: {type(exc).__name__}: {exc}".splitlines()[0])
                    continue
                session.cold_start_s.append(elapsed)
                session.cold_marks.append(marks)
                session.visitor_pairs.append(pair)
    finally:
        for context in contexts.values():
            context.close()


def run_size(
    browser: Browser, size: int, events_file: Path, start: dt.date, args: argparse.Namespace, *, steps: int
) -> list[Session]:
    """All apps for one size: cold starts one by one, then the steps interleaved app by app,
    so that every app sees the same machine load; then Home and End; then the warm restarts,
    again app by app in turn."""
    log_dir = Path(tempfile.mkdtemp(prefix=f"bench-{size}-"))
    query = f"/?date={start.isoformat()}"
    lives: list[Live] = []
    try:
        for variant in args.variants:
            if variant == "naive" and size > args.naive_max:
                print(f"   naive: skipped above {args.naive_max:,} events (--naive-max)", flush=True)
                continue
            wait_for_quiet(args.max_load)
            try:
                lives.append(open_live(browser, variant, size, events_file=events_file, query=query, log_dir=log_dir))
            except Exception as exc:
                print(f"   {variant}: could not open ({type(exc).__name__}); skipped at this size", flush=True)
        step_in_turn(lives, args.warmup, steps)
    finally:
        for live in lives:
            with contextlib.suppress(Exception):
                close_live(live)
            live.context.close()
    sessions = [live.session for live in lives]
    if args.cold_starts > 0:
        wait_for_quiet(args.max_load)
        returning_cold_starts(
            browser, sessions, events_file=events_file, query=query, log_dir=log_dir, count=args.cold_starts
        )
    if args.cold_starts > 0:
        for session in sessions:
            if session.variant != "text":
                session.first_run = cold_split.measure(events_file, args.cold_starts)
    if not any(s.errors for s in sessions):
        shutil.rmtree(log_dir, ignore_errors=True)
    return sessions


def step_in_turn(lives: list[Live], warmup: int, steps: int) -> None:
    """ArrowRight on each app in turn, ``warmup + steps`` times; then Home and End on each."""
    active = list(lives)
    keys = ["ArrowRight"] * (warmup + steps)
    for i, key in enumerate(keys):
        for live in list(active):
            try:
                step = press(live.page, live.wire, key)
            except Exception as exc:
                failed(live, exc)
                active.remove(live)
                continue
            if i >= warmup:
                live.session.steps.append(step)
    for live in active:
        try:
            for key in ("Home", "End"):  # Home first: the measured steps may have reached the last day
                live.session.sweep.append(press(live.page, live.wire, key))
        except Exception as exc:
            failed(live, exc)


def wait_for_quiet(max_load: float | None, limit_s: float = 600) -> None:
    """Wait (up to ``limit_s``) until the 1-minute load average is at most ``max_load``."""
    if max_load is None:
        return
    deadline = time.monotonic() + limit_s
    while os.getloadavg()[0] > max_load and time.monotonic() < deadline:
        time.sleep(5)


def start_day_for(events_file: Path, steps: int) -> tuple[dt.date, int]:
    """The day to start from (START_DAY, moved earlier if fewer than ``steps`` stops follow it);
    notes in START whether a route is drawn on that day (what wait_visible waits for)."""
    tl = Timeline(load_dataset(extra_events=events_file))
    stops = tl.stops
    later = [d for d in stops if d >= START_DAY]
    index = len(stops) - len(later)
    index = max(0, min(index, len(stops) - 1 - steps))
    START["route"] = tl.state_at(stops[index]).route_in_use is not None
    return stops[index], len(stops)


# --- report ---------------------------------------------------------------------------------------


def fmt_ms(value: float) -> str:
    return f"{value:,.0f}"


def fmt_kb(value: float) -> str:
    return f"{value / 1024:,.1f}"


def table(sessions: list[Session]) -> list[str]:
    """The results as a Markdown table, with ratios to the text-only run of the same size."""
    rows = [
        "| events | app | step median ms | p90 | max | × text | KB/step median (max) | map reloads "
        "| blank frames | cold start, first visit s | cold start, returning s | peak RSS MB |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    by_size: dict[int, dict[str, Session]] = {}
    for session in sessions:
        by_size.setdefault(session.size, {})[session.variant] = session
    for size, group in by_size.items():
        text = group.get("text")
        for variant in APPS:
            s = group.get(variant)
            if s is None:
                continue
            if not s.steps:
                rows.append(f"| {size:,} | {variant} | failed: {'; '.join(s.errors)} ||||||||||")
                continue
            lat = s.latencies()
            ratio = "1.00" if variant == "text" else f"{s.median() / text.median():.2f}" if text and text.steps else "-"
            kb = [st.bytes_in for st in s.steps]
            returning = f"{statistics.median(s.cold_start_s):.2f} (n={len(s.cold_start_s)})" if s.cold_start_s else "-"
            is_map = variant != "text"
            rows.append(
                f"| {size:,} | {variant} | {fmt_ms(s.median())} | {fmt_ms(percentile(lat, 90))} | {fmt_ms(max(lat))} "
                f"| {ratio} | {fmt_kb(statistics.median(kb))} ({fmt_kb(max(kb))}) "
                f"| {s.reloads if is_map else '-'} | {f'{s.blank_frames} / {s.sampled_frames}' if is_map else '-'} "
                f"| {s.first_visit_s:.2f} | {returning} | {s.peak_rss_mb:,.0f} |"
            )
    return rows


def _median_of(values: list[float | None]) -> str:
    known = [v for v in values if v is not None]
    return fmt_ms(statistics.median(known)) if known else "-"


def _median_s(values: list[float]) -> str:
    known = [v for v in values if not math.isnan(v)]
    return f"{statistics.median(known):.2f}" if known else "-"


def breakdown(sessions: list[Session]) -> list[str]:
    """Where a step's time goes: the server's reply, the end of the run, and the screen."""
    rows = [
        "| events | app | keypress → rerun request sent ms | → first message ms | → map message ms "
        "| → script_finished ms | → map shows the day ms | → panel shows it ms | → new day on screen ms "
        "| of which CorridorMap.apply/foresee ms | messages/step |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in sessions:
        if not s.steps:
            continue
        rows.append(
            f"| {s.size:,} | {s.variant} | {_median_of([st.sent_ms for st in s.steps])} "
            f"| {_median_of([st.first_msg_ms for st in s.steps])} "
            f"| {_median_of([st.map_msg_ms for st in s.steps])} "
            f"| {_median_of([st.finished_ms for st in s.steps])} "
            f"| {_median_of([st.map_ms for st in s.steps])} | {_median_of([st.panel_ms for st in s.steps])} "
            f"| {fmt_ms(s.median())} "
            f"| {_median_of([st.apply_ms for st in s.steps])} "
            f"| {statistics.median(st.frames_in for st in s.steps):.0f} |"
        )
    return rows


def cold_table(sessions: list[Session]) -> list[str]:
    """The cold start split (returning visitor, medians): where the seconds go."""
    rows = [
        "| events | app | server up s | first message s | map message s | script finished s | drawn s "
        "| first run, out of process: imports / data load / base map s |",
        "|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    for s in sessions:
        if not s.cold_marks:
            continue
        marks = [_median_s([m[name] for m in s.cold_marks]) for name in COLD_MARKS]
        split = " / ".join(_median_s([r[name] for r in s.first_run]) for name in cold_split.STAGES)
        rows.append(f"| {s.size:,} | {s.variant} | {' | '.join(marks)} | {split if s.first_run else '-'} |")
    return rows


def details(sessions: list[Session]) -> list[str]:
    """Per-session extras: sweep steps, initial bytes, runs, errors."""
    lines = []
    for s in sessions:
        sweep = ", ".join(f"{st.key}→{st.day} {fmt_ms(st.latency_ms)} ms / {fmt_kb(st.bytes_in)} KB" for st in s.sweep)
        health = f"{statistics.median(s.health_s):.2f}" if s.health_s else "-"
        lines.append(
            f"- {s.size:,} events, {s.variant}: server healthy {health} s after process start (median); "
            f"first page load received {fmt_kb(s.initial_bytes)} KB over the WebSocket; "
            f"{s.reruns} script runs in the session (1 + one per keypress expected, and on the map page 1 "
            "more: the day panel asking for the days ahead); "
            f"returning cold starts {', '.join(f'{c:.2f}' for c in s.cold_start_s) or '-'} s; sweep: {sweep or '-'}"
            + (f"; ERRORS: {'; '.join(s.errors)}" if s.errors else "")
        )
    return lines


STEP_RATIO = 1.5  # issue #13: a step within 1.5x the text-only app's, measured in the same run
STEP_MS_100K = 250  # and at most 250 ms at 100,000 events
COLD_START_S = {25: 2.5, 10_000: 4.0}  # process start -> map drawn


def targets(sessions: list[Session]) -> list[str]:
    """Each target of issue #13, met or not, from this run."""

    def verdict(ok: bool) -> str:
        return "**met**" if ok else "**NOT met**"

    out = []
    by = {(s.size, s.variant): s for s in sessions}
    for size in sorted({s.size for s in sessions}):
        m, t = by.get((size, "map")), by.get((size, "text"))
        if m and t and m.steps and t.steps:
            r = m.median() / t.median()
            out.append(
                f"- step median within {STEP_RATIO}× text at {size:,}: {m.median():.0f} / {t.median():.0f} ms "
                f"= {r:.2f}× → {verdict(r <= STEP_RATIO)}"
            )
    m100 = by.get((100_000, "map"))
    if m100 and m100.steps:
        out.append(
            f"- step median ≤ {STEP_MS_100K} ms at 100,000: {m100.median():.0f} ms "
            f"→ {verdict(m100.median() <= STEP_MS_100K)}"
        )
    maps = [s for s in sessions if s.variant == "map" and s.steps]
    if maps:
        reloads = sum(s.reloads for s in maps)
        blanks = sum(s.blank_frames for s in maps)
        out.append(
            f"- zero map reloads and blank frames (every size, all steps + Home/End): {reloads} reloads, "
            f"{blanks} blank frames → {verdict(reloads == 0 and blanks == 0)}"
        )
        for s in maps:
            limit = COLD_START_S.get(s.size)
            warm = statistics.median(s.cold_start_s) if s.cold_start_s else float("nan")
            if limit is not None:
                out.append(
                    f"- cold start ≤ {limit} s at {s.size:,}: returning visitor {warm:.2f} s → "
                    f"{verdict(warm <= limit)}; first visit (empty browser cache) {s.first_visit_s:.2f} s "
                    f"→ {verdict(s.first_visit_s <= limit)}"
                )
            if s.visitor_pairs:
                first = statistics.median(p[0] for p in s.visitor_pairs)
                second = statistics.median(p[1] for p in s.visitor_pairs)
                slower = sum(1 for p in s.visitor_pairs if p[1] > p[0])
                out.append(
                    f"- second visitor not slower than the first at {s.size:,} (page open → map drawn, each "
                    f"server's first and second page, warm browser cache, n={len(s.visitor_pairs)} servers): "
                    f"median {second:.2f} vs {first:.2f} s, slower in {slower} of {len(s.visitor_pairs)} "
                    f"→ {verdict(second <= first)}"
                )
            if s.second_visit_s == s.second_visit_s:  # not NaN
                out.append(
                    f"  - the same with empty browser caches, one pair (a single sample each, so within the "
                    f"cold starts' spread: not a verdict): {s.second_visit_s:.2f} vs {s.first_open_s:.2f} s"
                )
    return out


def machine() -> str:
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    from importlib.metadata import version as installed  # noqa: PLC0415 - only for the version line

    import streamlit  # noqa: PLC0415

    return (
        f"{platform.node()} · {os.cpu_count()} CPUs · Python {platform.python_version()} · "
        f"streamlit {streamlit.__version__} · streamlit-folium {installed('streamlit-folium')} · "
        f"folium {installed('folium')} · {chromium}"
    )


def tuned_label() -> str:
    """How the 'tuned' app differs from 'map'."""
    parts = [f"with `{k}={v}`" for k, v in APP_ENV.get("tuned", {}).items()]
    if "tuned" in APP_ROOT:
        parts.append(f"run from `{APP_ROOT['tuned']}`")
    if APPS["tuned"] != APPS["map"]:
        parts.append(f"started as `streamlit run {APPS['tuned']}`")
    return " and ".join(parts)


def report(sessions: list[Session], args: argparse.Namespace, elapsed_s: float, loads: list[str]) -> str:
    """The whole Markdown report."""
    lines = [
        f"# Map benchmark, {dt.date.today().isoformat()}",
        "",
        f"`{' '.join(['python', 'benchmarks/bench_map.py', *sys.argv[1:]])}` · {machine()} · "
        f"up to {args.steps} measured steps (+{args.warmup} warm-up; fewer if a size has fewer stops) per app "
        "and size, then Home and End · "
        f"total {elapsed_s:.0f} s. Load average (1 min) {', '.join(loads)}."
        + (f" `tuned` = the map page {tuned_label()}." if "tuned" in args.variants else ""),
        "",
        "Step latency: ArrowRight keydown on the slider → the new day on screen (map: `data-day` on the "
        "Leaflet container; text: the text). × text = median ÷ the text-only app's median at the same size. "
        "KB/step: WebSocket payload from the keypress to `script_finished`. Blank frames: frames with no "
        "map path after first draw / frames sampled. Cold start: process start → route drawn (text: text shown), "
        "first visit = empty browser cache, returning = same URL again with the browser's HTTP cache warm. "
        "Apps of one size run side by side and are stepped in turn, so they share the machine's load.",
        "",
        *table(sessions),
        "",
        "Medians per step (same clock as above):",
        "",
        *breakdown(sessions),
        "",
        "Cold start split (returning visitor, medians; seconds from process start). The first run's own "
        "split is measured out of process by `benchmarks/cold_split.py` (after `import streamlit`, "
        "which the server has done before the first session).",
        "",
        *cold_table(sessions),
        "",
        "## Targets (issue #13)",
        "",
        *targets(sessions),
        "",
        "## Details",
        "",
        *details(sessions),
        "",
    ]
    if args.tuned_note:
        lines += ["## The `tuned` app", "", args.tuned_note.read_text(encoding="utf-8").rstrip(), ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--with-100k", action="store_true", help="also run 100,000 events (slow)")
    parser.add_argument("--variants", nargs="+", choices=list(APPS), default=["text", "map", "naive"])
    parser.add_argument(
        "--tuned-env",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="also run the map page with this environment (e.g. STREAMLIT_RUNNER_POST_SCRIPT_GC=false), "
        "as the 'tuned' app, to measure a proposed setting in the same run",
    )
    parser.add_argument("--tuned-script", default=None, help="main script of the 'tuned' app (default dashboard.py)")
    parser.add_argument(
        "--tuned-root",
        type=Path,
        default=None,
        help="run the 'tuned' map page from this copy of the repository (a proposed code change)",
    )
    parser.add_argument(
        "--naive-max", type=int, default=10_000, help="largest size for the naive map (minutes per step beyond)"
    )
    parser.add_argument("--steps", type=int, default=20, help="measured ArrowRight steps per app and size")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured steps first")
    parser.add_argument("--cold-starts", type=int, default=3, help="warm-cache restarts per app and size")
    parser.add_argument(
        "--max-load", type=float, default=None, help="before each app, wait until the 1-min load average is below this"
    )
    parser.add_argument(
        "--tuned-note", type=Path, default=None, help="Markdown (e.g. the diff) appended to the report about 'tuned'"
    )
    parser.add_argument("--out", type=Path, default=None, help="Markdown file (default results/<date>.md)")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    sizes = [*args.sizes, *([100_000] if args.with_100k and 100_000 not in args.sizes else [])]
    if args.tuned_env:
        APP_ENV["tuned"] = dict(item.split("=", 1) for item in args.tuned_env)
    if args.tuned_root:
        APP_ROOT["tuned"] = args.tuned_root.resolve()
    if args.tuned_script:
        APPS["tuned"] = args.tuned_script
    if (args.tuned_env or args.tuned_root or args.tuned_script) and "tuned" not in args.variants:
        args.variants.insert(args.variants.index("map") + 1 if "map" in args.variants else 0, "tuned")

    ensure_static_link()
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    sessions: list[Session] = []
    loads: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for size in sizes:
            events_file = write_events(DATA_DIR / default_name(size), size)
            start, n_stops = start_day_for(events_file, args.warmup + args.steps)
            steps = max(1, min(args.steps, n_stops - 1 - args.warmup))  # --steps 9999: every stop once
            print(f"== {size:,} events: {n_stops} slider stops, starting at {start}", flush=True)
            loads.append(f"{os.getloadavg()[0]:.1f} before {size:,}")
            for session in run_size(browser, size, events_file, start, args, steps=steps):
                sessions.append(session)
                print(
                    f"   {session.variant:5s} median {fmt_ms(session.median()) if session.steps else '-'} ms, "
                    f"reloads {session.reloads}, blank {session.blank_frames}, "
                    f"first visit {session.first_visit_s:.2f} s, "
                    f"returning {', '.join(f'{c:.2f}' for c in session.cold_start_s)} s, "
                    f"peak {session.peak_rss_mb:.0f} MB {'ERRORS ' + str(session.errors) if session.errors else ''}",
                    flush=True,
                )
        loads.append(f"{os.getloadavg()[0]:.1f} at the end")
        browser.close()
    text = report(sessions, args, time.perf_counter() - began, loads)
    print()
    print(text)
    if not args.no_write:
        out = args.out or RESULTS_DIR / f"{dt.date.today().isoformat()}.md"
        out.write_text(text, encoding="utf-8")
        print(f"written to {out.relative_to(REPO_ROOT) if out.is_relative_to(REPO_ROOT) else out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
