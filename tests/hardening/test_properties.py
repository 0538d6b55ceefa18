"""Property-based tests (hypothesis): whatever the input, only a DataError comes out.

- the record parsers (parse_event, parse_place, parse_statement, parse_source) on arbitrary
  JSON-like values, and on valid records with arbitrary values swapped into some fields;
- load_dataset on geo/ with one file replaced by a fuzzed version of itself (a record's field
  replaced, the text cut, bytes flipped);
- the upload path on arbitrary CSV text;
- parse_view on arbitrary query-parameter dicts: it never raises, always returns a usable view,
  and the view's own link parses back to the same view with no problem.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from corridor import catalogue
from corridor.errors import DataError
from corridor.imports import guess_mapping, import_events, read_table
from corridor.loader import load_dataset
from corridor.naming import NAMINGS
from corridor.parse import parse_event, parse_place, parse_source, parse_statement
from corridor.view import TILES, View, parse_view, view_params
from layers.catalogue import DEFAULT_VISIBLE, TOGGLE_KEYS
from tests.hardening.conftest import GEO_DIR, assert_markdown_inert

BUNDLED = load_dataset()
PLACES = {p.id: p for p in BUNDLED.places}
KNOWN_EVENTS = {e.id: e.anchor for e in BUNDLED.events}
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- strategies -----------------------------------------------------------------------------------

# Strings that look like the values the parsers care about, next to fully arbitrary text.
INTERESTING_TEXT = st.sampled_from(
    [
        "",
        " ",
        "2023-04-23",
        "2023-02-30",
        "23/04/2023",
        "0000",
        "0000-01",
        "2023-13",
        "2023-09-24/2023-09-30",
        "2023-09-30/2023-09-24",
        "２０２３-０４-２３",
        "javascript:alert(1)",
        "https://example.org/",
        "<script>alert(1)</script>",
        "\ud800",
        "goris",
        "high",
        "open",
        "direct",
        "speaker",
        "Point",
        "Feature",
    ]
)
TEXT = st.text(max_size=40) | INTERESTING_TEXT
NUMBERS = (
    st.integers()
    | st.integers(min_value=10**300, max_value=10**400)
    | st.floats()  # NaN and Infinity included: CSV uploads can produce them
    | st.sampled_from([46.5, 39.6, -0.0, 1e308, 1e-320])
)
SCALARS = st.none() | st.booleans() | NUMBERS | TEXT
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=20,
)
POSITIONS = st.lists(NUMBERS, min_size=0, max_size=4) | JSON


def _first(path: Path, key: str | None) -> dict[str, Any]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    return doc["features"][0] if key is None else doc[key][0]


EVENT = next(e for e in json.loads((GEO_DIR / "events.json").read_text())["events"] if e.get("place_id"))
PLACE = _first(GEO_DIR / "places.geojson", None)
STATEMENT = _first(GEO_DIR / "statements.json", "statements")
SOURCE = _first(GEO_DIR / "sources.json", "sources")


@st.composite
def mutated(draw: st.DrawFn, template: dict[str, Any], extra_keys: tuple[str, ...] = ()) -> Any:
    """A valid record with some fields replaced by arbitrary values (or removed)."""
    record = copy.deepcopy(template)
    target = record.get("properties", record)
    keys = sorted(set(target) | set(extra_keys))
    for key in draw(st.lists(st.sampled_from(keys), min_size=1, max_size=4, unique=True)):
        if draw(st.booleans()) and key in target:
            del target[key]
        else:
            target[key] = draw(NUMBERS if key in ("lon", "lat", "uncertainty_m") and draw(st.booleans()) else JSON)
    if "geometry" in record and draw(st.booleans()):
        record["geometry"] = draw(st.fixed_dictionaries({"type": st.just("Point"), "coordinates": POSITIONS}) | JSON)
    return record


def only_data_errors(parse: Any, value: Any) -> None:
    try:
        parse(value)
    except DataError as exc:
        assert exc.problem.strip()


# --- record parsers -------------------------------------------------------------------------------


@FUZZ
@given(JSON)
def test_parse_event_arbitrary_json(value: Any) -> None:
    only_data_errors(lambda v: parse_event(v, PLACES), value)


@FUZZ
@given(mutated(EVENT, ("lon", "lat", "source_url")))
def test_parse_event_mutated(value: Any) -> None:
    only_data_errors(lambda v: parse_event(v, PLACES), value)


@FUZZ
@given(NUMBERS | JSON, NUMBERS | JSON)
def test_parse_event_any_position(lon: Any, lat: Any) -> None:
    only_data_errors(lambda v: parse_event(v, PLACES), {**EVENT, "lon": lon, "lat": lat})


@FUZZ
@given(st.lists(NUMBERS, max_size=4), NUMBERS | JSON)
def test_parse_place_any_position(coordinates: list[Any], uncertainty: Any) -> None:
    place = copy.deepcopy(PLACE)
    place["geometry"]["coordinates"] = coordinates
    place["properties"]["uncertainty_m"] = uncertainty
    only_data_errors(parse_place, place)


@FUZZ
@given(JSON)
def test_parse_place_arbitrary_json(value: Any) -> None:
    only_data_errors(parse_place, value)


@FUZZ
@given(mutated(PLACE, ("valid_from", "valid_to")))
def test_parse_place_mutated(value: Any) -> None:
    only_data_errors(parse_place, value)


@FUZZ
@given(JSON)
def test_parse_statement_arbitrary_json(value: Any) -> None:
    only_data_errors(parse_statement, value)


@st.composite
def mutated_statement(draw: st.DrawFn) -> Any:
    record = draw(mutated(STATEMENT))
    if isinstance(record.get("renderings"), list) and record["renderings"] and draw(st.booleans()):
        record["renderings"][0] = draw(mutated(STATEMENT["renderings"][0]))
    return record


@FUZZ
@given(mutated_statement())
def test_parse_statement_mutated(value: Any) -> None:
    only_data_errors(parse_statement, value)


@FUZZ
@given(JSON)
def test_parse_source_arbitrary_json(value: Any) -> None:
    only_data_errors(parse_source, value)


@FUZZ
@given(mutated(SOURCE))
def test_parse_source_mutated(value: Any) -> None:
    only_data_errors(parse_source, value)


# --- the loader on fuzzed files -------------------------------------------------------------------


@pytest.fixture(scope="module")
def fuzz_geo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One scratch copy of geo/ for the module; each example restores what it replaced."""
    target = tmp_path_factory.mktemp("fuzz") / "geo"
    shutil.copytree(GEO_DIR, target)
    return target


@st.composite
def fuzzed_file(draw: st.DrawFn) -> tuple[str, bytes]:
    """(catalogue file name, new content): a record's field replaced, the text cut, or bytes changed."""
    spec = draw(st.sampled_from(catalogue.DATA_FILES))
    original = (GEO_DIR / spec.filename).read_bytes()
    how = draw(st.sampled_from(["field", "field", "field", "cut", "bytes"]))
    if how == "cut":
        return spec.filename, original[: draw(st.integers(0, len(original)))]
    if how == "bytes":
        data = bytearray(original)
        for _ in range(draw(st.integers(1, 5))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return spec.filename, bytes(data)
    doc = json.loads(original)
    records = doc["features"] if spec.format == "geojson" else doc[spec.key]
    record = records[draw(st.integers(0, len(records) - 1))]
    target = record["properties"] if spec.format == "geojson" and draw(st.booleans()) else record
    key = draw(st.sampled_from([*sorted(target), "extra"]))
    target[key] = draw(JSON)
    # ensure_ascii: a lone surrogate is written as the escape '\\ud800' (valid JSON, invalid text);
    # without it, surrogatepass writes bytes that are not UTF-8.
    text = json.dumps(doc, ensure_ascii=draw(st.booleans()), allow_nan=True)
    return spec.filename, text.encode("utf-8", "surrogatepass")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fuzzed_file())
def test_load_dataset_fuzzed_file_raises_only_data_errors(fuzz_geo: Path, case: tuple[str, bytes]) -> None:
    name, data = case
    path = fuzz_geo / name
    path.write_bytes(data)
    try:
        load_dataset(fuzz_geo)
    except DataError as exc:
        assert exc.problem.strip()
    finally:
        shutil.copyfile(GEO_DIR / name, path)


# --- the upload path ------------------------------------------------------------------------------

CSV_CELL = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30) | INTERESTING_TEXT.filter(
    lambda s: s != "\ud800"
)


@st.composite
def csv_upload(draw: st.DrawFn) -> bytes:
    header = draw(
        st.lists(
            st.sampled_from(["event_date", "event_type", "latitude", "longitude", "notes", "source", "x"]),
            min_size=1,
            max_size=6,
        )
    )
    rows = draw(st.lists(st.lists(CSV_CELL, min_size=len(header), max_size=len(header)), max_size=5))
    lines = [",".join(header)] + [",".join(json.dumps(c) if "," in c or '"' in c else c for c in r) for r in rows]
    return "\n".join(lines).encode("utf-8")


@FUZZ
@given(csv_upload() | st.binary(max_size=300))
def test_upload_arbitrary_csv_raises_only_data_errors(data: bytes) -> None:
    try:
        table = read_table(data, "upload.csv")
        mapping = guess_mapping(table.columns)
        result = import_events(table, mapping, places=PLACES)
    except DataError as exc:
        assert exc.problem.strip()
    else:
        assert len(result.events) + len(result.rejected) == len(table.rows)


# --- deep links -----------------------------------------------------------------------------------

PARAM_NAMES = st.sampled_from(["date", "event", "layers", "naming", "tiles", "other"]) | st.text(max_size=10)
PARAM_VALUES = (
    st.none()
    | TEXT
    | st.text(min_size=490, max_size=600)
    | st.lists(TEXT, max_size=3)
    | st.sampled_from([*KNOWN_EVENTS, ",".join(TOGGLE_KEYS), "none", *NAMINGS, *TILES])
    | st.dates().map(dt.date.isoformat)
    | JSON
)


def _parse(params: dict[str, Any]) -> Any:
    return parse_view(params, known_layers=TOGGLE_KEYS, default_layers=DEFAULT_VISIBLE, known_events=KNOWN_EVENTS)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(PARAM_NAMES, PARAM_VALUES, max_size=7))
def test_parse_view_never_raises_and_returns_a_usable_view(params: dict[str, Any]) -> None:
    parsed = _parse(params)
    view = parsed.view
    assert view.day is None or isinstance(view.day, dt.date)
    assert view.event_id is None or view.event_id in KNOWN_EVENTS
    assert set(view.layers) <= set(TOGGLE_KEYS)
    assert view.naming in NAMINGS
    assert view.tiles in TILES
    for problem in parsed.problems:
        assert len(problem) < 400, "a problem message must shorten what the link said"
        assert_markdown_inert(problem)


@st.composite
def views(draw: st.DrawFn) -> View:
    event = draw(st.none() | st.sampled_from(sorted(KNOWN_EVENTS)))
    day = draw(st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)))
    assume(day is not None or event is None)  # an event alone restores its own day
    layers = tuple(k for k in TOGGLE_KEYS if draw(st.booleans()))
    return View(day, event, layers, draw(st.sampled_from(NAMINGS)), draw(st.sampled_from(TILES)))


@settings(max_examples=200, deadline=None)
@given(views())
def test_a_views_own_link_restores_it_without_problems(view: View) -> None:
    parsed = _parse(view_params(view))
    assert parsed.problems == ()
    assert parsed.view == view


def test_templates_are_valid_records() -> None:
    """The control for the strategies: the templates are valid records, so mutations start valid."""
    assert parse_event(EVENT, PLACES).id == EVENT["id"]
    assert parse_place(PLACE).id == PLACE["properties"]["id"]
    assert parse_statement(STATEMENT).id == STATEMENT["id"]
    assert parse_source(SOURCE).id == SOURCE["id"]
