"""layers/: every builder in the catalogue draws the expected features with stable CSS classes.

The browser tests count paths by these classes (cm-route, cm-checkpoint, cm-place...), so a class
that goes missing here breaks the map's tests and its styling at once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

import pytest

from corridor.naming import NAMINGS, place_name
from corridor.records import Dataset
from layers.band import build_band_layer
from layers.basemap import GRATICULE_BOX, GRATICULE_STEP, LABEL_BOX, build_basemap_layer, build_graticule_layer
from layers.border import build_border_layer
from layers.catalogue import DEFAULT_VISIBLE, LAYER_KEYS, LAYERS, TOGGLE_KEYS, build_all_layers
from layers.checkpoint import build_checkpoint_layer
from layers.corridor import build_corridor_layer
from layers.events import EPOCH, build_events_layer, day_number
from layers.places import LONG_LABEL, build_places_layer

EXPECTED_KEYS = (
    "basemap", "graticule", "rivers", "nk2020", "nkao", "border", "band", "edges", "corridor", "places", "checkpoint",
    "events",
)  # fmt: skip
OFF_BY_DEFAULT = ("nkao",)  # the historical NKAO boundary is a reference the user turns on
ROUTE_IDS = ("route_A_old_highway", "route_B1_bypass_temporary_link", "route_B2_kornidzor")
EVENT_COLUMNS = ("id", "lon", "lat", "day", "title", "date")


def classes(feature: dict[str, Any]) -> set[str]:
    """The CSS classes a feature asks for."""
    return set(feature["properties"]["cls"].split())


def by_id(collection: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["properties"]["id"]: f for f in collection["features"]}


# --- the catalogue ------------------------------------------------------------------------------


def test_catalogue_lists_every_layer_once_in_drawing_order() -> None:
    assert LAYER_KEYS == EXPECTED_KEYS
    assert len(set(LAYER_KEYS)) == len(LAYER_KEYS)


def test_every_toggle_but_the_nkao_is_on_by_default_and_the_basemap_is_not_a_toggle() -> None:
    assert "basemap" not in TOGGLE_KEYS
    assert list(TOGGLE_KEYS) == [k for k in EXPECTED_KEYS if k != "basemap"]
    assert tuple(k for k in TOGGLE_KEYS if k not in OFF_BY_DEFAULT) == DEFAULT_VISIBLE


def test_every_layer_has_a_title_and_a_builder() -> None:
    for spec in LAYERS:
        assert spec.title.strip(), spec.key
        assert callable(spec.build), spec.key


@pytest.mark.parametrize("spec", LAYERS, ids=lambda s: s.key)
def test_every_builder_returns_json_without_nan(dataset: Dataset, spec: Any) -> None:
    built = spec.build(dataset)
    text = json.dumps(built, allow_nan=False)
    assert json.loads(text) == built


@pytest.mark.parametrize("spec", LAYERS, ids=lambda s: s.key)
def test_feature_collection_layers_tag_every_feature_with_a_class(dataset: Dataset, spec: Any) -> None:
    built = spec.build(dataset)
    if built.get("columns"):
        return  # the events layer is columnar, checked below
    assert built["type"] == "FeatureCollection"
    assert built["features"], f"layer {spec.key} is empty"
    for feature in built["features"]:
        assert feature["type"] == "Feature"
        assert feature["properties"]["cls"].startswith("cm-"), (spec.key, feature["properties"])


def test_build_all_layers_keys_each_layer_by_its_catalogue_key(dataset: Dataset) -> None:
    built = build_all_layers(dataset)
    assert tuple(built) == LAYER_KEYS
    assert built["corridor"] == build_corridor_layer(dataset)
    assert built["events"] == build_events_layer(dataset)


# --- corridor routes ----------------------------------------------------------------------------


def test_corridor_layer_has_one_line_per_route(dataset: Dataset) -> None:
    layer = build_corridor_layer(dataset)
    assert tuple(by_id(layer)) == ROUTE_IDS
    for route in dataset.routes:
        feature = by_id(layer)[route.id]
        assert feature["id"] == route.id
        assert feature["geometry"]["type"] == "LineString"
        assert feature["geometry"]["coordinates"] == [list(c) for c in route.coordinates]
        assert len(feature["geometry"]["coordinates"]) >= 2


@pytest.mark.parametrize("route_id", ROUTE_IDS)
def test_route_classes_name_the_route_and_mark_it_schematic(dataset: Dataset, route_id: str) -> None:
    feature = by_id(build_corridor_layer(dataset))[route_id]
    assert classes(feature) == {"cm-route", f"cm-route-{route_id}", "cm-schematic"}
    assert feature["properties"]["schematic"] is True
    assert feature["properties"]["label"] == "schematic route"
    assert "<h4>" in feature["properties"]["popup"]


def test_a_surveyed_route_is_not_classed_schematic(dataset: Dataset) -> None:
    surveyed = dataclasses.replace(dataset.routes[0], schematic=False)
    ds = dataclasses.replace(dataset, routes=(surveyed,))
    (feature,) = build_corridor_layer(ds)["features"]
    assert classes(feature) == {"cm-route", f"cm-route-{surveyed.id}"}
    assert feature["properties"]["schematic"] is False
    assert feature["properties"]["label"] == ""


# --- bands --------------------------------------------------------------------------------------


def test_band_layer_has_one_band_per_route_tied_by_class(dataset: Dataset) -> None:
    layer = build_band_layer(dataset)
    assert [f["properties"]["route_id"] for f in layer["features"]] == list(ROUTE_IDS)
    for feature in layer["features"]:
        route_id = feature["properties"]["route_id"]
        assert classes(feature) == {"cm-band", f"cm-band-{route_id}"}
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
        assert "illustrative" in feature["properties"]["popup"]


# --- places and the checkpoint ------------------------------------------------------------------


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


def test_checkpoint_layer_holds_only_the_derived_hakari_checkpoint(dataset: Dataset) -> None:
    layer = build_checkpoint_layer(dataset)
    assert [f["id"] for f in layer["features"]] == ["hakari_checkpoint"]
    (feature,) = layer["features"]
    assert classes(feature) == {"cm-checkpoint", "cm-derived"}
    assert feature["properties"]["uncertainty_m"] == 1500.0
    assert feature["geometry"]["type"] == "Point"


def test_the_checkpoint_covers_the_bridge_label_at_the_same_point(dataset: Dataset) -> None:
    (feature,) = build_checkpoint_layer(dataset)["features"]
    assert dataset.place("hakari_bridge").lonlat == dataset.place("hakari_checkpoint").lonlat
    assert feature["properties"]["covers"] == ["hakari_bridge"]


def test_a_surveyed_checkpoint_is_not_classed_derived(dataset: Dataset) -> None:
    exact = dataclasses.replace(dataset.place("hakari_checkpoint"), derived=False, uncertainty_m=None)
    ds = dataclasses.replace(dataset, places=(exact,))
    (feature,) = build_checkpoint_layer(ds)["features"]
    assert classes(feature) == {"cm-checkpoint"}


# --- events -------------------------------------------------------------------------------------


def test_events_layer_columns_have_equal_lengths(dataset: Dataset) -> None:
    layer = build_events_layer(dataset)
    assert layer["columns"] is True
    lengths = {name: len(layer[name]) for name in EVENT_COLUMNS}
    located = [e for e in dataset.events if e.lonlat is not None]
    assert set(lengths.values()) == {len(located)}, lengths
    assert 0 < len(located) < len(dataset.events)  # some events (Moscow, The Hague) have no position


def test_events_layer_anchors_day_numbers_and_positions(dataset: Dataset) -> None:
    layer = build_events_layer(dataset)
    located = {e.id: e for e in dataset.events if e.lonlat is not None}
    assert layer["id"] == list(located)
    for i, event_id in enumerate(layer["id"]):
        event = located[event_id]
        assert layer["day"][i] == (event.anchor - EPOCH).days
        assert event.lonlat is not None
        assert layer["lon"][i] == pytest.approx(event.lonlat[0], abs=1e-5)
        assert layer["lat"][i] == pytest.approx(event.lonlat[1], abs=1e-5)


def test_event_day_is_the_last_day_of_a_ranged_event(dataset: Dataset) -> None:
    layer = build_events_layer(dataset)
    i = layer["id"].index("ev-2023-09-exodus")
    assert dataset.event("ev-2023-09-exodus").date.first != dataset.event("ev-2023-09-exodus").anchor
    assert layer["day"][i] == day_number(dataset.event("ev-2023-09-exodus").anchor)
    assert layer["date"][i] == "24-30 Sept 2023"


def test_day_number_counts_from_the_unix_epoch() -> None:
    assert day_number(EPOCH) == 0
    assert day_number(EPOCH + dt.timedelta(days=1)) == 1
    assert day_number(EPOCH - dt.timedelta(days=1)) == -1
    assert day_number(EPOCH.replace(year=2023, month=4, day=23)) == 19470


# --- border, basemap, graticule -----------------------------------------------------------------


def test_border_layer_outlines_armenia_and_azerbaijan(dataset: Dataset) -> None:
    layer = build_border_layer(dataset)
    assert sorted(f["properties"]["name"] for f in layer["features"]) == ["Armenia", "Azerbaijan"]
    assert {f["properties"]["cls"] for f in layer["features"]} == {"cm-border"}


def test_basemap_draws_neighbours_from_natural_earth_and_the_focus_from_osm(dataset: Dataset) -> None:
    layer = build_basemap_layer(dataset)
    context = [f for f in layer["features"] if "cm-land-context" in classes(f)]
    focus = [f for f in layer["features"] if "cm-land-context" not in classes(f)]
    assert sorted(f["properties"]["name"] for f in context) == ["Georgia", "Iran", "Russia", "Turkey"]
    assert sorted(f["properties"]["cls"] for f in focus) == ["cm-land cm-land-arm", "cm-land cm-land-aze"]
    assert all("cm-land" in classes(f) for f in layer["features"])


def test_graticule_has_a_labelled_line_every_half_degree(dataset: Dataset) -> None:
    layer = build_graticule_layer(dataset)
    lon_min, lat_min, lon_max, lat_max = GRATICULE_BOX
    meridians = round((lon_max - lon_min) / GRATICULE_STEP) + 1
    parallels = round((lat_max - lat_min) / GRATICULE_STEP) + 1
    assert len(layer["features"]) == meridians + parallels
    labels = [f["properties"]["label"] for f in layer["features"]]
    assert "46.5°E" in labels
    assert "39.5°N" in labels
    assert {f["properties"]["cls"] for f in layer["features"]} == {"cm-graticule"}


def test_basemap_labels_both_countries_inside_the_label_box(dataset: Dataset) -> None:
    labels = build_basemap_layer(dataset)["labels"]
    assert sorted(label["name"] for label in labels) == ["ARMENIA", "AZERBAIJAN"]
    lon_min, lat_min, lon_max, lat_max = LABEL_BOX
    for label in labels:
        lon, lat = label["lonlat"]
        assert lon_min <= lon <= lon_max, label
        assert lat_min <= lat <= lat_max, label
    armenia = next(label for label in labels if label["name"] == "ARMENIA")
    azerbaijan = next(label for label in labels if label["name"] == "AZERBAIJAN")
    assert armenia["lonlat"][0] < azerbaijan["lonlat"][0]  # Armenia lies west of the corridor
