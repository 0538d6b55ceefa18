"""corridor.export_kml: KML that GDAL and Google Earth open, with escaped descriptions and times."""

from __future__ import annotations

import datetime as dt
import io

import geopandas as gpd
import pytest

from corridor.export_kml import kml_driver
from corridor.export_table import features_frame
from corridor.exports import export_bytes
from corridor.loader import with_extra_events
from corridor.records import Dataset, Event
from tests.unit.conftest import ReadBack


def test_kml_opens_with_geopandas(dataset: Dataset) -> None:
    frame = features_frame(dataset)
    data = export_bytes(frame, "kml")
    assert data.startswith(b"<?xml") and b"<kml" in data[:200]
    back = gpd.read_file(io.BytesIO(data))
    assert len(back) == len(frame)
    assert list(back["Name"]) == list(frame["title"])
    assert set(back.geom_type.dropna()) == {"Point", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}
    hakari = back[back["Name"] == "Hakari bridge"].geometry.iloc[0]
    assert (hakari.x, hakari.y) == pytest.approx(dataset.place("hakari_bridge").lonlat)


def test_kml_description_is_escaped_html(dataset: Dataset) -> None:
    hostile = Event(
        "import-x", dataset.events[0].date, "<b>t</b>", "<script>alert(1)</script>", "", None, None, None, "",
        "test", (), (), (), "low",
    )  # fmt: skip
    data = export_bytes(features_frame(with_extra_events(dataset, (hostile,)), ("events",)), "kml")
    back = gpd.read_file(io.BytesIO(data))
    row = back[back["Name"] == "<b>t</b>"].iloc[0]
    assert "<script>" not in row["description"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in row["description"]


def test_kml_driver_is_one_pyogrio_can_write() -> None:
    assert kml_driver() in ("KML", "LIBKML")


def test_kml_features_carry_timestamp_or_timespan(dataset: Dataset, read_back: ReadBack) -> None:
    frame = features_frame(dataset)
    data = export_bytes(frame, "kml")
    assert kml_driver() == "LIBKML"
    back, info = read_back(data, ".kml")
    assert info["driver"] == "LIBKML"
    assert {"timestamp", "begin", "end"} <= set(info["fields"])
    events = [e for e in dataset.events]
    day_events = [e for e in events if e.date.precision == "day"]
    stamps = back["timestamp"].dropna()
    assert len(stamps) == len(day_events)
    assert sorted(d.date().isoformat() for d in stamps) == sorted(e.date.first.isoformat() for e in day_events)
    spans = back[back["begin"].notna()]
    fuzzy = [e for e in events if e.date.precision != "day"]
    valid = [p for p in dataset.places if p.validity.first] + [r for r in dataset.routes] + list(dataset.bands)
    outlines = frame[(frame["layer"] == "outlines") & (frame["valid_from"] != "")]  # the dated region outlines
    assert len(outlines) == 3  # the 2020 area and the two 2020 corridor edges
    assert len(spans) == len(fuzzy) + len(valid) + len(outlines)
    assert data.count(b"<TimeStamp>") == len(day_events)
    checkpoint = back[back["Name"] == dataset.event("ev-2023-04-23-checkpoint").title].iloc[0]
    assert checkpoint["timestamp"].date() == dt.date(2023, 4, 23)
