"""The map page's display controls in the sidebar: place names, layer toggles and background.

Their values live under keys that ui/state.py reads from and writes to the URL.
"""

from __future__ import annotations

import functools

import streamlit as st

from corridor.naming import NAMING_LABELS, NAMINGS
from corridor.timemodel import Timeline
from corridor.view import TILES
from layers.catalogue import LAYERS
from layers.events import clustered
from present.annotation import legend_html
from ui import data, keys


def display_controls() -> None:
    """Naming, layer toggles and tiles in the sidebar (their values: ``ui.state.display_choices``)."""
    sb = st.sidebar
    sb.markdown("### Names")
    sb.radio(
        "Place names",
        NAMINGS,
        key=keys.NAMING,
        format_func=NAMING_LABELS.__getitem__,
        label_visibility="collapsed",
        persist_state="session",
    )
    sb.markdown("### Layers")
    for spec in LAYERS:
        if spec.toggle:
            sb.checkbox(spec.title, key=keys.LAYER_PREFIX + spec.key, persist_state="session")
    sb.radio(
        "Background",
        TILES,
        key=keys.TILES,
        format_func={
            "bundled": "Bundled basemap (offline)",
            "osm": "OpenStreetMap tiles (online)",
            "satellite": "Satellite imagery (online)",
        }.__getitem__,
        help="Online backgrounds need internet; the bundled basemap works anywhere.",
        persist_state="session",
    )


@functools.lru_cache(maxsize=16)
def _legend(data_key: tuple[object, ...], tl: Timeline) -> str:
    return legend_html(clustered=clustered(tl.dataset))


def map_legend(tl: Timeline) -> str:
    """The legend strip under the map (once per data: whether it clusters counts every event)."""
    return _legend(data.active_key(), tl)
