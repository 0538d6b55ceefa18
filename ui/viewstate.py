"""Deep links: seed the session from the URL once, and keep the URL in step with the view."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import streamlit as st

from corridor.naming import NAMING_LABELS, NAMINGS, Naming
from corridor.timemodel import Timeline
from corridor.view import TILES, ParsedView, Tiles, View, parse_view, view_params
from layers.catalogue import DEFAULT_VISIBLE, LAYERS, TOGGLE_KEYS
from ui import keys
from ui.data import IMPORT_PARAM, import_token
from ui.timecontrols import CUSTOM_DAY, go_to

DEFAULT_EVENT = "ev-2023-04-23-checkpoint"


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
    if st.session_state.get(keys.VIEW_APPLIED):
        return ParsedView(parsed.view, ())
    st.session_state[keys.VIEW_APPLIED] = True
    view = parsed.view
    default_day = known.get(DEFAULT_EVENT, tl.stops[-1])
    go_to(view.day or default_day, tl)
    if view.event_id:
        st.session_state[keys.EVENT] = view.event_id
    st.session_state[keys.NAMING] = view.naming
    st.session_state[keys.TILES] = view.tiles
    for key in TOGGLE_KEYS:
        st.session_state[keys.LAYER_PREFIX + key] = key in view.layers
    return parsed


def display_controls() -> tuple[Naming, tuple[str, ...], Tiles]:
    """Naming, layer toggles and tiles in the sidebar; returns the user's choices."""
    sb = st.sidebar
    sb.markdown("### Names")
    naming: Naming = sb.radio(
        "Place names", NAMINGS, key=keys.NAMING, format_func=NAMING_LABELS.__getitem__, label_visibility="collapsed"
    )
    sb.markdown("### Layers")
    visible = tuple(
        spec.key for spec in LAYERS if spec.toggle and sb.checkbox(spec.title, key=keys.LAYER_PREFIX + spec.key)
    )
    tiles: Tiles = sb.radio(
        "Background",
        TILES,
        key=keys.TILES,
        format_func={
            "bundled": "Bundled basemap (offline)",
            "osm": "OpenStreetMap tiles (online)",
            "satellite": "Satellite imagery (online)",
        }.__getitem__,
        help="Online backgrounds need internet; the bundled basemap works anywhere.",
    )
    return naming, visible, tiles


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


def keep_map_state() -> None:
    """Keep the map page's widget values while another page is shown.

    Streamlit forgets the state of widgets that the current page does not draw; re-assigning the
    keys marks them as user state, so coming back to the map restores date, layers and naming.
    """
    for key in (keys.DATE, keys.NAMING, keys.TILES, keys.EVENT, keys.SPEED, CUSTOM_DAY):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
    for key in TOGGLE_KEYS:
        name = keys.LAYER_PREFIX + key
        if name in st.session_state:
            st.session_state[name] = st.session_state[name]
