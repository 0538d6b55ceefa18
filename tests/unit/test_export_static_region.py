"""export.static_region: the region layers of the static maps by the same day rule as the live map
(NK area current or former, 2020 corridor edges, NKAO, rivers), river names, and the map note."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Bbox

from corridor.records import Dataset
from export.static_region import draw_region, note_text, region_keys, region_note, river_labels
from layers.step import DISAGREEMENT_NOTE, FORMER_NOTE
from layers.style import CORRIDOR_EDGES, NK_AREA, NK_FORMER

D = dt.date
ALL = ("rivers", "nk2020", "nkao", "edges")
EXTENT = (45.6, 47.4, 39.0, 40.4)  # west, east, south, north: the region around the corridor
EARLY, LATER = "route_A_old_highway", "route_B2_kornidzor"


def _square(_geometry: dict[str, Any]) -> MplPath:
    return MplPath([(46.0, 39.5), (46.5, 39.5), (46.5, 39.9), (46.0, 39.5)])


def _axes() -> tuple[Axes, Any]:
    fig = Figure(figsize=(6, 4.5), dpi=100)
    renderer = FigureCanvasAgg(fig).get_renderer()
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(*EXTENT[:2])
    ax.set_ylim(*EXTENT[2:])
    return ax, renderer


@pytest.mark.parametrize(
    ("day", "route_id", "expected"),
    [
        (D(2020, 11, 1), None, {"rivers", "nkao"}),  # before the ceasefire: no NK area, no edges
        (D(2021, 6, 1), EARLY, {"rivers", "nkao", "nk2020", "edges"}),
        (D(2023, 1, 1), LATER, {"rivers", "nkao", "nk2020", "note-disagree"}),  # the edges end on 30 Aug 2022
        (D(2023, 10, 1), None, {"rivers", "nkao", "nk2020-former"}),
    ],
)
def test_draw_region_draws_what_stands_on_the_day(
    dataset: Dataset, day: dt.date, route_id: str | None, expected: set[str]
) -> None:
    ax, _ = _axes()
    assert draw_region(ax, dataset, day, route_id, layers=ALL, path_of=_square) == expected


@pytest.mark.parametrize("day", [D(2020, 11, 1), D(2021, 6, 1), D(2023, 1, 1), D(2023, 10, 1)])
def test_region_keys_name_what_draw_region_draws(dataset: Dataset, day: dt.date) -> None:
    """The handout's legend comes from region_keys without drawing: it must name what the map drew."""
    ax, _ = _axes()
    keys = region_keys(dataset, day, LATER, layers=ALL)
    assert draw_region(ax, dataset, day, LATER, layers=ALL, path_of=_square) == keys
    fills = {to_hex(p.get_facecolor()) for p in ax.patches if p.get_fill()}
    faint = [p for p in ax.patches if p.get_alpha() == NK_FORMER["opacity"]]
    lines = {to_hex(line.get_color()) for line in ax.lines}
    assert ("nk2020" in keys) == (NK_AREA["fill"] in fills)
    assert ("nk2020-former" in keys) == bool(faint)
    assert ("edges" in keys) == (CORRIDOR_EDGES["color"] in lines)


def test_note_text(dataset: Dataset) -> None:
    assert note_text({"note-disagree", "nk2020-former"}) == DISAGREEMENT_NOTE
    assert note_text({"nk2020-former"}) == FORMER_NOTE
    assert note_text({"nk2020", "edges"}) == ""


def test_draw_region_draws_only_the_chosen_layers(dataset: Dataset) -> None:
    ax, _ = _axes()
    assert draw_region(ax, dataset, D(2021, 6, 1), EARLY, layers=("nkao",), path_of=_square) == {"nkao"}
    assert len(ax.patches) + len(ax.artists) == 1 and not ax.lines


@pytest.mark.parametrize(
    ("drawn", "note"),
    [({"note-disagree", "nk2020"}, DISAGREEMENT_NOTE), ({"nk2020-former"}, FORMER_NOTE), ({"nk2020"}, None)],
)
def test_region_note_says_where_the_data_disagree_or_the_outline_is_former(drawn: set[str], note: str | None) -> None:
    ax, renderer = _axes()
    below = Bbox.from_extents(0, 300, 200, 440)
    box = region_note(ax, renderer, drawn, below)
    if note is None:
        assert box is None and not ax.texts
        return
    assert box is not None and box.y1 <= below.y0 + 4
    assert " ".join(ax.texts[0].get_text().split()) == " ".join(note.split())


def test_river_labels_stay_inside_the_map_and_clear_of_what_is_taken(dataset: Dataset) -> None:
    ax, renderer = _axes()
    boxes = river_labels(ax, dataset, renderer, EXTENT, [])
    frame = ax.get_window_extent(renderer)
    assert boxes and len(boxes) == len(ax.texts)
    assert all(frame.x0 <= b.x0 and b.x1 <= frame.x1 and frame.y0 <= b.y0 and b.y1 <= frame.y1 for b in boxes)
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    ax2, renderer2 = _axes()
    assert river_labels(ax2, dataset, renderer2, EXTENT, [ax2.get_window_extent(renderer2)]) == []
    assert not ax2.texts  # a label that would cover something is removed, not left behind
