"""corridor.imports with files as analysts have them: known layouts, date formats read from the values,
other encodings, 3-D points, and messages in the user's terms (issue 12)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from corridor.export_table import features_frame
from corridor.exports import export_bytes
from corridor.imports import ImportResult, guess_mapping, import_events, read_table
from corridor.loader import with_extra_events
from corridor.records import Dataset
from present.annotation import annotation_html

IMPORTS_DIR = Path(__file__).resolve().parents[1] / "data" / "imports"
ACLED_1000_REJECTED = {
    100: ("event_date", "30 February 2022", "30 February 2022 is not a calendar day"),
    300: ("latitude/longitude", "latitude=95, longitude=46.75154", "latitude 95 is outside -90..90"),
    500: ("event_type", "", "required field is missing or empty"),
    700: ("latitude/longitude", "latitude=46.75624, longitude=39.81098", "lat and lon look swapped"),
    900: ("event_date", "31 April 2022", "31 April 2022 is not a calendar day"),
}


def load_bytes(data: bytes, name: str, dataset: Dataset, **options: Any) -> ImportResult:
    """Read and import a file with the detected mapping and date format (the defaults)."""
    table = read_table(data, name)
    return import_events(table, guess_mapping(table.columns), places={p.id: p for p in dataset.places}, **options)


def test_acled_file_with_named_months_loads_every_valid_row(dataset: Dataset) -> None:
    data = (IMPORTS_DIR / "events_1000_acled.csv").read_bytes()
    assert b"23 April 2023" in data  # ACLED's own date format
    result = load_bytes(data, "events_1000_acled.csv", dataset)
    assert len(result.events) == 995
    got = {r.row: (r.field, r.value, r.reason) for r in result.rejected}
    assert sorted(got) == sorted(ACLED_1000_REJECTED)
    for row, (column, value, reason) in ACLED_1000_REJECTED.items():
        assert got[row][:2] == (column, value)
        assert reason in got[row][2], got[row]
    checkpoint = next(e for e in result.events if e.id == "import-SYN00457")
    assert checkpoint.date.iso == "2023-04-23"


def test_ucdp_ged_rows_map_codes_sides_and_date_ranges(dataset: Dataset) -> None:
    data = (
        b"id,year,type_of_violence,conflict_name,side_a,side_b,source_article,source_headline,where_coordinates,"
        b"latitude,longitude,country,date_start,date_end,best\n"
        b'501,2023,1,Azerbaijan - Armenia,Government of Azerbaijan,Government of Armenia,"Reuters, 2023-04-24",'
        b"Clash near the border,Lachin town,39.64083,46.54694,Azerbaijan,2023-04-23 00:00:00.000,"
        b"2023-04-25 00:00:00.000,2\n"
    )
    (event,) = load_bytes(data, "ged.csv", dataset).events
    assert event.id == "import-501"
    assert event.event_type == "State-based conflict"
    assert event.actors == ("Government of Azerbaijan", "Government of Armenia")
    assert (event.date.iso, event.date.precision) == ("2023-04-23/2023-04-25", "range")
    assert event.title == "Clash near the border"
    assert event.place_label == "Lachin town"
    assert event.description.endswith("Source: Reuters, 2023-04-24")


def test_plain_table_loads_without_an_event_type_and_says_so(dataset: Dataset) -> None:
    result = load_bytes(b"date,title,lat,lon\n23/04/2023,Checkpoint,39.5331,46.4986\n", "plain.csv", dataset)
    (event,) = result.events
    assert (event.title, event.event_type, event.date.iso) == ("Checkpoint", "Event", "2023-04-23")
    assert result.notes == ('No column holds an event type: every event is typed "Event".',)


def test_a_whole_dataset_export_imports_its_events_and_skips_other_layers(dataset: Dataset) -> None:
    data = export_bytes(features_frame(dataset), "csv")
    result = load_bytes(data, "lachin_corridor.csv", dataset)
    assert result.rejected == ()
    assert len(result.events) == len(dataset.events)
    (note,) = result.notes
    assert note.startswith("Rows of other map layers were skipped (") and f"{len(dataset.places)} places" in note


def test_events_json_layout_is_read(dataset: Dataset) -> None:
    record = {"id": "x1", "date": "2023-04-23", "title": "T", "event_type": "Other", "lon": 46.5, "lat": 39.6}
    doc = {"events": [record | {"actors": ["A", "B"], "description": "d", "source_url": "https://e.org/a"}]}
    (event,) = load_bytes(json.dumps(doc).encode(), "events.json", dataset).events
    assert (event.id, event.actors, event.lonlat, event.source_url) == ("import-x1", ("A", "B"), (46.5, 39.6),
                                                                       "https://e.org/a")  # fmt: skip


def point_collection(*coordinates: list[float]) -> bytes:
    """A FeatureCollection of dated Point features at these coordinates."""
    features = [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": c},
         "properties": {"id": f"p{i}", "date": "2023-04-23", "event_type": "X", "title": "T"}}
        for i, c in enumerate(coordinates)
    ]  # fmt: skip
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def test_3d_points_load_with_the_height_dropped_and_a_note(dataset: Dataset) -> None:
    result = load_bytes(point_collection([46.5, 39.6, 1450.0], [46.5, 39.6]), "z.geojson", dataset)
    assert [e.lonlat for e in result.events] == [(46.5, 39.6), (46.5, 39.6)]
    assert result.notes == ("1 points had a height (3-D coordinates): the height was dropped.",)


@pytest.mark.parametrize(
    ("coordinates", "reason"),
    [
        ([46.5, 95.0], "^latitude 95 is outside -90..90$"),
        ([-200.5, 39.6], r"^longitude -200\.5 is outside -180..180$"),
        ([615339.99, 4374356.78], "look like metres in a projected CRS"),
    ],
)
def test_out_of_range_positions_are_named_in_the_users_terms(
    dataset: Dataset, coordinates: list[float], reason: str
) -> None:
    (rejection,) = load_bytes(point_collection(coordinates), "bad.geojson", dataset).rejected
    assert re.search(reason, rejection.reason), rejection.reason


# --- imported events as the map shows them ----------------------------------------------------------


def test_imported_events_show_their_own_source_and_never_an_empty_heading(dataset: Dataset) -> None:
    data = (IMPORTS_DIR / "acled_sample.csv").read_bytes()
    text_source, _, url_source = load_bytes(data, "acled_sample.csv", dataset).events[:3]
    combined = with_extra_events(dataset, (text_source, url_source))
    plain = annotation_html(combined, text_source)
    assert "Sources</div>" not in plain
    assert "Source: Test outlet A" in plain  # the file's source column, with its notes
    linked = annotation_html(combined, url_source)
    assert '<div class="cm-sources-title">Sources</div>' in linked
    assert 'href="https://example.org/report-3"' in linked
    bundled = next(e for e in dataset.events if e.source_ids)
    assert "Sources</div>" in annotation_html(dataset, bundled)
