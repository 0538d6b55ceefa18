"""A slide's text as HTML: count, date, title, what changed, and the statements quoted verbatim.

Shared by the Briefing page and the offline HTML, so both show the same words. Every piece of
data goes through corridor.text.escape; the statements are the annotation panel's own HTML
(present/annotation.py).
"""

from __future__ import annotations

from pathlib import Path

from corridor.records import Dataset
from corridor.text import escape
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


def changes_html(slide: Slide) -> str:
    """The 'what changed since the previous slide' line, edged in the corridor's status colour."""
    colour = route_style(slide.state.status)["color"]
    return (
        f'<div class="bp-changed" style="border-left-color:{escape(colour)}">'
        f"<b>What changed since the previous slide</b>{escape(slide.changes_text)}</div>"
    )


def statements_html(ds: Dataset, slide: Slide) -> str:
    """Every statement of the slide's event with all its renderings and citations; those made after
    the slide's day under "Said later" with their dates."""
    return statements_on_day_html(ds, slide.event, slide.state.day, none_class="bp-none")


def slide_html(ds: Dataset, slide: Slide, total: int) -> str:
    """The whole text side of a slide."""
    return (
        f'<div class="bp-slide" data-event="{escape(slide.event.id)}">'
        + slide_header_html(slide, total)
        + changes_html(slide)
        + statements_html(ds, slide)
        + "</div>"
    )
