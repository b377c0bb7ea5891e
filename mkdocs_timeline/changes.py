"""The timeline's record of changes: events added, corrected and withdrawn, month by month.

Read from the model (`Event.added`, `Event.corrections`, `Timeline.withdrawn`); the "What's
new" page (`partials/timeline-changes.html`) and its Atom feed (`feed.changes_atom`) are
made from it. Each change has an anchor on that page, which is also its feed entry's id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .dates import MONTHS, PartialDate
from .model import Event, Timeline, TocEntry

ORDER = {"withdrawn": 0, "corrected": 1, "added": 2}  # within one day
ORDER_SHOWN = ("added", "corrected", "withdrawn")  # in a month's summary


@dataclass(frozen=True)
class Change:
    """One change: an event added or corrected, or an event withdrawn (`event` is None)."""

    what: Literal["added", "corrected", "withdrawn"]
    day: PartialDate
    anchor: str  # its id on the What's new page: added-<id>, corrected-<id>-<n>, withdrawn-<id>
    event_id: str
    title: str  # the event's title, or the withdrawn event's id
    note: str = ""  # what was corrected, or why it was withdrawn
    event: Event | None = None


@dataclass(frozen=True)
class Month:
    """The changes of one month, newest first."""

    year: int
    month: int
    changes: list[Change]

    @property
    def id(self) -> str:
        return f"changes-{self.year:04d}-{self.month:02d}"

    @property
    def heading(self) -> str:
        return f"{MONTHS[self.month - 1]} {self.year}"

    def count(self, what: str) -> int:
        return sum(change.what == what for change in self.changes)

    @property
    def summary(self) -> str:
        """ "33 events added, 9 corrected, 1 withdrawn." """
        parts = [(n, what) for what in ORDER_SHOWN if (n := self.count(what))]
        if not parts:
            return ""
        (n, what), rest = parts[0], parts[1:]
        words = [f"{n} event{'' if n == 1 else 's'} {what}", *(f"{n} {w}" for n, w in rest)]
        return ", ".join(words) + "."


def all_changes(timeline: Timeline) -> list[Change]:
    """Every change, newest first (on one day: withdrawals, corrections, then additions)."""
    found = []
    for event in timeline.events:
        if event.added:
            found.append(
                Change("added", event.added, f"added-{event.id}", event.id, event.title, "", event)
            )
        for number, correction in enumerate(event.corrections, 1):
            found.append(
                Change(
                    "corrected",
                    correction.date,
                    f"corrected-{event.id}-{number}",
                    event.id,
                    event.title,
                    correction.note,
                    event,
                )
            )
    for item in timeline.withdrawn:
        found.append(
            Change("withdrawn", item.date, f"withdrawn-{item.id}", item.id, item.id, item.reason)
        )
    found.reverse()  # a tie keeps the later-listed event first, as the feed does
    return sorted(found, key=lambda c: (c.day.sort_key, -ORDER[c.what]), reverse=True)


@dataclass(frozen=True)
class ChangeLog:
    """The changes of a timeline, grouped by month, newest month first."""

    timeline: Timeline
    months: list[Month]

    @classmethod
    def of(cls, timeline: Timeline) -> ChangeLog:
        months: dict[tuple[int, int], list[Change]] = {}
        for change in all_changes(timeline):
            months.setdefault((change.day.year, change.day.month or 1), []).append(change)
        return cls(timeline, [Month(y, m, changes) for (y, m), changes in months.items()])

    @property
    def toc(self) -> list[TocEntry]:
        """One `##` entry per month."""
        return [TocEntry(2, month.id, month.heading) for month in self.months]

    @property
    def anchor_ids(self) -> set[str]:
        return (
            {"timeline-changes"}
            | {m.id for m in self.months}
            | {c.anchor for m in self.months for c in m.changes}
        )

    @property
    def changes(self) -> list[Change]:
        return [change for month in self.months for change in month.changes]
