"""The typed timeline: every value any output needs, so no output parses another's.

URLs are kept relative to the site root while the data is validated; `Timeline.relocated`
makes a copy whose URLs are relative to one page (or absolute, for the exports).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import cast

from markupsafe import Markup

from .dates import DateFormatError, PartialDate, When
from .markdown_body import relocate_links


@dataclass(frozen=True)
class Kind:
    """A kind of event, declared by the data or the plugin's config; `colour` is a CSS hex
    colour (or empty: the stylesheet's default); `count` is its events in one timeline."""

    id: str
    label: str
    description: str = ""
    colour: str = ""
    count: int = 0


@dataclass(frozen=True)
class Situation:
    """An ICC situation or country events concern (the file's `situations`); `count` is its
    events in one timeline."""

    id: str
    label: str
    count: int = 0


@dataclass(frozen=True)
class RelatedEvent:
    """Another event an event is linked to (`related`, declared once, shown on both)."""

    id: str
    title: str
    display: str  # its date as the page shows it


@dataclass(frozen=True)
class Era:
    """A period the timeline is grouped by: start inclusive, end exclusive (None: today's)."""

    id: str
    label: str
    start: PartialDate
    end: PartialDate | None

    def contains(self, day: date) -> bool:
        """Whether `day` falls in this era."""
        return self.start.first_day <= day and (self.end is None or day < self.end.first_day)

    def overlaps(self, first: date, last: date) -> bool:
        """Whether any day from `first` to `last` falls in this era."""
        return self.start.first_day <= last and (self.end is None or first < self.end.first_day)


# A web archive's copy of a page: `…/web/20070623020724/http://…` (the Wayback Machine, with
# the inner "//" sometimes collapsed) or `…/archive/name/20130122152610/http://…`
# (cybercemetery, webharvest.gov): the capture's time stamp, then the page it keeps.
_ARCHIVE_COPY = re.compile(r"https?://[^/]+/(?:.+/)?(\d{8})\d{0,6}[a-z_]*/(https?):/+(.+)$")


@dataclass(frozen=True)
class Archived:
    """An archived copy of a source: its address and the day it was captured."""

    url: str
    date: PartialDate


@dataclass(frozen=True)
class Source:
    """A document that supports an event: who published it, whether it is primary (the
    document itself, or the body that acted) and, when there is one, an archived copy."""

    title: str
    url: str
    publisher: str = ""
    primary: bool = False
    published: PartialDate | None = None
    archived: Archived | None = None

    @property
    def type(self) -> str:
        """`primary` or `secondary`, as the data file writes it."""
        return "primary" if self.primary else "secondary"

    @property
    def copy_of(self) -> Archived | None:
        """When `url` is itself a web archive's copy: the page it keeps (as `url`) and the
        capture day, both read from the address. The live page is then unknown."""
        found = _ARCHIVE_COPY.match(self.url)
        if not found:
            return None
        stamp = found[1]
        try:
            day = PartialDate.parse(f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:]}")
        except DateFormatError:
            return None
        return Archived(f"{found[2]}://{found[3]}", day)

    @property
    def version(self) -> Archived | None:
        """The archived copy readers may fall back on: `archived`, else the address itself
        when it is an archive's copy."""
        if self.archived is not None:
            return self.archived
        kept = self.copy_of
        return None if kept is None else Archived(self.url, kept.date)

    @property
    def original(self) -> str:
        """The address of the page as published (the kept page for an archive's copy)."""
        kept = self.copy_of
        return self.url if kept is None else kept.url


@dataclass(frozen=True)
class Evidence:
    """Which source states an event's date, in its own words."""

    source: Source
    excerpt: str


@dataclass(frozen=True)
class Correction:
    """A change to an event's facts, for readers: the day and one line saying what changed."""

    date: PartialDate
    note: str


@dataclass(frozen=True)
class Withdrawn:
    """An event taken out of the timeline: its old id keeps an anchor that says why."""

    id: str
    date: PartialDate
    reason: str


@dataclass(frozen=True)
class Media:
    """An image shown with an event; `src` is a URL (see the module docstring)."""

    src: str
    alt: str
    caption: str | None = None
    credit: str | None = None


@dataclass(frozen=True)
class Recommendation:
    """A `##` section of another page an event relates to (option `sections`); `url` is
    None when the site has no such page."""

    id: str
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class BodyLink:
    """A link from an event's body to an anchor, handed to MkDocs' anchor validation."""

    path: str  # the page under docs/; empty for the page that shows the timeline
    anchor: str
    origin: str  # where the link is written, e.g. "data/timeline.yml:31, event 'aspa-signed'"


@dataclass(frozen=True)
class Event:
    """One dated event of the timeline."""

    id: str
    title: str
    date: PartialDate
    end_date: PartialDate | None
    kind: Kind
    era: Era
    body_html: Markup
    sources: tuple[Source, ...]
    media: Media | None = None
    recommendations: tuple[Recommendation, ...] = ()
    evidence: Evidence | None = None
    body_text: str = ""  # the body as plain text, from the same parse as body_html
    situations: tuple[Situation, ...] = ()
    related: tuple[RelatedEvent, ...] = ()  # in timeline order, both ways
    added: PartialDate | None = None  # the day the event was added to the data
    updated: PartialDate | None = None  # the day its date, title or body last changed
    corrections: tuple[Correction, ...] = ()

    @property
    def last_date(self) -> PartialDate:
        """The end date if there is one, else the date."""
        return self.end_date or self.date

    @property
    def changed(self) -> PartialDate | None:
        """The day the event last changed: `updated`, else `added` (None: neither given)."""
        return self.updated or self.added

    @property
    def when(self) -> When:
        """The date or range, with the one display rule of every output."""
        return When(self.date, self.end_date)


@dataclass(frozen=True)
class EraGroup:
    """An era with the events that fall in it."""

    id: str
    label: str
    start: PartialDate
    end: PartialDate | None
    events: list[Event]

    @property
    def years(self) -> str:
        """ "1993–2001", or "2021–present" for today's era."""
        return f"{self.start.year}–{self.end.year if self.end else 'present'}"

    @property
    def heading(self) -> str:
        """The era's heading as text: "Clinton administration, 1993–2001"."""
        return f"{self.label}, {self.years}"


@dataclass(frozen=True)
class TocEntry:
    """A heading the timeline adds to its page's table of contents."""

    level: int
    id: str
    name: str


@dataclass(frozen=True)
class Timeline:
    """Every event, chronological, grouped by era, with the kinds in use and the export URLs."""

    title: str
    eras: list[EraGroup]
    events: list[Event]
    kinds: list[Kind]
    exports: dict[str, str] = field(default_factory=dict)
    body_links: tuple[BodyLink, ...] = ()
    eras_label: str = "era"  # what an era is, for readers: "U.S. administration"
    sections_label: str = "Related section"  # heads an event's list of related sections
    # what an editor must confirm or fix, as `path:line:col: message` (primary sources on
    # hosts the list of primary publishers does not name); the plugin logs each as a warning
    warnings: tuple[str, ...] = ()
    situations: list[Situation] = field(default_factory=list)  # those in use, with counts
    withdrawn: tuple[Withdrawn, ...] = ()  # events taken out; their ids keep an anchor

    @property
    def heading(self) -> str:
        """The timeline section's heading."""
        return self.title or "Timeline"

    @property
    def toc(self) -> list[TocEntry]:
        """The table-of-contents entries the timeline adds to its page, in page order."""
        return [
            TocEntry(2, "timeline-heading", self.heading),
            *(TocEntry(3, f"era-{era.id}", era.heading) for era in self.eras),
            TocEntry(3, "cite-an-event", "Cite an event"),
            *([TocEntry(3, "withdrawn-events", "Withdrawn events")] if self.withdrawn else []),
        ]

    @property
    def anchor_ids(self) -> set[str]:
        """The ids other pages may link to: the section, its headings and every event."""
        return {
            "timeline",
            *(entry.id for entry in self.toc),
            *(e.id for e in self.events),
            *(w.id for w in self.withdrawn),
        }

    @property
    def count(self) -> int:
        """The number of events."""
        return len(self.events)

    @property
    def first_year(self) -> int:
        """The year of the earliest event."""
        return self.events[0].date.year

    @property
    def last_year(self) -> int:
        """The latest year any event reaches."""
        return max(event.last_date.year for event in self.events)

    def relocated(self, base: str, exports: dict[str, str] | None = None) -> Timeline:
        """A copy whose URLs start with `base` (`../` for a page one level down)."""

        def url(path: str | None) -> str | None:
            return None if path is None else (base + path or "./")

        def event(item: Event) -> Event:
            return replace(
                item,
                body_html=Markup(relocate_links(item.body_html, base)),
                media=item.media and replace(item.media, src=cast(str, url(item.media.src))),
                recommendations=tuple(
                    replace(rec, url=url(rec.url)) for rec in item.recommendations
                ),
            )

        events = {item.id: event(item) for item in self.events}
        return replace(
            self,
            events=list(events.values()),
            eras=[
                replace(group, events=[events[e.id] for e in group.events]) for group in self.eras
            ],
            exports=exports if exports is not None else self.exports,
        )
