"""The Briefing page: chosen events as slides, stepped with the keyboard, and the offline pack.

Widgets only: the slides, the briefing file and the pack are built by the pure package export/.
The map is the same base map as the Map page (identical, so its iframe never reloads); each slide
sends only its small state through StepScript, with the view fitted to the slide's event.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Literal

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit_folium import st_folium

from corridor.naming import NAMING_LABELS, NAMINGS, Naming
from corridor.text import markdown_text
from export.briefing import (
    Briefing,
    BriefingError,
    EventFilter,
    LoadedBriefing,
    briefing_json,
    briefings_dir,
    default_briefing,
    filter_events,
    list_briefings,
    needs_confirmation,
    ordered_ids,
    parse_briefing,
    read_briefing,
    sanitise_name,
    save_briefing,
    with_added,
)
from export.pack import FORMAT_LABELS, FORMATS, PackFile, build_pack, file_stem, zip_pack
from export.slide_html import SLIDE_CSS, slide_html
from export.slides import build_slides
from layers.catalogue import DEFAULT_VISIBLE
from layers.mapview import StepScript, build_base_map, map_config
from layers.step import build_step_state
from present.annotation import PANEL_CSS
from ui import data, keys
from ui.errors import load_or_stop
from ui.keyboard import slide_keys

MAP_HEIGHT = 620
VIEWS = ("Presenter view", "Audience view")
Where = Literal["first", "prev", "next", "last"]

PROJECTOR_CSS = """<style>
.st-key-slide_first button, .st-key-slide_prev button, .st-key-slide_next button, .st-key-slide_last button
  { font-size: 1.15rem; font-weight: 700; border: 2px solid #000; color: #000; }
</style>"""
# Audience view: only the slide. Sidebar, header (with the page navigation) and toolbar are hidden.
AUDIENCE_CSS = """<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding-top: 1rem !important; max-width: 100% !important; }
</style>"""

tl = load_or_stop(data.active_timeline)
ds = tl.dataset
known = [e.id for e in ds.events]
known_set = set(known)

imported = data.imported_events()
stored: Briefing = st.session_state.get(keys.BRIEFING) or default_briefing(ds, imported={e.id for e in imported})
st.session_state.setdefault(keys.BRIEF_TITLE, stored.title)
st.session_state.setdefault(keys.BRIEF_EVENTS, list(ordered_ids(stored.events, known_set)))
if any(eid not in known_set for eid in st.session_state[keys.BRIEF_EVENTS]):  # imported events were removed
    st.session_state[keys.BRIEF_EVENTS] = list(ordered_ids(st.session_state[keys.BRIEF_EVENTS], known_set))
st.session_state.setdefault(keys.BRIEF_VIEW, VIEWS[0])
st.session_state.setdefault(keys.BRIEF_MESSAGES, [])


def _say(kind: str, text: str) -> None:
    st.session_state[keys.BRIEF_MESSAGES] = [*st.session_state.get(keys.BRIEF_MESSAGES, []), (kind, text)]


def _apply(loaded: LoadedBriefing, origin: str) -> None:
    """Make a loaded briefing the current one (runs in a callback, before the widgets are drawn)."""
    b = loaded.briefing
    st.session_state[keys.BRIEFING] = b
    st.session_state[keys.BRIEF_TITLE] = b.title
    st.session_state[keys.BRIEF_EVENTS] = list(b.events)
    for key in [k for k in st.session_state if str(k).startswith(keys.BRIEF_NOTE_PREFIX)]:
        del st.session_state[key]
    st.session_state[keys.SLIDE_INDEX] = 0
    _say("success", f"Loaded “{b.title}” from {origin}: {len(b.events)} slides.")
    for problem in loaded.problems:
        _say("warning", problem)


def _load_upload() -> None:
    upload = st.session_state.get(keys.BRIEF_UPLOAD)
    if upload is None:
        _say("warning", "Choose a briefing file to upload first.")
        return
    try:
        _apply(parse_briefing(upload.getvalue(), known_set, name=upload.name), upload.name)
    except BriefingError as exc:
        _say("error", str(exc))


def _load_saved() -> None:
    name = st.session_state.get(keys.BRIEF_SAVED_PICK)
    if not name:
        _say("warning", "No saved briefing is chosen.")
        return
    try:
        _apply(read_briefing(name, known_set, briefings_dir()), f"the saved file {name}")
    except BriefingError as exc:
        _say("error", str(exc))


def _notes(base: dict[str, str]) -> dict[str, str]:
    """The stored notes with any speaker-notes box's newer text merged over them."""
    merged = dict(base)
    for key, value in st.session_state.items():
        if str(key).startswith(keys.BRIEF_NOTE_PREFIX) and isinstance(value, str):
            merged[str(key)[len(keys.BRIEF_NOTE_PREFIX) :]] = value
    return {k: v for k, v in merged.items() if v.strip()}


def _current() -> Briefing:
    """The briefing as the widgets hold it right now (callbacks run before the widgets are drawn)."""
    base: Briefing = st.session_state.get(keys.BRIEFING) or stored
    title = str(st.session_state.get(keys.BRIEF_TITLE) or "").strip() or base.title
    events = ordered_ids(st.session_state.get(keys.BRIEF_EVENTS, base.events), known_set)
    return Briefing(title, events, _notes(base.notes))


def _save() -> None:
    current = _current()
    name = st.session_state.get(keys.BRIEF_SAVE_NAME) or current.title
    try:
        path = save_briefing(current, name, briefings_dir())
    except OSError as exc:
        _say("error", f"The briefing could not be saved ({exc.strerror or exc}).")
        return
    _say("success", f"Saved as {path.name} in the briefings folder ({path.parent}).")


def _sort_by_date() -> None:
    chosen = set(st.session_state.get(keys.BRIEF_EVENTS, []))
    st.session_state[keys.BRIEF_EVENTS] = [eid for eid in known if eid in chosen]


def _add_imported() -> None:
    """Append the imported events that match the filter (dates, types, actors) to the slides."""
    dates = tuple(st.session_state.get(keys.BRIEF_ADD_DATES) or ())
    choice = EventFilter(
        dates[0] if dates else None, dates[-1] if dates else None,
        frozenset(st.session_state.get(keys.BRIEF_ADD_TYPES) or ()),
        frozenset(st.session_state.get(keys.BRIEF_ADD_ACTORS) or ()),
    )  # fmt: skip
    chosen = [e.id for e in filter_events(imported, choice)]
    st.session_state[keys.BRIEF_EVENTS] = list(with_added(_current(), chosen).events)
    _say("success", f"{len(chosen)} imported event(s) match; the new ones were added as slides.")


def _go(where: Where, count: int) -> None:
    index = st.session_state.get(keys.SLIDE_INDEX, 0)
    target = {"first": 0, "prev": index - 1, "next": index + 1, "last": count - 1}[where]
    st.session_state[keys.SLIDE_INDEX] = max(0, min(count - 1, target))


def _progress(bar: DeltaGenerator) -> Callable[[float, str], None]:
    def report(fraction: float, message: str) -> None:
        bar.progress(fraction, text=message)

    return report


def _data_of(f: PackFile) -> Callable[[], bytes]:
    """The file's bytes on demand: download buttons then do not re-send the pack on every step."""
    return lambda: f.data


def _event_label(eid: str) -> str:
    e = ds.event(eid)
    return f"{e.date.label} · {e.title}"


# --- Sidebar: the briefing (hidden, but still drawn, in audience view) ---------------------------
sb = st.sidebar
sb.markdown("### Briefing")
title = sb.text_input("Title", key=keys.BRIEF_TITLE, max_chars=200)
selected = sb.multiselect(
    "Slides, in order (one per event; the order you pick is the order shown)",
    known,
    key=keys.BRIEF_EVENTS,
    format_func=_event_label,
)
sb.button("Sort the slides by date", key=keys.BRIEF_SORT, on_click=_sort_by_date)
naming: Naming = sb.radio("Place names", NAMINGS, key=keys.BRIEF_NAMING, format_func=NAMING_LABELS.__getitem__)

briefing = Briefing(title.strip() or stored.title, ordered_ids(selected, known_set), _notes(stored.notes))
st.session_state[keys.BRIEFING] = briefing

if imported:
    with sb.expander(f"Add imported events ({len(imported)} in this session)"):
        st.date_input("Between", value=[], key=keys.BRIEF_ADD_DATES)
        st.multiselect("Types", sorted({e.event_type for e in imported}), key=keys.BRIEF_ADD_TYPES)
        st.multiselect("Actors", sorted({a for e in imported for a in e.actors}), key=keys.BRIEF_ADD_ACTORS)
        st.button("Add the matching events", key=keys.BRIEF_ADD, on_click=_add_imported)

with sb.expander("Save or load a briefing file"):
    st.text_input("File name", key=keys.BRIEF_SAVE_NAME, placeholder=sanitise_name(briefing.title))
    st.button("Save to the briefings folder", key=keys.BRIEF_SAVE, on_click=_save)
    st.download_button(
        "Download the briefing file",
        briefing_json(briefing),
        file_name=sanitise_name(briefing.title),
        mime="application/json",
        key=keys.BRIEF_DOWNLOAD_FILE,
        on_click="ignore",
    )
    saved = list_briefings(briefings_dir())
    st.selectbox("Saved briefings", saved, index=None, key=keys.BRIEF_SAVED_PICK, placeholder="Choose a file…")
    st.button("Open the saved briefing", key=keys.BRIEF_LOAD_SAVED, on_click=_load_saved, disabled=not saved)
    st.file_uploader("Or upload a briefing file (.json)", type=["json"], key=keys.BRIEF_UPLOAD)
    st.button("Load the uploaded file", key=keys.BRIEF_LOAD_UPLOAD, on_click=_load_upload)

for kind, text in st.session_state.get(keys.BRIEF_MESSAGES, []):
    getattr(sb, kind)(text)
st.session_state[keys.BRIEF_MESSAGES] = []

# --- The slide -----------------------------------------------------------------------------------
audience = st.session_state.get(keys.BRIEF_VIEW) == VIEWS[1]
# Styles go through st.html, one block each: inside st.markdown a second <style> on the line that
# closes the first one is read as Markdown text and shows on the page.
for css in (PANEL_CSS, f"<style>{SLIDE_CSS}</style>", PROJECTOR_CSS, *([AUDIENCE_CSS] if audience else [])):
    st.html(css)

slides = build_slides(tl, briefing, naming)
if not slides:
    st.info("Choose at least one event in the sidebar: each becomes a slide.")
    st.stop()
count = len(slides)
index = max(0, min(count - 1, st.session_state.get(keys.SLIDE_INDEX, 0)))
st.session_state[keys.SLIDE_INDEX] = index
slide = slides[index]

text_col, map_col = st.columns([2, 3], gap="medium")
with text_col:  # before the map in script order, so the words never wait for the map
    st.markdown(slide_html(ds, slide, count), unsafe_allow_html=True)
with map_col:
    step = build_step_state(
        ds, slide.state, naming=naming, layers=DEFAULT_VISIBLE, selected_event=slide.event.id, fit=slide.fit
    )
    st_folium(
        build_base_map(map_config(data.active_map_data_url())),
        key="briefing_map",
        height=MAP_HEIGHT,
        use_container_width=True,
        feature_group_to_add=StepScript(step),
        returned_objects=[],
    )

nav = st.columns([1, 1, 1, 1, 4])
at_start, at_end = index == 0, index == count - 1
for col, (label, icon, key, where, off) in zip(
    nav,
    (
        ("First", ":material/first_page:", keys.SLIDE_FIRST, "first", at_start),
        ("Previous", ":material/chevron_left:", keys.SLIDE_PREV, "prev", at_start),
        ("Next", ":material/chevron_right:", keys.SLIDE_NEXT, "next", at_end),
        ("Last", ":material/last_page:", keys.SLIDE_LAST, "last", at_end),
    ),
    strict=False,
):
    col.button(label, key=key, icon=icon, on_click=_go, args=(where, count), disabled=off, width="stretch")
nav[4].radio("View", VIEWS, key=keys.BRIEF_VIEW, horizontal=True, label_visibility="collapsed")
slide_keys()

if not audience:
    st.caption("Keys: → or PageDown next · ← or PageUp previous · Home first · End last (click outside the map first).")
    if index + 1 < count:
        st.caption(markdown_text(f"Up next: {_event_label(slides[index + 1].event.id)}"))
    note_key = keys.BRIEF_NOTE_PREFIX + slide.event.id
    st.session_state.setdefault(note_key, briefing.note(slide.event.id))
    st.text_area("Speaker notes for this slide (hidden in audience view)", key=note_key, height=110)
    st.session_state[keys.BRIEFING] = current = _current()

    with sb.expander("Briefing pack (works offline)", expanded=False):
        formats = st.multiselect(
            "Formats", FORMATS, default=list(FORMATS), key=keys.BRIEF_FORMATS, format_func=FORMAT_LABELS.__getitem__
        )
        signature = (briefing_json(current), tuple(formats), naming)
        big = needs_confirmation(len(current.events))
        sure = not big or st.checkbox(
            f"Yes, build all {len(current.events)} slides (takes minutes)", key=keys.BRIEF_CONFIRM_BIG
        )
        if st.button("Build the pack", key=keys.BRIEF_BUILD, disabled=not formats or not sure, type="primary"):
            with st.status("Building the briefing pack…", expanded=True) as status:
                bar = st.progress(0.0, text="Drawing the maps…")
                started = time.perf_counter()
                files = build_pack(tl, current, formats=formats, naming=naming, progress=_progress(bar))
                files = [zip_pack(files, f"{file_stem(current.title)}-pack.zip"), *files]
                st.session_state[keys.BRIEF_PACK] = (signature, files)
                status.update(
                    label=f"Pack ready: {len(files) - 1} files in {time.perf_counter() - started:.1f} s",
                    state="complete",
                    expanded=False,
                )
        pack = st.session_state.get(keys.BRIEF_PACK)
        if pack and pack[0] == signature:
            for i, f in enumerate(pack[1]):
                st.download_button(
                    f.name,
                    _data_of(f),
                    file_name=f.name,
                    mime=f.mime,
                    key=f"{keys.BRIEF_PACK_PREFIX}{i}",
                    on_click="ignore",
                    icon=":material/download:",
                )
        elif pack:
            st.caption("The briefing changed since the pack was built: build it again for the current slides.")
