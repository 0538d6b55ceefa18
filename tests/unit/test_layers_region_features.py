"""layers/: the region layers (NK de facto area, NKAO, 2020 corridor edges, rivers), their popups,
legend rows and per-day state."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from corridor.text import escape
from corridor.timemodel import Timeline
from layers.catalogue import DEFAULT_VISIBLE, LAYERS
from layers.checkpoint import build_checkpoint_layer
from layers.corridor_edges import build_edges_layer
from layers.mapview import map_config
from layers.nk_outline import TIP_FORMER, build_nk_layer
from layers.nkao import build_nkao_layer
from layers.rivers import build_rivers_layer
from layers.step import DISAGREEMENT_NOTE, FORMER_NOTE, build_step_state
from layers.style import legend_entries

D = dt.date.fromisoformat


def test_region_layers_are_in_the_catalogue_with_their_files() -> None:
    files = {spec.key: [f.filename for f in spec.files] for spec in LAYERS}
    assert files["nk2020"] == ["nk_de_facto_2020.geojson"]
    assert files["nkao"] == ["nkao_1991_derived.geojson"]
    assert files["edges"] == ["lachin_corridor_edges_2020.geojson"]
    assert files["rivers"] == ["rivers.geojson"]
    assert "nkao" not in DEFAULT_VISIBLE
    assert {"nk2020", "edges", "rivers"} <= set(DEFAULT_VISIBLE)
    title = next(spec.title for spec in LAYERS if spec.key == "nk2020")
    assert "de facto control" in title


def test_nk_layer_popup_is_neutral_and_states_the_caveats(timeline: Timeline) -> None:
    (feature,) = build_nk_layer(timeline.dataset)["features"]
    popup = feature["properties"]["popup"]
    for words in (
        "De facto control, not sovereignty",
        "internationally part of Azerbaijan",
        "Republic of Artsakh by the Armenian side",
        "30 Aug 2022",
        "Hakari bridge may fall outside it",
        "former",
        "Public domain",
    ):
        assert words in popup
    assert feature["properties"]["tip"]["former"] == TIP_FORMER
    assert "cm-nk" in feature["properties"]["cls"]


def test_nkao_edges_and_rivers_layers(timeline: Timeline) -> None:
    ds = timeline.dataset
    (nkao,) = build_nkao_layer(ds)["features"]
    assert "cm-derived" in nkao["properties"]["cls"] and "Derived" in nkao["properties"]["popup"]
    assert len(build_edges_layer(ds)["features"]) == 2
    rivers = build_rivers_layer(ds)
    names = [lab["name"] for lab in rivers["labels"]]
    assert set(names) == {"Aras", "Kura", "Vorotan", "Terter", "Karasu"}
    assert all(len(lab["lonlat"]) == 2 for lab in rivers["labels"])


def test_checkpoint_popup_says_the_hakari_river_is_not_drawn(timeline: Timeline) -> None:
    (feature,) = build_checkpoint_layer(timeline.dataset)["features"]
    assert "Hakari (Akera) river" in feature["properties"]["popup"]
    assert "it is not drawn on this map" in feature["properties"]["popup"]


def _step(timeline: Timeline, day: str) -> dict[str, object]:
    state = timeline.state_at(D(day))
    return build_step_state(timeline.dataset, state, naming="both", layers=DEFAULT_VISIBLE)


@pytest.mark.parametrize(
    ("day", "nk", "edges", "note"),
    [
        ("2020-11-10", "current", "current", None),
        ("2023-04-23", "current", "hidden", DISAGREEMENT_NOTE),
        ("2023-10-01", "former", "hidden", FORMER_NOTE),
    ],
)
def test_step_state_carries_the_region_states_and_note(
    timeline: Timeline, day: str, nk: str, edges: str, note: str | None
) -> None:
    step = _step(timeline, day)
    region = step["region"]
    assert isinstance(region, dict)
    assert region["nk_de_facto_2020"] == nk
    assert region["corridor_edge_2020_1"] == edges
    assert step["regionNote"] == (escape(note) if note else None)  # HTML-escaped: it becomes innerHTML
    assert len(json.dumps(region)) < 200  # the per-day state stays small


def test_legend_names_every_region_layer_neutrally() -> None:
    rows = {row.get("layer"): row for row in legend_entries() if "layer" in row}
    assert set(rows) == {"nk2020", "nk2020-former", "edges", "nkao", "rivers"}
    assert "de facto control, not sovereignty" in rows["nk2020"]["label"]
    assert "former" in rows["nk2020-former"]["label"]
    assert "Hakari" in rows["edges"]["label"] and "Hakari river is not drawn" in rows["rivers"]["label"]
    assert all(row["short"] for row in rows.values())


def test_map_config_carries_region_styles() -> None:
    style = map_config("/x.json")["style"]
    assert {"nkArea", "nkFormer", "edges", "nkao", "river"} <= set(style)
