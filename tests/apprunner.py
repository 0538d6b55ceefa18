"""Start the real app and a browser for it: one helper for the browser tests, the benchmarks and the
load test.

``start_app`` runs ``streamlit run <script>`` on a free loopback port and polls ``/_stcore/health``
until it answers (no sleeps in the callers); ``App.stop`` ends that process by its PID. The browser
is Debian's Chromium (``CHROMIUM_PATH`` overrides it; never ``playwright install``) with the flags
below. No project imports, so a tool can serve another checkout of the repository.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
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
VIEWPORT: Any = {"width": 1600, "height": 1000}  # a laptop projector (Playwright's ViewportSize)
# The live map (static/app/map_component.js): a div in the page itself (no iframe) that is also
# Leaflet's container, so it carries .leaflet-container, .cm-map and data-day.
MAP_HOST = ".cm-map-host"
SLIDER = "[data-testid=stSlider] input[type=range], [data-testid=stSlider] [role=slider]"
START_TIMEOUT_S = 60.0


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class App:
    """A Streamlit server started by ``start_app``."""

    proc: subprocess.Popen[bytes]
    base: str  # http://127.0.0.1:<port>
    started: float  # time.perf_counter() just before the process started
    healthy: float  # time.perf_counter() when /_stcore/health first answered
    log: Path  # where its output goes
    own_log: bool = False  # a temporary file of start_app's, removed by stop()

    def peak_rss_mb(self) -> float:
        """VmHWM (peak resident set) of the server process, in MB."""
        status = Path(f"/proc/{self.proc.pid}/status").read_text(encoding="utf-8")
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self, timeout_s: float = 15) -> None:
        """Terminate the server (kill it if it does not stop in time)."""
        self.proc.terminate()
        try:
            self.proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.own_log:
            self.log.unlink(missing_ok=True)


def start_app(
    script: str = "dashboard.py",
    *,
    cwd: Path = ROOT,
    env: Mapping[str, str] | None = None,
    port: int | None = None,
    log: Path | None = None,
    timeout_s: float = START_TIMEOUT_S,
) -> App:
    """Start ``streamlit run <script>`` (extra ``env`` on top of this process's) and return once
    /_stcore/health answers; RuntimeError with the server's output if it exits or never answers."""
    port = port or free_port()
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        script,
        "--server.headless=true",
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        "--browser.gatherUsageStats=false",
    ]
    full_env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    own_log = log is None
    if log is None:  # a file, not a pipe: a pipe nobody reads blocks the server once it is full
        handle, name = tempfile.mkstemp(prefix="streamlit-", suffix=".log")
        os.close(handle)
        log = Path(name)
    with log.open("wb") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=full_env, stdout=out, stderr=subprocess.STDOUT)
    app = App(proc, f"http://127.0.0.1:{port}", started, started, log, own_log)
    try:
        app.healthy = wait_healthy(app.base, timeout_s, proc)
    except RuntimeError as exc:
        raise RuntimeError(f"{script}: {exc}\n{_output(app)}") from None
    return app


def wait_healthy(base: str, timeout_s: float = START_TIMEOUT_S, proc: subprocess.Popen[bytes] | None = None) -> float:
    """Poll ``base``/_stcore/health until it answers 200; return the perf_counter time it did.

    When ``proc`` is given and exits first, or nothing answers in time, RuntimeError (a process
    that never answered is killed)."""
    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError("the server exited during start-up")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return time.perf_counter()
        except OSError:
            time.sleep(0.02)
    if proc is not None:
        proc.kill()
    raise RuntimeError(f"the server did not answer /_stcore/health within {timeout_s:.0f} s")


def _output(app: App) -> str:
    """The last part of what the server printed."""
    return f"(see {app.log})\n" + app.log.read_text(errors="replace")[-2000:]
