"""corridor.errors: a DataError message says where (file, feature, field) and what (the bad value)."""

from __future__ import annotations

import pytest

from corridor.errors import MAX_VALUE_CHARS, DataError


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "bad"),
        ({"file": "places.geojson"}, "file places.geojson: bad"),
        ({"feature": "lachin"}, "feature 'lachin': bad"),
        ({"field": "name_az"}, "field 'name_az': bad"),
        ({"value": "x"}, "bad (got 'x')"),
        ({"value": 0}, "bad (got 0)"),
        ({"value": ""}, "bad (got '')"),
        ({"value": None}, "bad"),
        (
            {"file": "events.json", "feature": "ev-1", "field": "date", "value": "2023-02-30"},
            "file events.json, feature 'ev-1', field 'date': bad (got '2023-02-30')",
        ),
        ({"file": "", "feature": "", "field": ""}, "bad"),
    ],
)
def test_message(kwargs: dict[str, object], message: str) -> None:
    assert str(DataError("bad", **kwargs)) == message


def test_long_values_are_cut_to_the_limit() -> None:
    err = DataError("bad", value="x" * 500)
    shown = str(err).removeprefix("bad (got ").removesuffix(")")
    assert len(shown) == MAX_VALUE_CHARS
    assert shown.endswith("...")
    assert err.value == "x" * 500  # the attribute keeps the whole value


def test_value_at_the_limit_is_not_cut() -> None:
    value = "x" * (MAX_VALUE_CHARS - 2)  # repr adds two quotes
    assert str(DataError("bad", value=value)) == f"bad (got '{value}')"


def test_located_fills_only_missing_parts() -> None:
    inner = DataError("bad", field="date", value="2023-02-30")
    outer = inner.located(file="events.json", feature="ev-1")
    assert str(outer) == "file events.json, feature 'ev-1', field 'date': bad (got '2023-02-30')"
    assert (outer.problem, outer.field, outer.value) == ("bad", "date", "2023-02-30")
    already = DataError("bad", file="a.json", feature="f-a").located(file="b.json", feature="f-b")
    assert (already.file, already.feature) == ("a.json", "f-a")
    assert inner.file is None  # located returns a copy


def test_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="bad"):
        raise DataError("bad")
