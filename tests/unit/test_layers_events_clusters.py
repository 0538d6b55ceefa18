"""Many events cluster on the map: the map config says when, and the legend explains clusters."""

from __future__ import annotations

from dataclasses import replace

from corridor.loader import load_dataset
from layers.events import clustered
from layers.mapconfig import map_config
from layers.style import EVENT, legend_entries
from present.annotation import legend_html


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


def test_the_cluster_symbol_is_listed_only_when_the_map_clusters() -> None:
    ds = load_dataset()
    located = [e for e in ds.events if e.lonlat is not None]
    assert not clustered(ds)  # the bundled data: under 200 located events
    many = tuple(replace(located[0], id=f"copy-{i}") for i in range(EVENT["cluster_above"] + 1 - len(located)))
    assert not clustered(replace(ds, events=(*ds.events, *many[:-1])))  # exactly cluster_above
    assert clustered(replace(ds, events=(*ds.events, *many)))
    assert "cm-lg-cluster" not in legend_html(clustered=False)
    assert legend_html(clustered=False).count("cm-lg-item") == legend_html().count("cm-lg-item") - 1
