"""The Data page: the catalogue of files and layers, downloads of the dataset or a slice, and
bringing your own events (upload, check every row, add to the map and timeline, save, load again).

The parts live in ui/: data_catalogue, data_download, data_import.
"""

from __future__ import annotations

import streamlit as st

from ui import data
from ui.data_catalogue import catalogue_section
from ui.data_download import export_section
from ui.data_import import import_section, imported_notice, saved_section
from ui.errors import load_or_stop

tl = load_or_stop(data.active_timeline)
bundled = load_or_stop(lambda: data.dataset(*data.current_args()))
st.title("Data")
catalogue_section(bundled)
export_section(tl.dataset, tl.stops)
import_section(bundled)
imported_notice()
saved_section(bundled)
