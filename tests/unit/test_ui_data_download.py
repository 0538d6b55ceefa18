"""ui.data_download: a download's file is built only when its button asks for it, and is the export."""

from __future__ import annotations

import datetime as dt

import pytest

from corridor.export_table import features_frame
from corridor.exports import export_bytes
from corridor.records import Dataset
from ui import data_download


def test_the_file_is_built_when_asked_and_is_the_exported_slice(
    dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[object] = []
    monkeypatch.setattr(data_download, "features_frame", lambda *args: built.append(args) or features_frame(*args))
    day = dt.date(2023, 4, 23)
    make = data_download.deferred_export(dataset, ["places", "routes"], day, "csv")
    assert built == [], "nothing is built before the button is clicked"
    assert make() == export_bytes(features_frame(dataset, ["places", "routes"], day), "csv")
    assert built == [(dataset, ["places", "routes"], day)]
