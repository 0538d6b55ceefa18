"""The furniture of a static map: date stamp, legend, scale bar, north arrow, credit, at the text
sizes of the map's kind (``MapText``).

Two kinds: a map on its own (HANDOUT, render_map's default, sized to be printed in the hand: place
names ~10 pt, legend 8 pt, every legend row and the credit on the map) and the slide's map (SLIDE,
drawn at the size it is placed on the slide, so a figure point is a slide point: every text at
least 18 pt; the legend lists only what this map shows, in a band under the map with the credit and
the note, so that it hides no part of the map). The briefing pack draws only the slide's map and the
PDF handout prints that one, with the full legend set as text beside it (export.pdf_legend). The
HANDOUT legend is drawn once per set of rows and pasted as an image: it is the costliest text of the
map and the same on most maps.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.transforms import Bbox

from corridor.catalogue import MAP_CREDIT
from corridor.dates import format_day
from corridor.timemodel import MapState
from layers.style import (
    BAND,
    EVENT,
    NK_AREA,
    SCHEMATIC_DASH,
    STATUS_LABELS,
    legend_entries,
    route_style,
)

FONT = "DejaVu Sans"
ATTRIBUTION = f"{MAP_CREDIT} · routes schematic, band illustrative"  # one credit for every map (corridor/catalogue.py)
SLIDE_CREDIT = "© OpenStreetMap contributors (ODbL), Natural Earth"
KM_PER_DEG_LAT = 111.32
SCALE_STEPS_KM = (1, 2, 5, 10, 20, 50, 100)
# A slide's legend rows, at most ~16 characters each: three columns of 18 pt fit the slide's map.
SLIDE_ROWS = {
    "Schematic route (not the surveyed road)": "",  # said by the route row itself
    "Earlier route (no longer used)": "Earlier road",
    "5 km band (illustrative only)": "Band (illustr.)",
    "Checkpoint (±1.5 km: derived position)": "Checkpoint",
    "Armenia-Azerbaijan border (OSM)": "AM-AZ border",
    "NK (Artsakh) authorities' area 2020-23:\nde facto control, not sovereignty": "NK-held (de facto)",
    "Same area after 20 Sep 2023 (former)": "Former NK area",
    "2020 corridor edges (until 30 Aug 2022)": "2020 edges",
}
SLIDE_STATUS = {"Restricted (ICRC and peacekeepers only)": "Restricted (ICRC only)"}
# A slide's one-line notes (the handout's legend column and the speaker notes carry the full ones).
SLIDE_NOTES = {
    "note-disagree": "Note: the 2020 area follows the pre-Aug 2022 road.",
    "nk2020-former": "Dashed brown: NK-held area until 20 Sep 2023.",
}


@dataclass(frozen=True)
class MapText:
    """Text sizes of one kind of map, in points of the drawn figure."""

    label: float  # places of the major kinds, and checkpoints
    label_minor: float
    river: float
    stamp: float
    status: float
    title_chars: int  # characters per line of the event's title in the stamp; 0: no title (the slide has it)
    legend: float
    scale: float
    north: float
    credit: float
    note: float
    note_chars: int
    band: bool  # legend, credit and note in a band under the map (else on the map)
    split_names: bool  # 'Berdzor / Lachin' on two lines (narrower labels)


HANDOUT = MapText(10.5, 9, 9, 13, 12, 46, 8, 8, 13, 6.5, 7.5, 62, band=False, split_names=False)
SLIDE = MapText(18, 18, 18, 20, 18, 0, 18, 18, 18, 18, 18, 70, band=True, split_names=True)


def padded(box: Bbox, pixels: float) -> Bbox:
    """``box`` grown by ``pixels`` on every side."""
    return Bbox.from_extents(box.x0 - pixels, box.y0 - pixels, box.x1 + pixels, box.y1 + pixels)


def inside(box: Bbox, frame: Bbox, slack: float = 0.0) -> bool:
    """True when ``box`` lies wholly inside ``frame``, give or take ``slack`` pixels (a label's spot)."""
    return (
        frame.x0 - slack <= box.x0
        and box.x1 <= frame.x1 + slack
        and frame.y0 - slack <= box.y0
        and box.y1 <= frame.y1 + slack
    )


def wrap(text: str, width: int) -> str:
    """Greedy word wrap at ``width`` characters, lines joined by newlines."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line] if line else lines)


def draw_stamp(ax: Axes, renderer: Any, state: MapState, title: str, text: MapText) -> list[Bbox]:
    """Day (and title) in one box, the corridor status in a box below it edged in the status colour."""
    status = STATUS_LABELS[state.status] if state.status else "No status recorded"
    status = SLIDE_STATUS.get(status, status) if text.band else status
    colour = route_style(state.status)["color"]
    words = format_day(state.day) + (f"\n{wrap(title, text.title_chars)}" if title and text.title_chars else "")
    inset = max(8.0, 0.6 * text.stamp)  # points: the box's pad (0.45 em) stays inside the frame
    stamp = ax.annotate(words, (0, 1), xycoords="axes fraction", xytext=(inset, -inset), textcoords="offset points",
                        ha="left", va="top", family=FONT, fontsize=text.stamp, fontweight="bold", color="#111111",
                        zorder=40, linespacing=1.25,
                        bbox={"boxstyle": "round,pad=0.45", "facecolor": "white", "edgecolor": "#777777",
                              "alpha": 0.95})  # fmt: skip
    top_box = padded(stamp.get_window_extent(renderer), 10)
    bottom = ax.transAxes.inverted().transform(top_box.get_points())[0][1]
    x = inset / 72 * ax.get_figure().dpi / ax.bbox.width  # type: ignore[union-attr]
    status_text = ax.text(x, bottom - 0.01, f"Corridor: {status}", transform=ax.transAxes, ha="left", va="top",
                          family=FONT, fontsize=text.status, fontweight="bold", color="#111111", zorder=40,
                          bbox={"boxstyle": "square,pad=0.4", "facecolor": "white", "edgecolor": colour,
                                "linewidth": 3.5})  # fmt: skip
    return [top_box, padded(status_text.get_window_extent(renderer), 10)]


def dashes(pattern: str, width: float) -> tuple[float, tuple[float, ...]]:
    """A Leaflet dash array in pixels ('8 6') as a matplotlib dash pattern in line widths."""
    return (0.0, tuple(float(x) / width * 1.6 for x in pattern.split()))


Row = tuple[str, str, str]  # kind, colour, label


def legend_rows(drawn: set[str], state: MapState | None = None, *, star: bool = True) -> tuple[Row, ...]:
    """The legend's rows: every symbol of the map (handout), or with ``state`` only what that map shows
    (slide), the region rows only for what the map drew; ``star``: the event's star is on the map (an
    event with no position has none)."""
    rows: list[Row] = []
    for row in legend_entries():
        if ("layer" in row and row["layer"] not in drawn) or row["kind"] == "cluster":
            continue  # a static map draws every event: it never clusters
        kind, colour, label = row["kind"], row["color"], row.get("short", row["label"])
        if state is not None:
            if not _on_slide(kind, label, state):
                continue
            label = _slide_row(label, state)
        if label:
            rows.append((kind, colour, label))
    if star or state is None:
        rows.append(("star", str(EVENT["current"]), "This event" if state else "This slide's event"))
    rows.append(("dot", str(EVENT["color"]), "Earlier events"))
    return tuple(rows)


def _slide_row(label: str, state: MapState) -> str:
    if label in STATUS_LABELS.values():
        schematic = state.route_in_use is not None and state.route_in_use.schematic
        return "Road (schematic)" if schematic else "Road in use"
    return SLIDE_ROWS.get(label, label)


def _on_slide(kind: str, label: str, state: MapState) -> bool:
    """Whether a slide's legend lists the row: only symbols that this map draws."""
    in_use = state.route_in_use
    if label in STATUS_LABELS.values():
        return in_use is not None and state.status is not None and label == STATUS_LABELS[state.status]
    if (kind == "circle" and label.startswith("Event")) or label.startswith("River"):
        return False  # the star and the dot rows say it; the river is named on the map
    shown = {
        "Schematic route (not the surveyed road)": in_use is not None and in_use.schematic,
        "Earlier route (no longer used)": bool(state.past_routes),
        "5 km band (illustrative only)": in_use is not None,
        "Checkpoint (±1.5 km: derived position)": bool(state.checkpoints),
    }
    return shown.get(label, True)


def _handles(rows: Sequence[Row], size: float) -> list[Artist]:
    grow = size / 8
    handles: list[Artist] = []
    for kind, colour, label in rows:
        if kind == "area":
            handles.append(Rectangle((0, 0), 1, 1, facecolor=NK_AREA["fill"], edgecolor=colour, linewidth=1.5,
                                     alpha=0.8, label=label))  # fmt: skip
        elif kind in ("circle", "dot"):
            handles.append(Line2D([], [], marker="o", color=colour, markeredgecolor="white",
                                  markersize=(9 if kind == "circle" else 7) * grow ** 0.5, linestyle="none",
                                  label=label))  # fmt: skip
        elif kind == "star":
            handles.append(Line2D([], [], marker="*", color=colour, markeredgecolor="#111111",
                                  markersize=13 * grow**0.5, linestyle="none", label=label))  # fmt: skip
        elif kind == "band":
            handles.append(Rectangle((0, 0), 1, 1, facecolor=BAND["fill"], edgecolor=colour, linestyle="--",
                                     alpha=0.6, label=label))  # fmt: skip
        else:
            style: Any = dashes(SCHEMATIC_DASH, 1.0) if kind == "dash" else "-"
            handles.append(Line2D([], [], color=colour, linewidth=3 * grow**0.5, linestyle=style, label=label))
    return handles


Texts = tuple[tuple[str, float], ...]  # (text, size in points of the figure) of drawn texts


@lru_cache(maxsize=64)
def _legend_image(rows: tuple[Row, ...], dpi: int, size: float, band: bool, ncols: int = 3) -> tuple[np.ndarray, Texts]:
    """A legend drawn alone on a transparent figure, cropped to its frame (RGBA): the handout's (framed,
    one column) or the slide band's (``ncols`` columns, no frame)."""
    fig = Figure(figsize=(12, 8), dpi=dpi)
    fig.patch.set_alpha(0)
    canvas = FigureCanvasAgg(fig)
    if band:
        legend = fig.legend(handles=_handles(rows, size), loc="upper left", ncols=ncols, fontsize=size, frameon=False,
                            prop={"family": FONT, "size": size}, handlelength=1.8, columnspacing=1.0,
                            borderaxespad=0.2)  # fmt: skip
    else:
        legend = fig.legend(handles=_handles(rows, size), loc="upper left", fontsize=size, title="Legend",
                            title_fontsize=size + 0.5, framealpha=0.94, edgecolor="#999999",
                            prop={"family": FONT, "size": size}, handlelength=2.6)  # fmt: skip
    canvas.draw()
    box = legend.get_window_extent(canvas.get_renderer())
    height = canvas.get_width_height()[1]
    pixels = np.asarray(canvas.buffer_rgba())
    top, bottom = height - math.ceil(box.y1) - 1, height - math.floor(box.y0) + 1
    texts = [legend.get_title(), *legend.get_texts()]
    sizes = tuple((t.get_text(), float(t.get_fontsize())) for t in texts if t.get_visible() and t.get_text())
    return pixels[max(0, top) : bottom, max(0, math.floor(box.x0) - 1) : math.ceil(box.x1) + 1].copy(), sizes


def draw_legend(ax: Axes, drawn: set[str], text: MapText) -> tuple[Bbox, Texts]:
    """The handout's legend, lower right on the map (a pasted image of the drawn legend); its box and
    texts (pasted pixel for pixel, so their sizes hold on the map)."""
    fig = ax.get_figure()
    assert isinstance(fig, Figure)
    pixels, texts = _legend_image(legend_rows(drawn), round(fig.dpi), text.legend, band=False)
    frame = ax.bbox
    x1, y0 = frame.x0 + 0.995 * frame.width, frame.y0 + 0.035 * frame.height
    h, w = pixels.shape[:2]
    fig.figimage(pixels, xo=round(x1 - w), yo=round(y0), origin="upper", zorder=45)
    return padded(Bbox.from_extents(x1 - w, y0, x1, y0 + h), 4), texts


def band_legend(rows: tuple[Row, ...], dpi: int, size: float, width_px: float) -> tuple[np.ndarray, Texts]:
    """The slide band's legend in as many columns (3, 2, then 1) as fit in ``width_px``: a narrow map
    (a long title leaves less room) gets a taller legend, never a clipped one."""
    for ncols in (3, 2):
        pixels, texts = _legend_image(rows, dpi, size, True, ncols)
        if pixels.shape[1] <= width_px:
            return pixels, texts
    return _legend_image(rows, dpi, size, True, 1)


def draw_band(
    fig: Figure, renderer: Any, rows: Sequence[Row], drawn: set[str], text: MapText
) -> tuple[float, Texts, list[str]]:
    """The slide's legend (up to three columns), the note where the data disagree and the credit, in a
    band at the foot of the figure; returns the band's height as a fraction of the figure, the legend's
    texts (pasted as an image) and its problems (a legend wider than the figure would be clipped)."""
    height = fig.bbox.height
    pad = 0.08 * fig.dpi
    credit = fig.text(0.01, pad / height, SLIDE_CREDIT, ha="left", va="bottom", family=FONT, fontsize=text.credit,
                      color="#222222")  # fmt: skip
    top = credit.get_window_extent(renderer).y1 + pad / 2
    note = next((line for key, line in SLIDE_NOTES.items() if key in drawn), "")
    if note:
        box = fig.text(0.01, top / height, note, ha="left", va="bottom", family=FONT, fontsize=text.note,
                       color="#3d2606")  # fmt: skip
        top = box.get_window_extent(renderer).y1 + pad / 2
    pixels, texts = band_legend(tuple(rows), round(fig.dpi), text.legend, fig.bbox.width)
    fig.figimage(pixels, xo=0, yo=round(top), origin="upper", zorder=45)
    clipped = [f"legend clipped: {pixels.shape[1]} px wide on a {fig.bbox.width:.0f} px map"]
    return (top + pixels.shape[0] + pad / 2) / height, texts, clipped if pixels.shape[1] > fig.bbox.width else []


def _scale_km(span_km: float) -> int:
    target = span_km / 5
    return max((s for s in SCALE_STEPS_KM if s <= target), default=SCALE_STEPS_KM[0])


def draw_scale_bar(ax: Axes, renderer: Any, extent: tuple[float, float, float, float], text: MapText) -> Bbox:
    """A black and white scale bar in km, lower left, on a white panel; the panel's box."""
    west, east, south, north = extent
    lat0 = (south + north) / 2
    km_per_deg_lon = KM_PER_DEG_LAT * math.cos(math.radians(lat0))
    length_km = _scale_km((east - west) * km_per_deg_lon)
    length_deg = length_km / km_per_deg_lon
    grow = text.scale / 8
    x0 = west + (east - west) * 0.025
    y0 = south + (north - south) * 0.07
    height = (north - south) * 0.012
    half = length_deg / 2
    panel = Rectangle((x0 - (east - west) * 0.008, y0 - height * 1.6), length_deg + (east - west) * 0.05 * grow,
                      height * (1.6 + 4.6 * grow), facecolor="white", edgecolor="#777777", alpha=0.9,
                      zorder=40)  # fmt: skip
    ax.add_artist(panel)
    ax.add_artist(Rectangle((x0, y0), half, height, facecolor="#111111", edgecolor="#111111", zorder=41))
    ax.add_artist(Rectangle((x0 + half, y0), half, height, facecolor="white", edgecolor="#111111", zorder=41))
    ax.text(x0, y0 + height * 1.6, "0", ha="center", va="bottom", fontsize=text.scale, family=FONT, zorder=42)
    ax.text(x0 + length_deg, y0 + height * 1.6, f"{length_km} km", ha="center", va="bottom", fontsize=text.scale,
            family=FONT, zorder=42)  # fmt: skip
    return padded(panel.get_window_extent(renderer), 4)


def draw_north_arrow(ax: Axes, text: MapText) -> Bbox:
    """'N' under an arrow, top right; the box it takes."""
    ax.annotate(
        "N", xy=(0.965, 0.97), xytext=(0.965, 0.86), xycoords="axes fraction", textcoords="axes fraction",
        ha="center", va="top", fontsize=text.north, fontweight="bold", family=FONT, zorder=42,
        arrowprops={"facecolor": "#111111", "edgecolor": "white", "width": 5, "headwidth": 14, "headlength": 12},
    )  # fmt: skip
    bottom = 0.86 - text.north * 1.3 / 72 * ax.get_figure().dpi / ax.bbox.height  # type: ignore[union-attr]
    corners = ax.transAxes.transform([(0.935, min(0.8, bottom)), (0.995, 0.985)])
    return Bbox(corners)


def draw_attribution(ax: Axes, renderer: Any, text: MapText) -> Bbox:
    """The map's credit, lower right on the map (the slide's map has it in its band instead)."""
    credit = ax.text(
        0.995, 0.005, ATTRIBUTION, transform=ax.transAxes, ha="right", va="bottom", fontsize=text.credit, family=FONT,
        color="#222222", bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 2}, zorder=50,
    )  # fmt: skip
    return padded(credit.get_window_extent(renderer), 3)
