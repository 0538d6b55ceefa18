"""layers.assets: the map's scripts and styles, all served by the app, in load order."""

from __future__ import annotations

from layers import assets


def test_the_cluster_plugin_loads_locally_between_leaflet_and_the_map_script() -> None:
    names = [name for name, _ in assets.map_js_links()]
    assert names.index("leaflet") < names.index("markercluster") < names.index("corridor_map")
    urls = [url for _, url in assets.map_js_links() + assets.map_css_links()]
    assert assets.MARKERCLUSTER_JS in urls and assets.MARKERCLUSTER_CSS in urls
    assert all(url.startswith("/app/static/vendor/") or url.startswith("/app/static/app/") for url in urls)
