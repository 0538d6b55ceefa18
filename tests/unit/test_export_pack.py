"""export.pack: every format, progress, zip, atomic writes, data version."""

from __future__ import annotations

import ast
import io
import re
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from corridor.timemodel import Timeline
from export.briefing import Briefing
from export.pack import (
    FORMATS,
    PackFile,
    build_pack,
    data_version,
    file_stem,
    parse_formats,
    render_slide,
    write_pack,
    zip_pack,
)
from export.png import slide_map
from export.slides import build_slides

ROOT = Path(__file__).resolve().parents[2]
CHOSEN = ("ev-2022-08-30-new-route", "ev-2023-04-23-checkpoint")


@pytest.fixture(scope="module")
def pack(timeline: Timeline) -> tuple[list[PackFile], list[tuple[float, str]]]:
    calls: list[tuple[float, str]] = []
    files = build_pack(
        timeline, Briefing("Two slides", CHOSEN), progress=lambda f, m: calls.append((f, m)), version="geo-sha256:x"
    )
    return files, calls


def test_every_format_is_built(pack: tuple[list[PackFile], list[tuple[float, str]]]) -> None:
    files, _ = pack
    names = [f.name for f in files]
    assert names == [
        "two-slides.pdf",
        "two-slides.pptx",
        "slide-01-2022-08-30-ev-2022-08-30-new-route.png",
        "slide-02-2023-04-23-ev-2023-04-23-checkpoint.png",
        "two-slides-map.html",
    ]
    by_name = {f.name: f for f in files}
    assert by_name["two-slides.pdf"].data.startswith(b"%PDF-")
    assert by_name["two-slides.pptx"].data[:2] == b"PK"
    assert by_name["slide-01-2022-08-30-ev-2022-08-30-new-route.png"].data[:8] == b"\x89PNG\r\n\x1a\n"
    assert by_name["two-slides-map.html"].data.startswith(b"<!DOCTYPE html>")
    assert [f.mime for f in files][:2] == [
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ]


def test_progress_rises_to_one(pack: tuple[list[PackFile], list[tuple[float, str]]]) -> None:
    _, calls = pack
    fractions = [f for f, _ in calls]
    assert fractions == sorted(fractions)
    assert fractions[-1] == pytest.approx(1.0)
    assert 0 < fractions[0] < 1
    assert calls[0][1] == "Slide 1 of 2: map drawn (30 Aug 2022)"
    assert len(calls) == 2 + len(FORMATS)


def test_html_only_needs_no_maps(timeline: Timeline) -> None:
    calls: list[str] = []
    files = build_pack(timeline, Briefing("t", CHOSEN), formats=("html",), progress=lambda f, m: calls.append(m))
    assert [f.name for f in files] == ["t-map.html"]
    assert calls == ["Offline interactive map (HTML) ready"]


def test_empty_briefing_or_no_format_is_refused(timeline: Timeline) -> None:
    with pytest.raises(ValueError, match="no slides"):
        build_pack(timeline, Briefing("t", ()))
    with pytest.raises(ValueError, match="at least one format"):
        build_pack(timeline, Briefing("t", CHOSEN), formats=())


def test_zip_holds_every_file(pack: tuple[list[PackFile], list[tuple[float, str]]]) -> None:
    files, _ = pack
    zipped = zip_pack(files, "two-slides-pack.zip")
    assert zipped.mime == "application/zip"
    with zipfile.ZipFile(io.BytesIO(zipped.data)) as archive:
        assert archive.namelist() == [f.name for f in files]
        assert archive.read("two-slides.pdf") == files[0].data


def test_write_pack_is_atomic_and_refuses_paths(tmp_path: Path) -> None:
    paths = write_pack([PackFile("a.pdf", b"%PDF-1", "application/pdf")], tmp_path / "out")
    assert paths == [tmp_path / "out" / "a.pdf"]
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["a.pdf"]
    with pytest.raises(ValueError, match="unsafe file name"):
        write_pack([PackFile("../evil.pdf", b"", "application/pdf")], tmp_path / "out")


def test_data_version_follows_the_geo_files(geo_copy: Path) -> None:
    before = data_version(geo_copy)
    assert re.fullmatch(r"geo-sha256:[0-9a-f]{12}", before)
    assert data_version(geo_copy) == before
    events = geo_copy / "events.json"
    events.write_text(events.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert data_version(geo_copy) != before


@pytest.mark.parametrize(
    ("text", "expected"),
    [("pdf,png", ("pdf", "png")), (" HTML , pdf ", ("pdf", "html")), ("", ())],
)
def test_parse_formats(text: str, expected: tuple[str, ...]) -> None:
    assert parse_formats(text) == expected


def test_parse_formats_names_the_unknown_one() -> None:
    with pytest.raises(ValueError, match=r"unknown format.*docx"):
        parse_formats("pdf,docx")


def test_file_stem() -> None:
    assert file_stem("The Lachin Corridor, 2020-2024") == "the-lachin-corridor-2020-2024"
    assert file_stem("../../") == "briefing"


def test_export_never_imports_streamlit() -> None:
    for path in sorted((ROOT / "export").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            assert not any(n.split(".")[0] in ("streamlit", "streamlit_folium") for n in names), path


def test_the_handout_prints_the_slide_map_without_its_legend_band(timeline: Timeline) -> None:
    """The handout sets the legend, note and credit as text beside the map: the slide's band of the
    same, under its map, would print them twice."""
    slides = build_slides(timeline, Briefing("t", ("ev-2023-04-23-checkpoint",)))
    drawn = slide_map(timeline.dataset, slides[0], 1, "both", check=False)
    images = render_slide(timeline, slides[0], 1, "both", ("pdf", "pptx"))
    assert images.map is not None
    assert 0.1 < drawn.band < 0.5
    assert images.map.width == drawn.image.width
    assert images.map.height == round(drawn.image.height * (1 - drawn.band))
    assert Image.open(io.BytesIO(images.deck_png)).size == drawn.image.size  # the deck keeps its band
