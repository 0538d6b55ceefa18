"""One PNG per slide: the static map at the slide's date, with its date, title and status stamped on it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from export.slides import Slide

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def png_name(slide: Slide) -> str:
    """'slide-03-2022-08-30-ev-2022-08-30-new-route.png' (safe as a file name anywhere)."""
    event_id = _UNSAFE.sub("-", slide.event.id).strip("-") or "event"
    return f"slide-{slide.number:02d}-{slide.state.day.isoformat()}-{event_id}.png"


def png_files(slides: Sequence[Slide], maps: Sequence[bytes]) -> list[tuple[str, bytes]]:
    """(file name, PNG bytes) for each slide; ``maps[i]`` is the map of ``slides[i]``."""
    if len(maps) != len(slides):
        raise ValueError(f"{len(slides)} slides but {len(maps)} map images")
    return [(png_name(s), png) for s, png in zip(slides, maps, strict=True)]
