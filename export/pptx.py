"""The briefing as a PowerPoint deck (python-pptx): a title slide, then one slide per event.

Projector-first: every text is at least MIN_PT (18 pt), titles at least TITLE_PT (28 pt), a slide
holds at most MAX_WORDS words, and the map takes most of the slide. Nothing is shrunk to fit: a
text that does not fit its box at those sizes goes to the speaker notes, and a key quote too long
for the column gets a continuation slide. Each slide shows one key quote (export.citations.key_quote,
rule in KEY_QUOTE_RULE) with speaker, outlet and date in one line; the notes pane holds the
presenter's note, what changed, and every rendering with its full citation. python-pptx cannot
measure text: the layout (export.slide_layout) estimates heights.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide as PptxSlide
from pptx.util import Emu, Inches, Pt

from corridor.catalogue import MAP_CREDIT_LINE
from corridor.dates import format_day
from corridor.records import Dataset
from export.citations import KEY_QUOTE_RULE, event_quotes, said_later_heading
from export.slide_layout import (
    BLUE,
    GREY,
    LINE,
    MARGIN,
    MAX_WORDS,
    MIN_PT,
    SLIDE_H,
    SLIDE_W,
    TITLE_PT,
    Run,
    day_line,
    fits,
    header_runs,
    height_pt,
    layout_event,
)
from export.slides import Slide

COVER_TITLE_PT = 40.0
SUBJECT = "Briefing on the Lachin Corridor: its routes, its status and what each side said, quoted verbatim."
ATTRIBUTION = MAP_CREDIT_LINE  # one credit for every map (corridor/catalogue.py)
__all__ = ["MAX_WORDS", "MIN_PT", "TITLE_PT", "Run", "build_pptx", "fits", "speaker_notes"]


def _text_box(slide: PptxSlide, box: tuple[float, float, float, float], runs: Sequence[Run], name: str) -> None:
    left, top, width, height = box
    shape = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    shape.name = name
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = Emu(Inches(0.05))
    for i, run in enumerate(runs):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.space_after = Pt(run.space_after * run.size * LINE)
        text_run = para.add_run()
        text_run.text = run.text
        font = text_run.font
        font.size = Pt(run.size)
        font.bold = run.bold
        font.italic = run.italic
        font.color.rgb = RGBColor.from_string(run.colour)


def speaker_notes(ds: Dataset, slide: Slide, left_out: Sequence[str] = ()) -> str:
    """The notes pane: the presenter's note, what changed, the key-quote rule, then every quote's citation."""
    parts = [slide.note.strip()] if slide.note.strip() else []
    parts.append(f"What changed since the previous slide: {slide.changes_text}")
    parts += [f"(Not on the slide) {text}" for text in left_out]
    parts.append(f"Event: {slide.event.description}")
    parts.append(KEY_QUOTE_RULE)
    for q in event_quotes(ds, slide.event, slide.state.day):
        later = f"{said_later_heading(slide.state.day)}: " if q.said_later else ""
        parts.append(f"{later}“{q.text}” ({q.kind_label}) {q.citation}" + (f" Note: {q.note}" if q.note else ""))
        if q.correction:
            parts.append(f"Correction: {q.correction}")
    return "\n\n".join(parts)


def _event_slide(prs: Deck, ds: Dataset, slide: Slide, total: int, map_png: bytes) -> None:
    lay = layout_event(ds, slide, total)
    page = prs.slides.add_slide(prs.slide_layouts[6])  # blank layout
    _text_box(page, (MARGIN, 0.15, SLIDE_W - 2 * MARGIN, lay.header_h), lay.header, "Title")
    left, top, width, height = lay.map_box
    picture = page.shapes.add_picture(io.BytesIO(map_png), Inches(left), Inches(top), Inches(width), Inches(height))
    picture.name = f"Map on {slide.state.day.isoformat()}"
    picture._element.nvPicPr.cNvPr.set("descr", f"Map of the Lachin corridor on {format_day(slide.state.day)}")
    _text_box(page, lay.column_box, lay.column, "Key quote")
    page.notes_slide.notes_text_frame.text = speaker_notes(ds, slide, lay.left_out)
    if lay.continuation:
        more = prs.slides.add_slide(prs.slide_layouts[6])
        header = [day_line(slide, total, continued=True), *header_runs(slide)]
        header_h = height_pt(header, SLIDE_W - 2 * MARGIN) / 72
        _text_box(more, (MARGIN, 0.15, SLIDE_W - 2 * MARGIN, header_h), header, "Title")
        body_top = 0.15 + header_h + 0.3
        _text_box(more, (MARGIN + 0.4, body_top, SLIDE_W - 2 * MARGIN - 0.8, SLIDE_H - body_top - 0.3),
                  lay.continuation, "Key quote")  # fmt: skip
        more.notes_slide.notes_text_frame.text = "Continuation: the key quote. " + KEY_QUOTE_RULE


def _title_slide(prs: Deck, title: str, slides: Sequence[Slide], data_version: str, generated: dt.date) -> None:
    page = prs.slides.add_slide(prs.slide_layouts[6])
    first = min(s.event.date.first for s in slides)
    last = max(s.event.date.last for s in slides)
    _text_box(
        page,
        (0.8, 0.9, SLIDE_W - 1.6, SLIDE_H - 1.5),
        [
            Run(title, COVER_TITLE_PT, True, space_after=0.5),
            Run(SUBJECT, 22, space_after=0.5),
            Run(f"{format_day(first)} – {format_day(last)} · {len(slides)} slides", 22, colour=BLUE, space_after=0.4),
            Run(f"Data version {data_version} · generated {format_day(generated)}", MIN_PT, colour=GREY),
            Run(ATTRIBUTION, MIN_PT, italic=True, colour=GREY),
        ],
        "Title",
    )
    page.notes_slide.notes_text_frame.text = "Title slide. " + ATTRIBUTION + "\n\n" + KEY_QUOTE_RULE


def build_pptx(
    ds: Dataset,
    slides: Sequence[Slide],
    maps: Iterable[bytes],
    *,
    title: str,
    data_version: str,
    generated: dt.date | None = None,
) -> bytes:
    """The deck as .pptx bytes; ``maps[i]`` is the PNG of ``slides[i]`` (an iterator of maps is read
    one slide at a time, as the maps are drawn)."""
    if not slides:
        raise ValueError("a briefing deck needs at least one slide")
    if isinstance(maps, Sequence) and len(maps) != len(slides):
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
