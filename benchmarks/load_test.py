"""Load test: many browser sessions stepping dates and switching pages against one app server.

Run by hand (not collected by pytest), from the repository root, after ``scripts/setup.sh --dev``:

    .venv/bin/python benchmarks/load_test.py                          # 1 and 5 sessions for 30 s, then
                                                                      # 20 for 60 s; writes
                                                                      # benchmarks/results/load-<date>.md
    .venv/bin/python benchmarks/load_test.py --sessions 5 --duration 20 --baseline "" --no-write  # quick
    .venv/bin/python benchmarks/load_test.py --url http://host:8501   # against a running server
                                                                      # (no memory figures then)

Needs Debian's Chromium (/usr/bin/chromium, or set CHROMIUM_PATH); never `playwright install`.

What it does:

1. Starts one ``streamlit run dashboard.py`` on a free port (as the e2e tests do) and waits for
   ``/_stcore/health``. Reads the server's VmRSS (``/proc/<pid>/status``): *idle*.
2. Opens one warm-up session (loads the dataset, writes the map bundle, visits every page once
   to fill each page's caches) and closes it; VmRSS again: *warm*. Session memory is measured
   from here, so the one-off caches are not charged to sessions.
3. Opens N sessions, four at a time: N Playwright browser contexts (separate cookies and Streamlit sessions,
   i.e. N users) in ONE headless Chromium, driven by one asyncio process. The machine this was
   written on has 2 cores shared by the server and the browser; N real users would each bring
   their own browser, so the client side here is far heavier than the server will see in practice.
4. For ``--duration`` seconds every session loops: focus the date slider thumb
   (``[data-testid=stSlider]`` role ``slider``), press ArrowRight (ArrowLeft on the way back from
   the last stop), and wait until the map's Leaflet container changes its ``data-day``.
   Every ``--switch-every`` steps it clicks a top navigation link (Timeline, Sources, Data,
   Briefing in turn), waits for that page's own content, clicks Map and waits for the map again.
5. Reports errors (timeouts, page errors, Streamlit exception boxes; must be 0), step latency
   p50/p95/max, page-switch latency, steps per second, the server's CPU time (in all, and per user
   action) and VmRSS with all sessions connected, and (VmRSS at the end - warm VmRSS) / N as memory
   per session. ``--baseline 1,5`` first runs the same with 1 and 5 sessions (each on a fresh
   server) for a table of how the figures move with the number of sessions.

Step latency is measured in the browser, in one clock (``performance.timeOrigin + now()``): from
the keydown on the slider (a capture listener in the page) to a MutationObserver seeing the map's
``data-day`` change, i.e. the server rerun (or the day drawn ahead of it), the websocket delta, and
CorridorMap.apply. Playwright's own round trips are not included.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import sys
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from playwright.async_api import Browser, BrowserContext, Frame, Page, async_playwright
from playwright.async_api import Error as PlaywrightError

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
from tests.apprunner import CHROMIUM, start_app  # noqa: E402 - needs the path set above
from tests.apprunner import CHROMIUM_ARGS as BASE_CHROMIUM_ARGS  # noqa: E402

RESULTS_DIR = REPO_ROOT / "benchmarks" / "results"
CHROMIUM_ARGS = [
    *BASE_CHROMIUM_ARGS,
    # 20 tabs share 2 cores: without these, Chromium throttles the ones it considers hidden.
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
]
START_TIMEOUT_S = 90
ACTION_TIMEOUT_MS = 60_000
OPEN_TIMEOUT_MS = 180_000
MAP_DAY = ".cm-map-host[data-day]"  # the in-page map (also Leaflet's container), once it has drawn a day
VIEWPORT = {"width": 1280, "height": 800}
# Each page's own content: the page has really been drawn once this is visible.
PAGES = {
    "Timeline": "h1:has-text('Timeline')",
    "Sources": "h1:has-text('Sources')",
    "Data": "h1:has-text('Data')",
    "Briefing": ".bp-slide",
}
# The page records its last arrow keydown; WATCH_MAP puts a MutationObserver on the page that
# records when the Leaflet container's data-day changes. One clock: performance.timeOrigin + now().
INIT_SCRIPT = """
document.addEventListener("keydown", (e) => {
  if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
    window.__ltKeyAt = performance.timeOrigin + performance.now();
  }
}, true);
"""
WATCH_MAP = """
() => {
  const doc = document;
  if (!doc.querySelector(".cm-map-host")) { return false; }
  if (!doc.__ltWatched) {
    doc.__ltWatched = true;
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.target.classList && r.target.classList.contains("leaflet-container")) {
          window.__ltDayAt = performance.timeOrigin + performance.now();
          window.__ltDay = r.target.getAttribute("data-day");
        }
      }
    }).observe(doc, { subtree: true, attributes: true, attributeFilter: ["data-day"] });
  }
  window.__ltDay = null;
  return true;
}
"""


@dataclass
class Stats:
    """Everything the sessions measured."""

    steps_ms: list[float] = field(default_factory=list)
    switch_ms: list[float] = field(default_factory=list)
    back_to_map_ms: list[float] = field(default_factory=list)
    open_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


# --- the server -----------------------------------------------------------------------------------


def proc_status(pid: int, key: str) -> int:
    """A kB figure (VmRSS, VmHWM) from /proc/<pid>/status."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    raise KeyError(key)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- one session ------------------------------------------------------------------------------------


async def wait_for_map(page: Page, timeout_ms: int = ACTION_TIMEOUT_MS) -> Frame:
    """The page's frame, once its map (drawn in the page, static/app/map_component.js) has applied a date."""
    await page.wait_for_selector(MAP_DAY, state="attached", timeout=timeout_ms)
    return page.main_frame


async def check_page(page: Page, stats: Stats, where: str) -> None:
    if await page.locator("[data-testid=stException]").count():
        text = await page.locator("[data-testid=stException]").first.inner_text()
        stats.errors.append(f"{where}: exception box on the page: {text[:200]}")


async def map_day(page: Page) -> str:
    """The day the map shows (the map is looked up each time: a page switch replaces it)."""
    frame = await wait_for_map(page)
    return str(await frame.evaluate(f"document.querySelector('{MAP_DAY}').getAttribute('data-day')"))


# Done when the map shows another day: seen by the observer (exact time) or, if the map was
# replaced since (a page switch), by this check itself (at the next animation frame).
MAP_CHANGED = """
before => {
  if (window.__ltDay && window.__ltDay !== before) { return true; }
  const c = document.querySelector(".cm-map-host");
  const day = c && c.getAttribute("data-day");
  if (day && day !== before) {
    window.__ltDay = day;
    window.__ltDayAt = performance.timeOrigin + performance.now();
    return true;
  }
  return false;
}
"""


async def step(page: Page, before: str, direction: str) -> float:
    """Press an arrow on the slider thumb; return keydown-to-map-updated in ms (browser clock)."""
    if not await page.evaluate(WATCH_MAP):
        raise RuntimeError("the map is not on the page")
    thumb = page.locator("[data-testid=stSlider]").get_by_role("slider")
    await thumb.focus()
    label = await thumb.get_attribute("aria-valuetext")
    await thumb.press(direction)
    try:
        await page.wait_for_function(MAP_CHANGED, arg=before, timeout=ACTION_TIMEOUT_MS)
    except PlaywrightError:
        after = await thumb.get_attribute("aria-valuetext")
        raise RuntimeError(
            f"map still on {before} {ACTION_TIMEOUT_MS // 1000} s after {direction} "
            f"(slider {label!r} -> {after!r}: {'the key was not taken' if after == label else 'no map update'})"
        ) from None
    return float(await page.evaluate("window.__ltDayAt - window.__ltKeyAt"))


async def switch_page(page: Page, target: str, stats: Stats) -> None:
    """Go to ``target`` with the top navigation, wait for its content, come back to the map."""
    start = time.perf_counter()
    await page.get_by_role("link", name=target, exact=True).first.click()
    await page.wait_for_selector(PAGES[target], timeout=ACTION_TIMEOUT_MS)
    stats.switch_ms.append((time.perf_counter() - start) * 1000)
    await check_page(page, stats, target)
    start = time.perf_counter()
    await page.get_by_role("link", name="Map", exact=True).first.click()
    await wait_for_map(page)
    await page.wait_for_selector("div.cm-event[data-event]", timeout=ACTION_TIMEOUT_MS)
    stats.back_to_map_ms.append((time.perf_counter() - start) * 1000)


@dataclass
class Shared:
    """What every session of a run shares."""

    browser: Browser
    base: str
    start: asyncio.Event
    deadline: float
    stats: Stats
    switch_every: int
    first_day: str
    last_day: str
    think_s: float = 0.0
    opening: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(4))
    visit_every_page: bool = False  # the warm-up: fill every page's caches before measuring


async def session(index: int, run: Shared) -> None:
    """One user: open the map, then step and switch pages until the deadline."""
    stats = run.stats
    context: BrowserContext = await run.browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    await context.add_init_script(INIT_SCRIPT)
    page = await context.new_page()
    page.on("pageerror", lambda exc: stats.errors.append(f"session {index}: page error: {exc}"))
    page.on("console", lambda msg: stats.console_errors.append(msg.text) if msg.type == "error" else None)
    try:
        async with run.opening:  # sessions arrive a few at a time, as users do; all are open before the run
            opened = time.perf_counter()
            try:
                await page.goto(run.base, timeout=OPEN_TIMEOUT_MS)
                await wait_for_map(page, OPEN_TIMEOUT_MS)
            except Exception as exc:
                stats.errors.append(f"session {index}: could not open the map: {type(exc).__name__}: {exc}"[:300])
                return
            stats.open_ms.append((time.perf_counter() - opened) * 1000)
        if run.visit_every_page:
            for target in PAGES:
                try:
                    await switch_page(page, target, stats)
                except Exception as exc:
                    stats.errors.append(f"session {index}: visiting {target}: {type(exc).__name__}: {exc}"[:300])
        await run.start.wait()
        direction, steps, targets = "ArrowRight", 0, list(PAGES)
        while time.monotonic() < run.deadline:
            try:
                if steps and steps % run.switch_every == 0:
                    await switch_page(page, targets[(steps // run.switch_every + index) % len(targets)], stats)
                day = await map_day(page)
                if day >= run.last_day:
                    direction = "ArrowLeft"
                elif day <= run.first_day:
                    direction = "ArrowRight"
                stats.steps_ms.append(await step(page, day, direction))
                steps += 1
                if run.think_s:
                    await asyncio.sleep(run.think_s)
                await check_page(page, stats, f"session {index} step {steps}")
            except Exception as exc:  # a timeout is a failed user action: count it, reload, go on
                stats.errors.append(f"session {index}: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
                await page.goto(run.base, timeout=ACTION_TIMEOUT_MS)
                await wait_for_map(page)
    finally:
        await context.close()


# --- the run ----------------------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@dataclass
class RunResult:
    """One run: N sessions for a duration, against a fresh server."""

    sessions: int
    duration: int
    stats: Stats
    elapsed_s: float = 0.0
    chromium: str = ""
    load: tuple[float, float] = (0.0, 0.0)
    rss_mb: dict[str, float] = field(default_factory=dict)  # empty with --url
    server_cpu_s: float | None = None

    @property
    def actions(self) -> int:
        return len(self.stats.steps_ms) + len(self.stats.switch_ms) + len(self.stats.back_to_map_ms)


async def run(args: argparse.Namespace, sessions: int, duration: int) -> RunResult:
    """Start a server (unless --url), warm it up, run ``sessions`` users for ``duration`` seconds."""
    app = None if args.url else start_app(timeout_s=START_TIMEOUT_S)
    base = app.base if app else args.url
    pid = app.proc.pid if app else None
    result = RunResult(sessions, duration, Stats())
    rss = result.rss_mb

    def sample(name: str, key: str = "VmRSS") -> None:
        if pid:
            rss[name] = proc_status(pid, key) / 1024

    try:
        sample("idle")
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            result.chromium = browser.version
            stops = timeline_stops()
            warm = Shared(browser, base, _set_event(), 0.0, Stats(), args.switch_every, *stops, visit_every_page=True)
            await session(-1, warm)
            result.stats.errors += [f"warm-up: {e}" for e in warm.stats.errors]
            sample("warm")
            stats = result.stats
            shared = Shared(browser, base, asyncio.Event(), float("inf"), stats, args.switch_every, *stops, args.think)
            tasks = [asyncio.create_task(session(i, shared)) for i in range(sessions)]
            while len(stats.open_ms) + len(stats.errors) < sessions and not all(t.done() for t in tasks):
                await asyncio.sleep(0.2)
            sample("connected")
            cpu0 = cpu_seconds(pid) if pid else 0.0
            load0 = os.getloadavg()[0]
            t0 = time.monotonic()
            shared.deadline = t0 + duration
            shared.start.set()
            await asyncio.sleep(duration)
            sample("end")
            sample("peak", "VmHWM")
            if pid:
                result.server_cpu_s = cpu_seconds(pid) - cpu0
            result.load = (load0, os.getloadavg()[0])
            await asyncio.gather(*tasks, return_exceptions=True)
            result.elapsed_s = time.monotonic() - t0
            await browser.close()
        await asyncio.sleep(2)
        sample("closed")
        return result
    finally:
        if app:
            app.stop()


def timeline_stops() -> tuple[str, str]:
    """The first and last stop of the date slider, as the server computes them."""
    sys.path.insert(0, str(REPO_ROOT))
    from corridor.loader import load_dataset  # noqa: PLC0415 - only once the repo is on the path
    from corridor.timemodel import Timeline  # noqa: PLC0415

    extra = os.environ.get("CORRIDOR_EXTRA_EVENTS", "").strip()
    stops = Timeline(load_dataset(extra_events=Path(extra) if extra else None)).stops
    return stops[0].isoformat(), stops[-1].isoformat()


def _set_event() -> asyncio.Event:
    event = asyncio.Event()
    event.set()
    return event


def _ms(values: list[float]) -> str:
    return f"{pct(values, 0.5):.0f} / {pct(values, 0.95):.0f}" if values else "-"


def report(args: argparse.Namespace, main: RunResult, all_runs: list[RunResult]) -> str:
    """The results as Markdown (benchmarks/results/load-<date>.md)."""
    s = main.stats
    lines = [
        f"# Load test, {dt.date.today().isoformat()}",
        "",
        f"`.venv/bin/python benchmarks/load_test.py --sessions {args.sessions} --duration {args.duration} "
        f"--switch-every {args.switch_every} --think {args.think} --baseline {args.baseline}`",
        "",
        f"{main.sessions} concurrent sessions against one `streamlit run dashboard.py`, each stepping the date "
        "slider (ArrowRight/ArrowLeft on the focused thumb, waiting for the map's `data-day` to change) "
        f"and, every {args.switch_every} steps, switching to a top-nav page (Timeline, Sources, Data, Briefing "
        f"in turn) and back to the map, for {main.duration} s. Each run starts a fresh server, warms it with "
        "one session that visits every page, then opens the sessions four at a time before the clock starts.",
        "",
        "## Setup",
        "",
        f"- Machine: {os.cpu_count()} cores, {_mem_total_gb():.0f} GB RAM, {platform.platform()}, "
        f"Python {platform.python_version()}.",
        f"- streamlit {version('streamlit')}, "
        f"playwright {version('playwright')}, Chromium {main.chromium} (Debian, headless).",
        f"- Clients: {main.sessions} Playwright browser contexts (one Streamlit session each) in ONE headless "
        "Chromium, driven by one asyncio process, **on the same 2 cores as the server**. Every context renders "
        "the full page and the Leaflet map, so the browser side needs far more CPU than the server; real users "
        "bring their own machines.",
        f"- Load average (1 min) at the start / end of the {main.sessions}-session run: {main.load[0]:.1f} / "
        f"{main.load[1]:.1f} (this includes the test's own Chromium; other engineers' jobs also ran on this "
        "machine at times).",
        "",
        f"## Results: {main.sessions} sessions, {main.duration} s",
        "",
        "| figure | value |",
        "|---|---|",
        f"| errors (timeouts, page errors, Streamlit exception boxes) | **{len(s.errors)}** |",
        f"| steps completed | {len(s.steps_ms)} in {main.elapsed_s:.0f} s "
        f"({len(s.steps_ms) / max(main.elapsed_s, 1e-9):.1f} steps/s over all sessions) |",
        f"| step latency p50 / p95 / max (keydown to map updated) | {_ms(s.steps_ms)} / "
        f"{max(s.steps_ms, default=float('nan')):.0f} ms |",
        f"| page switch, click to page content, p50 / p95 | {_ms(s.switch_ms)} ms (n={len(s.switch_ms)}) |",
        f"| back to the map, click to map drawn, p50 / p95 | {_ms(s.back_to_map_ms)} ms (n={len(s.back_to_map_ms)}) |",
        f"| session open (goto to map drawn) p50 / p95 | {_ms(s.open_ms)} ms |",
        f"| browser console errors (not counted as errors, listed below) | {len(s.console_errors)} |",
    ]
    r = main.rss_mb
    if r:
        cpu = main.server_cpu_s or 0.0
        lines += [
            f"| server VmRSS idle / warm (after the warm-up session) | {r['idle']:.0f} / {r['warm']:.0f} MB |",
            f"| server VmRSS with {main.sessions} sessions: connected / end of run / peak (VmHWM) | "
            f"{r['connected']:.0f} / {r['end']:.0f} / {r['peak']:.0f} MB |",
            f"| **server memory per session**: (end of run - warm) / {main.sessions} | "
            f"**{(r['end'] - r['warm']) / main.sessions:.1f} MB** |",
            f"| server VmRSS 2 s after the sessions closed | {r['closed']:.0f} MB |",
            f"| server CPU time during the run | {cpu:.1f} s ({100 * cpu / main.duration:.0f} % of one core), "
            f"{1000 * cpu / max(main.actions, 1):.0f} ms per user action |",
        ]
    lines += [
        "",
        "## How the figures move with the number of sessions",
        "",
        "| sessions | duration | errors | steps/s | step p50 / p95 (ms) | server CPU (% of one core) "
        "| server CPU per action | server memory per session |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for run_ in all_runs:
        cpu = run_.server_cpu_s
        per = (run_.rss_mb["end"] - run_.rss_mb["warm"]) / run_.sessions if run_.rss_mb else float("nan")
        lines.append(
            f"| {run_.sessions} | {run_.duration} s | {len(run_.stats.errors)} | "
            f"{len(run_.stats.steps_ms) / max(run_.elapsed_s, 1e-9):.1f} | {_ms(run_.stats.steps_ms)} | "
            + (f"{100 * cpu / run_.duration:.0f} % | {1000 * cpu / max(run_.actions, 1):.0f} ms" if cpu else "- | -")
            + f" | {per:.1f} MB |"
        )
    lines += ["", "## Errors", ""]
    lines += [f"- {e}" for r_ in all_runs for e in r_.stats.errors[:50]] or ["None."]
    console = sorted({c[:160] for r_ in all_runs for c in r_.stats.console_errors})
    if console:
        lines += ["", "Browser console errors seen (distinct, first 10):", ""]
        lines += [f"- `{c}`" for c in console[:10]]
    lines += [
        "",
        "## Reading these figures",
        "",
        "- Step latency is keydown to map updated, in the browser's clock: the server rerun, the websocket "
        "delta and CorridorMap.apply. The client browsers and the server share 2 cores here, "
        "so when the browsers saturate the CPU this latency is mostly the browsers waiting for CPU; the server "
        "CPU column shows how busy the server itself was.",
        "- Server CPU per action divides the server's CPU time by the steps and page switches done: it is "
        "the cost that limits how many active users one server process (one Python interpreter, one GIL) "
        "can take; add processes (replicas) beyond that.",
        "- Memory per session is what each connected session adds once the shared caches (the dataset, the "
        "timeline, the map bundle, each page's cached data) are built by the warm-up. Python rarely returns "
        "freed memory to the system, so VmRSS after the sessions close stays near its peak.",
    ]
    return "\n".join(lines) + "\n"


def _mem_total_gb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 2**20
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--duration", type=int, default=60, help="seconds of stepping (after all sessions opened)")
    parser.add_argument("--switch-every", type=int, default=6, help="steps between two page switches")
    parser.add_argument("--think", type=float, default=0.0, help="seconds a user pauses after each step")
    parser.add_argument(
        "--baseline", default="1,5", help="smaller session counts to run first, for comparison ('' for none)"
    )
    parser.add_argument("--baseline-duration", type=int, default=30)
    parser.add_argument("--url", help="test a running server instead of starting one (no memory figures)")
    parser.add_argument("--no-write", action="store_true", help="print the report, do not write it")
    args = parser.parse_args()
    counts = [int(n) for n in args.baseline.split(",") if n.strip()]
    runs = [asyncio.run(run(args, n, args.baseline_duration)) for n in counts]
    main_run = asyncio.run(run(args, args.sessions, args.duration))
    text = report(args, main_run, [*runs, main_run])
    print(text)
    if not args.no_write:
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        out = RESULTS_DIR / f"load-{dt.date.today().isoformat()}.md"
        out.write_text(text, encoding="utf-8")
        print(f"written to {out.relative_to(REPO_ROOT)}")
    sys.exit(1 if any(r.stats.errors for r in [*runs, main_run]) else 0)


if __name__ == "__main__":
    main()
