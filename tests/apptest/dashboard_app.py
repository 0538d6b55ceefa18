"""One way for the AppTest files to start the dashboard and move to a page."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from corridor.records import Event
from ui import keys

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "dashboard.py"
TIMEOUT_S = 60


def open_dashboard_page(page: str, imported: tuple[Event, ...] = ()) -> AppTest:
    """The dashboard, moved to ``app_pages/<page>.py`` (with these events imported in the session).

    Fails at once if the page raised, so each test starts from a page that drew.
    """
    at = AppTest.from_file(str(DASHBOARD), default_timeout=TIMEOUT_S)
    if imported:
        at.session_state[keys.IMPORTED] = imported
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at
