"""The timeline plugin's event handlers."""

from __future__ import annotations

import logging
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, Template, TemplateNotFound
from jinja2.ext import Extension
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data

from .config import TimelineConfig
from .dates import DateFormatError, PartialDate, build_time
from .feed import FeedInfo, timeline_atom
from .ics import timeline_ics
from .model import Event, Timeline
from .page_toc import fragment_ids, fragment_links, insert_links
from .site import Site
from .timelinejs import timeline_csv, timeline_json
from .validate import load_timeline

log = logging.getLogger("mkdocs.plugins.timeline")

TEMPLATE = "partials/timeline.html"
RELATED_TEMPLATE = "partials/timeline-related.html"
MARKER = re.compile(r"^ {0,3}<!--\s*timeline\s*-->[ \t]*$", re.MULTILINE)
PLACEHOLDER = "<!-- mkdocs-timeline: the timeline is rendered here -->"


@dataclass
class _Loaded:
    """A validated timeline file, the pages that show it and its export files."""

    timeline: Timeline
    pages: list[File]
    exports: dict[str, File] = field(default_factory=dict)


def root_of(url: str) -> str:
    """The relative way from a page or file URL to the site root (`../` for `a/`)."""
    return "../" * url.count("/")


def site_base(config: MkDocsConfig) -> str:
    """`site_url` ending in `/`, or empty when the site has none."""
    url = config.site_url or ""
    return url if url.endswith("/") or not url else url + "/"


def reviewed_on(value: object) -> str | None:
    """A page's `reviewed:` front matter as a reader reads it ("1 June 2025"), or None.

    YAML reads `2025-06-01` as a date; a text that is not a date is shown as written.
    """
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return PartialDate.from_date(value).display
    if isinstance(value, str) and value.strip():
        try:
            return PartialDate.parse(value).display
        except DateFormatError:
            return value.strip()
    return None


class Dedent(Extension):
    """Loads a template with each line's leading white space and its blank lines removed:
    its source can be indented and spaced for its readers while the page gets compact,
    flush-left HTML. Only the template's own text changes; values it inserts (an event's
    body with a code block, say) are left as they are."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return "\n".join(line.lstrip() for line in source.split("\n") if line.strip())


class TimelinePlugin(BasePlugin[TimelineConfig]):
    """Loads timeline data, validates it, hands it to the template and writes exports."""

    supports_multiple_instances = False

    def on_config(self, config: MkDocsConfig) -> None:
        """Resolve the data folder against the folder of mkdocs.yml."""
        self.config_dir = Path(config.config_file_path or ".").resolve().parent
        self.data_dir = (self.config_dir / self.config.data_dir).resolve()
        self.loaded: dict[str, _Loaded] = {}

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Load and validate every timeline pages name, and add its exports to the site."""
        if not self.config.enabled:
            return None
        self.loaded = {}
        site = Site.from_files(
            files,
            config,
            self.config.recommendations_page,
            require_evidence=self.config.require_evidence,
        )
        for page, name in self._pages_with_timelines(files):
            if name not in self.loaded:
                path = self._data_file(page, name)
                shown = posixpath.relpath(path.as_posix(), self.config_dir.as_posix())
                self.loaded[name] = _Loaded(load_timeline(path, shown, site), [])
                log.debug(f"'{shown}': {self.loaded[name].timeline.count} events")
            self.loaded[name].pages.append(page)
        if self.config.exports:
            for name, loaded in sorted(self.loaded.items()):
                self._add_exports(name, loaded, files, config)
        self.feed_file = self._add_feed(files, config)
        return files

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> None:
        """Tell the theme where the Atom feed is (`timeline_feed`: url and title, or None),
        for the `<link rel="alternate">` of every page's head (overrides/main.html)."""
        feed = getattr(self, "feed_file", None) if self.config.enabled else None
        env.globals["timeline_feed"] = feed and {"url": feed.url, "title": self.feed_title}

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Mark where the timeline goes: the `<!-- timeline -->` line, or the page's end."""
        if not self.config.enabled or self._timeline_name(page.file, page.meta) is None:
            return None
        block = f"\n\n{PLACEHOLDER}\n\n"
        if MARKER.search(markdown):
            return MARKER.sub(lambda _: block, markdown, count=1)
        return markdown.rstrip("\n") + "\n" + block

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Put the rendered timeline in the page, with its anchors and toc entries.

        This is done after Markdown, not in the Markdown: parsing thousands of events'
        HTML again would be most of the build time.
        """
        if not self.config.enabled:
            return None
        if page.file.src_uri == self.config.recommendations_page:
            return self._with_related_events(html, page, config)
        name = self._timeline_name(page.file, page.meta)
        if name is None:
            return None
        at = html.find(PLACEHOLDER)
        if at < 0:
            raise PluginError(
                f"Page '{page.file.src_uri}': the timeline's place was lost while rendering "
                "the Markdown; put '<!-- timeline -->' on a line of its own, between blank lines."
            )
        loaded = self.loaded[name]
        fragment = self._render(loaded, page, config)
        html = html[:at] + fragment + html[at + len(PLACEHOLDER) :]
        page.present_anchor_ids = (page.present_anchor_ids or set()) | fragment_ids(fragment)
        if page.links_to_anchors is not None:
            for link in loaded.timeline.body_links:
                target = files.get_file_from_path(link.path) if link.path else page.file
                if target is not None:
                    original = f"{link.path}#{link.anchor} (in {link.origin})"
                    page.links_to_anchors.setdefault(target, {}).setdefault(link.anchor, original)
        insert_links(page.toc, fragment_links(fragment), html, at)
        return html

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> None:
        """Rebuild when a data file changes under `mkdocs serve`."""
        if self.config.enabled and self.data_dir.is_dir():
            server.watch(str(self.data_dir))

    # -------------------------------------------------------------------------

    def _pages_with_timelines(self, files: Files) -> list[tuple[File, str]]:
        """Every (page, timeline name) whose front matter has `timeline:`."""
        found = []
        for file in files.documentation_pages():
            _markdown, meta = get_data(file.content_string)
            name = self._timeline_name(file, meta)
            if name is not None:
                found.append((file, name))
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

    def _render(self, loaded: _Loaded, page: Page, config: MkDocsConfig) -> str:
        """The timeline as HTML for one page, from the theme's `partials/timeline.html`."""
        exports = {
            kind: get_relative_url(file.url, page.file.url) for kind, file in loaded.exports.items()
        }
        timeline = loaded.timeline.relocated(root_of(page.file.url), exports)
        base = site_base(config)
        page_url = base + page.file.url if base else ""
        cite = {
            "site": config.site_name,
            "url": page_url or None,
            "reviewed": reviewed_on((page.meta or {}).get("reviewed")),
        }
        template = self._template(config, TEMPLATE, page)
        return template.render(timeline=timeline, cite=cite).strip()

    def _with_related_events(self, html: str, page: Page, config: MkDocsConfig) -> str:
        """Close each recommendation's section with links to the events that name it."""
        related: dict[str, list[tuple[str, Event]]] = {}
        for loaded in self.loaded.values():
            base = get_relative_url(loaded.pages[0].url, page.file.url)
            for event in loaded.timeline.events:
                for recommendation in event.recommendations:
                    related.setdefault(recommendation.id, []).append((f"{base}#{event.id}", event))
        if not related:
            return html
        template = self._template(config, RELATED_TEMPLATE, page)
        for rid, events in related.items():
            start = html.find(f'<h2 id="{rid}"')
            if start < 0:
                continue
            end = html.find("<h2", start + 1)
            end = len(html) if end < 0 else end
            html = html[:end] + template.render(events=events).strip() + "\n" + html[end:]
        return html

    def _template(self, config: MkDocsConfig, name: str, page: Page) -> Template:
        """A partial of the theme, autoescaped and dedented (`Dedent`), or a clear error if
        the theme lacks it."""
        env = config.theme.get_env().overlay(autoescape=True, extensions=[Dedent], cache_size=0)
        try:
            return env.get_template(name)
        except TemplateNotFound:
            raise PluginError(
                f"The theme has no '{name}' to render the timeline on page "
                f"'{page.file.src_uri}'; add it under the theme's custom_dir (overrides/)."
            ) from None

    def _data_file(self, page: File, name: str) -> Path:
        path = (self.data_dir / name).resolve()
        if not path.is_file() or not path.is_relative_to(self.data_dir):
            raise PluginError(
                f"Page '{page.src_uri}': front matter 'timeline: {name}' names no file in "
                f"'{self.config.data_dir}/' (looked for '{path}'); expected the name of a "
                f"timeline file there, such as 'timeline.yml'."
            )
        return path

    def _add_exports(self, name: str, loaded: _Loaded, files: Files, config: MkDocsConfig) -> None:
        """Add `<exports_dir>/<name>.json` and `.csv`, URLs absolute when site_url is set,
        and `.ics` when it is set (a calendar's URLs must be absolute)."""
        folder = self.config.exports_dir.strip("/")
        stem = f"{folder}/{posixpath.splitext(name)[0]}"
        base = site_base(config) or root_of(stem)
        timeline = loaded.timeline.relocated(base)
        page_url = base + loaded.pages[0].url
        for kind, write in (("json", timeline_json), ("csv", timeline_csv)):
            loaded.exports[kind] = self._add_file(
                f"{stem}.{kind}", write(timeline, page_url), "exports_dir", files, config
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
            page_url = base + loaded.pages[0].url
            items += self._permalinks(loaded.timeline.relocated(base), page_url)
        timelines = [loaded.timeline for _name, loaded in sorted(self.loaded.items())]
        first = sorted(self.loaded.items())[0][1]
        self.feed_title = config.site_name + (
            f": {timelines[0].title}" if len(timelines) == 1 else ": timelines"
        )
        info = FeedInfo(
            title=self.feed_title,
            feed_url=base + path,
            page_url=base + first.pages[0].url,
            author=config.site_author or config.site_name,
            updated=self._build_time(self.loaded.values()),
            subtitle=config.site_description,
            rights=config.copyright,
            language=config.theme.get("language"),
        )
        file = self._add_file(path, timeline_atom(items, info), "feed", files, config)
        for loaded in self.loaded.values():
            loaded.exports["atom"] = file
        return file

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
