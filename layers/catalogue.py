"""The layer catalogue: every map layer, the data file it draws, and its builder.

Pages and the map loop over LAYERS; nobody hard-codes a layer or a path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from corridor import catalogue as data
from corridor.catalogue import DataFile
from corridor.records import Dataset
from layers.band import build_band_layer
from layers.basemap import build_basemap_layer, build_graticule_layer
from layers.border import build_border_layer
from layers.checkpoint import build_checkpoint_layer
from layers.corridor import build_corridor_layer
from layers.corridor_edges import build_edges_layer
from layers.events import build_events_layer
from layers.nk_outline import build_nk_layer
from layers.nkao import build_nkao_layer
from layers.places import build_places_layer
from layers.rivers import build_rivers_layer


@dataclass(frozen=True)
class LayerSpec:
    """One map layer."""

    key: str
    title: str
    files: tuple[DataFile, ...]
    build: Callable[[Dataset], dict[str, Any]]
    toggle: bool
    default_on: bool


LAYERS: tuple[LayerSpec, ...] = (
    LayerSpec("basemap", "Bundled basemap (land)", (data.REGION, data.BORDERS), build_basemap_layer, False, True),
    LayerSpec("graticule", "Graticule (0.5°)", (), build_graticule_layer, True, True),
    LayerSpec("rivers", "Rivers", (data.RIVERS,), build_rivers_layer, True, True),
    LayerSpec(
        "nk2020",
        "Area held by the NK (Artsakh) authorities, 2020-2023 (de facto control)",
        (data.NK_2020,),
        build_nk_layer,
        True,
        True,
    ),
    LayerSpec("nkao", "Former NKAO boundary, 1923-1991 (derived)", (data.NKAO,), build_nkao_layer, True, False),
    LayerSpec("border", "Armenia-Azerbaijan border", (data.BORDERS,), build_border_layer, True, True),
    LayerSpec("band", "5 km corridor band (illustrative)", (data.BANDS,), build_band_layer, True, True),
    LayerSpec("edges", "2020 corridor edges (until 30 Aug 2022)", (data.EDGES,), build_edges_layer, True, True),
    LayerSpec("corridor", "Corridor route", (data.ROUTES,), build_corridor_layer, True, True),
    LayerSpec("places", "Places", (data.PLACES,), build_places_layer, True, True),
    LayerSpec("checkpoint", "Hakari bridge checkpoint", (data.PLACES,), build_checkpoint_layer, True, True),
    LayerSpec("events", "Events", (data.EVENTS,), build_events_layer, True, True),
)
LAYER_KEYS: tuple[str, ...] = tuple(spec.key for spec in LAYERS)
TOGGLE_KEYS: tuple[str, ...] = tuple(spec.key for spec in LAYERS if spec.toggle)
DEFAULT_VISIBLE: tuple[str, ...] = tuple(spec.key for spec in LAYERS if spec.toggle and spec.default_on)


def build_all_layers(ds: Dataset) -> dict[str, dict[str, Any]]:
    """Every layer's drawable data, keyed by layer key."""
    return {spec.key: spec.build(ds) for spec in LAYERS}
