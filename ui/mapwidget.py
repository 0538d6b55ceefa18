"""The one map widget of the Map and Briefing pages: the same base map, a small step per rerun.

The base map is identical on every rerun (streamlit-folium keys its iframe on its script, so the
iframe never reloads); what depends on the day goes through ``StepScript``. The step's state depends
only on (data, day, event, naming, layers, tiles, fit) and is built once per combination.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import streamlit as st
from streamlit_folium import st_folium

from corridor.naming import Naming
from corridor.timemodel import Timeline
from corridor.view import Tiles
from layers.contract import StepState
from layers.mapview import StepScript, build_base_map, map_config
from layers.step import build_step_state
from ui import data

Fit = tuple[tuple[float, ...], ...] | None


@st.cache_resource(show_spinner=False, max_entries=512)
def _step(
    data_key: tuple[object, ...],
    _tl: Timeline,
    day: dt.date,
    *,
    event_id: str | None,
    naming: Naming,
    layers: tuple[str, ...],
    tiles: Tiles,
    fit: Fit,
) -> StepState:
    return build_step_state(
        _tl.dataset,
        _tl.state_at(day),
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


def corridor_map(step: StepState, *, key: str, height: int) -> None:
    """Draw the base map (never reloaded) with this step's state applied."""
    st_folium(
        build_base_map(map_config(data.active_map_data_url())),
        key=key,
        height=height,
        use_container_width=True,
        feature_group_to_add=StepScript(step),
        returned_objects=[],
    )
