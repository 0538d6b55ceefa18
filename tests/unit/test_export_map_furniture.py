"""export.map_furniture: the static map's stamp, legend rows, scale bar, north arrow and credit, at
the handout's and the slide's text sizes."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from corridor.timemodel import Timeline
from export.map_furniture import (
    ATTRIBUTION,
    HANDOUT,
    SLIDE,
    dashes,
    draw_scale_bar,
    draw_stamp,
    inside,
    legend_rows,
    padded,
    wrap,
)

D = dt.date


def test_attribution_names_openstreetmap_and_odbl() -> None:
    assert "© OpenStreetMap contributors (ODbL)" in ATTRIBUTION


def test_every_slide_text_is_at_least_18_pt_and_the_handout_smaller() -> None:
    sizes = [f.name for f in fields(SLIDE) if f.type in ("float", float)]
    assert sizes and all(getattr(SLIDE, name) >= 18 for name in sizes)
    assert all(getattr(HANDOUT, name) < 18 for name in sizes)
    assert SLIDE.band and not HANDOUT.band


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("one two three four", 9, "one two\nthree\nfour"),
        ("a  b", 10, "a b"),
        ("", 10, ""),
        ("unbreakablewordlongerthanwidth", 5, "unbreakablewordlongerthanwidth"),
    ],
)
def test_wrap_is_a_greedy_word_wrap(text: str, width: int, expected: str) -> None:
    assert wrap(text, width) == expected


def test_padded_grows_a_box_on_every_side() -> None:
    assert padded(Bbox.from_extents(10, 20, 30, 40), 5).extents.tolist() == [5, 15, 35, 45]


def test_inside_is_wholly_inside_the_frame_give_or_take_the_slack() -> None:
    frame = Bbox.from_extents(0, 0, 100, 50)
    assert inside(Bbox.from_extents(0, 0, 100, 50), frame)
    assert not inside(Bbox.from_extents(-0.4, 10, 20, 20), frame)
    assert inside(Bbox.from_extents(-0.4, 10, 20, 20), frame, slack=0.5)
    assert not inside(Bbox.from_extents(90, 40, 101, 51), frame, slack=0.5)


def test_dashes_turns_a_leaflet_dash_array_into_line_widths() -> None:
    assert dashes("8 6", 1.6) == (0.0, (8.0, 6.0))
    assert dashes("4", 0.8) == (0.0, (8.0,))


def test_the_handout_legend_lists_every_symbol_and_the_slide_only_what_its_map_shows(timeline: Timeline) -> None:
    handout = legend_rows({"rivers", "nk2020"})
    assert handout[-2:] == (
        ("star", handout[-2][1], "This slide's event"),
        ("dot", handout[-1][1], "Earlier events"),
    )
    assert all(kind != "cluster" for kind, _, _ in handout)  # a static map never clusters
    before = timeline.state_at(D(2020, 11, 1))  # no route in use yet
    slide = legend_rows(set(), before)
    assert [label for _, _, label in slide][-2:] == ["This event", "Earlier events"]
    assert len(slide) < len(handout)
    assert not any(label.startswith("River") for _, _, label in slide)  # named on the map instead
    unplaced = legend_rows(set(), before, star=False)  # an event with no position: no star on the map
    assert [label for _, _, label in unplaced][-1:] == ["Earlier events"] and len(unplaced) == len(slide) - 1


def test_the_scale_bar_picks_a_round_length_inside_the_map() -> None:
    fig = Figure(figsize=(6, 4), dpi=100)
    renderer = FigureCanvasAgg(fig).get_renderer()
    ax = fig.add_axes((0, 0, 1, 1))
    extent = (46.3, 46.8, 39.4, 39.7)  # about 43 km across
    ax.set_xlim(*extent[:2])
    ax.set_ylim(*extent[2:])
    box = draw_scale_bar(ax, renderer, extent, HANDOUT)
    assert [t.get_text() for t in ax.texts] == ["0", "5 km"]
    frame = ax.get_window_extent(renderer)
    assert frame.x0 <= box.x0 and box.x1 < frame.x1 / 2 and frame.y0 <= box.y0 < frame.y1 / 2  # lower left


def test_the_stamp_shows_the_day_title_and_status(timeline: Timeline) -> None:
    fig = Figure(figsize=(6, 4), dpi=100)
    renderer = FigureCanvasAgg(fig).get_renderer()
    ax = fig.add_axes((0, 0, 1, 1))
    boxes = draw_stamp(ax, renderer, timeline.state_at(D(2023, 4, 23)), "Checkpoint", HANDOUT)
    texts = [t.get_text() for t in ax.texts]
    assert texts[0] == "23 Apr 2023\nCheckpoint"
    assert texts[1].startswith("Corridor: ")
    assert len(boxes) == 2 and boxes[1].y1 <= boxes[0].y0 + 20  # the status box under the day's (each padded 10 px)
