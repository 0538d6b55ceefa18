"""A missing or corrupt bundled file: the map page shows an error naming the file, never a traceback.

The app reads geo/ from ``ui.data.GEO_DIR`` at call time (``current_args()``); ``ui.data`` imported
the name from corridor.catalogue, so patching ``corridor.catalogue.GEO_DIR`` has no effect and the
seam is ``ui.data.GEO_DIR``. AppTest runs the page in this process, so a monkeypatch reaches it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

import corridor.catalogue
import ui.data
from corridor import catalogue
from tests.apptest.dashboard_app import ask_ahead, day_panel, maps, panel_html
from tests.hardening.conftest import CORPUS, EXTRA_EVENTS, html_problems, install

ROOT = Path(__file__).resolve().parents[2]


def run_map(**params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    return at


def error_text(at: AppTest) -> str:
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1, [e.value for e in at.error]
    return str(at.error[0].value)


def test_the_seam_is_ui_data_geo_dir(geo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Patching corridor.catalogue.GEO_DIR does not move the app (ui.data bound the name at import);
    patching ui.data.GEO_DIR does. Kept as a test so a refactor that changes the seam is noticed."""
    (geo_copy / "events.json").unlink()
    monkeypatch.setattr(corridor.catalogue, "GEO_DIR", geo_copy)
    assert ui.data.current_args()[0] != str(geo_copy)
    monkeypatch.setattr(ui.data, "GEO_DIR", geo_copy)
    assert ui.data.current_args()[0] == str(geo_copy)


@pytest.mark.parametrize("spec", catalogue.DATA_FILES, ids=lambda s: s.filename)
def test_missing_file_is_named_on_the_page(geo_copy: Path, monkeypatch: pytest.MonkeyPatch, spec: Any) -> None:
    (geo_copy / spec.filename).unlink()
    monkeypatch.setattr(ui.data, "GEO_DIR", geo_copy)
    text = error_text(run_map())
    assert f"file {spec.filename}: file is missing" in text
    assert not at_has_map(run_map()), "nothing is drawn from a half-loaded dataset"


@pytest.mark.parametrize("spec", catalogue.DATA_FILES, ids=lambda s: s.filename)
def test_truncated_file_is_named_on_the_page(geo_copy: Path, monkeypatch: pytest.MonkeyPatch, spec: Any) -> None:
    path = geo_copy / spec.filename
    path.write_bytes(path.read_bytes()[:200])
    monkeypatch.setattr(ui.data, "GEO_DIR", geo_copy)
    text = error_text(run_map())
    assert re.search(rf"file {re.escape(spec.filename)}: invalid JSON at line \d+", text), text


@pytest.mark.parametrize(
    "case",
    ["nan_coordinates.geojson", "lone_surrogate_title.json", "integer_5000_digits.json", "html_error_page.json"],
)
def test_corrupt_file_is_named_on_the_page(geo_copy: Path, monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    spec = next(c for c in json.loads((CORPUS / "cases.json").read_text()) if c["file"] == case)
    install(geo_copy, spec["target"], (CORPUS / case).read_bytes())
    monkeypatch.setattr(ui.data, "GEO_DIR", geo_copy)
    text = error_text(run_map())
    assert spec["target"] in text
    assert re.search(spec["match"], text), text


def test_deeply_nested_file_is_named_on_the_page(geo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install(geo_copy, "statements.json", b"[" * 100_000)
    monkeypatch.setattr(ui.data, "GEO_DIR", geo_copy)
    assert "file statements.json: JSON is nested too deeply" in error_text(run_map())


def test_bad_extra_events_file_is_named_on_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "analyst-log.json"
    extra.write_text(json.dumps({"events": [{"id": "ev-a", "date": "2023-05-01", "title": "t", "event_type": "x",
                                             "confidence": "low", "source_ids": ["nope"]}]}))  # fmt: skip
    monkeypatch.setenv(ui.data.EXTRA_EVENTS_ENV, str(extra))
    text = error_text(run_map())
    assert "file analyst-log.json" in text
    assert "source id does not exist" in text


def at_has_map(at: AppTest) -> bool:
    return len(maps(at)) > 0


def test_the_map_check_sees_the_map_of_good_data() -> None:
    """So that ``not at_has_map`` above means no map was drawn, not that the check looks elsewhere."""
    assert at_has_map(run_map())


# --- the page with payloads in every text field ---------------------------------------------------


@pytest.fixture
def hostile_page(payload_geo: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setattr(ui.data, "GEO_DIR", payload_geo)
    monkeypatch.setenv(ui.data.EXTRA_EVENTS_ENV, str(EXTRA_EVENTS))
    at = run_map(date="2023-05-10", event="ev-hostile-1")
    assert not at.exception, [e.value for e in at.exception]
    return ask_ahead(at)  # the days next to it too


def test_payload_data_page_runs_and_its_html_is_inert(hostile_page: AppTest) -> None:
    panel = panel_html(hostile_page)
    assert "data-event=" in panel
    assert "&lt;img src=x onerror=" in panel, "the payload title is shown, as text"
    assert not html_problems(panel), panel[:500]
    for block in hostile_page.markdown:
        if "<style>" not in block.value:  # the panel's own CSS block
            assert not html_problems(block.value), block.value[:500]


def test_event_titles_in_the_panels_choice_and_captions_are_inert(hostile_page: AppTest) -> None:
    """Titles reach the panel's radio labels and its 'In progress' lines (HTML the browser inserts,
    static/app/day_panel.js): a payload title must arrive escaped, never as a tag or a link, on the
    day shown and on every day sent ahead."""
    sent = day_panel(hostile_page)
    for html_text in [entry["html"] for entry in sent["neighbours"].values()]:
        assert not html_problems(html_text), html_text[:500]
    shown = panel_html(hostile_page)
    labels = re.findall(r'<label class="cm-day-choice">(.*?)</label>', shown, re.DOTALL)
    captions = re.findall(r'<p class="cm-day-caption">(In progress.*?)</p>', shown, re.DOTALL)
    assert labels and captions
    for text in labels + captions:
        assert "<a" not in text.partition(">")[2] and "<img" not in text and "<script" not in text, text
