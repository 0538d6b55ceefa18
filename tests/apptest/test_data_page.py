"""The Data page under AppTest: the catalogue, downloads, uploads with their rejection table, the
column mapping, the size limit, and saving and loading named datasets."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import html
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from corridor import catalogue, userdata
from corridor.imports import MAX_IMPORT_BYTES
from corridor.loader import load_dataset
from corridor.records import Event
from layers.catalogue import LAYERS
from tests.apptest.dashboard_app import maps, open_dashboard_page, panel_html
from ui import data, keys

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "dashboard.py"
IMPORTS = ROOT / "tests" / "data" / "imports"
TIMEOUT_S = 60
DATASET = load_dataset()
BAD_ROWS_REJECTED = [2, 3, 4, 5, 6, 7, 9, 10, 12, 13]


@pytest.fixture(autouse=True)
def private_userdata(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Saved datasets go to a temporary folder, never to the repository's userdata/."""
    folder = tmp_path / "datasets"
    monkeypatch.setenv(userdata.USERDATA_ENV, str(folder))
    return folder


def open_data() -> AppTest:
    """The dashboard, moved to the Data page."""
    return open_dashboard_page("data")


def upload(at: AppTest, name: str, data: bytes | None = None) -> AppTest:
    """Upload a sample file (or these bytes under that name)."""
    content = (IMPORTS / name).read_bytes() if data is None else data
    at.file_uploader(key=keys.IMPORT_UPLOAD).set_value((name, content, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def imported(at: AppTest) -> tuple[Event, ...]:
    """The session's imported events."""
    value = at.session_state.get(keys.IMPORTED, ())
    assert isinstance(value, tuple)
    return value


def rejected(at: AppTest) -> pd.DataFrame:
    """The rejected-rows table."""
    (table,) = [f.value for f in at.dataframe if "reason" in f.value.columns]
    return table


def test_catalogue_lists_every_file_with_licence_confidence_count_and_layers() -> None:
    at = open_data()
    table = at.dataframe[0].value
    assert list(table["file"]) == [spec.filename for spec in catalogue.DATA_FILES]
    assert list(table["licence"]) == [spec.licence for spec in catalogue.DATA_FILES]
    counts = dict(zip(table["file"], table["records"], strict=True))
    assert counts["places.geojson"] == len(DATASET.places)
    assert counts["events.json"] == len(DATASET.events)
    assert counts["statements.json"] == len(DATASET.statements)
    assert counts["admin0_region_ne10m.geojson"] == len(DATASET.region["features"])
    layers = dict(zip(table["file"], table["map layers"], strict=True))
    for spec in LAYERS:
        for data_file in spec.files:
            assert spec.title in layers[data_file.filename]
    confidence = dict(zip(table["file"], table["confidence"], strict=True))
    assert confidence["lachin_corridor.geojson"] == f"low {len(DATASET.routes)}"


def test_downloads_for_every_format_and_a_day_slice() -> None:
    at = open_data()
    labels = {b.label for b in at.download_button}
    assert labels == {"Download GeoJSON", "Download CSV", "Download KML"}
    assert not at.date_input
    at.radio(key=keys.EXPORT_SCOPE).set_value("slice").run()
    assert at.date_input(key=keys.EXPORT_DAY).value is not None
    at.date_input(key=keys.EXPORT_DAY).set_value(dt.date(2023, 4, 23)).run()
    assert {b.label for b in at.download_button} == {f"Download {f} of 2023-04-23" for f in ("GeoJSON", "CSV", "KML")}
    at.multiselect(key=keys.EXPORT_LAYERS).set_value([]).run()
    assert not at.download_button
    assert [i.value for i in at.info] == ["Choose at least one layer."]


def test_upload_shows_rejected_rows_and_adds_the_rest() -> None:
    at = upload(open_data(), "bad_rows.csv")
    table = rejected(at)
    assert list(table["row"]) == BAD_ROWS_REJECTED
    assert list(table.columns) == ["row", "field", "value", "reason"]
    swapped = table[table["row"] == 4].iloc[0]
    assert (swapped["field"], swapped["value"]) == ("latitude/longitude", "latitude=46.3417, longitude=39.5111")
    assert "look swapped" in swapped["reason"]
    assert not imported(at), "nothing loads before the user says so"
    at.button(key=keys.IMPORT_USE).click().run()
    events = imported(at)
    assert [e.id for e in events] == ["import-BAD01", "import-BAD08", "import-BAD11"]
    assert all(isinstance(e, Event) for e in events)
    assert not {e.id for e in events} & {e.id for e in DATASET.events}
    assert "3 imported events are on the map and in the timeline in this session." in [i.value for i in at.info]
    assert not [m.value for m in at.markdown if "<script" in m.value or "<img" in m.value]
    at.switch_page("app_pages/timeline.py").run()
    assert {"import-BAD01", "import-BAD08", "import-BAD11"} <= set(at.dataframe[0].value["id"])


def test_other_column_names_are_mapped_with_selectboxes() -> None:
    at = upload(open_data(), "renamed_columns.csv")
    assert [e.value for e in at.error] == ["The rows cannot be checked yet."]
    assert "required field: date" in at.text[0].value
    for target, column in {"date": "Datum", "event_type": "Art", "latitude": "Breite", "longitude": "Laenge"}.items():
        at.selectbox(key=keys.IMPORT_MAP_PREFIX + target).set_value(column).run()
    assert not at.error
    assert at.selectbox(key=keys.IMPORT_DATE_FORMAT).value == "dmy"  # 23.04.2023 can only be day-first
    assert any("2 rows: **2 load**" in m.value for m in at.markdown)
    at.button(key=keys.IMPORT_USE).click().run()
    assert [e.date.iso for e in imported(at)] == ["2023-04-23", "2023-02-05"]


def test_acled_file_with_named_months_loads_with_default_settings() -> None:
    at = upload(open_data(), "events_1000_acled.csv")
    assert not at.error
    assert any("Recognised layout: **ACLED**" in c.value for c in at.caption)
    assert at.selectbox(key=keys.IMPORT_DATE_FORMAT).value == "text"
    assert any("1000 rows: **995 load**" in m.value and "**5 rejected**" in m.value for m in at.markdown)
    assert list(rejected(at)["row"]) == [100, 300, 500, 700, 900]
    at.button(key=keys.IMPORT_USE).click().run()
    assert len(imported(at)) == 995


def test_ambiguous_numeric_dates_are_asked_about_above_the_result() -> None:
    data = b"date,title,lat,lon\n03/04/2023,First,39.53,46.49\n05/06/2023,Second,39.53,46.49\n"
    at = upload(open_data(), "plain.csv", data)
    assert "could be day-first or month-first" in at.warning[0].value
    assert at.selectbox(key=keys.IMPORT_DATE_FORMAT).value is None
    assert keys.IMPORT_USE not in [b.key for b in at.button]
    assert not any("rows: **" in m.value for m in at.markdown), "no result before the question is answered"
    at.selectbox(key=keys.IMPORT_DATE_FORMAT).set_value("mdy").run()
    assert any("2 rows: **2 load**" in m.value for m in at.markdown)
    assert 'every event is typed "Event"' in at.info[0].value
    at.button(key=keys.IMPORT_USE).click().run()
    assert [e.date.iso for e in imported(at)] == ["2023-03-04", "2023-05-06"]


def test_a_windows_1252_file_loads_with_a_visible_notice() -> None:
    data = "event_date,event_type,notes\n23 April 2023,Protests,Café near Stepanakert\n".encode("cp1252")
    at = upload(open_data(), "excel.csv", data)
    assert "read as Windows-1252" in at.warning[0].value
    at.button(key=keys.IMPORT_USE).click().run()
    assert imported(at)[0].title == "Café near Stepanakert"


def test_a_new_file_forgets_the_last_files_mapping() -> None:
    at = upload(open_data(), "renamed_columns.csv")
    at.selectbox(key=keys.IMPORT_MAP_PREFIX + "date").set_value("Datum").run()
    upload(at, "acled_sample.csv")
    assert at.selectbox(key=keys.IMPORT_MAP_PREFIX + "date").value == "event_date"
    assert any("5 rows: **5 load**" in m.value for m in at.markdown)


def test_projected_file_can_be_read_with_its_crs() -> None:
    at = upload(open_data(), "bad_rows.csv")
    at.text_input(key=keys.IMPORT_CRS).set_value("EPSG:32638").run()
    assert 5 not in list(rejected(at)["row"])


def test_files_over_the_limit_are_refused_with_a_message() -> None:
    at = upload(open_data(), "big.csv", b"a" * (MAX_IMPORT_BYTES + 1))
    assert [e.value for e in at.error] == ["This file is 20.0 MB; the limit is 20 MB. Split it."]
    assert keys.IMPORT_USE not in [b.key for b in at.button]
    assert not imported(at)


def test_unreadable_file_errors_are_shown_as_plain_text() -> None:
    at = upload(open_data(), "<b>x</b> *y*.csv", b"event_date\n\x00\n")
    assert [e.value for e in at.error] == ["The file could not be read."]
    assert "<b>x</b> *y*.csv" in at.text[0].value and "not a text file" in at.text[0].value
    assert not [m.value for m in at.markdown if "<b>x" in m.value]


def geo_fingerprint() -> dict[str, str]:
    """The SHA-256 of every file in geo/."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(catalogue.GEO_DIR.iterdir())}


def test_save_then_load_a_named_dataset(private_userdata: Path) -> None:
    geo_before = geo_fingerprint()
    at = upload(open_data(), "acled_sample.csv")
    at.button(key=keys.IMPORT_USE).click().run()
    events = imported(at)
    at.text_input(key=keys.SAVE_NAME).set_value("../../Syunik/sample").run()
    at.button(key=keys.SAVE).click().run()
    assert [s.value for s in at.success] == ["Saved 5 events as 'Syunik sample'."]
    assert [p.name for p in private_userdata.iterdir()] == ["Syunik sample.json"]
    at.button(key=keys.SAVE).click().run()
    assert [e.value for e in at.error] == ["Not saved."]
    assert "already exists" in at.text[-1].value
    at.button(key=keys.IMPORT_CLEAR).click().run()
    assert imported(at) == ()
    assert at.selectbox(key=keys.SAVED_PICK).options == ["Syunik sample"]
    at.selectbox(key=keys.SAVED_PICK).set_value("Syunik sample").run()
    at.button(key=keys.SAVED_LOAD).click().run()
    assert imported(at) == events
    assert "Loaded 5 events from the saved dataset 'Syunik sample'." in [s.value for s in at.success]
    assert geo_fingerprint() == geo_before, "imports never write to geo/"


def test_a_broken_saved_dataset_is_refused(private_userdata: Path) -> None:
    private_userdata.mkdir(parents=True)
    (private_userdata / "broken.json").write_text('{"events": [{"id": "ev-x"}]}', encoding="utf-8")
    at = open_data()
    at.selectbox(key=keys.SAVED_PICK).set_value("broken").run()
    at.button(key=keys.SAVED_LOAD).click().run()
    assert [e.value for e in at.error] == ["This dataset could not be loaded."]
    assert "broken.json" in at.text[-1].value
    assert not imported(at)


def test_catalogue_lists_the_region_files_with_source_licence_and_caveats() -> None:
    at = open_data()
    table = at.dataframe[0].value
    rows = {r["file"]: r for r in table.to_dict("records")}
    for name in ("nk_de_facto_2020.geojson", "nkao_1991_derived.geojson", "lachin_corridor_edges_2020.geojson",
                 "rivers.geojson"):  # fmt: skip
        row = rows[name]
        assert "Natural Earth" in row["source"] and "Public domain" in row["licence"], name
        assert row["caveats"], name
        assert row["map layers"] != "(not a map layer)", name
    assert "de facto control, not sovereignty" in rows["nk_de_facto_2020.geojson"]["title"]
    assert "30 Aug 2022" in rows["nk_de_facto_2020.geojson"]["caveats"]


def test_a_saved_dataset_citing_unknown_ids_is_refused_and_the_app_keeps_running(private_userdata: Path) -> None:
    private_userdata.mkdir(parents=True)
    record = {"id": "import-x", "date": "2023-05-01", "title": "t", "event_type": "x", "confidence": "low"}
    doc = {"events": [record | {"statement_ids": ["st-does-not-exist"]}]}
    (private_userdata / "edited.json").write_text(json.dumps(doc), encoding="utf-8")
    at = open_data()
    at.selectbox(key=keys.SAVED_PICK).set_value("edited").run()
    at.button(key=keys.SAVED_LOAD).click().run()
    assert [e.value for e in at.error] == ["This dataset could not be loaded."]
    assert "edited.json" in at.text[-1].value and "st-does-not-exist" in at.text[-1].value
    assert not imported(at)
    at.switch_page("app_pages/map.py").run()
    assert not at.error and not at.exception


def test_imported_events_that_no_longer_fit_are_removed_not_fatal() -> None:
    at = open_data()
    event = next(e for e in DATASET.events if e.statement_ids)
    at.session_state[keys.IMPORTED] = (dataclasses.replace(event, id="import-copy", statement_ids=("st-gone",)),)
    at.switch_page("app_pages/map.py").run()
    assert not at.exception
    (error,) = at.error
    assert error.value.startswith("The imported events were removed from this session:") and "st-gone" in error.value
    assert maps(at), "the map is drawn"
    assert imported(at) == ()


def test_a_bad_extra_events_file_is_named_and_the_bundled_data_still_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = tmp_path / "analyst-log.json"
    extra.write_text('{"events": [{"id": "ev-a", "date": "2023-02-30"}]}', encoding="utf-8")
    monkeypatch.setenv(data.EXTRA_EVENTS_ENV, str(extra))
    at = open_data()
    (error,) = at.error
    assert f"The extra events file {extra} (named by CORRIDOR_EXTRA_EVENTS) was left out" in error.value
    assert "bundled data could not be loaded" not in error.value
    assert "Download GeoJSON" in {b.label for b in at.download_button}
    at.switch_page("app_pages/map.py").run()
    assert maps(at) and len(at.error) == 1


def test_links_inside_the_app_keep_the_imported_events() -> None:
    at = upload(open_data(), "acled_sample.csv")
    at.button(key=keys.IMPORT_USE).click().run()
    events = imported(at)
    token = at.session_state[keys.IMPORT_TOKEN]
    at.switch_page("app_pages/timeline.py").run()
    links = dict(zip(at.dataframe[0].value["id"], at.dataframe[0].value["map"], strict=True))
    assert links[events[0].id] == f"./?date={events[0].anchor.isoformat()}&event={events[0].id}&imported={token}"
    # "Open on map" opens a new tab: a new session, which gets the events back from the link.
    fresh = AppTest.from_file(str(DASHBOARD), default_timeout=TIMEOUT_S)
    fresh.query_params.update({"date": events[0].anchor.isoformat(), "event": events[0].id, "imported": token})
    fresh.run()
    assert not fresh.exception and not fresh.warning
    assert imported(fresh) == events
    assert fresh.session_state[keys.EVENT] == events[0].id
    assert html.escape(events[0].title) in panel_html(fresh)


def test_a_link_with_an_unknown_import_token_says_so_and_shows_the_bundled_data() -> None:
    at = AppTest.from_file(str(DASHBOARD), default_timeout=TIMEOUT_S)
    at.query_params["imported"] = "<script>alert(1)</script>"
    at.run()
    assert not at.exception
    assert at.warning[0].value.startswith("This link names events imported in another session")
    assert maps(at)
    assert imported(at) == ()
