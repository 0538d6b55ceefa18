"""layers.mapview: the map's configuration carries every layer's style."""

from __future__ import annotations

from layers.mapconfig import map_config


def test_map_config_carries_region_styles() -> None:
    style = map_config("/x.json")["style"]
    assert {"nkArea", "nkFormer", "edges", "nkao", "river"} <= set(style)
