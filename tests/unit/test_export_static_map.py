"""export.static_map: the map at a date as a PNG, in-process, with the same colours as the app."""

from __future__ import annotations

import datetime as dt
import io
import math
import warnings
from dataclasses import replace

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox
from PIL import Image

from corridor.timemodel import Timeline
from export.briefing import default_briefing
from export.slides import build_slides, event_bounds
from export.static_map import (
    DPI,
    EXPORT_SIZES,
    FIGSIZE,
    fitted_extent,
    label_problems,
    render_map,
)
from layers.mapconfig import HOME_BOUNDS
from layers.style import STATUS_COLOURS

D = dt.date
CHECKPOINT_LABEL_INK = (0x7A, 0x2A, 0x00)  # the checkpoint label's text colour


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def _count(pixels: np.ndarray, colour: str | tuple[int, int, int], tolerance: int = 6) -> int:
    rgb = colour if isinstance(colour, tuple) else tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return int((np.abs(pixels.astype(int) - np.array(rgb)).max(axis=2) <= tolerance).sum())


def _render(timeline: Timeline, day: dt.date, **kw: object) -> np.ndarray:
    state = timeline.state_at(day)
    return _pixels(render_map(timeline.dataset, state, bounds=kw.pop("bounds", HOME_BOUNDS), **kw).png)  # type: ignore[arg-type]


def test_png_size_and_mode(timeline: Timeline) -> None:
    png = render_map(timeline.dataset, timeline.state_at(D(2023, 4, 23)), bounds=HOME_BOUNDS).png
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.mode == "RGB"  # opaque: fpdf2 embeds it without an alpha mask
    assert image.size == (round(FIGSIZE[0] * DPI), round(FIGSIZE[1] * DPI))


@pytest.mark.parametrize(
    ("day", "present", "absent"),
    [
        (D(2022, 8, 30), "open", "blocked"),
        (D(2022, 12, 12), "blocked", "open"),
        (D(2023, 9, 30), "exodus", "blocked"),
    ],
)
def test_the_route_in_use_is_drawn_in_its_status_colour(
    timeline: Timeline, day: dt.date, present: str, absent: str
) -> None:
    pixels = _render(timeline, day)
    assert _count(pixels, STATUS_COLOURS[present]) > 3000  # type: ignore[index]
    # The other status only appears as its small legend swatch (about 280 pixels).
    assert _count(pixels, STATUS_COLOURS[absent]) < 400  # type: ignore[index]


def test_the_checkpoint_appears_on_23_april_2023_and_not_the_day_before(timeline: Timeline) -> None:
    before = _render(timeline, D(2023, 4, 22))
    after = _render(timeline, D(2023, 4, 23))
    assert _count(before, CHECKPOINT_LABEL_INK, 10) == 0
    assert _count(after, CHECKPOINT_LABEL_INK, 10) > 100


def test_no_route_is_drawn_before_the_corridor_opened(timeline: Timeline) -> None:
    pixels = _render(timeline, D(2020, 11, 1))
    assert _count(pixels, STATUS_COLOURS["open"]) < 400  # only the legend swatch


@pytest.mark.parametrize("naming", ["both", "hy", "az"])
def test_every_name_and_label_has_its_glyphs(timeline: Timeline, naming: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph ... missing from font"
        _render(timeline, D(2023, 4, 23), naming=naming, title="Checkpoint “Լաչին” Laçın Xankəndi")


def test_fitted_extent_keeps_km_square_and_contains_the_bounds() -> None:
    bounds = event_bounds_for_checkpoint()
    west, east, south, north = fitted_extent(bounds, *FIGSIZE)
    (b_south, b_west), (b_north, b_east) = bounds
    eps = 1e-9
    assert west <= b_west + eps and east >= b_east - eps and south <= b_south + eps and north >= b_north - eps
    lat0 = (south + north) / 2
    ratio = (east - west) * math.cos(math.radians(lat0)) / (north - south)
    assert ratio == pytest.approx(FIGSIZE[0] / FIGSIZE[1])


def event_bounds_for_checkpoint() -> tuple[tuple[float, float], tuple[float, float]]:
    return ((39.415, 46.3423), (39.675, 46.7423))


def test_every_slide_of_the_bundled_briefing_renders(timeline: Timeline) -> None:
    slides = build_slides(timeline, default_briefing(timeline.dataset))
    sizes = set()
    for s in slides[:4] + slides[-2:]:
        png = render_map(timeline.dataset, s.state, bounds=s.fit, selected_event=s.event.id, title=s.event.title).png
        sizes.add(Image.open(io.BytesIO(png)).size)
        assert s.fit == event_bounds(s.event)
    assert len(sizes) == 1


def test_a_restricted_corridor_is_drawn_in_the_restricted_colour(timeline: Timeline) -> None:
    state = replace(timeline.state_at(D(2023, 6, 25)), status="restricted")
    pixels = _pixels(render_map(timeline.dataset, state, bounds=HOME_BOUNDS).png)
    assert _count(pixels, STATUS_COLOURS["restricted"]) > 3000


@pytest.mark.parametrize(("size", "dpi"), EXPORT_SIZES)
def test_no_label_is_clipped_hidden_or_overlapping_on_any_slide(
    timeline: Timeline, size: tuple[float, float], dpi: int
) -> None:
    """Bounding boxes of every drawn label, for every slide of the bundled deck, at every exported size."""
    problems = {}
    for s in build_slides(timeline, default_briefing(timeline.dataset)):
        drawn = render_map(timeline.dataset, s.state, bounds=s.fit, selected_event=s.event.id,
                           title=s.event.title, size=size, dpi=dpi)  # fmt: skip
        if drawn.problems:
            problems[s.event.id] = drawn.problems
    assert problems == {}


def test_label_problems_finds_clipped_hidden_and_overlapping_labels() -> None:
    fig = Figure(figsize=(4, 3), dpi=100)
    renderer = FigureCanvasAgg(fig).get_renderer()
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 4)
    ax.set_ylim(0, 3)
    ax.text(3.9, 1.5, "Clipped", gid="label")
    ax.text(0.1, 2.8, "Under", gid="label")
    ax.text(1.5, 1.0, "First", gid="label")
    ax.text(1.55, 1.02, "Second", gid="label")
    ax.text(0.1, 0.1, "Not a label")
    stamp = Bbox.from_extents(0, 250, 150, 300)
    found = label_problems(ax, renderer, [stamp])
    assert found == [
        "'Clipped' is clipped by the frame",
        "'Under' is under the map furniture",
        "'First' overlaps 'Second'",
    ]


def test_the_handout_map_keeps_its_own_smaller_sizes(timeline: Timeline) -> None:
    state = timeline.state_at(D(2023, 4, 23))
    drawn = render_map(timeline.dataset, state, bounds=HOME_BOUNDS, title="Checkpoint")
    sizes = [size for _, size in drawn.texts]
    assert min(sizes) < 18 and max(sizes) < 18
    assert drawn.problems == ()
