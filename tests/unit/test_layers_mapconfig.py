"""layers.mapconfig: the map's configuration and first view, without folium."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from layers.contract import MapConfig, MapView
from layers.mapconfig import (
    CENTER,
    HOME_BOUNDS,
    MAX_ZOOM,
    MIN_ZOOM,
    REGION_BOUNDS,
    START_ZOOM,
    map_config,
    map_view,
)

ROOT = Path(__file__).resolve().parents[2]


def inside(point: tuple[float, float] | list[float], box: tuple[tuple[float, float], ...]) -> bool:
    (south, west), (north, east) = box
    return south <= point[0] <= north and west <= point[1] <= east


def test_map_config_carries_region_styles() -> None:
    style = map_config("/x.json")["style"]
    assert {"nkArea", "nkFormer", "edges", "nkao", "river"} <= set(style)


def test_map_config_writes_what_it_declares_and_is_plain_json() -> None:
    config = map_config("/x.json")
    assert set(config) == set(MapConfig.__required_keys__)
    assert config["dataUrl"] == "/x.json" and config["data"] is None
    assert json.loads(json.dumps(config)) == config  # sent as JSON by the live page: lists, not tuples


def test_map_view_opens_on_the_corridor_inside_the_region() -> None:
    view = map_view()
    assert set(view) == set(MapView.__required_keys__)
    assert view == {
        "center": list(CENTER),
        "zoom": START_ZOOM,
        "minZoom": MIN_ZOOM,
        "maxZoom": MAX_ZOOM,
        "maxBounds": [list(c) for c in REGION_BOUNDS],
    }
    assert MIN_ZOOM <= START_ZOOM <= MAX_ZOOM
    assert inside(CENTER, HOME_BOUNDS)
    assert all(inside(corner, REGION_BOUNDS) for corner in HOME_BOUNDS)
    assert json.loads(json.dumps(view)) == view


def test_the_module_imports_no_folium() -> None:
    """The live page builds its map's configuration from here (ui/mapwidget.py) without folium."""
    code = "import sys, layers.mapconfig; print(sorted(m for m in ('folium', 'branca', 'jinja2') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
