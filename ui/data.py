"""Cached access to the dataset, its timeline and the map data bundle.

Pages call ``active_timeline()`` and ``active_map_data_url()``: the bundled data, plus any
events the user imported in this session (Data page), plus an optional extra events file named
by the CORRIDOR_EXTRA_EVENTS environment variable (benchmarks, analysts' own logs).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import streamlit as st

from corridor.catalogue import GEO_DIR
from corridor.loader import load_dataset, with_extra_events
from corridor.records import Dataset, Event
from corridor.timemodel import Timeline
from layers.assets import ensure_vendor_assets
from layers.bundle import bundle_bytes, write_bundle
from ui import keys

EXTRA_EVENTS_ENV = "CORRIDOR_EXTRA_EVENTS"


def extra_events_path() -> Path | None:
    """An extra events file named by the CORRIDOR_EXTRA_EVENTS environment variable, if any."""
    value = os.environ.get(EXTRA_EVENTS_ENV, "").strip()
    return Path(value) if value else None


# cache_resource, not cache_data: the Dataset is immutable (frozen dataclasses) and large with
# big event files; cache_data would unpickle a copy on every rerun.
@st.cache_resource(show_spinner=False)
def dataset(geo_dir: str = str(GEO_DIR), extra: str | None = None) -> Dataset:
    """The validated dataset (raises corridor.errors.DataError on bad data)."""
    return load_dataset(Path(geo_dir), Path(extra) if extra else None)


@st.cache_resource(show_spinner=False, max_entries=32)
def _timeline(base_key: tuple[str, str | None], imported_key: str, _imported: tuple[Event, ...]) -> Timeline:
    ds = dataset(*base_key)
    return Timeline(with_extra_events(ds, _imported, "import"))


@st.cache_resource(show_spinner=False, max_entries=32)
def _bundle_url(base_key: tuple[str, str | None], imported_key: str, _tl: Timeline) -> str:
    ensure_vendor_assets()
    return write_bundle(bundle_bytes(_tl.dataset))


def current_args() -> tuple[str, str | None]:
    """The (geo_dir, extra_events) pair this process serves."""
    extra = extra_events_path()
    return str(GEO_DIR), str(extra) if extra else None


def imported_events() -> tuple[Event, ...]:
    """Events the user imported in this session (set by the Data page under keys.IMPORTED)."""
    value = st.session_state.get(keys.IMPORTED, ())
    return tuple(value) if isinstance(value, (tuple, list)) else ()


def _imported_key(events: tuple[Event, ...]) -> str:
    digest = hashlib.sha256()
    for e in events:
        digest.update(repr(e).encode("utf-8"))
    return digest.hexdigest()


def active_timeline() -> Timeline:
    """The time model over bundled + extra-file + session-imported events."""
    events = imported_events()
    return _timeline(current_args(), _imported_key(events), events)


def active_map_data_url() -> str:
    """The URL of the map data bundle for the active dataset (written once per dataset)."""
    events = imported_events()
    tl = active_timeline()
    return _bundle_url(current_args(), _imported_key(events), tl)
