"""A slide's text as HTML: count, date, title, the one key quote, what changed; every statement in a
closed "All statements and citations" section (the HTML counterpart of the speaker notes).

Shared by the Briefing page and the offline HTML, so both show the same words. Projector sizes
live in slide.css (every text on the slide at least 18 pt = 24 px, the title 28 pt). The key quote
follows export.citations.KEY_QUOTE_RULE, with speaker, outlet and date in one line. Every piece of
data goes through corridor.text.escape; the statements are the annotation panel's own HTML
(present/annotation.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from corridor.records import Dataset
from corridor.text import escape
from export.citations import KEY_QUOTE_RULE, event_quotes, key_quote
from export.slide_layout import layout_event
from export.slides import Slide
from layers.style import route_style
from present.annotation import statements_on_day_html

SLIDE_CSS = (Path(__file__).with_name("slide.css")).read_text(encoding="utf-8")


def slide_header_html(slide: Slide, total: int) -> str:
    """'Slide 3 of 12', the event's date and its title."""
    return (
        f'<div class="bp-count" data-slide="{slide.number}">Slide {slide.number} of {total}</div>'
        f'<div class="bp-date">{escape(slide.day_label)}</div>'
        f'<h2 class="bp-title">{escape(slide.event.title)}</h2>'
    )


def changes_html(slide: Slide, sentences: Sequence[str] | None = None) -> str:
    """The 'what changed since the previous slide' line, edged in the corridor's status colour."""
    colour = route_style(slide.state.status)["color"]
    text = " ".join(slide.changes if sentences is None else sentences)
    return (
        f'<div class="bp-changed" style="border-left-color:{escape(colour)}">'
        f"<b>What changed since the previous slide</b>{escape(text)}</div>"
    )


def statements_html(ds: Dataset, slide: Slide) -> str:
    """Every statement of the slide's event with all its renderings and citations; those made after
    the slide's day under "Said later" with their dates."""
    return statements_on_day_html(ds, slide.event, slide.state.day, none_class="bp-none")


def key_quote_html(ds: Dataset, slide: Slide) -> str:
    """The slide's one key quote, verbatim, and 'speaker · outlet · date' under it."""
    quote = key_quote(ds, slide.event, slide.state.day)
    if quote is None:
        return '<p class="bp-none">No statement is recorded for this event by this day.</p>'
    kind = "bp-key bp-key-reported" if quote.attribution in ("reported", "paraphrase") else "bp-key"
    return (
        f'<figure class="{kind}" title="{escape(KEY_QUOTE_RULE)}"><blockquote>“{escape(quote.text)}”</blockquote>'
        f"<figcaption>— {escape(quote.line)}</figcaption></figure>"
    )


def slide_html(ds: Dataset, slide: Slide, total: int) -> str:
    """The whole text side of a slide: the key quote on it, every statement in a closed section."""
    count = len(event_quotes(ds, slide.event, slide.state.day))
    left_out = layout_event(ds, slide, total).left_out  # the PowerPoint slide's word budget, same sentences
    kept = [c for c in slide.changes if c not in left_out]
    more = f'<p class="bp-more">{escape(" ".join(left_out))}</p>' if left_out else ""
    return (
        f'<div class="bp-slide" data-event="{escape(slide.event.id)}">'
        + slide_header_html(slide, total)
        + key_quote_html(ds, slide)
        + (changes_html(slide, kept) if kept else "")
        + f'<details class="bp-all"><summary>All statements and citations ({count})</summary>'
        + more
        + statements_html(ds, slide)
        + "</details></div>"
    )
