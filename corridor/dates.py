"""Dates with a precision: a day, a month, a year, or a range of days.

The sources date things at different precisions ("July 2021", "9/10 Nov 2020"). A
``FuzzyDate`` keeps the first and last day it may mean, so the time model never
pretends a month-precision event happened on the 1st.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from corridor.errors import DataError

Precision = Literal["day", "month", "year", "range"]

_DAY = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
_MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")
_YEAR = re.compile(r"^([0-9]{4})$")
MONTH_NAMES = [
    "",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
]


@dataclass(frozen=True, order=True)
class FuzzyDate:
    """The span of days a dated record may refer to (``first <= last``)."""

    first: dt.date
    last: dt.date
    precision: Precision

    @property
    def iso(self) -> str:
        """The canonical text form, as stored in the data files."""
        if self.precision == "day":
            return self.first.isoformat()
        if self.precision == "month":
            return self.first.strftime("%Y-%m")
        if self.precision == "year":
            return str(self.first.year)
        return f"{self.first.isoformat()}/{self.last.isoformat()}"

    @property
    def label(self) -> str:
        """A human label: '23 Apr 2023', 'Jul 2021', '9-10 Nov 2020'."""
        if self.precision == "day":
            return format_day(self.first)
        if self.precision == "month":
            return f"{MONTH_NAMES[self.first.month]} {self.first.year}"
        if self.precision == "year":
            return str(self.first.year)
        a, b = self.first, self.last
        if (a.year, a.month) == (b.year, b.month):
            return f"{a.day}-{b.day} {MONTH_NAMES[a.month]} {a.year}"
        return f"{format_day(a)} - {format_day(b)}"

    def contains(self, day: dt.date) -> bool:
        """True when ``day`` falls inside the span."""
        return self.first <= day <= self.last


def format_day(day: dt.date) -> str:
    """'23 Apr 2023'."""
    return f"{day.day} {MONTH_NAMES[day.month]} {day.year}"


def parse_day(text: object, *, field: str = "date") -> dt.date:
    """Parse a strict ISO day (YYYY-MM-DD); anything else is a DataError naming the value."""
    if not isinstance(text, str) or not _DAY.match(text.strip()):
        raise DataError("expected a day as YYYY-MM-DD", field=field, value=text)
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise DataError(f"not a calendar day ({exc})", field=field, value=text) from None


def parse_fuzzy(text: object, *, field: str = "date") -> FuzzyDate:
    """Parse 'YYYY-MM-DD', 'YYYY-MM', 'YYYY' or 'YYYY-MM-DD/YYYY-MM-DD'."""
    if not isinstance(text, str):
        raise DataError("expected a date string", field=field, value=text)
    raw = text.strip()
    if "/" in raw:
        left, _, right = raw.partition("/")
        if not (_DAY.match(left.strip()) and _DAY.match(right.strip())):
            raise DataError("expected a day as YYYY-MM-DD, or a range YYYY-MM-DD/YYYY-MM-DD", field=field, value=text)
        first, last = parse_day(left, field=field), parse_day(right, field=field)
        if last < first:
            raise DataError("date range ends before it starts", field=field, value=text)
        if first == last:
            return FuzzyDate(first, last, "day")
        return FuzzyDate(first, last, "range")
    if _DAY.match(raw):
        day = parse_day(raw, field=field)
        return FuzzyDate(day, day, "day")
    if m := _MONTH.match(raw):
        year, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            raise DataError("month out of range", field=field, value=text)
        if year < 1:
            raise DataError("year out of range", field=field, value=text)
        end = calendar.monthrange(year, month)[1]
        return FuzzyDate(dt.date(year, month, 1), dt.date(year, month, end), "month")
    if _YEAR.match(raw):
        year = int(raw)
        if year < 1:
            raise DataError("year out of range", field=field, value=text)
        return FuzzyDate(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    raise DataError("expected YYYY-MM-DD, YYYY-MM, YYYY or YYYY-MM-DD/YYYY-MM-DD", field=field, value=text)
