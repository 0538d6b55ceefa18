"""corridor.dates: strict days, fuzzy dates with a precision, and their labels."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corridor.dates import FuzzyDate, format_day, parse_day, parse_fuzzy
from corridor.errors import DataError

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-04-23", D(2023, 4, 23)),
        ("2024-02-29", D(2024, 2, 29)),
        (" 2023-04-23 ", D(2023, 4, 23)),
        ("2020-11-10", D(2020, 11, 10)),
    ],
)
def test_parse_day_accepts_iso_days(text: str, expected: dt.date) -> None:
    assert parse_day(text) == expected


@pytest.mark.parametrize(
    ("value", "match"),
    [
        ("2023-02-30", r"not a calendar day \(day is out of range for month\)"),
        ("2023-02-29", r"not a calendar day"),
        ("2023-13-01", r"not a calendar day \(month must be in 1\.\.12\)"),
        ("23/04/2023", r"expected a day as YYYY-MM-DD \(got '23/04/2023'\)"),
        ("2023-4-23", r"expected a day as YYYY-MM-DD"),
        ("2023-04", r"expected a day as YYYY-MM-DD"),
        ("20230423", r"expected a day as YYYY-MM-DD"),
        ("2023-04-23T12:00", r"expected a day as YYYY-MM-DD"),
        ("", r"expected a day as YYYY-MM-DD"),
        (None, r"^field 'date': expected a day as YYYY-MM-DD$"),
        (20230423, r"expected a day as YYYY-MM-DD \(got 20230423\)"),
        (D(2023, 4, 23), r"expected a day as YYYY-MM-DD"),
    ],
)
def test_parse_day_rejects(value: object, match: str) -> None:
    with pytest.raises(DataError, match=match):
        parse_day(value)


def test_parse_day_names_the_field() -> None:
    with pytest.raises(DataError, match=r"^field 'valid_from': expected a day") as info:
        parse_day("yesterday", field="valid_from")
    assert info.value.field == "valid_from"
    assert info.value.value == "yesterday"


def range_case(first: dt.date, last: dt.date, label: str) -> tuple[str, dt.date, dt.date, str, str, str]:
    """A row of test_parse_fuzzy for a range: its text is ``first/last`` and is its own ISO form."""
    text = f"{first.isoformat()}/{last.isoformat()}"
    return (text, first, last, "range", text, label)


@pytest.mark.parametrize(
    ("text", "first", "last", "precision", "iso", "label"),
    [
        ("2023-04-23", D(2023, 4, 23), D(2023, 4, 23), "day", "2023-04-23", "23 Apr 2023"),
        ("2021-07", D(2021, 7, 1), D(2021, 7, 31), "month", "2021-07", "Jul 2021"),
        ("2023-02", D(2023, 2, 1), D(2023, 2, 28), "month", "2023-02", "Feb 2023"),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29), "month", "2024-02", "Feb 2024"),
        ("2022-09", D(2022, 9, 1), D(2022, 9, 30), "month", "2022-09", "Sept 2022"),
        ("2023", D(2023, 1, 1), D(2023, 12, 31), "year", "2023", "2023"),
        range_case(D(2020, 11, 9), D(2020, 11, 10), "9-10 Nov 2020"),
        range_case(D(2023, 9, 24), D(2023, 9, 30), "24-30 Sept 2023"),
        range_case(D(2023, 9, 30), D(2023, 10, 1), "30 Sept 2023 - 1 Oct 2023"),
        range_case(D(2023, 12, 31), D(2024, 1, 1), "31 Dec 2023 - 1 Jan 2024"),
        # a one-day range collapses to a day
        ("2023-04-23/2023-04-23", D(2023, 4, 23), D(2023, 4, 23), "day", "2023-04-23", "23 Apr 2023"),
    ],
)
def test_parse_fuzzy(text: str, first: dt.date, last: dt.date, precision: str, iso: str, label: str) -> None:
    fuzzy = parse_fuzzy(text)
    assert (fuzzy.first, fuzzy.last, fuzzy.precision) == (first, last, precision)
    assert fuzzy.iso == iso
    assert fuzzy.label == label


@pytest.mark.parametrize(
    ("value", "match"),
    [
        ("2021-13", r"month out of range \(got '2021-13'\)"),
        ("2021-00", r"month out of range"),
        ("2023-02-30", r"not a calendar day"),
        ("2023-04-24/2023-04-23", r"date range ends before it starts \(got '2023-04-24/2023-04-23'\)"),
        ("2023-04-23/", r"expected a day as YYYY-MM-DD"),
        ("/2023-04-23", r"expected a day as YYYY-MM-DD"),
        ("2023-04/2023-05", r"expected a day as YYYY-MM-DD"),
        ("23/04/2023", r"expected a day as YYYY-MM-DD"),
        ("April 2023", r"expected YYYY-MM-DD, YYYY-MM, YYYY or YYYY-MM-DD/YYYY-MM-DD"),
        ("23", r"expected YYYY-MM-DD, YYYY-MM, YYYY or YYYY-MM-DD/YYYY-MM-DD"),
        ("", r"expected YYYY-MM-DD, YYYY-MM, YYYY or YYYY-MM-DD/YYYY-MM-DD"),
        (None, r"expected a date string"),
        (2023, r"expected a date string \(got 2023\)"),
    ],
)
def test_parse_fuzzy_rejects(value: object, match: str) -> None:
    with pytest.raises(DataError, match=match):
        parse_fuzzy(value)


@pytest.mark.parametrize("value", ["0000", "0000-06"])
def test_parse_fuzzy_year_zero_is_a_data_error(value: str) -> None:
    with pytest.raises(DataError, match="0000"):
        parse_fuzzy(value)


@pytest.mark.parametrize(
    "value", ["２０２３-０４", "２０２３", "٢٠٢٣"], ids=["fullwidth-month", "fullwidth-year", "arabic-indic-year"]
)
def test_parse_fuzzy_accepts_only_ascii_digits(value: str) -> None:
    with pytest.raises(DataError):
        parse_fuzzy(value)


def test_parse_fuzzy_range_error_names_field() -> None:
    with pytest.raises(DataError, match=r"^field 'published': "):
        parse_fuzzy("2023-04-24/2023-04-01", field="published")


@pytest.mark.parametrize(
    ("text", "inside", "outside"),
    [
        ("2021-07", [D(2021, 7, 1), D(2021, 7, 15), D(2021, 7, 31)], [D(2021, 6, 30), D(2021, 8, 1)]),
        ("2020-11-09/2020-11-10", [D(2020, 11, 9), D(2020, 11, 10)], [D(2020, 11, 8), D(2020, 11, 11)]),
        ("2023-04-23", [D(2023, 4, 23)], [D(2023, 4, 22), D(2023, 4, 24)]),
        ("2023", [D(2023, 1, 1), D(2023, 12, 31)], [D(2022, 12, 31), D(2024, 1, 1)]),
    ],
)
def test_contains(text: str, inside: list[dt.date], outside: list[dt.date]) -> None:
    fuzzy = parse_fuzzy(text)
    assert all(fuzzy.contains(d) for d in inside)
    assert not any(fuzzy.contains(d) for d in outside)


def test_fuzzy_dates_order_by_first_day() -> None:
    texts = ["2023-04-23", "2021-07", "2020-11-09/2020-11-10", "2023", "2021-07-31"]
    ordered = [f.iso for f in sorted(parse_fuzzy(t) for t in texts)]
    assert ordered == ["2020-11-09/2020-11-10", "2021-07", "2021-07-31", "2023", "2023-04-23"]


def test_fuzzy_date_is_frozen() -> None:
    fuzzy = parse_fuzzy("2023-04-23")
    with pytest.raises(AttributeError):
        fuzzy.first = D(2000, 1, 1)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (D(2023, 4, 23), "23 Apr 2023"),
        (D(2023, 9, 1), "1 Sept 2023"),
        (D(2020, 11, 10), "10 Nov 2020"),
        (D(2024, 1, 1), "1 Jan 2024"),
    ],
)
def test_format_day(day: dt.date, label: str) -> None:
    assert format_day(day) == label


days = st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31))


@given(days)
def test_day_round_trips_through_iso(day: dt.date) -> None:
    fuzzy = parse_fuzzy(day.isoformat())
    assert fuzzy == FuzzyDate(day, day, "day")
    assert parse_fuzzy(fuzzy.iso) == fuzzy


@given(days)
def test_month_spans_its_whole_month(day: dt.date) -> None:
    fuzzy = parse_fuzzy(day.strftime("%Y-%m"))
    assert fuzzy.first == day.replace(day=1)
    assert (fuzzy.last + dt.timedelta(days=1)).day == 1
    assert (fuzzy.last.year, fuzzy.last.month) == (day.year, day.month)
    assert fuzzy.contains(day)
    assert parse_fuzzy(fuzzy.iso) == fuzzy


@given(days, st.integers(min_value=1, max_value=400))
def test_range_round_trips_and_contains_its_ends(day: dt.date, length: int) -> None:
    end = day + dt.timedelta(days=length)
    fuzzy = parse_fuzzy(f"{day.isoformat()}/{end.isoformat()}")
    assert (fuzzy.first, fuzzy.last, fuzzy.precision) == (day, end, "range")
    assert parse_fuzzy(fuzzy.iso) == fuzzy
    assert fuzzy.contains(day) and fuzzy.contains(end)
    assert not fuzzy.contains(day - dt.timedelta(days=1))
    assert not fuzzy.contains(end + dt.timedelta(days=1))
