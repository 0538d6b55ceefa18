"""The one map widget of the Map and Briefing pages: the same base map, a small step per rerun.

The base map is identical on every rerun (streamlit-folium keys its iframe on its script, so the
iframe never reloads); what depends on the day goes through ``StepScript``. The step's state depends
only on (data, day, event, naming, layers, tiles, fit) and is built once per combination.

folium renders the base map once per (map data, key, height): what ``st_folium`` would send is kept,
with a marker where the step's state goes, and each rerun calls streamlit-folium's component with
those arguments and this step's state. The arguments stay byte-identical except the state, so the
browser's iframe is never re-created, and a step does no folium or jinja work.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections.abc import Sequence
from typing import Any

import streamlit_folium
from streamlit_folium import st_folium

from corridor.naming import Naming
from corridor.text import js_json
from corridor.timemodel import Timeline
from corridor.view import Tiles
from layers.contract import StepState
from layers.mapview import StepScript, build_base_map, map_config
from layers.step import build_step_state
from ui import data

Fit = tuple[tuple[float, ...], ...] | None

STATE_MARK = "__corridor_step_state__"  # where the step's JSON goes in the cached feature_group
_CAPTURE_LOCK = threading.Lock()


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


class _Marked(StepScript):
    """A StepScript whose state is the marker, filled in per rerun."""

    def __init__(self) -> None:
        super().__init__({})  # type: ignore[typeddict-item]  # the state is replaced just below
        self.state_json = STATE_MARK


@functools.lru_cache(maxsize=16)
def component_args(data_url: str, key: str, height: int) -> dict[str, Any]:
    """What ``st_folium`` sends for the base map (rendered once), with ``STATE_MARK`` for the state."""
    captured: dict[str, Any] = {}

    def capture(**kwargs: Any) -> None:
        captured.update(kwargs)

    with _CAPTURE_LOCK:  # st_folium looks the component up in its module: borrow it for one call
        real = streamlit_folium._component_func
        streamlit_folium._component_func = capture
        try:
            st_folium(
                build_base_map(map_config(data_url)),
                key=key,
                height=height,
                use_container_width=True,
                feature_group_to_add=_Marked(),
                returned_objects=[],
            )
        finally:
            streamlit_folium._component_func = real
    if str(captured.get("feature_group", "")).count(STATE_MARK) != 1:
        raise RuntimeError("streamlit-folium changed how it sends the feature group")
    return captured


def corridor_map(step: StepState, *, key: str, height: int) -> None:
    """Draw the base map (never reloaded) with this step's state applied."""
    args = component_args(data.active_map_data_url(), key, height)
    feature_group = args["feature_group"].replace(STATE_MARK, js_json(step))
    with _CAPTURE_LOCK:  # never the borrowed stand-in while another session renders its base map
        component = streamlit_folium._component_func
    component(**{**args, "feature_group": feature_group})
