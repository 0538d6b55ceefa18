"""Is a rendering really in its source? A pure check of a quote against the stored paragraphs.

A rendering's text, split on the ellipsis character (…, U+2026), gives pieces. The rendering is
found when every piece appears, character for character and in order, inside one paragraph, and
each piece starts and ends at a word boundary: a piece that starts (ends) with a letter or digit
must not be preceded (followed) in the paragraph by a letter or digit. So a quote cut mid-word
("remains un" from "remains unchanged") is not found, and an omission needs its ellipsis.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from corridor.catalogue import STATEMENTS
from corridor.errors import DataError
from corridor.records import Dataset

ELLIPSIS = "\u2026"


@dataclass(frozen=True)
class Found:
    """Where a rendering is: the paragraph's index and each piece's (start, end) in it."""

    paragraph: int
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class NotFound:
    """Why a rendering is not found, and the first piece missing (in the paragraph that held most pieces)."""

    reason: str
    piece: str


def pieces_of(text: str) -> tuple[str, ...]:
    """The rendering's pieces: split on the ellipsis, outer spaces removed, empty pieces dropped."""
    return tuple(p.strip() for p in text.split(ELLIPSIS) if p.strip())


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


def at_word_boundary(paragraph: str, start: int, end: int) -> bool:
    """True when ``paragraph[start:end]`` neither starts nor ends inside a word."""
    starts_in_word = start > 0 and _is_word_char(paragraph[start]) and _is_word_char(paragraph[start - 1])
    ends_in_word = end < len(paragraph) and _is_word_char(paragraph[end - 1]) and _is_word_char(paragraph[end])
    return not starts_in_word and not ends_in_word


def find_piece(paragraph: str, piece: str, start: int = 0) -> tuple[int, int] | None:
    """The first occurrence of ``piece`` at or after ``start`` that sits at word boundaries."""
    i = paragraph.find(piece, start)
    while i != -1:
        if at_word_boundary(paragraph, i, i + len(piece)):
            return (i, i + len(piece))
        i = paragraph.find(piece, i + 1)
    return None


def _match(paragraph: str, pieces: Sequence[str]) -> list[tuple[int, int]]:
    """The spans of the longest run of leading pieces found in order (all of them when it matches)."""
    spans: list[tuple[int, int]] = []
    position = 0
    for piece in pieces:
        span = find_piece(paragraph, piece, position)
        if span is None:
            break
        spans.append(span)
        position = span[1]
    return spans


def find_rendering(text: str, paragraphs: Sequence[str]) -> Found | NotFound:
    """Find a rendering in one of its source's paragraphs (see the module docstring for the rule)."""
    pieces = pieces_of(text)
    if not pieces:
        return NotFound("the rendering has no text", text)
    if not paragraphs:
        return NotFound("the source has no stored paragraphs", pieces[0])
    best = 0
    for index, paragraph in enumerate(paragraphs):
        spans = _match(paragraph, pieces)
        if len(spans) == len(pieces):
            return Found(index, tuple(spans))
        best = max(best, len(spans))
    return NotFound("not in the source's stored paragraphs, in order, at word boundaries", pieces[best])


def check_renderings(ds: Dataset) -> None:
    """Every rendering must be found in its source's stored paragraphs (``find_rendering``); a
    rendering whose source stores none is an error too: a quote that cannot be proven is not shown."""
    for statement in ds.statements:
        for rendering in statement.renderings:
            result = find_rendering(rendering.text, ds.source(rendering.source_id).paragraphs)
            if isinstance(result, NotFound):
                raise DataError(
                    f"rendering {rendering.id!r} is not found in source {rendering.source_id!r}: {result.reason}; "
                    "first piece not found",
                    file=STATEMENTS.filename,
                    feature=statement.id,
                    field="renderings.text",
                    value=result.piece,
                )
