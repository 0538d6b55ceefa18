"""The former NKAO boundary (1923-1991), derived: a historical reference layer, off by default."""

from __future__ import annotations

from typing import Any

from corridor.records import Dataset
from layers.region_features import region_collection


def build_nkao_layer(ds: Dataset) -> dict[str, Any]:
    """The derived NKAO outline with its derivation in the popup."""
    return region_collection(ds, "nkao", "cm-nkao cm-derived")
