"""The Briefing page's presenter: the slide (words, then the map), stepping, the audience view and
the presenter's part (the next slide's title, the elapsed-time clock, the speaker notes)."""

from __future__ import annotations

from typing import Literal

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from corridor.naming import Naming
from corridor.text import markdown_text
from export.briefing import Briefing
from export.slide_html import SLIDE_CSS, slide_html
from export.slides import Slide
from layers.catalogue import DEFAULT_VISIBLE
from present.annotation import PANEL_CSS
from ui import keys, state
from ui.briefing_clock import elapsed_clock
from ui.briefing_slides import Deck, current, keep
from ui.keyboard import slide_keys
from ui.mapwidget import corridor_map, step_state

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


def audience_view() -> bool:
    """True in the audience view (only the slide), and the page's styles drawn for it."""
    state.setdefault(keys.BRIEF_VIEW, VIEWS[0])  # the radio keeps the view chosen while another page is shown
    audience = state.get(keys.BRIEF_VIEW) == VIEWS[1]
    # Styles go through st.html, one block each: inside st.markdown a second <style> on the line that
    # closes the first one is read as Markdown text and shows on the page.
    for css in (PANEL_CSS, f"<style>{SLIDE_CSS}</style>", PROJECTOR_CSS, *([AUDIENCE_CSS] if audience else [])):
        st.html(css)
    return audience


def slide_index(count: int) -> int:
    """The slide shown, within 0..count-1."""
    index = max(0, min(count - 1, state.get(keys.SLIDE_INDEX, 0)))
    state.put(keys.SLIDE_INDEX, index)
    return int(index)


def _go(where: Where, count: int) -> None:
    index = state.get(keys.SLIDE_INDEX, 0)
    target = {"first": 0, "prev": index - 1, "next": index + 1, "last": count - 1}[where]
    state.put(keys.SLIDE_INDEX, max(0, min(count - 1, target)))


def show_slide(deck: Deck, slide: Slide, count: int, naming: Naming) -> DeltaGenerator:
    """The slide's words, then its map (the Map page's widget, fitted to the slide's event); returns
    the map's column, where the presenter's next-slide line and clock go, beside the slide."""
    text_col, map_col = st.columns([2, 3], gap="medium")
    with text_col:  # before the map in script order, so the words never wait for the map
        st.markdown(slide_html(deck.tl.dataset, slide, count), unsafe_allow_html=True)
    with map_col:
        step = step_state(
            deck.tl,
            slide.state.day,
            slide.event.id,
            naming=naming,
            layers=DEFAULT_VISIBLE,
            fit=slide.fit,
        )
        corridor_map(step, key="briefing_map", height=MAP_HEIGHT)
    return map_col


def slide_nav(index: int, count: int) -> None:
    """First / previous / next / last, the view switch, and the arrow keys."""
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
    nav[4].radio(
        "View", VIEWS, key=keys.BRIEF_VIEW, horizontal=True, label_visibility="collapsed", persist_state=state.KEPT
    )
    slide_keys()


def presenter_notes(
    deck: Deck, briefing: Briefing, slides: tuple[Slide, ...], index: int, beside: DeltaGenerator
) -> Briefing:
    """The next slide's title and the clock ``beside`` the slide (under its map), then keys help and
    the speaker notes; returns the briefing with the notes merged."""
    upcoming, clock = beside.columns([1, 1], vertical_alignment="center")  # the clock fits at 1280 px
    with upcoming:
        if index + 1 < len(slides):
            st.caption(markdown_text(f"Up next: {deck.label(slides[index + 1].event.id)}"))
        else:
            st.caption("Up next: nothing, this is the last slide.")
    with clock:
        elapsed_clock()
    st.caption("Keys: → or PageDown next · ← or PageUp previous · Home first · End last (click outside the map first).")
    slide = slides[index]
    note_key = keys.BRIEF_NOTE_PREFIX + slide.event.id
    state.setdefault(note_key, briefing.note(slide.event.id))
    st.text_area("Speaker notes for this slide (hidden in audience view)", key=note_key, height=110)
    now = current(deck)
    keep(now)
    return now
