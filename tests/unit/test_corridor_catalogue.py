"""The data catalogue is complete: every file in geo/ is registered, documented and valid.

corridor/catalogue.py registers each file; geo/README.md documents each under its own heading;
corridor/loader.py validates the whole dataset.
"""

from __future__ import annotations

import re

import pytest

from corridor import catalogue
from corridor.catalogue import DATA_FILES, GEO_DIR, DataFile
from corridor.loader import load_dataset
from corridor.records import Dataset
from layers.catalogue import LAYERS

README = GEO_DIR / "README.md"
NOT_DATA = {"README.md"}


def geo_files() -> set[str]:
    """The data files actually in geo/ (hidden files such as .gitkeep are not data)."""
    return {p.name for p in GEO_DIR.iterdir() if p.is_file() and p.name not in NOT_DATA and not p.name.startswith(".")}


def readme_headings() -> list[str]:
    """The file names geo/README.md documents, one '## `file`' heading each."""
    return re.findall(r"^## `([^`]+)`\s*$", README.read_text(encoding="utf-8"), flags=re.MULTILINE)


def test_geo_holds_data_files() -> None:
    assert len(geo_files()) >= 8
    assert README.exists()


def test_every_file_in_geo_is_registered() -> None:
    registered = {spec.filename for spec in DATA_FILES}
    assert geo_files() - registered == set(), "files in geo/ missing from corridor.catalogue.DATA_FILES"


def test_every_registered_file_exists() -> None:
    missing = [spec.filename for spec in DATA_FILES if not (GEO_DIR / spec.filename).is_file()]
    assert missing == []


@pytest.mark.parametrize("name", sorted(geo_files()))
def test_every_file_in_geo_is_documented_under_its_own_heading(name: str) -> None:
    assert name in readme_headings(), f"geo/README.md has no '## `{name}`' section"


def test_readme_documents_no_file_that_is_not_there() -> None:
    assert set(readme_headings()) - geo_files() == set()
    assert len(readme_headings()) == len(set(readme_headings()))


def test_registry_has_no_duplicates() -> None:
    assert len({spec.key for spec in DATA_FILES}) == len(DATA_FILES)
    assert len({spec.filename for spec in DATA_FILES}) == len(DATA_FILES)


def test_every_module_level_data_file_is_in_the_registry() -> None:
    declared = {value for value in vars(catalogue).values() if isinstance(value, DataFile)}
    assert declared == set(DATA_FILES)


@pytest.mark.parametrize("spec", DATA_FILES, ids=lambda s: s.filename)
def test_registered_file_is_described(spec: DataFile) -> None:
    assert spec.filename.endswith("." + spec.format)
    assert spec.title.strip()
    assert spec.licence.strip()
    assert spec.required, f"{spec.filename} lists no required fields"
    assert "id" in spec.required or "A3" in spec.required


def test_every_layer_draws_registered_files() -> None:
    for layer in LAYERS:
        for spec in layer.files:
            assert spec in DATA_FILES, (layer.key, spec.filename)


def test_the_whole_dataset_validates() -> None:
    ds = load_dataset(GEO_DIR)
    assert isinstance(ds, Dataset)
    assert ds.places
    assert len(ds.routes) == 3
    assert len(ds.bands) == len(ds.routes)
    assert ds.events
    assert ds.statements
    assert ds.sources
    assert ds.borders["features"]
    assert ds.region["features"]


def test_readme_counts_match_the_data(dataset: Dataset) -> None:
    text = README.read_text(encoding="utf-8")
    events = re.search(r"(\d+) dated events", text)
    statements = re.search(r"(\d+) statements", text)
    assert events is not None
    assert statements is not None
    assert int(events.group(1)) == len(dataset.events)
    assert int(statements.group(1)) == len(dataset.statements)
