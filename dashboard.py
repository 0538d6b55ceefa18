"""Lachin Corridor briefing dashboard: the router.

Run with `streamlit run dashboard.py`. Sets the page config, lists the pages, and runs the one the
URL names. Each page lives in pages/ and wires widgets to the pure packages corridor/, layers/
and present/.
"""

from __future__ import annotations

import streamlit as st

st.set_page_config(
    page_title="Lachin Corridor briefing map",
    page_icon="🗺️",
    layout="wide",
    initial_sidebar_state="expanded",
)

PAGES = [
    st.Page("pages/map.py", title="Map", url_path="map", default=True),
    st.Page("pages/timeline.py", title="Timeline", url_path="timeline"),
    st.Page("pages/sources.py", title="Sources", url_path="sources"),
    st.Page("pages/data.py", title="Data", url_path="data"),
    st.Page("pages/briefing.py", title="Briefing", url_path="briefing"),
]

# Compact chrome: more room for the map on a projector.
st.markdown(
    "<style>.block-container{padding-top:2.2rem;padding-bottom:1rem;max-width:100%;}</style>",
    unsafe_allow_html=True,
)

st.navigation(PAGES, position="top").run()
