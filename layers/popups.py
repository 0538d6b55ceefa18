"""Popup and tooltip HTML for map features, built only from escaped parts (corridor.text)."""

from __future__ import annotations

import datetime as dt

from corridor.naming import native_names, place_name
from corridor.records import Band, Place, RegionFeature, Route
from corridor.region import HAKARI_RIVER_NOTE
from corridor.text import escape


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


def checkpoint_popup(place: Place) -> str:
    """A place popup plus what the map cannot show: the river the bridge crosses."""
    extra = f"<tr><th>Not drawn</th><td>{escape(HAKARI_RIVER_NOTE)}</td></tr>"
    return place_popup(place).replace("</table>", extra + "</table>", 1)


def _day(day: dt.date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else ""


def region_popup(feature: RegionFeature) -> str:
    """What an outline shows (de facto control, a historical line, a river), when, and its caveats."""
    props = feature.properties
    dates = ""
    if feature.dated:
        dates = f"{_day(feature.validity.first)} to {_day(feature.validity.last)}"
        if feature.after == "former":
            dates += "; drawn after that as a faint dashed 'former' outline"
    pairs = [
        ("What it shows", str(props.get("status_note", ""))),
        ("Dates", dates),
        ("After", str(props.get("former_note", ""))),
        ("Caveat", feature.caveat),
        ("Derivation", str(props.get("derivation", ""))),
        ("Source", feature.source),
        ("Licence", feature.licence),
        ("Confidence", feature.confidence),
    ]
    return f'<div class="cm-popup"><h4>{escape(feature.title)}</h4><table>{_rows(pairs)}</table></div>'


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
