"""The map's data bundle: every layer as one JSON document (publish.static writes it to a file)."""

from __future__ import annotations

import json
from typing import Any

from corridor.records import Dataset
from layers.catalogue import build_all_layers


def bundle_bytes(ds: Dataset) -> bytes:
    """The serialised layers of a dataset (deterministic for the same data)."""
    layers: dict[str, Any] = build_all_layers(ds)
    return json.dumps(layers, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
