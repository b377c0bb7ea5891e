"""Dates known to the year, the month or the day: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`."""

from __future__ import annotations

import calendar
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import cached_property, total_ordering
from typing import cast

from .errors import shown

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

FORMATS = "YYYY-MM-DD (e.g. 1998-07-17), YYYY-MM or YYYY"

_ISO = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_LOOSE = re.compile(r"([0-9]{4})-([0-9]{1,2})(?:-([0-9]{1,2}))?")


class DateFormatError(ValueError):
    """A date that is not written as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or does not exist."""


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A calendar date whose month and day may be unknown.

    Ordering puts a less precise date before a more precise one in the same period
    (1998 < 1998-07 < 1998-07-01).
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __lt__(self, other: PartialDate) -> bool:
        return self.sort_key < other.sort_key

    @cached_property  # asked for many times per event (eras, sorting, exports)
    def sort_key(self) -> tuple[int, int, int]:
        """Year, month, day with unknown parts as 0."""
        return (self.year, self.month or 0, self.day or 0)

    @property
    def iso(self) -> str:
        """`1998-07-17`, `1998-07` or `1998`, for `<time datetime>`."""
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def display(self) -> str:
        """`17 July 1998`, `July 1998` or `1998`."""
        if self.day:  # a day is only ever known with its month
            return f"{self.day} {MONTHS[cast(int, self.month) - 1]} {self.year}"
        if self.month:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return str(self.year)

    @property
    def is_full(self) -> bool:
        """Whether the day is known."""
        return self.day is not None

    @cached_property  # asked for many times per event (eras, sorting, exports)
    def first_day(self) -> date:
        """The first day of the period the date stands for."""
        return date(self.year, self.month or 1, self.day or 1)

    @cached_property  # asked for many times per event (eras, sorting, exports)
    def last_day(self) -> date:
        """The last day of the period the date stands for."""
        if self.day:
            return self.first_day
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        return self.iso

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read a date as written in the data file; raise `DateFormatError` with the fix."""
        text = text.strip()
        match = _ISO.fullmatch(text)
        if not match:
            loose = _LOOSE.fullmatch(text)
            if loose:
                raise DateFormatError(
                    f"{shown(text)} needs two-digit months and days; write '{_pad(loose)}'"
                )
            raise DateFormatError(f"{shown(text)} is not in a supported format; write {FORMATS}")
        year, month, day = (int(part) if part else None for part in match.groups())
        if year == 0:
            raise DateFormatError(f"{shown(text)} has year 0; write a year from 0001")
        if month is not None and not 1 <= month <= 12:
            raise DateFormatError(
                f"{shown(text)} has month {month:02d}; write a month from 01 to 12"
            )
        # The pattern always has a year, and a day only after a month.
        year = cast(int, year)
        if day is not None:
            month = cast(int, month)
            days = calendar.monthrange(year, month)[1]
            if not 1 <= day <= days:
                raise DateFormatError(
                    f"{shown(text)} is not a real date ({MONTHS[month - 1]} {year} has {days} days); "
                    f"write a real date as {FORMATS}"
                )
        return cls(year, month, day)

    @classmethod
    def from_date(cls, value: date) -> PartialDate:
        """A full date from a `datetime.date`."""
        return cls(value.year, value.month, value.day)


def _pad(match: re.Match[str]) -> str:
    """`1998-7-17` written with two-digit month and day."""
    year, month, day = match.groups()
    return f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")


def build_time(latest: date, environ: Mapping[str, str] | None = None) -> datetime:
    """When the files the build writes say they were made: never the clock, so two builds
    of the same commit are byte-identical.

    `SOURCE_DATE_EPOCH` (seconds since 1970, UTC; scripts/check sets it to the last
    commit's time) when it is set, else midnight UTC at the start of `latest` (the latest
    day the data reaches). Raises ValueError when SOURCE_DATE_EPOCH is not a whole number.
    """
    value = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return datetime.combine(latest, time(), UTC)
    if not value.isdigit():
        raise ValueError(
            f"SOURCE_DATE_EPOCH={value!r} is not a number of seconds since 1970-01-01 UTC; "
            "set it to a whole number (e.g. $(git log -1 --format=%ct)) or unset it"
        )
    return datetime.fromtimestamp(int(value), UTC)


@dataclass(frozen=True)
class When:
    """An event's date or date range, and the one way every output writes it.

    "17 July 1998", "31 May – 11 June 2010", "1–3 June 2010", "2004 – February 2005": the
    start drops the year (and the month) it shares with the end.
    """

    start: PartialDate
    end: PartialDate | None = None

    @property
    def is_range(self) -> bool:
        """Whether there is an end other than the start."""
        return self.end is not None and self.end.iso != self.start.iso

    @property
    def start_shown(self) -> str:
        """The start as written before the dash."""
        start, end = self.start, self.end
        if not self.is_range or end is None or start.year != end.year or start.month is None:
            return start.display
        if start.is_full and end.is_full and start.month == end.month:
            return str(start.day)
        return start.display.removesuffix(f" {start.year}")

    @property
    def dash(self) -> str:
        """The dash between start and end: unspaced between two days of one month."""
        same_month = (
            self.end is not None
            and self.start.is_full
            and self.end.is_full
            and (self.start.iso[:7] == self.end.iso[:7])
        )
        return "–" if same_month else " – "

    @property
    def display(self) -> str:
        """The whole date as text."""
        if not self.is_range or self.end is None:
            return self.start.display
        return f"{self.start_shown}{self.dash}{self.end.display}"
