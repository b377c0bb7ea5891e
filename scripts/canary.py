"""Fail a built site whose timeline page does not show every event of the data file.

    .venv/bin/python scripts/canary.py SITE_DIR [SITE_DIR...]
        [--data data/timeline.yml] [--page relationship/index.html]

A builder that drops the timeline plugin (Zensical runs no MkDocs plugins) still builds, and
says "No issues found": the canary is what notices. It reads the data file with plain YAML and
the page with the standard library's HTML parser, on purpose sharing no code with the package,
so a bug there cannot hide itself. An event on the page is an `<article class="tl-event">`;
its id is the article's own id, else its aria-labelledby, else the first id inside it (today:
the event's heading). Every id of the data must be on the page once, and no other. The page's
downloads (`<a download>`: the exports) and its `<link rel="alternate">` (the feed) must be
files of the site, since another builder may not write them.
Exit status 0 when every site passes, 1 otherwise (each failure names the ids), 2 on bad input.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[1]
# What a builder leaves in the page when nothing rendered the timeline (an HTML comment in
# the Markdown passes through as raw HTML).
MARKER = "<!-- timeline"


class _Events(HTMLParser):
    """The ids of the `<article class="tl-event">` elements, in page order."""

    # Elements without an end tag: they do not open a level of nesting.
    VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str | None] = []
        self.files: list[str] = []  # hrefs of downloads and alternate links
        self._depth = 0  # open elements inside the current event; 0: not in an event
        self._need_id = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        href = values.get("href")
        if href and (
            (tag == "a" and "download" in values)
            or (tag == "link" and values.get("rel") == "alternate")
        ):
            self.files.append(href)
        if self._depth:
            if self._need_id and values.get("id"):
                self.ids[-1] = values["id"]
                self._need_id = False
            if tag not in self.VOID:
                self._depth += 1
            return
        if tag == "article" and "tl-event" in (values.get("class") or "").split():
            found = values.get("id") or values.get("aria-labelledby")
            self.ids.append(found)
            self._need_id = not found
            self._depth = 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._depth and self._need_id and dict(attrs).get("id"):
            self.ids[-1] = dict(attrs)["id"]
            self._need_id = False

    def handle_endtag(self, tag: str) -> None:
        if self._depth and tag not in self.VOID:
            self._depth -= 1


def _parse(html: str) -> _Events:
    parser = _Events()
    parser.feed(html)
    parser.close()
    return parser


def page_event_ids(html: str) -> list[str | None]:
    """The event ids shown on a built page, in order (None: an event without any id)."""
    return _parse(html).ids


def missing_files(html: str, page: Path) -> list[str]:
    """The page's download and alternate links (relative ones) that name no file of the site."""
    missing = []
    for href in _parse(html).files:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            continue  # another host, or site-absolute: the link check's business
        if not (page.parent / unquote(parts.path)).is_file():
            missing.append(href)
    return missing


def data_event_ids(data_file: Path) -> list[str]:
    """The event ids of a timeline data file, in file order."""
    data = yaml.safe_load(data_file.read_text(encoding="utf-8"))
    return [str(event["id"]) for event in data["events"]]


@dataclass
class Result:
    shown: int
    wanted: int
    missing: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)  # not in the data (a stale page?)
    repeated: list[str] = field(default_factory=list)
    without_id: int = 0
    marker_left: bool = False  # the page still holds the unrendered timeline marker

    @property
    def ok(self) -> bool:
        return not (self.missing or self.unexpected or self.repeated or self.without_id)


def check(html: str, wanted: list[str]) -> Result:
    shown = page_event_ids(html)
    counts = Counter(i for i in shown if i is not None)
    return Result(
        shown=len(shown),
        wanted=len(wanted),
        missing=[i for i in wanted if i not in counts],
        unexpected=sorted(set(counts) - set(wanted)),
        repeated=sorted(i for i, n in counts.items() if n > 1),
        without_id=shown.count(None),
        marker_left=MARKER in html,
    )


def _names(ids: list[str], limit: int = 20) -> str:
    more = f" … and {len(ids) - limit} more" if len(ids) > limit else ""
    return ", ".join(ids[:limit]) + more


def report(where: str, result: Result) -> list[str]:
    """What to print for one page: a count line, then one line per kind of problem."""
    lines = [f"canary: {where}: {result.shown} of {result.wanted} events"]
    if result.missing:
        lines.append(f"  missing ({len(result.missing)}): {_names(result.missing)}")
    if result.unexpected:
        lines.append(f"  not in the data ({len(result.unexpected)}): {_names(result.unexpected)}")
    if result.repeated:
        lines.append(f"  shown more than once: {_names(result.repeated)}")
    if result.without_id:
        lines.append(f"  {result.without_id} event(s) without an id")
    if result.marker_left and result.shown == 0:
        lines.append(
            "  the page still holds the `<!-- timeline -->` marker: nothing rendered the"
            " timeline (this builder runs no MkDocs plugins; it needs the Python-Markdown"
            " extension mkdocs_timeline.markdown in mkdocs.yml's markdown_extensions)"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sites", nargs="+", type=Path, help="built site folders")
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "timeline.yml")
    parser.add_argument("--page", default="relationship/index.html", help="the page, in a site")
    args = parser.parse_args(argv)
    try:
        wanted = data_event_ids(args.data)
    except (OSError, yaml.YAMLError, KeyError, TypeError) as error:
        print(f"canary: cannot read the events of {args.data}: {error!r}", file=sys.stderr)
        return 2
    failed = False
    for site in args.sites:
        page = site / args.page
        if not page.is_file():
            print(f"canary: {page}: no such page (0 of {len(wanted)} events)")
            failed = True
            continue
        html = page.read_text(encoding="utf-8")
        result = check(html, wanted)
        print("\n".join(report(str(page), result)))
        failed |= not result.ok
        absent = missing_files(html, page)
        if absent:
            print(f"  links to files the build did not write: {', '.join(absent)}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
