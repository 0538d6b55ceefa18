"""layers.corridor_edges: the two edges of the 2020 corridor strip."""

from __future__ import annotations

from corridor.timemodel import Timeline
from layers.corridor_edges import build_edges_layer


def test_edges_layer_has_both_edges_of_the_2020_strip(timeline: Timeline) -> None:
    assert len(build_edges_layer(timeline.dataset)["features"]) == 2
