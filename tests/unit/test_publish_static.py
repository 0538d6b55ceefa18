"""publish.static: Leaflet and its cluster plugin copied into static/vendor/, the map data written once by its hash."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from layers import assets
from publish import static


def test_vendor_assets_include_the_cluster_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(static, "VENDOR_DIR", tmp_path / "vendor")
    static.ensure_vendor_assets()
    for url in (assets.MARKERCLUSTER_JS, assets.MARKERCLUSTER_CSS, assets.LEAFLET_JS):
        relative = url.removeprefix(f"{assets.STATIC_URL}/vendor/")
        assert (tmp_path / "vendor" / relative).is_file(), relative
    assert (
        "markerClusterGroup" in (tmp_path / "vendor" / "leaflet-markercluster" / "leaflet.markercluster.js").read_text()
    )
    assert not list((tmp_path / "vendor").glob(".*")), "no staging folder is left behind"


def test_the_bundle_is_written_once_under_its_hash_and_again_when_truncated(tmp_path: Path) -> None:
    url = static.write_bundle(b'{"layers": 1}', tmp_path)
    (path,) = tmp_path.iterdir()
    assert url == f"{static.STATIC_URL}/generated/{path.name}" and path.name.startswith("map-")
    assert static.write_bundle(b'{"layers": 1}', tmp_path) == url
    assert static.write_bundle(b'{"layers": 2}', tmp_path) != url
    path.write_bytes(b'{"lay')  # a write cut short
    static.write_bundle(b'{"layers": 1}', tmp_path)
    assert path.read_bytes() == b'{"layers": 1}'


def _bundle(directory: Path, n: int, *, used: float) -> Path:
    """A bundle file last used at ``used`` (seconds since the epoch)."""
    url = static.write_bundle(b'{"layers": %d}' % n, directory)
    path = directory / url.rsplit("/", 1)[-1]
    os.utime(path, (used, used))
    return path


def test_prune_deletes_only_bundles_unused_for_a_month_beyond_the_most_recent(tmp_path: Path) -> None:
    now = 1_800_000_000.0
    month = static.STALE_BUNDLE_S
    recent = [_bundle(tmp_path, n, used=now - month - 100 + n) for n in range(static.KEEP_BUNDLES)]
    old = [_bundle(tmp_path, 100 + n, used=now - month - 1000 - n) for n in range(3)]
    kept_by_name = _bundle(tmp_path, 200, used=now - 10 * month)
    fresh = _bundle(tmp_path, 300, used=now - 60)
    (tmp_path / ".map-interrupted.tmp").write_bytes(b"{")
    os.utime(tmp_path / ".map-interrupted.tmp", (now - 2 * static.STALE_TEMP_S,) * 2)
    (tmp_path / ".map-writing.tmp").write_bytes(b"{")  # a write in progress: young
    os.utime(tmp_path / ".map-writing.tmp", (now - 5,) * 2)
    (tmp_path / "notes.txt").write_text("not a bundle")
    os.utime(tmp_path / "notes.txt", (now - 10 * month,) * 2)

    deleted = static.prune_bundles(tmp_path, keep=frozenset({kept_by_name.name}), now=now)

    # fresh + the 7 most recent old-but-kept: KEEP_BUNDLES counts the fresh one too
    assert set(deleted) == {*old, recent[0], tmp_path / ".map-interrupted.tmp"}
    assert all(p.exists() for p in (*recent[1:], kept_by_name, fresh, tmp_path / ".map-writing.tmp"))
    assert (tmp_path / "notes.txt").exists()


def test_a_bundle_written_again_is_marked_used_and_survives_the_prune(tmp_path: Path) -> None:
    now = time.time()
    stale = [_bundle(tmp_path, n, used=now - 2 * static.STALE_BUNDLE_S + n) for n in range(static.KEEP_BUNDLES + 2)]
    static.write_bundle(b'{"layers": 0}', tmp_path)  # the app needed bundle 0, the oldest, again
    deleted = static.prune_bundles(tmp_path)
    assert stale[0].exists() and stale[0] not in deleted
    assert len(deleted) == 2


def test_prune_of_a_missing_folder_deletes_nothing(tmp_path: Path) -> None:
    assert static.prune_bundles(tmp_path / "absent") == []
