"""One way for the AppTest files to start the dashboard and move to a page."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

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


# The map widget's arguments and the per-step state it hands to CorridorMap.apply.
APPLY = re.compile(r"CorridorMap\.apply\((\{.*?\})\);", re.DOTALL)


def map_args(at: AppTest) -> dict[str, Any]:
    """The map component's arguments (the page must show exactly one map)."""
    components = at.get("component_instance")
    assert len(components) == 1, "expected exactly one map on the page"
    return dict(json.loads(components[0].proto.json_args))


def step_state(at: AppTest) -> dict[str, Any]:
    """The state object the per-step script hands to CorridorMap.apply (exactly one call)."""
    found = APPLY.findall(map_args(at)["feature_group"])
    assert len(found) == 1, map_args(at)["feature_group"]
    return dict(json.loads(found[0]))


def day_panel(at: AppTest) -> dict[str, Any]:
    """The Map page's day panel component's data: the day, its HTML and the days sent ahead."""
    panels = [el for el in at.get("bidi_component") if el.proto.component_name == "corridor_day_panel"]
    assert len(panels) == 1, "expected exactly one day panel on the page"
    (sent,) = json.loads(panels[0].proto.json)  # a one-item list (ui/daypanel.py)
    return dict(sent)


def ask_ahead(at: AppTest) -> AppTest:
    """What the day panel's script does once the map has drawn (static/app/day_panel.js): its
    ``ahead`` trigger, whose callback sets this flag, reruns the page; from then on every run sends
    the days next to the selected one. (AppTest runs no JavaScript: the e2e tests send the trigger.)"""
    at.session_state[keys.PANEL_AHEAD] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def panel_html(at: AppTest) -> str:
    """The HTML the day panel shows for the selected day."""
    sent = day_panel(at)
    return str(sent["neighbours"][sent["label"]]["html"])
