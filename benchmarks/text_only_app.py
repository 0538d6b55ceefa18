"""Benchmark baseline: a rerun that changes only text.

The same date slider as the map page (same options, same labels, in the sidebar) and one line of
text in the main area. benchmarks/bench_map.py starts it as its own Streamlit app; the map page's
step latency is compared with this one's. Not part of the dashboard.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.app_data import date_slider

st.set_page_config(page_title="Benchmark: text only", layout="wide")
date_slider()
