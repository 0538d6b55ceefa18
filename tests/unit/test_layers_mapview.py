"""layers.mapview: the exported page's folium map opens as the live page's map does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from layers.assets import map_css_links, map_js_links
from layers.mapconfig import map_config, map_view
from layers.mapview import build_base_map

MAP_JS = Path(__file__).resolve().parents[2] / "static" / "app" / "corridor_map.js"


@pytest.fixture(scope="module")
def page() -> str:
    return str(build_base_map(map_config("/x.json")).get_root().render())


def test_the_folium_map_opens_on_the_live_pages_view() -> None:
    view = map_view()
    fmap = build_base_map(map_config("/x.json"))
    assert list(fmap.location) == view["center"]
    assert fmap.options["zoom"] == view["zoom"]
    assert fmap.options["max_bounds"] == view["maxBounds"]


def test_the_exported_map_gets_the_live_pages_zoom_range(page: str) -> None:
    """folium leaves min_zoom/max_zoom to tile layers (there are none): corridor_map.js sets them."""
    view = map_view()
    assert "minZoom" not in page and "maxZoom" not in page  # else the check below tests nothing
    found = re.search(r"var MIN_ZOOM = (\d+), MAX_ZOOM = (\d+);", MAP_JS.read_text(encoding="utf-8"))
    assert found is not None
    assert (int(found.group(1)), int(found.group(2))) == (view["minZoom"], view["maxZoom"])


def test_the_folium_map_initialises_the_corridor_map_with_local_assets(page: str) -> None:
    assert page.count("CorridorMap.init(") == 1
    assert '"dataUrl":"/x.json"' in page
    for _name, url in map_js_links() + map_css_links():
        assert url in page
