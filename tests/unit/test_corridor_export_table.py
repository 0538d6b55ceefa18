"""corridor.export_table: the table every export is written from, for the whole dataset or the map on one day."""

from __future__ import annotations

import datetime as dt

from corridor.export_table import event_record, features_frame
from corridor.parse import parse_event
from corridor.records import Dataset

CHECKPOINT_DAY = dt.date(2023, 4, 23)


def test_event_record_is_what_parse_event_reads(dataset: Dataset) -> None:
    places = {p.id: p for p in dataset.places}
    assert [parse_event(event_record(e), places) for e in dataset.events] == list(dataset.events)


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
