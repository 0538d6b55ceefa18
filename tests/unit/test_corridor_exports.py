"""corridor.exports: the dataset or a slice as GeoJSON, CSV and KML; export -> import gives the same data."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import geopandas as gpd
import pyogrio
import pytest

from corridor.export_kml import kml_driver
from corridor.export_table import EXPORT_LAYERS, event_record, features_frame
from corridor.exports import export_bytes
from corridor.filters import EventFilter, filter_events
from corridor.imports import guess_mapping, import_events, read_table
from corridor.loader import with_extra_events
from corridor.parse import parse_event
from corridor.provenance import corrections, readme_section, rendering_rows
from corridor.records import Dataset, Event

CHECKPOINT_DAY = dt.date(2023, 4, 23)


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


def test_event_record_is_what_parse_event_reads(dataset: Dataset) -> None:
    places = {p.id: p for p in dataset.places}
    assert [parse_event(event_record(e), places) for e in dataset.events] == list(dataset.events)


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


def test_csv_has_wkt_for_every_located_row_and_lon_lat_for_points(dataset: Dataset) -> None:
    rows = read_table(export_bytes(features_frame(dataset, ("places", "routes")), "csv"), "x.csv").rows
    place = next(r for r in rows if r["id"] == "goris")
    assert (float(place["longitude"]), float(place["latitude"])) == dataset.place("goris").lonlat
    assert place["WKT"] == "POINT ({} {})".format(*dataset.place("goris").lonlat)
    assert place["crs"] == "EPSG:4326"
    route = next(r for r in rows if r["layer"] == "routes")
    assert route["WKT"].startswith("LINESTRING") and route["longitude"] == ""
    assert route["schematic"] == "yes"


def test_slice_is_the_map_on_that_day(dataset: Dataset) -> None:
    frame = features_frame(dataset, day=CHECKPOINT_DAY)
    events = frame[frame["layer"] == "events"]
    assert set(events["id"]) == {e.id for e in dataset.events if e.anchor <= CHECKPOINT_DAY}
    routes = dict(
        zip(frame[frame["layer"] == "routes"]["id"], frame[frame["layer"] == "routes"]["status"], strict=True)
    )
    assert routes == {
        "route_A_old_highway": "past",
        "route_B1_bypass_temporary_link": "past",
        "route_B2_kornidzor": "in_use",
    }
    assert "hakari_checkpoint" in set(frame["id"])
    assert list(frame[frame["layer"] == "bands"]["id"]) == ["route_B2_kornidzor_band5km"]
    before = features_frame(dataset, ("places", "routes"), day=dt.date(2021, 1, 1))
    assert "hakari_checkpoint" not in set(before["id"])
    assert list(before[before["layer"] == "routes"]["id"]) == ["route_A_old_highway"]


def test_provenance_rows_carry_source_confidence_and_flags(dataset: Dataset) -> None:
    frame = features_frame(dataset, ("places", "routes", "bands"))
    bridge = frame[frame["id"] == "hakari_bridge"].iloc[0]
    assert (bridge["derived"], bridge["confidence"], bridge["uncertainty_m"]) == ("yes", "low", 1500.0)
    assert bridge["source"] == dataset.place("hakari_bridge").source
    band = frame[frame["layer"] == "bands"].iloc[0]
    assert dataset.bands[0].warning in band["note"]


def test_filter_by_actor_type_days_and_text(dataset: Dataset) -> None:
    events = dataset.events
    russia = filter_events(events, EventFilter(actors=("Russia",)))
    assert russia and all("Russia" in e.actors for e in russia)
    legal = filter_events(events, EventFilter(types=("legal",)))
    assert {e.event_type for e in legal} == {"legal"}
    july = filter_events(events, EventFilter(first=dt.date(2021, 7, 15), last=dt.date(2021, 7, 15)))
    assert [e.id for e in july] == ["ev-2021-07-bypass-construction"]  # month precision overlaps the day
    assert [e.id for e in filter_events(events, EventFilter(text="  HAKARI bridge "))] == [
        e.id for e in events if "hakari bridge" in (e.title + e.description + e.place_label).casefold()
    ]
    assert filter_events(events, EventFilter()) == events
    assert filter_events(events, EventFilter(actors=("Russia",), types=("legal",))) == ()


def test_every_rendering_is_listed_verbatim(dataset: Dataset) -> None:
    rows = rendering_rows(dataset)
    renderings = [r for s in dataset.statements for r in s.renderings]
    assert len(rows) == len(renderings)
    assert [row["wording"] for row in rows] == [r.text for r in renderings]
    peskov = [row for row in rows if row["statement"] == "peskov-2023-04-24-mediation"]
    assert len(peskov) == 2 and len({row["outlet"] for row in peskov}) == 2


def test_corrections_are_read_from_the_data(dataset: Dataset) -> None:
    readme = (
        "## `a.geojson`\nx\n## `admin0_region_ne10m.geojson`\nNE **Overview zoom only**: off by `1.4` km.\n## `b`\n"
    )
    found = dict(corrections(dataset, readme))
    texts = list(found.values())
    for statement in dataset.statements:
        if statement.correction:
            assert statement.correction in texts
    assert dataset.bands[0].warning in texts
    contested = dataset.event("ev-2024-01-01-dissolution-date")
    assert any(contested.title in about and contested.description in text for about, text in found.items())
    assert "NE Overview zoom only: off by 1.4 km." in texts
    assert readme_section(readme, "missing.geojson") == ""


def test_region_outlines_are_exported_with_their_status_on_a_day(dataset: Dataset) -> None:
    whole = features_frame(dataset, ["outlines"])
    assert set(whole["id"]) == {f.id for f in dataset.region_features}
    nk = whole[whole["id"] == "nk_de_facto_2020"].iloc[0]
    assert "De facto control, not sovereignty" in nk["note"] and "Public domain" in nk["source"]
    after = features_frame(dataset, ["outlines"], day=dt.date(2023, 10, 1))
    assert after[after["id"] == "nk_de_facto_2020"].iloc[0]["status"] == "former"
    assert "corridor_edge_2020_1" not in set(after["id"])  # hidden after 30 Aug 2022
    before = features_frame(dataset, ["outlines"], day=dt.date(2023, 4, 23))
    assert before[before["id"] == "nk_de_facto_2020"].iloc[0]["status"] == "current"


# --- every export read back by GDAL (pyogrio), as QGIS and Google Earth would -----------------------


def read_back(data: bytes, suffix: str, tmp_path: Path) -> tuple[gpd.GeoDataFrame, dict[str, Any]]:
    """The file as GDAL reads it (from disk, as a GIS user opens it), and GDAL's description of it."""
    path = tmp_path / f"export{suffix}"
    path.write_bytes(data)
    return pyogrio.read_dataframe(path), pyogrio.read_info(path)


@pytest.mark.parametrize(("fmt", "suffix"), [("geojson", ".geojson"), ("csv", ".csv"), ("kml", ".kml")])
def test_gdal_reads_every_feature_with_its_geometry(dataset: Dataset, tmp_path: Path, fmt: Any, suffix: str) -> None:
    frame = features_frame(dataset)
    back, info = read_back(export_bytes(frame, fmt), suffix, tmp_path)
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


def test_kml_features_carry_timestamp_or_timespan(dataset: Dataset, tmp_path: Path) -> None:
    frame = features_frame(dataset)
    data = export_bytes(frame, "kml")
    assert kml_driver() == "LIBKML"
    back, info = read_back(data, ".kml", tmp_path)
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
