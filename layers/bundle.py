"""The map's data bundle: every layer as one JSON file, served by the app's own server.

Writing the data to static/generated/ once (named by its content hash) keeps it out of the
Streamlit messages: the base map only carries the file's URL, so each step sends a few hundred
bytes however many events there are.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from corridor.atomic import write_atomic
from corridor.records import Dataset
from layers.assets import STATIC_DIR, STATIC_URL
from layers.catalogue import build_all_layers

GENERATED_DIR = STATIC_DIR / "generated"


def bundle_bytes(ds: Dataset) -> bytes:
    """The serialised layers of a dataset (deterministic for the same data)."""
    layers: dict[str, Any] = build_all_layers(ds)
    return json.dumps(layers, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def write_bundle(payload: bytes, directory: Path = GENERATED_DIR) -> str:
    """Write the payload atomically as map-<hash>.json (once) and return its URL."""
    digest = hashlib.sha256(payload).hexdigest()[:16]
    name = f"map-{digest}.json"
    target = directory / name
    if not _holds(target, payload):
        directory.mkdir(parents=True, exist_ok=True)
        write_atomic(target, payload, prefix=".map-")
    return f"{STATIC_URL}/generated/{name}"


def _holds(target: Path, payload: bytes) -> bool:
    """True when ``target`` exists with exactly ``payload`` (a truncated file is written again)."""
    try:
        return target.stat().st_size == len(payload) and target.read_bytes() == payload
    except OSError:
        return False
