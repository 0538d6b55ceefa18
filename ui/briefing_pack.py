"""The Briefing page's pack: build PDF, PowerPoint, PNG and offline HTML from the current briefing
in a process of its own (export.pack_job), follow its progress, then offer each file (and a zip of
all) for download.

The build never runs in the script thread: the button starts the job and returns; a fragment polls
the job's progress file every POLL_S seconds (only the fragment reruns, not the page), and when the
job ends it stores the files (or the error) and reruns the page once to offer them.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from corridor.naming import Naming
from corridor.text import markdown_text
from corridor.timemodel import Timeline
from export.briefing import Briefing, briefing_json, needs_confirmation
from export.pack import FORMAT_LABELS, FORMATS, Format, PackFile
from export.pack_job import PackJob
from ui import keys, state

POLL_S = 0.5
Signature = tuple[str, tuple[str, ...], str]


def _data_of(f: PackFile) -> Callable[[], bytes]:
    """The file's bytes on demand: download buttons then do not re-send the pack on every step."""
    return lambda: f.data


@st.fragment(run_every=POLL_S)
def _follow(job: PackJob, signature: Signature) -> None:
    """The running job's progress bar ('Slide 3 of 44: map drawn'); at the end, its files or its error."""
    status = job.status()
    if status.state == "running":
        st.progress(status.fraction, text=f"{status.message} · {job.elapsed():.0f} s")
        return
    state.put(keys.BRIEF_JOB, None)
    if status.state == "done":
        state.put(keys.BRIEF_PACK, (signature, job.files()))
        state.put(keys.BRIEF_PACK_ERROR, None)
    else:
        state.put(keys.BRIEF_PACK_ERROR, status.error)
    job.close()
    st.rerun()  # the whole page: the downloads (or the error) show, and this timer stops


def _start(tl: Timeline, briefing: Briefing, formats: list[Format], naming: Naming, signature: Signature) -> None:
    """The button's callback (before the page runs, so the page already shows the build running)."""
    if state.get(keys.BRIEF_JOB):
        return  # one build at a time
    state.put(keys.BRIEF_PACK_ERROR, None)
    state.put(keys.BRIEF_JOB, (signature, PackJob.start(tl, briefing, formats, naming)))


def pack_section(tl: Timeline, briefing: Briefing, naming: Naming) -> None:
    """Formats, the build button, the build's progress, and the files of the last pack built for this
    very briefing."""
    formats = st.multiselect(
        "Formats",
        FORMATS,
        default=list(FORMATS),
        key=keys.BRIEF_FORMATS,
        format_func=FORMAT_LABELS.__getitem__,
        persist_state=state.KEPT,
    )
    signature: Signature = (briefing_json(briefing), tuple(formats), naming)
    big = needs_confirmation(len(briefing.events))
    sure = not big or st.checkbox(  # not kept: confirmed again after a page switch, for the build it guards
        f"Yes, build all {len(briefing.events)} slides (takes minutes)", key=keys.BRIEF_CONFIRM_BIG
    )
    running = state.get(keys.BRIEF_JOB)
    st.button(
        "Build the pack", key=keys.BRIEF_BUILD, disabled=not formats or not sure or bool(running), type="primary",
        on_click=_start, args=(tl, briefing, formats, naming, signature),
    )  # fmt: skip
    running = state.get(keys.BRIEF_JOB)
    if running:
        st.caption("Building in the background: you can keep stepping through the slides.")
        _follow(running[1], running[0])
    error = state.get(keys.BRIEF_PACK_ERROR)
    if error:
        st.error(markdown_text(f"The pack could not be built: {error}"), icon=":material/error:")
    pack = state.get(keys.BRIEF_PACK)
    if pack and pack[0] == signature:
        st.success(f"Pack ready: {len(pack[1]) - 1} files", icon=":material/check_circle:")
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
