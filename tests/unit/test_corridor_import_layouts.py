"""corridor.import_layouts: known layouts recognised by their header, columns mapped to event fields by name."""

from __future__ import annotations

import pytest

from corridor.import_layouts import detect_layout, guess_mapping

ACLED_HEADER = (
    "event_id_cnty", "event_date", "year", "event_type", "sub_event_type", "actor1", "actor2", "country",
    "admin1", "location", "latitude", "longitude", "notes", "source", "fatalities",
)  # fmt: skip


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


@pytest.mark.parametrize(
    ("header", "layout"),
    [
        ("event_id_cnty,event_date,year,event_type,actor1,actor2,location,latitude,longitude,notes,source", "acled"),
        ("id,relid,year,type_of_violence,side_a,side_b,where_coordinates,latitude,longitude,date_start,date_end",
         "ucdp"),
        ("layer,id,title,date,first_day,last_day,event_type,actors,description,longitude,latitude,wkt", "project"),
        ("Date,Title,Lat,Lon", "plain"),
        ("date,title,latitude,lng,comment", "plain"),
        ("Kennung,Datum,Art", None),
    ],
)  # fmt: skip
def test_known_layouts_are_recognised_by_their_header(header: str, layout: str | None) -> None:
    found = detect_layout(header.split(","))
    assert (found.name if found else None) == layout
