"""The Data page's catalogue: every data file, its licence and confidence, the map layers it feeds."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from corridor import catalogue
from corridor.provenance import file_summary
from corridor.records import Dataset
from layers.catalogue import LAYERS


def catalogue_section(bundled: Dataset) -> None:
    """Every data file: title, licence, confidence levels, record count, the map layers it feeds."""
    st.header("Catalogue")
    st.caption("Every file in geo/ (documented in geo/README.md) and the map layers drawn from it.")
    rows = []
    for spec in catalogue.DATA_FILES:
        count, confidence = file_summary(bundled, spec.key)
        drawn_by = [layer.title for layer in LAYERS if spec in layer.files]
        rows.append(
            {
                "title": spec.title,
                "file": spec.filename,
                "source": spec.source,
                "licence": spec.licence,
                "caveats": spec.caveats,
                "confidence": confidence,
                "records": count,
                "map layers": ", ".join(drawn_by) or "(not a map layer)",
            }
        )
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        column_config={
            "title": st.column_config.TextColumn(width="medium"),
            "caveats": st.column_config.TextColumn(width="large"),
        },
    )
