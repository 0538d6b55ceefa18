"""corridor.imports: CSV and GeoJSON files become events; every bad row lands in the rejection table."""

from __future__ import annotations

import importlib.util
import re
import time
from pathlib import Path
from typing import Any

import pytest

from corridor.errors import DataError
from corridor.imports import (
    ID_PREFIX,
    MAX_IMPORT_BYTES,
    ImportResult,
    Rejection,
    Table,
    guess_mapping,
    import_events,
    normalise_date,
    read_table,
)
from corridor.loader import with_extra_events
from corridor.records import Dataset
from corridor.text import escape
from corridor.timemodel import Timeline
from layers.events import build_events_layer
from present.annotation import annotation_html

IMPORTS_DIR = Path(__file__).resolve().parents[1] / "data" / "imports"
ACLED_HEADER = (
    "event_id_cnty", "event_date", "year", "event_type", "sub_event_type", "actor1", "actor2", "country",
    "admin1", "location", "latitude", "longitude", "notes", "source", "fatalities",
)  # fmt: skip
GORIS = (46.34168, 39.51111)
LACHIN = (46.54694, 39.64083)


def table(name: str) -> Table:
    """A sample file from tests/data/imports/ read as an upload."""
    return read_table((IMPORTS_DIR / name).read_bytes(), name)


def load(name: str, dataset: Dataset, **options: Any) -> ImportResult:
    """Import a sample file with the guessed column mapping."""
    t = table(name)
    return import_events(
        t,
        guess_mapping(t.columns),
        places={p.id: p for p in dataset.places},
        existing_ids={e.id for e in dataset.events},
        **options,
    )


def by_row(result: ImportResult) -> dict[int, Rejection]:
    """The rejections keyed by their row number."""
    return {r.row: r for r in result.rejected}


def test_acled_columns_are_mapped_by_name() -> None:
    mapping = guess_mapping(ACLED_HEADER)
    assert mapping == {
        "date": "event_date",
        "date_end": None,
        "latitude": "latitude",
        "longitude": "longitude",
        "event_type": "event_type",
        "actors": "actor1",
        "actor2": "actor2",
        "title": None,
        "notes": "notes",
        "location": "location",
        "source": "source",
        "confidence": None,
        "id": "event_id_cnty",
    }


def test_guessing_ignores_case_and_never_uses_a_column_twice() -> None:
    mapping = guess_mapping(["DATE", "Lat", "LON", "Type", "Description"])
    assert (mapping["date"], mapping["latitude"], mapping["longitude"]) == ("DATE", "Lat", "LON")
    assert (mapping["event_type"], mapping["notes"]) == ("Type", "Description")
    assert mapping["title"] is None


def test_acled_sample_loads_every_row(dataset: Dataset) -> None:
    result = load("acled_sample.csv", dataset)
    assert result.rejected == ()
    assert [e.id for e in result.events] == [f"{ID_PREFIX}SYN100{i}" for i in range(1, 6)]
    first, second, third = result.events[:3]
    assert first.date.iso == "2023-01-15"
    assert first.lonlat == (46.484, 39.526)
    assert first.title == "Synthetic test row: a gathering near the road."
    assert first.description.endswith("Source: Test outlet A")
    assert first.confidence == "low"  # never more than "check before a briefing" unless the file says so
    assert first.status is None  # imports never change the corridor status
    assert second.actors == ("Military Forces of Azerbaijan", "Military Forces of Armenia")
    assert second.title == "Synthetic test row: a checkpoint drill."  # the first sentence of the notes
    assert third.source_url == "https://example.org/report-3"
    assert "Source:" not in third.description


# row -> (column named in the table, value shown, reason pattern)
BAD_ROWS = {
    2: ("event_date", "2023-02-30", r"not a calendar day"),
    3: ("event_date", "23/04/2023", r"day-first or month-first"),
    4: ("latitude/longitude", "latitude=46.3417, longitude=39.5111", r"lat and lon look swapped"),
    5: ("latitude/longitude", "latitude=4374356.78, longitude=615339.99", r"projected CRS"),
    6: ("event_type", "", r"required field is missing"),
    7: ("event_date", "", r"required field is missing"),
    9: ("source", "javascript:alert(1)", r"URL must start with http"),
    10: ("latitude/longitude", "latitude=39.5111, longitude=", r"coordinates must be numbers"),
    12: ("event_id_cnty", "BAD11", r"same id as row 11"),
    13: ("confidence", "certain", r"must be one of high, medium, low"),
}


@pytest.mark.parametrize("row", sorted(BAD_ROWS))
def test_bad_row_is_rejected_with_column_value_and_reason(dataset: Dataset, row: int) -> None:
    rejected = by_row(load("bad_rows.csv", dataset))
    field, value, reason = BAD_ROWS[row]
    assert row in rejected, f"row {row} should have been rejected"
    assert rejected[row].field == field
    assert rejected[row].value == value
    assert re.search(reason, rejected[row].reason), rejected[row].reason


def test_bad_rows_file_loads_only_its_good_rows(dataset: Dataset) -> None:
    result = load("bad_rows.csv", dataset)
    assert sorted(by_row(result)) == sorted(BAD_ROWS)
    assert [e.id for e in result.events] == ["import-BAD01", "import-BAD08", "import-BAD11"]
    assert result.events[0].confidence == "medium"


def test_html_in_text_is_kept_as_text_and_escaped_where_displayed(dataset: Dataset) -> None:
    event = next(e for e in load("bad_rows.csv", dataset).events if e.id == "import-BAD08")
    assert event.title == "<script>alert('x')</script> *not* _markdown_ [link](http://e.org)"
    assert event.actors == ("<img src=x onerror=alert(1)>",)
    combined = with_extra_events(dataset, (event,))
    layer = build_events_layer(combined)
    shown = layer["title"][layer["id"].index(event.id)]
    assert shown == escape(event.title)
    assert "<script>" not in shown
    panel = annotation_html(combined, event)
    assert "<script>" not in panel
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in panel


def test_projected_rows_load_when_the_crs_is_given(dataset: Dataset) -> None:
    result = load("bad_rows.csv", dataset, source_crs="EPSG:32638")
    assert 5 not in by_row(result)
    utm = next(e for e in result.events if e.id == "import-BAD05")
    assert utm.lonlat == pytest.approx(GORIS, abs=1e-5)
    assert 4 in by_row(result)  # degrees read as metres are still refused, not silently moved


def test_unknown_crs_is_refused() -> None:
    with pytest.raises(DataError, match="unknown coordinate reference system"):
        import_events(table("acled_sample.csv"), guess_mapping(ACLED_HEADER), places={}, source_crs="EPSG:999999")


def test_other_column_names_need_a_mapping_and_a_date_format(dataset: Dataset) -> None:
    t = table("renamed_columns.csv")
    assert t.columns == ("Kennung", "Datum", "Art", "Akteur", "Ort", "Breite", "Laenge", "Beschreibung", "Quelle")
    places = {p.id: p for p in dataset.places}
    with pytest.raises(DataError, match="map a column to each required field: date"):
        import_events(t, guess_mapping(t.columns), places=places)
    mapping = guess_mapping([]) | {
        "id": "Kennung",
        "date": "Datum",
        "event_type": "Art",
        "actors": "Akteur",
        "location": "Ort",
        "latitude": "Breite",
        "longitude": "Laenge",
        "notes": "Beschreibung",
        "source": "Quelle",
    }
    result = import_events(t, mapping, places=places)  # 23.04.2023 can only be day-first
    assert result.rejected == ()
    assert [e.date.iso for e in result.events] == ["2023-04-23", "2023-02-05"]
    assert result.events[0].place_label == "Hakari bridge"
    month_first = import_events(t, mapping, places=places, date_format="mdy")
    assert [(r.row, r.field, r.value) for r in month_first.rejected] == [(1, "Datum", "23.04.2023")]
    assert "not a calendar day" in month_first.rejected[0].reason


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        ("2023-04-23", "iso", "2023-04-23"),
        ("2023-04-23T08:40:00Z", "iso", "2023-04-23"),
        ("2023-04", "dmy", "2023-04"),  # ISO is accepted whatever the chosen format
        ("23/04/2023", "dmy", "2023-04-23"),
        ("04/23/2023", "mdy", "2023-04-23"),
        ("23 April 2023", "text", "2023-04-23"),
        ("April 23, 2023", "text", "2023-04-23"),
    ],
)
def test_dates_are_normalised_to_iso(value: str, fmt: Any, expected: str) -> None:
    assert normalise_date(value, fmt) == expected


@pytest.mark.parametrize(
    ("value", "fmt", "reason"),
    [
        ("23/04/2023", "iso", "day-first or month-first"),
        ("31/02/2023", "dmy", "not a calendar day"),
        ("23/04/2023", "mdy", "not a calendar day"),
        ("Sometime in spring", "text", "like 2023-04-23 or 23 April 2023"),
        (None, "iso", "missing"),
    ],
)
def test_bad_dates_are_refused(value: Any, fmt: Any, reason: str) -> None:
    with pytest.raises(DataError, match=reason):
        normalise_date(value, fmt)


def test_geojson_uses_the_geometry_and_rejects_non_points(dataset: Dataset) -> None:
    result = load("events.geojson", dataset)
    assert [(r.row, r.field) for r in result.rejected] == [(3, "geometry")]
    assert "only Point" in result.rejected[0].reason
    one, two, no_position = result.events
    assert one.lonlat == (46.484, 39.526)
    assert two.actors == ("Military Forces of Azerbaijan", "Military Forces of Russia")
    assert two.source_url == "https://example.org/gj2"
    assert no_position.lonlat is None
    assert no_position.date.precision == "month"


def test_geojson_in_a_projected_crs_is_reprojected(dataset: Dataset) -> None:
    t = table("projected.geojson")
    assert t.crs == "urn:ogc:def:crs:EPSG::32638"
    result = load("projected.geojson", dataset)
    assert result.rejected == ()
    assert result.events[0].lonlat == pytest.approx(GORIS, abs=1e-5)
    assert result.events[1].lonlat == pytest.approx(LACHIN, abs=1e-5)


def test_ids_never_collide_with_bundled_or_earlier_ids(dataset: Dataset) -> None:
    t = table("acled_sample.csv")
    places = {p.id: p for p in dataset.places}
    result = import_events(t, guess_mapping(t.columns), places=places, existing_ids={"import-SYN1002"})
    assert [(r.row, r.reason) for r in result.rejected] == [(2, "id already used by the bundled data")]
    no_ids = import_events(t, guess_mapping(t.columns) | {"id": None}, places=places)
    assert [e.id for e in no_ids.events] == [f"import-row-{i}" for i in range(1, 6)]
    merged = Timeline(with_extra_events(dataset, result.events))
    assert len(merged.dataset.events) == len(dataset.events) + 4


def test_an_already_prefixed_id_is_not_prefixed_twice() -> None:
    t = read_table(b"id,date,event_type\nimport-a b/c,2023-01-01,X\n", "x.csv")
    result = import_events(t, guess_mapping(t.columns), places={})
    assert [e.id for e in result.events] == ["import-a-b-c"]


def test_semicolon_csv_with_bom_is_read() -> None:
    t = read_table("\ufeffevent_date;event_type;notes\n2023-01-01;X;a, b\n".encode(), "x.csv")
    assert t.columns == ("event_date", "event_type", "notes")
    assert t.rows[0]["notes"] == "a, b"


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"x" * (MAX_IMPORT_BYTES + 1), "big.csv", "larger than 20 MB"),
        (b"event_date\n\x00\x01\n", "binary.csv", "NUL bytes: it is not a text file"),
        (b'{"type": "FeatureCollection", "features": []}', "none.geojson", "FeatureCollection has no features"),
        (b"event_date,event_type\n", "header.csv", "a header but no rows"),
        (b"   \n", "empty.csv", "empty"),
        (b"date,date\n1,2\n", "twice.csv", "repeated column names"),
        (b'{"type": "Feature"}', "one.geojson", "FeatureCollection"),
        (b"{not json", "broken.json", "not valid JSON"),
    ],
)
def test_unreadable_files_are_refused_with_a_message(data: bytes, name: str, message: str) -> None:
    with pytest.raises(DataError, match=message):
        read_table(data, name)


def test_thousand_row_csv_matches_its_generator_and_loads_quickly(dataset: Dataset) -> None:
    spec = importlib.util.spec_from_file_location("make_events_1000", IMPORTS_DIR / "make_events_1000.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = (IMPORTS_DIR / "events_1000.csv").read_text(encoding="utf-8")
    assert committed == module.build(), "run tests/data/imports/make_events_1000.py"
    acled = (IMPORTS_DIR / "events_1000_acled.csv").read_text(encoding="utf-8")
    assert acled == module.build(acled_dates=True), "run tests/data/imports/make_events_1000.py"
    start = time.perf_counter()
    result = load("events_1000.csv", dataset)
    elapsed = time.perf_counter() - start
    assert (len(result.events), len(result.rejected)) == (1000, 0)
    assert elapsed < 3.0, f"1,000 rows took {elapsed:.2f} s"  # ~0.13 s measured on a 2-core machine
