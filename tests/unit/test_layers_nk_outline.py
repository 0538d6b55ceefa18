"""layers.nk_outline: the NK de facto area, its popup neutral and stating the caveats."""

from __future__ import annotations

from corridor.timemodel import Timeline
from layers.nk_outline import TIP_FORMER, build_nk_layer


def test_nk_layer_popup_is_neutral_and_states_the_caveats(timeline: Timeline) -> None:
    (feature,) = build_nk_layer(timeline.dataset)["features"]
    popup = feature["properties"]["popup"]
    for words in (
        "De facto control, not sovereignty",
        "internationally part of Azerbaijan",
        "Republic of Artsakh by the Armenian side",
        "30 Aug 2022",
        "Hakari bridge may fall outside it",
        "former",
        "Public domain",
    ):
        assert words in popup
    assert feature["properties"]["tip"]["former"] == TIP_FORMER
    assert "cm-nk" in feature["properties"]["cls"]
