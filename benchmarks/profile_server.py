"""Profile the Streamlit script runs of the dashboard, as the real server runs them.

Starts ``streamlit run dashboard.py`` in this process with every script run wrapped in cProfile
(runs happen on Streamlit's script thread, out of reach of ``python -m cProfile``), opens the map
in Chromium, steps the slider, and prints where the first run and the step runs spend their time.
Run by hand:

    CORRIDOR_EXTRA_EVENTS=benchmarks/data/events-10000.json \\
        .venv/bin/python benchmarks/profile_server.py --steps 10 --top 25

Each run's profile is also saved as benchmarks/results/profiles/run-NNN.prof (gitignored) for
``python -m pstats`` or snakeviz. Import costs are better seen with ``python -X importtime``
(see benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import threading
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from tests.apprunner import (  # noqa: E402 - needs the path set above
    CHROMIUM,
    CHROMIUM_ARGS,
    MAP_HOST,
    SLIDER,
    VIEWPORT,
    free_port,
    wait_healthy,
)

PROFILE_DIR = REPO_ROOT / "benchmarks" / "results" / "profiles"
RUNS: list[tuple[float, Path]] = []  # (wall seconds, profile file) per script run


def install_profiler(cpu: bool) -> None:
    """Wrap ScriptRunner._run_script so that every script run is profiled and timed.

    With ``cpu`` the profile counts the script thread's CPU time (``time.thread_time``), which
    other processes on a busy machine do not inflate; otherwise wall time.
    """
    from streamlit.runtime.scriptrunner import script_runner  # noqa: PLC0415 - after sys.argv is set

    original = script_runner.ScriptRunner._run_script

    def profiled(self: Any, rerun_data: Any) -> None:
        profile = cProfile.Profile(time.thread_time) if cpu else cProfile.Profile()
        began = time.perf_counter()
        profile.enable()
        try:
            original(self, rerun_data)
        finally:
            profile.disable()
            target = PROFILE_DIR / f"run-{len(RUNS):03d}.prof"
            profile.dump_stats(target)
            RUNS.append((time.perf_counter() - began, target))

    script_runner.ScriptRunner._run_script = profiled  # type: ignore[method-assign]


def serve(port: int, root: Path) -> None:
    """Run the Streamlit CLI in this process (blocks; it must own the main thread for its signals)."""
    from streamlit.web import cli  # noqa: PLC0415

    sys.argv = [
        "streamlit",
        "run",
        str(root / "dashboard.py"),
        "--server.headless=true",
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        "--browser.gatherUsageStats=false",
    ]
    cli.main(standalone_mode=False)


def drive(base: str, steps: int) -> None:
    """Open the map, wait for it, and press ArrowRight ``steps`` times (each until its run ends)."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(base)
        page.locator(f"{MAP_HOST} path.cm-route").first.wait_for(state="attached", timeout=120_000)
        slider = page.locator(SLIDER).first
        slider.focus()
        for _ in range(steps):
            done = len(RUNS)
            page.keyboard.press("ArrowRight")
            deadline = time.perf_counter() + 60
            while len(RUNS) <= done and time.perf_counter() < deadline:
                page.wait_for_timeout(10)
        browser.close()


def summary(files: list[Path], top: int, title: str) -> str:
    """The top functions by cumulative time over the given profiles."""
    stream = io.StringIO()
    stats = pstats.Stats(*[str(f) for f in files], stream=stream)
    stats.strip_dirs().sort_stats("cumulative").print_stats(top)
    return f"--- {title} ---\n{stream.getvalue()}"


def report(base: str, steps: int, top: int) -> None:
    """Wait for the server, drive the browser, print the profiles, and end the process."""
    try:
        wait_healthy(base)
        drive(base, steps)
        walls = [round(w * 1000) for w, _ in RUNS]
        print(f"script runs: {len(RUNS)}; wall ms: first {walls[0]}, then {walls[1:]}")
        print(summary([RUNS[0][1]], top, "first run"))
        if len(RUNS) > 1:
            print(summary([f for _, f in RUNS[1:]], top, f"{len(RUNS) - 1} later runs together"))
    finally:
        sys.stdout.flush()
        os._exit(0)  # stops the server in the main thread too


def main(argv: list[str] | None = None) -> int:
    """Profile the dashboard's script runs while a browser opens it and steps the slider."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--cpu", action="store_true", help="profile CPU time of the script thread, not wall time")
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help="the checkout to serve (a patched copy)")
    args = parser.parse_args(argv)
    PROFILE_DIR.mkdir(parents=True, exist_ok=True)
    for old in PROFILE_DIR.glob("run-*.prof"):
        old.unlink()
    root = args.root.resolve()
    os.chdir(root)
    sys.path.insert(0, str(root))
    port = free_port()
    install_profiler(args.cpu)
    threading.Thread(target=report, args=(f"http://127.0.0.1:{port}", args.steps, args.top), daemon=True).start()
    serve(port, root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
