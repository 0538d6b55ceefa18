"""publish.static: Leaflet and its cluster plugin copied into static/vendor/, the map data written once by its hash."""

from __future__ import annotations

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
