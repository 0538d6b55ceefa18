"""The briefing as a PDF (fpdf2): a title page, one page per slide, and the sources at the end.

Made to be read in the hand, on A4 or Letter (landscape): each slide opens with its title and the
slide's own map at that date (drawn once for the slide: its 18 pt place names print at about 15-16
pt), with the full legend, the map's note and credit set as text beside it (export.pdf_legend, at
least 8 pt); then the 'what changed' line, the event's description, and every statement quoted
verbatim with its full citation, continuing on as many pages as needed. Body text is never under
BODY_MIN (9 pt); nothing is shrunk to fit. Text is set in DejaVu Sans (shipped with matplotlib),
embedded as a Unicode TrueType font so that curly quotation marks and Armenian and Azerbaijani
letters print.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import matplotlib
from fpdf import FPDF
from fpdf.image_parsing import SETTINGS as IMAGE_SETTINGS
from PIL import Image

from corridor.catalogue import MAP_CREDIT_LINE
from corridor.dates import format_day
from corridor.records import Dataset
from export.citations import QuoteBlock, cited_sources, event_quotes, said_later_heading, source_citation
from export.map_furniture import ATTRIBUTION
from export.pdf_legend import LEGEND_PT, SWATCH_W, draw_swatch, handout_legend, rgb
from export.slides import Slide
from layers.style import NK_AREA, STATUS_LABELS, route_style

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT_FILES = {
    "": "DejaVuSans.ttf",
    "B": "DejaVuSans-Bold.ttf",
    "I": "DejaVuSans-Oblique.ttf",
    "BI": "DejaVuSans-BoldOblique.ttf",
}
FAMILY = "DejaVu"
PAPERS = {"A4": (297.0, 210.0), "Letter": (279.4, 215.9)}  # landscape, mm
Paper = Literal["A4", "Letter"]
BODY_MIN = 9.0
COLUMN_GAP = 9.0
MARGIN = 12.0
FOOTER_H = 8.0
PT_MM = 25.4 / 72
LEGEND_W = 64.0  # the legend's column beside the map
PLACE_NAMES_MIN_PT = 12.0  # the slide map's 18 pt names print at least this large (the map is scaled down)
SCALES = (1.0,)  # no shrinking: what does not fit continues on the next page
QUOTE_BAR = {"direct": "#0072B2", "official_text": "#0072B2", "reported": "#999999", "paraphrase": "#999999"}
INK, GREY, DARK_RED = "#111111", "#555555", "#7a2a00"
_WIDTHS: dict[tuple[str, str], float] = {}
_LINES: dict[tuple[Para, float], list[str]] = {}
ATTRIBUTION_LINE = MAP_CREDIT_LINE  # one credit for every map (corridor/catalogue.py)


@dataclass(frozen=True)
class Para:
    """One block of text in a flow: its style, and an optional coloured bar on its left."""

    text: str
    size: float
    style: str = ""
    colour: str = INK
    indent: float = 0.0
    bar: str | None = None
    space_after: float = 1.2
    line: float = 1.32  # line height as a multiple of the font size
    keep_with_next: bool = False  # a heading: never the last block of a column or page


STATEMENTS_HEADING = Para("Statements, quoted verbatim", 12, style="B", space_after=2.0, keep_with_next=True)


class BriefingPdf(FPDF):
    """A4 landscape with DejaVu fonts and a footer naming the briefing and the data version."""

    def __init__(self, footer_text: str, paper: Paper = "A4") -> None:
        super().__init__(orientation="L", unit="mm", format=paper.lower())
        self.footer_text = footer_text
        for style, name in FONT_FILES.items():
            self.add_font(FAMILY, style, str(FONT_DIR / name))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(False)

    def footer(self) -> None:
        """Page number and data version on every page."""
        self.set_xy(MARGIN, self.h - MARGIN + 2)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*rgb(GREY))
        self.cell(self.w - 2 * MARGIN, 4, f"{self.footer_text} · page {self.page_no()}", align="R")


def _line_height(para: Para) -> float:
    return para.size * para.line * PT_MM


def _word_width(pdf: FPDF, style: str, word: str) -> float:
    """A word's width at 1 pt (fpdf2's own line breaking is quadratic in the line length: too slow here)."""
    key = (style, word)
    width = _WIDTHS.get(key)
    if width is None:
        pdf.set_font(FAMILY, style, 100)
        width = _WIDTHS[key] = pdf.get_string_width(word) / 100
    return width


def wrap(pdf: FPDF, para: Para, width: float) -> list[str]:
    """The lines of a paragraph set in ``width`` mm, broken at spaces (overlong words at characters);
    remembered, since a paragraph is measured before it is drawn."""
    key = (para, width)
    lines = _LINES.get(key)
    if lines is None:
        lines = _LINES[key] = _wrap(pdf, para, width)
        if len(_LINES) > 20_000:
            _LINES.clear()
    return lines


def _wrap(pdf: FPDF, para: Para, width: float) -> list[str]:
    usable = width - para.indent
    space = _word_width(pdf, para.style, " ") * para.size
    lines: list[str] = []
    for chunk in para.text.split("\n"):
        line, line_w = "", 0.0
        for word in chunk.split():
            rest = word
            w = _word_width(pdf, para.style, rest) * para.size
            if line and line_w + space + w > usable:
                lines.append(line)
                line, line_w = "", 0.0
            while w > usable:  # a URL longer than the column: break it where it overflows
                cut = _fit_chars(pdf, para, rest, usable - (line_w + space if line else 0))
                lines.append(f"{line} {rest[:cut]}".strip())
                line, line_w, rest = "", 0.0, rest[cut:]
                w = _word_width(pdf, para.style, rest) * para.size
            line, line_w = (f"{line} {rest}", line_w + space + w) if line else (rest, w)
        lines.append(line)
    return lines


def _fit_chars(pdf: FPDF, para: Para, word: str, room: float) -> int:
    cut = 1
    while cut < len(word) and _word_width(pdf, para.style, word[: cut + 1]) * para.size <= room:
        cut += 1
    return cut


def _height(pdf: FPDF, para: Para, width: float) -> float:
    return len(wrap(pdf, para, width)) * _line_height(para) + para.space_after


def _draw(pdf: FPDF, para: Para, x: float, y: float, width: float) -> float:
    lines = wrap(pdf, para, width)
    step = _line_height(para)
    if para.bar:
        pdf.set_fill_color(*rgb(para.bar))
        pdf.rect(x + para.indent - 2.6, y + 0.4, 1.3, len(lines) * step - 0.6, style="F")
    pdf.set_font(FAMILY, para.style, para.size)
    pdf.set_text_color(*rgb(para.colour))
    for line in lines:
        pdf.set_xy(x + para.indent, y)
        pdf.cell(width - para.indent, step, line)
        y += step
    return y + para.space_after


def _scaled(paras: Iterable[Para], scale: float) -> list[Para]:
    return [replace(p, size=p.size * scale, space_after=p.space_after * scale) for p in paras]


@dataclass(frozen=True)
class Box:
    """Where a flow of text goes on the page (mm)."""

    x: float
    y: float
    width: float
    bottom: float


def full_page(pdf: FPDF, y: float = MARGIN) -> Box:
    """The whole text area of a page, from ``y`` down to the footer."""
    return Box(MARGIN, y, pdf.w - 2 * MARGIN, pdf.h - MARGIN - FOOTER_H)


def flow(pdf: FPDF, paras: Sequence[Para], box: Box) -> list[Para]:
    """Set ``paras`` in ``box`` at the largest scale that fits; return what is left over, if anything."""
    y = box.y
    for scale in SCALES:
        scaled = _scaled(paras, scale)
        if sum(_height(pdf, p, box.width) for p in scaled) <= box.bottom - y:
            for p in scaled:
                y = _draw(pdf, p, box.x, y, box.width)
            return []
    scaled = _scaled(paras, SCALES[-1])
    for i, p in enumerate(scaled):
        need = _height(pdf, p, box.width)
        if p.keep_with_next and i + 1 < len(scaled):  # the heading goes with the block it heads
            need += _height(pdf, scaled[i + 1], box.width)
        if y + need > box.bottom and i > 0:
            return _scaled(scaled[i:], 1 / SCALES[-1])
        y = _draw(pdf, p, box.x, y, box.width)
    return []


def flow_pages(pdf: FPDF, paras: Sequence[Para], box: Box, continued: Para | None = None) -> None:
    """Flow ``paras`` into ``box``, then onto as many further full pages as they need."""
    rest = flow(pdf, paras, box)
    while rest:
        pdf.add_page()
        rest = flow(pdf, [continued, *rest] if continued else rest, full_page(pdf))


def flow_columns(pdf: FPDF, paras: Sequence[Para], continued: Para) -> None:
    """Flow ``paras`` down two columns of the current page, then of as many further pages as needed."""
    rest = list(paras)
    while True:
        width = (pdf.w - 2 * MARGIN - COLUMN_GAP) / 2
        for x in (MARGIN, MARGIN + width + COLUMN_GAP):
            if rest:
                rest = flow(pdf, rest, Box(x, MARGIN, width, pdf.h - MARGIN - FOOTER_H))
        if not rest:
            return
        pdf.add_page()
        rest = [continued, *rest]


def quote_paras(quote: QuoteBlock) -> list[Para]:
    """A quote (verbatim), its kind and confidence, its full citation, then any note, context, correction."""
    italic = quote.attribution in ("reported", "paraphrase")
    bar = QUOTE_BAR[quote.attribution]
    out = [
        Para(quote.text, 10.5, style="I" if italic else "", indent=3.2, bar=bar, space_after=0.6),
        Para(quote.kind_label, BODY_MIN, style="B", colour=GREY, indent=3.2, space_after=0.3),
        Para(quote.citation, BODY_MIN, colour=GREY, indent=3.2, space_after=0.8),
    ]
    if quote.note:
        out.append(Para(f"Note: {quote.note}", BODY_MIN, style="I", colour=GREY, indent=3.2, space_after=0.8))
    if quote.context:
        out.append(Para(f"Context: {quote.context}", BODY_MIN, colour=GREY, indent=3.2, space_after=0.8))
    if quote.correction:
        out.append(
            Para(f"Correction: {quote.correction}", BODY_MIN, style="B", colour=DARK_RED, indent=3.2, space_after=0.8)
        )
    out[-1] = replace(out[-1], space_after=3.2)
    return out


def _map_page(pdf: BriefingPdf, ds: Dataset, slide: Slide, total: int, map_image: bytes | Image.Image) -> None:
    pdf.add_page()
    event = slide.event
    pdf.set_xy(MARGIN, MARGIN)
    pdf.set_font(FAMILY, "", 10)
    pdf.set_text_color(*rgb(GREY))
    status = STATUS_LABELS[slide.state.status] if slide.state.status else "no status recorded"
    pdf.cell(0, 5, f"Slide {slide.number} of {total} · corridor status on this day: {status}")
    heading = Para(f"{event.date.label}: {event.title}", 16, style="B", space_after=2.0)
    y = _draw(pdf, heading, MARGIN, MARGIN + 6, pdf.w - 2 * MARGIN)
    picture = map_image if isinstance(map_image, Image.Image) else Image.open(io.BytesIO(map_image))
    aspect = picture.width / picture.height
    bottom = pdf.h - MARGIN - FOOTER_H
    map_w = min(pdf.w - 2 * MARGIN - LEGEND_W - COLUMN_GAP, (bottom - y) * aspect)
    pdf.image(picture, x=MARGIN, y=y, w=map_w, h=map_w / aspect)
    x = MARGIN + map_w + COLUMN_GAP
    map_legend(pdf, ds, slide, Box(x, y, pdf.w - MARGIN - x, bottom))


def slide_paras(ds: Dataset, slide: Slide) -> list[Para]:
    """The text of a slide's pages after the map: what changed, the description, every statement."""
    event = slide.event
    colour = route_style(slide.state.status)["color"]
    paras = [
        Para(f"{event.date.label}: {event.title} (text)", 12, style="B", space_after=3.0),
        Para(
            "What changed since the previous slide",
            10,
            style="B",
            indent=3.2,
            bar=colour,
            space_after=0.4,
            keep_with_next=True,
        ),
        Para(slide.changes_text, 10.5, indent=3.2, bar=colour, space_after=2.0),
        Para(
            f"{event.place_label} · event confidence: {event.confidence}",
            BODY_MIN,
            style="B",
            colour=GREY,
            space_after=0.6,
        ),
        Para(event.description, 10, space_after=1.0),
    ]
    if event.status_note:
        paras.append(Para(f"Status: {event.status_note}", BODY_MIN, style="I", colour=GREY, space_after=1.0))
    paras.append(STATEMENTS_HEADING)
    quotes: list[Para] = []
    for q in event_quotes(ds, event, slide.state.day):
        if q.said_later and not any(p.text == said_later_heading(slide.state.day) for p in quotes):
            later = Para(said_later_heading(slide.state.day), 10.5, style="B", colour=GREY, space_after=1.5)
            quotes.append(replace(later, keep_with_next=True))
        quotes += quote_paras(q)
    paras += quotes or [Para("No statement is recorded for this event.", 10.5, style="I", colour=GREY)]
    return paras


def _slide_page(pdf: BriefingPdf, ds: Dataset, slide: Slide, total: int, map_image: bytes | Image.Image) -> None:
    _map_page(pdf, ds, slide, total, map_image)
    event = slide.event
    paras = slide_paras(ds, slide)
    pdf.add_page()
    continued = Para(f"{event.date.label}: {event.title} (continued)", 12, style="B", space_after=3.0)
    flow_columns(pdf, paras, continued)


def map_legend(pdf: FPDF, ds: Dataset, slide: Slide, box: Box) -> float:
    """The full legend of the slide's map, its note and its credit, as text in ``box``; returns the
    y (mm) under the last line (a test checks that it stays inside the box on every page)."""
    rows, note = handout_legend(ds, slide.state)
    y = _draw(pdf, Para("Legend", LEGEND_PT + 1, style="B", space_after=1.2), box.x, box.y, box.width)
    for kind, colour, label in rows:
        para = Para(label, LEGEND_PT, indent=SWATCH_W + 2.2, space_after=0.9, line=1.25)
        draw_swatch(pdf, kind, colour, box.x, y + _line_height(para) / 2)
        y = _draw(pdf, para, box.x, y, box.width)
    if note:
        y = _draw(pdf, Para(note, LEGEND_PT, style="I", colour="#3d2606", indent=2.6, bar=NK_AREA["color"], line=1.25,
                            space_after=1.2), box.x, y + 1.0, box.width)  # fmt: skip
    return _draw(pdf, Para(ATTRIBUTION, LEGEND_PT, style="I", colour=GREY, line=1.25, space_after=0), box.x, y + 1.0,
                 box.width)  # fmt: skip


def _title_page(pdf: BriefingPdf, title: str, slides: Sequence[Slide], data_version: str, generated: dt.date) -> None:
    pdf.add_page()
    first, last = slides[0].event, slides[-1].event
    start = min(s.event.date.first for s in slides)
    end = max(s.event.date.last for s in slides)
    subject = (
        "Briefing on the Lachin Corridor: the road between Armenia and Nagorno-Karabakh, its routes, "
        "its status and what each side said, quoted verbatim with attribution."
    )
    covered = (
        f"Dates covered: {format_day(start)} – {format_day(end)} "
        f"({len(slides)} slides, from “{first.title}” to “{last.title}”)"
    )
    paras = [
        Para(title, 26, style="B", space_after=4),
        Para(subject, 12, space_after=5),
        Para(covered, 11, space_after=2),
        Para(f"Data version: {data_version}", 11, space_after=2),
        Para(f"Generated: {format_day(generated)}", 11, space_after=6),
        Para("Slides", 12, style="B", space_after=1.5),
        *[Para(f"{s.number}. {s.event.date.label}: {s.event.title}", 9.5, indent=4, space_after=0.6) for s in slides],
        Para("", 4, space_after=2),
        Para(ATTRIBUTION_LINE, BODY_MIN, style="I", colour=GREY, space_after=0),
    ]
    flow_pages(pdf, paras, full_page(pdf, MARGIN + 6))


def _sources_page(pdf: BriefingPdf, ds: Dataset, slides: Sequence[Slide]) -> None:
    pdf.add_page()
    paras = [Para("Sources", 16, style="B", space_after=3)]
    for i, src in enumerate(cited_sources(ds, [s.event for s in slides]), 1):
        paras.append(Para(f"[{i}] {source_citation(src)}", BODY_MIN, space_after=0.4))
        if src.note:
            paras.append(Para(src.note, BODY_MIN, style="I", colour=GREY, indent=6, space_after=1.0))
    paras.append(Para(ATTRIBUTION_LINE, BODY_MIN, style="I", colour=GREY, space_after=0))
    flow_pages(pdf, paras, full_page(pdf))


def build_pdf(
    ds: Dataset,
    slides: Sequence[Slide],
    maps: Iterable[bytes | Image.Image],
    *,
    title: str,
    data_version: str,
    generated: dt.date | None = None,
    paper: Paper = "A4",
) -> bytes:
    """The whole briefing PDF on A4 or Letter; ``maps[i]`` is the map of ``slides[i]`` (export.static_map),
    as PNG bytes or as the drawn image (embedded without decoding a PNG first); an iterator of maps is
    read one page at a time."""
    if not slides:
        raise ValueError("a briefing PDF needs at least one slide")
    if isinstance(maps, Sequence) and len(maps) != len(slides):
        raise ValueError(f"{len(slides)} slides but {len(maps)} map images")
    pdf = BriefingPdf(f"{title} · data {data_version}", paper)
    pdf.set_title(title)
    pdf.set_subject("Lachin Corridor briefing: dated events, map states and verbatim statements")
    pdf.set_creator("lachin-corridor-dashboard (export/pdf.py)")
    _title_page(pdf, title, slides, data_version, generated or dt.date.today())
    level = IMAGE_SETTINGS.compression_level
    IMAGE_SETTINGS.compression_level = 1  # maps are flat colour: the fast level costs ~5 % in size
    try:
        for slide, picture in zip(slides, maps, strict=True):
            _slide_page(pdf, ds, slide, len(slides), picture)
    finally:
        IMAGE_SETTINGS.compression_level = level
    _sources_page(pdf, ds, slides)
    return bytes(pdf.output())
