"""Where each text of an event slide goes, at fixed projector sizes (no PowerPoint library needed).

Shared by the deck (export.pptx), the PNG slides (export.png) and the HTML slides (export.slide_html):
every text at least MIN_PT (18 pt), titles at least TITLE_PT (28 pt), at most MAX_WORDS words, the
map taking most of the slide. Nothing is shrunk to fit: a text that does not fit its box goes to
the speaker notes, a key quote too long for the column to a continuation slide. Text cannot be
measured without a renderer here, so heights are a conservative estimate (greedy word wrap at an
average glyph width).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from corridor.records import Dataset
from export.citations import KeyQuote, event_quotes, key_quote
from export.slides import Slide
from export.static_map import FIGSIZE
from layers.style import route_style

SLIDE_W, SLIDE_H = 13.333, 7.5  # inches, 16:9
MARGIN = 0.35
GUTTER = 0.25
MAP_MAX_W = 8.9  # the map takes most of the slide; the text column keeps at least ~3.4 in
MIN_PT = 18.0
TITLE_PT = 28.0
QUOTE_PT = 20.0
MAX_WORDS = 120
AVG_CHAR_EM = 0.56  # average glyph width of mixed English text in the theme font, in em (bold: +6 %)
LINE = 1.2
PX_PER_IN = 144  # the PNG slides: 1920 x 1080, so 1 pt = 2 px
INK, GREY, BLUE = "111111", "444444", "0B3D91"
NOTES_POINTER = "More in the speaker notes."


@dataclass(frozen=True)
class Run:
    """One paragraph of a text box: its text, size in points and look."""

    text: str
    size: float = MIN_PT
    bold: bool = False
    italic: bool = False
    colour: str = INK
    space_after: float = 0.3  # in lines of its own size

    def __post_init__(self) -> None:
        if self.size < MIN_PT:
            raise ValueError(f"{self.size} pt is under the slide minimum of {MIN_PT} pt: {self.text[:40]!r}")


def word_count(runs: Sequence[Run]) -> int:
    """Words in the runs, as a reader counts them."""
    return sum(len(r.text.split()) for r in runs)


def _wrapped_lines(text: str, per_line: int) -> int:
    total = 0
    for chunk in text.split("\n"):
        lines, used = 1, 0
        for word in filter(None, chunk.split(" ")):  # plain spaces only: a no-break space holds words together
            need = len(word) + (1 if used else 0)
            if used and used + need > per_line:
                lines, used = lines + 1, len(word)
            else:
                used += need
        total += lines
    return total


def height_pt(runs: Sequence[Run], width_in: float) -> float:
    """The estimated height of the runs set in a box ``width_in`` wide (inner margins included)."""
    width_pt = width_in * 72 - 10
    total = 0.0
    for run in runs:
        em = AVG_CHAR_EM * (1.06 if run.bold else 1.0)
        per_line = max(1, int(width_pt / (run.size * em)))
        total += _wrapped_lines(run.text, per_line) * run.size * LINE + run.space_after * run.size * LINE
    return total + 8


def fits(runs: Sequence[Run], width_in: float, height_in: float) -> bool:
    """True when the runs are estimated to fit the box at their own sizes."""
    return height_pt(runs, width_in) <= height_in * 72


def quote_runs(quote: KeyQuote | None, size: float = QUOTE_PT) -> list[Run]:
    """The key quote and its one attribution line (or the line saying there is none)."""
    if quote is None:
        return [Run("No statement is recorded for this event by this day.", MIN_PT, italic=True, colour=GREY)]
    italic = quote.attribution in ("reported", "paraphrase")
    return [
        Run(f"“{quote.text}”", size, italic=italic, space_after=0.2),
        Run(f"— {quote.line}", MIN_PT, colour=GREY, space_after=0.6),
    ]


@dataclass(frozen=True)
class EventLayout:
    """What goes where for one event: header, map box, the column's runs, an optional continuation."""

    header: list[Run]
    header_h: float
    map_box: tuple[float, float, float, float]
    column_box: tuple[float, float, float, float]
    column: list[Run]
    continuation: list[Run]  # the key quote on its own slide when it does not fit the column
    left_out: list[str]  # texts moved to the speaker notes


def header_runs(slide: Slide) -> list[Run]:
    return [Run(slide.event.title, TITLE_PT, True, space_after=0)]


def day_line(slide: Slide, total: int, continued: bool = False) -> Run:
    """The day and the slide's number; "slide N of M" never breaks across lines (no-break spaces)."""
    more = "\u00a0(continued)" if continued else ""
    count = f"slide\u00a0{slide.number}\u00a0of\u00a0{total}{more}"
    return Run(f"{slide.day_label} · {count}", MIN_PT, True, colour=BLUE, space_after=0.4)


def change_priority(sentence: str) -> int:
    """Which 'what changed' sentences a full column keeps first: the map's own changes (route,
    checkpoint, going back in time), then the status change, then status notes and statement lists."""
    if sentence.startswith("Status note") or " new statement" in sentence or sentence.startswith("1 new"):
        return 2
    return 1 if "status" in sentence.lower() else 0


def layout_event(ds: Dataset, slide: Slide, total: int) -> EventLayout:
    """Lay one event out at fixed sizes; what does not fit goes to the notes or a continuation slide."""
    width = SLIDE_W - 2 * MARGIN
    header = header_runs(slide)
    header_h = height_pt(header, width) / 72
    map_top = 0.15 + header_h + 0.05
    map_h = SLIDE_H - map_top - 0.2
    map_w = map_h * FIGSIZE[0] / FIGSIZE[1]
    if map_w > MAP_MAX_W:
        map_w, map_h = MAP_MAX_W, MAP_MAX_W * FIGSIZE[1] / FIGSIZE[0]
    map_w, map_h = (math.floor(v * PX_PER_IN) / PX_PER_IN for v in (map_w, map_h))  # whole pixels of a PNG slide
    col_x = MARGIN + map_w + GUTTER
    col = (col_x, map_top, SLIDE_W - col_x - MARGIN, SLIDE_H - map_top - 0.2)
    budget = MAX_WORDS - word_count(header)
    column: list[Run] = [day_line(slide, total)]
    continuation: list[Run] = []
    left_out: list[str] = []
    quote = key_quote(ds, slide.event, slide.state.day)
    runs = quote_runs(quote)
    if fits([*column, *runs], col[2], col[3]) and word_count(runs) <= budget - 6:
        column += runs
    else:
        continuation = quote_runs(quote, 24)
        column.append(Run("Key quote on the next slide.", MIN_PT, italic=True, colour=GREY))
    colour = route_style(slide.state.status)["color"].lstrip("#")
    heading = Run("What changed", MIN_PT, True, colour=colour, space_after=0.1)
    for sentence in sorted(slide.changes, key=change_priority):
        candidate = [*column, *([] if heading in column else [heading]), Run(sentence, MIN_PT, space_after=0.2)]
        pointer = Run(NOTES_POINTER, MIN_PT, italic=True, colour=GREY)
        if fits([*candidate, pointer], col[2], col[3]) and word_count([*candidate, pointer]) <= budget:
            column = candidate
        else:
            left_out.append(sentence)
    others = len(event_quotes(ds, slide.event, slide.state.day)) - (quote is not None)
    if left_out or others > 0:
        column.append(Run(NOTES_POINTER, MIN_PT, italic=True, colour=GREY))
    return EventLayout(header, header_h, (MARGIN, map_top, map_w, map_h), col, column, continuation, left_out)
