"""export.png: one 1920 x 1080 PNG per slide (and a continuation for a long key quote), safe file
names, text set whole or not at all, the slide's map drawn at its size on the slide."""

from __future__ import annotations

import io
from dataclasses import replace

import numpy as np
from PIL import Image, ImageDraw

from corridor.timemodel import Timeline
from export.briefing import Briefing, default_briefing
from export.citations import key_quote
from export.png import PX_PER_IN, PX_PER_PT, SIZE, _font, _wrap, draw_runs, png_name, slide_map, slide_pngs
from export.slide_layout import MIN_PT, Run, layout_event
from export.slides import build_slides

CONTINUED = "ev-2020-12-01-lachin-district"  # its key quote does not fit the column


def test_every_text_of_every_slide_map_is_at_least_18_pt_on_the_slide_and_clear(timeline: Timeline) -> None:
    """The slide's map as the deck and the PNG place it: each text's size in the figure times the
    figure-to-slide scale (placed width / drawn width) is at least 18 pt, and the label check passes."""
    slides = build_slides(timeline, default_briefing(timeline.dataset))
    smallest, problems = {}, {}
    for s in slides:
        drawn = slide_map(timeline.dataset, s, len(slides), "both")
        placed_w = layout_event(timeline.dataset, s, len(slides)).map_box[2]
        scale = placed_w / drawn.size[0]
        assert drawn.image.size == (round(placed_w * PX_PER_IN), round(drawn.size[1] * PX_PER_IN))
        assert any(text.startswith("© OpenStreetMap") for text, _ in drawn.texts)
        assert ("Earlier events", 18.0) in drawn.texts  # the legend, pasted as an image, is measured too
        assert (("This event", 18.0) in drawn.texts) == (s.event.lonlat is not None), s.event.id  # starred only
        smallest[s.event.id] = min(size * scale for _, size in drawn.texts)
        if drawn.problems:
            problems[s.event.id] = drawn.problems
    assert problems == {}
    assert min(smallest.values()) >= 18, {k: v for k, v in smallest.items() if v < 18}


def test_png_names_are_safe_and_the_continuation_is_marked(timeline: Timeline) -> None:
    slide = build_slides(timeline, Briefing("t", ("ev-2022-08-30-new-route",)))[0]
    assert png_name(slide) == "slide-01-2022-08-30-ev-2022-08-30-new-route.png"
    assert png_name(slide, "b") == "slide-01b-2022-08-30-ev-2022-08-30-new-route.png"
    hostile = replace(slide, event=replace(slide.event, id="../<script>/"))
    assert png_name(hostile) == "slide-01-2022-08-30-..-script.png"  # no separator, no markup
    assert png_name(replace(slide, event=replace(slide.event, id="//"))) == "slide-01-2022-08-30-event.png"


def test_draw_runs_sets_whole_runs_and_returns_what_did_not_fit() -> None:
    image = Image.new("RGB", (400, 200), "white")
    runs = [Run("First line", MIN_PT), Run("Second", MIN_PT), Run("Third " * 20, MIN_PT)]
    rest = draw_runs(image, (0.1, 0.1, 2.5, 0.9), runs)
    assert rest == runs[1:] or rest == runs[2:]  # a run is drawn whole or not at all
    assert rest and rest[-1] is runs[-1]
    assert (np.asarray(image) < 128).any()  # something was drawn
    assert draw_runs(Image.new("RGB", (400, 200), "white"), (0.1, 0.1, 2.5, 1.2), runs[:1]) == []


def test_slide_pngs_are_full_hd_and_a_long_key_quote_gets_its_own(timeline: Timeline) -> None:
    slides = build_slides(timeline, Briefing("t", ("ev-2022-08-30-new-route", CONTINUED)))
    tiny = Image.new("RGB", (30, 20), "#c9dff0")  # resized to the map box
    [(name, data)] = slide_pngs(timeline.dataset, slides[0], len(slides), tiny)
    assert name == png_name(slides[0])
    image = Image.open(io.BytesIO(data))
    assert image.size == SIZE == (1920, 1080) and image.mode == "RGB"
    left, top, width, _ = layout_event(timeline.dataset, slides[0], len(slides)).map_box
    x, y = round((left + width / 2) * PX_PER_IN), round((top + 0.5) * PX_PER_IN)
    assert image.getpixel((x, y)) == (0xC9, 0xDF, 0xF0)  # the map is pasted in its box
    out = slide_pngs(timeline.dataset, slides[1], len(slides), tiny)
    assert [n for n, _ in out] == [png_name(slides[1]), png_name(slides[1], "b")]
    assert Image.open(io.BytesIO(out[1][1])).size == SIZE


def test_the_attribution_line_never_breaks_inside_its_date(timeline: Timeline) -> None:
    """'— … · 23 Apr 2023' wraps before the date or after it, never inside it ('23 /' over 'Apr 2023')."""
    ds = timeline.dataset
    key = key_quote(ds, ds.event("ev-2023-04-23-checkpoint"))
    assert key is not None
    line = f"— {key.line}"
    draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    font = _font(round(MIN_PT * PX_PER_PT), False, False)
    date = "23\u00a0Apr\u00a02023"
    for width in range(260, 1200, 4):
        lines = _wrap(draw, line, font, width)
        assert any(date in wrapped for wrapped in lines), (width, lines)
