"""corridor.region and its loading: the NK outlines, corridor edges and rivers, dated and validated."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from corridor.catalogue import GEO_DIR, REGION_FILES
from corridor.errors import DataError
from corridor.loader import load_dataset, load_region_features
from corridor.records import Dataset
from corridor.region import HAKARI_RIVER_NOTE, disagreement_on, of_layer, region_states

D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load_dataset()


def test_every_region_layer_is_loaded(ds: Dataset) -> None:
    layers = {f.layer for f in ds.region_features}
    assert layers == {"nk_2020", "nkao", "edges", "rivers"}
    assert {f.properties["name"] for f in of_layer(ds.region_features, "rivers")} >= {"Aras", "Vorotan"}


def test_titles_say_de_facto_control_not_sovereignty(ds: Dataset) -> None:
    (nk,) = of_layer(ds.region_features, "nk_2020")
    assert "held by the Nagorno-Karabakh (Artsakh) authorities" in nk.title
    note = nk.properties["status_note"]
    assert "De facto control, not sovereignty" in note
    assert "part of Azerbaijan" in note
    assert "Republic of Artsakh by the Armenian side" in note
    (nkao,) = of_layer(ds.region_features, "nkao")
    assert "derived" in nkao.title and nkao.properties["derived"] is True


@pytest.mark.parametrize(
    ("day", "nk", "edges"),
    [
        ("2020-11-09", "hidden", "hidden"),
        ("2020-11-10", "current", "current"),
        ("2022-08-30", "current", "current"),
        ("2022-08-31", "current", "hidden"),
        ("2023-04-23", "current", "hidden"),
        ("2023-09-20", "current", "hidden"),
        ("2023-09-21", "former", "hidden"),
        ("2023-10-01", "former", "hidden"),
    ],
)
def test_outline_states_by_day(ds: Dataset, day: str, nk: str, edges: str) -> None:
    states = region_states(ds.region_features, D(day))
    assert states["nk_de_facto_2020"] == nk
    assert {states["corridor_edge_2020_1"], states["corridor_edge_2020_2"]} == {edges}
    assert "nkao_1923_1991" not in states and "river_aras" not in states  # undated: always drawn


@pytest.mark.parametrize(
    ("day", "route", "shown"),
    [
        ("2021-06-01", "route_A_old_highway", False),
        ("2023-04-23", "route_B2_kornidzor", True),
        ("2022-09-10", "route_B1_bypass_temporary_link", True),
        ("2023-10-01", "route_B2_kornidzor", False),  # the outline is former by then
        ("2023-04-23", None, False),
    ],
)
def test_the_disagreement_note_shows_only_with_a_later_route(ds: Dataset, day: str, route: str, shown: bool) -> None:
    note = disagreement_on(ds.region_features, D(day), route)
    assert (note is not None) == shown
    if note:
        assert "30 Aug 2022" in note and "Hakari bridge" in note


def test_hakari_river_note_says_it_is_not_drawn() -> None:
    assert "not drawn" in HAKARI_RIVER_NOTE


# --- validation: a broken region file stops the load with file, feature, field and value -------------


def _broken(tmp_path: Path, filename: str, change: Callable[[dict[str, Any]], None]) -> Path:
    geo = tmp_path / "geo"
    shutil.copytree(GEO_DIR, geo)
    doc = json.loads((geo / filename).read_text(encoding="utf-8"))
    change(doc["features"][0])
    (geo / filename).write_text(json.dumps(doc), encoding="utf-8")
    return geo


def _set(field: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda f: f["properties"].__setitem__(field, value)


def _as_point(f: dict[str, Any]) -> None:
    f["geometry"] = {"type": "Point", "coordinates": [46.5, 39.8]}


@pytest.mark.parametrize(
    ("filename", "change", "message"),
    [
        ("nk_de_facto_2020.geojson", _set("valid_to", "20/09/2023"), "field 'valid_to'.*20/09/2023"),
        ("nk_de_facto_2020.geojson", _set("valid_to", "2019-01-01"), "valid_to is before valid_from"),
        ("nk_de_facto_2020.geojson", _set("after", "faded"), "field 'after'.*must be one of former, hidden"),
        ("nk_de_facto_2020.geojson", _set("caveat", ""), "field 'caveat'.*required"),
        ("nk_de_facto_2020.geojson", _as_point, "geometry type must be one of Polygon, MultiPolygon.*Point"),
        ("nkao_1991_derived.geojson", _set("derivation", None), "field 'derivation'"),
        ("lachin_corridor_edges_2020.geojson", _set("layer", "rivers"), "field 'layer'.*rivers"),
        ("rivers.geojson", _set("confidence", "certain"), "field 'confidence'.*certain"),
        ("rivers.geojson", _set("id", "nk_de_facto_2020"), "id already used by another region file"),
    ],
)
def test_a_broken_region_file_is_refused_with_a_precise_message(
    tmp_path: Path, filename: str, change: Callable[[dict[str, Any]], None], message: str
) -> None:
    geo = _broken(tmp_path, filename, change)
    with pytest.raises(DataError, match=re.compile(rf"file {re.escape(filename)}.*{message}")):
        load_region_features(geo)


def test_region_files_are_registered() -> None:
    assert [s.filename for s in REGION_FILES] == [
        "nk_de_facto_2020.geojson",
        "nkao_1991_derived.geojson",
        "lachin_corridor_edges_2020.geojson",
        "rivers.geojson",
    ]
    assert all(s.source and s.caveats and "Natural Earth" in s.licence for s in REGION_FILES)
