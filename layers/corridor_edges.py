"""The two edges of the 2020 corridor strip (Natural Earth), shown while the old road was in use."""

from __future__ import annotations

from typing import Any

from corridor.records import Dataset
from layers.region_features import region_collection


def build_edges_layer(ds: Dataset) -> dict[str, Any]:
    """Dated lines; the per-day state hides them after 30 Aug 2022."""
    return region_collection(ds, "edges", "cm-corridor-edge")
