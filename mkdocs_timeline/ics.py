"""The timeline as an iCalendar file (RFC 5545), written line by line (the `icalendar`
library's writer folds each line character by character: most of a 10,000-event build).

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
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from typing import ClassVar

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


def text(value: str) -> str:
    """An iCalendar TEXT value (RFC 5545 3.3.11): backslash, `;` and `,` escaped, line
    breaks as `\\n`."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )


def fold(line: str, limit: int = 75) -> str:
    """A content line folded (RFC 5545 3.1): parts under `limit` octets, each after the
    first starting with a space; an escape (`\\`, `^`) is never split from what follows."""
    if line.isascii():  # one octet a character: cut by position
        parts, start, most = [], 0, limit - 1
        while len(line) - start > most:
            end = start + most
            if line[end - 1] in "\\^":
                end -= 1
            parts.append(line[start:end])
            start = end
        parts.append(line[start:])
        return "\r\n ".join(parts)
    parts, current, size = [], "", 0
    for char in line:
        octets = len(char.encode("utf-8"))
        if current and size + octets >= limit:
            if len(current) > 1 and current[-1] in "\\^":
                parts.append(current[:-1])
                current, size = current[-1], len(current[-1].encode("utf-8"))
            else:
                parts.append(current)
                current, size = "", 0
        current += char
        size += octets
    parts.append(current)
    return "\r\n ".join(parts)


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
    every UID, `stamp` is every DTSTAMP (UTC). Properties are in the order the
    `icalendar` library writes them (tests/package/test_feeds.py holds the two equal).
    """
    utc = stamp.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{text(f'-//{site}//mkdocs-timeline//EN')}",
        "CALSCALE:GREGORIAN",
        f"NAME:{text(name)}",
        f"X-WR-CALNAME:{text(name)}",
        f"URL:{page_url}",
    ]
    for event, permalink in items:
        end = event.last_date.last_day + timedelta(days=1)
        lines += [
            "BEGIN:VEVENT",
            f"SUMMARY:{text(event.title)}",
            f"DTSTART;VALUE=DATE:{event.date.first_day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{end:%Y%m%d}",
            f"DTSTAMP:{utc}",
            f"UID:{text(f'{event.id}@{host}')}",
            f"CATEGORIES:{text(event.kind.label)}",
            f"DESCRIPTION:{text(description(event))}",
            "TRANSP:TRANSPARENT",
            f"URL:{permalink}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")
