"""Data shared by the benchmark apps: the dataset the map page would show, and its slider days."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import streamlit as st

from corridor.catalogue import GEO_DIR
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
