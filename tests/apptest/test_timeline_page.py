"""The Timeline page under AppTest: the table and chart, the filters, the links to the map, imports."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from corridor.loader import load_dataset
from corridor.records import Event
from corridor.view import parse_view
from layers.style import STATUS_LABELS
from tests.apptest.dashboard_app import open_dashboard_page, panel_html, sample_import
from ui import keys

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "dashboard.py"
TIMEOUT_S = 60
DATASET = load_dataset()
EVENTS = DATASET.events
HOSTILE_TITLE = "<script>alert('t')</script> *bold* [x](javascript:alert(1))"


def sample_events() -> tuple[Event, ...]:
    """The five events of tests/data/imports/acled_sample.csv, with one title made hostile."""
    events = sample_import()
    first = events[0]
    hostile = Event(**{**first.__dict__, "title": HOSTILE_TITLE})
    return (hostile, *events[1:])


def open_timeline(imported: tuple[Event, ...] = ()) -> AppTest:
    """The dashboard, moved to the Timeline page (with these events imported in the session)."""
    return open_dashboard_page("timeline", imported)


def table(at: AppTest) -> pd.DataFrame:
    """The chronology table's data."""
    (frame,) = at.dataframe
    value = frame.value
    assert isinstance(value, pd.DataFrame)
    return value


def chart_rows(at: AppTest) -> pd.DataFrame:
    """The data the time chart plots."""
    (chart,) = at.get("vega_lite_chart")
    datasets = chart.proto.datasets
    assert len(datasets) == 1
    return pa.ipc.open_stream(io.BytesIO(datasets[0].data.data)).read_pandas()


@pytest.fixture(scope="module")
def timeline() -> AppTest:
    """One Timeline page on the bundled data, shared by the read-only tests."""
    return open_timeline()


def test_every_event_is_a_row_in_time_order(timeline: AppTest) -> None:
    rows = table(timeline)
    assert list(rows["id"]) == [e.id for e in EVENTS]
    assert list(rows["date"]) == [e.date.label for e in EVENTS]
    assert list(rows["map_day"]) == [e.anchor for e in EVENTS]
    assert set(rows["origin"]) == {"bundled"}
    n = len(DATASET.events)
    assert f"{n} of {n} events match." in [c.value for c in timeline.caption]


def test_each_row_links_to_the_map_at_its_day(timeline: AppTest) -> None:
    rows = table(timeline)
    known = {e.id: e.anchor for e in EVENTS}
    for event, link in zip(EVENTS, rows["map"], strict=True):
        parts = urlsplit(link)
        assert (parts.scheme, parts.netloc, parts.path) == ("", "", "./"), "a relative link to the map (the root)"
        parsed = parse_view(dict(parse_qsl(parts.query)), known_layers=(), default_layers=(), known_events=known)
        assert parsed.problems == ()
        assert (parsed.view.day, parsed.view.event_id) == (event.anchor, event.id)
    checkpoint = rows[rows["id"] == "ev-2023-04-23-checkpoint"]["map"].item()
    assert checkpoint == "./?date=2023-04-23&event=ev-2023-04-23-checkpoint"


def test_the_chart_plots_every_row(timeline: AppTest) -> None:
    plotted = chart_rows(timeline)
    assert list(plotted["id"]) == [e.id for e in EVENTS]
    spans = plotted[plotted["first"] < plotted["last"]]
    assert set(spans["id"]) == {e.id for e in EVENTS if e.date.first < e.date.last}


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        (keys.TIMELINE_ACTORS, ["ICJ"], [e.id for e in EVENTS if "ICJ" in e.actors]),
        (keys.TIMELINE_TYPES, ["legal", "blockade"], [e.id for e in EVENTS if e.event_type in ("legal", "blockade")]),
        (
            keys.TIMELINE_SEARCH,
            "HAKARI",
            [e.id for e in EVENTS if "hakari" in f"{e.title} {e.description} {e.place_label}".lower()],
        ),
        (
            keys.TIMELINE_DAYS,
            (dt.date(2023, 9, 25), dt.date(2023, 9, 25)),
            ["ev-2023-09-exodus"],  # a range event is found on any day of its span
        ),
        (keys.TIMELINE_DAYS, (dt.date(2021, 7, 31),), [e.id for e in EVENTS if e.date.last >= dt.date(2021, 7, 31)]),
    ],
)
def test_filters_narrow_the_table_and_the_chart(key: str, value: object, expected: list[str]) -> None:
    at = open_timeline()
    widget = {
        keys.TIMELINE_ACTORS: at.multiselect,
        keys.TIMELINE_TYPES: at.multiselect,
        keys.TIMELINE_SEARCH: at.text_input,
        keys.TIMELINE_DAYS: at.date_input,
    }[key](key=key)
    widget.set_value(value).run()
    assert not at.exception
    assert expected, "the case must select something"
    assert list(table(at)["id"]) == expected
    assert list(chart_rows(at)["id"]) == expected
    assert (
        at.download_button(key=keys.TIMELINE_DOWNLOAD).label
        == f"Download {len(expected)} event{'s' * (len(expected) != 1)} as CSV"
    )


def test_no_match_says_so() -> None:
    at = open_timeline()
    at.text_input(key=keys.TIMELINE_SEARCH).set_value("no event says this").run()
    assert [i.value for i in at.info] == ["No event matches these filters."]
    assert not at.dataframe


def test_imported_events_are_listed_and_plotted_as_text() -> None:
    imported = sample_events()
    at = open_timeline(imported)
    rows = table(at)
    assert len(rows) == len(EVENTS) + len(imported)
    mine = rows[rows["origin"] == "imported"]
    assert list(mine["id"]) == [e.id for e in imported]
    assert HOSTILE_TITLE in list(mine["title"])  # kept as text: a table cell never runs HTML or Markdown
    assert HOSTILE_TITLE in list(chart_rows(at)["title"])
    assert not [m.value for m in at.markdown if "<script" in m.value]
    assert any("Includes 5 events imported in this session." in c.value for c in at.caption)
    at.multiselect(key=keys.TIMELINE_ACTORS).set_value(["Protesters (Armenia)"]).run()
    assert list(table(at)["id"]) == ["import-SYN1001"]


def test_a_selected_row_opens_the_map_on_its_day_in_this_session() -> None:
    imported = sample_events()
    at = open_timeline(imported)
    rows = table(at)
    index = int(rows.index[rows["id"] == "import-SYN1004"][0])
    at.session_state[keys.TIMELINE_TABLE] = {"selection": {"rows": [index], "columns": [], "cells": []}}
    at.run()
    assert [t.value for t in at.text] == ["Selected: 2 Apr 2023 · Synthetic test row: patrol along the corridor."]
    at.button(key=keys.TIMELINE_OPEN).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.sidebar.select_slider(key=keys.DATE).value == dt.date(2023, 4, 2)
    assert at.session_state[keys.EVENT] == "import-SYN1004"
    assert 'data-event="import-SYN1004"' in panel_html(at)


def test_each_status_shows_its_label_and_its_note(timeline: AppTest) -> None:
    rows = table(timeline).set_index("id")
    for event in EVENTS:
        if event.status:
            assert rows.loc[event.id, "status"] == STATUS_LABELS[event.status]
            assert rows.loc[event.id, "status_note"] == event.status_note
        else:
            assert rows.loc[event.id, "status"] == "" and rows.loc[event.id, "status_note"] == ""
    assert "Status note" in str(timeline.dataframe[0].proto.columns)


# --- The filters outlive a visit to another page -------------------------------------------------
ICJ_LEGAL_2023 = ["ev-2023-02-22-icj-order", "ev-2023-05-15-icj-request"]


def visit(at: AppTest, page: str) -> AppTest:
    """Go to ``app_pages/<page>.py`` with the top navigation's switch, and back to the Timeline."""
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    at.switch_page("app_pages/timeline.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def filters(at: AppTest) -> tuple[object, ...]:
    """The four filters' values: actors, types, dates, search."""
    return (
        at.multiselect(key=keys.TIMELINE_ACTORS).value,
        at.multiselect(key=keys.TIMELINE_TYPES).value,
        at.date_input(key=keys.TIMELINE_DAYS).value,
        at.text_input(key=keys.TIMELINE_SEARCH).value,
    )


@pytest.mark.parametrize("page", ["map", "data", "sources", "briefing"])
def test_the_filters_and_their_rows_survive_a_visit_to_another_page(page: str) -> None:
    at = open_timeline()
    at.multiselect(key=keys.TIMELINE_ACTORS).set_value(["ICJ"]).run()
    at.multiselect(key=keys.TIMELINE_TYPES).set_value(["legal"]).run()
    at.date_input(key=keys.TIMELINE_DAYS).set_value((dt.date(2023, 1, 1), dt.date(2023, 12, 31))).run()
    assert list(table(at)["id"]) == ICJ_LEGAL_2023
    at.text_input(key=keys.TIMELINE_SEARCH).set_value("withdraw").run()
    chosen = (["ICJ"], ["legal"], (dt.date(2023, 1, 1), dt.date(2023, 12, 31)), "withdraw")
    assert filters(at) == chosen
    assert list(table(at)["id"]) == ["ev-2023-05-15-icj-request"]
    visit(at, page)
    assert filters(at) == chosen
    assert list(table(at)["id"]) == ["ev-2023-05-15-icj-request"]
    assert list(chart_rows(at)["id"]) == ["ev-2023-05-15-icj-request"]
    assert f"1 of {len(EVENTS)} events match." in [c.value for c in at.caption]


def late_event() -> Event:
    """An imported event after the bundled data's last day, with an actor and a type of its own."""
    first = sample_events()[1]
    day = max(e.date.last for e in EVENTS) + dt.timedelta(days=200)
    return dataclasses.replace(
        first,
        id="import-LATE",
        date=dataclasses.replace(first.date, first=day, last=day),
        actors=("Late actor",),
        event_type="late type",
    )


def test_a_kept_value_that_left_with_the_imports_is_dropped_and_the_rest_kept() -> None:
    late = late_event()
    at = open_timeline((*sample_events(), late))
    first_day, bundled_last = min(e.date.first for e in EVENTS), max(e.date.last for e in EVENTS)
    assert at.date_input(key=keys.TIMELINE_DAYS).value == (first_day, late.date.last)
    at.multiselect(key=keys.TIMELINE_ACTORS).set_value(["ICJ", "Late actor"]).run()
    at.multiselect(key=keys.TIMELINE_TYPES).set_value(["legal", "late type"]).run()
    at.date_input(key=keys.TIMELINE_DAYS).set_value((dt.date(2023, 1, 1), late.date.last)).run()
    assert list(table(at)["id"]) == [*ICJ_LEGAL_2023, late.id]
    at.switch_page("app_pages/data.py").run()
    at.button(key=keys.IMPORT_CLEAR).click().run()  # the Data page's "Remove imported events"
    assert at.session_state[keys.IMPORTED] == ()
    at.switch_page("app_pages/timeline.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    # What no longer fits goes; the rest stays: the range ends where the data now end.
    assert filters(at) == (["ICJ"], ["legal"], (dt.date(2023, 1, 1), bundled_last), "")
    assert at.multiselect(key=keys.TIMELINE_ACTORS).options == sorted({a for e in EVENTS for a in e.actors})
    assert list(table(at)["id"]) == ICJ_LEGAL_2023


def test_a_range_left_whole_grows_with_events_imported_meanwhile() -> None:
    at = open_timeline()
    first_day = min(e.date.first for e in EVENTS)
    at.text_input(key=keys.TIMELINE_SEARCH).set_value("synthetic").run()
    assert [i.value for i in at.info] == ["No event matches these filters."]
    at.switch_page("app_pages/map.py").run()
    late = late_event()
    at.session_state[keys.IMPORTED] = (*sample_events(), late)  # as the Data page's import does
    at.switch_page("app_pages/timeline.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.text_input(key=keys.TIMELINE_SEARCH).value == "synthetic"
    assert at.date_input(key=keys.TIMELINE_DAYS).value == (first_day, late.date.last)
    assert list(table(at)["id"]) == [e.id for e in sample_events()] + [late.id]


def test_the_chart_keeps_its_points_off_the_edges_and_its_legend_above(timeline: AppTest) -> None:
    """The last day's point sat against the origin legend at the plot's right and read as one of its symbols."""
    (chart,) = timeline.get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    encodings = [layer["encoding"] for layer in spec["layer"]]
    assert all(e["color"]["legend"]["orient"] == "top" for e in encodings)
    (points_layer,) = [layer for layer in spec["layer"] if layer["mark"]["type"] == "circle"]
    # the legend's symbols as pale as the points, not as the spans
    assert all(e["color"]["legend"]["symbolOpacity"] == points_layer["mark"]["opacity"] for e in encodings)
    assert all(e["y"]["axis"]["labelLimit"] >= 220 for e in encodings)  # "Strategic developments" whole
    (points,) = [e for e in encodings if e["x"]["field"] == "day"]
    assert points["x"]["scale"]["padding"] >= 10
