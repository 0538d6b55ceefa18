"""Benchmark baseline: a rerun that changes only text.

The same date slider as the map page (same options, same labels, in the sidebar) and one line of
text in the main area. benchmarks/bench_map.py starts it as its own Streamlit app; the map page's
step latency is compared with this one's. Not part of the dashboard.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.app_data import initial_day, slider_days
from corridor.dates import format_day

st.set_page_config(page_title="Benchmark: text only", layout="wide")

days = slider_days()
if "date" not in st.session_state:
    st.session_state["date"] = initial_day(days, st.query_params.get("date"))
day: dt.date = st.sidebar.select_slider(
    "Date", options=days, key="date", format_func=format_day, label_visibility="collapsed"
)
st.write(f"Day: {day.isoformat()}")
