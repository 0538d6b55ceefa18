"""Cached access to the dataset, its timeline and the map data bundle.

Pages call ``active_timeline()`` and ``active_map_data_url()``: the bundled data, plus any
events the user imported in this session (Data page), plus an optional extra events file named
by the CORRIDOR_EXTRA_EVENTS environment variable (benchmarks, analysts' own logs).

Only the bundled data can stop a page. A bad extra file is left out (the app runs on the bundled
data and every page says which file was left out and why); imported events that no longer fit the
data (a saved dataset edited on disk) are removed from the session with a message.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

import streamlit as st

from corridor.catalogue import GEO_DIR
from corridor.errors import DataError
from corridor.loader import (
    default_cache_dir,
    input_key,
    load_dataset_cached,
    read_private,
    with_extra_events,
    write_private,
)
from corridor.records import Dataset, Event
from corridor.timemodel import MapState, Timeline
from layers.bundle import bundle_bytes
from publish import static
from publish.static import ensure_vendor_assets, mark_used, write_bundle
from ui import state

EXTRA_EVENTS_ENV = "CORRIDOR_EXTRA_EVENTS"
ROOT = Path(__file__).resolve().parent.parent
BUNDLE_CODE = ("corridor", "layers", "publish")  # the code that reads the data and builds the bundle


def extra_events_path() -> Path | None:
    """An extra events file named by the CORRIDOR_EXTRA_EVENTS environment variable, if any."""
    value = os.environ.get(EXTRA_EVENTS_ENV, "").strip()
    return Path(value) if value else None


# cache_resource, not cache_data: the Dataset is immutable (frozen dataclasses) and large with
# big event files; cache_data would unpickle a copy on every rerun.
@st.cache_resource(show_spinner=False)
def dataset(geo_dir: str = str(GEO_DIR), extra: str | None = None) -> Dataset:
    """The validated dataset (raises corridor.errors.DataError on bad data); kept on disk between
    server starts while the files and the loader's code are unchanged (``load_dataset_cached``)."""
    return load_dataset_cached(Path(geo_dir), Path(extra) if extra else None)


# The look-ups below run on every rerun, a date step included: plain memos keyed on small values,
# not st.cache_resource, whose hashing of its arguments costs a few milliseconds per call.
_TIMELINES: OrderedDict[tuple[tuple[str, str | None], str], Timeline] = OrderedDict()
_TIMELINES_LOCK = threading.Lock()
MAX_TIMELINES = 32


def _timeline(base_key: tuple[str, str | None], imported_key: str, imported: tuple[Event, ...]) -> Timeline:
    """The timeline of these data, keyed on the imported events' hash (the events are not hashed again)."""
    key = (base_key, imported_key)
    with _TIMELINES_LOCK:
        held = _TIMELINES.get(key)
    if held is not None:
        return held
    tl = Timeline(with_extra_events(dataset(*base_key), imported, "import"))
    with _TIMELINES_LOCK:
        tl = _TIMELINES.setdefault(key, tl)  # a concurrent first run keeps the one already stored
        while len(_TIMELINES) > MAX_TIMELINES:
            _TIMELINES.popitem(last=False)
    return tl


@functools.lru_cache(maxsize=MAX_TIMELINES)
def _bundle_url(base_key: tuple[str, str | None], imported_key: str, tl: Timeline) -> str:
    """The bundle's URL: kept on disk by the hash of the data and the code that builds it, so a
    server start with unchanged data neither builds the layers again nor imports shapely."""
    ensure_vendor_assets()
    file = default_cache_dir() / f"bundle-{_bundle_key(base_key, imported_key)}.txt"
    held = read_private(file)
    if held is not None and _published(url := held.decode("utf-8", "replace")):
        return url
    url = write_bundle(bundle_bytes(tl.dataset))
    write_private(file, url.encode("utf-8"))
    return url


def _bundle_key(base_key: tuple[str, str | None], imported_key: str) -> str:
    geo_dir, extra = base_key
    digest = hashlib.sha256(f"{input_key(Path(geo_dir), Path(extra) if extra else None)}|{imported_key}".encode())
    digest.update(code_digest(BUNDLE_CODE).encode())
    return digest.hexdigest()[:32]


def code_digest(dirs: Sequence[str]) -> str:
    """A hash of the Python files in these folders of the repository: by their path under it and
    their bytes. Part of the name of the map data bundle kept on disk between starts."""
    digest = hashlib.sha256()
    for path in sorted(p for d in dirs for p in (ROOT / d).glob("*.py")):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _published(url: str) -> bool:
    """True when the bundle ``url`` names is in static/generated/ whole (its name is its hash);
    marks it used, so that ``publish.static.prune_bundles`` keeps it."""
    name = url.rsplit("/", 1)[-1]
    try:
        payload = (static.GENERATED_DIR / name).read_bytes()
    except OSError:
        return False
    if name != f"map-{hashlib.sha256(payload).hexdigest()[:16]}.json":
        return False
    mark_used(static.GENERATED_DIR / name)
    return True


@functools.lru_cache(maxsize=8)
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


def active_timeline() -> Timeline:
    """The time model over bundled + extra-file + session-imported events.

    Imported events that do not fit the data (a saved
    dataset citing ids that do not exist, an id the extra file also uses) are removed from the
    session with an error, instead of stopping every page.
    """
    mine = state.imported()
    try:
        return _timeline(current_args(), mine.key, mine.events)
    except DataError as exc:
        if not mine.events:
            raise
        state.set_imported(())
        st.error(f"The imported events were removed from this session: {exc}")
        return _timeline(current_args(), state.imported().key, ())


def active_map_data_url() -> str:
    """The URL of the map data bundle for the active dataset (written once per dataset, and again
    if the file was deleted while the server ran)."""
    tl = active_timeline()
    url = _bundle_url(current_args(), state.imported().key, tl)
    if not (static.GENERATED_DIR / url.rsplit("/", 1)[-1]).is_file():  # deleted since: pruned, or by hand
        _bundle_url.cache_clear()  # write it again (its name is its content's hash: the same URL)
        url = _bundle_url(current_args(), state.imported().key, tl)
    return url


@functools.lru_cache(maxsize=1024)
def state_at(data_key: tuple[object, ...], tl: Timeline, day: dt.date) -> MapState:
    """``tl.state_at(day)``, once per (data, day): the panel and the map's step share one state (a
    call no longer scans the events, but still builds the day's tuples of events and statements)."""
    return tl.state_at(day)


def active_key() -> tuple[object, ...]:
    """What the active timeline is built from: (geo_dir, extra file) and the imported events' hash."""
    return (current_args(), state.imported().key)


def load_default() -> str:
    """Load the dataset, timeline and map data bundle of a session without imported events, outside
    any session (the launcher's thread, at server start); return the bundle's URL."""
    base = current_args()
    no_imports = state.content_key(())
    return _bundle_url(base, no_imports, _timeline(base, no_imports, ()))
