"""corridor.fields: typed readers for one field each."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from corridor import fields
from corridor.errors import DataError
from corridor.records import Validity


@pytest.mark.parametrize(
    ("props", "required", "expected"),
    [
        ({"f": "Lachin"}, True, "Lachin"),
        ({"f": " padded "}, True, " padded "),
        ({}, False, ""),
        ({"f": None}, False, ""),
        ({"f": "   "}, False, ""),
    ],
)
def test_text(props: dict[str, Any], required: bool, expected: str) -> None:
    assert fields.text(props, "f", required=required) == expected


@pytest.mark.parametrize(
    ("props", "match"),
    [
        ({}, r"^field 'f': required field is missing or empty$"),
        ({"f": ""}, r"required field is missing or empty \(got ''\)"),
        ({"f": " \t"}, r"required field is missing or empty"),
        ({"f": 5}, r"expected text \(got 5\)"),
        ({"f": ["a"]}, r"expected text"),
        ({"f": "x" * (fields.MAX_TEXT + 1)}, r"text longer than 20000 characters"),
    ],
)
def test_text_rejects(props: dict[str, Any], match: str) -> None:
    with pytest.raises(DataError, match=match):
        fields.text(props, "f")


def test_text_at_the_limit_is_accepted() -> None:
    assert len(fields.text({"f": "x" * fields.MAX_TEXT}, "f")) == fields.MAX_TEXT


@pytest.mark.parametrize(("props", "expected"), [({"f": "x"}, "x"), ({"f": ""}, None), ({}, None)])
def test_optional_text(props: dict[str, Any], expected: str | None) -> None:
    assert fields.optional_text(props, "f") == expected


def test_choice() -> None:
    assert fields.choice({"c": "low"}, "c", ("high", "medium", "low")) == "low"
    for bad in ("LOW", "", None, 1):
        with pytest.raises(DataError, match=r"^field 'c': must be one of high, medium, low"):
            fields.choice({"c": bad}, "c", ("high", "medium", "low"))


@pytest.mark.parametrize(
    ("props", "default", "expected"),
    [({"b": True}, None, True), ({"b": False}, None, False), ({}, False, False), ({}, True, True)],
)
def test_flag(props: dict[str, Any], default: bool | None, expected: bool) -> None:
    assert fields.flag(props, "b", default=default) is expected


@pytest.mark.parametrize("props", [{}, {"b": None}, {"b": "true"}, {"b": 1}, {"b": 0}])
def test_flag_rejects(props: dict[str, Any]) -> None:
    with pytest.raises(DataError, match=r"^field 'b': expected true or false"):
        fields.flag(props, "b")


@pytest.mark.parametrize(
    ("props", "expected"),
    [({"l": ["a", "b"]}, ("a", "b")), ({"l": []}, ()), ({}, ()), ({"l": None}, ())],
)
def test_string_list(props: dict[str, Any], expected: tuple[str, ...]) -> None:
    assert fields.string_list(props, "l") == expected


@pytest.mark.parametrize("value", ["a", ["a", 1], ["a", ""], [None], {"a": 1}])
def test_string_list_rejects(value: Any) -> None:
    with pytest.raises(DataError, match=r"^field 'l': expected a list of strings"):
        fields.string_list({"l": value}, "l")


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        ({}, Validity(None, None)),
        ({"valid_from": "2023-04-23", "valid_to": None}, Validity(dt.date(2023, 4, 23), None)),
        ({"valid_to": "2022-08-30"}, Validity(None, dt.date(2022, 8, 30))),
        ({"valid_from": "2022-08-30", "valid_to": "2022-08-30"}, Validity(dt.date(2022, 8, 30), dt.date(2022, 8, 30))),
    ],
)
def test_validity(props: dict[str, Any], expected: Validity) -> None:
    assert fields.validity(props) == expected


@pytest.mark.parametrize(
    ("props", "match"),
    [
        (
            {"valid_from": "2023-04-23", "valid_to": "2023-04-22"},
            r"^field 'valid_to': valid_to is before valid_from \(2023-04-23\) \(got '2023-04-22'\)$",
        ),
        ({"valid_from": "2023-04"}, r"^field 'valid_from': expected a day as YYYY-MM-DD"),
        ({"valid_to": "23/04/2023"}, r"^field 'valid_to': expected a day as YYYY-MM-DD \(got '23/04/2023'\)"),
    ],
)
def test_validity_rejects(props: dict[str, Any], match: str) -> None:
    with pytest.raises(DataError, match=match):
        fields.validity(props)


@pytest.mark.parametrize(
    ("day", "holds"),
    [
        (dt.date(2022, 8, 29), False),
        (dt.date(2022, 8, 30), True),
        (dt.date(2023, 3, 31), True),
        (dt.date(2023, 4, 1), False),
    ],
)
def test_validity_is_inclusive(day: dt.date, holds: bool) -> None:
    assert Validity(dt.date(2022, 8, 30), dt.date(2023, 3, 31)).holds_on(day) is holds


def test_open_validity_holds_every_day() -> None:
    assert Validity().holds_on(dt.date(1, 1, 1)) and Validity().holds_on(dt.date(9999, 12, 31))
    assert Validity(first=dt.date(2023, 4, 23)).holds_on(dt.date(9999, 12, 31))
    assert not Validity(first=dt.date(2023, 4, 23)).holds_on(dt.date(2023, 4, 22))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://asbarez.com/a/", "https://asbarez.com/a/"),
        ("http://example.org", "http://example.org"),
        ("HTTPS://EXAMPLE.ORG/", "HTTPS://EXAMPLE.ORG/"),
        (None, None),
        ("", None),
    ],
)
def test_url(value: str | None, expected: str | None) -> None:
    assert fields.url({"u": value}, "u") == expected


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        " javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox",
        "//evil.example/x",
        "www.example.org",
        "https://example.org/a b",
        "https://example.org/\tb",
        " https://example.org",
    ],
)
def test_url_rejects(value: str) -> None:
    with pytest.raises(DataError, match=r"^field 'u': URL must start with http:// or https:// and have no spaces"):
        fields.url({"u": value}, "u")
