"""Named datasets of imported events, saved in a local folder (userdata/datasets/, not in git).

A dataset is one JSON file in the events.json layout. Names are reduced to a safe file stem (no
path separators, no dots at the start), files are written atomically (temporary file in the same
folder, fsync, os.replace), and every event is validated again with parse_event when it is loaded,
because a file on disk may have been edited since it was saved.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

from corridor.atomic import write_atomic
from corridor.errors import DataError
from corridor.export_table import event_record
from corridor.imports import ID_PREFIX
from corridor.loader import parse_all, read_json
from corridor.parse import parse_event
from corridor.records import Event, Place

USERDATA_ENV = "CORRIDOR_USERDATA"
DEFAULT_DIR = Path(__file__).resolve().parent.parent / "userdata" / "datasets"
SUFFIX = ".json"
MAX_NAME_CHARS = 60
_UNSAFE = re.compile(r"[^A-Za-z0-9 _-]+")


def datasets_dir() -> Path:
    """The folder of saved datasets (the CORRIDOR_USERDATA environment variable overrides it)."""
    value = os.environ.get(USERDATA_ENV, "").strip()
    return Path(value) if value else DEFAULT_DIR


def safe_name(name: str) -> str:
    """A file stem made from a user's name: letters, digits, space, '-' and '_' only."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    stem = " ".join(_UNSAFE.sub(" ", ascii_name).split()).strip(" -_")[:MAX_NAME_CHARS].strip(" -_")
    if not stem:
        raise DataError("a dataset name needs at least one letter or digit", field="name", value=name)
    return stem


def _path(directory: Path, name: str) -> Path:
    path = directory / f"{safe_name(name)}{SUFFIX}"
    if path.resolve().parent != directory.resolve():
        raise DataError("dataset name leads outside the datasets folder", field="name", value=name)
    return path


def save_dataset(name: str, events: Iterable[Event], directory: Path | None = None, *, replace: bool = False) -> Path:
    """Write the events as ``<safe name>.json`` atomically; refuse to overwrite unless ``replace``."""
    folder = directory or datasets_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = _path(folder, name)
    if target.exists() and not replace:
        raise DataError("a dataset with this name already exists", field="name", value=target.stem)
    payload = {"name": target.stem, "events": [event_record(e) for e in events]}
    text = json.dumps(payload, ensure_ascii=False, indent=1, allow_nan=False)
    return write_atomic(target, text.encode("utf-8"), prefix=".save-")


def list_datasets(directory: Path | None = None) -> list[str]:
    """The names of the saved datasets, sorted (temporary files are not datasets)."""
    folder = directory or datasets_dir()
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob(f"*{SUFFIX}") if p.is_file() and not p.name.startswith("."))


def load_saved(
    name: str, places: Mapping[str, Place], directory: Path | None = None, existing_ids: Iterable[str] = ()
) -> tuple[Event, ...]:
    """The events of a saved dataset, each validated again; ids must keep the import- prefix."""
    path = _path(directory or datasets_dir(), name)
    doc = read_json(path)
    items = doc.get("events") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        raise DataError("expected an object with an 'events' list", file=path.name)
    events = parse_all(items, lambda raw: parse_event(raw, places), path.name)
    taken = set(existing_ids)
    for event in events:
        if not event.id.startswith(ID_PREFIX) or event.id in taken:
            raise DataError(f"imported ids must start with {ID_PREFIX!r} and be new", file=path.name, value=event.id)
    return events
