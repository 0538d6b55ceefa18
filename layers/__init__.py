"""Folium/Leaflet layer builders: one module per layer, tied together by layers.catalogue.

Pure Python (no Streamlit). Builders turn validated records into plain JSON-ready dicts; the
browser side (static/app/corridor_map.js) draws them and applies each date's state.
"""
