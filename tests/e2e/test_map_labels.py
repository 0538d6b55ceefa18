"""The map's labels and chrome stay legible as the map zooms out, at 1280 and 1600 px wide (the
wider Region view ran "ARMENIA" into "AZERBAIJAN" and hid "Goris" under the checkpoint's label).

At the home view, the wider Region view (one step out) and one step further: no two shown labels
(places, the checkpoint, country and river names) overlap, none sits under a map control (date stamp,
note, legend, buttons, scale, attribution) or is cut by the map's edge, and every bar of the scale is
inside the map and clear of the attribution. Labels hidden on the way out come back on the way in.
A popup with a very long word keeps it inside its box. Screenshots of each view at both widths go to
tests/e2e/screenshots/labels-<width>-<view>.png.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import MAP_HOST, map_root, save_screenshot
from tests.e2e.test_map_page import LOAD_MS, STEP_MS, open_map

VIEWPORTS = [(1280, 800), (1600, 1000)]
VIEWS = ("home", "wider", "widest")  # the home view, then one and two steps of the zoom-out button
LONG_WORD = "https://example.org/" + "LachinCorridor" * 24  # nothing to break at: ~3,000 px on one line

# Boxes in the map's own frame: every label shown (a computed visibility hidden is not shown), every
# control, the scale's bars and the attribution.
LAYOUT_JS = """() => {
  const map = document.querySelector('.cm-map-host');  // the Leaflet container
  const frame = map.getBoundingClientRect();
  const shown = (el) => { const s = getComputedStyle(el);
    return s.display !== 'none' && s.visibility !== 'hidden' && el.getClientRects().length > 0; };
  const box = (el) => { const r = el.getBoundingClientRect();
    return {text: el.textContent.trim().slice(0, 40), left: r.left - frame.left, top: r.top - frame.top,
            right: r.right - frame.left, bottom: r.bottom - frame.top}; };
  const all = (selector) => Array.from(map.querySelectorAll(selector)).filter(shown).map(box);
  return {
    zoom: window.map.getZoom(),
    frame: {left: 0, top: 0, right: frame.width, bottom: frame.height},
    labels: all('.cm-label, .cm-country-label, .cm-river-label'),
    controls: all('.leaflet-control'),
    scale: all('.leaflet-control-scale-line'),
    attribution: all('.leaflet-control-attribution'),
  };
}"""


def overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two boxes share any area (touching edges do not)."""
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def inside(a: dict[str, Any], frame: dict[str, Any]) -> bool:
    return (
        a["left"] >= frame["left"]
        and a["right"] <= frame["right"]
        and a["top"] >= frame["top"]
        and a["bottom"] <= frame["bottom"]
    )


def settled_layout(page: Page, zoom: int) -> dict[str, Any]:
    """The layout once the map is at ``zoom``, its animation over and two readings 200 ms apart agree
    (the labels are placed in the frame after each zoom)."""
    page.wait_for_function(
        f"() => window.map.getZoom() === {zoom}"
        " && !document.querySelector('.cm-map-host').classList.contains('leaflet-zoom-anim')",
        timeout=STEP_MS,
    )
    page.wait_for_function(
        f"() => {{ const s = JSON.stringify(({LAYOUT_JS})()); const same = window.__lastLabels === s;"
        " window.__lastLabels = s; return same; }",
        polling=200,
        timeout=LOAD_MS,
    )
    layout: dict[str, Any] = page.evaluate(LAYOUT_JS)
    return layout


def problems(layout: dict[str, Any]) -> list[str]:
    """What is illegible in one view: labels over labels or controls, cut labels, a hidden scale bar."""
    frame = layout["frame"]
    on_map = [lab for lab in layout["labels"] if overlap(lab, frame)]
    pairs = [(a, b) for i, a in enumerate(on_map) for b in on_map[i + 1 :]]
    found = [f"{a['text']!r} overlaps {b['text']!r}" for a, b in pairs if overlap(a, b)]
    found += [
        f"{lab['text']!r} is under {ctl['text'][:20]!r}"
        for lab in on_map
        for ctl in layout["controls"]
        if overlap(lab, ctl)
    ]
    found += [f"{lab['text']!r} is cut by the map's edge" for lab in on_map if not inside(lab, frame)]
    for bar in layout["scale"]:
        if not inside(bar, frame):
            found.append(f"scale bar {bar['text']!r} leaves the map")
        if any(overlap(bar, a) for a in layout["attribution"]):
            found.append(f"scale bar {bar['text']!r} is under the attribution")
    return found


def shown_labels(layout: dict[str, Any]) -> set[str]:
    return {lab["text"] for lab in layout["labels"] if overlap(lab, layout["frame"])}


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: str(v[0]))
def test_labels_and_chrome_stay_legible_as_the_map_zooms_out(
    page: Page, app_url: str, viewport: tuple[int, int]
) -> None:
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    frame = open_map(page, app_url, "date=2023-04-23", day="2023-04-23")
    expect(frame.locator(".cm-country-label")).to_have_count(2)
    home_zoom: int = page.evaluate("window.map.getZoom()")
    layouts = {}
    for step, view in enumerate(VIEWS):
        if step:
            frame.locator(".leaflet-control-zoom-out").click()
        layouts[view] = settled_layout(page, home_zoom - step)
        save_screenshot(page, f"labels-{viewport[0]}-{view}", element=MAP_HOST)
    found = [f"{view} (zoom {layouts[view]['zoom']}): {p}" for view in VIEWS for p in problems(layouts[view])]
    assert found == [], "\n".join(found)
    assert len(shown_labels(layouts["home"])) >= 8, layouts["home"]["labels"]
    assert {"ARMENIA", "AZERBAIJAN"} <= shown_labels(layouts["wider"])  # both names, apart, at the Region view
    for step in reversed(range(len(VIEWS) - 1)):  # back in: the labels hidden on the way out come back
        frame.locator(".leaflet-control-zoom-in").click()  # one at a time: Leaflet drops a click mid-zoom
        back = settled_layout(page, home_zoom - step)
    assert shown_labels(back) == shown_labels(layouts["home"])


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: str(v[0]))
def test_a_popup_keeps_a_very_long_word_inside_its_box(page: Page, app_url: str, viewport: tuple[int, int]) -> None:
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    open_map(page, app_url, "date=2023-04-23", day="2023-04-23")
    page.evaluate(
        """(word) => {
          const marker = window.CorridorMap.places.goris.marker;
          marker.openPopup();
          const popup = marker.getPopup();
          popup.setContent(popup.getContent() + '<p class="cm-test-long-word">' + word + '</p>');
        }""",
        LONG_WORD,
    )
    long_word = map_root(page).locator(".leaflet-popup .cm-test-long-word")
    expect(long_word).to_be_visible()
    boxes = long_word.evaluate(
        """(p) => {
          const range = document.createRange();
          range.selectNodeContents(p);
          const text = range.getBoundingClientRect();
          const wrapper = p.closest('.leaflet-popup-content-wrapper').getBoundingClientRect();
          return {text: [text.left, text.right], wrapper: [wrapper.left, wrapper.right]};
        }"""
    )
    assert boxes["wrapper"][0] <= boxes["text"][0] and boxes["text"][1] <= boxes["wrapper"][1], boxes
