"""layers.rivers: the basemap's rivers, each with one label point."""

from __future__ import annotations

from corridor.timemodel import Timeline
from layers.rivers import build_rivers_layer


def test_rivers_layer_labels_each_river_once(timeline: Timeline) -> None:
    rivers = build_rivers_layer(timeline.dataset)
    names = [lab["name"] for lab in rivers["labels"]]
    assert set(names) == {"Aras", "Kura", "Vorotan", "Terter", "Karasu"}
    assert all(len(lab["lonlat"]) == 2 for lab in rivers["labels"])
