"""Quotes and citations as plain text, for the formats that are not HTML (PDF, PPTX, notes).

The wording of each rendering is kept exactly as stored; the labels (direct quotation, official
text, reported speech, paraphrase) and confidence badges are the annotation panel's
(present/annotation.py), so every format says the same thing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from corridor.dates import format_day
from corridor.records import Dataset, Event, Source, Statement
from corridor.timemodel import split_said
from present.annotation import ATTRIBUTION_LABELS, CONFIDENCE_BADGE


@dataclass(frozen=True)
class QuoteBlock:
    """One rendering of a statement with everything needed to cite it."""

    statement_id: str
    rendering_id: str
    text: str
    attribution: str
    kind_label: str
    citation: str
    note: str
    context: str
    correction: str
    said_later: bool = False  # made after the day shown: print under a "Said later" heading


def source_citation(source: Source) -> str:
    """'Outlet, "Title", 24 Apr 2023, https://…' (or the reason there is no URL)."""
    published = source.published.label if source.published else "date not recorded"
    where = source.url if source.url else f"no URL: {source.url_note}" if source.url_note else "no URL"
    return f"{source.outlet}, “{source.title}”, {published}, {where}"


def statement_quotes(ds: Dataset, statement: Statement, said_later: bool = False) -> list[QuoteBlock]:
    """Every rendering of a statement, each with its full citation."""
    out = []
    for i, r in enumerate(statement.renderings):
        cite = (
            f"{statement.speaker}, {statement.role} · said {statement.date.label} · "
            f"{source_citation(ds.source(r.source_id))}"
        )
        out.append(
            QuoteBlock(
                statement_id=statement.id,
                rendering_id=r.id,
                text=r.text,
                attribution=r.attribution,
                kind_label=f"{ATTRIBUTION_LABELS[r.attribution]} · confidence: {CONFIDENCE_BADGE[r.confidence]}",
                citation=cite,
                note=r.note,
                # Context and correction belong to the statement: print them once, after its last rendering.
                context=statement.context if i == len(statement.renderings) - 1 else "",
                correction=statement.correction if i == len(statement.renderings) - 1 else "",
                said_later=said_later,
            )
        )
    return out


def event_quotes(ds: Dataset, event: Event, day: dt.date | None = None) -> list[QuoteBlock]:
    """All quotes of an event as they stood on ``day`` (default: the event's day): those already said,
    in the event's order of statements, then those said later (``said_later`` set)."""
    said, later = split_said(ds.statements_of(event), event.anchor if day is None else day)
    return [q for s in said for q in statement_quotes(ds, s)] + [
        q for s in later for q in statement_quotes(ds, s, said_later=True)
    ]


def said_later_heading(day: dt.date) -> str:
    """The plain-text heading over quotes made after ``day`` (same words as the panel's)."""
    return f"Said later (made after {format_day(day)}: not yet said on this day)"


def cited_sources(ds: Dataset, events: list[Event]) -> list[Source]:
    """Every source the events or their renderings cite, once each, in order of first use."""
    seen: dict[str, Source] = {}
    for event in events:
        for sid in event.source_ids:
            seen.setdefault(sid, ds.source(sid))
        for statement in ds.statements_of(event):
            for r in statement.renderings:
                seen.setdefault(r.source_id, ds.source(r.source_id))
    return list(seen.values())


# The key quote: one rendering per slide, chosen by KEY_QUOTE_RULE; every other one goes to the notes.
KEY_MIN_WORDS = 5
KEY_MAX_WORDS = 35
KEY_QUOTE_RULE = (
    "Key quote: among the statements already made on the slide's day (never one said later), the main "
    "speaker's first direct quotation (the main speaker is the one whose surname is in the event's title, "
    "an actor such as 'Russia' does not count; else the one with the most statements); else the first "
    "official text; else the first direct quotation; else the first rendering. Fragments under "
    f"{KEY_MIN_WORDS} words and renderings over {KEY_MAX_WORDS} words are passed over while another "
    "candidate exists."
)


NBSP = "\u00a0"


@dataclass(frozen=True)
class KeyQuote:
    """The one quote shown on a slide, with its one-line attribution."""

    text: str
    attribution: str  # 'direct' / 'official_text' / 'reported' / 'paraphrase'
    speaker: str
    outlet: str
    date: str  # the statement's date as people write it

    @property
    def line(self) -> str:
        """'Dmitry Peskov · TASS · 24 Apr 2023': speaker, outlet and date in one line; the date's words
        joined by no-break spaces, so that a slide never breaks it ('23 /' over 'Apr 2023')."""
        return f"{self.speaker} · {self.outlet} · {self.date.replace(' ', NBSP)}"


def main_speaker(event: Event, statements: list[Statement]) -> str | None:
    """The speaker named in the event's title, else the one with the most statements (first on a tie)."""
    if not statements:
        return None
    title = set(re.findall(r"\w+", event.title.lower()))
    actors = {word for actor in event.actors for word in re.findall(r"\w+", actor.lower())}
    for s in statements:
        words = re.findall(r"\w+", s.speaker.split("(")[0].lower())
        surname = words[-1] if words else ""
        if len(surname) >= 4 and surname in title and surname not in actors:
            return s.speaker
    counts = {s.speaker: sum(t.speaker == s.speaker for t in statements) for s in statements}
    return max(counts, key=lambda name: counts[name])  # max keeps the first of equal counts


def key_quote(ds: Dataset, event: Event, day: dt.date | None = None) -> KeyQuote | None:
    """The slide's key quote by KEY_QUOTE_RULE, or None when nothing was said by ``day``."""
    said, _later = split_said(ds.statements_of(event), event.anchor if day is None else day)
    said_list = list(said)
    main = main_speaker(event, said_list)
    pairs = [(s, r) for s in said_list for r in s.renderings]
    tiers = [
        [p for p in pairs if p[0].speaker == main and p[1].attribution == "direct"],
        [p for p in pairs if p[1].attribution == "official_text"],
        [p for p in pairs if p[1].attribution == "direct"],
        pairs,
    ]
    fitting = [p for tier in tiers for p in tier if KEY_MIN_WORDS <= len(p[1].text.split()) <= KEY_MAX_WORDS]
    chosen = fitting[0] if fitting else next((tier[0] for tier in tiers if tier), None)
    if chosen is None:
        return None
    statement, rendering = chosen
    outlet = ds.source(rendering.source_id).outlet
    return KeyQuote(rendering.text, rendering.attribution, statement.speaker, outlet, statement.date.label)
