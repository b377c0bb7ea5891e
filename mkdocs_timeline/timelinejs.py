"""TimelineJS v3 JSON and TimelineJS spreadsheet CSV: the writer and the reader, together.

TimelineJS has no place for an event's kind, sources, related sections, image
description or id in its spreadsheet, so each event's text ends with a
`<div class="tl-export">` that lists them (template `exports/timelinejs-text.html`);
the reader (`read_entries`, `Importer`) takes them back. Written output is
deterministic: fixed field order in CSV, sorted keys in JSON, `\\n` line endings.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup, Tag
from markdownify import markdownify

from .dates import PartialDate
from .model import Event, Timeline
from .render import EXPORT_TEXT, Renderer
from .urls import is_web_address, split_url

CSV_COLUMNS = (
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
    "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
    "Media Thumbnail", "Type", "Group", "Background", "Situations",
)  # fmt: skip
# "Situations" is ours, not TimelineJS's (which ignores it): the labels, "; " between them.
# TimelineJS's one "Group" per event stays the era: an event concerns no situation or several.


def event_text(event: Event, permalink: str, timeline: Timeline, renderer: Renderer) -> str:
    """The event's body followed by the `tl-export` trailer (kind, sources, id …), from
    the template `exports/timelinejs-text.html`."""
    return renderer.render(EXPORT_TEXT, event=event, permalink=permalink, timeline=timeline)


def _era_spans(timeline: Timeline) -> list[tuple[str, str, PartialDate, PartialDate]]:
    """(id, label, start, end) of each era with events; today's era ends at its last event."""
    return [
        (group.id, group.label, group.start, group.end or max(e.last_date for e in group.events))
        for group in timeline.eras
    ]


def _date(value: PartialDate) -> dict[str, int]:
    parts = {"year": value.year, "month": value.month, "day": value.day}
    return {key: part for key, part in parts.items() if part is not None}


def timeline_json(timeline: Timeline, page_url: str, renderer: Renderer | None = None) -> str:
    """TimelineJS v3 JSON; `page_url` is the timeline page, for each event's permalink;
    `renderer` has the theme's templates (the package's alone when None)."""
    renderer = renderer or Renderer()
    events = []
    for event in timeline.events:
        item = {
            "unique_id": event.id,
            "start_date": _date(event.date),
            "text": {
                "headline": escape(event.title),
                "text": event_text(event, f"{page_url}#{event.id}", timeline, renderer),
            },
            "group": escape(event.era.label),  # TimelineJS shows it as HTML
        }
        if event.end_date:
            item["end_date"] = _date(event.end_date)
        if event.media:
            item["media"] = {
                "url": event.media.src,
                "alt": event.media.alt,
                "caption": escape(event.media.caption or ""),
                "credit": escape(event.media.credit or ""),
            }
        events.append(item)
    eras = [
        {
            "unique_id": f"era-{era_id}",
            "start_date": _date(start),
            "end_date": _date(end),
            "text": {"headline": escape(label), "text": ""},
        }
        for era_id, label, start, end in _era_spans(timeline)
    ]
    data = {
        "title": {"text": {"headline": escape(timeline.title), "text": ""}},
        "events": events,
        "eras": eras,
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def timeline_csv(timeline: Timeline, page_url: str, renderer: Renderer | None = None) -> str:
    """The TimelineJS spreadsheet: a title row, one row per era, then one per event;
    `renderer` as for `timeline_json`."""
    renderer = renderer or Renderer()
    rows = [{"Headline": escape(timeline.title), "Type": "title"}]
    for _era_id, label, start, end in _era_spans(timeline):
        rows.append(
            {
                **_date_columns(start, ""),
                **_date_columns(end, "End "),
                "Headline": escape(label),
                "Type": "era",
            }
        )
    for event in timeline.events:
        row = {
            **_date_columns(event.date, ""),
            "Display Date": event.date.display,
            "Headline": escape(event.title),
            "Text": event_text(event, f"{page_url}#{event.id}", timeline, renderer),
            "Group": escape(event.era.label),
            "Situations": "; ".join(s.label for s in event.situations),
        }
        if event.end_date:
            row.update(_date_columns(event.end_date, "End "))
            row["Display Date"] = event.when.display
        if event.media:
            row["Media"] = event.media.src
            row["Media Credit"] = escape(event.media.credit or "")
            row["Media Caption"] = escape(event.media.caption or "")
        rows.append(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _date_columns(value: PartialDate, prefix: str) -> dict[str, str]:
    return {
        f"{prefix}Year": str(value.year),
        f"{prefix}Month": str(value.month or ""),
        f"{prefix}Day": str(value.day or ""),
    }


# -----------------------------------------------------------------------------
# Reading: TimelineJS text (HTML) to Markdown, and our exports' trailer
# -----------------------------------------------------------------------------

JSON_EVENT_FIELDS = {
    "start_date", "end_date", "text", "media", "group", "display_date", "unique_id", "autolink",
}  # fmt: skip
IGNORED_COLUMNS = {"Display Date", "Group", "Type", "Situations"}  # situations: the trailer
UNMAPPED_COLUMNS = {"Time", "End Time", "Media Thumbnail", "Background"}
# What Markdown can say; the text of any other element is kept, the element reported.
MARKDOWN_TAGS = {
    "p", "br", "em", "i", "strong", "b", "code", "a", "ul", "ol", "li", "blockquote", "div",
    "span",
}  # fmt: skip
URL_SAFE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class Report:
    """What could not be mapped: `report(where, message)`; printed by the command line."""

    def __init__(self, echo: Callable[[str], None] | None = None) -> None:
        self.lines: list[str] = []
        self.echo = echo

    def __call__(self, where: str, message: str) -> None:
        self.lines.append(f"{where}: {message}")
        if self.echo:
            self.echo(f"{where}: {message}")


@dataclass
class Text:
    """A TimelineJS text read: its Markdown, its links, the trailer's facts, dropped tags."""

    markdown: str
    links: list[tuple[str, str]]
    trailer: dict[str, Any]
    dropped: list[str]


def _trailer(div: Tag) -> dict[str, Any]:
    """Kind, id, situations, related events, sources, recommendations and image description
    from a `tl-export` div."""
    found: dict[str, Any] = {"sources": [], "recommendations": []}
    found["situations"] = [str(item["data-situation"]) for item in div.select("[data-situation]")]
    found["related"] = [str(item["data-related"]) for item in div.select("[data-related]")]
    for item in div.select("[data-recommendation]"):
        found["recommendations"].append(item["data-recommendation"])
    if kind := div.select_one("[data-kind]"):
        found["kind"] = kind["data-kind"]
    if alt := div.select_one("[data-alt]"):
        found["alt"] = " ".join(alt.get_text().split())
    if permalink := div.select_one("a[data-id]"):
        found["id"] = permalink["data-id"]
    heading = div.find(string=re.compile(r"^\s*Sources?:\s*$"))
    listed = heading.find_next("ul") if heading else None
    if listed is not None:
        for link in listed.select("a[href]"):
            found["sources"].append(_source_record(link))
    return found


def _source_record(link: Tag) -> dict[str, Any]:
    """A source of the data file from an export's source link (see the template `exports/source-item.html`)."""
    record: dict[str, Any] = {
        "title": " ".join(link.get_text().split()),
        "url": str(link["href"]),
    }
    for key in ("publisher", "type", "published"):
        if link.get(f"data-{key}"):
            record[key] = str(link[f"data-{key}"])
    version, day = link.get("data-versionurl"), link.get("data-versiondate")
    if version and day and version != record["url"]:
        record["archived"] = {"url": str(version), "date": str(day)}
    return record


def read_text(html_text: str, link: Callable[[str], str]) -> Text:
    """Markdown for a TimelineJS text; `link` maps each href (e.g. site URLs to docs/ paths)."""
    soup = BeautifulSoup(html_text, "html.parser")
    trailer: dict[str, Any] = {"sources": [], "recommendations": []}
    for div in soup.select("div.tl-export"):
        trailer = _trailer(div)
        div.decompose()
    dropped = sorted({tag.name for tag in soup.find_all(True)} - MARKDOWN_TAGS)
    for tag in soup.find_all(dropped):
        tag.unwrap()
    links = []
    for anchor in soup.find_all("a"):
        href = anchor.get("href")
        if not href:
            anchor.unwrap()
            continue
        links.append((" ".join(anchor.get_text().split()), str(href)))
        anchor["href"] = link(str(href))
    markdown = markdownify(str(soup), bullets="-", strong_em_symbol="*", heading_style="ATX")
    paragraphs = [" ".join(block.split()) for block in re.split(r"\n\s*\n", markdown)]
    lines = "\n\n".join(p for p in paragraphs if p)
    # consecutive list items belong to one list: one line each, no blank line between them
    lines = re.sub(r"\n\n(?=(?:- |[0-9]+\. ))", "\n", lines)
    return Text(lines, links, trailer, dropped)


def plain_text(html_text: str) -> str:
    """Text without tags or entities, whitespace collapsed."""
    return " ".join(BeautifulSoup(html_text or "", "html.parser").get_text(" ").split())


def _int(value: object) -> int | None:
    text = str(value if value is not None else "").strip()
    return int(text) if text.lstrip("-").isdigit() else None


def _iso(parts: dict[str, Any]) -> str | None:
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD` from TimelineJS year/month/day, or None."""
    year, month, day = (_int(parts.get(key)) for key in ("year", "month", "day"))
    if year is None or year < 1:
        return None
    if month is None:
        return f"{year:04d}"
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else "")


def read_entries(
    path: Path, report: Report
) -> tuple[str | None, list[dict[str, Any]], list[dict[str, Any]]]:
    """(title, events, eras) in a neutral form from a JSON or CSV file."""
    if path.suffix.lower() == ".json":
        return _read_json(path, report)
    return _read_csv(path, report)


def _read_json(
    path: Path, report: Report
) -> tuple[str | None, list[dict[str, Any]], list[dict[str, Any]]]:
    data = json.loads(path.read_text(encoding="utf-8-sig"))
    title = plain_text(((data.get("title") or {}).get("text") or {}).get("headline", "")) or None
    events = []
    for number, item in enumerate(data.get("events", []), 1):
        text = item.get("text") or {}
        where = f"event {number} {plain_text(text.get('headline', ''))[:40]!r}"
        for key in sorted(set(item) - JSON_EVENT_FIELDS):
            report(where, f"field '{key}' is not imported")
        events.append(
            {
                "where": where,
                "unique_id": item.get("unique_id"),
                "date": _iso(item.get("start_date") or {}),
                "end_date": _iso(item.get("end_date") or {}) if item.get("end_date") else None,
                "headline": text.get("headline", ""),
                "text": text.get("text", ""),
                "media": item.get("media") or None,
            }
        )
    eras = [
        {
            "label": plain_text((era.get("text") or {}).get("headline", "")),
            "start": _iso(era.get("start_date") or {}),
            "end": _iso(era.get("end_date") or {}),
        }
        for era in data.get("eras", [])
    ]
    return title, events, eras


def _read_csv(
    path: Path, report: Report
) -> tuple[str | None, list[dict[str, Any]], list[dict[str, Any]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = reader.fieldnames or []
        for column in columns:
            if column not in CSV_COLUMNS:
                report(
                    "header", f"column '{column}' is not a TimelineJS column and is not imported"
                )
        rows = list(reader)
    title, events, eras = None, [], []
    for number, row in enumerate(rows, 2):
        row = {key: (value or "").strip() for key, value in row.items() if key}
        where = f"row {number} {plain_text(row.get('Headline', ''))[:40]!r}"
        start = {"year": row.get("Year"), "month": row.get("Month"), "day": row.get("Day")}
        end = {
            "year": row.get("End Year"),
            "month": row.get("End Month"),
            "day": row.get("End Day"),
        }
        kind = row.get("Type", "").lower()
        if kind == "title":
            title = plain_text(row.get("Headline", "")) or None
            continue
        if kind == "era":
            eras.append(
                {
                    "label": plain_text(row.get("Headline", "")),
                    "start": _iso(start),
                    "end": _iso(end),
                }
            )
            continue
        for column in sorted(UNMAPPED_COLUMNS):
            if row.get(column):
                report(where, f"'{column}' ({row[column][:40]}) is not imported")
        media = None
        if row.get("Media"):
            media = {
                "url": row["Media"],
                "caption": row.get("Media Caption", ""),
                "credit": row.get("Media Credit", ""),
            }
        events.append(
            {
                "where": where,
                "unique_id": None,
                "date": _iso(start),
                "end_date": _iso(end) if row.get("End Year") else None,
                "headline": row.get("Headline", ""),
                "text": row.get("Text", ""),
                "media": media,
            }
        )
    return title, events, eras


# -----------------------------------------------------------------------------
# Mapping to our format
# -----------------------------------------------------------------------------


def slugify(text: str, limit: int = 50) -> str:
    """A URL-safe id from a headline: ASCII, lowercase, single hyphens, at most `limit` chars."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower().replace("'", "")))
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "event"


class Importer:
    """Maps neutral entries to events of our format, reporting what it cannot map."""

    def __init__(self, report: Report, site_url: str | None, default_kind: str | None):
        self.report = report
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.default_kind = default_kind
        self.ids: set[str] = set()

    def docs_path(self, url: str) -> str:
        """A link into the site (under --site-url, or relative) as a path under docs/."""
        if self.site_url and url.startswith(self.site_url):
            rest = url[len(self.site_url) :]
        elif (parts := split_url(url)) and not parts.scheme and not url.startswith(("/", "#")):
            rest = re.sub(r"^(\.\./)+", "", url)
        else:
            return url
        path, _, fragment = rest.partition("#")
        if path == "" or path.endswith("/"):
            path = (path[:-1] or "index") + ".md"
        elif path.endswith(".html"):
            path = path[:-5] + ".md"
        return posixpath.normpath(path) + (f"#{fragment}" if fragment else "")

    def unique(self, wanted: str) -> str:
        """`wanted`, or `wanted-2`, `wanted-3` … if it is taken."""
        candidate, number = wanted, 2
        while candidate in self.ids:
            candidate, number = f"{wanted}-{number}", number + 1
        self.ids.add(candidate)
        return candidate

    def event(self, entry: dict[str, Any]) -> dict[str, Any] | None:
        """One event of our format, or None (reported) when it has no date."""
        where = entry["where"]
        if not entry["date"]:
            self.report(where, "no year; the row is skipped")
            return None
        text = read_text(entry["text"] or "", self.docs_path)
        body = text.markdown
        for tag in text.dropped:
            self.report(where, f"HTML <{tag}> in the text is dropped (its text is kept)")
        trailer = text.trailer
        title = plain_text(entry["headline"])
        wanted = next(
            (
                value
                for value in (entry["unique_id"], trailer.get("id"))
                if value and URL_SAFE.fullmatch(value)
            ),
            slugify(title),
        )
        event = {"id": self.unique(wanted), "date": entry["date"]}
        if entry["end_date"] and entry["end_date"] != entry["date"]:
            event["end_date"] = entry["end_date"]
        event["title"] = title
        kind = trailer.get("kind") or self.default_kind
        if kind and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", kind):
            event["kind"] = kind
        else:
            self.report(where, "no kind; add the id of one of the file's kinds (or pass --kind)")
        if trailer.get("situations"):
            event["situations"] = trailer["situations"]
        # the export lists a pair on both events; the file declares it once, on the later one
        earlier = [
            other for other in trailer.get("related", []) if other in self.ids - {event["id"]}
        ]
        if earlier:
            event["related"] = earlier
        if body:
            event["body"] = body
        else:
            self.report(where, "no text; write a body of one to four sentences")
        sources = trailer["sources"] or [
            {"title": label or href, "url": href}
            for label, href in dict.fromkeys(text.links)
            if is_web_address(href)
        ]
        if sources:
            event["sources"] = [dict(s) for s in {s["url"]: s for s in sources}.values()]
        else:
            self.report(
                where, "no source found in the text; add at least one source (title and url)"
            )
        media = self.media(entry.get("media"), trailer.get("alt"), where)
        if media:
            event["media"] = media
        if trailer["recommendations"]:
            event["recommendations"] = trailer["recommendations"]
        return event

    def media(
        self, media: dict[str, Any] | None, alt: str | None, where: str
    ) -> dict[str, Any] | None:
        """Our media mapping (src, alt, caption, credit) from TimelineJS media."""
        if not media or not media.get("url"):
            return None
        src = self.docs_path(media["url"])
        result = {"src": src}
        parts = split_url(src)
        if parts is None or parts.scheme:
            self.report(
                where,
                f"media {src} is not under --site-url; save the image under docs/ and set src",
            )
        alt = alt or plain_text(media.get("alt", ""))
        if alt:
            result["alt"] = alt
        else:
            self.report(where, "media has no alt text; add 'alt' describing the image")
        for key in ("caption", "credit"):
            value = plain_text(media.get(key, ""))
            if value:
                result[key] = value
        return result


# -----------------------------------------------------------------------------
# Writing YAML
# -----------------------------------------------------------------------------


class _Plain(str):
    """A scalar written without quotes when YAML allows (dates, years)."""


class _Block(str):
    """Text written as a literal block (`|`), for bodies of several paragraphs."""


class _Folded(str):
    """Text written as a folded block (`>-`), for long one-paragraph bodies."""


class _Dumper(yaml.SafeDumper):
    """Indents lists under their key, as the data file is written by hand."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_Dumper.add_representer(
    _Plain,
    lambda d, v: d.represent_scalar(
        d.resolve(yaml.ScalarNode, str(v), (True, False)),  # type: ignore[no-untyped-call]
        str(v),
    ),
)
_Dumper.add_representer(
    _Block, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style="|")
)
_Dumper.add_representer(
    _Folded, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style=">")
)


def _styled(event: dict[str, Any]) -> dict[str, Any]:
    styled = dict(event)
    for key in ("date", "end_date"):
        if key in styled:
            styled[key] = _Plain(styled[key])
    body = styled.get("body", "")
    if "\n" in body:
        styled["body"] = _Block(body)
    elif len(body) > 60:
        styled["body"] = _Folded(body)
    return styled


def to_yaml(
    title: str | None, eras: list[dict[str, Any]], events: list[dict[str, Any]], source: str
) -> str:
    """The timeline file: a header comment, then title, eras and events."""
    header = (
        f"# Imported from {source} by mkdocs-timeline import.\n"
        "# Check every event against its sources before publishing; the format is\n"
        "# documented in docs/editors/timeline-data.md.\n"
    )
    data: dict[str, Any] = {}
    if title:
        data["title"] = title
    data["eras"] = [
        {k: _Plain(v) if k in ("start", "end") else v for k, v in era.items()} for era in eras
    ]
    data["events"] = [_styled(event) for event in events]
    lines = yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88
    ).splitlines()
    start = lines.index("events:")
    for index in range(len(lines) - 1, start + 1, -1):  # a blank line between events
        if lines[index].startswith("  - id:"):
            lines.insert(index, "")
    return header + "\n".join(lines) + "\n"


def read_eras(path: Path, entries: list[dict[str, Any]], report: Report) -> list[dict[str, Any]]:
    """Eras from an existing timeline file, else converted from the input (reported)."""
    if path.is_file():
        eras = (yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}).get("eras") or []
        return [
            {key: str(value) for key, value in era.items() if value is not None} for era in eras
        ]
    report("eras", f"{path} not found; eras converted from the input, check their ids and dates")
    eras = []
    for entry in entries:
        era = {"id": slugify(entry["label"]), "label": entry["label"], "start": entry["start"]}
        if entry.get("end"):
            era["end"] = entry["end"]
        eras.append(era)
    return eras
