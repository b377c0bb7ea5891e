"""Whether an evidence excerpt names an event's date: its year, and its month when known."""

from __future__ import annotations

import re

from .dates import MONTHS, PartialDate

MAX_WORDS = 40

# "Sept." is as common as "Sep." in English prose; every other month's short form is its
# first three letters.
_SHORT = {9: ("Sep", "Sept")}


def _month_names(month: int) -> tuple[str, ...]:
    name = MONTHS[month - 1]
    return (name, *_SHORT.get(month, (name[:3],)))


def _numeric_dates(year: int, month: int) -> tuple[re.Pattern[str], ...]:
    """ISO (2025-06, 2025-06-05), U.S. (6/5/2025) and day-first (5.6.2025, 05/06/2025) dates."""
    m = rf"0?{month}"
    day = r"[0-3]?[0-9]"
    return tuple(
        re.compile(pattern)
        for pattern in (
            rf"(?<![0-9]){year}[-/.]{m}(?![0-9])",
            rf"(?<![0-9]){m}[/.-]{day}[/.-]{year}(?![0-9])",
            rf"(?<![0-9]){day}[/.-]{m}[/.-]{year}(?![0-9])",
        )
    )


def date_problem(excerpt: str, date: PartialDate) -> str | None:
    """What the excerpt lacks to state `date` (None when it names the year and month)."""
    if not re.search(rf"(?<![0-9]){date.year}(?![0-9])", excerpt):
        return f"does not name the year {date.year}"
    if date.month is None:
        return None
    names = _month_names(date.month)
    by_name = any(re.search(rf"\b{name}\b", excerpt, re.IGNORECASE) for name in names)
    by_number = any(p.search(excerpt) for p in _numeric_dates(date.year, date.month))
    if by_name or by_number:
        return None
    spelled = " or ".join(f"'{name}'" for name in dict.fromkeys(names))
    return f"does not name the month {names[0]} {date.year} (as {spelled}, or a numeric date)"


def word_count(text: str) -> int:
    """Words as a reader counts them: runs of non-space characters."""
    return len(text.split())
