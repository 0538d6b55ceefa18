"""corridor.quotes: a rendering is found in its source's paragraphs, in order, at word boundaries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corridor.errors import DataError
from corridor.loader import load_dataset
from corridor.quotes import Found, NotFound, at_word_boundary, find_rendering, pieces_of

PARAGRAPHS = (
    "The Lachin corridor (5 km wide), which will ensure the connection, remains under the control of the peacekeepers.",
    "“Russia will continue to work on this,” Peskov said. The situation is really difficult.",
    "Traffic resumed at 12:00, said the ministry; 2023-04-23 was the day.",
)


@pytest.mark.parametrize(
    ("text", "paragraph"),
    [
        ("remains under the control of the peacekeepers", 0),
        ("The Lachin corridor (5 km wide)", 0),
        ("The Lachin corridor … remains under the control", 0),
        ("The Lachin corridor…remains under the control", 0),  # no spaces round the ellipsis
        ("… which will ensure the connection, …", 0),  # leading and trailing ellipsis
        ("Russia will continue to work on this,", 1),  # ends on a comma, before the closing quote
        ("“Russia will continue", 1),
        ("difficult.", 1),
        ("12:00", 2),
        ("2023-04-23 was the day", 2),
    ],
)
def test_found(text: str, paragraph: int) -> None:
    result = find_rendering(text, PARAGRAPHS)
    assert isinstance(result, Found)
    assert result.paragraph == paragraph
    pieces = pieces_of(text)
    assert [PARAGRAPHS[paragraph][start:end] for start, end in result.spans] == list(pieces)
    assert result.spans[0][0] == PARAGRAPHS[paragraph].index(pieces[0])
    ends = [i for span in result.spans for i in span]
    assert ends == sorted(ends)


@pytest.mark.parametrize(
    ("text", "reason", "piece"),
    [
        # cut mid-word, at the end or at the start
        (
            "which will ensure the connection, remains un",
            "word boundaries",
            "which will ensure the connection, remains un",
        ),
        ("mains under the control", "word boundaries", "mains under the control"),
        ("The Lachin corridor … remains un", "word boundaries", "remains un"),
        ("12:0", "word boundaries", "12:0"),
        # pieces out of order
        ("remains under the control … The Lachin corridor", "in order", "The Lachin corridor"),
        # absent, or spread over two paragraphs
        ("the corridor is closed", "stored paragraphs", "the corridor is closed"),
        ("the peacekeepers. … Russia will continue", "in order", "Russia will continue"),
        # a character changed: a straight quote for a curly one, a missing comma
        ('"Russia will continue', "stored paragraphs", '"Russia will continue'),
        (
            "Russia will continue to work on this Peskov said",
            "stored paragraphs",
            "Russia will continue to work on this Peskov said",
        ),
        # an omission without its ellipsis
        (
            "The Lachin corridor remains under the control",
            "stored paragraphs",
            "The Lachin corridor remains under the control",
        ),
    ],
)
def test_not_found_names_the_first_missing_piece(text: str, reason: str, piece: str) -> None:
    result = find_rendering(text, PARAGRAPHS)
    assert isinstance(result, NotFound)
    assert reason in result.reason
    assert result.piece == piece


def test_a_source_with_no_paragraphs_finds_nothing() -> None:
    assert find_rendering("anything … at all", ()) == NotFound("the source has no stored paragraphs", "anything")


def test_an_empty_rendering_is_not_found() -> None:
    assert find_rendering(" … ", PARAGRAPHS) == NotFound("the rendering has no text", " … ")


def test_a_later_occurrence_at_a_word_boundary_is_found() -> None:
    # "on" first occurs inside "Lachin corridor (5 km wide), which will ensure the connection"; the whole word later
    assert find_rendering("on", ("connection on time",)) == Found(0, ((11, 13),))


@pytest.mark.parametrize(
    ("paragraph", "start", "end", "expected"),
    [
        ("remains unchanged", 0, 10, False),
        ("remains unchanged", 0, 17, True),
        ("remains unchanged", 8, 17, True),
        ("remains unchanged", 9, 17, False),
        ("(5 km wide),", 1, 11, True),  # starts after "(", ends before ")"
        ("word, next", 0, 5, True),
        ("Shusha's road", 0, 6, True),  # an apostrophe is not a letter
        ("İrəvan və", 0, 6, True),
        ("İrəvanvə", 0, 6, False),  # non-ASCII letters count as letters
    ],
)
def test_at_word_boundary(paragraph: str, start: int, end: int, expected: bool) -> None:
    assert at_word_boundary(paragraph, start, end) is expected


# --- the check at load ----------------------------------------------------------------------------


def _edit_rendering(geo: Path, rendering_id: str, text: str) -> None:
    path = geo / "statements.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    (rendering,) = [r for s in doc["statements"] for r in s["renderings"] if r["id"] == rendering_id]
    rendering["text"] = text
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def test_the_loader_rejects_a_rendering_not_in_its_stored_source(geo_copy: Path) -> None:
    _edit_rendering(geo_copy, "peskov-no-alternative-presstv", "no alternatives")
    with pytest.raises(
        DataError,
        match=r"file statements\.json, feature 'peskov-2023-04-24-no-alternative', field 'renderings\.text': "
        r"rendering 'peskov-no-alternative-presstv' is not found in source 'presstv-2023-04-24'.*"
        r"first piece not found \(got 'no alternatives'\)",
    ):
        load_dataset(geo_copy)


def test_the_loader_rejects_a_quote_cut_mid_word(geo_copy: Path) -> None:
    _edit_rendering(geo_copy, "peskov-no-alternative-presstv", "no altern")
    with pytest.raises(DataError, match=r"word boundaries; first piece not found \(got 'no altern'\)"):
        load_dataset(geo_copy)


def test_the_loader_accepts_a_cut_marked_with_an_ellipsis(geo_copy: Path) -> None:
    _edit_rendering(geo_copy, "peskov-contact-presstv", "Russia will continue to work on this … really difficult")
    load_dataset(geo_copy)


def test_a_rendering_whose_source_stores_no_paragraphs_stops_the_load(geo_copy: Path) -> None:
    path = geo_copy / "sources.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    (seed,) = [s for s in doc["sources"] if s["id"] == "presstv-2023-04-24"]
    seed["paragraphs"] = []
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DataError, match=r"rendering '[^']+-presstv'.*no stored paragraphs"):
        load_dataset(geo_copy)
