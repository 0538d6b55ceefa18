"""The interactive map as one self-contained HTML file that works with no network at all.

Leaflet (from the xstatic-leaflet package, its images as data: URIs), the map's own script and
styles (static/app/) and every layer are inlined; the base map is the same folium map the app
draws (layers.mapview). A small control steps through the briefing: each slide's state is
precomputed by layers.step.build_step_state and handed to CorridorMap.apply, exactly as the
app does on each step.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Sequence
from pathlib import Path

from corridor.naming import DEFAULT_NAMING, Naming
from corridor.records import Dataset
from corridor.text import escape, js_json
from export.slide_html import SLIDE_CSS, slide_html
from export.slides import Slide
from layers.bundle import bundle_bytes
from layers.catalogue import DEFAULT_VISIBLE
from layers.contract import StepState
from layers.mapconfig import map_config
from layers.mapview import build_base_map
from layers.step import build_step_state
from present.annotation import PANEL_CSS
from publish.static import STATIC_DIR, leaflet_dir

APP_DIR = STATIC_DIR / "app"
_CSS_URL = re.compile(r"url\((['\"]?)images/([A-Za-z0-9_.-]+\.png)\1\)")

PAGE_CSS = """
html, body { height: 100%; margin: 0; }
body { display: grid; grid-template-columns: minmax(0, 62fr) minmax(0, 38fr); grid-template-rows: auto minmax(0, 1fr);
       font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; background: #fff; color: #000; }
.bp-bar { grid-column: 1 / 3; display: flex; align-items: center; gap: 0.8rem; padding: 0.45rem 0.8rem;
          border-bottom: 2px solid #000; font-size: 1.1rem; }
.bp-bar h1 { font-size: 1.2rem; margin: 0 auto 0 0; }
.bp-bar button { font-size: 1.1rem; font-weight: 700; padding: 0.3rem 0.9rem; border: 2px solid #000;
                 background: #fff; border-radius: 4px; cursor: pointer; }
.bp-bar button:disabled { opacity: 0.35; cursor: default; }
.folium-map { grid-column: 1; grid-row: 2; height: 100% !important; width: 100% !important; }
.bp-panels { grid-column: 2; grid-row: 2; overflow-y: auto; padding: 0.6rem 1rem; }
.bp-panel[hidden] { display: none; }
"""

CONTROL_JS = """
(function () {
  "use strict";
  var states = %(states)s;
  var panels = document.querySelectorAll(".bp-panel");
  var prev = document.getElementById("bp-prev"), next = document.getElementById("bp-next");
  var count = document.getElementById("bp-count");
  var current = 0;
  // No label under the date stamp or another label: CorridorMap.apply (and every pan, zoom, resize)
  // places every label again (static/app/corridor_map.js placeLabels).
  function show(i) {
    current = Math.max(0, Math.min(states.length - 1, i));
    window.CorridorMap.apply(states[current]);
    panels.forEach(function (p, k) { p.hidden = k !== current; });
    count.textContent = "Slide " + (current + 1) + " of " + states.length;
    prev.disabled = current === 0;
    next.disabled = current === states.length - 1;
    document.body.setAttribute("data-slide", String(current + 1));
  }
  prev.addEventListener("click", function () { show(current - 1); });
  next.addEventListener("click", function () { show(current + 1); });
  var keys = { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 };
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) { return; }
    if (keys[e.key]) { e.preventDefault(); show(current + keys[e.key]); }
    else if (e.key === "Home") { e.preventDefault(); show(0); }
    else if (e.key === "End") { e.preventDefault(); show(states.length - 1); }
  });
  show(0);
})();
"""


def _inline_script(text: str) -> str:
    """A script element; refuses text that would end the element early."""
    if re.search(r"</script", text, re.IGNORECASE):
        raise ValueError("inline script contains '</script': it cannot be inlined safely")
    return f"<script>\n{text}\n</script>"


def _inline_style(text: str) -> str:
    if re.search(r"</style", text, re.IGNORECASE):
        raise ValueError("inline style contains '</style': it cannot be inlined safely")
    return f"<style>\n{text}\n</style>"


def leaflet_css(leaflet_dir: Path) -> str:
    """Leaflet's stylesheet with its images turned into data: URIs (no file next to the HTML needed)."""
    css = (leaflet_dir / "leaflet.css").read_text(encoding="utf-8")

    def data_uri(match: re.Match[str]) -> str:
        image = leaflet_dir / "images" / match.group(2)
        return f'url("data:image/png;base64,{base64.b64encode(image.read_bytes()).decode("ascii")}")'

    return _CSS_URL.sub(data_uri, css)


def slide_states(ds: Dataset, slides: Sequence[Slide], naming: Naming = DEFAULT_NAMING) -> list[StepState]:
    """The state CorridorMap.apply receives for each slide (same builder as the app's map page)."""
    return [
        build_step_state(
            ds, s.state, naming=naming, layers=DEFAULT_VISIBLE, tiles="bundled", selected_event=s.event.id, fit=s.fit
        )
        for s in slides
    ]


def build_html(ds: Dataset, slides: Sequence[Slide], *, title: str, naming: Naming = DEFAULT_NAMING) -> str:
    """The offline briefing map: one HTML file with everything inlined."""
    if not slides:
        raise ValueError("an offline briefing map needs at least one slide")
    leaflet = leaflet_dir()
    fmap = build_base_map(map_config(None, data=json.loads(bundle_bytes(ds))))
    fmap.default_js = []  # inlined below instead of linked
    fmap.default_css = []
    page = fmap.get_root().render()
    head = "\n".join(
        [
            f"<title>{escape(title)}</title>",
            _inline_style(leaflet_css(leaflet)),
            _inline_style((APP_DIR / "corridor_map.css").read_text(encoding="utf-8")),
            _inline_style(SLIDE_CSS + PAGE_CSS),
            PANEL_CSS,
            _inline_script((leaflet / "leaflet.js").read_text(encoding="utf-8")),
            _inline_script((APP_DIR / "corridor_map.js").read_text(encoding="utf-8")),
        ]
    )
    bar = (
        f'<div class="bp-bar"><h1>{escape(title)}</h1>'
        '<button id="bp-prev" type="button" aria-label="Previous slide">◀ Previous</button>'
        '<span id="bp-count" aria-live="polite"></span>'
        '<button id="bp-next" type="button" aria-label="Next slide">Next ▶</button></div>'
    )
    panels = "".join(
        f'<section class="bp-panel" data-slide="{s.number}"{"" if i == 0 else " hidden"}>'
        f"{slide_html(ds, s, len(slides))}</section>"
        for i, s in enumerate(slides)
    )
    control = _inline_script(CONTROL_JS % {"states": js_json(slide_states(ds, slides, naming))})
    if any(page.count(tag) != 1 for tag in ("</head>", "<body>", "</body>")) or not page.rstrip().endswith("</html>"):
        raise ValueError("unexpected folium page layout: cannot place the inline assets")
    page = page.replace("</head>", head + "\n</head>", 1)
    page = page.replace("<body>", "<body>\n" + bar, 1)
    page = page.replace("</body>", f'<div class="bp-panels">{panels}</div>\n</body>', 1)
    # After the map's own script, which calls CorridorMap.init.
    return page.rstrip()[: -len("</html>")] + control + "\n</html>\n"
