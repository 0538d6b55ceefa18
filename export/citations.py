"""Quotes and citations as plain text, for the formats that are not HTML (PDF, PPTX, notes).

The wording of each rendering is kept exactly as stored; the labels (direct quotation, official
text, reported speech, paraphrase) and confidence badges are the annotation panel's
(present/annotation.py), so every format says the same thing.
"""

from __future__ import annotations

import datetime as dt
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
