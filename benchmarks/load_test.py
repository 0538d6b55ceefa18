"""Load test: many browser sessions stepping dates and switching pages against one app server.

Run by hand (not collected by pytest), from the repository root, after ``scripts/setup.sh --dev``:

    .venv/bin/python benchmarks/load_test.py                          # 20 sessions for 60 s; writes
                                                                      # benchmarks/results/load-<date>.md
    .venv/bin/python benchmarks/load_test.py --sessions 5 --duration 20 --no-write     # a quick look
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
   the last stop), and wait until the map iframe's Leaflet container changes its ``data-day``.
   Every ``--switch-every`` steps it clicks a top navigation link (Timeline, Sources, Data,
   Briefing in turn), waits for that page's own content, clicks Map and waits for the map again.
5. Reports errors (timeouts, page errors, Streamlit exception boxes; must be 0), step latency
   p50/p95/max, page-switch latency, steps per second, the server's CPU time and VmRSS with all
   sessions connected, and (VmRSS with N sessions - warm VmRSS) / N as memory per session.

Step latency is measured in the browser, in one clock (``performance.timeOrigin + now()``, shared
by the page and its same-origin map iframe): from the keydown on the slider (a capture listener in
the page) to the MutationObserver in the map iframe seeing ``data-day`` change, i.e. the server
rerun, the websocket delta, and CorridorMap.apply. Playwright's own round trips are not included.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from playwright.async_api import Browser, BrowserContext, Frame, Page, async_playwright
from playwright.async_api import Error as PlaywrightError

REPO_ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = REPO_ROOT / "benchmarks" / "results"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # 20 tabs share 2 cores: without these, Chromium throttles the ones it considers hidden.
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
]
MAP_IFRAME = "iframe[title='streamlit_folium.st_folium']"
START_TIMEOUT_S = 90
ACTION_TIMEOUT_MS = 60_000
OPEN_TIMEOUT_MS = 180_000
DETACH_RETRIES = 5
VIEWPORT = {"width": 1280, "height": 800}
# Each page's own content: the page has really been drawn once this is visible.
PAGES = {
    "Timeline": "h1:has-text('Timeline')",
    "Sources": "h1:has-text('Sources')",
    "Data": "h1:has-text('Data')",
    "Briefing": ".bp-slide",
}
# The page records its last arrow keydown; WATCH_MAP (run from the page, since Playwright's init
# scripts do not reach the component's sandboxed iframe) puts a MutationObserver into the map
# iframe's document that records when the Leaflet container's data-day changes. One clock:
# the top page's performance.timeOrigin + now().
INIT_SCRIPT = """
document.addEventListener("keydown", (e) => {
  if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
    window.__ltKeyAt = performance.timeOrigin + performance.now();
  }
}, true);
"""
WATCH_MAP = """
() => {
  const f = document.querySelector("iframe[title='streamlit_folium.st_folium']");
  const doc = f && f.contentDocument;
  if (!doc) { return false; }
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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server() -> tuple[subprocess.Popen[bytes], str]:
    """`streamlit run dashboard.py` on a free port, polled until /_stcore/health answers."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless=true",
         "--server.address=127.0.0.1", f"--server.port={port}", "--browser.gatherUsageStats=false"],
        cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("streamlit exited during start-up")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return proc, base
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("streamlit did not answer /_stcore/health in time")


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


async def map_frame(page: Page, timeout_ms: int = ACTION_TIMEOUT_MS) -> Frame:
    handle = await page.wait_for_selector(MAP_IFRAME, state="attached", timeout=timeout_ms)
    assert handle is not None
    frame = await handle.content_frame()
    assert frame is not None
    return frame


async def wait_for_map(page: Page, timeout_ms: int = ACTION_TIMEOUT_MS) -> Frame:
    """The map iframe, once the map has applied a date. Streamlit may replace the component's iframe
    while the page settles (its first size is -1); a detached frame is looked up again."""
    for _ in range(DETACH_RETRIES):
        frame = await map_frame(page, timeout_ms)
        try:
            await frame.wait_for_selector(".leaflet-container[data-day]", state="attached", timeout=timeout_ms)
            return frame
        except PlaywrightError as exc:
            if "detached" not in str(exc):
                raise
    raise RuntimeError(f"the map iframe was replaced {DETACH_RETRIES} times while loading")


async def check_page(page: Page, stats: Stats, where: str) -> None:
    if await page.locator("[data-testid=stException]").count():
        text = await page.locator("[data-testid=stException]").first.inner_text()
        stats.errors.append(f"{where}: exception box on the page: {text[:200]}")


async def map_day(page: Page) -> str:
    """The day the map shows (the iframe is looked up each time: a page switch replaces it)."""
    frame = await wait_for_map(page)
    return str(await frame.evaluate("document.querySelector('.leaflet-container').getAttribute('data-day')"))


# Done when the map shows another day: seen by the observer (exact time) or, if Streamlit replaced
# the iframe since the observer was installed, by this check itself (at the next animation frame).
MAP_CHANGED = """
before => {
  if (window.__ltDay && window.__ltDay !== before) { return true; }
  const f = document.querySelector("iframe[title='streamlit_folium.st_folium']");
  const c = f && f.contentDocument && f.contentDocument.querySelector(".leaflet-container");
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
        raise RuntimeError("the map iframe's document is not reachable")
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
    opening: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(4))
    visit_every_page: bool = False  # the warm-up: fill every page's caches before measuring


async def session(index: int, run: Shared) -> None:
    """One user: open the map, then step and switch pages until the deadline."""
    stats = run.stats
    context: BrowserContext = await run.browser.new_context(viewport=VIEWPORT)
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
                await switch_page(page, target, stats)
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


async def run(args: argparse.Namespace) -> dict[str, object]:
    proc, base = (None, args.url) if args.url else start_server()
    pid = proc.pid if proc else None
    figures: dict[str, object] = {"base": base}
    try:
        if pid:
            figures["rss_idle_kb"] = proc_status(pid, "VmRSS")
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            figures["chromium"] = browser.version
            stops = timeline_stops()
            warm = Shared(browser, base, _set_event(), 0.0, Stats(), args.switch_every, *stops, visit_every_page=True)
            await session(-1, warm)
            figures["warmup_errors"] = warm.stats.errors
            if pid:
                figures["rss_warm_kb"] = proc_status(pid, "VmRSS")
            stats = Stats()
            shared = Shared(browser, base, asyncio.Event(), float("inf"), stats, args.switch_every, *stops)
            tasks = [asyncio.create_task(session(i, shared)) for i in range(args.sessions)]
            while len(stats.open_ms) + len(stats.errors) < args.sessions and not all(t.done() for t in tasks):
                await asyncio.sleep(0.2)
            if pid:
                figures["rss_connected_kb"] = proc_status(pid, "VmRSS")
                cpu0 = cpu_seconds(pid)
            load0 = os.getloadavg()
            t0 = time.monotonic()
            shared.deadline = t0 + args.duration
            shared.start.set()
            await asyncio.sleep(args.duration)
            if pid:
                figures["rss_end_kb"] = proc_status(pid, "VmRSS")
                figures["hwm_kb"] = proc_status(pid, "VmHWM")
                figures["server_cpu_s"] = cpu_seconds(pid) - cpu0
            figures["loadavg"] = (load0, os.getloadavg())
            await asyncio.gather(*tasks, return_exceptions=True)
            figures["elapsed_s"] = time.monotonic() - t0
            await browser.close()
        if pid:
            await asyncio.sleep(2)
            figures["rss_closed_kb"] = proc_status(pid, "VmRSS")
        figures["stats"] = stats
        return figures
    finally:
        if proc:
            proc.terminate()
            proc.wait(timeout=15)


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


def report(args: argparse.Namespace, f: dict[str, object]) -> str:
    s: Stats = f["stats"]  # type: ignore[assignment]
    mb = 1024.0
    lines = [
        f"# Load test, {dt.date.today().isoformat()}",
        "",
        f"`benchmarks/load_test.py --sessions {args.sessions} --duration {args.duration} "
        f"--switch-every {args.switch_every}`: {args.sessions} concurrent sessions against one "
        "`streamlit run dashboard.py`, each stepping the date slider (ArrowRight/ArrowLeft on the focused "
        f"thumb, waiting for the map iframe's `data-day` to change) and, every {args.switch_every} steps, "
        "switching to a top-nav page (Timeline, Sources, Data, Briefing in turn) and back to the map.",
        "",
        "## Setup",
        "",
        f"- Machine: {os.cpu_count()} cores, {_mem_total_gb():.0f} GB RAM, {platform.platform()}, "
        f"Python {platform.python_version()}.",
        f"- streamlit {version('streamlit')}, streamlit-folium {version('streamlit-folium')}, "
        f"playwright {version('playwright')}, Chromium {f['chromium']} (Debian, headless).",
        f"- Clients: {args.sessions} Playwright browser contexts (one Streamlit session each) in one "
        "Chromium, driven by one asyncio process, **on the same 2 cores as the server**. Real users bring "
        "their own browsers, so this client load is much heavier than a server would see from them.",
        f"- Load average (1 min) at the start and end of the run: {f['loadavg'][0][0]:.1f} / "  # type: ignore[index]
        f"{f['loadavg'][1][0]:.1f} (other jobs were running on the machine too).",  # type: ignore[index]
        "",
        "## Results",
        "",
        "| figure | value |",
        "|---|---|",
        f"| errors (timeouts, page errors, exception boxes) | **{len(s.errors)}** |",
        f"| steps completed | {len(s.steps_ms)} in {f['elapsed_s']:.0f} s "  # type: ignore[str-format]
        f"({len(s.steps_ms) / float(f['elapsed_s']):.1f} steps/s overall) |",  # type: ignore[arg-type]
        f"| step latency p50 / p95 / max | {pct(s.steps_ms, 0.5):.0f} / {pct(s.steps_ms, 0.95):.0f} / "
        f"{max(s.steps_ms, default=float('nan')):.0f} ms |",
        f"| page switch (click to page content) p50 / p95 | {pct(s.switch_ms, 0.5):.0f} / "
        f"{pct(s.switch_ms, 0.95):.0f} ms (n={len(s.switch_ms)}) |",
        f"| back to the map (click to map drawn) p50 / p95 | {pct(s.back_to_map_ms, 0.5):.0f} / "
        f"{pct(s.back_to_map_ms, 0.95):.0f} ms (n={len(s.back_to_map_ms)}) |",
        f"| session open (goto to map drawn) p50 / max | {pct(s.open_ms, 0.5):.0f} / "
        f"{max(s.open_ms, default=float('nan')):.0f} ms |",
        f"| browser console errors (not counted as errors) | {len(s.console_errors)} |",
    ]
    if "rss_idle_kb" in f:
        idle, warm, conn, end = (
            float(f[k]) / mb for k in ("rss_idle_kb", "rss_warm_kb", "rss_connected_kb", "rss_end_kb")
        )  # type: ignore[arg-type]
        closed, hwm = float(f["rss_closed_kb"]) / mb, float(f["hwm_kb"]) / mb  # type: ignore[arg-type]
        cpu = float(f["server_cpu_s"])  # type: ignore[arg-type]
        lines += [
            f"| server VmRSS idle / warm (after one session) | {idle:.0f} / {warm:.0f} MB |",
            f"| server VmRSS with {args.sessions} sessions: connected / after the run | {conn:.0f} / {end:.0f} MB |",
            f"| **memory per session** (after the run - warm) / {args.sessions} | "
            f"**{(end - warm) / args.sessions:.1f} MB** |",
            f"| server VmRSS after the sessions closed / peak (VmHWM) | {closed:.0f} / {hwm:.0f} MB |",
            f"| server CPU time during the {args.duration} s run | {cpu:.1f} s "
            f"({100 * cpu / args.duration:.0f} % of one core) |",
        ]
    lines += ["", "## Errors", ""]
    lines += [f"- {e}" for e in s.errors[:50]] or ["None."]
    if s.console_errors:
        lines += ["", "Console errors seen (first 10):", ""]
        lines += [f"- `{c[:160]}`" for c in sorted(set(s.console_errors))[:10]]
    lines += [
        "",
        "## Reading these figures",
        "",
        "- Step latency is keydown to map updated, in the browser clock: the server rerun, the websocket "
        "delta and CorridorMap.apply. With the browser and the server on the same 2 cores, it is an upper "
        "bound for what users on their own machines would see from this server.",
        "- Memory per session is what each connected session adds to the server process once the shared "
        "caches (the dataset, the timeline, the map bundle) are built. Python rarely returns freed memory "
        "to the system, so VmRSS after the sessions close stays near its peak.",
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
    parser.add_argument("--url", help="test a running server instead of starting one (no memory figures)")
    parser.add_argument("--no-write", action="store_true", help="print the report, do not write it")
    args = parser.parse_args()
    figures = asyncio.run(run(args))
    text = report(args, figures)
    print(text)
    if not args.no_write:
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        out = RESULTS_DIR / f"load-{dt.date.today().isoformat()}.md"
        out.write_text(text, encoding="utf-8")
        print(f"written to {out.relative_to(REPO_ROOT)}")
    stats: Stats = figures["stats"]  # type: ignore[assignment]
    sys.exit(1 if stats.errors else 0)


if __name__ == "__main__":
    main()
