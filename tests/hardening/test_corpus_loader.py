"""Every hostile or broken file, through every entry point that reads files.

Entry points: the bundled-data loader (corridor.loader.load_dataset, with one geo/ file replaced
and as the CORRIDOR_EXTRA_EVENTS file), the upload path (corridor.imports.read_table and
import_events), saved datasets (corridor.userdata.load_saved) and briefing files
(export.briefing.parse_briefing / read_briefing). Each must end in its module's documented error
(DataError; BriefingError for briefing files) with a message that names the problem, or in a clean
result. Any other exception type is a bug.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from corridor import catalogue
from corridor.errors import DataError
from corridor.imports import ImportResult, import_events, missing_targets, read_table
from corridor.imports import guess_mapping as guess
from corridor.loader import load_dataset
from corridor.records import Dataset
from corridor.userdata import load_saved
from export.briefing import BriefingError, LoadedBriefing, parse_briefing, read_briefing
from tests.hardening.conftest import (
    CASES,
    CORPUS,
    GENERATED,
    corpus_bytes,
    install,
    outcome_of,
    write_oversized,
)

CASE_IDS = [c["file"] for c in CASES]
GEN_IDS = [g.name for g in GENERATED]
IMPORTS = CORPUS / "imports"


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return load_dataset()


def _all_inputs() -> list[Any]:
    """(name, target file, bytes-producing callable) for every committed and generated case."""
    out = [pytest.param(c["file"], c["target"], lambda c=c: corpus_bytes(c), id=c["file"]) for c in CASES]
    out += [pytest.param(g.name, g.target, g.data, id=g.name) for g in GENERATED]
    return out


# --- the bundled-data loader ----------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_bundled_loader_refuses_corpus_file_naming_the_problem(geo_copy: Path, case: dict[str, str]) -> None:
    install(geo_copy, case["target"], corpus_bytes(case))
    with pytest.raises(DataError) as info:
        load_dataset(geo_copy)
    message = str(info.value)
    assert re.search(case["match"], message), f"{case['file']}: {message!r} does not match {case['match']!r}"
    assert case["names_file"] in message, f"{case['file']}: {message!r} does not name {case['names_file']}"


@pytest.mark.parametrize("gen", GENERATED, ids=GEN_IDS)
def test_bundled_loader_refuses_generated_file(geo_copy: Path, gen: Any) -> None:
    install(geo_copy, gen.target, gen.data())
    with pytest.raises(DataError) as info:
        load_dataset(geo_copy)
    assert re.search(gen.match, str(info.value)), str(info.value)[:300]
    assert gen.target in str(info.value)
    assert len(str(info.value)) < 1000, "a 1 MB value must be shortened in the message"


def test_deep_nesting_is_a_data_error_not_recursion_error(geo_copy: Path) -> None:
    """100,000 '[' must never surface as RecursionError (pytest.raises(DataError) alone would let one
    through as an error of the test, so check the type explicitly)."""
    install(geo_copy, "events.json", b"[" * 100_000)
    try:
        load_dataset(geo_copy)
    except DataError as exc:
        assert "nested too deeply" in str(exc)
    else:
        pytest.fail("a 100,000-deep file loaded")


IN_PLACE_OF_A_FILE = {  # what takes a geo/ file's place -> what the loader must say about it
    "oversized": (write_oversized, "file is larger than 50 MB"),
    "missing": (lambda path: None, "file is missing"),
    "directory": (Path.mkdir, "file cannot be read"),
}


@pytest.mark.parametrize("replacement", sorted(IN_PLACE_OF_A_FILE))
@pytest.mark.parametrize("spec", catalogue.DATA_FILES, ids=lambda s: s.filename)
def test_a_file_that_cannot_be_read_is_named(geo_copy: Path, spec: catalogue.DataFile, replacement: str) -> None:
    replace, problem = IN_PLACE_OF_A_FILE[replacement]
    (geo_copy / spec.filename).unlink()
    replace(geo_copy / spec.filename)
    with pytest.raises(DataError, match=rf"file {re.escape(spec.filename)}: {problem}"):
        load_dataset(geo_copy)


@pytest.mark.parametrize(("name", "target", "data"), _all_inputs())
def test_extra_events_file_raises_only_data_errors(
    geo_copy: Path, tmp_path: Path, name: str, target: str, data: Any
) -> None:
    """The CORRIDOR_EXTRA_EVENTS file is read with the same loader: any corpus file there either
    loads (an empty list adds nothing) or is refused naming the extra file."""
    extra = tmp_path / f"extra-{name}"
    extra.write_bytes(data())
    try:
        ds = load_dataset(geo_copy, extra)
    except DataError as exc:
        assert extra.name in str(exc)
    else:
        assert len(ds.events) >= len(load_dataset(geo_copy).events)


# --- the upload path (corridor/imports.py) --------------------------------------------------------


def _import(data: bytes, filename: str, bundled: Dataset) -> ImportResult:
    """The Data page's path: read the upload, guess the columns, validate every row."""
    table = read_table(data, filename)
    mapping = guess(table.columns)
    result = import_events(table, mapping, places={p.id: p for p in bundled.places})
    assert not missing_targets(mapping), "import_events accepted a mapping without its required fields"
    return result


def _import_outcome(data: bytes, filename: str, bundled: Dataset) -> ImportResult | DataError:
    return outcome_of(lambda: _import(data, filename, bundled), DataError)


FILE_LEVEL = {  # corpus files an upload must refuse as a whole, and the reason it must give
    "invalid_json.json": r"not valid JSON",
    "truncated.geojson": r"not valid JSON",
    "empty.json": r"the file is empty",
    "html_error_page.json": r"",  # read as CSV: any DataError (no date column) will do
    "feature_not_collection.geojson": r"expected a GeoJSON FeatureCollection",
    "events_top_level_list.json": r"",
}


@pytest.mark.parametrize(
    ("name", "target", "data"),
    _all_inputs(),
)
def test_upload_raises_only_data_errors(bundled: Dataset, name: str, target: str, data: Any) -> None:
    outcome = _import_outcome(data(), target, bundled)
    if name in FILE_LEVEL:
        assert isinstance(outcome, DataError), f"{name} was imported: {outcome}"
        assert re.search(FILE_LEVEL[name], str(outcome)), str(outcome)
    if isinstance(outcome, ImportResult):
        for rejection in outcome.rejected:
            assert rejection.reason.strip(), rejection


# Files in another encoding are read, not refused (issue 12): Windows-1252 with a notice that says so,
# UTF-16 by its byte-order mark.
READ_WITH_NOTICE = {"latin1.json": ("Café on the corridor", "read as Windows-1252"), "utf16.geojson": (None, None)}


@pytest.mark.parametrize("name", sorted(READ_WITH_NOTICE))
def test_upload_in_another_encoding_is_read(bundled: Dataset, name: str) -> None:
    path = CORPUS / name
    table = read_table(path.read_bytes(), name)
    title, notice = READ_WITH_NOTICE[name]
    if notice:
        assert any(notice in n for n in table.notices), table.notices
    else:
        assert table.notices == () and table.rows
    if title:
        assert [e.title for e in _import(path.read_bytes(), name, bundled).events] == [title]


def test_upload_with_5000_digit_integer_is_a_data_error(bundled: Dataset) -> None:
    data = b'{"type": "FeatureCollection", "features": [' + b"7" * 5000 + b"]}"
    outcome = _import_outcome(data, "big.geojson", bundled)
    assert isinstance(outcome, DataError)


def test_upload_of_50_megabytes_is_refused_by_size(bundled: Dataset) -> None:
    data = b"event_date,event_type,notes\n" + b"2023-04-23,incident," + b"x" * (50 * 2**20) + b"\n"
    with pytest.raises(DataError, match=r"the file is larger than 20 MB"):
        _import(data, "huge.csv", bundled)


def test_upload_with_a_megabyte_cell_is_refused_or_rejected(bundled: Dataset) -> None:
    data = b"event_date,event_type,notes\n2023-04-23,incident," + b"x" * (1 << 20) + b"\n"
    outcome = _import_outcome(data, "big-cell.csv", bundled)
    if isinstance(outcome, ImportResult):
        assert not outcome.events
        assert any("longer than" in r.reason for r in outcome.rejected)


@pytest.mark.parametrize(
    "data",
    [b"[" * 100_000, b'{"type": "FeatureCollection", "features": ' + b"[" * 100_000],
    ids=["list", "in-collection"],
)
def test_upload_deep_nesting_is_a_data_error(bundled: Dataset, data: bytes) -> None:
    outcome = _import_outcome(data, "deep.geojson", bundled)
    assert isinstance(outcome, DataError), outcome


HOSTILE_CSV_REJECTIONS = {  # row -> (column named, reason)
    2: ("event_date", r"not a calendar day"),
    3: ("event_date", r"day-first or month-first date"),
    4: ("source", r"URL must start with http"),
    5: ("latitude/longitude", r"lat and lon look swapped"),
    6: ("latitude/longitude", r"must be finite"),
    7: ("latitude/longitude", r"must be finite"),
    8: ("latitude/longitude", r"projected CRS"),
    9: ("latitude/longitude", r"must be finite"),
    10: ("latitude/longitude", r"coordinate is not a number"),
    11: ("event_date", r"date range ends before it starts"),
}
HOSTILE_GEOJSON_REJECTIONS = {  # row 2, a 3-D point, loads with its height dropped (issue 12)
    3: ("geometry", r"only Point features can be events"),
    4: ("geometry", r"must be finite"),
    5: ("geometry", r"look swapped"),
    6: ("title/notes", r"invalid Unicode"),
    7: ("source", r"URL must start with http"),
    8: ("event_date", r"required field is missing"),
    9: ("event_date", r"required field is missing"),
}


@pytest.mark.parametrize(
    ("filename", "expected", "title"),
    [
        ("hostile_rows.csv", HOSTILE_CSV_REJECTIONS, "<script>window.__pwned=1</script>"),
        ("hostile.geojson", HOSTILE_GEOJSON_REJECTIONS, '<iframe src="javascript:alert(1)"></iframe>'),
    ],
)
def test_upload_rejects_each_bad_row_naming_column_and_reason(
    bundled: Dataset, filename: str, expected: dict[int, tuple[str, str]], title: str
) -> None:
    result = _import((IMPORTS / filename).read_bytes(), filename, bundled)
    got = {r.row: r for r in result.rejected}
    assert set(got) == set(expected), {r.row: r.reason for r in result.rejected}
    for row, (column, reason) in expected.items():
        assert got[row].field == column, got[row]
        assert re.search(reason, got[row].reason), got[row]
    loads = ["import-row-1", "import-row-2"] if filename.endswith(".geojson") else ["import-row-1"]  # 2: 3-D
    assert [e.id for e in result.events] == loads, "the payload row is valid data and must load"
    event = result.events[0]
    assert event.title == title, "text is kept as the file has it (escaped where it is shown)"
    assert event.source_url is None or event.source_url.startswith("https://")


def test_rejection_values_are_showable(bundled: Dataset) -> None:
    result = _import((IMPORTS / "hostile.geojson").read_bytes(), "hostile.geojson", bundled)
    for rejection in result.rejected:
        f"{rejection.field} {rejection.value} {rejection.reason}".encode()


# --- saved datasets (corridor/userdata.py) --------------------------------------------------------


@pytest.mark.parametrize(("name", "target", "data"), _all_inputs())
def test_saved_dataset_file_raises_only_data_errors(
    bundled: Dataset, tmp_path: Path, name: str, target: str, data: Any
) -> None:
    """A saved dataset edited (or replaced) on disk is validated again when it is opened."""
    (tmp_path / "hostile.json").write_bytes(data())
    try:
        events = load_saved("hostile", {p.id: p for p in bundled.places}, tmp_path)
    except DataError as exc:
        assert "hostile.json" in str(exc)
    else:
        assert all(e.id.startswith("import-") for e in events)


@pytest.mark.parametrize("name", ["../../geo/events", "/etc/passwd", "..", "CON", "a/../../b", "\x00"])
def test_saved_dataset_names_cannot_leave_the_folder(bundled: Dataset, tmp_path: Path, name: str) -> None:
    inner = tmp_path / "datasets"
    inner.mkdir()
    with pytest.raises(DataError):
        load_saved(name, {p.id: p for p in bundled.places}, inner)


# --- briefing files (export/briefing.py) ----------------------------------------------------------


def _briefing_outcome(data: bytes, known: set[str]) -> LoadedBriefing | BriefingError:
    return outcome_of(lambda: parse_briefing(data, known, name="hostile.json"), BriefingError)


@pytest.mark.parametrize(
    ("name", "target", "data"),
    _all_inputs(),
)
def test_briefing_loader_raises_only_briefing_errors(bundled: Dataset, name: str, target: str, data: Any) -> None:
    """None of the corpus files is a briefing file: each is refused with a BriefingError naming it
    (export.briefing's documented error; it is not a DataError)."""
    outcome = _briefing_outcome(data(), {e.id for e in bundled.events})
    assert isinstance(outcome, BriefingError), outcome
    assert "hostile.json" in str(outcome)


def test_briefing_with_5000_digit_integer_is_a_briefing_error(bundled: Dataset) -> None:
    data = b'{"format": "lachin-briefing", "version": ' + b"1" * 5000 + b"}"
    assert isinstance(_briefing_outcome(data, set()), BriefingError)


def test_briefing_with_hostile_fields_loads_with_problems(bundled: Dataset) -> None:
    known = {e.id for e in bundled.events}
    first = sorted(known)[0]
    doc = {
        "format": "lachin-briefing",
        "version": 1,
        "title": "<script>alert(1)</script>" + "T" * 1000,
        "events": [first, first, "<img src=x onerror=alert(1)>", 7, None, {"a": 1}],
        "notes": {first: "<img src=x onerror=alert(1)>" * 5000, "nope": "x", "also": 3},
    }
    loaded = parse_briefing(json.dumps(doc).encode(), known, name="hostile.json")
    assert loaded.briefing.events == (first,)
    assert len(loaded.briefing.title) <= 200
    assert len(loaded.briefing.notes[first]) <= 20_000
    assert any("listed twice" in p for p in loaded.problems)
    assert any("not in the data" in p for p in loaded.problems)
    assert any("note(s)" in p for p in loaded.problems)


@pytest.mark.parametrize("name", ["../../geo/events.json", "/etc/passwd", "..", "a/../../b"])
def test_briefing_names_cannot_leave_the_folder(tmp_path: Path, name: str) -> None:
    inner = tmp_path / "briefings"
    inner.mkdir()
    (tmp_path / "events.json").write_text('{"format": "lachin-briefing", "version": 1, "events": []}')
    with pytest.raises(BriefingError, match="could not be read"):
        read_briefing(name, set(), inner)
