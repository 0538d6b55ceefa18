"""layers.places: every place but the checkpoints, with escaped labels for each naming and its uncertainty."""

from __future__ import annotations

from corridor.naming import NAMINGS, place_name
from corridor.records import Dataset
from layers.places import LONG_LABEL, build_places_layer
from tests.unit.conftest import by_id, classes


def test_places_layer_holds_every_place_except_checkpoints(dataset: Dataset) -> None:
    layer = build_places_layer(dataset)
    expected = [p.id for p in dataset.places if p.kind != "checkpoint"]
    assert [f["id"] for f in layer["features"]] == expected
    assert "hakari_checkpoint" not in expected
    assert {"lachin", "stepanakert", "goris", "kornidzor", "hakari_bridge"} <= set(expected)


def test_place_classes_give_kind_and_derived(dataset: Dataset) -> None:
    features = by_id(build_places_layer(dataset))
    for place in dataset.places:
        if place.kind == "checkpoint":
            continue
        expected = {"cm-place", f"cm-place-{place.kind}"} | ({"cm-derived"} if place.derived else set())
        assert classes(features[place.id]) == expected, place.id
    assert "cm-derived" in classes(features["hakari_bridge"])
    assert "cm-derived" not in classes(features["lachin"])


def test_place_feature_carries_position_names_and_uncertainty(dataset: Dataset) -> None:
    features = by_id(build_places_layer(dataset))
    lachin = dataset.place("lachin")
    feature = features["lachin"]
    assert feature["geometry"] == {"type": "Point", "coordinates": list(lachin.lonlat)}
    assert feature["properties"]["names"] == {n: place_name(lachin, n) for n in NAMINGS}
    assert feature["properties"]["names"]["both"] == "Berdzor / Lachin"
    assert feature["properties"]["names"]["az"] == "Lachin"
    assert feature["properties"]["names"]["hy"] == "Berdzor"
    assert feature["properties"]["uncertainty_m"] is None
    assert features["hakari_bridge"]["properties"]["uncertainty_m"] == 1500.0


def test_a_long_both_label_wraps_after_the_slash(dataset: Dataset) -> None:
    features = by_id(build_places_layer(dataset))
    mets_shen = dataset.place("mets_shen")
    assert len(place_name(mets_shen, "both")) > LONG_LABEL
    assert features["mets_shen"]["properties"]["names"]["both"] == "Mets Shen /<br>Böyük Qaladərəsi"
    assert features["mets_shen"]["properties"]["names"]["az"] == "Böyük Qaladərəsi"


def test_major_places_are_towns_cities_and_capitals(dataset: Dataset) -> None:
    features = by_id(build_places_layer(dataset))
    assert features["stepanakert"]["properties"]["major"] is True
    assert features["yerevan"]["properties"]["major"] is True
    assert features["goris"]["properties"]["major"] is True
    assert features["kornidzor"]["properties"]["major"] is False
