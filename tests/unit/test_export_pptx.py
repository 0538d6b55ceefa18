"""export.pptx: one editable slide per chosen event after a title slide; projector-first sizes; speaker notes."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from corridor.timemodel import Timeline
from export.briefing import Briefing, default_briefing
from export.citations import KEY_QUOTE_RULE, event_quotes, key_quote
from export.pptx import MAX_WORDS, MIN_PT, TITLE_PT, build_pptx, speaker_notes
from export.slides import build_slides

CHOSEN = ("ev-2023-04-23-checkpoint", "ev-2020-11-trilateral-statement", "ev-2021-07-bypass-construction")
NOTES = {"ev-2023-04-23-checkpoint": "Stress: the position is derived, ±1.5 km."}


@pytest.fixture(scope="module")
def png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (1440, 960), "#c9dff0").save(buf, format="PNG")
    return buf.getvalue()


def _deck(timeline: Timeline, png: bytes) -> Any:
    return _read(timeline, png, Briefing("Week", CHOSEN, NOTES))


def _read(timeline: Timeline, png: bytes, briefing: Briefing) -> Any:
    slides = build_slides(timeline, briefing)
    data = build_pptx(
        timeline.dataset,
        slides,
        [png] * len(slides),
        title=briefing.title,
        data_version="v1",
        generated=dt.date(2026, 1, 2),
    )
    return Presentation(io.BytesIO(data))


def _text(slide: Any) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def _words(slide: Any) -> int:
    return len(_text(slide).split())


def _event_slides(deck: Any) -> list[Any]:
    return [s for s in list(deck.slides)[1:] if "(continued)" not in _text(s)]


def test_the_key_quotes_date_is_kept_together(timeline: Timeline, png: bytes) -> None:
    """No-break spaces in the attribution's date: PowerPoint never breaks '23 Apr 2023' across lines."""
    texts = [_text(s) for s in _event_slides(_deck(timeline, png))]
    assert any("The Tribune (Reuters copy) · 23\u00a0Apr\u00a02023" in t for t in texts)


def test_one_slide_per_selected_event_after_the_title(timeline: Timeline, png: bytes) -> None:
    deck = _deck(timeline, png)
    assert len(deck.slides) == 1 + len(CHOSEN)
    assert "Week" in _text(deck.slides[0])
    for slide, eid in zip(list(deck.slides)[1:], CHOSEN, strict=True):
        event = timeline.dataset.event(eid)
        text = _text(slide)
        assert event.title in text
        assert event.date.label in text
        key = key_quote(timeline.dataset, event)
        if key is not None:  # the one key quote, verbatim, with speaker, outlet and date in one line
            assert f"“{key.text}”" in text
            assert f"— {key.line}" in text and key.line.startswith(f"{key.speaker} · {key.outlet} · ")
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1


def test_the_whole_bundled_deck_reads_from_the_back_of_the_room(timeline: Timeline, png: bytes) -> None:
    """Every run >= 18 pt (titles >= 28 pt), <= MAX_WORDS words a slide, the map most of the slide."""
    deck = _read(timeline, png, default_briefing(timeline.dataset))
    area = deck.slide_width * deck.slide_height
    small, wordy, runs = [], [], 0
    for number, slide in enumerate(deck.slides, start=1):
        if _words(slide) > MAX_WORDS:
            wordy.append((number, _words(slide)))
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for para in shape.text_frame.paragraphs:
                for run in para.runs:
                    runs += 1
                    assert run.font.size is not None, f"slide {number}: a run without an explicit size"
                    if run.font.size.pt < MIN_PT:
                        small.append((number, run.font.size.pt, run.text[:30]))
            if shape.name == "Title":  # the event title (or the deck's title) is the box's largest run
                assert max(r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs) >= TITLE_PT
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        for picture in pictures:
            assert picture.width * picture.height >= 0.45 * area, f"slide {number}: the map is too small"
    assert runs > 100
    assert small == []
    assert wordy == []
    # the 24 Apr 2023 (Peskov) slide once held 439 words in 5.9 pt type
    peskov = next(s for s in _event_slides(deck) if "Peskov" in _text(s))
    assert _words(peskov) <= MAX_WORDS
    assert "Russia continues its mediation efforts" in _text(peskov)
    checkpoint = next(s for s in _event_slides(deck) if "23 Apr 2023 · slide" in _text(s))
    assert "A checkpoint appeared: Hakari bridge checkpoint" in _text(checkpoint)  # the map's own change first


def test_speaker_notes_hold_the_presenters_note_and_the_change(timeline: Timeline, png: bytes) -> None:
    deck = _deck(timeline, png)
    slides = list(deck.slides)[1:]
    assert all(s.has_notes_slide for s in slides)
    first = slides[0].notes_slide.notes_text_frame.text
    assert first.startswith(NOTES["ev-2023-04-23-checkpoint"])
    assert "What changed since the previous slide: First slide" in first
    assert KEY_QUOTE_RULE in first
    second = slides[1].notes_slide.notes_text_frame.text
    assert "goes back in time" in second
    assert "No statement" in _text(slides[2])  # July 2021 has no statement


def test_notes_cite_every_quote(timeline: Timeline) -> None:
    slide = build_slides(timeline, Briefing("t", ("ev-2023-04-24-peskov",)))[0]
    notes = speaker_notes(timeline.dataset, slide)
    for q in event_quotes(timeline.dataset, slide.event):
        assert f"“{q.text}”" in notes
        assert q.citation in notes
