"""The Briefing page: chosen events as slides, stepped with the keyboard, and the offline pack.

Widgets only: the slides, the briefing file and the pack are built by the pure package export/.
The parts live in ui/: briefing_slides (the slide list and briefing file), briefing_presenter (the
slide, stepping, notes), briefing_pack (the pack). The map is the Map page's widget (ui/mapwidget.py):
the same map, drawn once per visit and never rebuilt; each slide sends only its small state, fitted
to the slide's event.
"""

from __future__ import annotations

import streamlit as st

from export.slides import build_slides
from ui import data
from ui.briefing_pack import pack_section
from ui.briefing_presenter import audience_view, presenter_notes, show_slide, slide_index, slide_nav
from ui.briefing_slides import open_deck, slide_list
from ui.errors import load_or_stop

tl = load_or_stop(data.active_timeline)
deck = open_deck(tl)
briefing, naming = slide_list(deck)

slides = build_slides(tl, briefing, naming)
if not slides:  # in the presenter's view, whatever view is kept: the sidebar is where slides are chosen
    st.info("Choose at least one event in the sidebar: each becomes a slide.")
    st.stop()
audience = audience_view()
index = slide_index(len(slides))
map_column = show_slide(deck, slides[index], len(slides), naming)
slide_nav(index, len(slides))

if not audience:
    current = presenter_notes(deck, briefing, slides, index, beside=map_column)
    with st.sidebar.expander("Briefing pack (works offline)", expanded=False):
        pack_section(tl, current, naming)
