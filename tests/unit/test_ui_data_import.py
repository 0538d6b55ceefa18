"""ui.data_import: a mapping widget for every field an import can fill, and the rows checked as imports do."""

from __future__ import annotations

from pathlib import Path

from corridor.imports import TARGETS, guess_mapping, import_events, read_table
from corridor.records import Dataset
from ui.data_import import TARGET_LABELS, checked

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "imports" / "acled_sample.csv"


def test_every_target_has_a_label_and_only_the_date_is_starred() -> None:
    assert set(TARGET_LABELS) == set(TARGETS)
    assert [target for target, label in TARGET_LABELS.items() if label.endswith("*")] == ["date"]


def test_checked_is_the_import_of_the_table_with_the_chosen_options(dataset: Dataset) -> None:
    table = read_table(SAMPLE.read_bytes(), SAMPLE.name)
    mapping = guess_mapping(table.columns)
    places = {p.id: p for p in dataset.places}
    bundled = frozenset(e.id for e in dataset.events)
    result = checked("digest", table, tuple(mapping.items()), "iso", "", places, bundled)
    assert result == import_events(table, mapping, places=places, existing_ids=bundled, date_format="iso")
    assert result.events
