"""The handout's legend, set as PDF text beside the map with vector swatches.

The handout prints each slide's own map (drawn once, at its size on the slide: export.png.slide_map)
without the slide's band of legend, note and credit under it (the slide's legend lists only what that
map shows, in slide-sized type and short words; printed too, it said the same twice). Beside it the
handout lists every
symbol of the static maps (export.map_furniture.legend_rows, the region rows for what this day's map
draws), the note where the data disagree and the full credit, as text at LEGEND_PT (at least 8 pt):
text is cheaper to set than to draw into every map, and stays sharp and searchable.
"""

from __future__ import annotations

import math
from collections.abc import Collection

from fpdf import FPDF

from corridor.records import Dataset
from corridor.timemodel import MapState
from export.map_furniture import Row, legend_rows
from export.static_region import note_text, region_keys
from layers.catalogue import DEFAULT_VISIBLE
from layers.style import BAND, NK_AREA

LEGEND_PT = 9.0  # the issue asks for at least 8 pt; body text is 9 pt
SWATCH_W = 7.0  # mm
STAR = "#111111"


def rgb(colour: str) -> tuple[int, int, int]:
    """'#d55e00' -> (213, 94, 0)."""
    c = colour.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def handout_legend(
    ds: Dataset, state: MapState, layers: Collection[str] = DEFAULT_VISIBLE
) -> tuple[tuple[Row, ...], str]:
    """The handout's legend rows (every symbol; the region rows for what the day's map draws) and
    the map's note ('' when there is none)."""
    route_id = state.route_in_use.id if state.route_in_use else None
    drawn = region_keys(ds, state.day, route_id, layers=layers)
    rows = tuple((kind, colour, label.replace("\n", " ")) for kind, colour, label in legend_rows(drawn))
    return rows, note_text(drawn)


def _star(cx: float, cy: float, outer: float) -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        r = outer if i % 2 == 0 else outer * 0.45
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return points


def draw_swatch(pdf: FPDF, kind: str, colour: str, x: float, y: float, *, width: float = SWATCH_W) -> None:
    """One legend symbol ``width`` mm wide from ``x``, centred on ``y`` (mm), drawn as on the map."""
    cx = x + width / 2
    with pdf.local_context():
        pdf.set_draw_color(*rgb(colour))
        pdf.set_fill_color(*rgb(colour))
        if kind in ("area", "band"):
            pdf.set_line_width(0.35)
            pdf.set_fill_color(*rgb(NK_AREA["fill"] if kind == "area" else BAND["fill"]))
            if kind == "band":
                pdf.set_dash_pattern(dash=0.9, gap=0.6)
            pdf.rect(x, y - 1.7, width, 3.4, style="DF")
        elif kind in ("circle", "dot"):
            r = 1.5 if kind == "circle" else 1.2
            pdf.set_draw_color(255, 255, 255)
            pdf.set_line_width(0.3)
            pdf.ellipse(cx - r, y - r, 2 * r, 2 * r, style="DF")  # from its box: circle()'s x, y changed in 2.8.1
        elif kind == "star":
            pdf.set_draw_color(*rgb(STAR))
            pdf.set_line_width(0.2)
            pdf.polygon(_star(cx, y, 2.1), style="DF")
        else:
            pdf.set_line_width(1.0)
            if kind == "dash":
                pdf.set_dash_pattern(dash=1.6, gap=1.1)
            pdf.line(x, y, x + width, y)
        pdf.set_dash_pattern()
