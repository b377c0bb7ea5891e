"""The timeline as an iCalendar file (RFC 5545), written with the `icalendar` library.

Every event becomes an all-day VEVENT:

- DTSTART is the event's date; DTEND is the day after its last day (iCalendar's end of
  an all-day event is exclusive), the `end_date` when there is one;
- UID is `<event id>@<host of site_url>`: stable as long as the event's id is;
- URL is the event's permalink (`site_url` + page URL + `#event-id`);
- SUMMARY is the title, CATEGORIES the kind, DESCRIPTION the date as written, the body
  as plain text and the sources; TRANSP is TRANSPARENT (history does not make anyone busy);
- DTSTAMP is the build time of `dates.build_time` (SOURCE_DATE_EPOCH, else the latest day
  the data reaches), never the clock, so two builds of one commit write the same bytes.

Events known only to the month or the year: a calendar has no "some day in June 1950",
and dropping the events would hide them from readers who import the file. So such an
event is an all-day event spanning its whole month (or year): "June 1950" runs from
1 June to 30 June 1950 (DTEND 1 July). No day is invented: the span is exactly the
period the date stands for, and the DESCRIPTION starts with the date as written and says
the day is not known. docs/editors/timeline-data.md tells editors the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from html.parser import HTMLParser
from typing import ClassVar, cast

from icalendar import Calendar
from icalendar import Event as VEvent

from .dates import PartialDate
from .feed import when
from .model import Event


class _Text(HTMLParser):
    """The text of sanitised HTML: paragraphs and list items on their own lines."""

    BREAKS: ClassVar[set[str]] = {
        "p",
        "li",
        "br",
        "ul",
        "ol",
        "blockquote",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(html: str) -> str:
    """`html` as plain text: tags dropped, entities decoded, one blank line between blocks."""
    parser = _Text()
    parser.feed(str(html))
    parser.close()
    # the parser decodes character references itself (convert_charrefs): decoding again
    # would turn a body's literal "&lt;b&gt;" into "<b>"
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def precision_note(value: PartialDate) -> str:
    """Why a month- or year-only event spans its whole period; empty for a full date."""
    if value.day:
        return ""
    period = "month" if value.month else "year"
    return f" (the day is not known; the calendar shows the whole {period})"


def description(event: Event) -> str:
    """The event's date as written, its body as plain text and its sources."""
    note = precision_note(event.date) or (event.end_date and precision_note(event.end_date))
    lines = [f"Date: {when(event)}{note or ''}", "", event.body_text, ""]
    lines.append("Sources:" if len(event.sources) != 1 else "Source:")
    for source in event.sources:
        kind = "primary source" if source.primary else "secondary source"
        lines.append(f"- {source.title} ({source.publisher}; {kind}): {source.url}")
        if source.archived:
            lines.append(f"  archived copy ({source.archived.date.iso}): {source.archived.url}")
    return "\n".join(lines)


def timeline_ics(
    items: Iterable[tuple[Event, str]],
    *,
    name: str,
    site: str,
    host: str,
    page_url: str,
    stamp: datetime,
) -> bytes:
    """The iCalendar file (UTF-8 bytes, CRLF lines) of `(event, absolute permalink)` pairs.

    `name` titles the calendar, `site` (the site's name) is in its PRODID, `host` ends
    every UID, `stamp` is every DTSTAMP (UTC).
    """
    calendar = Calendar()
    calendar.add("prodid", f"-//{site}//mkdocs-timeline//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("url", page_url)
    for event, permalink in items:
        item = VEvent()
        item.add("uid", f"{event.id}@{host}")
        item.add("dtstamp", stamp)
        item.add("dtstart", event.date.first_day)
        item.add("dtend", event.last_date.last_day + timedelta(days=1))
        item.add("summary", event.title)
        item.add("description", description(event))
        item.add("url", permalink)
        item.add("categories", [event.kind.label])
        item.add("transp", "TRANSPARENT")
        calendar.add_component(item)
    return cast(bytes, calendar.to_ical())
