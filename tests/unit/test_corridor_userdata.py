"""corridor.userdata: named datasets saved atomically in a local folder, validated again on load."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from corridor import userdata
from corridor.errors import DataError
from corridor.imports import guess_mapping, import_events, read_table
from corridor.records import Dataset, Event, Place
from corridor.userdata import datasets_dir, list_datasets, load_saved, safe_name, save_dataset

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "imports" / "acled_sample.csv"


@pytest.fixture
def imported(dataset: Dataset) -> tuple[Event, ...]:
    """The five events of the ACLED-style sample file."""
    table = read_table(SAMPLE.read_bytes(), SAMPLE.name)
    return import_events(table, guess_mapping(table.columns), places={p.id: p for p in dataset.places}).events


def places(dataset: Dataset) -> dict[str, Place]:
    """The dataset's places by id (what load_saved validates positions against)."""
    return {p.id: p for p in dataset.places}


def test_save_list_and_load_round_trip(tmp_path: Path, dataset: Dataset, imported: tuple[Event, ...]) -> None:
    path = save_dataset("Syunik protests 2023", imported, tmp_path)
    assert path == tmp_path / "Syunik protests 2023.json"
    assert list_datasets(tmp_path) == ["Syunik protests 2023"]
    assert load_saved("Syunik protests 2023", places(dataset), tmp_path) == imported
    assert json.loads(path.read_text(encoding="utf-8"))["events"][0]["id"] == "import-SYN1001"


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("../../etc/passwd", "etc passwd"),
        ("a/b\\c", "a b c"),
        ("  Café  2023! ", "Cafe 2023"),
        (".hidden", "hidden"),
        ("x" * 100, "x" * 60),
        ("C:\\Users\\me", "C Users me"),
    ],
)
def test_names_are_sanitised(name: str, stem: str) -> None:
    assert safe_name(name) == stem


@pytest.mark.parametrize("name", ["", "   ", "..", "/", "ЖЖЖ", "***"])
def test_names_without_letters_or_digits_are_refused(name: str) -> None:
    with pytest.raises(DataError, match="at least one letter or digit"):
        safe_name(name)


def test_a_traversing_name_stays_inside_the_folder(tmp_path: Path, imported: tuple[Event, ...]) -> None:
    folder = tmp_path / "datasets"
    path = save_dataset("../../outside", imported, folder)
    assert path.parent == folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["datasets"]


def test_existing_dataset_is_replaced_only_when_asked(tmp_path: Path, imported: tuple[Event, ...]) -> None:
    save_dataset("mine", imported, tmp_path)
    with pytest.raises(DataError, match="already exists"):
        save_dataset("mine", imported[:1], tmp_path)
    save_dataset("mine", imported[:1], tmp_path, replace=True)
    assert len(json.loads((tmp_path / "mine.json").read_text(encoding="utf-8"))["events"]) == 1


def test_write_is_atomic_and_synced(
    tmp_path: Path, imported: tuple[Event, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    save_dataset("mine", imported, tmp_path)
    before = (tmp_path / "mine.json").read_bytes()
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(userdata.os, "fsync", lambda fd: synced.append(fd) or real_fsync(fd))

    def crash(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(userdata.os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        save_dataset("mine", imported[:1], tmp_path, replace=True)
    assert synced, "the temporary file must be fsynced before the rename"
    assert (tmp_path / "mine.json").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["mine.json"]  # no temporary file left behind


def test_listing_ignores_temporary_and_other_files(tmp_path: Path) -> None:
    (tmp_path / ".save-abc.tmp").write_text("{}")
    (tmp_path / ".hidden.json").write_text("{}")
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "b.json").write_text("{}")
    (tmp_path / "a.json").write_text("{}")
    assert list_datasets(tmp_path) == ["a", "b"]
    assert list_datasets(tmp_path / "missing") == []


def test_an_edited_file_is_validated_again(tmp_path: Path, dataset: Dataset, imported: tuple[Event, ...]) -> None:
    path = save_dataset("edited", imported, tmp_path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["events"][1]["date"] = "2023-02-30"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(DataError, match=r"edited\.json.*'import-SYN1002'.*'date'.*not a calendar day"):
        load_saved("edited", places(dataset), tmp_path)


def test_loaded_ids_must_be_import_ids_and_new(tmp_path: Path, dataset: Dataset, imported: tuple[Event, ...]) -> None:
    path = save_dataset("ids", imported, tmp_path)
    with pytest.raises(DataError, match="must start with 'import-' and be new"):
        load_saved("ids", places(dataset), tmp_path, existing_ids={"import-SYN1003"})
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["events"][0]["id"] = "ev-2023-04-23-checkpoint"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(DataError, match="'ev-2023-04-23-checkpoint'"):
        load_saved("ids", places(dataset), tmp_path)


def test_missing_dataset_is_a_clear_error(tmp_path: Path, dataset: Dataset) -> None:
    with pytest.raises(DataError, match="missing"):
        load_saved("nothing here", places(dataset), tmp_path)


def test_folder_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(userdata.USERDATA_ENV, str(tmp_path))
    assert datasets_dir() == tmp_path
    monkeypatch.delenv(userdata.USERDATA_ENV)
    assert datasets_dir() == userdata.DEFAULT_DIR
    assert userdata.DEFAULT_DIR.parts[-2:] == ("userdata", "datasets")
