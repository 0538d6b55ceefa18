"""Atomic file writes: a killed process leaves the previous file or the new one, never half of one.

Files are created with mode 0666 less the process umask, like any file the app writes with open():
with the usual umask 022 a reverse proxy or a colleague can read them (tempfile.mkstemp would make
every saved dataset, pack file and map bundle 0600, readable by the app's own user only).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

FILE_MODE = 0o666  # the umask takes away what the administrator wants taken away
_ATTEMPTS = 100


def write_atomic(target: Path, data: bytes, *, prefix: str = ".tmp-") -> Path:
    """Write ``data`` to ``target`` via a temp file in the same folder, fsync, rename, fsync the folder.

    The temp file is removed if anything fails; temp names start with ``prefix`` and end in ``.tmp``
    so listings can skip them.
    """
    folder = target.parent
    fd, tmp = _create_temp(folder, prefix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(folder)
    return target


def _create_temp(folder: Path, prefix: str) -> tuple[int, Path]:
    """A new, empty file with a random name in ``folder``, open for writing (O_EXCL: never an existing file)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(_ATTEMPTS):
        path = folder / f"{prefix}{secrets.token_hex(8)}.tmp"
        try:
            return os.open(path, flags, FILE_MODE), path
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


def _fsync_dir(folder: Path) -> None:
    # The rename itself is durable only once the directory entry is flushed (POSIX; not on Windows).
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
