"""Show a data problem as a clear message instead of a traceback."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from corridor.errors import DataError

T = TypeVar("T")


def load_or_stop(load: Callable[[], T]) -> T:
    """Run a loader; on a DataError show which file and what is wrong, then stop the page."""
    try:
        return load()
    except DataError as exc:
        st.error(f"**The bundled data could not be loaded.** {exc}")
        st.caption("Fix the file named above (see geo/README.md for its fields) and reload the page.")
        st.stop()
        raise  # st.stop() raises; this line is for type checkers
