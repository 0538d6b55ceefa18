"""export.pdf: page count, every quote verbatim in the text read back with pypdf, Unicode glyphs."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable
from functools import lru_cache

import pypdf
import pytest
from fontTools.ttLib import TTFont

from corridor.records import Dataset
from corridor.timemodel import Timeline
from export.briefing import Briefing, default_briefing
from export.citations import event_quotes
from export.pdf import (
    FONT_DIR,
    FONT_FILES,
    FOOTER_H,
    LEGEND_W,
    MARGIN,
    PLACE_NAMES_MIN_PT,
    STATEMENTS_HEADING,
    Box,
    BriefingPdf,
    Para,
    build_pdf,
    flow,
    map_legend,
    slide_paras,
    wrap,
)
from export.pdf_legend import LEGEND_PT, handout_legend
from export.png import slide_map
from export.slide_layout import MAP_MAX_W, MIN_PT
from export.slides import Slide, build_slides

CHOSEN = ("ev-2020-11-trilateral-statement", "ev-2023-04-23-checkpoint", "ev-2023-04-24-peskov")
VERSION = "geo-sha256:0123456789ab"


def _norm(text: str) -> str:
    """Whitespace and line breaks only: the words and every character stay as printed."""
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def tiny_png() -> bytes:
    # The PDF layout does not depend on the map's pixels; a real map is tested below once.
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (1440, 960), "#c9dff0").save(buf, format="PNG")
    return buf.getvalue()


def _pdf(
    timeline: Timeline, slides: tuple[Slide, ...], png: bytes, title: str = "Checkpoint “week”"
) -> pypdf.PdfReader:
    data = build_pdf(
        timeline.dataset, slides, [png] * len(slides), title=title, data_version=VERSION,
        generated=dt.date(2026, 11, 27),
    )  # fmt: skip
    assert data.startswith(b"%PDF-")
    return pypdf.PdfReader(io.BytesIO(data))


def test_each_slide_starts_a_page_after_the_title_page(timeline: Timeline, tiny_png: bytes) -> None:
    slides = build_slides(timeline, Briefing("t", CHOSEN))
    pages = [_norm(p.extract_text()) for p in _pdf(timeline, slides, tiny_png).pages]
    assert len(pages) >= 1 + 3 + 1  # a slide with many statements continues on the next page
    heads = [f"{s.event.date.label}: {_norm(s.event.title)}" for s in slides]
    starts = [next(i for i, page in enumerate(pages) if head in page[:400]) for head in heads]
    assert starts == sorted(starts) and starts[0] == 1 and len(set(starts)) == 3


def test_full_briefing_quotes_every_statement_verbatim(timeline: Timeline, tiny_png: bytes) -> None:
    ds = timeline.dataset
    slides = build_slides(timeline, default_briefing(ds))
    reader = _pdf(timeline, slides, tiny_png)
    pages = [_norm(p.extract_text()) for p in reader.pages]
    first = next(i for i, page in enumerate(pages) if page.startswith("Slide 1 of"))  # after the title pages
    body = " ".join(pages[first:])
    heads = [body.index(f"{s.event.date.label}: {_norm(s.event.title)}") for s in slides]
    assert heads == sorted(heads), "slides out of order"
    for slide, start, end in zip(slides, heads, [*heads[1:], len(body)], strict=True):
        section = body[start:end]  # the slide's pages, continuation pages included
        assert _norm(slide.changes_text) in section, slide.event.id
        for quote in event_quotes(ds, slide.event):
            assert _norm(quote.text) in section, (slide.event.id, quote.rendering_id)
    every_rendering = [r.text for s in ds.statements for r in s.renderings]
    assert all(_norm(t) in " ".join(pages) for t in every_rendering)
    assert any("–" in t for t in every_rendering)  # non-ASCII punctuation really is exercised


def test_title_page_and_sources_page(timeline: Timeline, tiny_png: bytes) -> None:
    ds = timeline.dataset
    slides = build_slides(timeline, Briefing("t", CHOSEN))
    reader = _pdf(timeline, slides, tiny_png)
    title = _norm(reader.pages[0].extract_text())
    assert "Checkpoint “week”" in title
    assert f"Data version: {VERSION}" in title
    assert "Dates covered: 9 Nov 2020 – 24 Apr 2023" in title
    assert "© OpenStreetMap contributors (ODbL)" in title
    pages = [_norm(p.extract_text()) for p in reader.pages]
    start = max(i for i, page in enumerate(pages) if page.startswith("Sources"))  # the list may run on
    sources = " ".join(pages[start:])
    cited = {r.source_id for e in CHOSEN for s in ds.statements_of(ds.event(e)) for r in s.renderings}
    for sid in cited:
        assert ds.source(sid).outlet in sources
    assert reader.metadata is not None and reader.metadata.title == "Checkpoint “week”"


def test_armenian_and_azerbaijani_letters_print(timeline: Timeline, tiny_png: bytes) -> None:
    title = "Լաչինի միջանցք · Laçın dəhlizi"
    slides = build_slides(timeline, Briefing(title, CHOSEN[:1]))
    text = _norm(_pdf(timeline, slides, tiny_png, title).pages[0].extract_text())
    assert title in text


@lru_cache(maxsize=1)
def _cmaps() -> dict[str, set[int]]:
    return {style: set(TTFont(str(FONT_DIR / name)).getBestCmap()) for style, name in FONT_FILES.items()}


def missing_glyphs(texts: Iterable[str]) -> dict[str, set[str]]:
    """Characters of ``texts`` that a DejaVu face of the PDF cannot print, by face ('' regular, 'B', 'I', 'BI')."""
    chars = {c for t in texts for c in t if not c.isspace()}
    return {style: {c for c in chars if ord(c) not in cmap} for style, cmap in _cmaps().items()}


def test_dejavu_has_a_glyph_for_every_character_of_the_data(dataset: Dataset) -> None:
    texts = [r.text for s in dataset.statements for r in s.renderings]
    texts += [f"{s.speaker} {s.role} {s.context} {s.correction}" for s in dataset.statements]
    texts += [f"{e.title} {e.description} {e.place_label} {e.status_note}" for e in dataset.events]
    texts += [f"{s.outlet} {s.title} {s.note} {s.url_note}" for s in dataset.sources]
    texts += [f"{p.name_hy} {p.name_az} {p.name_hy_native or ''} {p.name_az_native or ''}" for p in dataset.places]
    assert missing_glyphs(texts) == {"": set(), "B": set(), "I": set(), "BI": set()}
    assert missing_glyphs(["\U0001f5fa"])[""] == {"\U0001f5fa"}  # the check itself can fail: no emoji in DejaVu


def test_with_real_maps_and_mismatched_inputs(timeline: Timeline) -> None:
    slides = build_slides(timeline, Briefing("t", CHOSEN[1:2]))
    s = slides[0]
    png = slide_map(timeline.dataset, s, 1, "both").png  # the handout prints the slide's own map
    reader = _pdf(timeline, slides, png)
    assert len(reader.pages) >= 4  # title, the map, its text in two columns (continuing), sources
    assert len(reader.pages[1].images) == 1
    with pytest.raises(ValueError, match="1 slides but 2 map images"):
        build_pdf(timeline.dataset, slides, [png, png], title="t", data_version=VERSION)
    with pytest.raises(ValueError, match="at least one slide"):
        build_pdf(timeline.dataset, (), [], title="t", data_version=VERSION)


def _type_sizes(reader: pypdf.PdfReader) -> list[float]:
    sizes = []
    for page in reader.pages:
        content = page.get_contents()
        data = content.get_data() if content is not None else b""
        sizes += [float(m) for m in re.findall(rb"/F\d+ ([\d.]+) Tf", data)]
    return sizes


@pytest.mark.parametrize(("paper", "width_pt"), [("A4", 841.89), ("Letter", 792.0)])
def test_handout_text_is_never_under_9_pt_and_the_map_reads_in_the_hand(
    timeline: Timeline, tiny_png: bytes, paper: str, width_pt: float
) -> None:
    slides = build_slides(timeline, default_briefing(timeline.dataset))
    data = build_pdf(timeline.dataset, slides, [tiny_png] * len(slides), title="t", data_version=VERSION,
                     paper=paper)  # type: ignore[arg-type]  # fmt: skip
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert abs(float(reader.pages[0].mediabox.width) - width_pt) < 1
    sizes = _type_sizes(reader)
    assert len(sizes) > 500
    assert min(sizes) >= 8  # the page footer; everything else is body text at 9 pt or more
    assert sorted(sizes).count(8.0) == len(reader.pages)  # one footer a page
    images = [img for page in reader.pages for img in page.images]
    assert len(images) == len(slides)
    # the slide's map, drawn at most MAP_MAX_W wide with every text at 18 pt, prints its place names
    # at PLACE_NAMES_MIN_PT or more
    widths_in = [float(box[2]) / 72 for box in _image_widths(reader)]
    assert len(widths_in) == len(slides)
    assert min(widths_in) / MAP_MAX_W * MIN_PT >= PLACE_NAMES_MIN_PT


def test_the_map_page_sets_the_full_legend_beside_the_map(timeline: Timeline, tiny_png: bytes) -> None:
    slides = build_slides(timeline, Briefing("t", CHOSEN[1:2]))
    reader = _pdf(timeline, slides, tiny_png)
    page = _norm(reader.pages[1].extract_text())
    rows, note = handout_legend(timeline.dataset, slides[0].state)
    assert "Legend" in page and note and _norm(note) in page
    for _kind, _colour, label in rows:
        assert _norm(label) in page, label
    assert "routes schematic, band illustrative" in page  # the map's full credit
    assert LEGEND_PT >= 8 and min(_type_sizes(reader)) >= 8


def _image_widths(reader: pypdf.PdfReader) -> list[tuple[float, float, float]]:
    out = []
    for page in reader.pages:
        content = page.get_contents()
        data = content.get_data() if content is not None else b""
        out += [(0.0, 0.0, float(w)) for w in re.findall(rb"q ([\d.]+) 0 0 [\d.]+ [\d.-]+ [\d.-]+ cm /I", data)]
    return out


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_legend_fits_beside_the_map_on_every_page(timeline: Timeline, paper: str) -> None:
    """The legend column is as tall as the page under the heading; no slide's legend runs past it."""
    pdf = BriefingPdf("t", paper)  # type: ignore[arg-type]
    pdf.add_page()
    box = Box(pdf.w - MARGIN - LEGEND_W, MARGIN + 16, LEGEND_W, pdf.h - MARGIN - FOOTER_H)
    bottoms = [
        map_legend(pdf, timeline.dataset, s, box) for s in build_slides(timeline, default_briefing(timeline.dataset))
    ]
    assert max(bottoms) <= box.bottom
    assert max(bottoms) > box.y + 60  # the check measures a real legend


def test_a_heading_never_ends_a_column_without_the_block_it_heads(timeline: Timeline) -> None:
    pdf = BriefingPdf("t")
    pdf.add_page()
    body = Para("word " * 60, 10)
    box = Box(MARGIN, MARGIN, 90, MARGIN + 52)
    filler = [Para("filler " * 30, 10)] * 2
    room = box.bottom - box.y - sum(len(wrap(pdf, p, box.width)) * 10 * 1.32 * 25.4 / 72 + 1.2 for p in filler)
    assert 6 < room < 30  # the heading alone would fit under the filler, its statement would not
    rest = flow(pdf, [*filler, STATEMENTS_HEADING, body], box)
    assert rest[0] == STATEMENTS_HEADING and rest[1:] == [body]
    # every heading of the handout's statements is marked to keep with its block
    slide = build_slides(timeline, Briefing("t", CHOSEN[2:]))[0]
    paras = slide_paras(timeline.dataset, slide)
    headings = [p for p in paras if p.text.startswith(("Statements, quoted", "Said later", "What changed"))]
    assert len(headings) >= 2 and all(p.keep_with_next for p in headings)
