"""The one map widget of the Map and Briefing pages: a Leaflet map in the page, a small step per rerun.

The map is a Streamlit v2 component (``static/app/map_component.js``, in the page, no iframe): its
first mount loads Leaflet and ``corridor_map.js`` from the app's own server and draws the base map;
each run sends the map's configuration (the same every run) and this step's state, which the script
applies to the map that is there. The map is never rebuilt by a rerun, so pan and zoom survive.

The step's state depends only on (data, day, event, naming, layers, tiles, fit) and is built once
per combination. No folium, branca or jinja2 in the live page: folium draws only the exported
briefing map (``layers.mapview``). The arguments go in a one-item tuple: Streamlit asks of a dict
or list whether it is a data frame, which imports pandas (about 0.4 s of the first run).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import streamlit as st

from corridor.naming import Naming
from corridor.timemodel import Timeline
from corridor.view import Tiles
from layers.contract import StepState
from layers.mapconfig import map_config, map_view
from layers.step import build_step_state
from ui import data

Fit = tuple[tuple[float, ...], ...] | None
MAP_PAGE_HEIGHT = 640  # the Map page's map (ui/early_map.py draws it ahead of the page at this height)


@functools.lru_cache(maxsize=512)  # not st.cache_resource: its argument hashing cost ~3 ms a call
def _step(
    data_key: tuple[object, ...],
    tl: Timeline,
    day: dt.date,
    *,
    event_id: str | None,
    naming: Naming,
    layers: tuple[str, ...],
    tiles: Tiles,
    fit: Fit,
) -> StepState:
    return build_step_state(
        tl.dataset,
        data.state_at(data_key, tl, day),
        naming=naming,
        layers=layers,
        tiles=tiles,
        selected_event=event_id,
        fit=fit,
    )


def step_state(
    tl: Timeline,
    day: dt.date,
    event_id: str | None,
    *,
    naming: Naming,
    layers: Sequence[str],
    tiles: Tiles = "bundled",
    fit: Sequence[Sequence[float]] | None = None,
) -> StepState:
    """The state ``CorridorMap.apply`` draws for this day and these choices (built once, then cached)."""
    frozen_fit = tuple(tuple(p) for p in fit) if fit else None
    return _step(
        data.active_key(), tl, day, event_id=event_id, naming=naming, layers=tuple(layers), tiles=tiles, fit=frozen_fit
    )


MAP_JS = Path(__file__).resolve().parent.parent / "static" / "app" / "map_component.js"
_MAP = st.components.v2.component("corridor_map", js=MAP_JS.read_text(encoding="utf-8"), isolate_styles=False)


@functools.lru_cache(maxsize=8)
def map_args(data_url: str, height: int) -> dict[str, Any]:
    """What every run sends besides the state: the map's configuration, first view and height."""
    return {"config": map_config(data_url), "view": map_view(), "height": height}


def corridor_map(step: StepState, *, key: str, height: int) -> None:
    """Draw the map (built once per page visit) with this step's state applied."""
    _MAP(key=key, data=({**map_args(data.active_map_data_url(), height), "state": step},))
