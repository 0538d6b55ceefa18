"""ui.warmup: the server's start warms the first run (imports, dataset, timeline, map data bundle)."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from streamlit.web.server.app_discovery import discover_asgi_app

from publish import static
from ui import data, warmup

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    monkeypatch.setattr(data, "load_default", lambda: calls.append("load") or "/app/static/generated/map-x.json")
    monkeypatch.setattr(static, "prune_bundles", lambda keep: calls.append(f"prune all but {sorted(keep)}") or [])
    monkeypatch.setattr(warmup.gc, "freeze", lambda: calls.append("freeze"))
    return calls


def test_warming_loads_the_default_data_prunes_old_bundles_then_freezes(loads: list[str]) -> None:
    warmup.warm()
    assert loads == ["load", "prune all but ['map-x.json']", "freeze"]


def test_a_failure_while_warming_is_left_for_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> str:
        raise OSError("disk gone")

    monkeypatch.setattr(data, "load_default", broken)
    warmup.warm()  # no exception: the page's first run loads again and says what is wrong


def test_the_lifespan_warms_in_a_thread_without_holding_the_server(loads: list[str]) -> None:
    async def serve() -> None:
        async with warmup.lifespan(None):
            pass

    # In a thread of its own: after the browser tests, Playwright's loop runs in this one.
    runner = threading.Thread(target=lambda: asyncio.run(serve()))
    runner.start()
    runner.join(timeout=30)
    for thread in [t for t in threading.enumerate() if t.name == "warm-first-run"]:
        thread.join(timeout=30)
    assert loads == ["load", "prune all but ['map-x.json']", "freeze"]


def test_streamlit_run_serves_the_dashboard_through_its_warming_app() -> None:
    found = discover_asgi_app(ROOT / "dashboard.py")
    assert found.is_asgi_app and found.import_string == "dashboard:app"
