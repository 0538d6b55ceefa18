"""present.annotation and the exports: no statement is presented as said before it was made.

The rule: on a given day, statements about the event made after that day (the last day of their
date is later) appear under a "Said later" heading with their dates, never among what was said.
The fixture dataset is a private copy of geo/ in which Armenia's "gross violation" statement about
the 23 April 2023 checkpoint is re-dated to 2 May 2023.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import replace
from pathlib import Path

import pytest

from corridor.loader import load_dataset
from corridor.records import Dataset
from corridor.timemodel import MapState, Timeline
from export.briefing import Briefing
from export.citations import event_quotes, said_later_heading
from export.pptx import speaker_notes
from export.slide_html import slide_html
from export.slides import build_slides
from layers.style import STATUS_LABELS
from present.annotation import SAID_LATER_TITLE, annotation_html, day_status_html

D = dt.date
CHECKPOINT = "ev-2023-04-23-checkpoint"
GROSS = "armenia-2023-04-23-gross-violation"
LATER_DAY = "2023-05-02"


def redate_statement(geo: Path, statement_id: str, date: str) -> None:
    """Give one statement of a geo/ copy a new date (the fixture dataset's only change)."""
    path = geo / "statements.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    (statement,) = [s for s in doc["statements"] if s["id"] == statement_id]
    statement["date"] = date
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")


@pytest.fixture
def later(geo_copy: Path) -> Dataset:
    redate_statement(geo_copy, GROSS, LATER_DAY)
    return load_dataset(geo_copy)


def _split_at_said_later(panel: str) -> tuple[str, str]:
    before, _, after = panel.partition('<div class="cm-said-later"')
    return before, after


def test_a_statement_made_on_the_event_day_is_shown_as_said(dataset: Dataset) -> None:
    panel = annotation_html(dataset, dataset.event(CHECKPOINT))
    said, later = _split_at_said_later(panel)
    assert f'data-statement="{GROSS}"' in said
    assert later == "" and SAID_LATER_TITLE not in panel


def test_a_statement_made_before_the_event_day_is_shown_as_said(dataset: Dataset) -> None:
    event = dataset.event("ev-2024-01-01-dissolution-date")  # its statement is dated 22 Dec 2023
    assert all(s.date.last < event.anchor for s in dataset.statements_of(event))
    panel = annotation_html(dataset, event)
    assert "cm-said-later" not in panel
    assert all(f'data-statement="{s.id}"' in panel for s in dataset.statements_of(event))


def test_a_statement_made_after_the_event_day_is_under_said_later_with_its_date(later: Dataset) -> None:
    event = later.event(CHECKPOINT)
    panel = annotation_html(later, event)
    said, rest = _split_at_said_later(panel)
    assert f'data-statement="{GROSS}"' not in said
    assert f'data-statement="{GROSS}"' in rest
    assert f'<h4 class="cm-said-later-title">{SAID_LATER_TITLE}</h4>' in rest
    assert "Made after 23 Apr 2023: not yet said on this day." in rest
    assert '<div class="cm-said-later-date">Said 2 May 2023</div>' in rest
    assert 'data-statement="yerevan-2023-04-23-hakari-breach"' in said  # said that day: stays above


def test_on_a_later_day_the_same_statement_is_said(later: Dataset) -> None:
    panel = annotation_html(later, later.event(CHECKPOINT), D(2023, 5, 2))
    assert "cm-said-later" not in panel
    assert f'data-statement="{GROSS}"' in panel


def test_the_bundled_data_already_has_one_said_later_case(dataset: Dataset) -> None:
    panel = annotation_html(dataset, dataset.event("ev-2023-04-01-kornidzor-route"))
    said, rest = _split_at_said_later(panel)
    assert 'data-statement="sanosyan-2023-04-20-route"' in rest and "Said 20 Apr 2023" in rest
    assert 'data-statement="sanosyan-2023-04-20-route"' not in said


def test_said_later_text_is_escaped(later: Dataset, geo_copy: Path) -> None:
    path = geo_copy / "statements.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    (statement,) = [s for s in doc["statements"] if s["id"] == GROSS]
    statement["speaker"] = "<script>alert(1)</script>"
    statement["renderings"][0]["text"] = "<img src=x onerror=alert(1)>"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    sources_path = geo_copy / "sources.json"  # the rendering must be in its source's stored text
    sources = json.loads(sources_path.read_text(encoding="utf-8"))
    (source,) = [s for s in sources["sources"] if s["id"] == statement["renderings"][0]["source_id"]]
    source["paragraphs"].append("<img src=x onerror=alert(1)>")
    sources_path.write_text(json.dumps(sources, ensure_ascii=False), encoding="utf-8")
    hostile = load_dataset(geo_copy)
    panel = annotation_html(hostile, hostile.event(CHECKPOINT))
    _, rest = _split_at_said_later(panel)
    assert "<script>" not in rest and "<img" not in rest
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rest and "&lt;img src=x onerror=alert(1)&gt;" in rest


# --- the status on the day, with its note ---------------------------------------------------------


def test_the_days_status_and_its_note_show_when_an_earlier_event_set_it(timeline: Timeline) -> None:
    state = timeline.state_at(D(2023, 4, 24))
    event = timeline.dataset.event("ev-2023-04-24-peskov")
    assert state.status_event is not None and state.status_event.id == CHECKPOINT
    box = day_status_html(state, event)
    assert f"<b>{STATUS_LABELS['checkpoint']}</b>" in box
    assert html.escape(state.status_event.status_note) in box
    assert day_status_html(state, state.status_event) == ""  # the event's own header already says it


def test_no_status_box_before_any_status(timeline: Timeline) -> None:
    state = timeline.state_at(D(2019, 1, 1))
    assert day_status_html(state, None) == ""


def test_the_restricted_status_note_is_shown(timeline: Timeline) -> None:
    base = timeline.state_at(D(2023, 6, 20))
    assert base.status_event is not None
    restricted = replace(base.status_event, status="restricted", status_note="Only ICRC <b>evacuations</b>")
    state: MapState = replace(base, status="restricted", status_event=restricted)
    box = day_status_html(state, None)
    assert STATUS_LABELS["restricted"] in box
    assert "Only ICRC &lt;b&gt;evacuations&lt;/b&gt;" in box


# --- the same rule in the briefing pack -------------------------------------------------------------


def _slide(ds: Dataset, event_id: str) -> tuple[Timeline, object]:
    tl = Timeline(ds)
    (slide,) = build_slides(tl, Briefing(title="t", events=(event_id,)))
    return tl, slide


def test_slide_html_puts_a_later_statement_under_said_later(later: Dataset) -> None:
    _, slide = _slide(later, CHECKPOINT)
    said, rest = _split_at_said_later(slide_html(later, slide, 1))  # type: ignore[arg-type]
    assert f'data-statement="{GROSS}"' in rest and f'data-statement="{GROSS}"' not in said
    assert "Said 2 May 2023" in rest


def test_pdf_and_pptx_quotes_mark_a_later_statement(later: Dataset) -> None:
    event = later.event(CHECKPOINT)
    quotes = event_quotes(later, event, event.anchor)
    flags = [(q.statement_id, q.said_later) for q in quotes]
    assert (GROSS, True) in flags
    assert all(not q.said_later for q in quotes if q.statement_id != GROSS)
    # said-later quotes come after every quote already said
    assert [f for _, f in flags] == sorted(f for _, f in flags)
    _, slide = _slide(later, CHECKPOINT)
    notes = speaker_notes(later, slide)  # type: ignore[arg-type]
    assert said_later_heading(event.anchor) + ": “gross violation”" in notes
    assert event_quotes(later, event, D(2023, 5, 2))[-1].said_later is False


def test_pdf_quotes_on_the_bundled_data_are_all_said_on_their_days(timeline: Timeline) -> None:
    for event in timeline.dataset.events:
        for q in event_quotes(timeline.dataset, event):
            assert q.said_later == (timeline.dataset.statement(q.statement_id).date.last > event.anchor)


def test_bundled_15_june_panel_keeps_later_statements_under_said_later() -> None:
    """On the bundled data: Hajiyev (24 Jun) and News.az (27 Jul) on the 15 Jun 2023 shooting are 'said later'."""
    ds = load_dataset()
    event = ds.event("ev-2023-06-15-hakari-shooting")
    panel = annotation_html(ds, event)
    head, _, later = panel.partition(f">{SAID_LATER_TITLE}<")
    assert later, "the 15 Jun panel has a 'Said later' group"
    for statement_id, label in (
        ("hajiyev-2023-06-24-temporary-measure", "24 Jun 2023"),
        ("newsaz-2023-07-27-closure-by-decision", "27 Jul 2023"),
    ):
        text = html.escape(ds.statement(statement_id).renderings[0].text, quote=False)[:60]
        assert text not in head and text in later, statement_id
        assert f"Said {label}" in later
    first = html.escape(ds.statement("az-sbs-2023-06-15-hakari-shooting").renderings[0].text, quote=False)[:60]
    assert first in head  # said on the day: before the heading
    assert "Said later" not in annotation_html(ds, event, D(2023, 7, 27))  # by 27 Jul all were said
