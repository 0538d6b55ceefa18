"""corridor.atomic: files the app writes are readable as the umask allows (issue 12), never 0600 by accident."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from corridor.atomic import write_atomic
from corridor.parse import parse_event
from corridor.userdata import save_dataset
from export.pack import PackFile, write_pack
from publish.static import write_bundle


@pytest.fixture(params=[0o022, 0o027, 0o077], ids=lambda m: f"umask-{m:03o}")
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """Run the test under this umask, then restore the process's own."""
    previous = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    """The permission bits of a file."""
    return stat.S_IMODE(path.stat().st_mode)


def test_write_atomic_creates_files_as_the_umask_allows(tmp_path: Path, umask: int) -> None:
    target = write_atomic(tmp_path / "x.json", b"{}")
    assert mode(target) == 0o666 & ~umask
    write_atomic(target, b"[]")  # a replacement is created the same way
    assert mode(target) == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]


def test_saved_datasets_pack_files_and_map_bundles_follow_the_umask(tmp_path: Path, umask: int) -> None:
    raw = {"id": "import-a", "date": "2023-04-23", "title": "t", "event_type": "x", "confidence": "low"}
    saved = save_dataset("mine", (parse_event(raw, {}),), tmp_path / "datasets")
    (packed,) = write_pack([PackFile("a.pdf", b"%PDF-1", "application/pdf")], tmp_path / "pack")
    write_bundle(b'{"layers": []}', tmp_path / "generated")
    (bundle,) = (tmp_path / "generated").iterdir()
    for path in (saved, packed, bundle):
        assert mode(path) == 0o666 & ~umask, path
