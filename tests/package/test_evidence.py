"""The evidence rule: an excerpt names the event's year, and its month in any common notation."""

from __future__ import annotations

import pytest

from mkdocs_timeline.dates import PartialDate
from mkdocs_timeline.evidence import date_problem, word_count

NAMES_THE_DATE = [
    ("On June 5, 2025, the Secretary of State designated", "2025-06-05"),
    ("Friday, 5 June 2025", "2025-06-05"),
    ("Jun. 5, 2025", "2025-06-05"),
    ("Sept. 2, 2020", "2020-09-02"),
    ("on 2 Sep 2020", "2020-09-02"),
    ("dated 2025-06-05", "2025-06-05"),
    ("published 2025/06", "2025-06"),
    ("on 6/5/2025", "2025-06-05"),
    ("le 05.06.2025", "2025-06-05"),
    ("in december 2025", "2025-12-18"),
    ("the Conference of 1998", "1998"),
]
LACKS_THE_DATE = [
    ("On June 5 the Secretary", "2025-06-05", "does not name the year 2025"),
    ("in 12025 or 20250", "2025", "does not name the year 2025"),
    ("In May 2024", "2025-05-01", "does not name the year 2025"),
    ("In 2025 the Secretary", "2025-06-05", "does not name the month June 2025"),
    ("Mayhem in 2025", "2025-05", "does not name the month May 2025"),
    ("on 7/5/2025", "2025-06-05", "does not name the month June 2025"),
    ("2025-11-06", "2025-06-05", "does not name the month June 2025"),
]


@pytest.mark.parametrize(("excerpt", "date"), NAMES_THE_DATE)
def test_excerpt_names_the_date(excerpt: str, date: str) -> None:
    assert date_problem(excerpt, PartialDate.parse(date)) is None


@pytest.mark.parametrize(("excerpt", "date", "problem"), LACKS_THE_DATE)
def test_excerpt_lacking_the_date_is_named(excerpt: str, date: str, problem: str) -> None:
    found = date_problem(excerpt, PartialDate.parse(date))
    assert found is not None and found.startswith(problem), found


def test_words_are_counted_as_a_reader_counts_them() -> None:
    assert word_count("  The Statute was  adopted\n17 July 1998 ") == 7
