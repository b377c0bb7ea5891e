"""The timeline as an Atom feed (RFC 4287), written with feedgen.

One entry per event, the newest event date first:

- `id` and `link`: the event's permalink, absolute (`site_url` + page URL + `#event-id`);
- `title`: the event's title, as text;
- `published`: the day the event was added (`added`), `updated`: the day it last changed
  (`updated`, else `added`), both at 00:00 UTC. An event without `added` is dated by its
  own date instead; Atom dates need a day, so an event known only to the month (or year)
  is dated the first day of its month (or year); its content says the date as it is known
  ("June 1950");
- `content` (HTML, template `exports/feed-entry.html`): the event's sanitised body, then
  its date as written, its sources, and when it was added and corrected;
- `category`: the event's kind (term: the kind's id, label: its name);
- `link rel="related"`: each source, with its title (written by a small feedgen entry
  extension: feedgen 1.0's own `entry.link()` drops `rel` and `title` when writing Atom).

Entries are sorted by `updated`, newest first. The feed's own `updated` is the newest
entry's when any event has `added`; else the build time of `dates.build_time`
(SOURCE_DATE_EPOCH when set, else the latest day the data reaches). Never the clock, so two
builds of one commit write the same bytes.

`changes_atom` is the feed of the "What's new" page: one entry per change (`changes.py`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any, cast

from feedgen.ext.base import BaseEntryExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from .changes import Change, ChangeLog
from .dates import PartialDate
from .model import Event, Timeline
from .render import CHANGE_ENTRY, FEED_ENTRY, Renderer


@dataclass(frozen=True)
class FeedInfo:
    """What the feed says about itself."""

    title: str
    feed_url: str  # the feed's own absolute URL: its id and rel="self"
    page_url: str  # the timeline page: rel="alternate"
    author: str
    updated: datetime
    subtitle: str | None = None
    rights: str | None = None
    language: str | None = None


def when(event: Event) -> str:
    """The event's date as a reader reads it (the model's one rule, `When.display`)."""
    return event.when.display


def entry_content(event: Event, renderer: Renderer | None = None) -> str:
    """The entry's HTML (template `exports/feed-entry.html`): the sanitised body, the date
    as written, the sources, when it was added and each correction."""
    return (renderer or Renderer()).render(FEED_ENTRY, event=event)


class RelatedLinks(BaseEntryExtension):  # type: ignore[misc]  # feedgen has no type hints
    """A feedgen entry extension: `<link rel="related" href title>` for each source."""

    def __init__(self) -> None:
        self.links: list[tuple[str, str]] = []  # (href, title)

    def extend_ns(self) -> dict[str, str]:
        return {}

    def extend_atom(self, entry: Any) -> Any:
        for href, title in self.links:
            xml_elem("link", entry, href=href, rel="related", title=title)
        return entry

    def extend_rss(self, item: Any) -> Any:
        return item


def published(event: Event) -> PartialDate:
    """When the entry appeared: the day the event was added, else its own date."""
    return event.added or event.date


def last_changed(event: Event) -> PartialDate:
    """When the entry last changed: `updated`, else `added`, else the event's own date."""
    return event.changed or event.date


def newest_first(items: Iterable[tuple[Event, str]]) -> list[tuple[Event, str]]:
    """(event, permalink) pairs by last change, then event date, newest first; a tie keeps the
    later-listed first."""
    return sorted(
        reversed(list(items)),
        key=lambda item: (last_changed(item[0]).sort_key, item[0].date.sort_key),
        reverse=True,
    )


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), UTC)


def _feed(info: FeedInfo, updated: datetime) -> FeedGenerator:
    """A feed with `info`'s title, links, author and the like."""
    feed = FeedGenerator()
    feed.id(info.feed_url)
    feed.title(info.title)
    feed.author({"name": info.author})
    feed.link(href=info.page_url, rel="alternate", type="text/html")
    feed.link(href=info.feed_url, rel="self", type="application/atom+xml")
    if info.subtitle:
        feed.subtitle(info.subtitle)
    if info.rights:
        feed.rights(info.rights)
    if info.language:
        feed.language(info.language)
    feed.generator("mkdocs-timeline (feedgen)")
    feed.updated(updated)
    return feed


def timeline_atom(
    items: Iterable[tuple[Event, str]], info: FeedInfo, renderer: Renderer | None = None
) -> bytes:
    """The Atom feed (UTF-8 bytes) of `(event, absolute permalink)` pairs; `renderer` has
    the theme's templates (the package's alone when None).

    Event bodies must already have absolute links (`Timeline.relocated(site_url)`).
    """
    renderer = renderer or Renderer()
    ordered = newest_first(items)
    dated = [event.changed for event, _ in ordered if event.changed]
    feed = _feed(info, _midnight(max(dated).first_day) if dated else info.updated)
    for event, permalink in ordered:
        entry = feed.add_entry(order="append")
        entry.id(permalink)
        entry.title(event.title)
        entry.link(href=permalink, rel="alternate", type="text/html")
        entry.register_extension("related", RelatedLinks, atom=True, rss=False)
        entry.related.links = [(source.url, source.title) for source in event.sources]
        entry.published(_midnight(published(event).first_day))
        entry.updated(_midnight(last_changed(event).first_day))
        entry.category(term=event.kind.id, label=event.kind.label)
        entry.content(entry_content(event, renderer), type="html")
    return cast(bytes, feed.atom_str(pretty=True, encoding="UTF-8"))


def change_title(change: Change) -> str:
    """ "Added: <title>", "Corrected: <title>" or "Withdrawn: <id>"."""
    return f"{change.what.capitalize()}: {change.title}"


def change_content(change: Change, renderer: Renderer | None = None) -> str:
    """The entry's HTML (template `exports/change-entry.html`): what changed, and for an
    addition the event itself."""
    return (renderer or Renderer()).render(CHANGE_ENTRY, change=change)


def change_items(timeline: Timeline, page_url: str, log_url: str) -> list[tuple[Change, str, str]]:
    """`(change, entry id, link)` of a timeline relocated to absolute URLs: the id is the
    change's anchor on the page at `log_url`, the link the event's anchor on `page_url`."""
    return [
        (change, f"{log_url}#{change.anchor}", f"{page_url}#{change.event_id}")
        for change in ChangeLog.of(timeline).changes
    ]


def changes_atom(
    changes: Iterable[tuple[Change, str, str]], info: FeedInfo, renderer: Renderer | None = None
) -> bytes:
    """The Atom feed of changes: `(change, entry id, link)` triples, newest first; `renderer`
    has the theme's templates (the package's alone when None).

    The id is the change's anchor on the "What's new" page; the link, the event's permalink.
    The feed's `updated` is the newest change's day (`info.updated` when there is none).
    """
    items = sorted(changes, key=lambda item: item[0].day.sort_key, reverse=True)  # stable
    newest = max((change.day for change, _, _ in items), default=None)
    feed = _feed(info, _midnight(newest.first_day) if newest else info.updated)
    for change, entry_id, link in items:
        entry = feed.add_entry(order="append")
        entry.id(entry_id)
        entry.title(change_title(change))
        entry.link(href=link, rel="alternate", type="text/html")
        day = _midnight(change.day.first_day)
        entry.published(day)
        entry.updated(day)
        entry.category(term=change.what, label=change.what.capitalize())
        entry.content(change_content(change, renderer), type="html")
    return cast(bytes, feed.atom_str(pretty=True, encoding="UTF-8"))
