"""Thin Streamlit glue: cached loaders, shared keys, sidebar widgets. Only this package,
dashboard.py and app_pages/ import Streamlit."""
