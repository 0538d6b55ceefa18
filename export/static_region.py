"""The region layers on the static maps: the NK de facto area (current or former), the 2020 corridor
edges, the former NKAO boundary (when chosen), rivers with labels, and the note where the data disagree.

Same data, same day rule (corridor.region) and same colours (layers/style.py) as the interactive map.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Bbox
from shapely.geometry import shape

from corridor.records import Dataset, RegionFeature
from corridor.region import disagreement_on, of_layer
from export.map_furniture import dashes, inside, wrap
from layers.rivers import river_label_point
from layers.step import DISAGREEMENT_NOTE, FORMER_NOTE
from layers.style import CORRIDOR_EDGES, NK_AREA, NK_FORMER, NKAO, RIVER

FONT = "DejaVu Sans"
NOTE_WIDTH = 62  # characters per line of the map note


def _lines(geometry: dict[str, Any]) -> list[list[tuple[float, float]]]:
    geom = shape(geometry)
    parts = getattr(geom, "geoms", [geom])
    out = []
    for part in parts:
        if part.geom_type == "Polygon":
            out += [list(part.exterior.coords), *(list(r.coords) for r in part.interiors)]
        else:
            out.append(list(part.coords))
    return out


def region_keys(ds: Dataset, day: dt.date, route_id: str | None, *, layers: Collection[str]) -> set[str]:
    """The legend keys of the region layers drawn for ``day`` (what ``draw_region`` draws), without
    drawing: the handout sets its legend beside the map from them."""
    keys: set[str] = set()
    if "rivers" in layers:
        keys.add("rivers")
    if "nk2020" in layers:
        how = {f.state_on(day) for f in of_layer(ds.region_features, "nk_2020")}
        keys |= {"nk2020"} if "current" in how else set()
        keys |= {"nk2020-former"} if "former" in how else set()
        if disagreement_on(ds.region_features, day, route_id):
            keys.add("note-disagree")
    if "nkao" in layers:
        keys.add("nkao")
    if "edges" in layers and any(f.state_on(day) == "current" for f in of_layer(ds.region_features, "edges")):
        keys.add("edges")
    return keys


def draw_region(
    ax: Axes,
    ds: Dataset,
    day: dt.date,
    route_id: str | None,
    *,
    layers: Collection[str],
    path_of: Any,
) -> set[str]:
    """Draw the region layers for ``day``; return the legend keys of what was drawn (``region_keys``)."""
    if "rivers" in layers:
        for f in of_layer(ds.region_features, "rivers"):
            for line in _lines(f.geometry):
                xs, ys = zip(*line, strict=True)
                ax.plot(xs, ys, color=RIVER["color"], linewidth=1.4, zorder=3, solid_capstyle="round")
    if "nk2020" in layers:
        _draw_nk(ax, of_layer(ds.region_features, "nk_2020"), day, path_of)
    if "nkao" in layers:
        for f in of_layer(ds.region_features, "nkao"):
            ax.add_artist(PathPatch(path_of(f.geometry), facecolor="none", edgecolor=NKAO["color"],
                                    linewidth=1.4, linestyle=dashes(NKAO["dash"], 1.4), zorder=5))  # fmt: skip
    if "edges" in layers:
        for f in of_layer(ds.region_features, "edges"):
            if f.state_on(day) != "current":
                continue
            for line in _lines(f.geometry):
                xs, ys = zip(*line, strict=True)
                ax.plot(xs, ys, color=CORRIDOR_EDGES["color"], linewidth=2.4, zorder=6)
    return region_keys(ds, day, route_id, layers=layers)


def _draw_nk(ax: Axes, features: tuple[RegionFeature, ...], day: dt.date, path_of: Any) -> None:
    for f in features:
        how = f.state_on(day)
        path: MplPath = path_of(f.geometry)
        if how == "current":
            ax.add_artist(PathPatch(path, facecolor=NK_AREA["fill"], alpha=NK_AREA["fill_opacity"], edgecolor="none",
                                    zorder=3))  # fmt: skip
            ax.add_artist(PathPatch(path, facecolor="none", edgecolor=NK_AREA["color"], linewidth=1.8, zorder=5))
        elif how == "former":
            ax.add_artist(PathPatch(path, facecolor="none", edgecolor=NK_FORMER["color"], alpha=NK_FORMER["opacity"],
                                    linewidth=1.4, linestyle=dashes(NK_FORMER["dash"], 1.4), zorder=5))  # fmt: skip


def river_labels(
    ax: Axes,
    ds: Dataset,
    renderer: Any,
    extent: tuple[float, float, float, float],
    taken: list[Bbox],
    *,
    font_size: float = 9,
) -> list[Bbox]:
    """Italic river names at each river's label point inside the map, clear of ``taken``; their boxes."""
    west, east, south, north = extent
    boxes: list[Bbox] = []
    halo = [patheffects.withStroke(linewidth=3, foreground="white")]
    for f in of_layer(ds.region_features, "rivers"):
        name = str(f.properties.get("name", ""))
        lon, lat = river_label_point(f.geometry, name)
        if not (west <= lon <= east and south <= lat <= north):  # label the stretch this map shows instead
            lon, lat = _nearest_on(f.geometry, ((west + east) / 2, (south + north) / 2))
        if not (west <= lon <= east and south <= lat <= north):
            continue
        text = ax.annotate(name, (lon, lat), xytext=(4, 3), textcoords="offset points", fontsize=font_size,
                           style="italic", fontweight="bold", color=RIVER["label"], family=FONT, zorder=19,
                           path_effects=halo, annotation_clip=True, gid="river-label")  # fmt: skip
        box = text.get_window_extent(renderer)
        if not inside(box, ax.get_window_extent(renderer)) or any(box.overlaps(t) for t in [*taken, *boxes]):
            text.remove()
            continue
        boxes.append(box)
    return boxes


def _nearest_on(geometry: dict[str, Any], lonlat: tuple[float, float]) -> tuple[float, float]:
    from shapely.geometry import Point  # noqa: PLC0415
    from shapely.ops import nearest_points  # noqa: PLC0415

    point = nearest_points(shape(geometry), Point(lonlat))[0]
    return float(point.x), float(point.y)


def note_text(drawn: Collection[str]) -> str:
    """The map's note for the region layers drawn: where the data disagree, or that the NK outline
    is former; empty when there is none."""
    if "note-disagree" in drawn:
        return DISAGREEMENT_NOTE
    return FORMER_NOTE if "nk2020-former" in drawn else ""


def region_note(ax: Axes, renderer: Any, drawn: set[str], below: Bbox, font_size: float = 7.5) -> Bbox | None:
    """The note on the map where the data disagree, or that the NK outline is former, under ``below``."""
    text = note_text(drawn)
    if not text:
        return None
    y = ax.transAxes.inverted().transform((0, below.y0))[1] - 0.005
    note = ax.text(0.012, y, wrap(text, NOTE_WIDTH), transform=ax.transAxes, ha="left", va="top", family=FONT,
                   fontsize=font_size, color="#3d2606", zorder=44,
                   bbox={"boxstyle": "round,pad=0.35", "facecolor": "#fff8e1", "edgecolor": NK_AREA["color"],
                         "alpha": 0.95})  # fmt: skip
    box = note.get_window_extent(renderer)
    return Bbox.from_extents(box.x0 - 4, box.y0 - 4, box.x1 + 4, box.y1 + 4)
