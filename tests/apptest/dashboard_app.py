"""One way for the AppTest files to start the dashboard and move to a page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from corridor.imports import guess_mapping, import_events, read_table
from corridor.loader import load_dataset
from corridor.records import Event
from ui import keys

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "dashboard.py"
SAMPLE_CSV = ROOT / "tests" / "data" / "imports" / "acled_sample.csv"
TIMEOUT_S = 60


def sample_import() -> tuple[Event, ...]:
    """The five events of tests/data/imports/acled_sample.csv, as the Data page imports them."""
    table = read_table(SAMPLE_CSV.read_bytes(), SAMPLE_CSV.name)
    places = {p.id: p for p in load_dataset().places}
    return import_events(table, guess_mapping(table.columns), places=places).events


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


MAP_COMPONENT = "corridor_map"  # ui/mapwidget.py's v2 component: the map drawn in the page


def maps(at: AppTest) -> list[Any]:
    """The map components on the page (the Map and Briefing pages draw one)."""
    return [el for el in at.get("bidi_component") if el.proto.component_name == MAP_COMPONENT]


def map_element(at: AppTest) -> Any:
    """The page's map component (the page must show exactly one map)."""
    found = maps(at)
    assert len(found) == 1, "expected exactly one map on the page"
    return found[0]


def map_data(at: AppTest) -> dict[str, Any]:
    """What the map component is sent: the map's config, its first view, its height and the state."""
    (sent,) = json.loads(map_element(at).proto.json)  # a one-item list (ui/mapwidget.py)
    return dict(sent)


def base_map(at: AppTest) -> dict[str, Any]:
    """Everything the map is sent besides the day's state (the same on every run)."""
    return {k: v for k, v in map_data(at).items() if k != "state"}


def step_state(at: AppTest) -> dict[str, Any]:
    """The state the component's script hands to CorridorMap.apply."""
    return dict(map_data(at)["state"])


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
