"""Reading an uploaded file into rows: CSV (any common delimiter), GeoJSON, or this project's events.json.

UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark are read as they are; any
other bytes are read as Windows-1252 (Latin-1 for its five undefined bytes), with a notice for the
user. Nothing here validates a row: corridor.imports does that.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from corridor.errors import DataError
from corridor.geometry import WGS84_NAMES

MAX_IMPORT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Table:
    """The rows of an uploaded file, before any validation."""

    kind: Literal["csv", "geojson", "json"]
    columns: tuple[str, ...]
    rows: tuple[Mapping[str, Any], ...]
    geometries: tuple[Any, ...] | None = None  # GeoJSON only: each feature's geometry
    crs: str | None = None  # GeoJSON only: the declared CRS when it is not WGS84
    notices: tuple[str, ...] = ()  # what the reader did that the user should know (the encoding used)


def read_table(data: bytes, filename: str) -> Table:
    """Decode an uploaded CSV, GeoJSON or events.json file (at most 20 MB) into rows.

    UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark are read as they are;
    any other bytes are read as Windows-1252 (Latin-1 for its five undefined bytes), with a notice.
    """
    if len(data) > MAX_IMPORT_BYTES:
        raise DataError(f"the file is larger than {MAX_IMPORT_BYTES // 2**20} MB", file=filename, value=len(data))
    text, notices = _decode(data, filename)
    if not text.strip():
        raise DataError("the file is empty", file=filename)
    is_json = filename.lower().endswith((".geojson", ".json")) or text.lstrip().startswith(("{", "["))
    table = _json_table(text, filename) if is_json else _csv_table(text, filename)
    return Table(table.kind, table.columns, table.rows, table.geometries, table.crs, notices)


def _decode(data: bytes, filename: str) -> tuple[str, tuple[str, ...]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ()
        except UnicodeDecodeError:
            raise DataError("the file starts like UTF-16 text but is not UTF-16", file=filename) from None
    if b"\x00" in data:
        raise DataError("the file holds NUL bytes: it is not a text file (nor UTF-8, UTF-16 or Latin-1)", file=filename)
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError as exc:
        where = exc.start
    try:
        text, encoding = data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "Latin-1 (ISO-8859-1)"
    notice = (
        f"This file is not UTF-8 (byte {where} is not valid UTF-8): it was read as {encoding}. "
        "Check that accented names look right; save the file as UTF-8 to be sure."
    )
    return text, (notice,)


def _csv_table(text: str, filename: str) -> Table:
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    # The csv module refuses cells over 128 kB; let long cells through so the row is rejected by the
    # same "text longer than ..." check as any other field, with its row and column named.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_IMPORT_BYTES))
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = [h.strip() for h in next(reader, [])]
    except csv.Error as exc:
        raise DataError(f"the CSV header cannot be read ({exc})", file=filename) from None
    if not any(header):
        raise DataError("the CSV file has no header row", file=filename)
    if len(set(header)) != len(header) or "" in header:
        raise DataError("the header has empty or repeated column names", file=filename, value=header)
    try:
        rows = tuple(dict(zip(header, cells, strict=False)) for cells in reader if any(c.strip() for c in cells))
    except csv.Error as exc:
        raise DataError(f"the CSV file cannot be read at line {reader.line_num} ({exc})", file=filename) from None
    if not rows:
        raise DataError("the CSV file has a header but no rows", file=filename)
    return Table("csv", tuple(header), rows)


def _json_table(text: str, filename: str) -> Table:
    try:
        doc = json.loads(text)
    except (json.JSONDecodeError, RecursionError, ValueError) as exc:
        # ValueError: integers longer than Python's int-string limit (4300 digits).
        raise DataError(f"the file is not valid JSON ({str(exc)[:120]})", file=filename) from None
    if isinstance(doc, dict) and isinstance(doc.get("events"), list):  # this project's events.json layout
        items = doc["events"]
        if not items:
            raise DataError("the events list is empty", file=filename, field="events")
        rows = tuple(item if isinstance(item, dict) else {} for item in items)
        columns: dict[str, None] = {}
        for row in rows:
            columns.update(dict.fromkeys(row))
        return Table("json", tuple(columns), rows)
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise DataError("expected a GeoJSON FeatureCollection (or an object with an events list)", file=filename)
    return _geojson_table(doc, filename)


def _geojson_table(doc: dict[str, Any], filename: str) -> Table:
    features = doc.get("features")
    if not isinstance(features, list):
        raise DataError("the collection has no features list", file=filename, field="features")
    if not features:
        raise DataError("the FeatureCollection has no features", file=filename)
    crs = doc.get("crs")
    crs_props = crs.get("properties") if isinstance(crs, dict) else None
    name = crs_props.get("name") if isinstance(crs_props, dict) else None
    rows: list[Mapping[str, Any]] = []
    columns: dict[str, None] = {}
    for feature in features:
        props = feature.get("properties") if isinstance(feature, dict) else None
        props = props if isinstance(props, dict) else {}
        rows.append(props)
        columns.update(dict.fromkeys(props))
    geometries = tuple(f.get("geometry") if isinstance(f, dict) else None for f in features)
    crs_name = name if isinstance(name, str) and name not in WGS84_NAMES else None
    return Table("geojson", tuple(columns), tuple(rows), geometries, crs_name)
