"""Many events cluster on the map: the plugin is served locally and the legend explains clusters."""

from __future__ import annotations

from pathlib import Path

import pytest

from layers import assets
from layers.mapview import map_config
from layers.style import EVENT, legend_entries
from present.annotation import legend_html
from publish import static


def test_the_cluster_plugin_loads_locally_between_leaflet_and_the_map_script() -> None:
    names = [name for name, _ in assets.map_js_links()]
    assert names.index("leaflet") < names.index("markercluster") < names.index("corridor_map")
    urls = [url for _, url in assets.map_js_links() + assets.map_css_links()]
    assert assets.MARKERCLUSTER_JS in urls and assets.MARKERCLUSTER_CSS in urls
    assert all(url.startswith("/app/static/vendor/") or url.startswith("/app/static/app/") for url in urls)


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


def test_the_map_config_says_when_to_cluster() -> None:
    event = map_config("/x.json")["style"]["event"]
    assert event["cluster_above"] == 200
    assert 10 < event["cluster_until_zoom"] <= 18  # clustered at the home view (zoom 10-11), not in streets


def test_the_legend_has_a_cluster_entry() -> None:
    rows = [row for row in legend_entries() if row["kind"] == "cluster"]
    assert len(rows) == 1
    assert rows[0]["color"] == EVENT["color"]
    assert "number of events up to the day shown" in rows[0]["label"]
    assert "more than 200 events" in rows[0]["label"]
    assert "cm-lg-cluster" in legend_html()
