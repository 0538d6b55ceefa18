"""export.slide_layout: fixed projector sizes, the word limit, the key quote's continuation slide,
what goes to the notes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from corridor.timemodel import Timeline
from export.briefing import Briefing, default_briefing
from export.citations import key_quote
from export.slide_layout import (
    MAX_WORDS,
    MIN_PT,
    NOTES_POINTER,
    SLIDE_H,
    SLIDE_W,
    TITLE_PT,
    Run,
    change_priority,
    fits,
    layout_event,
    quote_runs,
    word_count,
)
from export.slides import Slide, build_slides

NEXT_SLIDE = "Key quote on the next slide."


@pytest.fixture(scope="module")
def slides(timeline: Timeline) -> tuple[Slide, ...]:
    return build_slides(timeline, default_briefing(timeline.dataset))


def test_a_run_under_the_minimum_cannot_be_made() -> None:
    with pytest.raises(ValueError, match=r"under the slide minimum of 18\.0 pt"):
        Run("small print", 12)


def test_fits_is_false_for_text_too_long_for_its_box() -> None:
    assert fits([Run("gross violation")], 3.5, 1)
    assert not fits([Run("word " * 120)], 3.5, 5)


def test_word_count_counts_words_across_runs() -> None:
    assert word_count([Run("one two"), Run("three\nfour  five")]) == 5
    assert word_count([]) == 0


def test_every_slide_keeps_the_word_limit_the_sizes_and_its_boxes(
    timeline: Timeline, slides: tuple[Slide, ...]
) -> None:
    for s in slides:
        lay = layout_event(timeline.dataset, s, len(slides))
        assert word_count([*lay.header, *lay.column]) <= MAX_WORDS, s.event.id
        assert min(r.size for r in [*lay.header, *lay.column, *lay.continuation]) >= MIN_PT
        assert lay.header[0].size >= TITLE_PT
        _, _, width, height = lay.column_box
        # Estimated to fit, but for the notes pointer, added after the fit checks (3 Dec 2022 overflows with it).
        body = lay.column[:-1] if lay.column[-1].text == NOTES_POINTER else lay.column
        assert fits(body, width, height), s.event.id
        left, top, map_w, map_h = lay.map_box
        assert left + map_w < lay.column_box[0] and top + map_h <= SLIDE_H and left + map_w <= SLIDE_W
        assert map_w * map_h > 0.45 * SLIDE_W * SLIDE_H  # the map takes most of the slide


def test_a_key_quote_that_does_not_fit_goes_to_a_continuation_slide(
    timeline: Timeline, slides: tuple[Slide, ...]
) -> None:
    ds = timeline.dataset
    continued = 0
    for s in slides:
        lay = layout_event(ds, s, len(slides))
        texts = [r.text for r in lay.column]
        quote = key_quote(ds, s.event, s.state.day)
        if lay.continuation:
            continued += 1
            assert NEXT_SLIDE in texts
            assert quote is not None and lay.continuation[0].text == f"“{quote.text}”"
            assert lay.continuation[0].size == 24
        else:
            assert NEXT_SLIDE not in texts
            assert quote_runs(quote)[0].text in texts  # the key quote (or the line saying there is none)
    assert continued > 0  # the bundled briefing has some (e.g. 1 Dec 2020, Lachin district)


def test_what_does_not_fit_goes_to_the_notes_map_changes_first(timeline: Timeline, slides: tuple[Slide, ...]) -> None:
    slide = next(s for s in slides if s.event.id == "ev-2023-04-23-checkpoint")
    long = tuple(f"A checkpoint appeared: number {i} of many long sentences." for i in range(12))
    many = replace(slide, changes=("1 new statement: by someone.", "Status went from open to blocked.", *long))
    lay = layout_event(timeline.dataset, many, len(slides))
    texts = [r.text for r in lay.column]
    assert lay.left_out and texts[-1] == NOTES_POINTER
    assert "A checkpoint appeared: number 0 of many long sentences." in texts  # the map's own change is kept
    assert "1 new statement: by someone." in lay.left_out  # a statement count goes first
    assert word_count([*lay.header, *lay.column]) <= MAX_WORDS


def test_change_priority_orders_map_then_status_then_statements() -> None:
    assert change_priority("The route switched to the Lachin bypass.") == 0
    assert change_priority("Corridor status went from open to blocked.") == 1
    assert change_priority("Status note: ICRC only.") == 2
    assert change_priority("2 new statements: by A and B.") == 2


def test_no_quote_gives_the_line_saying_there_is_none() -> None:
    [run] = quote_runs(None)
    assert run.text.startswith("No statement is recorded") and run.italic and run.size == MIN_PT


def test_the_slide_number_and_continuation_mark_are_in_the_day_line(timeline: Timeline) -> None:
    slide = build_slides(timeline, Briefing("t", ("ev-2023-04-23-checkpoint",)))[0]
    lay = layout_event(timeline.dataset, slide, 7)
    assert lay.column[0].text.endswith("· slide\u00a01\u00a0of\u00a07")  # no-break spaces: never split
