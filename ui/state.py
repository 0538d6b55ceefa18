"""Session and URL state, in one place: the only module that reads or writes ``st.session_state``
and ``st.query_params``.

Pages and the other ``ui/`` modules ask it: which day is selected, go to a day, step, the imported
events (with their content hash, computed once per set), the URL's view. Widget keys are the
constants of ``ui.keys``; the controls a user sets keep their values while another page is shown
(``persist_state="session"``: the map page's in ui/timecontrols.py and ui/display.py; ``KEPT`` on the
Timeline, Sources and Briefing pages, whose values ``keep_fitting`` and ``keep_range`` fit to data
that changed meanwhile).

The selected date has one owner: the slider's key ``keys.DATE``. It is written only here
(``go_to``, ``settle_day``, ``apply_url_once``) and read through ``selected_day``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlencode, urlsplit

import streamlit as st

from corridor.naming import NAMINGS, Naming
from corridor.records import Event
from corridor.timemodel import Timeline
from corridor.view import TILES, ParsedView, Tiles, View, parse_view, view_params
from layers.catalogue import DEFAULT_VISIBLE, TOGGLE_KEYS
from ui import keys

CUSTOM_DAY = "custom_day"
IMPORTED_HASH = "imported_events_hash"
PLAY_CLOCK = "play_clock"
DEFAULT_EVENT = "ev-2023-04-23-checkpoint"
SPEEDS = {"Slow (4 s)": 4.0, "Normal (2 s)": 2.0, "Fast (1 s)": 1.0}
DEFAULT_SPEED = "Normal (2 s)"
# Links inside the app (Timeline "Open on map", the map's own URL) carry ?imported=<token> so a new tab
# or a reload gets the session's imported events back. The process keeps the last sets in memory.
IMPORT_PARAM = "imported"
MAX_SHARED_IMPORTS = 16
_TOKEN = re.compile(r"^[0-9a-f]{32}$")
_STORE_LOCK = threading.Lock()


# --- Plain access, for the widgets' own keys ----------------------------------------------------
def get(key: str, default: Any = None) -> Any:
    """The value under ``key`` (``default`` when absent)."""
    return st.session_state.get(key, default)


def put(key: str, value: Any) -> None:
    """Set ``key`` (before its widget is drawn in this run, or in a callback)."""
    st.session_state[key] = value


def setdefault(key: str, value: Any) -> Any:
    """Set ``key`` unless it is set; return its value."""
    return st.session_state.setdefault(key, value)


def drop(key: str) -> Any:
    """Remove ``key`` and return what it held (None when absent)."""
    return st.session_state.pop(key, None)


def with_prefix(prefix: str) -> dict[str, Any]:
    """Every key starting with ``prefix``, with its value."""
    return {str(k): v for k, v in st.session_state.items() if str(k).startswith(prefix)}


def drop_prefix(prefix: str) -> None:
    """Remove every key starting with ``prefix``."""
    for key in with_prefix(prefix):
        del st.session_state[key]


def take(key: str) -> Any:
    """A one-shot message: its value, removed (None when absent)."""
    return st.session_state.pop(key, None)


# --- Controls kept across page switches ----------------------------------------------------------
# A keyed widget that a run does not draw loses its value (another page is shown, a section is
# hidden): the Timeline's, Sources' and Briefing's controls are drawn with persist_state=KEPT, as the
# map page's are. Their options can change while they are kept (events imported or removed on the
# Data page): before such a control is drawn, ``keep_fitting`` / ``keep_range`` drop what no longer
# fits, so no stored value is ever out of its options or bounds (a date range outside them raises).
# A control whose options are fixed (the views, formats, namings, groupings) needs neither.
KEPT: Final = "session"
SPAN_SUFFIX = "__span"  # beside a kept date range: the data's (first, last) day when it was drawn


def keep_fitting(key: str, options: Iterable[Hashable]) -> None:
    """Before a kept choice is drawn: drop its stored values that are not among ``options``. A list
    keeps the others; a single value that no longer fits goes, and the widget shows its default."""
    if key not in st.session_state:
        return
    value = st.session_state[key]
    allowed = frozenset(options)
    if isinstance(value, (list, tuple)):
        fitting = [v for v in value if isinstance(v, Hashable) and v in allowed]
        if len(fitting) != len(value):
            st.session_state[key] = fitting
    elif value is not None and not (isinstance(value, Hashable) and value in allowed):
        del st.session_state[key]


def fit_range(chosen: object, span: tuple[dt.date, dt.date], old_span: object = None) -> tuple[dt.date, ...]:
    """A date range ``chosen`` over data that spanned ``old_span``, fitted to the data's new ``span``.

    An end at the edge of the old span follows the edge (the whole span stays the whole span when
    events are imported); an end outside the new span moves to its edge; a range wholly outside it,
    or not a range of dates, becomes the whole span. A half-chosen range (its first day only) stays
    half-chosen, and an emptied one stays empty (no date filter).
    """
    first, last = span
    if not isinstance(chosen, (tuple, list)) or len(chosen) > 2 or not all(isinstance(d, dt.date) for d in chosen):
        return span
    days = [d.date() if isinstance(d, dt.datetime) else d for d in chosen]
    if isinstance(old_span, tuple) and len(old_span) == 2:  # "from the first day", "to the last day"
        if days and days[0] == old_span[0]:
            days[0] = first
        if len(days) == 2 and days[1] == old_span[1]:
            days[1] = last
    if days and (days[0] > last or (len(days) == 2 and days[1] < first)):
        return span
    return tuple(min(max(d, first), last) for d in days)


def keep_range(key: str, first: dt.date, last: dt.date) -> None:
    """Before a kept date range over data from ``first`` to ``last`` is drawn: the whole span on the
    first visit, later the user's range fitted to the data (``fit_range``). The widget takes its value
    from here, so it is drawn without ``value=`` (a widget given both logs a warning: issue 12)."""
    span = (first, last)
    old_span = st.session_state.get(key + SPAN_SUFFIX)
    st.session_state[key + SPAN_SUFFIX] = span
    chosen = st.session_state.get(key)
    fitted = fit_range(chosen, span, old_span)
    if not isinstance(chosen, (tuple, list)) or tuple(chosen) != fitted:
        st.session_state[key] = fitted


# --- The selected day ----------------------------------------------------------------------------
def selected_day() -> dt.date | None:
    """The day the map shows (the slider's value), or None before the map page has run."""
    day = st.session_state.get(keys.DATE)
    return day if isinstance(day, dt.date) else None


def slider_options(tl: Timeline) -> list[dt.date]:
    """The event stops, plus a day the user jumped to that is not a stop."""
    custom = st.session_state.get(CUSTOM_DAY)
    if isinstance(custom, dt.date) and custom not in tl.stops:
        return sorted((*tl.stops, custom))
    return list(tl.stops)


def go_to(day: dt.date, tl: Timeline) -> None:
    """Make ``day`` the selected date (adding it to the slider if it is not an event stop)."""
    if day not in tl.stops:
        st.session_state[CUSTOM_DAY] = day
    st.session_state[keys.DATE] = day
    st.session_state.pop(keys.EVENT, None)


def step(tl: Timeline, direction: int) -> None:
    """To the next (``direction`` > 0) or previous stop; at the last stop, playing ends."""
    day = selected_day() or tl.stops[0]
    target = tl.next_stop(day) if direction > 0 else tl.previous_stop(day)
    if target is not None:
        go_to(target, tl)
    elif direction > 0:
        st.session_state[keys.PLAYING] = False


def settle_day(tl: Timeline, options: list[dt.date]) -> None:
    """Before the slider is drawn: a day that is not one of its options becomes the nearest stop."""
    if st.session_state.get(keys.DATE) not in options:
        st.session_state[keys.DATE] = tl.nearest_stop(selected_day() or tl.stops[-1])


def selected_event(ids: list[str]) -> str:
    """The event chosen among the day's ``ids`` (the first when none of them is chosen)."""
    chosen = event_shown(ids)
    if chosen is None:
        raise ValueError("a day with no events has no event to choose")
    select_event(chosen)
    return chosen


def choose_from_panel(panel_key: str, known: Callable[[str], bool]) -> None:
    """The day panel's radio sent an event id: choose it if ``known`` (a forged value is ignored)."""
    chosen = (st.session_state.get(panel_key) or {}).get("event")
    if isinstance(chosen, str) and known(chosen):
        select_event(chosen)


def event_shown(ids: Sequence[str]) -> str | None:
    """The event ``selected_event`` would choose among ``ids``, without choosing it."""
    if not ids:
        return None
    chosen = st.session_state.get(keys.EVENT)
    return str(chosen) if chosen in ids else ids[0]


def select_event(event_id: str) -> None:
    """Choose this event on the map page (after ``go_to`` its day)."""
    st.session_state[keys.EVENT] = event_id


# --- Play ----------------------------------------------------------------------------------------
def play_interval() -> float | None:
    """Seconds between automatic steps, or None when not playing."""
    if not st.session_state.get(keys.PLAYING):
        return None
    return SPEEDS.get(st.session_state.get(keys.SPEED, ""), 2.0)


def default_speed() -> None:
    """The speed's default goes into session state, not ``index=``: a widget given both logs 'created
    with a default value but also had its value set' (issue 12)."""
    st.session_state.setdefault(keys.SPEED, DEFAULT_SPEED)


def play_due(now: float, interval: float) -> bool:
    """While playing: True once ``interval`` seconds have passed since the last automatic step."""
    last = st.session_state.get(PLAY_CLOCK)
    if not isinstance(last, float):
        st.session_state[PLAY_CLOCK] = now
        return False
    if now - last < interval * 0.9:  # the timer's own jitter must not skip a beat
        return False
    st.session_state[PLAY_CLOCK] = now
    return True


def stop_clock() -> None:
    """Forget the play clock (the next Play starts a fresh beat)."""
    st.session_state.pop(PLAY_CLOCK, None)


# --- Imported events -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Imported:
    """The session's imported events and their content hash (computed once per set)."""

    events: tuple[Event, ...]
    key: str


def content_key(events: tuple[Event, ...]) -> str:
    """A hash of the events' content (the cache key of everything built from them)."""
    digest = hashlib.sha256()
    for e in events:
        digest.update(repr(e).encode("utf-8"))
    return digest.hexdigest()


def imported() -> Imported:
    """The events imported in this session, hashed once: the hash is kept beside the set it names."""
    value = st.session_state.get(keys.IMPORTED, ())
    events = tuple(value) if isinstance(value, (tuple, list)) else ()
    held = st.session_state.get(IMPORTED_HASH)
    if isinstance(held, tuple) and len(held) == 2 and held[0] is value:
        return Imported(events, held[1])
    key = content_key(events)
    st.session_state[IMPORTED_HASH] = (value, key)
    return Imported(events, key)


@st.cache_resource(show_spinner=False)
def _import_store() -> OrderedDict[str, tuple[Event, ...]]:
    """Imported event sets by token, newest last (per process; see IMPORT_PARAM)."""
    return OrderedDict()


def set_imported(events: tuple[Event, ...]) -> None:
    """Make these the session's imported events and keep them under a token that links can carry."""
    st.session_state[keys.IMPORTED] = events
    key = content_key(events)
    st.session_state[IMPORTED_HASH] = (events, key)
    if not events:
        st.session_state.pop(keys.IMPORT_TOKEN, None)
        return
    token = key[:32]
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
    return token if isinstance(token, str) and imported().events else None


def restore_imported_from_url() -> None:
    """A session opened from a link with ?imported=<token> gets those imported events (if still held)."""
    token = st.query_params.get(IMPORT_PARAM)
    if not token or imported().events:
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


# --- The URL -------------------------------------------------------------------------------------
def apply_url_once(tl: Timeline) -> ParsedView:
    """On a session's first run, read the URL into the widgets' state; return what was parsed."""
    if st.session_state.get(keys.VIEW_APPLIED):
        return ParsedView(View(), ())
    known = {e.id: e.anchor for e in tl.dataset.events}
    parsed = parse_view(
        dict(st.query_params.to_dict()),
        known_layers=TOGGLE_KEYS,
        default_layers=DEFAULT_VISIBLE,
        known_events=known,
    )
    st.session_state[keys.VIEW_APPLIED] = True
    view = parsed.view
    go_to(view.day or known.get(DEFAULT_EVENT, tl.stops[-1]), tl)
    if view.event_id:
        st.session_state[keys.EVENT] = view.event_id
    st.session_state[keys.NAMING] = view.naming
    st.session_state[keys.TILES] = view.tiles
    for key in TOGGLE_KEYS:
        st.session_state[keys.LAYER_PREFIX + key] = key in view.layers
    return parsed


def display_choices() -> tuple[Naming, tuple[str, ...], Tiles]:
    """The naming, visible layers and tiles the map page's display widgets hold, read before they
    are drawn this run (apply_url_once set them on the first run; the widgets keep them)."""
    default = View()
    naming = st.session_state.get(keys.NAMING)
    tiles = st.session_state.get(keys.TILES)
    visible = tuple(key for key in TOGGLE_KEYS if st.session_state.get(keys.LAYER_PREFIX + key, key in DEFAULT_VISIBLE))
    return (
        naming if naming in NAMINGS else default.naming,
        visible,
        tiles if tiles in TILES else default.tiles,
    )


def sync_url(view: View) -> str:
    """Write the view into the URL and return the query string for the copy-link box.

    The URL also carries the token of this session's imported events (a reload or a copied tab keeps
    them, on this server); the copy-link box leaves it out, since the link is for other people.
    """
    params = view_params(view)
    with_imports = params | ({IMPORT_PARAM: token} if (token := import_token()) else {})
    if dict(st.query_params.to_dict()) != with_imports:
        st.query_params.from_dict(with_imports)
    return urlencode(params, safe=",")


def share_url(query: str) -> str:
    """The full address of this view: the app's root (the map is the default page) plus the query."""
    base = ""
    try:
        parts = urlsplit(st.context.url or "")
        base = f"{parts.scheme}://{parts.netloc}/" if parts.scheme and parts.netloc else ""
    except Exception:  # st.context is unavailable outside a browser session (AppTest)
        base = ""
    return f"{base}?{query}"


def open_on_map(map_page: str, event: Event, tl: Timeline) -> None:
    """Go to the map page on this event's day with the event chosen (keeping this session's imports)."""
    go_to(event.anchor, tl)
    select_event(event.id)
    params = {"date": event.anchor.isoformat(), "event": event.id}
    st.switch_page(map_page, query_params=params | ({IMPORT_PARAM: t} if (t := import_token()) else {}))
