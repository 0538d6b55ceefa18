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
    ImportResult,
    Rejection,
    Table,
    guess_mapping,
    import_events,
    read_table,
)
from corridor.loader import with_extra_events
from corridor.records import Dataset
from corridor.text import escape
from corridor.timemodel import Timeline
from layers.events import build_events_layer
from present.annotation import annotation_html

IMPORTS_DIR = Path(__file__).resolve().parents[1] / "data" / "imports"
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
        acled = table("acled_sample.csv")
        import_events(acled, guess_mapping(acled.columns), places={}, source_crs="EPSG:999999")


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
