"""Saves that are interrupted lose nothing: the previous file stays whole and loadable.

Three writers: corridor/userdata.save_dataset (named datasets), export/briefing.save_briefing
(briefing files) and publish/static.write_bundle (the map data bundle). Each is interrupted two ways:
- in this process, os.replace raises (a full disk, a permission error at the last step);
- in a child process that is SIGKILLed in the middle of the save (a patched os.fsync / os.replace
  tells the parent it has got there, then sleeps), which no try/finally can clean up after.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from corridor.errors import DataError
from corridor.parse import parse_event
from corridor.records import Event
from corridor.userdata import list_datasets, load_saved, save_dataset
from export.briefing import Briefing, list_briefings, read_briefing, save_briefing
from publish.static import write_bundle

ROOT = Path(__file__).resolve().parents[2]
WAIT_S = 30


def events(*titles: str) -> tuple[Event, ...]:
    return tuple(
        parse_event({"id": f"import-{i}", "date": "2023-04-23", "title": t, "event_type": "x", "confidence": "low"}, {})
        for i, t in enumerate(titles)
    )


@pytest.fixture
def boom(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    yield


# --- os.replace fails ------------------------------------------------------------------------------


def test_dataset_save_failing_at_replace_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_dataset("mine", events("first"), tmp_path)
    before = (tmp_path / "mine.json").read_bytes()

    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space"):
        save_dataset("mine", events("second", "third"), tmp_path, replace=True)
    monkeypatch.undo()
    assert (tmp_path / "mine.json").read_bytes() == before
    assert [e.title for e in load_saved("mine", {}, tmp_path)] == ["first"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.json"], "the temporary file is removed"


def test_dataset_save_refuses_to_overwrite_without_replace(tmp_path: Path) -> None:
    save_dataset("mine", events("first"), tmp_path)
    with pytest.raises(DataError, match="already exists"):
        save_dataset("mine", events("second"), tmp_path)
    assert [e.title for e in load_saved("mine", {}, tmp_path)] == ["first"]


def test_briefing_save_failing_at_replace_keeps_the_previous_file(tmp_path: Path, boom: None) -> None:
    target = tmp_path / "talk.json"
    target.write_text(json.dumps({"format": "lachin-briefing", "version": 1, "title": "Old", "events": []}))
    before = target.read_bytes()
    with pytest.raises(OSError, match="No space"):
        save_briefing(Briefing("New", ()), "talk", tmp_path)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["talk.json"], "the temporary file is removed"


def test_bundle_write_failing_at_replace_leaves_no_temporary_file(tmp_path: Path, boom: None) -> None:
    with pytest.raises(OSError):
        write_bundle(b'{"a": 1}', tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_bundle_write_failing_at_replace_leaves_no_final_file(tmp_path: Path, boom: None) -> None:
    with pytest.raises(OSError):
        write_bundle(b'{"a": 1}', tmp_path)
    assert not list(tmp_path.glob("map-*.json")), "a half-written bundle must never carry the final name"


# --- SIGKILL in the middle of a save (child process) ------------------------------------------------

CHILD = """
import os, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
marker = Path({marker!r})
real = os.{hook}

def stall(*args, **kwargs):
    marker.write_text("in " + {hook!r})
    time.sleep(60)
    return real(*args, **kwargs)

os.{hook} = stall
{body}
"""


def run_and_kill(tmp_path: Path, hook: str, body: str) -> None:
    """Run ``body`` in a child whose os.<hook> stalls; SIGKILL the child once it is stalled there."""
    marker = tmp_path / "child-reached"
    code = CHILD.format(root=str(ROOT), marker=str(marker), hook=hook, body=textwrap.dedent(body))
    child = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stderr=subprocess.PIPE)
    deadline = time.monotonic() + WAIT_S
    while not marker.exists():
        if child.poll() is not None:
            pytest.fail(
                f"the child ended before the save stalled: {child.stderr.read().decode() if child.stderr else ''}"
            )
        if time.monotonic() > deadline:
            child.kill()
            pytest.fail("the child never reached the stalled call")
        time.sleep(0.05)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=WAIT_S)
    assert child.returncode == -signal.SIGKILL
    marker.unlink()


@pytest.mark.parametrize("hook", ["fsync", "replace"])
def test_dataset_save_killed_midway_keeps_the_previous_file(tmp_path: Path, hook: str) -> None:
    folder = tmp_path / "datasets"
    save_dataset("mine", events("first"), folder)
    before = (folder / "mine.json").read_bytes()
    run_and_kill(
        tmp_path,
        hook,
        f"""
        from corridor.parse import parse_event
        from corridor.userdata import save_dataset
        big = [parse_event({{"id": f"import-{{i}}", "date": "2023-04-23", "title": "new " * 500,
                             "event_type": "x", "confidence": "low"}}, {{}}) for i in range(2000)]
        save_dataset("mine", big, Path({str(folder)!r}), replace=True)
        """,
    )
    assert (folder / "mine.json").read_bytes() == before
    assert [e.title for e in load_saved("mine", {}, folder)] == ["first"]
    assert list_datasets(folder) == ["mine"], "a leftover temporary file is not offered as a dataset"
    leftovers = [p.name for p in folder.iterdir() if p.name != "mine.json"]
    assert all(name.startswith(".save-") for name in leftovers), leftovers
    save_dataset("mine", events("again"), folder, replace=True)  # a later save still works
    assert [e.title for e in load_saved("mine", {}, folder)] == ["again"]


@pytest.mark.parametrize("hook", ["fsync", "replace"])
def test_briefing_save_killed_midway_keeps_the_previous_file(tmp_path: Path, hook: str) -> None:
    folder = tmp_path / "briefings"
    save_briefing(Briefing("Old", (), {}), "talk", folder)
    before = (folder / "talk.json").read_bytes()
    run_and_kill(
        tmp_path,
        hook,
        f"""
        from export.briefing import Briefing, save_briefing
        save_briefing(Briefing("New " * 50, tuple(f"ev-{{i}}" for i in range(5000)), {{}}), "talk",
                      Path({str(folder)!r}))
        """,
    )
    assert (folder / "talk.json").read_bytes() == before
    assert read_briefing("talk", set(), folder).briefing.title == "Old"
    assert list_briefings(folder) == ["talk.json"]


def test_bundle_write_killed_midway_leaves_no_final_file(tmp_path: Path) -> None:
    """A bundle is named by its content hash and written only if that name is absent: a partial
    file under the final name would be served, broken, for as long as the data does not change."""
    folder = tmp_path / "generated"
    payload = json.dumps({"events": ["x" * 100] * 20_000}).encode()
    source = tmp_path / "payload.bin"
    source.write_bytes(payload)
    run_and_kill(
        tmp_path,
        "replace",
        f"""
        from publish.static import write_bundle
        write_bundle(Path({str(source)!r}).read_bytes(), Path({str(folder)!r}))
        """,
    )
    assert not list(folder.glob("map-*.json"))
    url = write_bundle(payload, folder)  # the next start writes it whole
    (final,) = folder.glob("map-*.json")
    assert url.endswith(final.name)
    assert final.read_bytes() == payload
