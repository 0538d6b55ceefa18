"""Shared fixtures for the unit tests (the bundled dataset, its timeline, scratch copies of geo/, GDAL read-back)
and the helpers of the layer tests."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:  # the repo is not installed into the venv; make `corridor` importable
    sys.path.insert(0, str(REPO_ROOT))

from corridor.loader import load_dataset  # noqa: E402 - needs the path set above
from corridor.records import Dataset  # noqa: E402
from corridor.timemodel import Timeline  # noqa: E402

GEO_DIR = REPO_ROOT / "geo"


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    """The bundled dataset, loaded and validated once for the session."""
    return load_dataset(GEO_DIR)


@pytest.fixture(scope="session")
def timeline(dataset: Dataset) -> Timeline:
    """The time model over the bundled dataset."""
    return Timeline(dataset)


@pytest.fixture
def geo_copy(tmp_path: Path) -> Path:
    """A private copy of geo/ that a test may corrupt without touching the repository."""
    target = tmp_path / "geo"
    shutil.copytree(GEO_DIR, target)
    return target


ReadBack = Callable[[bytes, str], tuple[Any, dict[str, Any]]]


@pytest.fixture
def read_back(tmp_path: Path) -> ReadBack:
    """Reads an exported file as GDAL does (from disk, as a GIS user opens it): the GeoDataFrame, and
    GDAL's description of the file."""

    def read(data: bytes, suffix: str) -> tuple[Any, dict[str, Any]]:
        import pyogrio  # only the export tests need GDAL

        path = tmp_path / f"export{suffix}"
        path.write_bytes(data)
        return pyogrio.read_dataframe(path), pyogrio.read_info(path)

    return read


# --- helpers for the layer tests (plain functions, imported by the test_layers_*.py files) ---------

ROUTE_IDS = ("route_A_old_highway", "route_B1_bypass_temporary_link", "route_B2_kornidzor")


def classes(feature: dict[str, Any]) -> set[str]:
    """The CSS classes a feature asks for."""
    return set(feature["properties"]["cls"].split())


def by_id(collection: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The features of a layer by their id."""
    return {f["properties"]["id"]: f for f in collection["features"]}
