"""tests/apprunner.py, the one helper that starts the app for the browser tests and the benchmarks:
it reports a server that exits or never answers, with what the server printed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.apprunner import CHROMIUM_ARGS, free_port, start_app, wait_healthy


def test_a_server_that_exits_during_start_up_is_reported() -> None:
    proc = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    proc.wait()
    with pytest.raises(RuntimeError, match="exited during start-up"):
        wait_healthy(f"http://127.0.0.1:{free_port()}", timeout_s=5, proc=proc)


def test_a_port_that_never_answers_times_out() -> None:
    with pytest.raises(RuntimeError, match=r"did not answer /_stcore/health within 0 s"):
        wait_healthy(f"http://127.0.0.1:{free_port()}", timeout_s=0.3)


def test_a_script_that_fails_names_itself_and_shows_its_output(tmp_path: Path) -> None:
    (tmp_path / "broken.py").write_text("import streamlit as st\n", encoding="utf-8")
    log = tmp_path / "server.log"
    with pytest.raises(RuntimeError, match=r"missing\.py: the server exited during start-up") as failure:
        start_app("missing.py", cwd=tmp_path, log=log, timeout_s=30)
    assert str(log) in str(failure.value)
    assert "missing.py" in log.read_text(errors="replace")


def test_chromium_runs_without_a_sandbox_and_without_the_network() -> None:
    assert {"--no-sandbox", "--disable-background-networking", "--disable-quic"} <= set(CHROMIUM_ARGS)
