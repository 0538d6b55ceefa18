"""layers.popups: what each popup says (escaping is tested with corridor.text, in test_corridor_text.py)."""

from __future__ import annotations

from corridor.records import Dataset
from corridor.region import HAKARI_RIVER_NOTE
from corridor.text import escape
from layers.popups import band_popup, checkpoint_popup, place_popup, region_popup, route_popup


def test_a_derived_place_says_how_uncertain_its_position_is(dataset: Dataset) -> None:
    bridge = dataset.place("hakari_bridge")
    html = place_popup(bridge)
    assert "<th>Position</th><td>DERIVED, uncertain by about ±1.5 km</td>" in html
    assert "<th>Position</th>" not in place_popup(dataset.place("goris"))
    assert f"<th>Armenian usage</th><td>{escape(bridge.name_hy)}</td>" in html


def test_the_checkpoint_popup_adds_the_river_the_map_does_not_draw(dataset: Dataset) -> None:
    checkpoint = dataset.place("hakari_checkpoint")
    html = checkpoint_popup(checkpoint)
    assert html.replace(f"<tr><th>Not drawn</th><td>{escape(HAKARI_RIVER_NOTE)}</td></tr>", "") == place_popup(
        checkpoint
    )


def test_a_region_outline_gives_its_dates_and_former_outline(dataset: Dataset) -> None:
    nk = next(f for f in dataset.region_features if f.id == "nk_de_facto_2020")
    html = region_popup(nk)
    assert "<th>Dates</th><td>10 Nov 2020 to 20 Sep 2023; drawn after that as a faint dashed" in html
    assert f"<th>Licence</th><td>{escape(nk.licence)}</td>" in html
    river = next(f for f in dataset.region_features if f.layer == "rivers")
    assert "<th>Dates</th>" not in region_popup(river)  # undated: no empty row


def test_route_and_band_popups_say_when_and_what(dataset: Dataset) -> None:
    route = dataset.routes[0]
    assert f"<th>In use</th><td>{route.validity.first} to {route.validity.last}</td>" in route_popup(route)
    band = dataset.bands[0]
    assert f"<th>Warning</th><td>{escape(band.warning)}</td>" in band_popup(band)
