"""Dates in an imported file: which format a column uses, and each value as the ISO text parse_event reads.

ISO dates (2023-04-23, 2023-04, 2023, 2023-04-23T08:40) and dates with a month name ("23 April 2023",
"23-Apr-2023", "April 23, 2023") are read whatever the column's format, because they cannot be
misread. Numeric dates (03/04/2023) are read day-first or month-first only when the column says
which: a value with a first number over 12 can only be day-first, one with a second number over 12
can only be month-first. When nothing in the column tells them apart, the format is ``None`` and the
person importing the file is asked. Month names come from dateutil's table (English, "Sept" too).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from dateutil.parser import parserinfo

from corridor.errors import DataError

DateFormat = Literal["iso", "text", "dmy", "mdy"]
DATE_FORMATS: dict[DateFormat, str] = {
    "iso": "YYYY-MM-DD (also YYYY-MM, YYYY, YYYY-MM-DD/YYYY-MM-DD)",
    "text": "23 April 2023 (month named)",
    "dmy": "DD/MM/YYYY (day first)",
    "mdy": "MM/DD/YYYY (month first)",
}
AMBIGUOUS_NUMERIC = "day-first or month-first date: choose the DD/MM/YYYY or MM/DD/YYYY date format"
ValueKind = Literal["iso", "text", "numeric", "other"]

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}")
_ISO_START = re.compile(r"^\d{4}(?:$|[-/])")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_SEP = r"[\s\-/.,]+"
_DAY_MONTH_YEAR = re.compile(rf"^(\d{{1,2}})(?:st|nd|rd|th)?{_SEP}([A-Za-z]+){_SEP}(\d{{4}})$")
_MONTH_DAY_YEAR = re.compile(rf"^([A-Za-z]+){_SEP}(\d{{1,2}})(?:st|nd|rd|th)?{_SEP}(\d{{4}})$")
_MONTHS = parserinfo()
MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")  # fmt: skip


@dataclass(frozen=True)
class DateGuess:
    """The format a date column uses (``None``: day-first or month-first cannot be told) and why."""

    format: DateFormat | None
    reason: str
    example: str = ""


def value_kind(value: Any) -> ValueKind:
    """What kind of date text a cell holds."""
    if not isinstance(value, str):
        return "other"
    text = value.strip()
    if _ISO_START.match(text):
        return "iso"
    if _NUMERIC.match(text):
        return "numeric"
    if _month_name_parts(text) is not None:
        return "text"
    return "other"


def infer_date_format(values: Iterable[Any]) -> DateGuess:
    """The format of a date column, read from its values (the most common kind of date wins)."""
    kinds: Counter[ValueKind] = Counter()
    examples: dict[ValueKind, str] = {}
    day_first_only = month_first_only = ""
    for value in values:
        kind = value_kind(value)
        kinds[kind] += 1
        if kind == "other":
            continue
        text = str(value).strip()
        examples.setdefault(kind, text)
        if kind == "numeric" and (m := _NUMERIC.match(text)):
            first, second = int(m.group(1)), int(m.group(2))
            if first > 12 >= second and not day_first_only:
                day_first_only = text
            if second > 12 >= first and not month_first_only:
                month_first_only = text
    dated: dict[ValueKind, int] = {k: n for k, n in kinds.items() if k != "other"}
    if not dated:
        return DateGuess("iso", "no value in the column looks like a date")
    kind = max(dated, key=lambda k: (dated[k], k != "numeric"))  # a tie never goes to the guess
    example = examples[kind]
    if kind == "iso":
        return DateGuess("iso", "ISO dates (YYYY-MM-DD)", example)
    if kind == "text":
        return DateGuess("text", "dates with the month named", example)
    return _numeric_guess(day_first_only, month_first_only, example)


def _numeric_guess(day_first_only: str, month_first_only: str, example: str) -> DateGuess:
    """Day-first or month-first from the values that can only be one of them (a value each, or "")."""
    if day_first_only and month_first_only:
        return DateGuess(
            None, f"{day_first_only!r} can only be day-first but {month_first_only!r} only month-first", example
        )
    if day_first_only:
        return DateGuess("dmy", f"day first: {day_first_only!r} cannot be month-first", example)
    if month_first_only:
        return DateGuess("mdy", f"month first: {month_first_only!r} cannot be day-first", example)
    return DateGuess(None, f"every numeric date (such as {example!r}) reads either way", example)


def normalise_date(value: Any, date_format: DateFormat | None) -> Any:
    """The date as the ISO text parse_event expects; ISO and month-named dates are read under any format."""
    if value is None:
        raise DataError("required field is missing or empty", field="date")
    if not isinstance(value, str):
        return value  # parse_event names the non-text value
    text = value.strip()
    if m := _ISO_DATETIME.match(text):
        text = m.group(1)
    if m := _ISO_DAY.match(text):
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)), value).isoformat()
    if _ISO_START.match(text):
        return text  # a month, a year or a range: parse_event checks it
    if numeric := _NUMERIC.match(text):
        if date_format not in ("dmy", "mdy"):
            raise DataError(AMBIGUOUS_NUMERIC, field="date", value=value)
        a, b, year = (int(g) for g in numeric.groups())
        day, month = (a, b) if date_format == "dmy" else (b, a)
        if not 1 <= month <= 12:
            order = "day-first" if date_format == "dmy" else "month-first"
            raise DataError(f"{text} read {order} is not a calendar day (there is no month {month})", field="date")
        return _day(year, month, day, value).isoformat()
    if (parts := _month_name_parts(text)) is not None:
        day, month, year = parts
        return _day(year, month, day, value).isoformat()
    raise DataError("expected a date like 2023-04-23 or 23 April 2023", field="date", value=value)


def _month_name_parts(text: str) -> tuple[int, int, int] | None:
    """(day, month, year) of "23 April 2023", "23-Apr-2023" or "April 23, 2023", else None."""
    if m := _DAY_MONTH_YEAR.match(text):
        day, name, year = m.groups()
    elif m := _MONTH_DAY_YEAR.match(text):
        name, day, year = m.groups()
    else:
        return None
    month = _MONTHS.month(name)
    return None if month is None else (int(day), month, int(year))


def _day(year: int, month: int, day: int, value: str) -> dt.date:
    if not 1 <= month <= 12:
        raise DataError(f"there is no month {month}", field="date", value=value)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DataError(f"{day} {MONTH_NAMES[month]} {year} is not a calendar day", field="date") from None
