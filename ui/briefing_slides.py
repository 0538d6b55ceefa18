"""The Briefing page's slide list: title, events in order, place names, and the briefing file
(save, download, open a saved one, upload), all in the sidebar.

The briefing being edited lives in session state (``keys.BRIEFING`` and the widgets' keys), read and
written through ui/state.py; callbacks run before the widgets are drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from corridor.naming import NAMING_LABELS, NAMINGS, Naming
from corridor.timemodel import Timeline
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
    ordered_ids,
    parse_briefing,
    read_briefing,
    sanitise_name,
    save_briefing,
    with_added,
)
from ui import keys, state


@dataclass(frozen=True)
class Deck:
    """The events a briefing can show, and the briefing as stored when this run began."""

    tl: Timeline
    known: tuple[str, ...]
    known_set: frozenset[str]
    stored: Briefing

    def label(self, eid: str) -> str:
        """An event as the slide list names it: its date and title."""
        e = self.tl.dataset.event(eid)
        return f"{e.date.label} · {e.title}"


def open_deck(tl: Timeline) -> Deck:
    """The deck for this run; seeds the widgets from the stored briefing on the page's first run."""
    known = tuple(e.id for e in tl.dataset.events)
    known_set = frozenset(known)
    imported = {e.id for e in state.imported().events}  # curated slides by default; imports by choice
    stored: Briefing = state.get(keys.BRIEFING) or default_briefing(tl.dataset, imported=imported)
    state.setdefault(keys.BRIEF_TITLE, stored.title)
    state.setdefault(keys.BRIEF_EVENTS, list(ordered_ids(stored.events, known_set)))
    state.keep_fitting(keys.BRIEF_EVENTS, known_set)  # imported events were removed
    state.setdefault(keys.BRIEF_MESSAGES, [])
    return Deck(tl, known, known_set, stored)


def say(kind: str, text: str) -> None:
    """A message for the sidebar, shown on the next run (callbacks cannot draw)."""
    state.put(keys.BRIEF_MESSAGES, [*state.get(keys.BRIEF_MESSAGES, []), (kind, text)])


def _apply(loaded: LoadedBriefing, origin: str) -> None:
    """Make a loaded briefing the current one (runs in a callback, before the widgets are drawn)."""
    b = loaded.briefing
    state.put(keys.BRIEFING, b)
    state.put(keys.BRIEF_TITLE, b.title)
    state.put(keys.BRIEF_EVENTS, list(b.events))
    state.drop_prefix(keys.BRIEF_NOTE_PREFIX)
    state.put(keys.SLIDE_INDEX, 0)
    say("success", f"Loaded “{b.title}” from {origin}: {len(b.events)} slides.")
    for problem in loaded.problems:
        say("warning", problem)


def _load_upload(deck: Deck) -> None:
    upload = state.get(keys.BRIEF_UPLOAD)
    if upload is None:
        say("warning", "Choose a briefing file to upload first.")
        return
    try:
        _apply(parse_briefing(upload.getvalue(), deck.known_set, name=upload.name), upload.name)
    except BriefingError as exc:
        say("error", str(exc))


def _load_saved(deck: Deck) -> None:
    name = state.get(keys.BRIEF_SAVED_PICK)
    if not name:
        say("warning", "No saved briefing is chosen.")
        return
    try:
        _apply(read_briefing(name, deck.known_set, briefings_dir()), f"the saved file {name}")
    except BriefingError as exc:
        say("error", str(exc))


def notes(base: dict[str, str]) -> dict[str, str]:
    """The stored notes with any speaker-notes box's newer text merged over them."""
    merged = dict(base)
    for key, value in state.with_prefix(keys.BRIEF_NOTE_PREFIX).items():
        if isinstance(value, str):
            merged[key[len(keys.BRIEF_NOTE_PREFIX) :]] = value
    return {k: v for k, v in merged.items() if v.strip()}


def current(deck: Deck) -> Briefing:
    """The briefing as the widgets hold it right now (callbacks run before the widgets are drawn)."""
    base: Briefing = state.get(keys.BRIEFING) or deck.stored
    title = str(state.get(keys.BRIEF_TITLE) or "").strip() or base.title
    events = ordered_ids(state.get(keys.BRIEF_EVENTS, base.events), deck.known_set)
    return Briefing(title, events, notes(base.notes))


def keep(briefing: Briefing) -> None:
    """Store the briefing being edited (it survives page changes)."""
    state.put(keys.BRIEFING, briefing)


def _save(deck: Deck) -> None:
    now = current(deck)
    name = state.get(keys.BRIEF_SAVE_NAME) or now.title
    try:
        path = save_briefing(now, name, briefings_dir())
    except OSError as exc:
        say("error", f"The briefing could not be saved ({exc.strerror or exc}).")
        return
    say("success", f"Saved as {path.name} in the briefings folder ({path.parent}).")


def _sort_by_date(deck: Deck) -> None:
    chosen = set(state.get(keys.BRIEF_EVENTS, []))
    state.put(keys.BRIEF_EVENTS, [eid for eid in deck.known if eid in chosen])


def _add_imported(deck: Deck) -> None:
    """Append the imported events that match the filter (dates, types, actors) to the slides."""
    dates = tuple(state.get(keys.BRIEF_ADD_DATES) or ())
    choice = EventFilter(
        dates[0] if dates else None, dates[-1] if dates else None,
        frozenset(state.get(keys.BRIEF_ADD_TYPES) or ()),
        frozenset(state.get(keys.BRIEF_ADD_ACTORS) or ()),
    )  # fmt: skip
    chosen = [e.id for e in filter_events(state.imported().events, choice)]
    state.put(keys.BRIEF_EVENTS, list(with_added(current(deck), chosen).events))
    say("success", f"{len(chosen)} imported event(s) match; the new ones were added as slides.")


def _imported_section(deck: Deck) -> None:
    imported = state.imported().events
    if not imported:
        return
    types, actors = sorted({e.event_type for e in imported}), sorted({a for e in imported for a in e.actors})
    state.keep_fitting(keys.BRIEF_ADD_TYPES, types)  # other events imported since they were chosen
    state.keep_fitting(keys.BRIEF_ADD_ACTORS, actors)
    with st.sidebar.expander(f"Add imported events ({len(imported)} in this session)"):
        st.date_input("Between", value=[], key=keys.BRIEF_ADD_DATES, persist_state=state.KEPT)
        st.multiselect("Types", types, key=keys.BRIEF_ADD_TYPES, persist_state=state.KEPT)
        st.multiselect("Actors", actors, key=keys.BRIEF_ADD_ACTORS, persist_state=state.KEPT)
        st.button("Add the matching events", key=keys.BRIEF_ADD, on_click=_add_imported, args=(deck,))


def slide_list(deck: Deck) -> tuple[Briefing, Naming]:
    """The sidebar's slide list and briefing file controls; returns the briefing and the naming."""
    sb = st.sidebar
    sb.markdown("### Briefing")
    title = sb.text_input("Title", key=keys.BRIEF_TITLE, max_chars=200, persist_state=state.KEPT)
    selected = sb.multiselect(
        "Slides, in order (one per event; the order you pick is the order shown)",
        list(deck.known),
        key=keys.BRIEF_EVENTS,
        format_func=deck.label,
        persist_state=state.KEPT,
    )
    sb.button("Sort the slides by date", key=keys.BRIEF_SORT, on_click=_sort_by_date, args=(deck,))
    naming: Naming = sb.radio(
        "Place names", NAMINGS, key=keys.BRIEF_NAMING, format_func=NAMING_LABELS.__getitem__, persist_state=state.KEPT
    )
    stored = deck.stored
    briefing = Briefing(title.strip() or stored.title, ordered_ids(selected, deck.known_set), notes(stored.notes))
    keep(briefing)
    _imported_section(deck)
    saved = list_briefings(briefings_dir())
    state.keep_fitting(keys.BRIEF_SAVED_PICK, saved)  # a file deleted meanwhile is no longer chosen
    with sb.expander("Save or load a briefing file"):
        st.text_input(
            "File name", key=keys.BRIEF_SAVE_NAME, placeholder=sanitise_name(briefing.title), persist_state=state.KEPT
        )
        st.button("Save to the briefings folder", key=keys.BRIEF_SAVE, on_click=_save, args=(deck,))
        st.download_button(
            "Download the briefing file",
            briefing_json(briefing),
            file_name=sanitise_name(briefing.title),
            mime="application/json",
            key=keys.BRIEF_DOWNLOAD_FILE,
            on_click="ignore",
        )
        st.selectbox(
            "Saved briefings",
            saved,
            index=None,
            key=keys.BRIEF_SAVED_PICK,
            placeholder="Choose a file…",
            persist_state=state.KEPT,
        )
        st.button(
            "Open the saved briefing", key=keys.BRIEF_LOAD_SAVED, on_click=_load_saved, args=(deck,), disabled=not saved
        )
        st.file_uploader("Or upload a briefing file (.json)", type=["json"], key=keys.BRIEF_UPLOAD)
        st.button("Load the uploaded file", key=keys.BRIEF_LOAD_UPLOAD, on_click=_load_upload, args=(deck,))
    for kind, text in state.get(keys.BRIEF_MESSAGES, []):
        getattr(sb, kind)(text)
    state.put(keys.BRIEF_MESSAGES, [])
    return briefing, naming
