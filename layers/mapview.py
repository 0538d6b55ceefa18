"""The folium map: a base map that never changes between steps, and a tiny per-step script.

streamlit-folium keys its iframe on a hash of the base map's JavaScript, so the base map must be
identical across reruns (otherwise the iframe reloads and blanks on each step; see
../shared/TESTING.md and https://github.com/randyzwitch/streamlit-folium/issues/ on
``feature_group_to_add``). Everything that depends on the date goes through ``StepScript``,
which streamlit-folium evaluates in the existing iframe.
"""

from __future__ import annotations

from typing import Any

import folium
from branca.element import MacroElement
from jinja2 import Template

from corridor.catalogue import MAP_CREDIT
from corridor.text import escape, js_json
from layers.assets import map_css_links, map_js_links
from layers.contract import LegendRow, MapConfig, StepState
from layers.style import (
    BAND,
    BORDER,
    CHECKPOINT,
    CORRIDOR_EDGES,
    EVENT,
    GRATICULE,
    LAND,
    LAND_FOCUS,
    NK_AREA,
    NK_FORMER,
    NKAO,
    PLACE,
    RIVER,
    SCHEMATIC_DASH,
    WATER,
    legend_entries,
)

CENTER = (39.66, 46.58)
START_ZOOM = 10
HOME_BOUNDS = ((39.47, 46.30), (39.91, 46.90))
REGION_BOUNDS = ((38.3, 44.0), (41.5, 50.5))


def map_config(data_url: str | None, data: dict[str, Any] | None = None) -> MapConfig:
    """Everything the browser needs to draw the map, except per-date state."""
    return {
        "dataUrl": data_url,
        "data": data,
        "home": [list(c) for c in HOME_BOUNDS],
        "attribution": escape(MAP_CREDIT),
        "legend": [_escaped_row(row) for row in legend_entries()],
        "style": {
            "water": WATER,
            "land": LAND,
            "landFocus": LAND_FOCUS,
            "border": BORDER,
            "graticule": GRATICULE,
            "band": BAND,
            "checkpoint": CHECKPOINT,
            "place": PLACE,
            "event": EVENT,
            "schematicDash": SCHEMATIC_DASH,
            "nkArea": NK_AREA,
            "nkFormer": NK_FORMER,
            "edges": CORRIDOR_EDGES,
            "nkao": NKAO,
            "river": RIVER,
        },
    }


def _escaped_row(row: dict[str, str]) -> LegendRow:
    escaped: Any = {k: escape(v) for k, v in row.items()}
    return escaped  # the keys of legend_entries() rows are LegendRow's


class CorridorInit(MacroElement):
    """Calls CorridorMap.init(map, config) once the base map exists."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        CorridorMap.init({{ this._parent.get_name() }}, {{ this.config_json }});
        {% endmacro %}"""
    )

    def __init__(self, config: MapConfig) -> None:
        super().__init__()
        self._name = "CorridorInit"
        self.config_json = js_json(config)


class StepScript(folium.FeatureGroup):
    """The per-step update: an empty layer group plus one call with the date's state."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.featureGroup();
        CorridorMap.apply({{ this.state_json }});
        {% endmacro %}"""
    )

    def __init__(self, state: StepState) -> None:
        super().__init__(name="step", control=False)
        self.state_json = js_json(state)


def build_base_map(config: MapConfig) -> folium.Map:
    """A folium map with local assets only, no tiles, and the corridor layers from ``config``."""
    fmap = folium.Map(
        location=CENTER,
        zoom_start=START_ZOOM,
        tiles=None,
        control_scale=True,
        min_zoom=6,
        max_zoom=16,
        max_bounds=True,
        min_lat=REGION_BOUNDS[0][0],
        min_lon=REGION_BOUNDS[0][1],
        max_lat=REGION_BOUNDS[1][0],
        max_lon=REGION_BOUNDS[1][1],
    )
    fmap.default_js = map_js_links()
    fmap.default_css = map_css_links()
    CorridorInit(config).add_to(fmap)
    return fmap
