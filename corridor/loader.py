"""Read every file of geo/, validate it once, and return a Dataset or raise one DataError.

Nothing is half-loaded: the first problem found stops the load with a message that names the
file, the record id, the field and the bad value.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from corridor import catalogue
from corridor.catalogue import DataFile
from corridor.errors import DataError
from corridor.fields import MAX_TEXT, text_problem
from corridor.geometry import WGS84_NAMES, check_geometry
from corridor.parse import (
    parse_band,
    parse_event,
    parse_place,
    parse_route,
    parse_source,
    parse_statement,
    record_id,
)
from corridor.quotes import check_renderings
from corridor.records import Dataset, Event, Place, RegionFeature, RegionLayer
from corridor.region import parse_region_feature

R = TypeVar("R")
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_LABEL_CHARS = 60  # a record named in a message by an id longer than this is shown shortened


def read_json(path: Path) -> Any:
    """Parse a JSON file; unreadable, oversized, non-UTF-8 or malformed files raise a DataError."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError:
        raise DataError("file is missing", file=name) from None
    if size > MAX_FILE_BYTES:
        raise DataError(f"file is larger than {MAX_FILE_BYTES // 2**20} MB", file=name, value=size)
    try:
        raw = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"file is not UTF-8 text (byte {exc.start})", file=name) from None
    except OSError as exc:  # a directory under the file's name, no permission, removed since stat()
        raise DataError(f"file cannot be read ({exc.strerror or exc})", file=name) from None
    try:
        return json.loads(raw, parse_constant=_reject_constant)
    except DataError as exc:
        raise exc.located(file=name) from None
    except json.JSONDecodeError as exc:
        raise DataError(f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}", file=name) from None
    except RecursionError:
        raise DataError("JSON is nested too deeply", file=name) from None
    except ValueError as exc:  # an integer longer than sys.get_int_max_str_digits() digits
        raise DataError(f"JSON holds a number that cannot be read ({str(exc).split(':')[0]})", file=name) from None


def _reject_constant(token: str) -> Any:
    raise DataError(f"JSON holds {token}, which is not a number", value=token)


def feature_collection(path: Path) -> list[Any]:
    """The features of a GeoJSON FeatureCollection in WGS84."""
    doc = read_json(path)
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise DataError("expected a GeoJSON FeatureCollection", file=path.name, value=_kind(doc))
    crs = doc.get("crs")
    if crs is not None:
        props = crs.get("properties") if isinstance(crs, dict) else None
        name = props.get("name") if isinstance(props, dict) else None
        if name not in WGS84_NAMES:
            raise DataError("CRS must be WGS84 (CRS84 / EPSG:4326)", file=path.name, field="crs", value=name)
    features = doc.get("features")
    if not isinstance(features, list) or not features:
        raise DataError("the collection has no features", file=path.name, field="features")
    return features


def json_list(path: Path, key: str) -> list[Any]:
    """The list stored under ``key`` in a JSON object file."""
    doc = read_json(path)
    items = doc.get(key) if isinstance(doc, dict) else None
    if not isinstance(items, list):
        raise DataError(f"expected an object with a '{key}' list", file=path.name, value=_kind(doc))
    return items


def parse_all(items: Iterable[Any], parse: Callable[[Any], R], file: str) -> tuple[R, ...]:
    """Parse each item; a failure is re-raised naming the file and the record; ids must be unique."""
    out: list[R] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        label = _label(item, index)
        try:
            record = parse(item)
            _check_strings(item)
        except DataError as exc:
            raise exc.located(file=file, feature=label) from None
        rid = getattr(record, "id", None)
        if rid is not None:
            if rid in seen:
                raise DataError("duplicate id", file=file, feature=rid, field="id", value=rid)
            seen.add(rid)
        out.append(record)
    return tuple(out)


def _check_strings(item: Any) -> None:
    """Every string of a record, parsed fields or not, must be showable: not too long, valid Unicode."""
    try:  # fast path (C speed): a short record that encodes as UTF-8 holds no bad string
        dumped = json.dumps(item, ensure_ascii=False)
        if len(dumped) <= MAX_TEXT and text_problem(dumped) is None:
            return
    except (RecursionError, ValueError):
        pass
    stack = [item]
    while stack:  # iterative: a record may nest deeper than Python's recursion limit allows
        value = stack.pop()
        if isinstance(value, str):
            # ASCII strings within the length limit (nearly all) need no further check.
            if (len(value) > MAX_TEXT or not value.isascii()) and (problem := text_problem(value)):
                raise DataError(problem, field=_path_to(item, value), value=value)
        elif isinstance(value, dict):
            stack.extend(value)
            feature = value.get("type") == "Feature"  # its geometry holds only checked numbers
            stack.extend(v for k, v in value.items() if not (feature and k == "geometry"))
        elif isinstance(value, list):
            stack.extend(value)


def _path_to(item: Any, target: str) -> str | None:
    """The field path of ``target`` (a string found in ``item``, as value or key), for the message."""
    stack: list[tuple[str, Any]] = [("", item)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key, child in value.items():
                inner = f"{path}.{key}" if path else str(key)
                if key is target:
                    return path or "(key)"
                if child is target:
                    return inner
                stack.append((inner, child))
        elif isinstance(value, list):
            for i, child in enumerate(value):
                if child is target:
                    return f"{path}[{i}]"
                stack.append((f"{path}[{i}]", child))
    return None


def _label(item: Any, index: int) -> str:
    if isinstance(item, dict):
        props = item.get("properties") if item.get("type") == "Feature" else item
        if isinstance(props, dict) and isinstance(props.get("id"), str):
            rid = str(props["id"])
            return rid if len(rid) <= MAX_LABEL_CHARS else f"#{index} ({rid[:MAX_LABEL_CHARS]}...)"
    return f"#{index}"


def _kind(doc: Any) -> str:
    return doc.get("type", "object") if isinstance(doc, dict) else type(doc).__name__


def load_polygons(path: Path, spec: DataFile) -> dict[str, Any]:
    """Load a polygon layer (borders, region), checking geometry and the required properties."""
    features = feature_collection(path)

    def check(feature: Any) -> None:
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict):
            raise DataError("feature has no properties object", field="properties")
        for name in spec.required:
            if props.get(name) in (None, ""):
                raise DataError("required field is missing or empty", field=name)
        check_geometry(feature.get("geometry"), ("Polygon", "MultiPolygon"))

    parse_all(features, check, spec.filename)
    return {"type": "FeatureCollection", "features": features}


def load_region_features(geo_dir: Path) -> tuple[RegionFeature, ...]:
    """The region layers (NK outlines, corridor edges, rivers), each file checked against its layer."""
    out: list[RegionFeature] = []
    seen: set[str] = set()
    for spec in catalogue.REGION_FILES:
        layer: RegionLayer = spec.key  # type: ignore[assignment]  # REGION_FILES keys are RegionLayer names

        def parse(raw: Any, layer: RegionLayer = layer, spec: DataFile = spec) -> RegionFeature:
            props = raw.get("properties") if isinstance(raw, dict) else None
            for name in spec.required:
                if not isinstance(props, dict) or props.get(name) in (None, ""):
                    raise DataError("required field is missing or empty", field=name)
            return parse_region_feature(raw, layer)

        for feature in parse_all(feature_collection(geo_dir / spec.filename), parse, spec.filename):
            if feature.id in seen:
                raise DataError("id already used by another region file", file=spec.filename, feature=feature.id)
            seen.add(feature.id)
            out.append(feature)
    return tuple(out)


def load_events(path: Path, places: dict[str, Place]) -> tuple[Event, ...]:
    """Events from an events JSON file, resolving place references."""
    return parse_all(json_list(path, "events"), lambda raw: parse_event(raw, places), path.name)


def load_dataset(geo_dir: Path = catalogue.GEO_DIR, extra_events: Path | None = None) -> Dataset:
    """Load and validate the whole dataset from ``geo_dir`` (plus an optional extra events file)."""
    path = {spec.key: geo_dir / spec.filename for spec in catalogue.DATA_FILES}
    places = parse_all(feature_collection(path["places"]), parse_place, catalogue.PLACES.filename)
    by_id = {p.id: p for p in places}
    events = load_events(path["events"], by_id)
    extra: tuple[Event, ...] = ()
    if extra_events is not None:
        extra = load_events(extra_events, by_id)
        events = _merge_events(events, extra, extra_events.name)
    dataset = Dataset(
        places=places,
        routes=parse_all(feature_collection(path["routes"]), parse_route, catalogue.ROUTES.filename),
        bands=parse_all(feature_collection(path["bands"]), parse_band, catalogue.BANDS.filename),
        events=tuple(sorted(events, key=lambda e: (e.anchor, e.date.first, e.id))),
        statements=parse_all(
            json_list(path["statements"], "statements"), parse_statement, catalogue.STATEMENTS.filename
        ),
        sources=parse_all(json_list(path["sources"], "sources"), parse_source, catalogue.SOURCES.filename),
        borders=load_polygons(path["borders"], catalogue.BORDERS),
        region=load_polygons(path["region"], catalogue.REGION),
        region_features=load_region_features(geo_dir),
    )
    if extra_events is not None:  # first, so that a bad extra event is not reported as in events.json
        _check_event_references(dataset, extra, extra_events.name)
    check_references(dataset)
    check_renderings(dataset)
    return dataset


def input_key(geo_dir: Path, extra_events: Path | None) -> str:
    """A hash of everything ``load_dataset`` reads and of the code that reads and checks it."""
    digest = hashlib.sha256(f"{sys.version}|{pickle.HIGHEST_PROTOCOL}".encode())
    code = sorted(Path(__file__).parent.glob("*.py"))
    data = sorted(p for p in geo_dir.rglob("*") if p.is_file())
    for path in [*code, *data, *([extra_events] if extra_events is not None else [])]:
        digest.update(str(path.name).encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def default_cache_dir() -> Path:
    """Where the validated dataset is kept between server starts: a folder of this user's only."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "lachin-corridor"


def _private(path: Path) -> bool:
    """True when ``path`` belongs to this user and no one else may write to it (no link followed)."""
    info = path.lstat()  # FileNotFoundError when it is missing: the caller loads afresh
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return owner_ok and not stat.S_ISLNK(info.st_mode) and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read_private(file: Path) -> bytes | None:
    """The bytes of a cache file, only when it and its folder belong to this user and no one else may
    write to them (None: missing, or not to be trusted)."""
    try:
        if _private(file.parent) and _private(file):
            return file.read_bytes()
    except OSError:
        pass
    return None


def write_private(file: Path, payload: bytes) -> None:
    """Write a cache file atomically into its folder (created for this user only); a folder others may
    write to, or a read-only disk, leaves nothing written."""
    folder = file.parent
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(folder):
            return
        handle_fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(handle_fd, "wb") as handle:
            handle.write(payload)
        os.replace(tmp, file)
    except OSError:
        pass  # the next start only does the work again


def load_dataset_cached(
    geo_dir: Path = catalogue.GEO_DIR, extra_events: Path | None = None, cache_dir: Path | None = None
) -> Dataset:
    """``load_dataset``, kept on disk (a pickle named by the hash of every input file and of this
    package's code): a server start with unchanged data unpickles the validated dataset instead of
    parsing and checking it again (about 5x faster at 10,000 extra events). Bad data is never stored:
    it raises as ``load_dataset`` does. ``cache_dir`` None: the user's cache folder
    (``$XDG_CACHE_HOME`` or ``~/.cache``, then ``lachin-corridor``).

    A pickle runs code when read, so only a file this user wrote is read: the folder and the file must
    belong to this user and be writable by no one else (a shared /tmp is never used); otherwise the
    data is loaded afresh and nothing is written."""
    folder = cache_dir or default_cache_dir()
    file = folder / f"dataset-{input_key(geo_dir, extra_events)}.pickle"
    payload = read_private(file)
    if payload is not None:
        try:
            cached = pickle.loads(payload)  # written by this function, named by its inputs' hash
            if isinstance(cached, Dataset):
                return cached
        except Exception:  # a truncated or foreign file: load afresh and replace it
            file.unlink(missing_ok=True)
    dataset = load_dataset(geo_dir, extra_events)
    write_private(file, pickle.dumps(dataset, protocol=pickle.HIGHEST_PROTOCOL))
    return dataset


def with_extra_events(ds: Dataset, extra: tuple[Event, ...], file: str = "import") -> Dataset:
    """A copy of ``ds`` with more (already validated) events, kept in anchor order."""
    if not extra:
        return ds
    events = _merge_events(ds.events, extra, file)
    _check_event_references(ds, extra, file)  # a saved file edited on disk may cite unknown ids
    return replace(ds, events=tuple(sorted(events, key=lambda e: (e.anchor, e.date.first, e.id))))


def _merge_events(base: tuple[Event, ...], extra: tuple[Event, ...], file: str) -> tuple[Event, ...]:
    ids = {e.id for e in base}
    for event in extra:
        if event.id in ids:
            raise DataError("event id already used by the bundled events", file=file, feature=event.id, field="id")
    return base + extra


def check_references(ds: Dataset) -> None:
    """Every id a record points at must exist, and statements and events must agree."""
    _check_event_references(ds)
    _check_statement_references(ds)
    routes = {r.id for r in ds.routes}
    for band in ds.bands:
        if band.route_id not in routes:
            raise DataError(
                "band names an unknown route",
                file=catalogue.BANDS.filename,
                feature=band.id,
                field="route_id",
                value=band.route_id,
            )


def _check_event_references(
    ds: Dataset, events: Iterable[Event] | None = None, file: str = catalogue.EVENTS.filename
) -> None:
    sources = {s.id for s in ds.sources}
    statements = {s.id: s for s in ds.statements}
    for event in ds.events if events is None else events:
        where: dict[str, Any] = {"file": file, "feature": event.id}
        for sid in event.statement_ids:
            if sid not in statements:
                raise DataError("statement id does not exist", field="statement_ids", value=sid, **where)
            if statements[sid].event_id != event.id:
                raise DataError("statement belongs to another event", field="statement_ids", value=sid, **where)
        for src in event.source_ids:
            if src not in sources:
                raise DataError("source id does not exist", field="source_ids", value=src, **where)


def _check_statement_references(ds: Dataset) -> None:
    sources = {s.id for s in ds.sources}
    events = {e.id: e for e in ds.events}
    seen: set[str] = set()
    for st in ds.statements:
        where: dict[str, Any] = {"file": catalogue.STATEMENTS.filename, "feature": st.id}
        if st.event_id not in events:
            raise DataError("event id does not exist", field="event_id", value=st.event_id, **where)
        if st.id not in events[st.event_id].statement_ids:
            raise DataError("the event does not list this statement", field="event_id", value=st.event_id, **where)
        for rendering in st.renderings:
            if rendering.source_id not in sources:
                raise DataError(
                    "rendering cites an unknown source",
                    field="renderings.source_id",
                    value=rendering.source_id,
                    **where,
                )
            if rendering.id in seen:
                raise DataError("duplicate rendering id", field="renderings.id", value=rendering.id, **where)
            seen.add(rendering.id)


__all__ = [
    "DataError",
    "input_key",
    "load_dataset",
    "load_dataset_cached",
    "read_json",
    "read_private",
    "record_id",
    "write_private",
]
