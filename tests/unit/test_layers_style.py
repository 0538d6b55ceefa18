"""layers.style: every corridor status has its own colour, label and legend entry."""

from __future__ import annotations

from corridor.records import CORRIDOR_STATUSES
from corridor.text import escape
from layers.style import EVENT, NO_STATUS_COLOUR, PAST_ROUTE_COLOUR, STATUS_COLOURS, STATUS_LABELS, legend_entries
from present.annotation import legend_html


def test_every_status_has_a_colour_and_a_label_in_the_records_order() -> None:
    assert tuple(STATUS_COLOURS) == CORRIDOR_STATUSES
    assert tuple(STATUS_LABELS) == CORRIDOR_STATUSES


def test_status_colours_are_distinct_from_each_other_and_from_the_other_route_colours() -> None:
    colours = [c.lower() for c in STATUS_COLOURS.values()]
    assert len(set(colours)) == len(colours)
    assert NO_STATUS_COLOUR.lower() not in colours
    assert PAST_ROUTE_COLOUR.lower() not in colours


def test_the_legend_has_the_restricted_entry() -> None:
    rows = [r for r in legend_entries() if r["label"] == STATUS_LABELS["restricted"]]
    assert rows == [{"kind": "line", "color": STATUS_COLOURS["restricted"], "label": STATUS_LABELS["restricted"]}]
    assert "ICRC" in STATUS_LABELS["restricted"]
    labels = [r["label"] for r in legend_entries()]
    assert labels.index(STATUS_LABELS["checkpoint"]) < labels.index(STATUS_LABELS["restricted"])
    assert labels.index(STATUS_LABELS["restricted"]) < labels.index(STATUS_LABELS["closed"])


def test_the_legend_strip_under_the_map_shows_the_restricted_entry() -> None:
    strip = legend_html()
    assert escape(STATUS_LABELS["restricted"]) in strip
    assert f"border-color:{STATUS_COLOURS['restricted']}" in strip


def test_legend_names_every_region_layer_neutrally() -> None:
    rows = {row.get("layer"): row for row in legend_entries() if "layer" in row}
    assert set(rows) == {"nk2020", "nk2020-former", "edges", "nkao", "rivers"}
    assert "de facto control, not sovereignty" in rows["nk2020"]["label"]
    assert "former" in rows["nk2020-former"]["label"]
    assert "Hakari" in rows["edges"]["label"] and "Hakari river is not drawn" in rows["rivers"]["label"]
    assert all(row["short"] for row in rows.values())


def test_the_legend_has_the_event_dots() -> None:
    labels = {row["label"]: row for row in legend_entries()}
    assert labels["Event (up to the day shown)"] == {"kind": "circle", "color": EVENT["color"],
                                                     "label": "Event (up to the day shown)"}  # fmt: skip
    assert labels["Event of the day shown"]["color"] == EVENT["current"]
    assert "Event of the day shown" in legend_html()
