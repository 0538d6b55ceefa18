"""Presentation builders shared by pages and exports: annotation HTML, plain-text summaries.

Pure Python (no Streamlit); all HTML is built from parts escaped by corridor.text.
"""
