"""The view a URL describes: date, selected event, visible layers, naming, tiles.

Deep links must never crash a page: ``parse_view`` accepts any mapping of strings, falls back to
defaults for anything it cannot use, and reports each problem as a sentence for the user.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from corridor.dates import parse_day
from corridor.errors import DataError
from corridor.naming import DEFAULT_NAMING, NAMINGS, Naming

Tiles = Literal["bundled", "osm", "satellite"]  # the bundled basemap, OpenStreetMap tiles, satellite imagery
TILES: tuple[Tiles, ...] = ("bundled", "osm", "satellite")
MAX_PARAM_CHARS = 500
C = TypeVar("C", bound=str)
NO_LAYERS = "none"


@dataclass(frozen=True)
class View:
    """What the map page shows; every field has a safe default."""

    day: dt.date | None = None
    event_id: str | None = None
    layers: tuple[str, ...] = ()
    naming: Naming = DEFAULT_NAMING
    tiles: Tiles = "bundled"


@dataclass(frozen=True)
class ParsedView:
    """A view and the problems found while reading it from a URL."""

    view: View
    problems: tuple[str, ...] = field(default_factory=tuple)


def parse_view(
    params: Mapping[str, object],
    *,
    known_layers: Sequence[str],
    default_layers: Sequence[str],
    known_events: Mapping[str, dt.date],
) -> ParsedView:
    """Read a view from query parameters; unknown values fall back to defaults with a message."""
    problems: list[str] = []

    def get(name: str) -> str | None:
        value = params.get(name)
        if isinstance(value, list):
            value = value[-1] if value else None
        if value is None:
            return None
        text = str(value)
        if len(text) > MAX_PARAM_CHARS:
            problems.append(f"The '{name}' link parameter is too long and was ignored.")
            return None
        return text

    day: dt.date | None = None
    raw_day = get("date")
    if raw_day:
        try:
            day = parse_day(raw_day, field="date")
        except DataError:
            problems.append(
                f"The link's date {_quoted(raw_day, 40)} is not a valid YYYY-MM-DD day; showing the default date."
            )

    event_id = get("event")
    if event_id is not None and event_id not in known_events:
        problems.append(f"The link's event {_quoted(event_id, 40)} does not exist; it was ignored.")
        event_id = None
    if event_id is not None and day is None:
        day = known_events[event_id]

    layers = tuple(default_layers)
    raw_layers = get("layers")
    if raw_layers is not None:
        asked = [part.strip() for part in raw_layers.split(",") if part.strip() and part.strip() != NO_LAYERS]
        unknown = [a for a in asked if a not in known_layers]
        if unknown:
            problems.append(
                f"Unknown layers in the link were ignored: {', '.join(_quoted(u, 30) for u in unknown[:5])}."
            )
        chosen = tuple(k for k in known_layers if k in asked)
        # A link naming only unknown layers keeps the defaults rather than showing an empty map.
        layers = chosen if chosen or not unknown else tuple(default_layers)

    naming = _one_of(get("naming"), NAMINGS, DEFAULT_NAMING, "naming", problems)
    tiles = _one_of(get("tiles"), TILES, "bundled", "tiles", problems)

    return ParsedView(View(day, event_id, layers, naming, tiles), tuple(problems))


def _one_of(raw: str | None, choices: tuple[C, ...], default: C, what: str, problems: list[str]) -> C:
    """The choice ``raw`` names, or ``default`` (with a problem when the link named something else)."""
    if raw is None:
        return default
    for choice in choices:
        if choice == raw:
            return choice
    problems.append(f"The link's {what} {_quoted(raw, 20)} is not one of {', '.join(choices)}.")
    return default


def _quoted(text: str, limit: int) -> str:
    """The start of a value from the link, for a message, as a markdown code span.

    Pages show problems with st.warning, which renders markdown: a link value such as
    '[Log in](https://evil.example)' or '![](https://tracker.example/p.png)' must read as text,
    not become a link or load an image. Inside a code span markdown is inert; backticks, which
    could close the span, are shown as quotes. repr() shows control characters as escapes; those
    can make it ten times longer than the text, so it is cut again.
    """
    shown = repr(text[:limit]).replace("`", "'")
    return "`" + (shown if len(shown) <= 2 * limit else shown[: 2 * limit] + "...") + "`"


def view_params(view: View) -> dict[str, str]:
    """Query parameters that restore ``view`` (the inverse of parse_view)."""
    params: dict[str, str] = {}
    if view.day is not None:
        params["date"] = view.day.isoformat()
    if view.event_id:
        params["event"] = view.event_id
    params["layers"] = ",".join(view.layers) or NO_LAYERS
    params["naming"] = view.naming
    if view.tiles != "bundled":
        params["tiles"] = view.tiles
    return params
