"""Shared fixtures for the hardening tests: the hostile corpus, scratch copies of geo/, payload data.

The corpus (tests/hardening/corpus/) holds whole replacement files: a case copies geo/ to a
temporary folder and replaces one catalogue file with the corpus file. ``cases.json`` says, for
each corpus file, which catalogue file it replaces and what the DataError message must say. Inputs
too big to commit (1 MB strings, 100k-deep nesting, 50 MB files) are generated here.
"""

from __future__ import annotations

import html.parser
import itertools
import json
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest

ROOT = Path(__file__).resolve().parents[2]
GEO_DIR = ROOT / "geo"
CORPUS = Path(__file__).resolve().parent / "corpus"
CASES: list[dict[str, str]] = json.loads((CORPUS / "cases.json").read_text(encoding="utf-8"))
PAYLOADS: list[str] = json.loads((CORPUS / "payloads.json").read_text(encoding="utf-8"))
EXTRA_EVENTS = CORPUS / "extra_events_payloads.json"
MEGABYTE_TEXT = "A" * (1 << 20)
DEEP = 100_000
TOO_LONG = "text longer than 20000"  # what the loader says of a text field over its limit
HOSTILE_URL = 'https://example.org/"><script>window.__pwned=1</script>'

# Fields that must keep their bundled value for the data to stay valid and consistent: ids and
# references, closed sets, dates, coordinates, URLs (given a hostile http URL instead) and the
# place kind and border code, which the map uses to pick a layer and a colour.
KEEP = {
    "id", "place_id", "event_id", "source_id", "route_id", "statement_ids", "source_ids", "type",
    "date", "published", "valid_from", "valid_to", "confidence", "attribution", "verbatim_of",
    "status", "url", "source_url", "A3", "kind", "language", "lon", "lat", "geometry", "crs", "layer", "after",
}  # fmt: skip
URL_FIELDS = {"url", "source_url"}


def install(geo_dir: Path, target: str, data: bytes) -> Path:
    """Replace one catalogue file of ``geo_dir`` with ``data``."""
    path = geo_dir / target
    path.write_bytes(data)
    return path


def corpus_bytes(case: dict[str, str]) -> bytes:
    """The bytes of a committed corpus file."""
    return (CORPUS / case["file"]).read_bytes()


@pytest.fixture
def geo_copy(tmp_path: Path) -> Path:
    """A private copy of geo/ that a test may break."""
    target = tmp_path / "geo"
    shutil.copytree(GEO_DIR, target)
    return target


# --- generated cases (too big to commit) ----------------------------------------------------------


@dataclass(frozen=True)
class Generated:
    """A generated replacement file: name, target catalogue file, expected message."""

    name: str
    target: str
    match: str
    build: Any  # () -> bytes

    def data(self) -> bytes:
        return bytes(self.build())


RECORD_OF: dict[str, Callable[[Any], dict[str, Any]]] = {  # the record of each file that a generated case changes
    "events.json": lambda doc: doc["events"][0],
    "places.geojson": lambda doc: doc["features"][-1]["properties"],
    "sources.json": lambda doc: doc["sources"][0],
}


def _bundled_with(filename: str, fields: dict[str, Any]) -> bytes:
    """The bundled ``filename`` with ``fields`` set on its record in RECORD_OF."""
    doc = json.loads((GEO_DIR / filename).read_text(encoding="utf-8"))
    RECORD_OF[filename](doc).update(fields)
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _changed(name: str, target: str, match: str, **fields: Any) -> Generated:
    """A case of the bundled ``target`` with ``fields`` set on one record."""
    return Generated(name, target, match, lambda: _bundled_with(target, fields))


GENERATED: tuple[Generated, ...] = (
    Generated("deep_list", "events.json", r"file events\.json: JSON is nested too deeply", lambda: b"[" * DEEP),
    Generated(
        "deep_object", "places.geojson", r"JSON is nested too deeply", lambda: b'{"a":' * DEEP + b"1" + b"}" * DEEP
    ),
    Generated(
        "deep_list_in_record",
        "statements.json",
        r"JSON is nested too deeply",
        lambda: b'{"statements": [{"id": "s", "context": ' + b"[" * DEEP + b"]" * DEEP + b"}]}",
    ),
    _changed("megabyte_title", "events.json", rf"field 'title': {TOO_LONG}", title=MEGABYTE_TEXT),
    _changed("megabyte_id", "events.json", r"field 'id': id longer than 200 characters", id=MEGABYTE_TEXT),
    _changed("megabyte_actor", "events.json", rf"field 'actors': {TOO_LONG}", actors=[MEGABYTE_TEXT]),
    _changed(
        "megabyte_unparsed_field",
        "places.geojson",
        rf"field 'properties\.kind_note': {TOO_LONG}",
        kind_note=MEGABYTE_TEXT,
    ),
    _changed("megabyte_paragraph", "sources.json", rf"field 'paragraphs\[0\]': {TOO_LONG}", paragraphs=[MEGABYTE_TEXT]),
    _changed("megabyte_key", "events.json", TOO_LONG, **{MEGABYTE_TEXT: "x"}),
)


T = TypeVar("T")
E = TypeVar("E", bound=Exception)


def write_oversized(path: Path) -> None:
    """A 51 MB file at ``path`` (sparse: the loader must refuse it by its size, before reading it)."""
    with path.open("wb") as fh:
        fh.truncate(51 * 2**20)


def outcome_of(call: Callable[[], T], error: type[E]) -> T | E:
    """What ``call`` returns, or the ``error`` it raises (any other exception propagates: a bug)."""
    try:
        return call()
    except error as exc:
        return exc


# --- payloads in every text field -----------------------------------------------------------------


def inject_payloads(value: Any, payloads: Iterator[str], key: str | None = None) -> Any:
    """A copy of ``value`` with a payload appended to every free-text string (KEEP fields untouched)."""
    if isinstance(value, str):
        if key in URL_FIELDS:
            return HOSTILE_URL
        keep = key in KEEP and not (key == "kind" and value != "checkpoint")
        return value if keep else f"{value} {next(payloads)}"
    if key in KEEP:  # geometry, crs, lists of ids
        return value
    if isinstance(value, dict):
        return {k: inject_payloads(v, payloads, k) for k, v in value.items()}
    if isinstance(value, list):
        return [inject_payloads(v, payloads, key if key == "actors" else None) for v in value]
    return value


def write_payload_geo(target: Path) -> Path:
    """Copy geo/ to ``target`` with an HTML/JS payload in every text field of every file."""
    shutil.copytree(GEO_DIR, target)
    cycle = itertools.cycle(PAYLOADS)
    for path in sorted(target.glob("*json")):  # .json and .geojson
        doc = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(inject_payloads(doc, cycle), ensure_ascii=False), encoding="utf-8")
    _store_rendering_texts(target)
    return target


def _store_rendering_texts(geo: Path) -> None:
    """Keep the payload data valid: each rendering (now with a payload) must be in its source's stored
    paragraphs (corridor.quotes), so its text is stored as one more paragraph of a source that has any."""
    sources_path, statements_path = geo / "sources.json", geo / "statements.json"
    sources = json.loads(sources_path.read_text(encoding="utf-8"))
    by_id = {s["id"]: s for s in sources["sources"]}
    for statement in json.loads(statements_path.read_text(encoding="utf-8"))["statements"]:
        for rendering in statement["renderings"]:
            source = by_id[rendering["source_id"]]
            if source.get("paragraphs"):
                source["paragraphs"].append(rendering["text"])
    sources_path.write_text(json.dumps(sources, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def payload_geo(tmp_path: Path) -> Path:
    """geo/ with an HTML/JS payload in every text field of every file (still valid data)."""
    return write_payload_geo(tmp_path / "payload-geo")


# --- is this HTML inert? --------------------------------------------------------------------------

ALLOWED_TAGS = {
    "a", "b", "br", "div", "figcaption", "figure", "blockquote", "h3", "h4", "li", "p", "span", "table",
    "td", "th", "tr", "ul", "i", "em", "strong", "fieldset", "legend", "label",
}  # fmt: skip
# The day panel's choice of event (present/daypanel.py): a radio button, nothing else of <input>.
RADIO = ("input", "radio")


class _Collector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def html_problems(fragment: str) -> list[str]:
    """Everything in an HTML fragment that could run or load something: [] when inert."""
    problems = [f"raw {m.group(0)!r}" for m in re.finditer(r"<\s*(script|img|svg|iframe|style)\b", fragment, re.I)]
    collector = _Collector()
    collector.feed(fragment)
    collector.close()
    for tag, attrs in collector.tags:
        if tag not in ALLOWED_TAGS and (tag, dict(attrs).get("type")) != RADIO:
            problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                problems.append(f"event handler {name}= on <{tag}>")
            if name in ("href", "src", "action", "formaction") and not (value or "").lower().startswith(
                ("https://", "http://")
            ):
                problems.append(f"{name}={value!r} on <{tag}>")
    return problems


# --- is this markdown inert? ----------------------------------------------------------------------

CODE_SPAN = re.compile(r"`[^`]*`")
MARKDOWN_ACTIVE = re.compile(r"[<>\[\]!*_]|\]\(")


def assert_markdown_inert(problem: str) -> None:
    """Outside its code spans a message is our own plain sentence: nothing markdown or HTML acts on."""
    outside = re.sub(r"\\.", "", CODE_SPAN.sub("", problem))  # a backslash-escaped character is text
    assert not MARKDOWN_ACTIVE.search(outside), f"markdown-active text outside a code span: {problem!r}"
    assert problem.count("`") % 2 == 0, problem
