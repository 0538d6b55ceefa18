"""The area held by the Nagorno-Karabakh (Artsakh) authorities after Nov 2020: de facto control, dated.

The browser draws it "current" on its days and as a faint dashed "former" outline after them,
from the per-day state (layers/step.py), so stepping the date never reloads the map.
"""

from __future__ import annotations

from typing import Any

from corridor.records import Dataset
from corridor.text import escape
from layers.region_features import region_collection

TIP_CURRENT = "Area held by the Nagorno-Karabakh (Artsakh) authorities (de facto control, not sovereignty)"
TIP_FORMER = "Former: area held by the Nagorno-Karabakh (Artsakh) authorities until 20 Sep 2023"


def build_nk_layer(ds: Dataset) -> dict[str, Any]:
    """One polygon per dated de facto area; its popup says what it is and where the data disagree."""
    return region_collection(
        ds, "nk_2020", "cm-nk cm-nk-2020", tip={"current": escape(TIP_CURRENT), "former": escape(TIP_FORMER)}
    )
