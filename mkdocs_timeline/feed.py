"""The timeline as an Atom feed (RFC 4287), written with feedgen.

One entry per event, the newest event date first:

- `id` and `link`: the event's permalink, absolute (`site_url` + page URL + `#event-id`);
- `title`: the event's title, as text;
- `published` and `updated`: the event's date at 00:00 UTC. Atom dates need a day, so an
  event known only to the month (or year) is dated the first day of its month (or year);
  its content says the date as it is known ("June 1950");
- `content` (HTML, template `exports/feed-entry.html`): the event's sanitised body, then
  its date as written and its sources;
- `category`: the event's kind (term: the kind's id, label: its name);
- `link rel="related"`: each source, with its title (written by a small feedgen entry
  extension: feedgen 1.0's own `entry.link()` drops `rel` and `title` when writing Atom).

The feed's own `updated` is the build time of `dates.build_time`: SOURCE_DATE_EPOCH when
set, else the latest day the data reaches; never the clock, so two builds of one commit
write the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any, cast

from feedgen.ext.base import BaseEntryExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from .model import Event
from .render import FEED_ENTRY, Renderer


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
    as written, then the sources."""
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


def newest_first(items: Iterable[tuple[Event, str]]) -> list[tuple[Event, str]]:
    """(event, permalink) pairs by event date, newest first; a tie keeps the later-listed first."""
    return sorted(reversed(list(items)), key=lambda item: item[0].date.sort_key, reverse=True)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), UTC)


def timeline_atom(
    items: Iterable[tuple[Event, str]], info: FeedInfo, renderer: Renderer | None = None
) -> bytes:
    """The Atom feed (UTF-8 bytes) of `(event, absolute permalink)` pairs; `renderer` has
    the theme's templates (the package's alone when None).

    Event bodies must already have absolute links (`Timeline.relocated(site_url)`).
    """
    renderer = renderer or Renderer()
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
    feed.updated(info.updated)
    for event, permalink in newest_first(items):
        entry = feed.add_entry(order="append")
        entry.id(permalink)
        entry.title(event.title)
        entry.link(href=permalink, rel="alternate", type="text/html")
        entry.register_extension("related", RelatedLinks, atom=True, rss=False)
        entry.related.links = [(source.url, source.title) for source in event.sources]
        entry.published(_midnight(event.date.first_day))
        entry.updated(_midnight(event.date.first_day))
        entry.category(term=event.kind.id, label=event.kind.label)
        entry.content(entry_content(event, renderer), type="html")
    return cast(bytes, feed.atom_str(pretty=True, encoding="UTF-8"))
