"""PartialDate: parsing, display, ordering and the period a date stands for."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mkdocs_timeline.dates import DateFormatError, PartialDate


@pytest.mark.parametrize(
    ("text", "iso", "display"),
    [
        ("1998-07-17", "1998-07-17", "17 July 1998"),
        ("1998-07", "1998-07", "July 1998"),
        ("1998", "1998", "1998"),
        (" 2000-02-29 ", "2000-02-29", "29 February 2000"),
        ("0800-12-25", "0800-12-25", "25 December 800"),
    ],
)
def test_parse_and_show(text: str, iso: str, display: str) -> None:
    value = PartialDate.parse(text)
    assert (value.iso, value.display, str(value)) == (iso, display, iso)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2002-02-30", "'2002-02-30' is not a real date (February 2002 has 28 days)"),
        ("1900-02-29", "'1900-02-29' is not a real date (February 1900 has 28 days)"),
        ("1998-04-31", "(April 1998 has 30 days)"),
        ("1998-00-10", "has month 00"),
        ("1998-13", "has month 13"),
        ("0000", "has year 0"),
        ("17/07/1998", "'17/07/1998' is not in a supported format"),
        ("July 17, 1998", "is not in a supported format"),
        ("98", "is not in a supported format"),
        ("1998-7-17", "write '1998-07-17'"),
        ("1998-7", "write '1998-07'"),
        ("١٩٩٨", "is not in a supported format"),
        ("1998-07-17T10:00", "is not in a supported format"),
        ("", "is not in a supported format"),
    ],
)
def test_reject(text: str, message: str) -> None:
    with pytest.raises(DateFormatError, match=message.replace("(", r"\(").replace(")", r"\)")):
        PartialDate.parse(text)


def test_period() -> None:
    assert PartialDate.parse("2001").first_day == date(2001, 1, 1)
    assert PartialDate.parse("2001").last_day == date(2001, 12, 31)
    assert PartialDate.parse("2000-02").last_day == date(2000, 2, 29)
    assert PartialDate.parse("2001-02-03").last_day == date(2001, 2, 3)


def test_order_less_precise_first() -> None:
    dates = [PartialDate.parse(t) for t in ("1998-07-01", "1998", "1999", "1998-07", "1998-06-30")]
    assert [d.iso for d in sorted(dates)] == ["1998", "1998-06-30", "1998-07", "1998-07-01", "1999"]


@given(st.dates(min_value=date(1, 1, 1)))
def test_full_dates_round_trip(value: date) -> None:
    parsed = PartialDate.parse(value.isoformat())
    assert parsed == PartialDate.from_date(value)
    assert parsed.first_day == parsed.last_day == value


@given(st.text(max_size=12))
def test_any_text_parses_or_says_why(text: str) -> None:
    try:
        PartialDate.parse(text)
    except DateFormatError as error:
        assert "\n" not in str(error) and "write" in str(error)
