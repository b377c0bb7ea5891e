"""Convert a TimelineJS spreadsheet (CSV export) or TimelineJS JSON file into our timeline YAML.

    .venv/bin/python scripts/import_timelinejs.py timeline.csv -o data/timeline.yml

What is read from each event:
  date and end date  Year/Month/Day (JSON: start_date/end_date); rows without a year are skipped
  id                 unique_id, else the id in our own exports' trailer, else the headline
                     slugified; made unique with -2, -3 …
  title              the headline, as plain text
  body               the text, converted from HTML to Markdown
  sources            the links listed under "Sources:" in our exports' trailer, else every
                     http(s) link in the text
  kind, recommendations, image description
                     from our exports' trailer (see mkdocs_timeline/exports.py), else
                     --kind for the kind; missing ones are reported
  media              Media/media.url; URLs under --site-url become paths under docs/

Eras are copied from --eras-from (default data/timeline.yml), else converted from the input's
era rows. Everything that could not be mapped is reported on stderr, and the written file is
checked with the plugin's validator against the site in --config: the report ends with its
problems, if any. An existing output file is only replaced with --force.

Exit status: 0 written and valid; 1 written, but the validator found problems; 2 nothing written.
"""

from __future__ import annotations

import argparse
import csv
import json
import posixpath
import re
import sys
import unicodedata
from collections.abc import Callable
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import yaml

from mkdocs_timeline.exports import CSV_COLUMNS
from mkdocs_timeline.kinds import KINDS_BY_ID
from mkdocs_timeline.urls import is_web_address, split_url

ROOT = Path(__file__).resolve().parents[1]

URL_SAFE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
JSON_EVENT_FIELDS = {
    "start_date",
    "end_date",
    "text",
    "media",
    "group",
    "display_date",
    "unique_id",
    "autolink",
}
IGNORED_COLUMNS = {"Display Date", "Group", "Type"}
UNMAPPED_COLUMNS = {"Time", "End Time", "Media Thumbnail", "Background"}


class Report:
    """What could not be mapped, printed on stderr."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def __call__(self, where: str, message: str) -> None:
        self.lines.append(f"{where}: {message}")
        print(f"import: {where}: {message}", file=sys.stderr)


# -----------------------------------------------------------------------------
# HTML text to Markdown, and our exports' trailer
# -----------------------------------------------------------------------------


INLINE = {"em": "*", "i": "*", "strong": "**", "b": "**", "code": "`"}


class _TextReader(HTMLParser):
    """Turns a TimelineJS text (HTML) into Markdown and the facts of a `tl-export` trailer."""

    def __init__(self, link: Callable[[str], str]) -> None:
        super().__init__(convert_charrefs=True)
        self.link = link
        self.blocks: list[tuple[str, str]] = []  # ("para" or "item", Markdown)
        self.current = ""
        self.link_start = 0
        self.lists: list[list] = []  # [tag, prefix of the next item, items so far]
        self.quote = 0
        self.links: list[tuple[str, str]] = []
        self.href: list[str | None] = []
        self.dropped: set[str] = set()
        self.in_code = False
        # the trailer
        self.in_trailer = 0
        self.section = ""
        self.trailer: dict = {"sources": [], "recommendations": []}
        self.capture: str | None = None
        self.captured = ""
        self.source_url = ""

    # blocks ------------------------------------------------------------------

    def _flush(self) -> None:
        text = " ".join(self.current.split())
        if text:
            prefix = "> " * self.quote
            if self.lists and self.lists[-1][1] is not None:
                prefix += self.lists[-1][1]
                self.lists[-1][1] = None
                self.blocks.append(("item", prefix + text))
            else:
                self.blocks.append(("para", prefix + text))
        self.current = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if self.in_trailer:
            self._trailer_start(tag, attributes)
            return
        if tag == "div" and "tl-export" in (attributes.get("class") or "").split():
            self._flush()
            self.in_trailer = 1
            return
        if tag in ("ul", "ol"):
            self._flush()
            self.lists.append([tag, None, 0])
        elif tag == "li" and self.lists:
            self._flush()
            entry = self.lists[-1]
            entry[2] += 1
            entry[1] = "- " if entry[0] == "ul" else f"{entry[2]}. "
        elif tag == "blockquote":
            self._flush()
            self.quote += 1
        elif tag == "br":
            self.current += " "
        elif tag in ("p", "div"):
            self._flush()
        elif tag in INLINE:
            self.current += INLINE[tag]
            self.in_code = tag == "code"
        elif tag == "a":
            self.href.append(attributes.get("href"))
            self.current += "["
            self.link_start = len(self.current)
        else:
            self.dropped.add(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.in_trailer:
            self._trailer_end(tag)
            return
        if tag in ("ul", "ol") and self.lists:
            self._flush()
            self.lists.pop()
        elif tag == "blockquote" and self.quote:
            self._flush()
            self.quote -= 1
        elif tag in ("p", "div", "li"):
            self._flush()
        elif tag in INLINE:
            self.current += INLINE[tag]
            self.in_code = False
        elif tag == "a" and self.href:
            href = self.href.pop()
            text = self.current[self.link_start :]
            if href:
                self.links.append((text, href))
                self.current += f"]({self.link(href)})"
            else:
                self.current = self.current[: self.link_start - 1] + text

    def handle_data(self, data: str) -> None:
        if self.in_trailer:
            if self.capture is not None:
                self.captured += data
            elif data.strip().endswith(":"):
                self.section = data.strip()
            return
        self.current += data if self.in_code else _escape_markdown(data)

    # trailer -----------------------------------------------------------------

    def _trailer_start(self, tag: str, attributes: dict) -> None:
        if tag == "div":
            self.in_trailer += 1
        elif tag == "li" and attributes.get("data-recommendation"):
            self.trailer["recommendations"].append(attributes["data-recommendation"])
        elif tag == "span" and attributes.get("data-kind"):
            self.trailer["kind"] = attributes["data-kind"]
        elif tag == "span" and "data-alt" in attributes:
            self.capture, self.captured = "alt", ""
        elif tag == "a" and attributes.get("data-id"):
            self.trailer["id"] = attributes["data-id"]
        elif tag == "a" and self.section.startswith("Sources"):
            self.capture, self.captured = "source", ""
            self.source_url = attributes.get("href") or ""

    def _trailer_end(self, tag: str) -> None:
        if tag == "div":
            self.in_trailer -= 1
        elif tag == "span" and self.capture == "alt":
            self.trailer["alt"] = " ".join(self.captured.split())
            self.capture = None
        elif tag == "a" and self.capture == "source":
            self.trailer["sources"].append(
                {"title": " ".join(self.captured.split()), "url": self.source_url}
            )
            self.capture = None

    def result(self) -> str:
        """The Markdown body."""
        self._flush()
        out = ""
        for index, (kind, text) in enumerate(self.blocks):
            if index:
                out += "\n" if kind == "item" and self.blocks[index - 1][0] == "item" else "\n\n"
            out += text
        return out


def _escape_markdown(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<])", r"\\\1", text)


def plain_text(html_text: str) -> str:
    """Text without tags or entities, whitespace collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]*>", " ", html_text or "")).split())


# -----------------------------------------------------------------------------
# Reading the input
# -----------------------------------------------------------------------------


def _int(value) -> int | None:
    text = str(value if value is not None else "").strip()
    return int(text) if text.lstrip("-").isdigit() else None


def _iso(parts: dict) -> str | None:
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD` from TimelineJS year/month/day, or None."""
    year, month, day = (_int(parts.get(key)) for key in ("year", "month", "day"))
    if year is None or year < 1:
        return None
    if month is None:
        return f"{year:04d}"
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else "")


def read_entries(path: Path, report: Report) -> tuple[str | None, list[dict], list[dict]]:
    """(title, events, eras) in a neutral form from a JSON or CSV file."""
    if path.suffix.lower() == ".json":
        return _read_json(path, report)
    return _read_csv(path, report)


def _read_json(path: Path, report: Report) -> tuple[str | None, list[dict], list[dict]]:
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


def _read_csv(path: Path, report: Report) -> tuple[str | None, list[dict], list[dict]]:
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

    def event(self, entry: dict) -> dict | None:
        """One event of our format, or None (reported) when it has no date."""
        where = entry["where"]
        if not entry["date"]:
            self.report(where, "no year; the row is skipped")
            return None
        reader = _TextReader(self.docs_path)
        reader.feed(entry["text"] or "")
        reader.close()
        body = reader.result()
        for tag in sorted(reader.dropped):
            self.report(where, f"HTML <{tag}> in the text is dropped (its text is kept)")
        trailer = reader.trailer
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
        if kind in KINDS_BY_ID:
            event["kind"] = kind
        else:
            self.report(where, f"no kind; add one of: {', '.join(KINDS_BY_ID)} (or pass --kind)")
        if body:
            event["body"] = body
        else:
            self.report(where, "no text; write a body of one to four sentences")
        sources = trailer["sources"] or [
            {"title": (text and plain_text(text)) or href, "url": href}
            for text, href in dict.fromkeys(reader.links)
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

    def media(self, media: dict | None, alt: str | None, where: str) -> dict | None:
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
    lambda d, v: d.represent_scalar(d.resolve(yaml.ScalarNode, str(v), (True, False)), str(v)),
)
_Dumper.add_representer(
    _Block, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style="|")
)
_Dumper.add_representer(
    _Folded, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style=">")
)


def _styled(event: dict) -> dict:
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


def to_yaml(title: str | None, eras: list[dict], events: list[dict], source: str) -> str:
    """The timeline file: a header comment, then title, eras and events."""
    header = (
        f"# Imported from {source} by scripts/import_timelinejs.py.\n"
        "# Check every event against its sources before publishing; the format is\n"
        "# documented in docs/editors/timeline-data.md.\n"
    )
    data: dict = {}
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


def read_eras(path: Path, entries: list[dict], report: Report) -> list[dict]:
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


def validate(text: str, output: Path, config_file: Path) -> list[str]:
    """The validator's problems with the written file (empty when it is valid)."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from mkdocs_timeline.errors import TimelineError
    from mkdocs_timeline.site import Site
    from mkdocs_timeline.validate import parse_timeline

    config = load_config(config_file=str(config_file))
    plugin = config.plugins.get("timeline")
    page = plugin.config.recommendations_page if plugin else "task-force-recommendations.md"
    site = Site.from_files(get_files(config), config, page)
    try:
        parse_timeline(text.encode("utf-8"), str(output), site)
    except TimelineError as error:
        return str(error).splitlines()
    return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Convert a TimelineJS spreadsheet (CSV) or TimelineJS JSON file into the "
        "timeline YAML format of docs/editors/timeline-data.md. What cannot be mapped is "
        "reported on stderr; the output is then checked with the site's validator.",
        epilog="Exit status: 0 written and valid; 1 written with validator problems; 2 nothing written.",
    )
    parser.add_argument(
        "input", type=Path, help="a .csv (TimelineJS spreadsheet export) or .json (TimelineJS) file"
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=ROOT / "data" / "timeline.yml",
        help="the YAML file to write (default: data/timeline.yml)",
    )
    parser.add_argument("--force", action="store_true", help="replace the output file if it exists")
    parser.add_argument(
        "--eras-from",
        type=Path,
        default=ROOT / "data" / "timeline.yml",
        help="copy the eras from this timeline file (default: data/timeline.yml); "
        "without it, eras are converted from the input",
    )
    parser.add_argument(
        "--site-url",
        help="the site's URL in the input (e.g. https://example.org/site/): "
        "links and images under it become paths under docs/",
    )
    parser.add_argument(
        "--kind",
        choices=sorted(KINDS_BY_ID),
        help="kind for events whose kind the input does not give",
    )
    parser.add_argument(
        "--config",
        type=Path,
        default=ROOT / "mkdocs.yml",
        help="the site whose pages and images the output is checked against (default: mkdocs.yml)",
    )
    args = parser.parse_args(argv)

    if args.output.exists() and not args.force:
        print(f"import: {args.output} exists; pass --force to replace it", file=sys.stderr)
        return 2
    if not args.input.is_file():
        print(f"import: {args.input} is not a file", file=sys.stderr)
        return 2
    report = Report()
    try:
        title, entries, era_entries = read_entries(args.input, report)
    except (ValueError, UnicodeDecodeError, csv.Error, AttributeError) as error:
        print(f"import: cannot read {args.input}: {error}", file=sys.stderr)
        return 2
    eras = read_eras(args.eras_from, era_entries, report)
    importer = Importer(report, args.site_url, args.kind)
    events = [event for entry in entries if (event := importer.event(entry)) is not None]
    text = to_yaml(title, eras, events, args.input.name)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8", newline="\n")
    problems = validate(text, args.output, args.config)
    for line in problems:
        print(f"import: {line}", file=sys.stderr)
    print(
        f"import: wrote {len(events)} events to {args.output}; {len(report.lines)} things not mapped"
        + ("; the validator found problems (above)" if problems else "; the file is valid"),
        file=sys.stderr,
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
