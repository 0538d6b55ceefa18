"""Cached access to the dataset, its timeline and the map data bundle.

Pages call ``active_timeline()`` and ``active_map_data_url()``: the bundled data, plus any
events the user imported in this session (Data page), plus an optional extra events file named
by the CORRIDOR_EXTRA_EVENTS environment variable (benchmarks, analysts' own logs).

Only the bundled data can stop a page. A bad extra file is left out (the app runs on the bundled
data and every page says which file was left out and why); imported events that no longer fit the
data (a saved dataset edited on disk) are removed from the session with a message.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections import OrderedDict
from pathlib import Path

import streamlit as st

from corridor.catalogue import GEO_DIR
from corridor.errors import DataError
from corridor.loader import load_dataset, with_extra_events
from corridor.records import Dataset, Event
from corridor.timemodel import Timeline
from layers.bundle import bundle_bytes
from publish.static import ensure_vendor_assets, write_bundle
from ui import keys

EXTRA_EVENTS_ENV = "CORRIDOR_EXTRA_EVENTS"
# Links inside the app (Timeline "Open on map", the map's own URL) carry ?imported=<token> so a new tab
# or a reload gets the session's imported events back. The process keeps the last sets in memory.
IMPORT_PARAM = "imported"
MAX_SHARED_IMPORTS = 16
_TOKEN = re.compile(r"^[0-9a-f]{32}$")
_STORE_LOCK = threading.Lock()


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


@st.cache_resource(show_spinner=False)
def _extra_problem(geo_dir: str, extra: str) -> str | None:
    """Why the extra events file cannot be added to the bundled data (None: it can).

    Cached, so a bad file is read once per process, not on every rerun. A problem in the bundled
    data itself is raised, as without an extra file.
    """
    try:
        dataset(geo_dir, extra)
    except DataError as exc:
        dataset(geo_dir, None)  # raises when the bundled data is the problem
        return str(exc)
    return None


def extra_events_problem() -> str | None:
    """The message for a CORRIDOR_EXTRA_EVENTS file that was left out, naming it, or None."""
    extra = extra_events_path()
    if extra is None:
        return None
    problem = _extra_problem(str(GEO_DIR), str(extra))
    if problem is None:
        return None
    return (
        f"The extra events file {extra} (named by {EXTRA_EVENTS_ENV}) was left out: {problem}. "
        "The app runs on the bundled data without it."
    )


def show_extra_events_problem() -> None:
    """Say on the page that the extra events file was left out, and why (called once per run, by the router)."""
    try:
        problem = extra_events_problem()
    except DataError:
        return  # the bundled data itself is bad: the page's load_or_stop says so
    if problem:
        st.error(problem)


def current_args() -> tuple[str, str | None]:
    """The (geo_dir, extra_events) pair this process serves (no extra file when it cannot load)."""
    extra = extra_events_path()
    if extra is None or _extra_problem(str(GEO_DIR), str(extra)) is not None:
        return str(GEO_DIR), None
    return str(GEO_DIR), str(extra)


def imported_events() -> tuple[Event, ...]:
    """Events the user imported in this session (set by the Data page under keys.IMPORTED)."""
    value = st.session_state.get(keys.IMPORTED, ())
    return tuple(value) if isinstance(value, (tuple, list)) else ()


@st.cache_resource(show_spinner=False)
def _import_store() -> OrderedDict[str, tuple[Event, ...]]:
    """Imported event sets by token, newest last (per process; see IMPORT_PARAM)."""
    return OrderedDict()


def set_imported(events: tuple[Event, ...]) -> None:
    """Make these the session's imported events and keep them under a token that links can carry."""
    st.session_state[keys.IMPORTED] = events
    if not events:
        st.session_state.pop(keys.IMPORT_TOKEN, None)
        return
    token = _imported_key(events)[:32]
    store = _import_store()
    with _STORE_LOCK:
        store[token] = events
        store.move_to_end(token)
        while len(store) > MAX_SHARED_IMPORTS:
            store.popitem(last=False)
    st.session_state[keys.IMPORT_TOKEN] = token


def import_token() -> str | None:
    """The token of this session's imported events, for links that must keep them (None: no imports)."""
    token = st.session_state.get(keys.IMPORT_TOKEN)
    return token if isinstance(token, str) and imported_events() else None


def restore_imported_from_url() -> None:
    """A session opened from a link with ?imported=<token> gets those imported events (if still held)."""
    token = st.query_params.get(IMPORT_PARAM)
    if not token or imported_events():
        return
    with _STORE_LOCK:
        events = _import_store().get(token) if _TOKEN.match(token) else None
    if events is None:
        st.warning(
            "This link names events imported in another session that this server no longer holds. "
            "Import the file again on the Data page."
        )
        return
    st.session_state[keys.IMPORTED] = events
    st.session_state[keys.IMPORT_TOKEN] = token


def _imported_key(events: tuple[Event, ...]) -> str:
    digest = hashlib.sha256()
    for e in events:
        digest.update(repr(e).encode("utf-8"))
    return digest.hexdigest()


def active_timeline() -> Timeline:
    """The time model over bundled + extra-file + session-imported events.

    Imported events that do not fit the data (a saved
    dataset citing ids that do not exist, an id the extra file also uses) are removed from the
    session with an error, instead of stopping every page.
    """
    events = imported_events()
    try:
        return _timeline(current_args(), _imported_key(events), events)
    except DataError as exc:
        if not events:
            raise
        st.session_state[keys.IMPORTED] = ()
        st.error(f"The imported events were removed from this session: {exc}")
        return _timeline(current_args(), _imported_key(()), ())


def active_map_data_url() -> str:
    """The URL of the map data bundle for the active dataset (written once per dataset)."""
    events = imported_events()
    tl = active_timeline()
    return _bundle_url(current_args(), _imported_key(events), tl)
