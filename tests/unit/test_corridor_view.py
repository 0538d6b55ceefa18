"""corridor.view: deep links round-trip, and a bad link falls back to defaults with a message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corridor.naming import DEFAULT_NAMING, NAMINGS
from corridor.view import MAX_PARAM_CHARS, NO_LAYERS, TILES, ParsedView, View, parse_view, view_params

KNOWN_LAYERS = ("graticule", "border", "band", "corridor", "places", "checkpoint", "events")
DEFAULT_LAYERS = KNOWN_LAYERS
CHECKPOINT_DAY = dt.date(2023, 4, 23)
KNOWN_EVENTS = {
    "ev-2023-04-23-checkpoint": CHECKPOINT_DAY,
    "ev-2023-04-24-peskov": dt.date(2023, 4, 24),
    "ev-2023-09-exodus": dt.date(2023, 9, 30),
}


def parse(params: Mapping[str, object]) -> ParsedView:
    return parse_view(params, known_layers=KNOWN_LAYERS, default_layers=DEFAULT_LAYERS, known_events=KNOWN_EVENTS)


DEFAULT_VIEW = View(None, None, DEFAULT_LAYERS, DEFAULT_NAMING, "bundled")


# --- good links ---------------------------------------------------------------------------------


def test_an_empty_link_is_the_default_view_without_problems() -> None:
    assert parse({}) == ParsedView(DEFAULT_VIEW, ())


def test_the_readme_link_restores_its_view() -> None:
    parsed = parse(
        {"date": "2023-04-23", "event": "ev-2023-04-23-checkpoint", "layers": "corridor,places", "naming": "both"}
    )
    assert parsed.problems == ()
    assert parsed.view == View(CHECKPOINT_DAY, "ev-2023-04-23-checkpoint", ("corridor", "places"), "both", "bundled")


def test_an_event_alone_sets_the_day_to_its_anchor() -> None:
    parsed = parse({"event": "ev-2023-09-exodus"})
    assert parsed.problems == ()
    assert parsed.view.day == dt.date(2023, 9, 30)
    assert parsed.view.event_id == "ev-2023-09-exodus"


def test_an_explicit_date_wins_over_the_event_anchor() -> None:
    parsed = parse({"date": "2023-05-01", "event": "ev-2023-04-23-checkpoint"})
    assert parsed.view.day == dt.date(2023, 5, 1)


def test_layers_none_hides_every_layer_without_a_problem() -> None:
    parsed = parse({"layers": NO_LAYERS})
    assert parsed.problems == ()
    assert parsed.view.layers == ()


def test_layers_come_back_in_catalogue_order_without_duplicates() -> None:
    parsed = parse({"layers": " places , corridor,places"})
    assert parsed.problems == ()
    assert parsed.view.layers == ("corridor", "places")


def test_a_repeated_parameter_uses_its_last_value() -> None:
    assert parse({"date": ["2020-12-01", "2023-04-23"]}).view.day == CHECKPOINT_DAY
    assert parse({"naming": []}).view.naming == DEFAULT_NAMING


def test_view_params_leave_out_defaults_they_need_not_carry() -> None:
    params = view_params(View(CHECKPOINT_DAY, None, ("corridor",), "az", "bundled"))
    assert params == {"date": "2023-04-23", "layers": "corridor", "naming": "az"}
    assert view_params(View(None, None, (), "both", "osm")) == {"layers": NO_LAYERS, "naming": "both", "tiles": "osm"}


layer_subsets = st.lists(st.sampled_from(KNOWN_LAYERS), unique=True).map(
    lambda chosen: tuple(k for k in KNOWN_LAYERS if k in chosen)
)


@given(
    day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    event_id=st.none() | st.sampled_from(sorted(KNOWN_EVENTS)),
    layers=layer_subsets,
    naming=st.sampled_from(NAMINGS),
    tiles=st.sampled_from(TILES),
)
def test_view_params_then_parse_view_round_trips(
    day: dt.date, event_id: str | None, layers: tuple[str, ...], naming: str, tiles: str
) -> None:
    view = View(day, event_id, layers, naming, tiles)  # type: ignore[arg-type]
    parsed = parse(dict(view_params(view)))
    assert parsed.problems == ()
    assert parsed.view == view


def test_round_trip_without_a_day_or_event() -> None:
    view = View(None, None, ("band",), "hy", "satellite")
    assert parse(dict(view_params(view))) == ParsedView(view, ())


# --- bad links ----------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["2023-02-30", "2023-13-01", "23/04/2023", "2023-4-23", "yesterday", "2023-04-23x"])
def test_a_bad_date_gives_a_message_and_the_default_day(bad: str) -> None:
    parsed = parse({"date": bad, "naming": "az"})
    assert parsed.view.day is None
    assert parsed.view.naming == "az"  # the rest of the link still applies
    (problem,) = parsed.problems
    assert bad in problem
    assert "date" in problem


def test_a_bad_date_with_a_good_event_shows_the_event_day() -> None:
    parsed = parse({"date": "2023-02-30", "event": "ev-2023-04-23-checkpoint"})
    assert parsed.view.day == CHECKPOINT_DAY
    assert len(parsed.problems) == 1


def test_an_unknown_event_gives_a_message_and_no_event() -> None:
    parsed = parse({"event": "ev-nope", "date": "2023-04-23"})
    assert parsed.view.event_id is None
    assert parsed.view.day == CHECKPOINT_DAY
    (problem,) = parsed.problems
    assert "ev-nope" in problem
    assert "event" in problem


def test_some_unknown_layers_are_dropped_with_a_message() -> None:
    parsed = parse({"layers": "corridor,roads,places"})
    assert parsed.view.layers == ("corridor", "places")
    (problem,) = parsed.problems
    assert "roads" in problem


def test_only_unknown_layers_fall_back_to_the_default_layers() -> None:
    """A link whose layers are all unknown must not leave the user an empty map."""
    parsed = parse({"layers": "roads,rivers"})
    assert parsed.view.layers == DEFAULT_LAYERS
    (problem,) = parsed.problems
    assert "roads" in problem
    assert "rivers" in problem


@pytest.mark.parametrize("bad", ["ru", "BOTH", "", "hy,az"])
def test_an_unknown_naming_gives_a_message_and_the_default_naming(bad: str) -> None:
    parsed = parse({"naming": bad})
    assert parsed.view.naming == DEFAULT_NAMING
    (problem,) = parsed.problems
    assert "naming" in problem


def test_unknown_tiles_give_a_message_and_the_bundled_basemap() -> None:
    parsed = parse({"tiles": "google"})
    assert parsed.view.tiles == "bundled"
    (problem,) = parsed.problems
    assert "google" in problem


def test_an_overlong_parameter_is_ignored_with_a_message() -> None:
    parsed = parse({"event": "x" * (MAX_PARAM_CHARS + 1)})
    assert parsed.view == DEFAULT_VIEW
    (problem,) = parsed.problems
    assert "too long" in problem
    assert len(problem) < 200


def test_every_bad_value_is_reported_once_and_shortened() -> None:
    hostile = "<script>alert(1)</script>" * 10
    parsed = parse({"date": hostile, "event": hostile, "layers": hostile, "naming": hostile, "tiles": hostile})
    assert parsed.view == DEFAULT_VIEW
    assert len(parsed.problems) == 5
    assert all(len(p) < 200 for p in parsed.problems)


@given(st.dictionaries(st.sampled_from(["date", "event", "layers", "naming", "tiles", "other"]), st.text()))
def test_parse_view_never_raises(params: dict[str, str]) -> None:
    parsed = parse(params)
    assert set(parsed.view.layers) <= set(KNOWN_LAYERS)
    assert parsed.view.naming in NAMINGS
    assert parsed.view.tiles in TILES
    assert parsed.view.event_id is None or parsed.view.event_id in KNOWN_EVENTS
