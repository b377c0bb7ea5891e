"""The `mkdocs-timeline` command line: validate, export, import and add events.

Every command reads the site's mkdocs.yml (found beside the data folder, or given with
--config) so that messages, links and URLs are those of the build. Exit status: 0 done;
1 written, but the validator found problems (import); 2 bad input, nothing written.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .dates import PartialDate, build_time
from .errors import TimelineError
from .model import Timeline

if TYPE_CHECKING:  # MkDocs is imported only when a command runs, so --help stays fast
    from mkdocs.config.defaults import MkDocsConfig

    from .site import Site

FORMATS = ("json", "csv", "ics", "atom", "changes")


class Refused(Exception):
    """Bad input: the message is printed and the command exits with status 2."""


@dataclass(frozen=True)
class SiteContext:
    """What a command needs from the site: its config, how paths are shown, its page URL."""

    config_file: Path
    config: MkDocsConfig

    @property
    def folder(self) -> Path:
        return self.config_file.resolve().parent

    def shown(self, path: Path) -> str:
        """The path as the build names it: relative to mkdocs.yml's folder."""
        resolved = path.resolve()
        if resolved.is_relative_to(self.folder):
            return resolved.relative_to(self.folder).as_posix()
        return str(path)

    def plugin_option(self, name: str, default: object) -> object:
        plugin = self.config.plugins.get("timeline")
        return plugin.config.get(name, default) if plugin else default

    def site(self) -> Site:
        from mkdocs.structure.files import get_files

        from .plugin import mkdocs_site

        plugin = self.config.plugins.get("timeline")
        return mkdocs_site(get_files(self.config), self.config, plugin.config if plugin else {})

    def page_url(self, data_file: Path) -> str:
        """The absolute (with site_url) or root-relative URL of the page showing `data_file`."""
        from mkdocs.structure.files import get_files
        from mkdocs.utils.meta import get_data

        for file in get_files(self.config).documentation_pages():
            _markdown, meta = get_data(file.content_string)
            if str(meta.get("timeline", "")).strip() == data_file.name:
                return self.base + file.url.removeprefix("./")
        raise Refused(
            f"no page of the site names '{data_file.name}' in its 'timeline:' front matter; "
            "add it to the page that shows the timeline"
        )

    def changes_page_url(self, data_file: Path) -> str | None:
        """The URL of the page whose `<!-- timeline-changes -->` line lists `data_file`."""
        from mkdocs.structure.files import get_files
        from mkdocs.utils.meta import get_data

        from .markdown import CHANGES_MARKER

        for file in get_files(self.config).documentation_pages():
            for line in get_data(file.content_string)[0].splitlines():
                match = CHANGES_MARKER.match(line)
                if match and (match["name"] or "timeline.yml") == data_file.name:
                    return self.base + file.url.removeprefix("./")
        return None

    @property
    def base(self) -> str:
        url = self.config.site_url or ""
        return url if url.endswith("/") or not url else url + "/"


def _context(config: Path | None, data_file: Path | None) -> SiteContext:
    """The site of --config, else the mkdocs.yml in the data file's folder or above it."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if config is None:
        start = (data_file or Path("x")).resolve().parent
        config = next(
            (p / "mkdocs.yml" for p in (start, *start.parents) if (p / "mkdocs.yml").is_file()),
            None,
        )
        if config is None:
            raise Refused("no mkdocs.yml found beside the file or above it; pass --config")
    if not config.is_file():
        raise Refused(f"{config} is not a file; pass the site's mkdocs.yml with --config")
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    try:
        loaded = load_config(config_file=str(config))
    except ConfigurationError as error:
        raise Refused(f"{config}: {error}") from None
    return SiteContext(config, loaded)


def _load(context: SiteContext, path: Path) -> Timeline:
    from .validate import load_timeline

    if not path.is_file():
        raise Refused(f"{path} is not a file")
    return load_timeline(path, context.shown(path), context.site())


def _write(output: Path | None, content: str | bytes, force: bool) -> None:
    """Print to stdout, or write `output` (refusing to replace a file without --force)."""
    if output is None:
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
        else:
            sys.stdout.write(content)
        return
    if output.exists() and not force:
        raise Refused(f"{output} exists; pass --force to replace it")
    output.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        output.write_bytes(content)
    else:
        output.write_text(content, encoding="utf-8", newline="\n")


# ---- commands ---------------------------------------------------------------------


def validate(args: argparse.Namespace) -> int:
    context = _context(args.config, args.file)
    timeline = _load(context, args.file)
    for warning in timeline.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if timeline.warnings:
        count = len(timeline.warnings)
        print(
            f"{context.shown(args.file)}: {timeline.count} events, valid, with {count} "
            f"warning{'s' if count != 1 else ''} to confirm or fix",
            file=sys.stderr,
        )
        return 1
    print(f"{context.shown(args.file)}: {timeline.count} events, valid", file=sys.stderr)
    return 0


def export(args: argparse.Namespace) -> int:
    from .feed import FeedInfo, change_items, changes_atom, timeline_atom
    from .ics import timeline_ics
    from .render import Renderer
    from .timelinejs import timeline_csv, timeline_json

    context = _context(args.config, args.file)
    timeline = _load(context, args.file)
    page_url = context.page_url(args.file)
    base = context.base
    if args.format in ("ics", "atom", "changes") and not base:
        raise Refused(
            f"--format {args.format} needs the site's 'site_url' in {context.config_file}"
        )
    located = timeline.relocated(base or "/")
    items = [(event, f"{page_url}#{event.id}") for event in located.events]
    site_name = context.config.site_name
    try:
        stamp = build_time(max(e.last_date.last_day for e in timeline.events))
    except ValueError as error:
        raise Refused(str(error)) from None
    renderer = Renderer(context.config.theme.get_env().loader)  # the theme's first, as the build
    content: str | bytes
    if args.format == "json":
        content = timeline_json(located, page_url, renderer)
    elif args.format == "csv":
        content = timeline_csv(located, page_url, renderer)
    elif args.format == "ics":
        content = timeline_ics(
            items,
            name=f"{site_name}: {timeline.title}",
            site=site_name,
            host=urlsplit(base).hostname or "localhost",
            page_url=page_url,
            stamp=stamp,
        )
    elif args.format == "changes":
        config = context.config
        feed_path = str(context.plugin_option("changes_feed", "changes.xml")).strip("/")
        log_url = context.changes_page_url(args.file) or page_url
        info = FeedInfo(
            title=f"{site_name}: what's new",
            feed_url=base + (feed_path or "changes.xml"),
            page_url=log_url,
            author=config.site_author or site_name,
            updated=stamp,
            subtitle=f"Events added to, corrected in and withdrawn from the timeline of {site_name}",
            rights=config.copyright,
            language=config.theme.get("language"),
        )
        content = changes_atom(change_items(located, page_url, log_url), info, renderer)
    else:
        config = context.config
        feed_path = str(context.plugin_option("feed", "feed.xml")).strip("/") or "feed.xml"
        info = FeedInfo(
            title=f"{site_name}: {timeline.title}",
            feed_url=base + feed_path,
            page_url=page_url,
            author=config.site_author or site_name,
            updated=stamp,
            subtitle=config.site_description,
            rights=config.copyright,
            language=config.theme.get("language"),
        )
        content = timeline_atom(items, info, renderer)
    _write(args.output, content, args.force)
    return 0


def import_(args: argparse.Namespace) -> int:
    import csv
    import json

    from .timelinejs import Importer, Report, read_entries, read_eras, to_yaml

    if args.output.exists() and not args.force:
        raise Refused(f"{args.output} exists; pass --force to replace it")
    if not args.input.is_file():
        raise Refused(f"{args.input} is not a file")
    if args.input.suffix.lower() not in (".csv", ".json"):
        raise Refused(f"{args.input}: expected a .csv (TimelineJS spreadsheet) or .json file")
    context = _context(args.config, args.output)
    report = Report(lambda line: print(f"import: {line}", file=sys.stderr))
    try:
        title, entries, era_entries = read_entries(args.input, report)
    except (ValueError, UnicodeDecodeError, csv.Error, AttributeError, json.JSONDecodeError) as e:
        raise Refused(f"cannot read {args.input}: {e}") from None
    eras_from = args.eras_from or args.output
    eras = read_eras(eras_from, era_entries, report)
    importer = Importer(report, args.site_url, args.kind)
    events = [event for entry in entries if (event := importer.event(entry)) is not None]
    text = to_yaml(title, eras, events, args.input.name)
    _write(args.output, text, force=True)
    problems: list[str] = []
    try:
        from .validate import parse_timeline

        parse_timeline(text.encode("utf-8"), context.shown(args.output), context.site())
    except TimelineError as error:
        problems = str(error).splitlines()
    for line in problems:
        print(f"import: {line}", file=sys.stderr)
    print(
        f"import: wrote {len(events)} events to {args.output}; {len(report.lines)} things not "
        "mapped"
        + ("; the validator found problems (above)" if problems else "; the file is valid"),
        file=sys.stderr,
    )
    return 1 if problems else 0


def new(args: argparse.Namespace) -> int:
    from .new_event import NewEventError, add_event

    context = _context(args.config, args.file)
    if not args.file.is_file():
        raise Refused(f"{args.file} is not a file")
    try:
        date = PartialDate.parse(args.date)
    except ValueError as error:
        raise Refused(f"date {error}") from None
    text = args.file.read_text(encoding="utf-8-sig")
    try:
        from datetime import UTC, datetime

        today = PartialDate.from_date(datetime.now(UTC).date())
        updated, event_id, line = add_event(
            text, context.shown(args.file), date, args.title, args.kind, today
        )
    except NewEventError as error:
        raise Refused(f"{args.file}: {error}") from None
    args.file.write_text(updated, encoding="utf-8", newline="\n")
    print(
        f"{context.shown(args.file)}:{line}: added event '{event_id}'; fill in its body, sources "
        f"and evidence, then run: mkdocs-timeline validate {args.file}",
        file=sys.stderr,
    )
    return 0


# ---- arguments --------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="mkdocs-timeline",
        description="Validate, export and import timeline data files of the mkdocs-timeline "
        "plugin, and add events to them.",
        epilog="Exit status: 0 done; 1 written with validator problems (import); "
        "2 bad input, nothing written.",
    )
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    config = argparse.ArgumentParser(add_help=False)
    config.add_argument(
        "--config",
        type=Path,
        help="the site's mkdocs.yml (default: the one beside the data file or above it)",
    )

    check = commands.add_parser(
        "validate", parents=[config], help="check a timeline file with the build's messages"
    )
    check.add_argument("file", type=Path, help="the timeline YAML file")
    check.set_defaults(run=validate)

    out = commands.add_parser(
        "export",
        parents=[config],
        help="write the timeline as JSON, CSV, iCalendar or Atom, or its changes as Atom",
    )
    out.add_argument("file", type=Path, help="the timeline YAML file")
    out.add_argument("--format", required=True, choices=FORMATS)
    out.add_argument("-o", "--output", type=Path, help="the file to write (default: stdout)")
    out.add_argument("--force", action="store_true", help="replace the output file if it exists")
    out.set_defaults(run=export)

    read = commands.add_parser(
        "import",
        parents=[config],
        help="convert a TimelineJS spreadsheet (CSV) or TimelineJS JSON file",
        description="Convert a TimelineJS spreadsheet (CSV) or TimelineJS JSON file into "
        "timeline YAML. What cannot be mapped is reported; the output is then validated.",
    )
    read.add_argument("input", type=Path, help="a .csv or .json file")
    read.add_argument("-o", "--output", type=Path, required=True, help="the YAML file to write")
    read.add_argument("--force", action="store_true", help="replace the output file if it exists")
    read.add_argument(
        "--eras-from",
        type=Path,
        help="copy the eras from this timeline file (default: the output file, if it exists); "
        "without one, eras are converted from the input",
    )
    read.add_argument(
        "--site-url",
        help="the site's URL in the input: links and images under it become paths under docs/",
    )
    read.add_argument(
        "--kind", help="kind (an id from the file's kinds) for events the input gives none"
    )
    read.set_defaults(run=import_)

    add = commands.add_parser(
        "new",
        parents=[config],
        help="add a skeleton event at its place in date order, keeping comments and layout",
    )
    add.add_argument("file", type=Path, help="the timeline YAML file to add the event to")
    add.add_argument("--date", required=True, help="YYYY-MM-DD, YYYY-MM or YYYY")
    add.add_argument("--title", required=True, help="a short, neutral title")
    add.add_argument("--kind", help="the event's kind (an id from the file's kinds)")
    add.set_defaults(run=new)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except Refused as error:
        print(f"mkdocs-timeline {args.command}: {error}", file=sys.stderr)
    except TimelineError as error:
        print(str(error), file=sys.stderr)
    except OSError as error:
        print(f"mkdocs-timeline {args.command}: {error}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
