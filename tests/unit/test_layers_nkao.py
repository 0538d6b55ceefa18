"""layers.nkao: the former NKAO boundary, drawn and described as derived."""

from __future__ import annotations

from corridor.timemodel import Timeline
from layers.nkao import build_nkao_layer


def test_nkao_layer_is_marked_derived(timeline: Timeline) -> None:
    (nkao,) = build_nkao_layer(timeline.dataset)["features"]
    assert "cm-derived" in nkao["properties"]["cls"] and "Derived" in nkao["properties"]["popup"]
