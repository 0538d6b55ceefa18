"""corridor.exports: the dataset or a slice as GeoJSON, CSV and KML; export -> import gives the same data."""

from __future__ import annotations

import json
from typing import Any

import pytest

from corridor.export_table import EXPORT_LAYERS, features_frame
from corridor.exports import export_bytes
from corridor.imports import guess_mapping, import_events, read_table
from corridor.loader import with_extra_events
from corridor.records import Dataset, Event
from tests.unit.conftest import ReadBack


def comparable(event: Event) -> tuple[Any, ...]:
    """What an export keeps of an event (imports never carry status, place ids, statements or sources)."""
    return (
        event.date,
        event.title,
        event.description,
        event.place_label,
        event.lonlat,
        event.event_type,
        event.actors,
        event.confidence,
        event.source_url,
    )


def reimport(data: bytes, name: str, dataset: Dataset) -> tuple[Event, ...]:
    """Import an exported file with the guessed mapping; no row may be rejected."""
    table = read_table(data, name)
    result = import_events(table, guess_mapping(table.columns), places={p.id: p for p in dataset.places})
    assert result.rejected == (), result.rejected
    return result.events


@pytest.mark.parametrize(("fmt", "name"), [("csv", "events.csv"), ("geojson", "events.geojson")])
def test_export_then_import_gives_the_same_events(dataset: Dataset, fmt: Any, name: str) -> None:
    data = export_bytes(features_frame(dataset, ("events",)), fmt)
    back = reimport(data, name, dataset)
    assert [e.id for e in back] == [f"import-{e.id}" for e in dataset.events]
    assert [comparable(e) for e in back] == [comparable(e) for e in dataset.events]


def test_a_reexported_import_keeps_its_ids(dataset: Dataset) -> None:
    first = reimport(export_bytes(features_frame(dataset, ("events",)), "csv"), "a.csv", dataset)
    only_imported = with_extra_events(dataset, first)
    frame = features_frame(only_imported, ("events",))
    frame = frame[frame["id"].str.startswith("import-")]
    again = reimport(export_bytes(frame, "csv"), "b.csv", dataset)
    assert [e.id for e in again] == [e.id for e in first]
    assert [comparable(e) for e in again] == [comparable(e) for e in first]


def test_geojson_holds_every_layer_in_wgs84(dataset: Dataset) -> None:
    doc = json.loads(export_bytes(features_frame(dataset), "geojson"))
    assert doc["type"] == "FeatureCollection"
    assert "CRS84" in doc["crs"]["properties"]["name"]
    layers = [f["properties"]["layer"] for f in doc["features"]]
    assert set(layers) == set(EXPORT_LAYERS)
    assert layers.count("events") == len(dataset.events)
    assert layers.count("places") == len(dataset.places)
    unlocated = [f for f in doc["features"] if f["properties"]["layer"] == "events" and f["geometry"] is None]
    assert len(unlocated) == sum(1 for e in dataset.events if e.lonlat is None)


# --- every export read back by GDAL (pyogrio), as QGIS and Google Earth would -----------------------


@pytest.mark.parametrize(("fmt", "suffix"), [("geojson", ".geojson"), ("csv", ".csv"), ("kml", ".kml")])
def test_gdal_reads_every_feature_with_its_geometry(
    dataset: Dataset, read_back: ReadBack, fmt: Any, suffix: str
) -> None:
    frame = features_frame(dataset)
    back, info = read_back(export_bytes(frame, fmt), suffix)
    assert len(back) == len(frame) == info["features"]
    located = frame.geometry.notna()
    assert list(back.geometry.notna()) == list(located), "every row with a position has it in GDAL"
    assert int(located.sum()) == len(frame) - sum(1 for e in dataset.events if e.lonlat is None)
    if fmt == "csv":
        assert info["crs"] is None  # CSV cannot carry a CRS: the crs column says it
        assert set(back.loc[located, "crs"]) == {"EPSG:4326"}
    else:
        assert info["crs"] == "EPSG:4326"
    hakari = back[back["id" if fmt != "kml" else "Name"] == ("hakari_bridge" if fmt != "kml" else "Hakari bridge")]
    point = hakari.geometry.iloc[0]
    assert (point.x, point.y) == pytest.approx(dataset.place("hakari_bridge").lonlat)
