"""Typed field readers: each returns a clean value or raises a DataError naming the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, TypeVar

from corridor.dates import FuzzyDate, parse_day, parse_fuzzy
from corridor.errors import DataError
from corridor.records import Validity

T = TypeVar("T", bound=str)
MAX_TEXT = 20_000


def text(props: Mapping[str, Any], name: str, *, required: bool = True) -> str:
    """A string field; required fields must be non-empty."""
    value = props.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise DataError("required field is missing or empty", field=name, value=value)
        return ""
    if not isinstance(value, str):
        raise DataError("expected text", field=name, value=value)
    if problem := text_problem(value):
        raise DataError(problem, field=name, value=value)
    return value


def text_problem(value: str) -> str | None:
    """Why a string cannot be shown or saved (too long, or not encodable as UTF-8), or None."""
    if len(value) > MAX_TEXT:
        return f"text longer than {MAX_TEXT} characters"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate ('\\ud800' in JSON): no page or file can hold it
        return "text holds invalid Unicode (a lone surrogate)"
    return None


def optional_text(props: Mapping[str, Any], name: str) -> str | None:
    """A string field that may be absent or null."""
    return text(props, name, required=False) or None


def choice(props: Mapping[str, Any], name: str, allowed: tuple[T, ...]) -> T:
    """A field from a closed set."""
    value = props.get(name)
    for option in allowed:
        if value == option:
            return option
    raise DataError(f"must be one of {', '.join(allowed)}", field=name, value=value)


def flag(props: Mapping[str, Any], name: str, *, default: bool | None = None) -> bool:
    """A boolean field."""
    value = props.get(name, default)
    if not isinstance(value, bool):
        raise DataError("expected true or false", field=name, value=value)
    return value


def string_list(props: Mapping[str, Any], name: str) -> tuple[str, ...]:
    """A list of non-empty strings (absent means empty)."""
    value = props.get(name) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise DataError("expected a list of strings", field=name, value=value)
    for item in value:
        if problem := text_problem(item):
            raise DataError(problem, field=name, value=item)
    return tuple(value)


def fuzzy_date(props: Mapping[str, Any], name: str) -> FuzzyDate:
    """A date with precision (see corridor.dates)."""
    return parse_fuzzy(props.get(name), field=name)


def validity(props: Mapping[str, Any]) -> Validity:
    """valid_from / valid_to as inclusive days; either may be null; from must not be after to."""
    first = _optional_day(props, "valid_from")
    last = _optional_day(props, "valid_to")
    if first and last and last < first:
        raise DataError(
            f"valid_to is before valid_from ({first.isoformat()})", field="valid_to", value=props.get("valid_to")
        )
    return Validity(first, last)


def _optional_day(props: Mapping[str, Any], name: str) -> dt.date | None:
    value = props.get(name)
    return None if value is None else parse_day(value, field=name)


def url(props: Mapping[str, Any], name: str) -> str | None:
    """An http(s) URL or null; other schemes (javascript:, data:) are rejected."""
    value = optional_text(props, name)
    if value is None:
        return None
    if not value.lower().startswith(("https://", "http://")) or any(c.isspace() for c in value):
        raise DataError("URL must start with http:// or https:// and have no spaces", field=name, value=value)
    return value
