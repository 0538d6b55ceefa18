"""export.slide_html: projector sizes (>= 18 pt = 24 px) and one key quote on each HTML slide."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from corridor.text import escape
from corridor.timemodel import Timeline
from export.briefing import default_briefing
from export.citations import key_quote
from export.slide_html import SLIDE_CSS, slide_html
from export.slides import build_slides

MIN_PX = 24  # 18 pt at 96 px per inch
TITLE_PX = 37
ROOT = Path(__file__).resolve().parents[2]


def test_every_font_size_in_the_slide_css_is_at_least_18_pt() -> None:
    sizes = re.findall(r"([.\w> -]+?)\s*\{[^}]*?font-size:\s*([\d.]+)(px|rem)", SLIDE_CSS)
    assert len(sizes) >= 8
    for selector, value, unit in sizes:
        px = float(value) * (16 if unit == "rem" else 1)
        assert px >= MIN_PX, selector
    title = re.search(r"\.bp-title \{[^}]*font-size:\s*(\d+)px", SLIDE_CSS)
    assert title is not None and int(title.group(1)) >= TITLE_PX


def test_each_html_slide_shows_one_key_quote_and_keeps_the_rest_closed(timeline: Timeline) -> None:
    ds = timeline.dataset
    slides = build_slides(timeline, default_briefing(ds))
    for s in slides:
        html = slide_html(ds, s, len(slides))
        on_slide = html.split('<details class="bp-all">')[0]
        assert on_slide.count("<blockquote") <= 1
        key = key_quote(ds, s.event, s.state.day)
        if key is None:
            assert "No statement is recorded" in on_slide
        else:
            assert f"“{escape(key.text)}”" in on_slide
            assert escape(key.line) in on_slide
            caption = re.findall(r"<figcaption>(.*?)</figcaption>", on_slide)[0]
            assert " " not in caption.rsplit(" · ", 1)[1], caption  # the date: no-break spaces only
        assert len(re.sub(r"<[^>]+>", " ", on_slide).split()) <= 120, s.event.id


def test_slide_html_and_png_do_not_pull_in_python_pptx() -> None:
    """The Briefing page renders slide HTML on every step: the layout lives in export.slide_layout."""
    code = "import sys, export.slide_html, export.png; print('pptx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"
