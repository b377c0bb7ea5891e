"""The timeline plugin's event handlers: MkDocs' wiring around the core and the extension."""

from __future__ import annotations

import logging
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import ChoiceLoader, Environment, FileSystemLoader
from markdown.extensions.toc import slugify as default_slugify
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data

from .changes import ChangeLog
from .config import TimelineConfig
from .dates import build_time
from .errors import TimelineError
from .feed import FeedInfo, change_items, changes_atom, timeline_atom
from .ics import timeline_ics
from .markdown import CHANGES_MARKER, TimelineExtension, reviewed_on
from .model import Event, Kind, Timeline
from .render import (
    ASSETS,
    CHANGES,
    PAGE,
    RELATED,
    STATUS,
    STATUS_ASSETS,
    STATUS_TABLE,
    STYLESHEET,
    TEMPLATES,
    Renderer,
)
from .site import Sections, Site, insert_after_headings, insert_after_sections, insert_summary
from .source_quality import SourceQuality
from .status import StatusBoard, load_statuses
from .timelinejs import timeline_csv, timeline_json
from .validate import load_timeline

__all__ = ["TimelinePlugin", "reviewed_on"]

log = logging.getLogger("mkdocs.plugins.timeline")

EXTENSION = "mkdocs_timeline.markdown"
MARKER = re.compile(r"^ {0,3}<!--\s*timeline(?:\s+\S+?)?\s*-->[ \t]*$", re.MULTILINE)
CHANGES_LINE = re.compile(CHANGES_MARKER.pattern, re.MULTILINE)


@dataclass
class _Loaded:
    """A validated timeline file, the pages that show it and its export files."""

    timeline: Timeline
    pages: list[File]
    exports: dict[str, File] = field(default_factory=dict)
    located: dict[str, Timeline] = field(default_factory=dict)

    def at(self, base: str) -> Timeline:
        """The timeline with URLs from `base`, made once for the exports and the feed."""
        if base not in self.located:
            self.located[base] = self.timeline.relocated(base)
        return self.located[base]


def root_of(url: str) -> str:
    """The relative way from a page or file URL to the site root (`../` for `a/`)."""
    return "../" * url.count("/")


def site_base(config: MkDocsConfig) -> str:
    """`site_url` ending in `/`, or empty when the site has none."""
    url = config.site_url or ""
    return url if url.endswith("/") or not url else url + "/"


def toc_slugify(config: MkDocsConfig) -> Callable[[str], str]:
    """How the site's toc extension makes heading ids."""
    toc = config.mdx_configs.get("toc", {})
    slugify = toc.get("slugify", default_slugify)
    separator = toc.get("separator", "-")
    return lambda text: slugify(text, separator)


def mkdocs_site(files: Files, config: MkDocsConfig, options: Mapping[str, Any]) -> Site:
    """What timelines are checked against in an MkDocs site with these plugin options."""
    sections = options.get("sections")
    chosen = (
        Sections(sections["page"], sections["key"], sections["label"])
        if sections and sections.get("page")
        else None
    )

    def read(src: str) -> str:
        file = files.get_file_from_path(src)
        return get_data(file.content_string)[0] if file else ""

    kinds = tuple(
        Kind(k["id"], k["label"], k["description"], k["colour"]) for k in options.get("kinds") or ()
    )
    root = Path(config.config_file_path or ".").resolve().parent
    listed = primary_publishers(root, str(options.get("data_dir") or "data"), options)
    return Site.build(
        files,
        chosen,
        read,
        toc_slugify(config),
        require_evidence=bool(options.get("require_evidence")),
        kinds=kinds,
        primary_publishers=listed[0] if listed else None,
        primary_list=listed[1] if listed else "",
    )


def primary_publishers(
    root: Path, data_dir: str, options: Mapping[str, Any]
) -> tuple[tuple[str, ...], str] | None:
    """The hosts of option `primary_publishers` and how messages name its file, or None."""
    name = str(options.get("primary_publishers") or "")
    if not name:
        return None
    path = root / data_dir / name
    shown = posixpath.join(data_dir, name)
    if not path.is_file():
        raise PluginError(
            f"The timeline's 'primary_publishers: {name}' names no file (looked for "
            f"'{shown}'); expected a YAML file there with a 'primary:' list of hosts."
        )
    return SourceQuality.read(path).primary, f"'primary:' in {shown}"


class TimelinePlugin(BasePlugin[TimelineConfig]):
    """Loads timeline data once per build, hands it to the Markdown extension, writes the
    exports, the feed and the assets, and lists related events on the sections page."""

    supports_multiple_instances = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Resolve the data folder; put the one extension instance into the Markdown set-up
        (the site's own `mkdocs_timeline.markdown` entry, if any, is replaced by it)."""
        self.config_dir = Path(config.config_file_path or ".").resolve().parent
        self.data_dir = (self.config_dir / self.config.data_dir).resolve()
        self.loaded: dict[str, _Loaded] = {}
        self.by_page: dict[str, str] = {}
        self.changes_pages: dict[str, str] = {}  # "What's new" page -> timeline name
        if not self.config.enabled:
            return None
        options = config.mdx_configs.pop(EXTENSION, {})
        config.markdown_extensions[:] = [
            name for name in config.markdown_extensions if name != EXTENSION
        ]
        self.extension = TimelineExtension(provider=self, **options)
        config.markdown_extensions.append(self.extension)  # type: ignore[arg-type]
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Load and validate every timeline pages name, and add its exports to the site."""
        if not self.config.enabled:
            return None
        self.loaded, self.by_page = {}, {}
        self.files = files
        self.site_base, self.site_name = site_base(config), config.site_name
        self.slugify = toc_slugify(config)
        self.renderer = Renderer(config.theme.get_env().loader)
        site = self._site(files, config)
        for page, name in self._pages_with_timelines(files):
            if name not in self.loaded:
                path = self._data_file(page, name)
                shown = posixpath.relpath(path.as_posix(), self.config_dir.as_posix())
                try:
                    timeline = load_timeline(path, shown, site)
                except TimelineError as error:
                    raise PluginError(str(error)) from None
                for warning in timeline.warnings:
                    log.warning(warning)
                self.loaded[name] = _Loaded(timeline, [])
                log.debug(f"'{shown}': {timeline.count} events")
            self.loaded[name].pages.append(page)
            self.by_page[page.src_uri] = name
        self.changes_pages = self._changes_pages(files)
        if self.config.exports:
            for name, loaded in sorted(self.loaded.items()):
                self._add_exports(name, loaded, files, config)
        self.feed_file = self._add_feed(files, config)
        self.board = self._load_statuses(site)
        self.changes_file = self._add_changes_feed(files, config)
        for loaded in self.loaded.values():
            loaded.located.clear()  # the exports' copies are written
        if self.loaded:
            self._add_assets(files, config)
        return files

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> None:
        """Let the theme's templates include the package's (its own first), and tell them
        where the Atom feed is (`timeline_feed`: url and title, or None) and the timeline's
        stylesheet with its kinds' colours (`timeline_css`)."""
        if not self.config.enabled:
            return
        theirs = [env.loader] if env.loader is not None else []
        env.loader = ChoiceLoader([*theirs, FileSystemLoader(str(TEMPLATES))])
        feed = getattr(self, "feed_file", None)
        env.globals["timeline_feed"] = feed and {"url": feed.url, "title": self.feed_title}
        env.globals["timeline_css"] = self.renderer.stylesheet(self._kinds()) if self.loaded else ""
        board = getattr(self, "board", None)
        env.globals["timeline_status_page"] = board and self.config.sections["page"]

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Put the marker at the page's end when a timeline page has none; close each
        section an event names with the list of those events."""
        if not self.config.enabled:
            return None
        sections = self.config.sections
        if sections and page.file.src_uri == sections["page"]:
            markdown = self._with_related_events(markdown, page)
            markdown = self._with_statuses(markdown, page)
        if page.file.src_uri in self.by_page and not MARKER.search(markdown):
            markdown = markdown.rstrip("\n") + "\n\n<!-- timeline -->\n"
        return markdown

    def timeline_for(self, src_uri: str, name: str | None) -> tuple[str, Timeline] | None:
        """The rendered timeline and its model for a page (the extension's `Provider`)."""
        key = self.by_page.get(src_uri)
        if key is None:
            return None
        loaded = self.loaded[key]
        page = next(file for file in loaded.pages if file.src_uri == src_uri)
        return self._render(loaded, page), loaded.timeline

    def sources_for(self, src_uri: str, page: str) -> tuple[Timeline, str]:
        """The timeline `page` shows and its URL from the page `src_uri` (a sources page)."""
        name = self.by_page.get(page)
        here = self.files.get_file_from_path(src_uri)
        if name is None or here is None:
            raise PluginError(
                f"Page '{src_uri}': '<!-- timeline-sources {page} -->' names no page that "
                "shows a timeline; expected the docs/ path of a page with 'timeline:' front matter"
            )
        loaded = self.loaded[name]
        target = next(file for file in loaded.pages if file.src_uri == page)
        return loaded.timeline, get_relative_url(target.url, here.url)

    def changes_for(self, src_uri: str, name: str | None) -> tuple[str, ChangeLog] | None:
        """The rendered record of changes for a "What's new" page (the extension's `Provider`)."""
        key = self.changes_pages.get(src_uri)
        if key is None:
            return None
        loaded = self.loaded[key]
        page_url = next(f.url for f in self._files if f.src_uri == src_uri)
        log = ChangeLog.of(loaded.timeline)
        feed = self.changes_file and get_relative_url(self.changes_file.url, page_url)
        html = self.renderer.render(
            CHANGES,
            log=log,
            timeline_url=get_relative_url(loaded.pages[0].url, page_url),
            feed=feed,
        )
        return html, log

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Hand the links in event bodies to MkDocs' anchor validation."""
        name = self.by_page.get(page.file.src_uri) if self.config.enabled else None
        if name is None or page.links_to_anchors is None:
            return None
        for link in self.loaded[name].timeline.body_links:
            target = files.get_file_from_path(link.path) if link.path else page.file
            if target is not None:
                original = f"{link.path}#{link.anchor} (in {link.origin})"
                page.links_to_anchors.setdefault(target, {}).setdefault(link.anchor, original)
        return None

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> None:
        """Rebuild when a data file changes under `mkdocs serve`."""
        if self.config.enabled and self.data_dir.is_dir():
            server.watch(str(self.data_dir))

    # -------------------------------------------------------------------------

    def _site(self, files: Files, config: MkDocsConfig) -> Site:
        return mkdocs_site(files, config, self.config)

    def _kinds(self) -> list[Kind]:
        seen: dict[str, Kind] = {}
        for _name, loaded in sorted(self.loaded.items()):
            for kind in loaded.timeline.kinds:
                seen.setdefault(kind.id, kind)
        return list(seen.values())

    def _pages_with_timelines(self, files: Files) -> list[tuple[File, str]]:
        """Every (page, timeline name) whose front matter has `timeline:`."""
        found = []
        for file in files.documentation_pages():
            _markdown, meta = get_data(file.content_string)
            name = self._timeline_name(file, meta)
            if name is not None:
                found.append((file, name))
        return found

    def _changes_pages(self, files: Files) -> dict[str, str]:
        """Every page with a `<!-- timeline-changes [name] -->` line -> the timeline it lists."""
        self._files = list(files.documentation_pages())
        found = {}
        for file in self._files:
            match = CHANGES_LINE.search(get_data(file.content_string)[0])
            if match is None:
                continue
            name = posixpath.normpath(match["name"] or "timeline.yml")
            if name not in self.loaded:
                raise PluginError(
                    f"Page '{file.src_uri}': its '<!-- timeline-changes -->' line names "
                    f"'{name}', which no page shows; expected the name of a timeline a page's "
                    "'timeline:' front matter names"
                )
            found[file.src_uri] = name
        return found

    def _timeline_name(self, file: File, meta: Mapping[str, Any]) -> str | None:
        value = meta.get("timeline")
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise PluginError(
                f"Page '{file.src_uri}': front matter 'timeline: {value}' is not a file name; "
                f"expected the name of a file in '{self.config.data_dir}/', such as 'timeline.yml'."
            )
        return posixpath.normpath(value.strip())

    def _render(self, loaded: _Loaded, page: File) -> str:
        """The timeline as HTML for one page, from `partials/timeline.html`."""
        exports = {
            kind: get_relative_url(file.url, page.url) for kind, file in loaded.exports.items()
        }
        timeline = loaded.timeline.relocated(root_of(page.url), exports)
        base = self.site_base
        meta = get_data(page.content_string)[1]
        cite = {
            "site": self.site_name,
            "url": base + page.url if base else None,
            "reviewed": reviewed_on(meta.get("reviewed")),
        }
        assets = None
        if self.config.link_assets:
            assets = {name: get_relative_url(name, page.url) for name in ASSETS}
        try:
            return self.renderer.render(PAGE, timeline=timeline, cite=cite, assets=assets)
        except TimelineError as error:
            raise PluginError(f"Page '{page.src_uri}': {error}") from None

    def _with_related_events(self, markdown: str, page: Page) -> str:
        """Close each section an event names with links to those events."""
        related: dict[str, list[tuple[str, Event]]] = {}
        for loaded in self.loaded.values():
            base = get_relative_url(loaded.pages[0].url, page.file.url)
            for event in loaded.timeline.events:
                for section in event.recommendations:
                    related.setdefault(section.id, []).append((f"{base}#{event.id}", event))
        blocks = {
            id: self.renderer.render(RELATED, events=events) for id, events in related.items()
        }
        try:
            return insert_after_sections(markdown, self.slugify, blocks)
        except KeyError as error:
            raise PluginError(
                f"Page '{page.file.src_uri}': events name sections it lacks ({error.args[0]}); "
                "expected '##' headings with those ids"
            ) from None

    def _load_statuses(self, site: Site) -> StatusBoard | None:
        """The sections' statuses (option `sections.status_file`), checked against the
        page's sections and every loaded timeline's events; None without the option."""
        sections = self.config.sections
        name = str(sections["status_file"] or "") if sections else ""
        if not name:
            return None
        page = self.config.sections["page"]
        path = (self.data_dir / name).resolve()
        if site.recommendations is None or not path.is_file():
            what = f"names no file in '{self.config.data_dir}/' (looked for '{path}')"
            if site.recommendations is None:
                what = f"needs the sections page '{page}', which the site lacks"
            raise PluginError(
                f"The timeline plugin's 'sections.status_file: {name}' {what}; expected a "
                "status file under the data folder, such as 'recommendations.yml'."
            )
        events = {e.id: e for item in self.loaded.values() for e in item.timeline.events}
        shown = posixpath.relpath(path.as_posix(), self.config_dir.as_posix())
        try:
            return load_statuses(path, shown, site.recommendations, events, page)
        except TimelineError as error:
            raise PluginError(str(error)) from None

    def _event_urls(self, page: Page) -> dict[str, str]:
        """Each event's link from `page`: its timeline page and its id."""
        urls: dict[str, str] = {}
        for loaded in self.loaded.values():
            base = get_relative_url(loaded.pages[0].url, page.file.url)
            urls |= {event.id: f"{base}#{event.id}" for event in loaded.timeline.events}
        return urls

    def _with_statuses(self, markdown: str, page: Page) -> str:
        """The summary table, and each section's status under its heading."""
        board = self.board
        if board is None:
            return markdown
        links = self._event_urls(page)
        blocks = {
            item.section.id: self.renderer.render(STATUS, item=item, links=links)
            for item in board.sections
        }
        markdown = insert_after_headings(markdown, self.slugify, blocks)
        assets = None
        if self.config.link_assets:
            assets = {name: get_relative_url(name, page.file.url) for name in STATUS_ASSETS}
        noun = self.config.sections["noun"]
        table = self.renderer.render(STATUS_TABLE, board=board, noun=noun, assets=assets)
        return insert_summary(markdown, self.slugify, table)

    def _data_file(self, page: File, name: str) -> Path:
        path = (self.data_dir / name).resolve()
        if not path.is_file() or not path.is_relative_to(self.data_dir):
            raise PluginError(
                f"Page '{page.src_uri}': front matter 'timeline: {name}' names no file in "
                f"'{self.config.data_dir}/' (looked for '{path}'); expected the name of a "
                f"timeline file there, such as 'timeline.yml'."
            )
        return path

    def _add_assets(self, files: Files, config: MkDocsConfig) -> None:
        """The stylesheet (with the kinds' colours) and the script, unless the theme or
        docs/ has files of those names."""
        for name in ASSETS + (STATUS_ASSETS if self.board else ()):
            if files.get_file_from_path(name) is None:
                content = (
                    str(self.renderer.stylesheet(self._kinds()))
                    if name == STYLESHEET
                    else self.renderer.source(name)
                )
                files.append(File.generated(config, name, content=content))

    def _add_exports(self, name: str, loaded: _Loaded, files: Files, config: MkDocsConfig) -> None:
        """Add `<exports_dir>/<name>.json` and `.csv`, URLs absolute when site_url is set,
        and `.ics` when it is set (a calendar's URLs must be absolute)."""
        folder = self.config.exports_dir.strip("/")
        stem = f"{folder}/{posixpath.splitext(name)[0]}"
        base = site_base(config) or root_of(stem)
        timeline = loaded.at(base)
        page_url = base + loaded.pages[0].url.removeprefix("./")
        for kind, write in (("json", timeline_json), ("csv", timeline_csv)):
            loaded.exports[kind] = self._add_file(
                f"{stem}.{kind}",
                write(timeline, page_url, self.renderer),
                "exports_dir",
                files,
                config,
            )
        if site_base(config):
            content = timeline_ics(
                self._permalinks(timeline, page_url),
                name=f"{config.site_name}: {timeline.title}",
                site=config.site_name,
                host=urlsplit(site_base(config)).hostname or "localhost",
                page_url=page_url,
                stamp=self._build_time([loaded]),
            )
            loaded.exports["ics"] = self._add_file(
                f"{stem}.ics", content, "exports_dir", files, config
            )

    def _add_feed(self, files: Files, config: MkDocsConfig) -> File | None:
        """Add the Atom feed of every timeline's events at the plugin's `feed` path."""
        path = self.config.feed.strip("/")
        base = site_base(config)
        if not (path and base and self.loaded):
            if path and self.loaded and not base:
                log.info("No Atom feed or iCalendar file: they need the site's 'site_url'.")
            return None
        items: list[tuple[Event, str]] = []
        for _name, loaded in sorted(self.loaded.items()):
            page_url = base + loaded.pages[0].url.removeprefix("./")
            items += self._permalinks(loaded.at(base), page_url)
        timelines = [loaded.timeline for _name, loaded in sorted(self.loaded.items())]
        first = sorted(self.loaded.items())[0][1]
        self.feed_title = config.site_name + (
            f": {timelines[0].title}" if len(timelines) == 1 else ": timelines"
        )
        info = FeedInfo(
            title=self.feed_title,
            feed_url=base + path,
            page_url=base + first.pages[0].url.removeprefix("./"),
            author=config.site_author or config.site_name,
            updated=self._build_time(self.loaded.values()),
            subtitle=config.site_description,
            rights=config.copyright,
            language=config.theme.get("language"),
        )
        file = self._add_file(
            path, timeline_atom(items, info, self.renderer), "feed", files, config
        )
        for loaded in self.loaded.values():
            loaded.exports["atom"] = file
        return file

    def _add_changes_feed(self, files: Files, config: MkDocsConfig) -> File | None:
        """Add the Atom feed of changes (every timeline's) at the `changes_feed` path."""
        path = self.config.changes_feed.strip("/")
        base = site_base(config)
        if not (path and base and self.loaded):
            return None
        pages = {name: src for src, name in self.changes_pages.items()}
        items = []
        for name, loaded in sorted(self.loaded.items()):
            page_url = base + loaded.pages[0].url.removeprefix("./")
            log_page = next((f for f in self._files if f.src_uri == pages.get(name)), None)
            log_url = base + log_page.url.removeprefix("./") if log_page else page_url
            items += change_items(loaded.timeline.relocated(base), page_url, log_url)
        first_page = next((f for f in self._files if f.src_uri in self.changes_pages), None)
        first = sorted(self.loaded.items())[0][1]
        alternate = first_page.url if first_page else first.pages[0].url
        info = FeedInfo(
            title=f"{config.site_name}: what's new",
            feed_url=base + path,
            page_url=base + alternate.removeprefix("./"),
            author=config.site_author or config.site_name,
            updated=self._build_time(self.loaded.values()),
            subtitle=f"Events added to, corrected in and withdrawn from the timeline of {config.site_name}",
            rights=config.copyright,
            language=config.theme.get("language"),
        )
        return self._add_file(
            path, changes_atom(items, info, self.renderer), "changes_feed", files, config
        )

    @staticmethod
    def _permalinks(timeline: Timeline, page_url: str) -> list[tuple[Event, str]]:
        return [(event, f"{page_url}#{event.id}") for event in timeline.events]

    @staticmethod
    def _build_time(loaded: Iterable[_Loaded]) -> datetime:
        """SOURCE_DATE_EPOCH, else the latest day any of the timelines reaches."""
        latest = max(e.last_date.last_day for item in loaded for e in item.timeline.events)
        try:
            return build_time(latest)
        except ValueError as error:
            raise PluginError(f"Timeline feed and calendar: {error}.") from None

    @staticmethod
    def _add_file(
        src_uri: str, content: str | bytes, setting: str, files: Files, config: MkDocsConfig
    ) -> File:
        """Add a generated file to the site, refusing to replace one under docs/."""
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(
                f"The timeline export '{src_uri}' would replace a file under docs/; "
                f"remove that file or set the plugin's '{setting}' to another path."
            )
        file = File.generated(config, src_uri, content=content)
        files.append(file)
        return file
