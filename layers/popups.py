"""Popup and tooltip HTML for map features, built only from escaped parts (layers.html)."""

from __future__ import annotations

from corridor.naming import native_names, place_name
from corridor.records import Band, Event, Place, Route
from layers.html import escape


def _rows(pairs: list[tuple[str, str]]) -> str:
    return "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in pairs if v)


def place_popup(place: Place) -> str:
    """Names on both sides, kind, confidence and source of a place."""
    pairs = [
        ("Armenian usage", place.name_hy),
        ("Azerbaijani usage", place.name_az),
        ("Native script", native_names(place)),
        ("Kind", place.kind),
        ("Confidence", place.confidence),
        ("Source", place.source),
        ("Notes", place.notes),
    ]
    if place.uncertainty_m:
        pairs.insert(4, ("Position", f"DERIVED, uncertain by about ±{place.uncertainty_m / 1000:.1f} km"))
    return f'<div class="cm-popup"><h4>{escape(place_name(place))}</h4><table>{_rows(pairs)}</table></div>'


def route_popup(route: Route) -> str:
    """What a route is, when it was used, and that it is schematic."""
    first = route.validity.first.isoformat() if route.validity.first else "?"
    last = route.validity.last.isoformat() if route.validity.last else "?"
    pairs = [
        ("In use", f"{first} to {last}"),
        ("Geometry", route.note),
        ("Confidence", route.confidence),
        ("Dates", str(route.properties.get("date_note", ""))),
    ]
    return f'<div class="cm-popup"><h4>{escape(route.title)}</h4><table>{_rows(pairs)}</table></div>'


def band_popup(band: Band) -> str:
    """The band's basis and its warning."""
    pairs = [("Basis", str(band.properties.get("basis", ""))), ("Warning", band.warning)]
    return f'<div class="cm-popup"><h4>5 km corridor band (illustrative)</h4><table>{_rows(pairs)}</table></div>'


def event_popup(event: Event) -> str:
    """Date, title and place of an event."""
    return (
        f'<div class="cm-popup"><h4>{escape(event.title)}</h4>'
        f"<p>{escape(event.date.label)} · {escape(event.place_label)}</p></div>"
    )
