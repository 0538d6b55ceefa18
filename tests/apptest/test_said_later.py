"""The map page under AppTest on a fixture dataset: a statement made after the day shown is under
"Said later" with its date, never among what had been said (present/annotation.py).

The fixture is a private copy of geo/ in which Armenia's "gross violation" statement about the
23 April 2023 checkpoint is re-dated to 2 May 2023; the page reads it through the ``ui.data.GEO_DIR``
seam (see tests/hardening/test_faults_apptest.py).
"""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import ui.data
from tests.apptest.dashboard_app import panel_html

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "dashboard.py"
TIMEOUT_S = 60
GROSS = "armenia-2023-04-23-gross-violation"


@pytest.fixture
def later_geo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    geo = tmp_path / "geo"
    shutil.copytree(ROOT / "geo", geo)
    path = geo / "statements.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    (statement,) = [s for s in doc["statements"] if s["id"] == GROSS]
    statement["date"] = "2023-05-02"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    monkeypatch.setattr(ui.data, "GEO_DIR", geo)
    return geo


def panel_on(day: str) -> str:
    at = AppTest.from_file(str(DASHBOARD), default_timeout=TIMEOUT_S)
    at.query_params["date"] = day
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    panel = panel_html(at)
    assert "data-event=" in panel
    return panel


def test_on_the_event_day_the_later_statement_is_under_said_later(later_geo: Path) -> None:
    panel = panel_on("2023-04-23")
    said, _, later = panel.partition('<div class="cm-said-later"')
    assert 'data-event="ev-2023-04-23-checkpoint"' in said
    assert f'data-statement="{GROSS}"' not in said
    assert f'data-statement="{GROSS}"' in later
    assert '<h4 class="cm-said-later-title">Said later</h4>' in later
    assert "Said 2 May 2023" in later
    assert "gross violation" in html.unescape(later)


def test_on_the_bundled_data_the_same_statement_is_said_that_day() -> None:
    panel = panel_on("2023-04-23")
    assert "cm-said-later" not in panel
    assert f'data-statement="{GROSS}"' in panel


def test_the_bundled_1_april_route_change_shows_sanosyan_as_said_later() -> None:
    panel = panel_on("2023-04-01")
    said, _, later = panel.partition('<div class="cm-said-later"')
    assert 'data-statement="sanosyan-2023-04-20-route"' in later and "Said 20 Apr 2023" in later
    assert "data-statement=" not in said


def test_the_days_status_note_shows_beside_the_panel() -> None:
    at = AppTest.from_file(str(DASHBOARD), default_timeout=TIMEOUT_S)
    at.query_params["date"] = "2023-04-24"
    at.run()
    panel = panel_html(at)
    assert panel.count(' cm-day-status"') == 1
    box = panel.partition(' cm-day-status"')[2].partition('<div class="cm-event"')[0]
    assert "Checkpoint" in box and "Hakari bridge" in html.unescape(box)
