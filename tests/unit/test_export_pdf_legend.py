"""export.pdf_legend: the handout's full legend beside the slide's map (rows, note) and its swatches."""

from __future__ import annotations

import datetime as dt

import pytest
from fpdf import FPDF

from corridor.timemodel import Timeline
from export.pdf_legend import LEGEND_PT, draw_swatch, handout_legend, rgb
from layers.step import DISAGREEMENT_NOTE, FORMER_NOTE
from layers.style import STATUS_LABELS

D = dt.date


def test_rgb() -> None:
    assert rgb("#D55E00") == (213, 94, 0)
    assert rgb("000000") == (0, 0, 0)


def test_the_legend_lists_every_symbol_and_the_region_rows_of_the_day(timeline: Timeline) -> None:
    rows, note = handout_legend(timeline.dataset, timeline.state_at(D(2023, 4, 23)))
    labels = [label for _kind, _colour, label in rows]
    assert all(status in labels for status in STATUS_LABELS.values())  # every status, not only the day's
    assert labels[-2:] == ["This slide's event", "Earlier events"]
    assert not any("\n" in label for label in labels)  # set as text: the column wraps it
    assert any(label.startswith("NK (Artsakh)") for label in labels)
    assert note == DISAGREEMENT_NOTE
    later, note = handout_legend(timeline.dataset, timeline.state_at(D(2024, 1, 10)))
    assert note == FORMER_NOTE
    assert not any(label.startswith("NK (Artsakh)") for _k, _c, label in later)
    assert LEGEND_PT >= 8


def _contents(pdf: FPDF) -> int:
    return len(bytes(pdf.pages[1].contents))


@pytest.mark.parametrize("kind", ["line", "dash", "band", "area", "circle", "dot", "star"])
def test_every_swatch_draws_and_leaves_the_page_state_as_it_was(kind: str) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_draw_color(1, 2, 3)
    state = (pdf.draw_color, pdf.fill_color, pdf.line_width, pdf.dash_pattern)
    before = _contents(pdf)
    draw_swatch(pdf, kind, "#0072B2", 10, 20)
    assert _contents(pdf) > before + 20  # something was drawn
    assert (pdf.draw_color, pdf.fill_color, pdf.line_width, pdf.dash_pattern) == state


def test_a_circle_swatch_is_centred_on_its_line() -> None:
    pdf = FPDF()
    pdf.add_page()
    draw_swatch(pdf, "circle", "#D55E00", 10, 20, width=7)
    ops = bytes(pdf.pages[1].contents).decode()
    # the first point of the circle's path is its rightmost one: centre x + r, centre y (PDF y grows upwards)
    x, y = (float(v) / pdf.k for v in ops.split(" m")[0].split()[-2:])
    assert x == pytest.approx(10 + 3.5 + 1.5, abs=0.05)
    assert pdf.h - y == pytest.approx(20, abs=0.05)
