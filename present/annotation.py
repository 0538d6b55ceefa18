"""The annotation panel: the current event and every statement tied to it, quoted verbatim.

No anachronism: on a given day, a statement about the event made after that day is never shown as
already said; it is grouped under a "Said later" heading with its date (``statements_on_day_html``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from corridor.dates import format_day
from corridor.records import Dataset, Event, Rendering, Statement
from corridor.text import escape, safe_link
from corridor.timemodel import MapState, split_said
from layers.style import STATUS_COLOURS, STATUS_LABELS, legend_entries

ATTRIBUTION_LABELS = {
    "direct": "Direct quotation",
    "official_text": "Official text",
    "reported": "Reported speech: the outlet's words, not a quotation of the speaker",
    "paraphrase": "Paraphrase: the outlet's words, not the speaker's",
}
CONFIDENCE_BADGE = {"high": "high", "medium": "medium", "low": "LOW"}


def rendering_html(ds: Dataset, statement: Statement, rendering: Rendering) -> str:
    """One rendering as a blockquote with its full citation."""
    source = ds.source(rendering.source_id)
    published = source.published.label if source.published else "date not recorded"
    link = (
        safe_link(source.url, source.outlet) if source.url else escape(f"{source.outlet} (no URL: {source.url_note})")
    )
    cite = (
        f"{escape(statement.speaker)}, {escape(statement.role)} · said {escape(statement.date.label)} · "
        f"{link}, {escape(published)}"
    )
    note = f'<div class="cm-note">{escape(rendering.note)}</div>' if rendering.note else ""
    return (
        f'<figure class="cm-quote cm-quote-{escape(rendering.attribution)}" data-rendering="{escape(rendering.id)}">'
        f'<blockquote lang="en">{escape(rendering.text)}</blockquote>'
        f'<figcaption>{cite}<br><span class="cm-kind">{escape(ATTRIBUTION_LABELS[rendering.attribution])}</span>'
        f" · confidence: <b>{escape(CONFIDENCE_BADGE[rendering.confidence])}</b>{note}</figcaption></figure>"
    )


def statement_html(ds: Dataset, statement: Statement) -> str:
    """A statement: all its renderings, the context and any correction of the source."""
    parts = [f'<div class="cm-statement" data-statement="{escape(statement.id)}">']
    if len(statement.renderings) > 1:
        parts.append(
            f'<div class="cm-renderings">One statement, {len(statement.renderings)} renderings '
            "by different outlets or official texts:</div>"
        )
    parts += [rendering_html(ds, statement, r) for r in statement.renderings]
    if statement.context:
        parts.append(f'<div class="cm-context">{escape(statement.context)}</div>')
    if statement.correction:
        parts.append(f'<div class="cm-correction"><b>Correction:</b> {escape(statement.correction)}</div>')
    parts.append("</div>")
    return "".join(parts)


def event_header_html(event: Event) -> str:
    """Date, title, place, description and the status the event sets."""
    status = ""
    if event.status:
        colour = STATUS_COLOURS[event.status]
        status = (
            f'<div class="cm-status" style="border-left-color:{colour}">Corridor status from this event: '
            f"<b>{escape(STATUS_LABELS[event.status])}</b>"
            + (f" · {escape(event.status_note)}" if event.status_note else "")
            + "</div>"
        )
    return (
        f'<div class="cm-event" data-event="{escape(event.id)}">'
        f'<div class="cm-event-date">{escape(event.date.label)} '
        f'<span class="cm-precision">({escape(event.date.precision)} precision)</span></div>'
        f"<h3>{escape(event.title)}</h3>"
        f'<div class="cm-place">{escape(event.place_label)}</div>'
        f"<p>{escape(event.description)}</p>{status}"
        f'<div class="cm-confidence">Event confidence: <b>{escape(CONFIDENCE_BADGE[event.confidence])}</b></div></div>'
    )


def event_sources_html(ds: Dataset, event: Event) -> str:
    """The event's sources as safe links, with its own URL (an imported row's source column) when it has one."""
    items = []
    for sid in event.source_ids:
        src = ds.source(sid)
        items.append(f"<li>{safe_link(src.url, src.outlet)}: {escape(src.title)}</li>")
    if event.source_url and event.source_url not in {ds.source(sid).url for sid in event.source_ids}:
        items.append(f"<li>{safe_link(event.source_url, event.source_url)}</li>")
    return f'<ul class="cm-sources">{"".join(items)}</ul>' if items else ""


SAID_LATER_TITLE = "Said later"
NO_STATEMENT = "No statement is recorded for this event."


def said_later_html(ds: Dataset, statements: tuple[Statement, ...], day: dt.date) -> str:
    """Statements made after ``day``, under a "Said later" heading, each headed by its own date."""
    if not statements:
        return ""
    items = "".join(
        f'<div class="cm-said-later-date">Said {escape(s.date.label)}</div>{statement_html(ds, s)}' for s in statements
    )
    return (
        f'<div class="cm-said-later" role="group" aria-label="{SAID_LATER_TITLE}">'
        f'<h4 class="cm-said-later-title">{SAID_LATER_TITLE}</h4>'
        f'<div class="cm-said-later-intro">Made after {escape(format_day(day))}: not yet said on this day.</div>'
        f"{items}</div>"
    )


def statements_on_day_html(ds: Dataset, event: Event, day: dt.date, none_class: str = "cm-none") -> str:
    """The event's statements as they stood on ``day``: those already said, then those said later."""
    said, later = split_said(ds.statements_of(event), day)
    if not said and not later:
        return f'<div class="{escape(none_class)}">{NO_STATEMENT}</div>'
    body = "".join(statement_html(ds, s) for s in said)
    if not said:
        made_by = f"No statement about this event had been made by {format_day(day)}."
        body = f'<div class="{escape(none_class)}">{escape(made_by)}</div>'
    return body + said_later_html(ds, later, day)


def day_status_html(state: MapState, event: Event | None) -> str:
    """The corridor status on the day with its note, when an earlier event than ``event`` set it."""
    source = state.status_event
    if state.status is None or source is None or source is event:
        return ""
    return (
        f'<div class="cm-status cm-day-status" style="border-left-color:{STATUS_COLOURS[state.status]}">'
        f"Corridor status on this day: <b>{escape(STATUS_LABELS[state.status])}</b>"
        + (f" · {escape(source.status_note)}" if source.status_note else "")
        + f'<span class="cm-kind"> (since {escape(source.date.label)}: {escape(source.title)})</span></div>'
    )


def annotation_html(ds: Dataset, event: Event, day: dt.date | None = None) -> str:
    """The whole panel for one event as it stood on ``day`` (default: the event's own day)."""
    body = statements_on_day_html(ds, event, event.anchor if day is None else day)
    sources = event_sources_html(ds, event)  # an imported row's source text is in its description
    heading = '<div class="cm-sources-title">Sources</div>' if sources else ""
    return event_header_html(event) + body + heading + sources


PANEL_CSS = "<style>" + (Path(__file__).with_name("panel.css")).read_text(encoding="utf-8") + "</style>"


def legend_html(*, clustered: bool = True) -> str:
    """The map legend as an HTML strip for under the map (same entries as the in-map legend; the
    cluster symbol only when the map clusters its events, ``layers.events.clustered``)."""
    items = []
    for row in legend_entries():
        if row["kind"] == "cluster" and not clustered:
            continue
        swatch = (
            f'<span class="cm-lg-swatch cm-lg-{escape(row["kind"])}" style="border-color:{escape(row["color"])};'
            + (f"background:{escape(row['color'])}" if row["kind"] in ("circle", "band") else "")
            + '"></span>'
        )
        items.append(f'<span class="cm-lg-item">{swatch}{escape(row["label"])}</span>')
    return f'<div class="cm-legend-strip" aria-label="Legend">{"".join(items)}</div>'
