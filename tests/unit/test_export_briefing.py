"""export.briefing: the briefing file format, its validation, safe names and atomic saving."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from corridor.records import Dataset
from export import briefing as bf
from export.briefing import (
    CONFIRM_ABOVE,
    Briefing,
    BriefingError,
    EventFilter,
    default_briefing,
    filter_events,
    list_briefings,
    needs_confirmation,
    parse_briefing,
    read_briefing,
    save_briefing,
)

KNOWN = {"ev-a", "ev-b", "ev-c"}


def _doc(**overrides: object) -> str:
    doc: dict[str, object] = {
        "format": "lachin-briefing",
        "version": 1,
        "title": "Checkpoint week",
        "events": ["ev-b", "ev-a"],
        "notes": {"ev-a": "Pause for questions"},
    }
    doc.update(overrides)
    return json.dumps(doc)


def test_round_trip_keeps_order_title_and_notes() -> None:
    original = Briefing(
        "Checkpoint week", ("ev-c", "ev-a"), {"ev-a": "Pause here", "ev-b": "not selected", "ev-c": " "}
    )
    text = bf.briefing_json(original)
    doc = json.loads(text)
    assert doc == {
        "format": "lachin-briefing",
        "version": 1,
        "title": "Checkpoint week",
        "events": ["ev-c", "ev-a"],
        "notes": {"ev-a": "Pause here"},  # only selected events, only non-blank notes
    }
    loaded = parse_briefing(text, KNOWN)
    assert loaded.problems == ()
    assert loaded.briefing == Briefing("Checkpoint week", ("ev-c", "ev-a"), {"ev-a": "Pause here"})


def test_unknown_event_ids_are_reported_and_the_rest_loads() -> None:
    loaded = parse_briefing(_doc(events=["ev-a", "ev-zzz", "ev-b", 7, "ev-a"]), KNOWN)
    assert loaded.briefing.events == ("ev-a", "ev-b")
    assert any("2 event id(s) are not in the data and were skipped: ev-zzz, 7" in p for p in loaded.problems)
    assert any("ev-a is listed twice" in p for p in loaded.problems)


def test_notes_for_unknown_events_are_skipped() -> None:
    loaded = parse_briefing(_doc(notes={"ev-a": "keep", "ev-zzz": "drop", "ev-b": 3}), KNOWN)
    assert loaded.briefing.notes == {"ev-a": "keep"}
    assert any("2 note(s)" in p for p in loaded.problems)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("not json at all", r"is not valid JSON \(line 1, column 1"),
        (json.dumps([1, 2]), "is not a briefing file"),
        (_doc(format="something-else"), "is not a briefing file"),
        (_doc(version=2), "has version 2; this dashboard reads version 1"),
        (b"\xff\xfe\x00", "is not UTF-8 text"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply|not valid JSON"),
        (" " * (bf.MAX_BYTES + 1), "larger than"),
    ],
)
def test_unusable_files_raise_a_clear_error(raw: str | bytes, message: str) -> None:
    with pytest.raises(BriefingError, match=message):
        parse_briefing(raw, KNOWN, name="mine.json")


def test_bad_title_and_events_fall_back_with_a_message() -> None:
    loaded = parse_briefing(_doc(title=None, events="ev-a"), KNOWN)
    assert loaded.briefing.title == bf.DEFAULT_TITLE
    assert loaded.briefing.events == ()
    assert len(loaded.problems) == 2


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Checkpoint week", "Checkpoint-week.json"),
        ("checkpoint.json", "checkpoint.json"),
        ("../../etc/passwd", "etc-passwd.json"),
        ("/abs/path.json", "abs-path.json"),
        ("..", "briefing.json"),
        ("", "briefing.json"),
        (".hidden", "hidden.json"),
        ("Бриф Լաչին", "briefing.json"),
        ("a" * 300, "a" * bf.MAX_NAME + ".json"),
        ("con:name?*", "con-name.json"),
    ],
)
def test_sanitise_name(name: str, expected: str) -> None:
    assert bf.sanitise_name(name) == expected


def test_save_is_atomic_and_reads_back(tmp_path: Path) -> None:
    b = Briefing("Week “one”", ("ev-b",), {"ev-b": "Armenian: Լաչին, Azerbaijani: Laçın"})
    path = save_briefing(b, "../week one", tmp_path)
    assert path == tmp_path / "week-one.json"
    assert list_briefings(tmp_path) == ["week-one.json"]
    assert [p.name for p in tmp_path.iterdir()] == ["week-one.json"]  # no temporary file left behind
    assert read_briefing("week one", KNOWN, tmp_path).briefing == b


def test_a_failed_save_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    save_briefing(Briefing("Old", ("ev-a",)), "week", tmp_path)

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space left"):
        save_briefing(Briefing("New", ("ev-b",)), "week", tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["week.json"]
    assert json.loads((tmp_path / "week.json").read_text(encoding="utf-8"))["title"] == "Old"


def test_reading_a_missing_file_is_a_briefing_error(tmp_path: Path) -> None:
    with pytest.raises(BriefingError, match=r"nothing\.json could not be read"):
        read_briefing("nothing", KNOWN, tmp_path)
    assert list_briefings(tmp_path / "absent") == []


def test_default_briefing_is_every_event_in_date_order(dataset: Dataset) -> None:
    b = default_briefing(dataset)
    assert b.events == tuple(e.id for e in sorted(dataset.events, key=lambda e: e.anchor))
    assert len(b.events) == len(dataset.events) == len(set(b.events))
    assert b.notes == {}


def test_ordered_ids_keeps_first_occurrence_of_known_ids() -> None:
    assert bf.ordered_ids(["ev-c", "x", "ev-a", "ev-c"], KNOWN) == ("ev-c", "ev-a")


def test_the_briefings_folder_can_be_moved_by_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(bf.BRIEFINGS_ENV, raising=False)
    assert bf.briefings_dir() == bf.DEFAULT_DIR
    assert bf.DEFAULT_DIR.parts[-2:] == ("userdata", "briefings")
    monkeypatch.setenv(bf.BRIEFINGS_ENV, str(tmp_path / "mine"))
    path = save_briefing(Briefing("t", ("ev-a",)), "x")
    assert path == tmp_path / "mine" / "x.json"
    assert list_briefings() == ["x.json"]
    assert read_briefing("x", KNOWN).briefing.events == ("ev-a",)


def test_default_briefing_leaves_imported_events_out(dataset: Dataset) -> None:
    imported = {dataset.events[0].id, dataset.events[1].id}
    b = default_briefing(dataset, imported=imported)
    assert not imported & set(b.events)
    assert len(b.events) == len(dataset.events) - 2


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (EventFilter(), 44),
        (EventFilter(start=dt.date(2023, 4, 23), end=dt.date(2023, 4, 24)), 3),
        (EventFilter(types=frozenset({"checkpoint"})), 1),
        (EventFilter(actors=frozenset({"ICJ"})), 3),
        (EventFilter(start=dt.date(2023, 1, 1), actors=frozenset({"ICRC"}), types=frozenset({"humanitarian"})), 6),
        (EventFilter(start=dt.date(2030, 1, 1)), 0),
    ],
)
def test_filter_events_matches_dates_types_and_actors(dataset: Dataset, choice: EventFilter, expected: int) -> None:
    found = filter_events(reversed(dataset.events), choice)
    assert len(found) == expected
    assert [e.anchor for e in found] == sorted(e.anchor for e in found)
    for e in found:
        assert not choice.types or e.event_type in choice.types
        assert not choice.actors or set(e.actors) & choice.actors
        assert choice.start is None or e.date.last >= choice.start


def test_a_date_range_matches_an_event_whose_span_overlaps_it(dataset: Dataset) -> None:
    event = dataset.event("ev-2020-11-trilateral-statement")  # dated 9-10 Nov 2020
    found = filter_events(dataset.events, EventFilter(start=dt.date(2020, 11, 10), end=dt.date(2020, 11, 10)))
    assert event in found


def test_with_added_appends_only_new_ids() -> None:
    b = Briefing("t", ("ev-a", "ev-b"))
    assert bf.with_added(b, ["ev-b", "ev-c", "ev-c"]).events == ("ev-a", "ev-b", "ev-c")


def test_a_briefing_over_sixty_slides_asks_first() -> None:
    assert CONFIRM_ABOVE == 60
    assert not needs_confirmation(60)
    assert needs_confirmation(61)
