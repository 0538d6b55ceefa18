"""The whole briefing pack: PDF, PPTX, one PNG per slide and the offline HTML map, with progress.

Each slide's map is drawn once, at its size on the slide, and shared by the PDF handout, the deck
and the PNGs; with ``workers`` > 1
the maps, and the PNG encoding of each slide, run in forked processes. ``progress`` is
called with a fraction in [0, 1] and a short message after each step, so the page can show a bar
and the command line can stay quiet.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import multiprocessing
import queue
import zipfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PIL import Image

from corridor.atomic import write_atomic
from corridor.catalogue import GEO_DIR
from corridor.naming import DEFAULT_NAMING, Naming
from corridor.text import slug
from corridor.timemodel import Timeline
from export.briefing import Briefing
from export.html import build_html
from export.pdf import build_pdf
from export.png import slide_map, slide_pngs
from export.png_encode import encode_png
from export.pptx import build_pptx
from export.slides import Slide, build_slides

Format = Literal["pdf", "pptx", "png", "html"]
FORMATS: tuple[Format, ...] = ("pdf", "pptx", "png", "html")
FORMAT_LABELS: dict[Format, str] = {
    "pdf": "PDF handout",
    "pptx": "PowerPoint deck",
    "png": "PNG per slide",
    "html": "Offline interactive map (HTML)",
}
MIME: dict[str, str] = {
    ".pdf": "application/pdf",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".png": "image/png",
    ".html": "text/html",
    ".zip": "application/zip",
}
# Relative cost of each step, per slide, to spread the progress bar fairly (measured on 21 slides).
COST_PER_SLIDE = {"map": 1.0, "pdf": 0.35, "pptx": 0.05, "png": 0.01, "html": 0.03}

Progress = Callable[[float, str], None]
STORED = (".png", ".pdf", ".pptx")  # compressed already: deflating them again only costs time


@dataclass(frozen=True)
class PackFile:
    """One file of the pack."""

    name: str
    data: bytes
    mime: str


def data_version(geo_dir: Path = GEO_DIR) -> str:
    """A short hash of every file in geo/ (names and bytes), e.g. 'geo-sha256:1a2b3c4d5e6f'."""
    digest = hashlib.sha256()
    for path in sorted(p for p in geo_dir.iterdir() if p.is_file()):
        digest.update(path.name.encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return f"geo-sha256:{digest.hexdigest()[:12]}"


def file_stem(title: str) -> str:
    """A file name stem from the briefing's title ('The Lachin Corridor' -> 'the-lachin-corridor')."""
    return slug(title.lower(), strip="-._")[:60] or "briefing"


def mime_of(name: str) -> str:
    """The MIME type of a file name ('x.pdf' -> 'application/pdf')."""
    return MIME.get(Path(name).suffix.lower(), "application/octet-stream")


def parse_formats(text: str) -> tuple[Format, ...]:
    """'pdf,png' -> ('pdf', 'png'); an unknown name is a ValueError that names it."""
    names = [n.strip().lower() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format(s): {', '.join(unknown)} (choose from {', '.join(FORMATS)})")
    return tuple(f for f in FORMATS if f in names)


def build_pack(
    tl: Timeline,
    briefing: Briefing,
    *,
    formats: Sequence[Format] = FORMATS,
    naming: Naming = DEFAULT_NAMING,
    progress: Progress | None = None,
    generated: dt.date | None = None,
    version: str | None = None,
    workers: int = 1,
) -> list[PackFile]:
    """Every requested file of the pack, in the order of ``FORMATS``.

    ``workers`` > 1 draws the maps in that many forked processes (the command line does; a server
    does not fork its threads' state and keeps the default of 1)."""
    slides = build_slides(tl, briefing, naming)
    if not slides:
        raise ValueError("the briefing has no slides: choose at least one event")
    if not formats:
        raise ValueError("choose at least one format")
    ds = tl.dataset
    report = progress or (lambda _f, _m: None)
    n = len(slides)
    needs_maps = any(f in formats for f in ("pdf", "pptx", "png"))
    total = n * (COST_PER_SLIDE["map"] * needs_maps + sum(COST_PER_SLIDE[f] for f in formats))
    done = 0.0

    def step(cost: float, message: str) -> None:
        nonlocal done
        done += cost
        report(min(done / total, 1.0), message)

    rendered: list[SlideImages] = []
    deck_maps: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()

    def drawn() -> Iterator[SlideImages]:
        for s, done_slide in zip(slides, _render_all(tl, slides, naming, formats, workers), strict=True):
            rendered.append(done_slide)
            deck_maps.put(done_slide.deck_png)
            step(COST_PER_SLIDE["map"], f"Slide {s.number} of {n}: map drawn ({s.day_label})")
            yield done_slide

    stem = file_stem(briefing.title)
    version = version or data_version()
    files: list[PackFile] = []
    # The deck is built on a thread as its maps arrive, beside the PDF's pages: both mostly wait for the workers.
    with ThreadPoolExecutor(1, thread_name_prefix="pack-deck") as deck_thread:
        deck = (
            deck_thread.submit(build_pptx, ds, slides, iter(deck_maps.get, None), title=briefing.title,
                               data_version=version, generated=generated)
            if "pptx" in formats
            else None
        )  # fmt: skip
        try:
            if needs_maps and "pdf" not in formats:
                list(drawn())
            for fmt in FORMATS:
                if fmt not in formats:
                    continue
                if fmt == "pdf":
                    # Pages are set as the maps arrive, while the workers draw the next ones.
                    handout = (r.map for r in drawn() if r.map is not None)
                    data = build_pdf(ds, slides, handout, title=briefing.title, data_version=version,
                                     generated=generated)  # fmt: skip
                    files.append(PackFile(f"{stem}.pdf", data, mime_of(f"{stem}.pdf")))
                elif fmt == "pptx" and deck is not None:
                    deck_maps.put(None)  # every map is in
                    files.append(PackFile(f"{stem}.pptx", deck.result(), mime_of(f"{stem}.pptx")))
                elif fmt == "png":
                    files += [PackFile(name, png, mime_of(name)) for r in rendered for name, png in r.pngs]
                elif fmt == "html":
                    html = build_html(ds, slides, title=briefing.title, naming=naming)
                    files.append(PackFile(f"{stem}-map.html", html.encode("utf-8"), mime_of(f"{stem}-map.html")))
                step(COST_PER_SLIDE[fmt] * n, f"{FORMAT_LABELS[fmt]} ready")
        finally:
            deck_maps.put(None)  # the deck's thread ends, also when a map or the PDF failed
    return files


@dataclass(frozen=True)
class SlideImages:
    """Everything drawn for one slide, once: its map (for the handout), the deck's map (PNG) and the slide PNGs."""

    map: Image.Image | None
    deck_png: bytes
    pngs: list[tuple[str, bytes]]


def render_slide(tl: Timeline, slide: Slide, total: int, naming: Naming, formats: Sequence[Format]) -> SlideImages:
    """Draw the slide's map once, at its size on the slide, and make from it what ``formats`` need: the
    deck's and the PNG slide's map, and the handout's (without the slide's legend band: the handout sets
    the full legend, note and credit as text beside it);
    encoded here so that the work spreads over the workers."""
    if not any(f in formats for f in ("pdf", "pptx", "png")):
        return SlideImages(None, b"", [])
    drawn = slide_map(tl.dataset, slide, total, naming, check=False)
    on_slide = drawn.image
    return SlideImages(
        drawn.without_band() if "pdf" in formats else None,
        encode_png(on_slide) if "pptx" in formats else b"",
        slide_pngs(tl.dataset, slide, total, on_slide) if "png" in formats else [],
    )


_FORKED: tuple[Timeline, tuple[Slide, ...], Naming, tuple[Format, ...]] | None = None  # read by forked workers


def _render_number(i: int) -> SlideImages:
    assert _FORKED is not None
    tl, slides, naming, formats = _FORKED
    return render_slide(tl, slides[i], len(slides), naming, formats)


def _render_all(
    tl: Timeline, slides: tuple[Slide, ...], naming: Naming, formats: Sequence[Format], workers: int
) -> Iterator[SlideImages]:
    """Each slide's images in order, drawn here or in ``workers`` forked processes (inherited, not pickled)."""
    if workers <= 1 or len(slides) < 4 or "fork" not in multiprocessing.get_all_start_methods():
        yield from (render_slide(tl, s, len(slides), naming, formats) for s in slides)
        return
    global _FORKED  # noqa: PLW0603 - handed to the forked workers by inheritance
    _FORKED = (tl, slides, naming, tuple(formats))
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            yield from pool.map(_render_number, range(len(slides)))
    finally:
        _FORKED = None


def zip_pack(files: Sequence[PackFile], name: str) -> PackFile:
    """All files in one zip (PNG, PDF and PowerPoint are stored: they are compressed already)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for f in files:
            method = zipfile.ZIP_STORED if f.name.endswith(STORED) else zipfile.ZIP_DEFLATED
            archive.writestr(f.name, f.data, compress_type=method)
    return PackFile(name, buf.getvalue(), mime_of(name))


def write_pack(files: Sequence[PackFile], out_dir: Path) -> list[Path]:
    """Write each file atomically into ``out_dir`` (created if needed); return the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for f in files:
        if Path(f.name).name != f.name or f.name.startswith("."):
            raise ValueError(f"unsafe file name in the pack: {f.name!r}")
        paths.append(write_atomic(out_dir / f.name, f.data, prefix=".pack-"))
    return paths
