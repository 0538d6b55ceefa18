"""Benchmark comparison: a deliberately naive map that rebuilds everything on every step.

Every rerun builds a new folium map with one CircleMarker (and tooltip) per event that has happened
by the selected day, plus the route in use, and hands the whole map to st_folium. (Tooltips, not
popups: folium's Popup needs jQuery, which only comes from a CDN.) The map's
script changes with the day, so streamlit-folium reloads its iframe on every step (see
../shared/TESTING.md). Leaflet comes from the app's own /app/static/vendor/ (offline).

Streamlit serves the ``static`` folder next to the *main script*, so this app needs
benchmarks/static -> ../static; benchmarks/bench_map.py creates that link (gitignored).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import folium
import streamlit as st
from branca.element import MacroElement
from jinja2 import Template
from streamlit_folium import st_folium

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.app_data import date_slider, timeline

LEAFLET_JS = "/app/static/vendor/leaflet/leaflet.js"
LEAFLET_CSS = "/app/static/vendor/leaflet/leaflet.css"


class DayStamp(MacroElement):
    """Sets data-day on the map container, as CorridorMap.apply does, so the benchmark can see it."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.getContainer().setAttribute("data-day", {{ this.day_json }});
        {% endmacro %}"""
    )

    def __init__(self, day: dt.date) -> None:
        super().__init__()
        self.day_json = f'"{day.isoformat()}"'


def naive_map(day: dt.date) -> folium.Map:
    """The whole map for ``day``, built from scratch."""
    state = timeline().state_at(day)
    fmap = folium.Map(location=(39.66, 46.58), zoom_start=10, tiles=None)
    fmap.default_js = [("leaflet", LEAFLET_JS)]
    fmap.default_css = [("leaflet_css", LEAFLET_CSS)]
    if state.route_in_use is not None:
        line = [(lat, lon) for lon, lat in state.route_in_use.coordinates]
        folium.PolyLine(line, color="#d55e00", weight=5, class_name="cm-route").add_to(fmap)
    for event in state.events_so_far:
        if event.lonlat is None:
            continue
        lon, lat = event.lonlat
        folium.CircleMarker(
            (lat, lon), radius=4, color="#ffffff", weight=1, fill=True, fill_color="#0072b2", tooltip=event.title
        ).add_to(fmap)
    DayStamp(day).add_to(fmap)
    return fmap


st.set_page_config(page_title="Benchmark: naive map", layout="wide")
day = date_slider()
st_folium(naive_map(day), key="naive_map", height=640, use_container_width=True, returned_objects=[])
