"""The Briefing page under AppTest: slides, stepping without changing the base map, the two views,
reordering, saving and loading briefing files, and building the pack."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import time
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from corridor.loader import load_dataset
from corridor.text import markdown_text
from corridor.timemodel import Timeline
from export.briefing import BRIEFINGS_ENV, Briefing, briefing_json, default_briefing
from export.pack_job import PackJob
from export.slides import build_slides
from tests.apptest.dashboard_app import base_map, map_element, maps, open_dashboard_page, sample_import, step_state
from ui import keys
from ui.briefing_clock import START, clock_html
from ui.keyboard import FLAG, SLIDE_KEYS, install_js

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "dashboard.py"
TIMEOUT_S = 60
BUILD_TIMEOUT_S = 180
TIMELINE = Timeline(load_dataset())
SLIDES = build_slides(TIMELINE, default_briefing(TIMELINE.dataset))
NOTES_LABEL = "Speaker notes for this slide (hidden in audience view)"
SAMPLE_EVENTS = sample_import()  # five imported events: types Protests, Strategic developments, Riots


@pytest.fixture(autouse=True)
def private_briefings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Saved briefings go to a temporary folder, never to the repository's userdata/."""
    folder = tmp_path / "briefings"
    monkeypatch.setenv(BRIEFINGS_ENV, str(folder))
    return folder


def open_briefing() -> AppTest:
    return open_dashboard_page("briefing")


def run(target: Any) -> AppTest:
    """Run the app (``target`` is the AppTest or a widget just set); fail on any exception."""
    at: AppTest = target.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def slide_markdown(at: AppTest) -> str:
    found = [m.value for m in at.markdown if 'class="bp-slide"' in m.value]
    assert len(found) == 1
    return found[0]


def test_first_slide_shows_the_first_event_with_its_quotes_and_map_state() -> None:
    at = open_briefing()
    text = slide_markdown(at)
    first = SLIDES[0]
    assert f"Slide 1 of {len(SLIDES)}" in text
    assert first.event.title in text
    assert "First slide: the map as it stood on 10 Nov 2020." in text
    assert "The Lachin corridor (5 km wide) which will ensure the communication" in text  # verbatim quote
    state = step_state(at)
    assert state["day"] == first.state.day.isoformat()
    assert state["selectedEvent"] == first.event.id
    assert state["fit"] == [list(c) for c in first.fit]


def test_next_and_last_step_the_slides_without_changing_the_base_map() -> None:
    at = open_briefing()
    base, map_id = base_map(at), map_element(at).proto.id
    run(at.button(key=keys.SLIDE_NEXT).click())
    assert at.session_state[keys.SLIDE_INDEX] == 1
    assert step_state(at)["day"] == SLIDES[1].state.day.isoformat()
    assert base_map(at) == base  # the same configuration and view: only the state changes
    assert map_element(at).proto.id == map_id  # the same map element: the map is not rebuilt
    run(at.button(key=keys.SLIDE_LAST).click())
    assert f"Slide {len(SLIDES)} of {len(SLIDES)}" in slide_markdown(at)
    assert at.button(key=keys.SLIDE_NEXT).disabled and at.button(key=keys.SLIDE_LAST).disabled
    assert base_map(at) == base
    run(at.button(key=keys.SLIDE_FIRST).click())
    assert at.session_state[keys.SLIDE_INDEX] == 0
    assert at.button(key=keys.SLIDE_PREV).disabled


def test_checkpoint_slide_says_what_changed() -> None:
    at = open_briefing()
    target = next(s for s in SLIDES if s.event.id == "ev-2023-04-23-checkpoint")
    at.session_state[keys.SLIDE_INDEX] = target.number - 1
    run(at)
    assert "A checkpoint appeared: Hakari bridge checkpoint / Lachin border checkpoint." in slide_markdown(at)
    state = step_state(at)
    assert state["checkpoints"] == ["hakari_checkpoint"]
    assert state["status"] == "checkpoint"


def test_choosing_and_reordering_events_changes_the_slides() -> None:
    at = open_briefing()
    chosen = ["ev-2023-04-23-checkpoint", "ev-2022-08-30-new-route"]
    run(at.multiselect(key=keys.BRIEF_EVENTS).set_value(chosen))
    assert "Slide 1 of 2" in slide_markdown(at)
    assert step_state(at)["day"] == "2023-04-23"
    run(at.button(key=keys.SLIDE_NEXT).click())
    text = slide_markdown(at)
    assert "This slide goes back in time, from 23 Apr 2023 to 30 Aug 2022." in text
    run(at.button(key=keys.BRIEF_SORT).click())
    assert at.multiselect(key=keys.BRIEF_EVENTS).value == list(reversed(chosen))


def test_no_events_chosen_shows_a_message() -> None:
    at = open_briefing()
    run(at.multiselect(key=keys.BRIEF_EVENTS).set_value([]))
    assert any("Choose at least one event" in i.value for i in at.info)
    assert not maps(at)


def test_audience_view_hides_the_notes_and_presenter_view_keeps_them() -> None:
    at = open_briefing()
    notes = at.text_area(key=keys.BRIEF_NOTE_PREFIX + SLIDES[0].event.id)
    assert notes.label == NOTES_LABEL
    run(notes.input("Open with the map of 2020"))
    run(at.radio(key=keys.BRIEF_VIEW).set_value("Audience view"))
    assert [t for t in at.text_area if t.label == NOTES_LABEL] == []
    assert any("stSidebar" in h.proto.body and "display: none" in h.proto.body for h in at.get("html"))
    run(at.radio(key=keys.BRIEF_VIEW).set_value("Presenter view"))
    assert not any("stSidebar" in h.proto.body for h in at.get("html"))
    assert at.text_area(key=keys.BRIEF_NOTE_PREFIX + SLIDES[0].event.id).value == "Open with the map of 2020"
    briefing = at.session_state[keys.BRIEFING]
    assert briefing.notes == {SLIDES[0].event.id: "Open with the map of 2020"}


def test_save_then_load_a_briefing_file(private_briefings: Path) -> None:
    at = open_briefing()
    run(at.multiselect(key=keys.BRIEF_EVENTS).set_value(["ev-2022-12-12-blockade", "ev-2020-11-trilateral-statement"]))
    run(at.text_input(key=keys.BRIEF_TITLE).input("Blockade talk"))
    run(at.text_area(key=keys.BRIEF_NOTE_PREFIX + "ev-2022-12-12-blockade").input("Mention the eco-activists"))
    run(at.text_input(key=keys.BRIEF_SAVE_NAME).input("../blockade talk"))
    run(at.button(key=keys.BRIEF_SAVE).click())
    saved = private_briefings / "blockade-talk.json"
    doc = json.loads(saved.read_text(encoding="utf-8"))
    assert doc == {
        "format": "lachin-briefing",
        "version": 1,
        "title": "Blockade talk",
        "events": ["ev-2022-12-12-blockade", "ev-2020-11-trilateral-statement"],
        "notes": {"ev-2022-12-12-blockade": "Mention the eco-activists"},
    }
    assert any("Saved as blockade-talk.json" in s.value for s in at.sidebar.success)

    fresh = open_briefing()
    assert fresh.selectbox(key=keys.BRIEF_SAVED_PICK).options == ["blockade-talk.json"]
    run(fresh.selectbox(key=keys.BRIEF_SAVED_PICK).set_value("blockade-talk.json"))
    run(fresh.button(key=keys.BRIEF_LOAD_SAVED).click())
    assert fresh.multiselect(key=keys.BRIEF_EVENTS).value == doc["events"]
    assert fresh.text_input(key=keys.BRIEF_TITLE).value == "Blockade talk"
    assert "Slide 1 of 2" in slide_markdown(fresh)
    assert fresh.text_area(key=keys.BRIEF_NOTE_PREFIX + "ev-2022-12-12-blockade").value == "Mention the eco-activists"


def test_a_file_with_unknown_events_loads_the_rest_with_a_message(private_briefings: Path) -> None:
    private_briefings.mkdir(parents=True)
    doc = json.loads(briefing_json(Briefing("Old talk", ("ev-2023-04-23-checkpoint",))))
    doc["events"] = ["ev-gone-1", "ev-2023-04-23-checkpoint", "ev-gone-2"]
    (private_briefings / "old.json").write_text(json.dumps(doc), encoding="utf-8")
    (private_briefings / "broken.json").write_text('{"format": "lachin-briefing", "version": 9}', encoding="utf-8")
    at = open_briefing()
    run(at.selectbox(key=keys.BRIEF_SAVED_PICK).set_value("old.json"))
    run(at.button(key=keys.BRIEF_LOAD_SAVED).click())
    assert at.multiselect(key=keys.BRIEF_EVENTS).value == ["ev-2023-04-23-checkpoint"]
    assert any("not in the data and were skipped: ev-gone-1, ev-gone-2" in w.value for w in at.sidebar.warning)
    run(at.selectbox(key=keys.BRIEF_SAVED_PICK).set_value("broken.json"))
    run(at.button(key=keys.BRIEF_LOAD_SAVED).click())
    assert any("has version 9" in e.value for e in at.sidebar.error)
    assert at.multiselect(key=keys.BRIEF_EVENTS).value == ["ev-2023-04-23-checkpoint"]  # unchanged


def _until_built(at: AppTest) -> AppTest:
    """Rerun (as the page's timer does) until the background build has ended."""
    deadline = time.monotonic() + BUILD_TIMEOUT_S
    while at.session_state[keys.BRIEF_JOB] is not None:
        assert time.monotonic() < deadline, "the pack was not built in time"
        time.sleep(0.3)
        at = run(at)
    return at


def test_building_the_pack_runs_in_the_background_with_progress_then_offers_downloads() -> None:
    at = open_briefing()
    run(at.multiselect(key=keys.BRIEF_EVENTS).set_value(["ev-2023-04-23-checkpoint"]))
    run(at.multiselect(key=keys.BRIEF_FORMATS).set_value(["html"]))
    run(at.button(key=keys.BRIEF_BUILD).click())
    _signature, job = at.session_state[keys.BRIEF_JOB]
    assert job.process.pid != os.getpid()  # not in the script thread: a process of its own
    assert at.button(key=keys.BRIEF_BUILD).disabled  # one build at a time
    assert len(at.get("progress")) == 1
    at = _until_built(at)
    _signature, files = at.session_state[keys.BRIEF_PACK]
    assert [f.name for f in files] == [
        "the-lachin-corridor-2020-2024-pack.zip",
        "the-lachin-corridor-2020-2024-map.html",
    ]
    assert not at.get("progress")
    downloads = at.get("download_button")
    labels = [d.proto.label for d in downloads]
    assert "the-lachin-corridor-2020-2024-map.html" in labels
    assert "the-lachin-corridor-2020-2024-pack.zip" in labels
    assert not job.folder.exists()  # the job's files were read and its folder removed


def _die(*_args: object) -> None:
    os._exit(3)


def test_a_failed_build_shows_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    start = PackJob.start.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(PackJob, "start", classmethod(lambda cls, *a, **kw: start(cls, *a, **kw, target=_die)))
    at = open_briefing()
    run(at.multiselect(key=keys.BRIEF_FORMATS).set_value(["html"]))
    run(at.button(key=keys.BRIEF_BUILD).click())
    at = _until_built(at)
    expected = markdown_text("The pack could not be built: the build stopped (exit code 3)")  # escaped Markdown
    assert [e.value for e in at.sidebar.error] == [expected]
    assert not [d for d in at.get("download_button") if d.key.startswith(keys.BRIEF_PACK_PREFIX)]
    assert not at.button(key=keys.BRIEF_BUILD).disabled


def test_the_keyboard_helper_installs_once_and_binds_the_clicker_keys() -> None:
    at = open_briefing()
    frames = [f for f in at.get("iframe") if FLAG in f.proto.srcdoc]
    assert len(frames) == 1
    srcdoc = frames[0].proto.srcdoc
    assert srcdoc == install_js()
    assert f"host[{json.dumps(FLAG)}]" in srcdoc  # the once-only guard
    bindings = json.loads(json.loads(re.search(r'\+ ("\{.*?\}") \+', srcdoc).group(1)))  # type: ignore[union-attr]
    assert bindings == SLIDE_KEYS
    assert {bindings["PageDown"], bindings["ArrowRight"]} == {keys.SLIDE_NEXT}
    assert {bindings["PageUp"], bindings["ArrowLeft"]} == {keys.SLIDE_PREV}
    assert (bindings["Home"], bindings["End"]) == (keys.SLIDE_FIRST, keys.SLIDE_LAST)
    assert "input, textarea, select" in srcdoc  # keys typed into fields are left alone


def test_the_presenter_view_has_the_next_title_and_an_elapsed_clock_and_the_audience_view_neither() -> None:
    at = open_briefing()
    clocks = [f for f in at.get("iframe") if START in f.proto.srcdoc]
    assert len(clocks) == 1
    assert clocks[0].proto.srcdoc == clock_html()
    assert any(c.value.startswith("Up next") for c in at.caption)
    run(at.button(key=keys.SLIDE_NEXT).click())
    assert [f.proto.srcdoc for f in at.get("iframe") if START in f.proto.srcdoc] == [clock_html()]  # kept as is
    run(at.radio(key=keys.BRIEF_VIEW).set_value("Audience view"))
    assert not [f for f in at.get("iframe") if START in f.proto.srcdoc]
    assert not any(c.value.startswith("Up next") for c in at.caption)


def test_a_statement_made_after_the_slides_day_is_under_said_later() -> None:
    at = open_briefing()
    run(at.multiselect(key=keys.BRIEF_EVENTS).set_value(["ev-2023-04-01-kornidzor-route"]))
    text = slide_markdown(at)
    said, _, later = text.partition('<div class="cm-said-later"')
    assert 'data-statement="sanosyan-2023-04-20-route"' in later and "Said 20 Apr 2023" in later
    assert "data-statement=" not in said
    assert "Made after 1 Apr 2023: not yet said on this day." in later


# --- The controls outlive a visit to another page ------------------------------------------------
def visit(at: AppTest, page: str) -> AppTest:
    """Go to ``app_pages/<page>.py`` and back to the Briefing page (the top navigation's switch)."""
    run(at.switch_page(f"app_pages/{page}.py"))
    return run(at.switch_page("app_pages/briefing.py"))


def audience_css_shown(at: AppTest) -> bool:
    """Whether the page hides its sidebar and header: the audience view."""
    return any("stSidebar" in h.proto.body and "display: none" in h.proto.body for h in at.get("html"))


@pytest.mark.parametrize("page", ["map", "data", "timeline"])
def test_place_names_formats_and_file_name_survive_a_visit_to_another_page(page: str) -> None:
    at = open_briefing()
    run(at.sidebar.radio(key=keys.BRIEF_NAMING).set_value("az"))
    run(at.multiselect(key=keys.BRIEF_FORMATS).set_value(["html", "pdf"]))
    run(at.text_input(key=keys.BRIEF_SAVE_NAME).input("monday talk"))
    assert step_state(at)["naming"] == "az"
    visit(at, page)
    assert at.sidebar.radio(key=keys.BRIEF_NAMING).value == "az"
    assert step_state(at)["naming"] == "az"  # the slide's map too, not only the radio
    assert at.multiselect(key=keys.BRIEF_FORMATS).value == ["html", "pdf"]
    assert at.text_input(key=keys.BRIEF_SAVE_NAME).value == "monday talk"
    assert not at.checkbox, "the big-build confirmation is not shown (nor kept) for a short briefing"


def test_the_audience_view_survives_a_visit_to_another_page() -> None:
    at = open_briefing()
    run(at.radio(key=keys.BRIEF_VIEW).set_value("Audience view"))
    assert audience_css_shown(at)
    visit(at, "map")
    assert at.radio(key=keys.BRIEF_VIEW).value == "Audience view"
    assert audience_css_shown(at)
    assert [t for t in at.text_area if t.label == NOTES_LABEL] == []


def test_the_add_imported_events_filters_survive_and_drop_only_what_left_with_the_imports() -> None:
    events = SAMPLE_EVENTS
    at = open_dashboard_page("briefing", events)
    run(at.sidebar.date_input(key=keys.BRIEF_ADD_DATES).set_value((dt.date(2023, 1, 1), dt.date(2023, 3, 31))))
    run(at.sidebar.multiselect(key=keys.BRIEF_ADD_TYPES).set_value(["Protests", "Riots"]))
    run(at.sidebar.multiselect(key=keys.BRIEF_ADD_ACTORS).set_value(["Protesters (Armenia)", "Rioters (Armenia)"]))
    visit(at, "data")
    assert at.sidebar.date_input(key=keys.BRIEF_ADD_DATES).value == (dt.date(2023, 1, 1), dt.date(2023, 3, 31))
    assert at.sidebar.multiselect(key=keys.BRIEF_ADD_TYPES).value == ["Protests", "Riots"]
    assert at.sidebar.multiselect(key=keys.BRIEF_ADD_ACTORS).value == ["Protesters (Armenia)", "Rioters (Armenia)"]
    # The riot is no longer imported: its type and its actor leave the filters, the rest stays.
    at.session_state[keys.IMPORTED] = tuple(e for e in events if e.event_type != "Riots")
    run(at.switch_page("app_pages/map.py"))
    run(at.switch_page("app_pages/briefing.py"))
    assert not at.error
    assert at.sidebar.multiselect(key=keys.BRIEF_ADD_TYPES).value == ["Protests"]
    assert at.sidebar.multiselect(key=keys.BRIEF_ADD_ACTORS).value == ["Protesters (Armenia)"]
    run(at.sidebar.button(key=keys.BRIEF_ADD).click())
    assert at.multiselect(key=keys.BRIEF_EVENTS).value[-1] == "import-SYN1001"  # the one that matches


def test_a_saved_file_chosen_then_deleted_meanwhile_is_no_longer_chosen(private_briefings: Path) -> None:
    private_briefings.mkdir(parents=True)
    for name in ("kept", "gone"):
        (private_briefings / f"{name}.json").write_text(briefing_json(Briefing(name, (SLIDES[0].event.id,))))
    at = open_briefing()
    run(at.selectbox(key=keys.BRIEF_SAVED_PICK).set_value("kept.json"))
    visit(at, "map")
    assert at.selectbox(key=keys.BRIEF_SAVED_PICK).value == "kept.json"
    run(at.selectbox(key=keys.BRIEF_SAVED_PICK).set_value("gone.json"))
    (private_briefings / "gone.json").unlink()
    visit(at, "map")
    assert at.selectbox(key=keys.BRIEF_SAVED_PICK).options == ["kept.json"]
    assert at.selectbox(key=keys.BRIEF_SAVED_PICK).value is None


def test_slides_of_removed_imports_in_the_audience_view_leave_the_sidebar_to_choose_others() -> None:
    at = open_dashboard_page("briefing", SAMPLE_EVENTS)
    run(at.multiselect(key=keys.BRIEF_EVENTS).set_value([e.id for e in SAMPLE_EVENTS[:2]]))
    run(at.radio(key=keys.BRIEF_VIEW).set_value("Audience view"))
    run(at.switch_page("app_pages/data.py"))
    run(at.button(key=keys.IMPORT_CLEAR).click())
    run(at.switch_page("app_pages/briefing.py"))
    assert at.multiselect(key=keys.BRIEF_EVENTS).value == []
    assert any("Choose at least one event" in i.value for i in at.info)
    assert not audience_css_shown(at), "the sidebar, where slides are chosen, is shown"
