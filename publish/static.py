"""Files served by the app's own server: the map's data bundle and local copies of Leaflet.

Streamlit serves ./static at /app/static when ``server.enableStaticServing`` is on
(.streamlit/config.toml). Third-party files are copied into static/vendor/ from the xstatic
packages on PyPI on first use (and by scripts/install_assets.py) rather than committed. The map's
layers are written to static/generated/ once, named by their content hash (layers.bundle builds
the bytes): the base map only carries the file's URL, so each step sends a few hundred bytes
however many events there are. Each set of imported events makes a new bundle; the server prunes
the ones no start or import has used for a month (``prune_bundles``), so the folder does not grow
without end.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from corridor.atomic import write_atomic
from layers.assets import STATIC_URL

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
GENERATED_DIR = STATIC_DIR / "generated"
BUNDLE_GLOB = "map-*.json"
STALE_BUNDLE_S = 30 * 24 * 3600  # a bundle no start or import used for this long is pruned
KEEP_BUNDLES = 8  # the most recently used bundles are kept whatever their age
STALE_TEMP_S = 3600  # a temp file this old is what an interrupted write left behind


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


def write_bundle(payload: bytes, directory: Path | None = None) -> str:
    """Write the payload atomically as map-<hash>.json (once) into ``directory`` (default
    static/generated/) and return its URL."""
    directory = GENERATED_DIR if directory is None else directory
    digest = hashlib.sha256(payload).hexdigest()[:16]
    name = f"map-{digest}.json"
    target = directory / name
    if _holds(target, payload):
        mark_used(target)
    else:
        directory.mkdir(parents=True, exist_ok=True)
        write_atomic(target, payload, prefix=".map-")
    return f"{STATIC_URL}/generated/{name}"


def mark_used(bundle: Path) -> None:
    """Note that a bundle was served again (its modification time: what ``prune_bundles`` reads)."""
    with contextlib.suppress(OSError):  # a read-only static/: nothing is pruned there either
        os.utime(bundle)


def prune_bundles(
    directory: Path | None = None, *, keep: frozenset[str] = frozenset(), now: float | None = None
) -> list[Path]:
    """Delete the bundles no server start or import used for ``STALE_BUNDLE_S``, except the
    ``KEEP_BUNDLES`` most recently used and the ones named in ``keep``; and temp files an
    interrupted write left. Return what was deleted. A bundle is derived data: the app writes it
    again from the data when it is needed."""
    directory = GENERATED_DIR if directory is None else directory
    now = time.time() if now is None else now
    bundles = sorted(_aged(directory.glob(BUNDLE_GLOB)), key=lambda item: item[1], reverse=True)
    stale = [path for path, used in bundles[KEEP_BUNDLES:] if now - used > STALE_BUNDLE_S and path.name not in keep]
    stale += [path for path, made in _aged(directory.glob(".map-*.tmp")) if now - made > STALE_TEMP_S]
    deleted = []
    for path in stale:
        try:
            path.unlink()
        except OSError:
            continue
        deleted.append(path)
    return deleted


def _aged(paths: Iterable[Path]) -> list[tuple[Path, float]]:
    """(path, modification time) of the paths that still exist."""
    aged = []
    for path in paths:
        try:
            aged.append((path, path.stat().st_mtime))
        except OSError:
            continue
    return aged


def _holds(target: Path, payload: bytes) -> bool:
    """True when ``target`` exists with exactly ``payload`` (a truncated file is written again)."""
    try:
        return target.stat().st_size == len(payload) and target.read_bytes() == payload
    except OSError:
        return False
