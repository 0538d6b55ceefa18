"""corridor.loader: the bundled data loads; every broken variant of it is refused with a precise message.

The broken cases live in tests/data/broken/ (one JSON file per case, format in its README.md). Each is
the real geo/ directory copied to a temporary folder with one thing corrupted.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from corridor import catalogue, loader
from corridor.catalogue import GEO_DIR
from corridor.errors import DataError
from corridor.loader import load_dataset, read_json
from corridor.records import Dataset

BROKEN_DIR = Path(__file__).resolve().parents[1] / "data" / "broken"
CATALOGUE_FILES = {spec.filename for spec in catalogue.DATA_FILES}

# The cases the brief asks for by name; a test checks none of them has gone missing.
REQUIRED_CASES = {
    "invalid_json",
    "truncated_file",
    "non_utf8",
    "nan_coordinates",
    "coordinates_3d",
    "lat_lon_swapped",
    "projected_coordinates",
    "polygon_in_places",
    "self_intersecting_band",
    "date_feb_30",
    "date_dmy_slashes_event",
    "date_dmy_slashes_valid_from",
    "valid_to_before_valid_from",
    "duplicate_place_id",
    "dangling_statement_id",
    "unknown_rendering_source",
    "unknown_event_place",
    "wrong_crs",
    "empty_feature_collection",
    "missing_required_field",
    "javascript_url",
    "derived_without_uncertainty",
}


# --- applying a case ------------------------------------------------------------------------------


def _has_id(item: Any, wanted: str) -> bool:
    if not isinstance(item, dict):
        return False
    if item.get("id") == wanted:
        return True
    props = item.get("properties")
    return isinstance(props, dict) and props.get("id") == wanted


def _step(node: Any, step: Any) -> Any:
    """Follow one path step: a key, an index, or {"id": ...} picking a list element by id."""
    if isinstance(step, dict):
        matches = [item for item in node if _has_id(item, step["id"])]
        assert len(matches) == 1, f"path step {step} matches {len(matches)} elements"
        return matches[0]
    return node[step]


def _parent(doc: Any, path: list[Any]) -> tuple[Any, Any]:
    """The container holding the last step of ``path``, and the key of that step in it."""
    node = doc
    for step in path[:-1]:
        node = _step(node, step)
    last = path[-1]
    if isinstance(last, dict):
        target = _step(node, last)
        return node, next(i for i, item in enumerate(node) if item is target)
    return node, last


def _resolve(doc: Any, path: list[Any]) -> Any:
    node = doc
    for step in path:
        node = _step(node, step)
    return node


def apply_edit(geo_dir: Path, case: dict[str, Any]) -> None:
    """Corrupt ``case['file']`` in ``geo_dir`` as ``case['edit']`` says; fail if the edit changes nothing."""
    target = geo_dir / case["file"]
    edit = case["edit"]
    op = edit["op"]
    before = target.read_bytes()
    if op == "remove_file":
        target.unlink()
        return
    if op == "replace_file":
        shutil.copyfile(BROKEN_DIR / edit["with"], target)
    elif op == "truncate":
        target.write_bytes(before[: int(len(before) * edit["keep_fraction"])])
    elif op == "reencode":
        # characters the legacy encoding lacks (Armenian, Cyrillic) become "?", as a legacy editor saves them
        target.write_bytes(before.decode("utf-8").encode(edit["encoding"], errors="replace"))
    elif op == "text_replace":
        text = before.decode("utf-8")
        assert edit["old"] in text, f"{case['file']} no longer contains {edit['old']!r}"
        target.write_text(text.replace(edit["old"], edit["new"], 1), encoding="utf-8")
    else:
        doc = json.loads(before)
        if op == "set":
            parent, key = _parent(doc, edit["path"])
            parent[key] = edit["value"]
        elif op == "update":
            _resolve(doc, edit["path"]).update(edit["values"])
        elif op == "delete":
            parent, key = _parent(doc, edit["path"])
            del parent[key]
        elif op == "append":
            _resolve(doc, edit["path"]).append(edit["value"])
        elif op == "append_copy":
            _resolve(doc, edit["path"]).append(copy.deepcopy(_resolve(doc, edit["from"])))
        else:
            raise AssertionError(f"unknown edit op {op!r}")
        target.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    assert target.read_bytes() != before, f"case edit {edit} left {case['file']} unchanged"


def _load_cases() -> dict[str, dict[str, Any]]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(BROKEN_DIR.glob("*.json"))}


CASES = _load_cases()


def _params(check: str) -> list[Any]:
    params = []
    for name in CASES:
        params.append(pytest.param(name, id=name))
    return params


def _load_broken(geo_dir: Path, name: str) -> pytest.ExceptionInfo[DataError]:
    case = CASES[name]
    apply_edit(geo_dir, case)
    result: Dataset | None = None
    with pytest.raises(DataError, match=case["match"]) as info:
        result = load_dataset(geo_dir)
    assert result is None, "the loader returned a dataset from broken data"
    return info


# --- the case folder itself -------------------------------------------------------------------


def test_every_required_case_is_present() -> None:
    missing = REQUIRED_CASES - set(CASES)
    assert not missing, f"broken cases missing from {BROKEN_DIR}: {sorted(missing)}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_case_file_is_well_formed(name: str) -> None:
    case = CASES[name]
    assert set(case) <= {"description", "file", "edit", "match", "names", "known_bug", "known_bug_names"}
    assert case["description"].strip()
    assert case["file"] in CATALOGUE_FILES
    re.compile(case["match"])
    assert case["names"] and case["file"] in case["names"], "every message must name the file"


def test_pristine_copy_loads_like_the_bundled_data(geo_copy: Path, dataset: Dataset) -> None:
    """The control for every case below: an unedited copy is accepted, so each failure is the edit's."""
    copied = load_dataset(geo_copy)
    for attr in ("places", "routes", "bands", "events", "statements", "sources"):
        assert [r.id for r in getattr(copied, attr)] == [r.id for r in getattr(dataset, attr)]


# --- each broken case -------------------------------------------------------------------------


@pytest.mark.parametrize("name", _params("match"))
def test_broken_case_is_refused_with_its_message(geo_copy: Path, name: str) -> None:
    _load_broken(geo_copy, name)


@pytest.mark.parametrize("name", _params("names"))
def test_broken_case_message_names_file_feature_field_value(geo_copy: Path, name: str) -> None:
    message = str(_load_broken(geo_copy, name).value)
    missing = [part for part in CASES[name]["names"] if part not in message]
    assert not missing, f"message {message!r} does not name {missing}"


def test_swapped_message_says_swapped(geo_copy: Path) -> None:
    assert "swapped" in str(_load_broken(geo_copy, "lat_lon_swapped").value)


def test_data_error_fields_are_structured(geo_copy: Path) -> None:
    """Callers (the UI) may show the parts separately: they are kept, not only formatted."""
    err = _load_broken(geo_copy, "unknown_event_place").value
    assert (err.file, err.feature, err.field, err.value) == (
        "events.json",
        "ev-2023-04-23-checkpoint",
        "place_id",
        "hakari_brige",
    )


# --- never half-loaded ------------------------------------------------------------------------


def _corrupt_last_record(geo_dir: Path, spec: catalogue.DataFile) -> tuple[str, str]:
    """Break the last record of a file; return (expected field, expected record label)."""
    path = geo_dir / spec.filename
    doc = json.loads(path.read_text(encoding="utf-8"))
    if spec.format == "geojson":
        records = doc["features"]
        last = records[-1]
        last["geometry"] = None
        props = last["properties"]
        label = props["id"] if isinstance(props.get("id"), str) else f"#{len(records) - 1}"
        field = "geometry"
    else:
        records = doc[spec.key]
        last = records[-1]
        field = next(name for name in spec.required if name != "id")
        del last[field]
        label = last["id"]
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return field, label


@pytest.mark.parametrize("spec", catalogue.DATA_FILES, ids=lambda s: s.filename)
def test_every_file_is_validated_to_its_last_record(geo_copy: Path, spec: catalogue.DataFile) -> None:
    """A bad last record still stops the load: nothing is skipped, nothing is returned half-loaded."""
    field, label = _corrupt_last_record(geo_copy, spec)
    with pytest.raises(DataError) as info:
        load_dataset(geo_copy)
    assert (info.value.file, info.value.feature, info.value.field) == (spec.filename, label, field)


def test_failed_load_leaves_nothing_behind(geo_copy: Path) -> None:
    """Load good, break, refuse, repair, load good again: no cached or partial state in between."""
    original = (geo_copy / "events.json").read_bytes()
    first = load_dataset(geo_copy)
    apply_edit(geo_copy, CASES["dangling_statement_id"])
    with pytest.raises(DataError, match="statement id does not exist"):
        load_dataset(geo_copy)
    (geo_copy / "events.json").write_bytes(original)
    again = load_dataset(geo_copy)
    assert again is not first
    assert [e.id for e in again.events] == [e.id for e in first.events]


# --- required fields of the catalogue --------------------------------------------------------


def _required_params() -> list[Any]:
    params = []
    for spec in catalogue.DATA_FILES:
        for name in spec.required:
            params.append(pytest.param(spec, name, id=f"{spec.filename}:{name}"))
    return params


@pytest.mark.parametrize(("spec", "name"), _required_params())
def test_catalogue_required_field_is_enforced(geo_copy: Path, spec: catalogue.DataFile, name: str) -> None:
    """Dropping any field the catalogue calls required from the first record stops the load, naming it."""
    path = geo_copy / spec.filename
    doc = json.loads(path.read_text(encoding="utf-8"))
    record = doc["features"][0]["properties"] if spec.format == "geojson" else doc[spec.key][0]
    assert name in record, f"the bundled {spec.filename} has no {name!r} in its first record"
    del record[name]
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_dataset(geo_copy)
    assert info.value.file == spec.filename
    assert info.value.field == name


# --- the bundled data -------------------------------------------------------------------------


def test_bundled_data_loads(dataset: Dataset) -> None:
    assert {r.id for r in dataset.routes} == {
        "route_A_old_highway",
        "route_B1_bypass_temporary_link",
        "route_B2_kornidzor",
    }
    assert {b.route_id for b in dataset.bands} == {r.id for r in dataset.routes}
    assert len(dataset.places) >= 10
    assert len(dataset.events) >= 15
    assert {f["properties"]["A3"] for f in dataset.borders["features"]} == {"ARM", "AZE"}
    assert dataset.region["features"]


def test_events_are_sorted_by_anchor_then_start(dataset: Dataset) -> None:
    keys = [(e.anchor, e.date.first, e.id) for e in dataset.events]
    assert keys == sorted(keys)
    assert dataset.events[0].id == "ev-2020-11-trilateral-statement"


def test_event_position_comes_from_its_place(dataset: Dataset) -> None:
    event = dataset.event("ev-2023-04-23-checkpoint")
    assert event.place_id == "hakari_bridge"
    assert event.lonlat == dataset.place("hakari_bridge").lonlat
    assert dataset.event("ev-2023-04-24-peskov").lonlat is None


def test_lookups_raise_key_error_for_unknown_ids(dataset: Dataset) -> None:
    for lookup in (dataset.place, dataset.event, dataset.source, dataset.statement):
        with pytest.raises(KeyError):
            lookup("no-such-id")


def test_statements_of_keeps_the_event_order(dataset: Dataset) -> None:
    event = dataset.event("ev-2023-04-24-peskov")
    assert [s.id for s in dataset.statements_of(event)] == list(event.statement_ids)


# --- extra events (imports) -------------------------------------------------------------------


def _write_events(path: Path, *events: dict[str, Any]) -> Path:
    path.write_text(json.dumps({"events": list(events)}), encoding="utf-8")
    return path


EXTRA_EVENT = {
    "id": "ev-2023-07-25-convoy",
    "date": "2023-07-25",
    "title": "Humanitarian convoy stopped at Kornidzor",
    "event_type": "humanitarian",
    "place_id": "kornidzor",
    "confidence": "medium",
}


def test_extra_events_are_merged_and_sorted(tmp_path: Path, dataset: Dataset) -> None:
    extra = _write_events(tmp_path / "extra.json", EXTRA_EVENT)
    merged = load_dataset(GEO_DIR, extra_events=extra)
    ids = [e.id for e in merged.events]
    assert len(ids) == len(dataset.events) + 1
    before = [e.id for e in dataset.events if e.anchor <= dt.date(2023, 7, 25)]
    assert ids.index("ev-2023-07-25-convoy") == len(before)
    assert ids[len(before) - 1] == before[-1]
    assert merged.event("ev-2023-07-25-convoy").lonlat == dataset.place("kornidzor").lonlat


def test_extra_event_may_not_reuse_a_bundled_id(tmp_path: Path) -> None:
    extra = _write_events(tmp_path / "extra.json", {**EXTRA_EVENT, "id": "ev-2022-12-12-blockade"})
    with pytest.raises(DataError, match="event id already used by the bundled events") as info:
        load_dataset(GEO_DIR, extra_events=extra)
    assert (info.value.file, info.value.feature) == ("extra.json", "ev-2022-12-12-blockade")


def test_extra_event_errors_name_the_extra_file(tmp_path: Path) -> None:
    extra = _write_events(tmp_path / "my-import.json", {**EXTRA_EVENT, "place_id": "atlantis"})
    with pytest.raises(DataError, match=r"^file my-import\.json, feature 'ev-2023-07-25-convoy', field 'place_id'"):
        load_dataset(GEO_DIR, extra_events=extra)


# --- read_json and the file shapes ------------------------------------------------------------


def test_read_json_rejects_deep_nesting(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    with pytest.raises(DataError, match=r"^file deep\.json: JSON is nested too deeply$"):
        read_json(path)


def test_read_json_rejects_oversized_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 2**20)
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"events": ["x" * 2**20]}), encoding="utf-8")
    with pytest.raises(DataError, match=r"^file big\.json: file is larger than 1 MB"):
        read_json(path)


def test_read_json_reports_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"^file nope\.json: file is missing$"):
        read_json(tmp_path / "nope.json")


@pytest.mark.parametrize(
    ("content", "match"),
    [
        ('["not", "an", "object"]', r"expected an object with a 'events' list \(got 'list'\)"),
        ('{"events": {"id": "x"}}', r"expected an object with a 'events' list \(got 'object'\)"),
        ('{"evnts": []}', r"expected an object with a 'events' list"),
    ],
)
def test_events_file_must_hold_an_events_list(tmp_path: Path, content: str, match: str) -> None:
    path = tmp_path / "events.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=match):
        loader.json_list(path, "events")


@pytest.mark.parametrize(
    "crs_name", ["urn:ogc:def:crs:OGC:1.3:CRS84", "OGC:CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326"]
)
def test_wgs84_crs_names_are_accepted(tmp_path: Path, crs_name: str) -> None:
    path = tmp_path / "places.geojson"
    doc = json.loads((GEO_DIR / "places.geojson").read_text(encoding="utf-8"))
    doc["crs"]["properties"]["name"] = crs_name
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert len(loader.feature_collection(path)) == len(doc["features"])


def test_missing_crs_means_wgs84(tmp_path: Path) -> None:
    path = tmp_path / "places.geojson"
    doc = json.loads((GEO_DIR / "places.geojson").read_text(encoding="utf-8"))
    del doc["crs"]
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert loader.feature_collection(path) == doc["features"]


def test_with_extra_events_merges_validated_events(dataset: Dataset, tmp_path: Path) -> None:
    extra = loader.load_events(_write_events(tmp_path / "extra.json", EXTRA_EVENT), {p.id: p for p in dataset.places})
    assert loader.with_extra_events(dataset, ()) is dataset
    merged = loader.with_extra_events(dataset, extra, "extra.json")
    keys = [(e.anchor, e.date.first, e.id) for e in merged.events]
    assert keys == sorted(keys)
    assert len(merged.events) == len(dataset.events) + 1
    assert "ev-2023-07-25-convoy" not in {e.id for e in dataset.events}  # the original is untouched
    with pytest.raises(DataError, match=r"^file extra\.json, feature 'ev-2023-07-25-convoy', field 'id': event id"):
        loader.with_extra_events(merged, extra, "extra.json")


def test_a_private_cache_file_is_written_for_this_user_only_and_read_back(tmp_path: Path) -> None:
    file = tmp_path / "cache" / "thing.json"
    loader.write_private(file, b"{}")
    assert loader.read_private(file) == b"{}"
    assert file.parent.stat().st_mode & 0o077 == 0 and file.stat().st_mode & 0o077 == 0


def test_a_cache_file_others_may_write_is_never_read(tmp_path: Path) -> None:
    file = tmp_path / "cache" / "thing.json"
    loader.write_private(file, b"{}")
    file.chmod(0o666)
    assert loader.read_private(file) is None
    assert loader.read_private(tmp_path / "cache" / "missing.json") is None


def test_nothing_is_written_into_a_folder_others_may_write(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    loader.write_private(shared / "thing.json", b"{}")
    assert not (shared / "thing.json").exists()
