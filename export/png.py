"""One PNG per slide, 1920 x 1080 (16:9 at 144 px per inch, so 1 pt = 2 px): the event's title, the
static map at the slide's date, and the same text column as the PowerPoint slide (export.pptx's
layout: the key quote with speaker, outlet and date in one line, what changed), every text at least
18 pt at that size. A key quote too long for the column gets its own continuation PNG.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import matplotlib
from PIL import Image, ImageDraw, ImageFont

from corridor.naming import Naming
from corridor.records import Dataset
from corridor.text import slug
from export.map_furniture import SLIDE
from export.png_encode import encode_png
from export.slide_layout import MARGIN, PX_PER_IN, SLIDE_H, SLIDE_W, Run, layout_event
from export.slides import Slide
from export.static_map import RenderedMap, render_map

MapImage = bytes | Image.Image  # PNG bytes, or the drawn image itself

SIZE = (round(SLIDE_W * PX_PER_IN), round(SLIDE_H * PX_PER_IN))  # 1920 x 1080
PX_PER_PT = PX_PER_IN / 72
LINE = 1.2
FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def slide_map(ds: Dataset, slide: Slide, total: int, naming: Naming, *, check: bool = True) -> RenderedMap:
    """The slide's map drawn at the size it takes on the slide (so a point of the figure is a point of
    the slide: every text at least 18 pt), at PX_PER_IN; the deck and the PNG slide both use it."""
    _left, _top, width, height = layout_event(ds, slide, total).map_box
    return render_map(
        ds, slide.state, bounds=slide.fit, naming=naming, selected_event=slide.event.id, size=(width, height),
        dpi=PX_PER_IN, text=SLIDE, check=check,
    )  # fmt: skip


def png_name(slide: Slide, part: str = "") -> str:
    """'slide-03-2022-08-30-ev-2022-08-30-new-route.png' (safe as a file name anywhere)."""
    event_id = slug(slide.event.id) or "event"
    return f"slide-{slide.number:02d}{part}-{slide.state.day.isoformat()}-{event_id}.png"


@lru_cache(maxsize=16)
def _font(size_px: int, bold: bool, italic: bool) -> ImageFont.FreeTypeFont:
    style = ("-Bold" if bold else "") + ("Oblique" if italic else "")
    name = f"DejaVuSans{'-' + style.lstrip('-') if style else ''}.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), size_px)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    lines: list[str] = []
    for chunk in text.split("\n"):
        line = ""
        for word in filter(None, chunk.split(" ")):  # plain spaces only: a no-break space holds words together
            candidate = f"{line} {word}".strip()
            if line and draw.textlength(candidate, font=font) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


def draw_runs(image: Image.Image, box: tuple[float, float, float, float], runs: Sequence[Run]) -> list[Run]:
    """Set the runs in ``box`` (inches) at their own sizes; return the runs that did not fit (none dropped
    part-way: a run is drawn whole or not at all)."""
    draw = ImageDraw.Draw(image)
    left, top, width, height = (v * PX_PER_IN for v in box)
    y, bottom = top, top + height
    for i, run in enumerate(runs):
        size = round(run.size * PX_PER_PT)
        font = _font(size, run.bold, run.italic)
        lines = _wrap(draw, run.text, font, width)
        need = len(lines) * size * LINE
        if y + need > bottom:
            return list(runs[i:])
        for line in lines:
            draw.text((left, y), line, font=font, fill=f"#{run.colour}")
            y += size * LINE
        y += run.space_after * size * LINE
    return []


def slide_pngs(ds: Dataset, slide: Slide, total: int, map_image: MapImage) -> list[tuple[str, bytes]]:
    """The slide's PNG (and its continuation when the key quote needs one); the map as PNG bytes or
    an image (pasted as it is when drawn at its size on the slide)."""
    lay = layout_event(ds, slide, total)
    image = Image.new("RGB", SIZE, "white")
    draw_runs(image, (MARGIN, 0.15, SLIDE_W - 2 * MARGIN, lay.header_h), lay.header)
    left, top, width, height = lay.map_box
    picture = map_image if isinstance(map_image, Image.Image) else Image.open(io.BytesIO(map_image))
    box = (round(width * PX_PER_IN), round(height * PX_PER_IN))
    if picture.size != box:
        picture = picture.convert("RGB").resize(box, Image.Resampling.LANCZOS)
    image.paste(picture, (round(left * PX_PER_IN), round(top * PX_PER_IN)))
    draw_runs(image, lay.column_box, lay.column)
    out = [(png_name(slide), encode_png(image))]
    if lay.continuation:
        more = Image.new("RGB", SIZE, "white")
        draw_runs(more, (MARGIN, 0.3, SLIDE_W - 2 * MARGIN, SLIDE_H - 0.6), [*lay.header, *lay.continuation])
        out.append((png_name(slide, "b"), encode_png(more)))
    return out
