"""export.pptx: one editable slide per chosen event after a title slide, with speaker notes."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from corridor.timemodel import Timeline
from export.briefing import Briefing
from export.citations import event_quotes
from export.pptx import Run, build_pptx, fit_size, speaker_notes
from export.slides import build_slides

CHOSEN = ("ev-2023-04-23-checkpoint", "ev-2020-11-trilateral-statement", "ev-2021-07-bypass-construction")
NOTES = {"ev-2023-04-23-checkpoint": "Stress: the position is derived, ±1.5 km."}


@pytest.fixture(scope="module")
def png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (1440, 960), "#c9dff0").save(buf, format="PNG")
    return buf.getvalue()


def _deck(timeline: Timeline, png: bytes) -> Any:
    slides = build_slides(timeline, Briefing("Week", CHOSEN, NOTES))
    data = build_pptx(
        timeline.dataset, slides, [png] * len(slides), title="Week", data_version="v1", generated=dt.date(2026, 1, 2)
    )
    return Presentation(io.BytesIO(data))


def _text(slide: Any) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def test_one_slide_per_selected_event_after_the_title(timeline: Timeline, png: bytes) -> None:
    deck = _deck(timeline, png)
    assert len(deck.slides) == 1 + len(CHOSEN)
    assert "Week" in _text(deck.slides[0])
    for slide, eid in zip(list(deck.slides)[1:], CHOSEN, strict=True):
        event = timeline.dataset.event(eid)
        text = _text(slide)
        assert event.title in text
        assert event.date.label in text
        assert "What changed since the previous slide" in text
        for quote in event_quotes(timeline.dataset, event):
            assert quote.text in text  # verbatim, as an editable text run
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1


def test_speaker_notes_hold_the_presenters_note_and_the_change(timeline: Timeline, png: bytes) -> None:
    deck = _deck(timeline, png)
    slides = list(deck.slides)[1:]
    assert all(s.has_notes_slide for s in slides)
    first = slides[0].notes_slide.notes_text_frame.text
    assert first.startswith(NOTES["ev-2023-04-23-checkpoint"])
    assert "What changed since the previous slide: First slide" in first
    second = slides[1].notes_slide.notes_text_frame.text
    assert "goes back in time" in second
    assert "No statement" in _text(slides[2])  # July 2021 has no statement


def test_notes_cite_every_quote(timeline: Timeline) -> None:
    slide = build_slides(timeline, Briefing("t", ("ev-2023-04-24-peskov",)))[0]
    notes = speaker_notes(timeline.dataset, slide)
    for q in event_quotes(timeline.dataset, slide.event):
        assert f"“{q.text}”" in notes
        assert q.citation in notes


def test_fit_size_shrinks_long_text_and_stops_at_the_smallest() -> None:
    short = [Run("gross violation")]
    long = [Run("word " * 400)]
    assert fit_size(short, 5, 5, 20, 8) == 20
    assert 8 < fit_size([Run("word " * 120)], 5, 5, 20, 8) < 20
    assert fit_size(long, 5, 2, 20, 8) == 8
