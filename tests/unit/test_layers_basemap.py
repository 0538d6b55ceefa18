"""layers.basemap: the bundled basemap (neighbours, focus countries, labels) and the graticule."""

from __future__ import annotations

import pytest
from shapely.geometry import Point, shape

from corridor.records import Dataset
from layers.basemap import (
    BORDER_INSET,
    GRATICULE_BOX,
    GRATICULE_STEP,
    LABEL_BOX,
    build_basemap_layer,
    build_graticule_layer,
)
from tests.unit.conftest import classes


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


def test_basemap_labels_flank_the_border_on_one_parallel(dataset: Dataset) -> None:
    """The map ends ARMENIA at its point and starts AZERBAIJAN at its point (corridor_map.js): each
    point lies inside its own country, both on one parallel, with only the border between them."""
    labels = {label["name"]: label["lonlat"] for label in build_basemap_layer(dataset)["labels"]}
    countries = {str(f["properties"]["name"]).upper(): shape(f["geometry"]) for f in dataset.borders["features"]}
    for name, (lon, lat) in labels.items():
        assert countries[name].contains(Point(lon, lat)), name
    (arm_lon, arm_lat), (aze_lon, aze_lat) = labels["ARMENIA"], labels["AZERBAIJAN"]
    assert arm_lat == aze_lat
    assert aze_lon - arm_lon == pytest.approx(2 * BORDER_INSET)
