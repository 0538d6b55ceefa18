"""Files served by the app's own server: the map's data bundle and local copies of Leaflet.

Streamlit serves ./static at /app/static when ``server.enableStaticServing`` is on
(.streamlit/config.toml). Third-party files are copied into static/vendor/ from the xstatic
packages on PyPI on first use (and by scripts/install_assets.py) rather than committed. The map's
layers are written to static/generated/ once, named by their content hash (layers.bundle builds
the bytes): the base map only carries the file's URL, so each step sends a few hundred bytes
however many events there are.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from corridor.atomic import write_atomic
from layers.assets import STATIC_URL

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
GENERATED_DIR = STATIC_DIR / "generated"


def leaflet_dir() -> Path:
    """The folder of Leaflet's files inside the installed xstatic-leaflet package."""
    import xstatic.pkg.leaflet as pkg  # noqa: PLC0415 - only needed when copying

    return Path(pkg.BASE_DIR)


def markercluster_dir() -> Path:
    """The folder of Leaflet.markercluster's files inside the installed xstatic package."""
    import xstatic.pkg.leaflet_markercluster as pkg  # noqa: PLC0415 - only needed when copying

    return Path(pkg.BASE_DIR)


def ensure_vendor_assets() -> Path:
    """Copy Leaflet and Leaflet.markercluster into static/vendor/ once; return Leaflet's folder."""
    _copy_once(markercluster_dir, "leaflet-markercluster", "leaflet.markercluster.js")
    return _copy_once(leaflet_dir, "leaflet", "leaflet.js")


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


def write_bundle(payload: bytes, directory: Path = GENERATED_DIR) -> str:
    """Write the payload atomically as map-<hash>.json (once) and return its URL."""
    digest = hashlib.sha256(payload).hexdigest()[:16]
    name = f"map-{digest}.json"
    target = directory / name
    if not _holds(target, payload):
        directory.mkdir(parents=True, exist_ok=True)
        write_atomic(target, payload, prefix=".map-")
    return f"{STATIC_URL}/generated/{name}"


def _holds(target: Path, payload: bytes) -> bool:
    """True when ``target`` exists with exactly ``payload`` (a truncated file is written again)."""
    try:
        return target.stat().st_size == len(payload) and target.read_bytes() == payload
    except OSError:
        return False
