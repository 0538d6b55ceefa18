"""The briefing as a PowerPoint deck (python-pptx): a title slide, then one slide per event.

Every text is an ordinary, editable text box; the map is the static PNG (export.static_map).
The presenter's note for each event, the 'what changed' line and the full citations go into
the slide's notes pane. Type sizes are chosen to fit each box (an estimate: python-pptx cannot
measure text), between MAX and MIN sizes.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide as PptxSlide
from pptx.util import Emu, Inches, Pt

from corridor.catalogue import MAP_CREDIT_LINE
from corridor.dates import format_day
from corridor.records import Dataset
from export.citations import event_quotes, said_later_heading
from export.slides import Slide
from export.static_map import FIGSIZE
from layers.style import route_style

SLIDE_W, SLIDE_H = 13.333, 7.5  # inches, 16:9
MARGIN = 0.4
MAP_W = 7.2
TEXT_X = MARGIN + MAP_W + 0.3
AVG_CHAR_EM = 0.52  # average glyph width of mixed English text in the theme font, in em
LINE = 1.2
INK, GREY, BLUE = "111111", "555555", "0B3D91"
SUBJECT = "Briefing on the Lachin Corridor: its routes, its status and what each side said, quoted verbatim."
ATTRIBUTION = MAP_CREDIT_LINE  # one credit for every map (corridor/catalogue.py)


@dataclass(frozen=True)
class Run:
    """One paragraph of a text box: its text and relative size (1.0 = the box's body size)."""

    text: str
    scale: float = 1.0
    bold: bool = False
    italic: bool = False
    colour: str = INK
    space_after: float = 0.25  # in lines of the body size


def fit_size(runs: Sequence[Run], width_in: float, height_in: float, largest: float, smallest: float) -> float:
    """The largest body size (pt) at which the runs are estimated to fit the box."""
    size = largest
    while size > smallest:
        if _height_pt(runs, width_in * 72 - 10, size) <= height_in * 72 - 8:
            return size
        size -= 0.5
    return smallest


def _height_pt(runs: Sequence[Run], width_pt: float, size: float) -> float:
    total = 0.0
    for run in runs:
        pt = size * run.scale
        per_line = max(1, int(width_pt / (pt * AVG_CHAR_EM)))
        lines = sum(max(1, math.ceil(len(chunk) / per_line)) for chunk in run.text.split("\n"))
        total += lines * pt * LINE + run.space_after * size * LINE
    return total


def _text_box(
    slide: PptxSlide, box: tuple[float, float, float, float], runs: Sequence[Run], largest: float, smallest: float
) -> float:
    left, top, width, height = box
    shape = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = Emu(Inches(0.05))
    size = fit_size(runs, width, height, largest, smallest)
    for i, run in enumerate(runs):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.space_after = Pt(run.space_after * size * LINE)
        text_run = para.add_run()
        text_run.text = run.text
        font = text_run.font
        font.size = Pt(round(size * run.scale, 1))
        font.bold = run.bold
        font.italic = run.italic
        font.color.rgb = RGBColor.from_string(run.colour)
    return size


def speaker_notes(ds: Dataset, slide: Slide) -> str:
    """The notes pane: the presenter's note, what changed, then each quote's full citation."""
    parts = [slide.note.strip()] if slide.note.strip() else []
    parts.append(f"What changed since the previous slide: {slide.changes_text}")
    parts.append(f"Event: {slide.event.description}")
    for q in event_quotes(ds, slide.event, slide.state.day):
        later = f"{said_later_heading(slide.state.day)}: " if q.said_later else ""
        parts.append(f"{later}“{q.text}” ({q.kind_label}) {q.citation}" + (f" Note: {q.note}" if q.note else ""))
    return "\n\n".join(parts)


def _quote_runs(ds: Dataset, slide: Slide) -> list[Run]:
    runs: list[Run] = []
    heading = said_later_heading(slide.state.day)
    for q in event_quotes(ds, slide.event, slide.state.day):
        if q.said_later and not any(r.text == heading for r in runs):
            runs.append(Run(heading, 0.7, bold=True, colour=GREY, space_after=0.1))
        italic = q.attribution in ("reported", "paraphrase")
        runs.append(Run(q.text, 1.0, italic=italic, space_after=0.1))
        runs.append(Run(f"{q.kind_label}. {q.citation}", 0.62, colour=GREY, space_after=0.1))
        if q.correction:
            runs.append(Run(f"Correction: {q.correction}", 0.62, bold=True, colour="7A2A00", space_after=0.1))
        runs[-1] = Run(runs[-1].text, runs[-1].scale, runs[-1].bold, runs[-1].italic, runs[-1].colour, 0.7)
    return runs or [Run("No statement is recorded for this event.", 1.0, italic=True, colour=GREY)]


def _event_slide(prs: Deck, ds: Dataset, slide: Slide, total: int, map_png: bytes) -> None:
    page = prs.slides.add_slide(prs.slide_layouts[6])  # blank layout
    _text_box(
        page,
        (MARGIN, 0.2, SLIDE_W - 2 * MARGIN, 1.15),
        [
            Run(f"{slide.day_label} · slide {slide.number} of {total}", 0.6, True, colour=BLUE, space_after=0.05),
            Run(slide.event.title, 1.0, True, space_after=0),
        ],
        30,
        18,
    )
    map_h = MAP_W * FIGSIZE[1] / FIGSIZE[0]
    picture = page.shapes.add_picture(io.BytesIO(map_png), Inches(MARGIN), Inches(1.4), Inches(MAP_W), Inches(map_h))
    picture.name = f"Map on {slide.state.day.isoformat()}"
    picture._element.nvPicPr.cNvPr.set("descr", f"Map of the Lachin corridor on {format_day(slide.state.day)}")
    colour = route_style(slide.state.status)["color"].lstrip("#")
    _text_box(
        page,
        (MARGIN, 1.4 + map_h + 0.08, MAP_W, SLIDE_H - (1.4 + map_h + 0.08) - 0.15),
        [
            Run("What changed since the previous slide", 0.75, True, colour=colour, space_after=0.05),
            Run(slide.changes_text, 1.0, space_after=0),
        ],
        16,
        9,
    )
    _text_box(page, (TEXT_X, 1.4, SLIDE_W - TEXT_X - MARGIN, SLIDE_H - 1.4 - 0.3), _quote_runs(ds, slide), 20, 8)
    page.notes_slide.notes_text_frame.text = speaker_notes(ds, slide)


def _title_slide(prs: Deck, title: str, slides: Sequence[Slide], data_version: str, generated: dt.date) -> None:
    page = prs.slides.add_slide(prs.slide_layouts[6])
    first = min(s.event.date.first for s in slides)
    last = max(s.event.date.last for s in slides)
    _text_box(
        page,
        (0.8, 1.6, SLIDE_W - 1.6, 4.6),
        [
            Run(title, 1.0, True, space_after=0.5),
            Run(SUBJECT, 0.5, space_after=0.4),
            Run(f"{format_day(first)} – {format_day(last)} · {len(slides)} slides", 0.5, colour=BLUE, space_after=0.3),
            Run(f"Data version {data_version} · generated {format_day(generated)}", 0.38, colour=GREY),
            Run(ATTRIBUTION, 0.32, italic=True, colour=GREY),
        ],
        40,
        20,
    )
    page.notes_slide.notes_text_frame.text = "Title slide. " + ATTRIBUTION


def build_pptx(
    ds: Dataset,
    slides: Sequence[Slide],
    maps: Sequence[bytes],
    *,
    title: str,
    data_version: str,
    generated: dt.date | None = None,
) -> bytes:
    """The deck as .pptx bytes; ``maps[i]`` is the PNG of ``slides[i]``."""
    if not slides:
        raise ValueError("a briefing deck needs at least one slide")
    if len(maps) != len(slides):
        raise ValueError(f"{len(slides)} slides but {len(maps)} map images")
    prs = Presentation()
    prs.slide_width = Inches(SLIDE_W)
    prs.slide_height = Inches(SLIDE_H)
    prs.core_properties.title = title
    prs.core_properties.subject = "Lachin Corridor briefing"
    _title_slide(prs, title, slides, data_version, generated or dt.date.today())
    for slide, png in zip(slides, maps, strict=True):
        _event_slide(prs, ds, slide, len(slides), png)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
