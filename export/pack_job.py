"""The briefing pack built in a process of its own, with its progress in a file the page polls.

A server thread must not draw 44 maps (it would hold the session for as long, and compete with
every other user's reruns for the interpreter): ``PackJob.start`` hands the timeline and the
briefing to a fresh ("spawn": a server's threads are not forked) process at a lower priority, which
builds the pack with ``export.pack.build_pack`` (its own map workers) and writes the files and a
small JSON progress record (``progress.json``: state, fraction, message) into a private folder. The
page reads ``status()`` on a timer and, once done, ``files()``. No Streamlit here.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Literal

from corridor.atomic import write_atomic
from corridor.naming import Naming
from corridor.timemodel import Timeline
from export.briefing import Briefing
from export.pack import Format, PackFile, build_pack, file_stem, mime_of, write_pack, zip_pack

JobState = Literal["running", "done", "failed"]
PROGRESS = "progress.json"
NICE = 5  # below the server's own threads: the pack waits, other users' pages do not


@dataclass(frozen=True)
class JobStatus:
    """What a pack job is doing: its state, how far it is (0-1), its last message, and the error."""

    state: JobState
    fraction: float
    message: str
    error: str = ""
    names: tuple[str, ...] = ()  # the files written, in order, once done


def write_status(folder: Path, status: JobStatus) -> None:
    """Write the progress record atomically (the page never reads half a file)."""
    record = {
        "state": status.state,
        "fraction": status.fraction,
        "message": status.message,
        "error": status.error,
        "names": list(status.names),
    }
    write_atomic(folder / PROGRESS, json.dumps(record).encode("utf-8"), prefix=".progress-")


def read_status(folder: Path) -> JobStatus | None:
    """The last progress record, or None before the first one is written."""
    try:
        record = json.loads((folder / PROGRESS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return JobStatus(
        record["state"], float(record["fraction"]), str(record["message"]), str(record.get("error", "")),
        tuple(record.get("names", ())),
    )  # fmt: skip


def run_job(tl: Timeline, briefing: Briefing, formats: tuple[Format, ...], naming: Naming, folder: Path) -> None:
    """The job's process: build the pack (and its zip, first), write the files and the progress."""
    with contextlib.suppress(OSError):
        os.nice(NICE)
    write_status(folder, JobStatus("running", 0.0, "Starting…"))

    def report(fraction: float, message: str) -> None:
        write_status(folder, JobStatus("running", fraction, message))

    try:
        files = build_pack(tl, briefing, formats=formats, naming=naming, progress=report, workers=os.cpu_count() or 1)
        files = [zip_pack(files, f"{file_stem(briefing.title)}-pack.zip"), *files]
        write_pack(files, folder / "files")
    except Exception as exc:
        write_status(folder, JobStatus("failed", 0.0, "The pack could not be built.", f"{type(exc).__name__}: {exc}"))
        raise
    write_status(
        folder, JobStatus("done", 1.0, f"Pack ready: {len(files) - 1} files", names=tuple(f.name for f in files))
    )


Target = Callable[[Timeline, Briefing, tuple[Format, ...], Naming, Path], None]


@dataclass
class PackJob:
    """A running (or finished) pack build: its process, its folder, and when it started."""

    process: BaseProcess
    folder: Path
    started: float

    @classmethod
    def start(
        cls,
        tl: Timeline,
        briefing: Briefing,
        formats: Sequence[Format],
        naming: Naming,
        *,
        target: Target = run_job,
    ) -> PackJob:
        """Start building in a new process; returns at once."""
        folder = Path(tempfile.mkdtemp(prefix="lachin-pack-"))
        context = multiprocessing.get_context("spawn")
        process = context.Process(
            target=target, args=(tl, briefing, tuple(formats), naming, folder), name="briefing-pack"
        )  # not a daemon: it starts its own map workers
        process.start()
        return cls(process, folder, time.monotonic())

    def status(self) -> JobStatus:
        """Running (with the last progress), done, or failed (with the error, also when the process died)."""
        status = read_status(self.folder)
        if status is not None and status.state != "running":
            return status
        if self.process.is_alive() or self.process.exitcode is None:
            return status or JobStatus("running", 0.0, "Starting…")
        status = read_status(self.folder)  # written just before the process ended?
        if status is not None and status.state != "running":
            return status
        return JobStatus(
            "failed", 0.0, "The pack could not be built.", f"the build stopped (exit code {self.process.exitcode})"
        )

    def files(self) -> list[PackFile]:
        """The files of a finished job, read into memory, in the order written (the zip first)."""
        status = self.status()
        if status.state != "done":
            raise RuntimeError(f"the pack is not ready ({status.state})")
        return [PackFile(name, (self.folder / "files" / name).read_bytes(), mime_of(name)) for name in status.names]

    def elapsed(self) -> float:
        """Seconds since the job started."""
        return time.monotonic() - self.started

    def close(self) -> None:
        """Stop the process if it still runs, and remove the job's folder."""
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(5)
        shutil.rmtree(self.folder, ignore_errors=True)
