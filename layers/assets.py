"""Where the map's scripts and stylesheets are served: all on the app's own server (/app/static).

The files themselves are put there by publish.static (Leaflet; Leaflet.markercluster, which
clusters many events at low zoom).
"""

from __future__ import annotations

STATIC_URL = "/app/static"

LEAFLET_JS = f"{STATIC_URL}/vendor/leaflet/leaflet.js"
LEAFLET_CSS = f"{STATIC_URL}/vendor/leaflet/leaflet.css"
MARKERCLUSTER_JS = f"{STATIC_URL}/vendor/leaflet-markercluster/leaflet.markercluster.js"
MARKERCLUSTER_CSS = f"{STATIC_URL}/vendor/leaflet-markercluster/MarkerCluster.css"
APP_JS = f"{STATIC_URL}/app/corridor_map.js"
APP_CSS = f"{STATIC_URL}/app/corridor_map.css"


def map_js_links() -> list[tuple[str, str]]:
    """(name, url) pairs for every script the map needs, all on the app's own server."""
    return [("leaflet", LEAFLET_JS), ("markercluster", MARKERCLUSTER_JS), ("corridor_map", APP_JS)]


def map_css_links() -> list[tuple[str, str]]:
    """(name, url) pairs for every stylesheet the map needs, all on the app's own server."""
    return [("leaflet_css", LEAFLET_CSS), ("markercluster_css", MARKERCLUSTER_CSS), ("corridor_map_css", APP_CSS)]
