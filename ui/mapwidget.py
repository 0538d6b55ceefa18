"""The one map widget of the Map and Briefing pages: the same base map, a small step per rerun.

The base map is identical on every rerun (streamlit-folium keys its iframe on its script, so the
iframe never reloads); what depends on the day goes through ``StepScript``. The step's state depends
only on (data, day, event, naming, layers, tiles, fit) and is built once per combination.

folium renders the base map once per (map data, key, height): what ``st_folium`` would send is kept,
with a marker where the step's state goes, and each rerun calls streamlit-folium's component with
those arguments and this step's state. The arguments stay byte-identical except the state, so the
browser's iframe is never re-created, and a step does no folium or jinja work.

Those arguments depend only on (map data URL, key, height, code and package versions), so they are
also kept on disk (JSON, next to the dataset's pickle in the user's cache folder, with the same
owner and permission checks): a server start with a warm cache calls the component without
importing streamlit-folium, folium, branca or jinja2 (about 1.1 s of the first run).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from streamlit.components.v1.custom_component import CustomComponent
from streamlit.runtime import exists as runtime_exists
from streamlit.runtime import get_instance

from corridor.loader import default_cache_dir, read_private, write_private
from corridor.naming import Naming
from corridor.text import js_json
from corridor.timemodel import Timeline
from corridor.view import Tiles
from layers.contract import StepState
from layers.step import build_step_state
from ui import data, state

Fit = tuple[tuple[float, ...], ...] | None

STATE_MARK = "__corridor_step_state__"  # where the step's JSON goes in the cached feature_group
_CAPTURE_LOCK = threading.Lock()
COMPONENT_NAME = "streamlit_folium.st_folium"  # as streamlit-folium declares it: the same iframe
PACKAGES = ("streamlit-folium", "folium", "branca", "jinja2", "streamlit")  # they shape the arguments
CODE_DIRS = ("layers", "corridor")  # the base map's Python (layers.mapview and what it imports)


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


@functools.lru_cache(maxsize=16)
def component_args(data_url: str, key: str, height: int) -> dict[str, Any]:
    """What ``st_folium`` sends for the base map, with ``STATE_MARK`` for the state: from the disk
    cache when it holds them, else rendered once by folium (and stored)."""
    file = default_cache_dir() / f"map-args-{_args_key(data_url, key, height)}.json"
    args = _read_args(file)
    if args is None:
        rendered = _render_args(data_url, key, height)
        payload = json.dumps({k: v for k, v in rendered.items() if k != "on_change"}).encode("utf-8")
        write_private(file, payload)
        args = json.loads(payload)  # the same values (lists, not tuples) as a start that reads the file
    # Streamlit imports pandas to ask whether a list or dict argument is a data frame (~0.4 s of the
    # first run, and a warm-up that held the GIL while the browser booted cost ~0.7 s of the cold
    # start); tuples and None are sent as JSON without asking. ``default`` is the dict {} the map
    # returns (returned_objects=[]): streamlit-folium's frontend sends its value unless it equals
    # the default, so None alone would cost each page load a second run. corridor_map.js tells the
    # frontend its last value is {} instead (CorridorMap.init), and the map never sends one.
    frozen = {k: tuple(v) if isinstance(v, list) else v for k, v in args.items()}
    # streamlit-folium's own callback: the map's returned values under the caller's key
    return {**frozen, "default": None, "on_change": functools.partial(_keep_returned, key, str(args["key"]))}


def _keep_returned(key: str, hash_key: str) -> None:
    state.put(key, state.get(hash_key, {}))


def _read_args(file: Path) -> dict[str, Any] | None:
    payload = read_private(file)
    if payload is None:
        return None
    try:
        args = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(args, dict) or str(args.get("feature_group", "")).count(STATE_MARK) != 1:
        return None
    return args


@functools.lru_cache(maxsize=1)
def _code_key() -> str:
    """A hash of the base map's code and of the packages that shape what is sent."""
    digest = hashlib.sha256(sys.version.encode())
    for name in PACKAGES:
        try:
            digest.update(f"{name}={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{name}=?".encode())
    digest.update(data.code_digest(CODE_DIRS, Path(__file__).resolve()).encode())
    return digest.hexdigest()


def _args_key(data_url: str, key: str, height: int) -> str:
    return hashlib.sha256(f"{_code_key()}|{data_url}|{key}|{height}".encode()).hexdigest()[:32]


def _render_args(data_url: str, key: str, height: int) -> dict[str, Any]:
    """Render the base map with folium and capture what ``st_folium`` would send (about 1.1 s of
    imports the first time in a process)."""
    import streamlit_folium  # noqa: PLC0415 - only when the disk cache has no arguments

    from layers.mapview import StepScript, build_base_map, map_config  # noqa: PLC0415 - imports folium

    class Marked(StepScript):
        """A StepScript whose state is the marker, filled in per rerun."""

        def __init__(self) -> None:
            super().__init__({})  # type: ignore[typeddict-item]  # the state is replaced just below
            self.state_json = STATE_MARK

    captured: dict[str, Any] = {}

    def capture(**kwargs: Any) -> None:
        captured.update(kwargs)

    with _CAPTURE_LOCK:  # st_folium looks the component up in its module: borrow it for one call
        real = streamlit_folium._component_func
        streamlit_folium._component_func = capture
        try:
            streamlit_folium.st_folium(
                build_base_map(map_config(data_url)),
                key=key,
                height=height,
                use_container_width=True,
                feature_group_to_add=Marked(),
                returned_objects=[],
            )
        finally:
            streamlit_folium._component_func = real
    if str(captured.get("feature_group", "")).count(STATE_MARK) != 1:
        raise RuntimeError("streamlit-folium changed how it sends the feature group")
    return captured


@functools.lru_cache(maxsize=1)
def _own_component() -> CustomComponent:
    """streamlit-folium's component, declared as its module declares it, without importing it
    (its ``__init__`` imports folium, branca and pandas)."""
    spec = importlib.util.find_spec("streamlit_folium")
    if spec is None or spec.origin is None:
        raise RuntimeError("streamlit-folium is not installed")
    build_dir = os.path.join(os.path.dirname(os.path.abspath(spec.origin)), "frontend/build")
    return CustomComponent(name=COMPONENT_NAME, path=build_dir, url=None, module_name="streamlit_folium")


def _component() -> Callable[..., Any]:
    """The component to call: streamlit-folium's own once it is imported, else an equal one."""
    module = sys.modules.get("streamlit_folium")
    if module is not None:
        with _CAPTURE_LOCK:  # never the borrowed stand-in while another session renders its base map
            return module._component_func
    component = _own_component()
    if runtime_exists():  # serve its files (streamlit-folium's import registers an equal one)
        get_instance().component_registry.register_component(component)
    return component


def corridor_map(step: StepState, *, key: str, height: int) -> None:
    """Draw the base map (never reloaded) with this step's state applied."""
    args = component_args(data.active_map_data_url(), key, height)
    feature_group = args["feature_group"].replace(STATE_MARK, js_json(step))
    _component()(**{**args, "feature_group": feature_group})
