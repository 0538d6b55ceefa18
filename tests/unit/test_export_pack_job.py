"""export.pack_job: the pack built in a process of its own, its progress record, its files, its errors."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from corridor.timemodel import Timeline
from export.briefing import Briefing
from export.pack_job import JobStatus, PackJob, read_status, write_status

CHOSEN = ("ev-2022-08-30-new-route", "ev-2023-04-23-checkpoint")
FOUR = (*CHOSEN, "ev-2023-04-24-peskov", "ev-2023-06-15-hakari-shooting")  # enough for the map workers
TIMEOUT_S = 180


def _wait(job: PackJob) -> tuple[JobStatus, list[JobStatus]]:
    seen = []
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        status = job.status()
        seen.append(status)
        if status.state != "running":
            return status, seen
        time.sleep(0.1)
    raise AssertionError(f"the job did not end in {TIMEOUT_S} s: {seen[-1]}")


def _die(*_args: object) -> None:
    os._exit(3)  # a process that ends without writing a record (killed, out of memory)


def test_a_status_record_round_trips_and_a_missing_or_broken_one_reads_as_none(tmp_path: Path) -> None:
    assert read_status(tmp_path) is None
    (tmp_path / "progress.json").write_text("{not json", encoding="utf-8")
    assert read_status(tmp_path) is None
    done = JobStatus("done", 1.0, "Pack ready: 2 files", names=("a.zip", "a.pdf"))
    write_status(tmp_path, done)
    assert read_status(tmp_path) == done
    assert [p.name for p in tmp_path.iterdir()] == ["progress.json"]  # written atomically, no leftovers


def test_a_job_builds_in_another_process_with_rising_progress_then_offers_its_files(timeline: Timeline) -> None:
    job = PackJob.start(timeline, Briefing("Four slides", FOUR), ("png", "html"), "both")
    assert job.process.pid != os.getpid()
    try:
        final, seen = _wait(job)
        assert final.state == "done", final
        running = [s for s in seen if s.state == "running"]
        assert [s.fraction for s in running] == sorted(s.fraction for s in running)
        files = job.files()
        assert final.message == f"Pack ready: {len(files) - 1} files"
        names = [f.name for f in files]
        assert names[0] == "four-slides-pack.zip" and names[-1] == "four-slides-map.html"
        assert names[1:3] == [
            "slide-01-2022-08-30-ev-2022-08-30-new-route.png",
            "slide-02-2023-04-23-ev-2023-04-23-checkpoint.png",
        ]
        assert len(names) >= 6  # four slides (and any continuation), in the forked map workers
        assert files[1].data[:8] == b"\x89PNG\r\n\x1a\n" and files[1].mime == "image/png"
    finally:
        job.close()
    assert not job.folder.exists()


def test_a_failing_build_is_reported_with_its_error(timeline: Timeline) -> None:
    job = PackJob.start(timeline, Briefing("Nothing", ()), ("html",), "both")
    try:
        final, _ = _wait(job)
        assert final.state == "failed"
        assert final.error == "ValueError: the briefing has no slides: choose at least one event"
        with pytest.raises(RuntimeError, match="not ready"):
            job.files()
    finally:
        job.close()


def test_a_process_that_dies_without_a_word_is_a_failure_with_its_exit_code(timeline: Timeline) -> None:
    job = PackJob.start(timeline, Briefing("t", CHOSEN), ("html",), "both", target=_die)
    try:
        final, _ = _wait(job)
        assert final == JobStatus("failed", 0.0, "The pack could not be built.", "the build stopped (exit code 3)")
    finally:
        job.close()
