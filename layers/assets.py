"""Local copies of Leaflet and plugin assets, taken from the xstatic packages on PyPI.

Streamlit serves ./static at /app/static when ``server.enableStaticServing`` is on
(.streamlit/config.toml). Third-party files (Leaflet; Leaflet.markercluster, which clusters many
events at low zoom) are copied into static/vendor/ on first use
(and by scripts/install_assets.py) rather than committed.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
STATIC_URL = "/app/static"
VENDOR_DIR = STATIC_DIR / "vendor"

LEAFLET_JS = f"{STATIC_URL}/vendor/leaflet/leaflet.js"
LEAFLET_CSS = f"{STATIC_URL}/vendor/leaflet/leaflet.css"
MARKERCLUSTER_JS = f"{STATIC_URL}/vendor/leaflet-markercluster/leaflet.markercluster.js"
MARKERCLUSTER_CSS = f"{STATIC_URL}/vendor/leaflet-markercluster/MarkerCluster.css"
APP_JS = f"{STATIC_URL}/app/corridor_map.js"
APP_CSS = f"{STATIC_URL}/app/corridor_map.css"


def _leaflet_dir() -> Path:
    import xstatic.pkg.leaflet as pkg  # noqa: PLC0415 - only needed when copying

    return Path(pkg.BASE_DIR)


def _markercluster_dir() -> Path:
    import xstatic.pkg.leaflet_markercluster as pkg  # noqa: PLC0415 - only needed when copying

    return Path(pkg.BASE_DIR)


def ensure_vendor_assets() -> Path:
    """Copy Leaflet and Leaflet.markercluster into static/vendor/ once; return Leaflet's folder."""
    _copy_once(_markercluster_dir, "leaflet-markercluster", "leaflet.markercluster.js")
    return _copy_once(_leaflet_dir, "leaflet", "leaflet.js")


def _copy_once(source_dir: Callable[[], Path], name: str, sentinel: str) -> Path:
    target = VENDOR_DIR / name
    marker = target / sentinel
    if marker.exists():
        return target
    source = source_dir()
    VENDOR_DIR.mkdir(parents=True, exist_ok=True)
    # A private temp folder per process: several replicas may start at once on a shared static/.
    tmp = Path(tempfile.mkdtemp(dir=VENDOR_DIR, prefix=f".{name}-"))
    try:
        staged = tmp / name
        shutil.copytree(source, staged, ignore=shutil.ignore_patterns("*.py", "__pycache__", "*.map"))
        try:
            staged.rename(target)
        except OSError:  # another process finished first
            if not marker.exists():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def map_js_links() -> list[tuple[str, str]]:
    """(name, url) pairs for every script the map needs, all on the app's own server."""
    return [("leaflet", LEAFLET_JS), ("markercluster", MARKERCLUSTER_JS), ("corridor_map", APP_JS)]


def map_css_links() -> list[tuple[str, str]]:
    """(name, url) pairs for every stylesheet the map needs, all on the app's own server."""
    return [("leaflet_css", LEAFLET_CSS), ("markercluster_css", MARKERCLUSTER_CSS), ("corridor_map_css", APP_CSS)]
