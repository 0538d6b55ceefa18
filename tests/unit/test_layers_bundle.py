"""layers.bundle: every layer as one compact JSON document, the same bytes for the same data."""

from __future__ import annotations

import json

from corridor.records import Dataset
from layers.bundle import bundle_bytes
from layers.catalogue import build_all_layers


def test_the_bundle_is_every_layer_as_compact_deterministic_json(dataset: Dataset) -> None:
    data = bundle_bytes(dataset)
    assert json.loads(data) == json.loads(json.dumps(build_all_layers(dataset)))
    assert data == json.dumps(json.loads(data), ensure_ascii=False, separators=(",", ":")).encode()  # compact
    assert bundle_bytes(dataset) == data
