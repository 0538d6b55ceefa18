"""The Briefing page's pack: build PDF, PowerPoint, PNG and offline HTML from the current briefing,
then offer each file (and a zip of all) for download."""

from __future__ import annotations

import time
from collections.abc import Callable

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from corridor.naming import Naming
from corridor.timemodel import Timeline
from export.briefing import Briefing, briefing_json, needs_confirmation
from export.pack import FORMAT_LABELS, FORMATS, PackFile, build_pack, file_stem, zip_pack
from ui import keys, state


def _progress(bar: DeltaGenerator) -> Callable[[float, str], None]:
    def report(fraction: float, message: str) -> None:
        bar.progress(fraction, text=message)

    return report


def _data_of(f: PackFile) -> Callable[[], bytes]:
    """The file's bytes on demand: download buttons then do not re-send the pack on every step."""
    return lambda: f.data


def pack_section(tl: Timeline, briefing: Briefing, naming: Naming) -> None:
    """Formats, the build button, and the files of the last pack built for this very briefing."""
    formats = st.multiselect(
        "Formats", FORMATS, default=list(FORMATS), key=keys.BRIEF_FORMATS, format_func=FORMAT_LABELS.__getitem__
    )
    signature = (briefing_json(briefing), tuple(formats), naming)
    big = needs_confirmation(len(briefing.events))
    sure = not big or st.checkbox(
        f"Yes, build all {len(briefing.events)} slides (takes minutes)", key=keys.BRIEF_CONFIRM_BIG
    )
    if st.button("Build the pack", key=keys.BRIEF_BUILD, disabled=not formats or not sure, type="primary"):
        with st.status("Building the briefing pack…", expanded=True) as status:
            bar = st.progress(0.0, text="Drawing the maps…")
            started = time.perf_counter()
            files = build_pack(tl, briefing, formats=formats, naming=naming, progress=_progress(bar))
            files = [zip_pack(files, f"{file_stem(briefing.title)}-pack.zip"), *files]
            state.put(keys.BRIEF_PACK, (signature, files))
            status.update(
                label=f"Pack ready: {len(files) - 1} files in {time.perf_counter() - started:.1f} s",
                state="complete",
                expanded=False,
            )
    pack = state.get(keys.BRIEF_PACK)
    if pack and pack[0] == signature:
        for i, f in enumerate(pack[1]):
            st.download_button(
                f.name,
                _data_of(f),
                file_name=f.name,
                mime=f.mime,
                key=f"{keys.BRIEF_PACK_PREFIX}{i}",
                on_click="ignore",
                icon=":material/download:",
            )
    elif pack:
        st.caption("The briefing changed since the pack was built: build it again for the current slides.")
