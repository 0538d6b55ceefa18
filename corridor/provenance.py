"""Where the data comes from: every rendering of every statement, the corrections and caveats the
data states, and what each catalogue file holds (the Sources and Data pages)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from corridor.records import Dataset, Statement
from corridor.region import HAKARI_RIVER_NOTE, of_layer

# The event whose date is set by a decree later said to be annulled (geo/README.md, events.json).
CONTESTED_EVENT_ID = "ev-2024-01-01-dissolution-date"


def rendering_rows(ds: Dataset, statements: Iterable[Statement] | None = None) -> list[dict[str, Any]]:
    """Every rendering of every statement, with its outlet, date and URL, wording verbatim."""
    rows = []
    for st in ds.statements if statements is None else statements:
        for r in st.renderings:
            src = ds.source(r.source_id)
            rows.append(
                {
                    "statement": st.id,
                    "speaker": st.speaker,
                    "role": st.role,
                    "said": st.date.label,
                    "event": st.event_id,
                    "outlet": src.outlet,
                    "wording": r.text,
                    "attribution": r.attribution,
                    "verbatim_of": r.verbatim_of,
                    "published": src.published.label if src.published else "",
                    "url": src.url,
                    "url_note": src.url_note,
                    "confidence": r.confidence,
                    "note": r.note,
                }
            )
    return rows


def corrections(ds: Dataset, readme: str = "") -> list[tuple[str, str]]:
    """Every correction and caveat the data states, as (about, text) pairs, read from the data."""
    out = [(f"Statement {s.id} ({s.speaker})", s.correction) for s in ds.statements if s.correction]
    for warning in dict.fromkeys(b.warning for b in ds.bands):
        out.append(("Corridor band (every band feature)", warning))
    if CONTESTED_EVENT_ID in {e.id for e in ds.events}:
        event = ds.event(CONTESTED_EVENT_ID)
        contexts = " ".join(s.context for s in ds.statements_of(event) if s.context)
        out.append((f"{event.date.label}: {event.title}", f"{event.description} {contexts}".strip()))
    out += [(f"Place {p.id}", f"{p.source} {p.notes}".strip()) for p in ds.places if p.derived]
    out += [(f"Route {r.id}", r.note) for r in ds.routes if r.schematic]
    region = readme_section(readme, "admin0_region_ne10m.geojson")
    if region:
        out.append(("Natural Earth borders (admin0_region_ne10m.geojson)", region))
    out += region_caveats(ds)
    return out


def region_caveats(ds: Dataset) -> list[tuple[str, str]]:
    """What the region outlines are, where they disagree with the routes, and what is not drawn."""
    out: list[tuple[str, str]] = []
    for f in of_layer(ds.region_features, "nk_2020"):
        out.append((f"{f.title} ({f.id})", f"{f.properties.get('status_note', '')} {f.caveat}".strip()))
        if f.properties.get("disagreement"):
            out.append(("Where the data disagree: the 2020 outline and the later routes", f.properties["disagreement"]))
        if f.properties.get("former_note"):
            last = f.validity.last
            when = f"{last.day} {last:%b %Y}" if last else "its last day"
            out.append((f"After {when}: former outline", f.properties["former_note"]))
    for f in ds.region_features:
        if f.layer != "nk_2020" and (f.properties.get("derived") is True or f.layer == "edges"):
            out.append((f"{f.title} ({f.id})", f.caveat))
    out.append(("The Hakari river is not drawn", HAKARI_RIVER_NOTE))
    return out


def file_summary(ds: Dataset, key: str) -> tuple[int, str]:
    """How many records a catalogue file holds and their confidence levels (e.g. "high 9, low 2")."""
    by_file: dict[str, list[str]] = {
        "places": [p.confidence for p in ds.places],
        "routes": [r.confidence for r in ds.routes],
        "bands": [str(b.properties.get("confidence", "")) for b in ds.bands],
        "borders": [""] * len(ds.borders["features"]),
        "region": [""] * len(ds.region["features"]),
        "events": [e.confidence for e in ds.events],
        "statements": [r.confidence for s in ds.statements for r in s.renderings],
        "sources": [""] * len(ds.sources),
    }
    for layer in ("nk_2020", "nkao", "edges", "rivers"):
        by_file[layer] = [f.confidence for f in ds.region_features if f.layer == layer]
    levels = by_file.get(key, [])
    counts = Counter(level for level in levels if level)
    text = ", ".join(f"{level} {counts[level]}" for level in ("high", "medium", "low") if counts[level])
    if key == "statements":
        return len(ds.statements), f"renderings: {text}"
    return len(levels), text or "not graded in the file"


def readme_section(readme: str, filename: str) -> str:
    """The plain text of the geo/README.md section about ``filename`` (markdown marks removed)."""
    match = re.search(rf"^## `{re.escape(filename)}`\n(.*?)(?=^## |\Z)", readme, flags=re.M | re.S)
    if not match:
        return ""
    return " ".join(match.group(1).replace("**", "").replace("`", "").split())
