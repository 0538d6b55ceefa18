"""Data shared by the benchmark apps: the dataset the map page would show, its slider days and the slider."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import streamlit as st

from corridor.catalogue import GEO_DIR
from corridor.dates import format_day
from corridor.loader import load_dataset
from corridor.records import Dataset
from corridor.timemodel import Timeline

EXTRA_EVENTS_ENV = "CORRIDOR_EXTRA_EVENTS"  # the same variable ui/data.py reads


@st.cache_resource(show_spinner=False)
def timeline() -> Timeline:
    """The bundled events plus the CORRIDOR_EXTRA_EVENTS file, exactly as the dashboard loads them."""
    extra = os.environ.get(EXTRA_EVENTS_ENV, "").strip()
    ds: Dataset = load_dataset(GEO_DIR, Path(extra) if extra else None)
    return Timeline(ds)


def slider_days() -> list[dt.date]:
    """The days the map page's slider steps through."""
    return list(timeline().stops)


def initial_day(days: list[dt.date], wanted: str | None) -> dt.date:
    """The ?date= day if it is a stop, else the last stop."""
    try:
        day = dt.date.fromisoformat(wanted or "")
    except ValueError:
        return days[-1]
    return day if day in days else days[-1]


def date_slider() -> dt.date:
    """The map page's date slider in the sidebar (same options, labels and ?date= start) and the day
    it shows as one line of text: what every benchmark app draws the same way, so only their maps differ."""
    days = slider_days()
    if "date" not in st.session_state:
        st.session_state["date"] = initial_day(days, st.query_params.get("date"))
    day: dt.date = st.sidebar.select_slider(
        "Date", options=days, key="date", format_func=format_day, label_visibility="collapsed"
    )
    st.write(f"Day: {day.isoformat()}")
    return day
