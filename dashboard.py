"""Lachin Corridor briefing dashboard: the router, and the server that warms it.

Run with `streamlit run dashboard.py`. Sets the page config, lists the pages, and runs the one the
URL names. Each page lives in app_pages/ and wires widgets to the pure packages corridor/, layers/,
present/ and export/. (Not pages/: Streamlit runs the files of a folder with that name without this
router when a page URL is the first request.)

`streamlit run` reads this file twice. It finds the ``st.App`` below and imports the file by name
to serve it: the app's lifespan warms the first run's imports and data in a thread while the server
and the browser boot (ui/warmup.py), and the Map page's HTML draws the map while the page starts
(ui/early_map.py). Each session then runs the file as ``__main__``: the router.
"""

from __future__ import annotations

import streamlit as st

if __name__ != "__main__":  # imported by `streamlit run` (Streamlit 1.67's st.App): serve, warmed
    from ui import early_map
    from ui.warmup import lifespan

    app = st.App(__file__, lifespan=lifespan, routes=early_map.routes())
else:  # a session's run: the router
    from ui import state
    from ui.data import show_extra_events_problem

    st.set_page_config(
        page_title="Lachin Corridor briefing map",
        page_icon="🗺️",
        layout="wide",
        initial_sidebar_state="expanded",
    )

    PAGES = [
        st.Page("app_pages/map.py", title="Map", url_path="map", default=True),
        st.Page("app_pages/timeline.py", title="Timeline", url_path="timeline"),
        st.Page("app_pages/sources.py", title="Sources", url_path="sources"),
        st.Page("app_pages/data.py", title="Data", url_path="data"),
        st.Page("app_pages/briefing.py", title="Briefing", url_path="briefing"),
    ]

    # Compact chrome: more room for the map on a projector, and the page's top just below the header
    # with the page links (60 px: with less, the header hid the map's top edge and the zoom button's).
    st.markdown(
        "<style>.block-container{padding-top:3rem;padding-bottom:1rem;max-width:100%;}</style>",
        unsafe_allow_html=True,
    )

    state.restore_imported_from_url()
    show_extra_events_problem()
    st.navigation(PAGES, position="top").run()
