"""The folium map of the exported briefing page (export/html.py): Leaflet with CorridorMap.init.

The live page draws the same map without folium (ui/mapwidget.py, static/app/map_component.js),
from the same configuration and view (layers/mapconfig.py).
"""

from __future__ import annotations

import folium
from branca.element import MacroElement
from jinja2 import Template

from corridor.text import js_json
from layers.assets import map_css_links, map_js_links
from layers.contract import MapConfig
from layers.mapconfig import CENTER, MAX_ZOOM, MIN_ZOOM, REGION_BOUNDS, START_ZOOM


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


def build_base_map(config: MapConfig) -> folium.Map:
    """A folium map with local assets only, no tiles, and the corridor layers from ``config``."""
    fmap = folium.Map(
        location=CENTER,
        zoom_start=START_ZOOM,
        tiles=None,
        control_scale=True,
        min_zoom=MIN_ZOOM,
        max_zoom=MAX_ZOOM,
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
