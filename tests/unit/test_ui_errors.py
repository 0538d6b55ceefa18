"""ui.errors: a data problem is shown on the page, naming the file and what is wrong, and stops the page."""

from __future__ import annotations

import pytest

from corridor.errors import DataError
from ui import errors


class Stopped(Exception):
    """What st.stop() raises in a running page."""


class Page:
    """Stands in for streamlit in ui.errors: records what would be drawn."""

    def __init__(self) -> None:
        self.drawn: list[tuple[str, str]] = []

    def error(self, text: str) -> None:
        self.drawn.append(("error", text))

    def caption(self, text: str) -> None:
        self.drawn.append(("caption", text))

    def stop(self) -> None:
        raise Stopped


def test_a_loader_that_works_draws_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    page = Page()
    monkeypatch.setattr(errors, "st", page)
    assert errors.load_or_stop(lambda: 42) == 42
    assert page.drawn == []


def test_a_data_error_is_shown_with_the_file_and_stops_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    page = Page()
    monkeypatch.setattr(errors, "st", page)

    def broken() -> None:
        raise DataError("not valid JSON", file="events.json")

    with pytest.raises(Stopped):
        errors.load_or_stop(broken)
    (kind, text), (second, hint) = page.drawn
    assert kind == "error" and "The bundled data could not be loaded." in text
    assert "file events.json: not valid JSON" in text
    assert second == "caption" and "geo/README.md" in hint
