"""The map at a date as a static PNG (matplotlib, Agg, in-process: no browser, no network).

Same data and the same symbols as the interactive map (layers/style.py): land from the OSM-derived
borders and Natural Earth context, the route in use in its status colour and dashed because it
is schematic, earlier routes faded, the illustrative band, the checkpoint with its uncertainty
circle, the region outlines (export/static_region.py), places named per the naming choice, plus a
legend, scale bar, north arrow, date stamp and the OpenStreetMap attribution.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Ellipse, PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from PIL import Image
from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.geometry.polygon import orient

from corridor.naming import DEFAULT_NAMING, Naming, place_name
from corridor.records import Dataset, Place
from corridor.timemodel import MapState
from export.map_furniture import (
    FONT,
    HANDOUT,
    KM_PER_DEG_LAT,
    MapText,
    Texts,
    dashes,
    draw_attribution,
    draw_band,
    draw_legend,
    draw_north_arrow,
    draw_scale_bar,
    draw_stamp,
    inside,
    legend_rows,
    padded,
)
from export.png_encode import encode_png
from export.slides import Bounds
from export.static_region import draw_region, region_note, river_labels
from layers.basemap import FOCUS_CODES
from layers.border import outer_rings
from layers.catalogue import DEFAULT_VISIBLE
from layers.places import MAJOR_KINDS
from layers.style import (
    BAND,
    BORDER,
    CHECKPOINT,
    EVENT,
    LAND,
    LAND_FOCUS,
    PAST_ROUTE_COLOUR,
    PLACE,
    SCHEMATIC_DASH,
    WATER,
    route_style,
)

FIGSIZE = (9.6, 6.4)  # inches; 3:2 suits both the PDF page and a 16:9 slide beside text
DPI = 150
# The HANDOUT kind's size (render_map's default: a map on its own). The briefing pack exports each slide's
# map at its size on the slide (export.png.slide_map; the PDF prints that one too), label-checked in test_export_png.
EXPORT_SIZES = ((FIGSIZE, DPI),)
ROUTE_WIDTH = 4.0


@dataclass(frozen=True)
class _Land:
    context: tuple[MplPath, ...]
    focus: tuple[tuple[str, MplPath], ...]
    outlines: tuple[MplPath, ...]  # the border line: outer rings only (lake shores are not borders)
    bands: dict[str, MplPath]


def _path(geometry: dict[str, Any]) -> MplPath:
    """A compound matplotlib path of a (Multi)Polygon, exteriors counter-clockwise, holes clockwise."""
    geom = shape(geometry)
    polygons = list(geom.geoms) if isinstance(geom, MultiPolygon) else [geom] if isinstance(geom, Polygon) else []
    parts = []
    for polygon in polygons:
        oriented = orient(polygon, sign=1.0)
        for ring in (oriented.exterior, *oriented.interiors):
            coords = list(ring.coords)
            codes = [MplPath.MOVETO] + [MplPath.LINETO] * (len(coords) - 2) + [MplPath.CLOSEPOLY]
            parts.append(MplPath(coords, codes))
    return MplPath.make_compound_path(*parts) if parts else MplPath(((0.0, 0.0),), (MplPath.MOVETO,))


@lru_cache(maxsize=4)
def _land(ds: Dataset) -> _Land:
    """Paths built once per dataset (the Dataset is immutable and hashed by identity)."""
    context = tuple(_path(f["geometry"]) for f in ds.region["features"] if f["properties"]["name"] not in FOCUS_CODES)
    focus = tuple((f["properties"]["A3"], _path(f["geometry"])) for f in ds.borders["features"])
    outlines = tuple(_path(outer_rings(f["geometry"])) for f in ds.borders["features"])
    bands = {b.route_id: _path(b.geometry) for b in ds.bands}
    return _Land(context, focus, outlines, bands)


def fitted_extent(bounds: Bounds, width: float, height: float) -> tuple[float, float, float, float]:
    """(west, east, south, north) around ``bounds``, widened so that a km is as long across as up."""
    (south, west), (north, east) = bounds
    lat0 = (south + north) / 2
    stretch = math.cos(math.radians(lat0))
    span_x, span_y = (east - west) * stretch, north - south
    if span_x / span_y < width / height:
        span_x = span_y * width / height
    else:
        span_y = span_x * height / width
    cx, cy = (west + east) / 2, lat0
    return cx - span_x / stretch / 2, cx + span_x / stretch / 2, cy - span_y / 2, cy + span_y / 2


@dataclass(frozen=True)
class RenderedMap:
    """The drawn map (opaque RGB) and what the label check found (empty when every label is clear)."""

    image: Image.Image
    problems: tuple[str, ...]
    size: tuple[float, float]  # inches
    texts: tuple[tuple[str, float], ...]  # every text drawn and its size in points (text_sizes)
    band: float = 0.0  # the slide's legend band at the foot: its height as a fraction of the image's

    def without_band(self) -> Image.Image:
        """The map without the band of legend, note and credit at its foot (the handout sets them as
        text beside it, in full)."""
        keep = round(self.image.height * (1 - self.band))
        return self.image if keep >= self.image.height else self.image.crop((0, 0, self.image.width, keep))

    @property
    def png(self) -> bytes:
        """The map as PNG bytes (encoded on each call: keep the image to reuse it)."""
        return encode_png(self.image)


def render_map(
    ds: Dataset,
    state: MapState,
    *,
    bounds: Bounds,
    naming: Naming = DEFAULT_NAMING,
    selected_event: str | None = None,
    title: str = "",
    size: tuple[float, float] = FIGSIZE,
    dpi: int = DPI,
    layers: Collection[str] = DEFAULT_VISIBLE,
    text: MapText = HANDOUT,
    check: bool = True,
) -> RenderedMap:
    """The drawn map, with the label check (``label_problems``) run on the drawn figure. ``text``
    chooses the kind: HANDOUT (everything on the map) or SLIDE (``size`` is the size on the slide)."""
    fig = Figure(figsize=size, dpi=dpi)
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_facecolor(WATER)
    ax.set_xticks([])
    ax.set_yticks([])
    renderer = canvas.get_renderer()
    _draw_land(ax, ds)
    route_id = state.route_in_use.id if state.route_in_use else None
    drawn = draw_region(ax, ds, state.day, route_id, layers=layers, path_of=_path)
    _draw_routes(ax, ds, state)
    _draw_events(ax, ds, state, selected_event)
    furniture: list[Bbox] = []
    pasted: Texts = ()  # the legend's texts, pasted as an image
    band_problems: list[str] = []
    band = 0.0
    if text.band:
        rows = legend_rows(drawn, state, star=_starred(state, selected_event))
        band, pasted, band_problems = draw_band(fig, renderer, rows, drawn, text)
        ax.set_position((0, band, 1, 1 - band))
    west, east, south, north = fitted_extent(bounds, size[0], size[1] * (1 - band) if text.band else size[1])
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    stamp = draw_stamp(ax, renderer, state, title, text)
    furniture += stamp
    if not text.band:
        note = region_note(ax, renderer, drawn, below=stamp[-1], font_size=text.note)
        legend, pasted = draw_legend(ax, drawn, text)
        furniture += [legend, draw_attribution(ax, renderer, text), *([note] if note else [])]
    furniture += [draw_scale_bar(ax, renderer, (west, east, south, north), text), draw_north_arrow(ax, text)]
    solid = list(furniture)  # map furniture: no label and no place marker goes under it
    labels = _draw_checkpoints(ax, state, naming) + _draw_places(ax, ds, naming, (west, east, south, north), solid)
    if text.split_names:  # narrower: 'Berdzor /' over 'Lachin'
        labels = [(lon, lat, _split(name), major, kind) for lon, lat, name, major, kind in labels]
    markers = [_marker_box(ax, lon, lat, 7 if kind == "checkpoint" else 4.5) for lon, lat, _t, _m, kind in labels]
    markers += [_marker_box(ax, *e.lonlat, 6.5) for e in state.current_events if e.lonlat is not None]
    taken = list(furniture)
    taken += (
        river_labels(ax, ds, renderer, (west, east, south, north), taken, font_size=text.river)
        if "rivers" in drawn
        else []
    )
    _place_labels(ax, renderer, labels, taken + markers, text)
    canvas.draw()
    problems = [*label_problems(ax, renderer, solid), *band_problems] if check else []  # the tests run it
    # Opaque RGB, not matplotlib's RGBA: smaller files, and fpdf2 embeds it without an alpha mask.
    image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    return RenderedMap(image.convert("RGB"), tuple(problems), size, text_sizes(fig) + pasted, band)


def _split(name: str) -> str:
    return name.replace(" / ", " /\n").replace("(position ±", "(±")


def text_sizes(fig: Figure) -> tuple[tuple[str, float], ...]:
    """(text, size in points of the figure) of every visible text drawn on the figure."""
    return tuple(
        (t.get_text(), float(t.get_fontsize()))
        for t in fig.findobj(Text)
        if isinstance(t, Text) and t.get_visible() and t.get_text().strip()
    )


LABEL_GIDS = ("label", "river-label")


def _text_box(text: Any, renderer: Any) -> Bbox:
    box = text.get_window_extent(renderer)
    patch = text.get_bbox_patch()
    return Bbox.union([box, patch.get_window_extent(renderer)]) if patch is not None else box


def label_problems(ax: Axes, renderer: Any, furniture: list[Bbox]) -> list[str]:
    """Every label clipped by the frame, under the map furniture (date stamp, legend, scale bar, north
    arrow, attribution, note) or overlapping another label, measured on the drawn figure."""
    frame = ax.get_window_extent(renderer)
    texts = [t for t in ax.texts if t.get_gid() in LABEL_GIDS and t.get_visible()]
    boxes = [(t.get_text().replace("\n", " "), _text_box(t, renderer)) for t in texts]
    out = []
    for i, (name, box) in enumerate(boxes):
        if not inside(box, frame, slack=0.5):
            out.append(f"{name!r} is clipped by the frame")
        if any(box.overlaps(f) for f in furniture):
            out.append(f"{name!r} is under the map furniture")
        out += [f"{name!r} overlaps {other!r}" for other, b in boxes[i + 1 :] if box.overlaps(b)]
    return out


def _draw_land(ax: Axes, ds: Dataset) -> None:
    land = _land(ds)
    for path in land.context:
        ax.add_artist(PathPatch(path, facecolor=LAND["fill"], edgecolor=LAND["stroke"], linewidth=0.6, zorder=1))
    for code, path in land.focus:
        ax.add_artist(PathPatch(path, facecolor=LAND_FOCUS.get(code, LAND["fill"]), edgecolor=LAND["stroke"],
                                linewidth=0.6, zorder=2))  # fmt: skip
    for path in land.outlines:
        ax.add_artist(
            PathPatch(path, facecolor="none", edgecolor=BORDER["color"], linewidth=BORDER["weight"], zorder=6)
        )


def _draw_routes(ax: Axes, ds: Dataset, state: MapState) -> None:
    land = _land(ds)
    in_use = state.route_in_use
    if in_use is not None and in_use.id in land.bands:
        ax.add_artist(
            PathPatch(
                land.bands[in_use.id], facecolor=BAND["fill"], alpha=BAND["fill_opacity"] + 0.07,
                edgecolor="none", zorder=4,
            )
        )  # fmt: skip
        ax.add_artist(
            PathPatch(land.bands[in_use.id], facecolor="none", edgecolor=BAND["color"], linewidth=0.9,
                      linestyle=dashes(BAND["dash"], 0.9), zorder=4)
        )  # fmt: skip
    for route in state.past_routes:
        xs, ys = zip(*route.coordinates, strict=True)
        ax.plot(xs, ys, color=PAST_ROUTE_COLOUR, alpha=0.55, linewidth=2.2, solid_capstyle="butt", zorder=7)
    if in_use is not None:
        xs, ys = zip(*in_use.coordinates, strict=True)
        style = dashes(SCHEMATIC_DASH, 1.0) if in_use.schematic else "-"
        ax.plot(xs, ys, color="white", linewidth=ROUTE_WIDTH + 2.5, solid_capstyle="butt", zorder=8)
        ax.plot(xs, ys, color=route_style(state.status)["color"], linewidth=ROUTE_WIDTH, linestyle=style,
                dash_capstyle="butt", zorder=9)  # fmt: skip


def _starred(state: MapState, selected: str | None) -> bool:
    """Whether ``_draw_events`` draws a star: the selected event (else the day's) has a position."""
    current = {e.id for e in state.current_events}
    return any(
        e.lonlat is not None and (e.id == selected or (selected is None and e.id in current))
        for e in state.events_so_far
    )


def _draw_events(ax: Axes, ds: Dataset, state: MapState, selected: str | None) -> None:
    """Every event up to the day as a dot, the slide's event (or the day's) as a star: one plot call
    each, not one per event."""
    current = {e.id for e in state.current_events}
    points: dict[bool, list[tuple[float, float]]] = {False: [], True: []}
    for e in state.events_so_far:
        if e.lonlat is not None:
            points[e.id == selected or (selected is None and e.id in current)].append(e.lonlat)
    for highlight, where in points.items():
        if not where:
            continue
        # The slide's event is a star, so it never reads as the checkpoint (a filled circle).
        ax.plot(
            *zip(*where, strict=True), linestyle="none", marker="*" if highlight else "o",
            markersize=19 if highlight else 7, markeredgecolor="#111111" if highlight else "white",
            markeredgewidth=1.2 if highlight else 1, color=EVENT["current"] if highlight else EVENT["color"],
            alpha=1 if highlight else 0.85, zorder=16 if highlight else 11,
        )  # fmt: skip


def _ellipse(place: Place) -> Ellipse:
    lon, lat = place.lonlat
    r_km = (place.uncertainty_m or 0) / 1000
    height = 2 * r_km / KM_PER_DEG_LAT
    width = height / math.cos(math.radians(lat))
    return Ellipse((lon, lat), width, height, facecolor=CHECKPOINT["uncertainty_fill"], alpha=0.12, zorder=13)


_Label = tuple[float, float, str, bool, str]  # lon, lat, text, major, kind ("place" / "checkpoint")


def _draw_checkpoints(ax: Axes, state: MapState, naming: Naming) -> list[_Label]:
    labels: list[_Label] = []
    for p in state.checkpoints:
        lon, lat = p.lonlat
        if p.uncertainty_m:
            ax.add_patch(_ellipse(p))
            ring = _ellipse(p)
            ring.set(facecolor="none", edgecolor=CHECKPOINT["color"], linestyle=(0, (2, 2)), linewidth=1.2, alpha=1)
            ax.add_patch(ring)
        ax.plot(lon, lat, marker="o", markersize=14, color=CHECKPOINT["color"], markeredgecolor="white",
                markeredgewidth=2.5, zorder=15)  # fmt: skip
        suffix = f"\n(position ±{p.uncertainty_m / 1000:.1f} km, derived)" if p.uncertainty_m else ""
        labels.append((lon, lat, place_name(p, naming).replace(" / ", " /\n") + suffix, True, "checkpoint"))
    return labels


def _draw_places(
    ax: Axes, ds: Dataset, naming: Naming, extent: tuple[float, float, float, float], furniture: list[Bbox]
) -> list[_Label]:
    west, east, south, north = extent
    labels: list[_Label] = []
    for p in ds.places:
        lon, lat = p.lonlat
        if p.kind == "checkpoint" or not (west <= lon <= east and south <= lat <= north):
            continue
        if any(_marker_box(ax, lon, lat, 6).overlaps(f) for f in furniture):
            continue  # a point under the legend, stamp or scale bar would read as part of it
        labels.append((lon, lat, place_name(p, naming), p.kind in MAJOR_KINDS, "place"))
    for major in (True, False):
        where = [(lon, lat) for lon, lat, _t, m, _k in labels if m == major]
        if where:
            ax.plot(*zip(*where, strict=True), linestyle="none", marker="o", markersize=8 if major else 6,
                    color=PLACE["fill"], markeredgecolor=PLACE["color"], markeredgewidth=1.5, zorder=14)  # fmt: skip
    labels.sort(key=lambda lab: not lab[3])
    return labels


# Offsets in points tried in turn: right, left, above, below; a label that fits nowhere is dropped.
_OFFSETS = (
    (9, 0, "left", "center"),
    (-9, 0, "right", "center"),
    (0, 9, "center", "bottom"),
    (0, -9, "center", "top"),
    (-7, -7, "right", "top"),
    (7, -7, "left", "top"),
    (-7, 7, "right", "bottom"),
    (7, 7, "left", "bottom"),
    (0, -24, "center", "top"),
    (0, 24, "center", "bottom"),
)


def _label(ax: Axes, label: _Label, offset: tuple[float, float, str, str], sizes: MapText) -> Any:
    lon, lat, text, major, kind = label
    dx, dy, ha, va = offset
    checkpoint = kind == "checkpoint"
    return ax.annotate(
        text, (lon, lat), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va, family=FONT, gid="label",
        fontsize=sizes.label if major else sizes.label_minor, fontweight="bold",
        color="#7a2a00" if checkpoint else "#111111",
        zorder=21 if checkpoint else 20,
        bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "alpha": 0.9,
              "edgecolor": CHECKPOINT["color"] if checkpoint else "#888888", "linewidth": 0.6},
    )  # fmt: skip


def _place_labels(ax: Axes, renderer: Any, labels: list[_Label], taken: list[Bbox], text: MapText) -> None:
    """Put each label at the first offset where it stays inside the map and overlaps nothing.

    A place label that fits nowhere is dropped; a checkpoint label never is (it takes its first
    spot inside the map, crowded or not). Each label is laid out once: its box at every other
    offset is the same box moved (text layout is the costly part of a map).
    """
    frame = ax.get_window_extent(renderer)
    away = text.label / HANDOUT.label  # larger type, larger white box: further from the point
    for label in labels:
        checkpoint = label[4] == "checkpoint"
        order = _OFFSETS[1:2] + _OFFSETS[:1] + _OFFSETS[2:] if checkpoint else _OFFSETS
        offsets = tuple((dx * away, dy * away, ha, va) for dx, dy, ha, va in order)
        artist = _label(ax, label, offsets[0], text)
        first = artist.get_window_extent(renderer)
        # The white box around the text: its pad (0.2 em) and edge.
        grow = (0.2 * artist.get_fontsize() + 0.6) * ax.figure.dpi / 72
        anchor = ax.transData.transform(label[:2])
        fallback = None
        for offset in offsets:
            box = padded(_moved(first, anchor, offsets[0], offset, ax.figure.dpi), grow)
            spot_inside = inside(box, frame)
            if spot_inside and not any(box.overlaps(other) for other in taken):
                taken.append(box)
                _aim(artist, offset)
                break
            fallback = fallback or ((offset, box) if spot_inside else None)
        else:
            if checkpoint and fallback is not None:
                taken.append(fallback[1])
                _aim(artist, fallback[0])
            else:
                artist.remove()


_SHIFT = {"left": 0.0, "center": 0.5, "right": 1.0, "bottom": 0.0, "top": 1.0}


def _moved(box: Bbox, anchor: Any, was: tuple[float, float, str, str], now: tuple[float, float, str, str],
           dpi: float) -> Bbox:  # fmt: skip
    """The box a label laid out at offset ``was`` takes at offset ``now`` (offsets in points, aligned)."""
    width, height = box.width, box.height
    x0 = anchor[0] + now[0] * dpi / 72 - _SHIFT[now[2]] * width
    y0 = anchor[1] + now[1] * dpi / 72 - _SHIFT[now[3]] * height
    return Bbox.from_bounds(x0, y0, width, height) if was != now else box


def _aim(artist: Any, offset: tuple[float, float, str, str]) -> None:
    dx, dy, ha, va = offset
    artist.xyann = (dx, dy)
    artist.set_horizontalalignment(ha)
    artist.set_verticalalignment(va)


def _marker_box(ax: Axes, lon: float, lat: float, radius_pt: float) -> Bbox:
    """The display box a point marker covers, so that labels keep off it."""
    x, y = ax.transData.transform((lon, lat))
    r = radius_pt * ax.figure.dpi / 72
    return Bbox.from_extents(x - r, y - r, x + r, y + r)
