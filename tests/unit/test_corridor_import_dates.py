"""corridor.import_dates: the date format read from the values, dates normalised to ISO, messages in the
user's terms."""

from __future__ import annotations

import re
from typing import Any

import pytest

from corridor.errors import DataError
from corridor.import_dates import infer_date_format, normalise_date


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["2023-04-23", "2023-05-01"], "iso"),
        (["23 April 2023", "01 May 2023", "2023-06-01"], "text"),
        (["23-April-2023", "5-Jan-2023"], "text"),
        (["April 23, 2023"], "text"),
        (["03/04/2023", "23/04/2023"], "dmy"),  # 23 can only be a day
        (["04/23/2023", "04/03/2023"], "mdy"),  # 23 can only be a day
        (["23.04.2023", "", None], "dmy"),
        (["03/04/2023", "05/06/2023"], None),  # reads either way: ask
        (["23/04/2023", "04/23/2023"], None),  # contradicts itself: ask
        (["2023-04-23", "2023-04-24", "23/04/2023"], "iso"),  # the odd value is rejected, not guessed from
        ([], "iso"),
    ],
)
def test_date_format_is_read_from_the_values(values: list[Any], expected: str | None) -> None:
    assert infer_date_format(values).format == expected


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        ("23 April 2023", None, "2023-04-23"),
        ("23-April-2023", "iso", "2023-04-23"),
        ("23-Apr-2023", None, "2023-04-23"),
        ("3 Sept 2023", None, "2023-09-03"),
        ("April 23, 2023", "dmy", "2023-04-23"),
        ("2023-04-23 00:00:00.000", None, "2023-04-23"),  # UCDP GED's date_start
        ("03/04/2023", "mdy", "2023-03-04"),
    ],
)
def test_named_months_and_iso_read_under_any_format(value: str, fmt: Any, expected: str) -> None:
    assert normalise_date(value, fmt) == expected


@pytest.mark.parametrize(
    ("value", "fmt", "message"),
    [
        ("30 February 2023", None, "^30 February 2023 is not a calendar day$"),
        ("2023-02-30", None, "^30 February 2023 is not a calendar day$"),
        ("31/04/2023", "dmy", "^31 April 2023 is not a calendar day$"),
        ("03/04/2023", None, "day-first or month-first"),
        ("23/04/2023", "mdy", "23/04/2023 read month-first is not a calendar day"),
        ("Smarch 3, 2023", None, "expected a date like 2023-04-23 or 23 April 2023"),
    ],
)
def test_date_messages_speak_the_users_terms(value: str, fmt: Any, message: str) -> None:
    with pytest.raises(DataError) as caught:
        normalise_date(value, fmt)
    assert re.search(message, caught.value.problem), caught.value.problem


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        ("2023-04-23", "iso", "2023-04-23"),
        ("2023-04-23T08:40:00Z", "iso", "2023-04-23"),
        ("2023-04", "dmy", "2023-04"),  # ISO is accepted whatever the chosen format
        ("23/04/2023", "dmy", "2023-04-23"),
        ("04/23/2023", "mdy", "2023-04-23"),
        ("23 April 2023", "text", "2023-04-23"),
        ("April 23, 2023", "text", "2023-04-23"),
    ],
)
def test_dates_are_normalised_to_iso(value: str, fmt: Any, expected: str) -> None:
    assert normalise_date(value, fmt) == expected


@pytest.mark.parametrize(
    ("value", "fmt", "reason"),
    [
        ("23/04/2023", "iso", "day-first or month-first"),
        ("31/02/2023", "dmy", "not a calendar day"),
        ("23/04/2023", "mdy", "not a calendar day"),
        ("Sometime in spring", "text", "like 2023-04-23 or 23 April 2023"),
        (None, "iso", "missing"),
    ],
)
def test_bad_dates_are_refused(value: Any, fmt: Any, reason: str) -> None:
    with pytest.raises(DataError, match=reason):
        normalise_date(value, fmt)
