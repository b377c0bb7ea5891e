"""Python-Markdown extension: the `<!-- timeline -->` line becomes the rendered timeline.

Needs no MkDocs plugin events and no hooks, so it runs under plain Python-Markdown, MkDocs,
ProperDocs and Zensical alike:

    markdown_extensions:
      - mkdocs_timeline.markdown:
          data_dir: data        # relative to the folder of mkdocs.yml

The page's context comes from the builder when there is one (MkDocs' link rewriter, else
Zensical's ContextPreprocessor), else from the options. With the MkDocs plugin, the plugin
gives the extension its loaded data: nothing is loaded or rendered twice.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as etree
from html import escape
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import markdown
from markdown.extensions.toc import nest_toc_tokens, slugify
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .changes import ChangeLog
from .dates import DateFormatError, PartialDate
from .errors import TimelineError
from .model import Timeline, TocEntry
from .render import CHANGES, PAGE, SOURCES, Renderer
from .site import DocsFolder, Sections, Site
from .sources import source_index
from .validate import load_timeline

log = logging.getLogger("mkdocs_timeline")

MARKER = re.compile(r"^ {0,3}<!--\s*timeline(?:\s+(?P<name>\S+?))?\s*-->[ \t]*$")
# The "What's new" page: the record of changes of one timeline (default timeline.yml)
CHANGES_MARKER = re.compile(r"^ {0,3}<!--\s*timeline-changes(?:\s+(?P<name>\S+?))?\s*-->[ \t]*$")


class Rendered(NamedTuple):
    """What the preprocessor stashed: its placeholder, toc entries and anchor ids."""

    placeholder: str
    toc: list[TocEntry]
    anchor_ids: set[str]


# `<!-- timeline-sources relationship.md [primary|secondary] -->`: the sources of the
# timeline that page shows (of one type, or both under their own headings)
SOURCES_MARKER = re.compile(
    r"^ {0,3}<!--\s*timeline-sources\s+(?P<page>\S+?\.md)(?:\s+(?P<kind>primary|secondary))?"
    r"\s*-->[ \t]*$"
)


class Provider(Protocol):
    """What the MkDocs plugin gives the extension: the page's rendered timeline, or None;
    for a sources page, the timeline another page shows and that page's URL from it."""

    def timeline_for(self, src_uri: str, name: str | None) -> tuple[str, Timeline] | None: ...

    def sources_for(self, src_uri: str, page: str) -> tuple[Timeline, str]: ...
    def changes_for(self, src_uri: str, name: str | None) -> tuple[str, ChangeLog] | None: ...


def reviewed_on(value: object) -> str | None:
    """A page's `reviewed:` front matter as a reader reads it ("1 June 2025"), or None."""
    from datetime import date, datetime

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


class _Page:
    """The page being converted, as the builder (or the options) describes it."""

    def __init__(self, where: str, url: str, meta: dict[str, Any], config: dict[str, Any]):
        self.where = where  # links are written relative to this (page URL or source path)
        self.url = url
        self.meta = meta
        self.config = config
        self.src_uri = ""
        self.files: Any = None


def _page(md: markdown.Markdown, ext: TimelineExtension) -> _Page:
    # MkDocs' link rewriter (a Registry has no .get); typed loosely: it is MkDocs' class
    relpath: Any = md.treeprocessors["relpath"] if "relpath" in md.treeprocessors else None  # noqa: SIM401
    if relpath is not None:  # MkDocs / ProperDocs: their link rewriter knows the page
        from mkdocs.utils.meta import get_data

        file, config = relpath.file, relpath.config
        settings = {key: config[key] for key in ("site_url", "site_name", "docs_dir")}
        settings["use_directory_urls"] = config["use_directory_urls"]
        settings["root_dir"] = str(Path(config.config_file_path or ".").parent)
        page = _Page(file.url, file.url, get_data(file.content_string)[1], settings)
        page.src_uri, page.files = file.src_uri, relpath.files
        return page
    try:
        from zensical.extensions.context import ContextPreprocessor
    except ImportError:
        found = None
    else:
        found = ContextPreprocessor.from_markdown(md)
    if found is None:  # plain Python-Markdown: the options say
        url = ext.getConfig("page_url")
        return _Page(url, url, {}, {})
    # Zensical rewrites relative links in the page's HTML as written from the source file
    # (docs/a/b.md), raw HTML included: URLs are made relative to the source's folder
    page = _Page(found.page.path, found.page.url, dict(found.page.meta), dict(found.config))
    page.src_uri = found.page.path
    return page


class TimelinePreprocessor(Preprocessor):
    """Renders the timeline at its marker and stashes it (raw HTML, never parsed again)."""

    def __init__(self, md: markdown.Markdown, ext: TimelineExtension):
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        self.md.timeline_rendered = None  # type: ignore[attr-defined]
        for number, line in enumerate(lines):
            found: Rendered | None = None
            if match := MARKER.match(line):
                timeline = self.ext.render_for(self.md, match["name"])
                if timeline is not None:
                    html, model = timeline
                    placeholder = self.md.htmlStash.store(html)
                    found = Rendered(placeholder, model.toc, model.anchor_ids)
            elif match := CHANGES_MARKER.match(line):
                changes = self.ext.changes_for(self.md, match["name"])
                if changes is not None:
                    html, log = changes
                    placeholder = self.md.htmlStash.store(html)
                    found = Rendered(placeholder, log.toc, log.anchor_ids)
            else:
                continue
            if found is not None:
                self.md.timeline_rendered = found  # type: ignore[attr-defined]
                lines[number : number + 1] = ["", found.placeholder, ""]
            break
        return lines


class SourcesPreprocessor(Preprocessor):
    """Renders a sources list at each `<!-- timeline-sources PAGE [type] -->` line."""

    def __init__(self, md: markdown.Markdown, ext: TimelineExtension):
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        for line in lines:
            match = SOURCES_MARKER.match(line)
            if match is None:
                out.append(line)
                continue
            html = self.ext.sources_for(self.md, match["page"], match["kind"])
            out += ["", self.md.htmlStash.store(html), ""]
        return out


class TimelineAnchors(Preprocessor):
    """Tell MkDocs' anchor validation the timeline's ids (after its raw-HTML scan, which
    sees only the placeholder)."""

    # MkDocs registers its raw-HTML scan as `mkdocs_raw_html`; ProperDocs, its fork, as
    # `properdocs_raw_html`.
    SCANS = ("mkdocs_raw_html", "properdocs_raw_html")

    def run(self, lines: list[str]) -> list[str]:
        found = getattr(self.md, "timeline_rendered", None)
        if found is None:
            return lines
        for name in self.SCANS:
            if name in self.md.preprocessors:
                scan: Any = self.md.preprocessors[name]
                scan.present_anchor_ids |= found.anchor_ids
        return lines


class TimelineToc(Treeprocessor):
    """Add the timeline's headings (from the model) to `md.toc_tokens` where the marker was."""

    def run(self, root: etree.Element) -> None:
        found = getattr(self.md, "timeline_rendered", None)
        if not found or not hasattr(self.md, "toc_tokens"):
            return
        placeholder, toc, _ids = found
        before = set()
        for element in root.iter():
            if (element.text or "").strip() == placeholder:
                break
            before.add(element.get("id"))

        def flat(tokens: list[dict[str, Any]]) -> Any:
            for token in tokens:
                yield {**token, "children": []}
                yield from flat(token["children"])

        tokens = list(flat(self.md.toc_tokens))
        at = next((i for i, t in enumerate(tokens) if t["id"] not in before), len(tokens))
        tokens[at:at] = [
            {
                "level": entry.level,
                "id": entry.id,
                "name": escape(entry.name, quote=False),
                "html": escape(entry.name, quote=False),
                "data-toc-label": "",
                "children": [],
            }
            for entry in toc
        ]
        self.md.toc_tokens = nest_toc_tokens(tokens)


class TimelineExtension(markdown.Extension):
    """The extension; `provider` is set by the MkDocs plugin, which owns the data then."""

    def __init__(self, provider: Provider | None = None, **kwargs: Any):
        self.config = {
            "data_dir": ["data", "folder of timeline files, relative to mkdocs.yml's folder"],
            "templates": [[], "folders searched for the templates before the package's"],
            "page_url": ["", "the page's URL when no builder says (plain Python-Markdown)"],
            "sections_page": ["", "page whose '##' sections events may name (option sections)"],
            "sections_label": ["Related section", "heads an event's list of sections"],
            "exports_dir": ["exports", "where the exports are (written by the command line)"],
            "feed": ["feed.xml", "the Atom feed's path ('' for none)"],
            "changes_feed": ["changes.xml", "the Atom feed of changes' path ('' for none)"],
            "require_evidence": [False, "every event must give evidence"],
            "primary_publishers": ["", "YAML file under data_dir listing primary hosts"],
        }
        super().__init__(**kwargs)
        self.provider = provider
        self._cache: dict[Any, Timeline] = {}
        self._renderer: Renderer | None = None

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.register(TimelinePreprocessor(md, self), "timeline", 25)
        md.preprocessors.register(SourcesPreprocessor(md, self), "timeline_sources", 24)
        md.preprocessors.register(TimelineAnchors(md), "timeline_anchors", 20)
        md.treeprocessors.register(TimelineToc(md), "timeline_toc", 4)  # after toc (5)
        md.registerExtension(self)

    def reset(self) -> None:
        pass

    def render_for(self, md: markdown.Markdown, name: str | None) -> tuple[str, Timeline] | None:
        """The HTML and the model of the timeline for the page `md` converts."""
        page = _page(md, self)
        if self.provider is not None:
            return self.provider.timeline_for(page.src_uri, name)
        name = name or str(page.meta.get("timeline") or "timeline.yml")
        timeline = self._load(name, page)
        root = "../" * page.where.count("/")
        exports = {
            k: f"{root}{self.getConfig('exports_dir')}/{Path(name).stem}.{k}"
            for k in ("json", "csv")
        }
        if self.getConfig("feed"):
            exports["atom"] = root + self.getConfig("feed")
        site_url = page.config.get("site_url") or ""
        cite = {
            "site": page.config.get("site_name", ""),
            "url": site_url.rstrip("/") + "/" + page.url if site_url else None,
            "reviewed": reviewed_on(page.meta.get("reviewed")),
        }
        html = self.renderer(page).render(
            PAGE, timeline=timeline.relocated(root, exports), cite=cite, assets=None
        )
        return html, timeline

    def sources_for(self, md: markdown.Markdown, page_src: str, kind: str | None) -> str:
        """The sources list of the timeline `page_src` shows, for the page `md` converts."""
        page = _page(md, self)
        if self.provider is not None:
            timeline, url = self.provider.sources_for(page.src_uri, page_src)
        else:
            root = Path(page.config.get("root_dir") or ".")
            docs = root / page.config.get("docs_dir", "docs")
            meta = _front_matter(docs / page_src)
            name = str(meta.get("timeline") or "")
            if not name:
                raise TimelineError(
                    page_src,
                    [],
                    f"'{page_src}' has no 'timeline:' front matter; "
                    "expected the page that shows the timeline whose sources to list",
                )
            timeline = self._load(name, page)
            files = page.files or DocsFolder(docs, page.config.get("use_directory_urls", True))
            found = files.get_file_from_path(page_src)
            url = "../" * page.where.count("/") + (found.url if found else "")
        kinds = [kind] if kind else ["primary", "secondary"]
        return self.renderer(page).render(
            SOURCES, index=source_index(timeline), kinds=kinds, timeline_url=url or "./"
        )

    def changes_for(self, md: markdown.Markdown, name: str | None) -> tuple[str, ChangeLog] | None:
        """The HTML and the record of changes of a timeline, for a "What's new" page."""
        page = _page(md, self)
        if self.provider is not None:
            return self.provider.changes_for(page.src_uri, name)
        name = name or "timeline.yml"
        log = ChangeLog.of(self._load(name, page))
        root = "../" * page.where.count("/")
        feed = self.getConfig("changes_feed")
        html = self.renderer(page).render(
            CHANGES,
            log=log,
            timeline_url=root + self._timeline_page(name, page),
            feed=root + feed if feed else None,
        )
        return html, log

    def _timeline_page(self, name: str, page: _Page) -> str:
        """The URL, from the site root, of the page whose front matter names `name`."""
        import yaml

        root = Path(page.config.get("root_dir") or ".")
        docs = root / page.config.get("docs_dir", "docs")
        folder = DocsFolder(docs, page.config.get("use_directory_urls", True))
        for path in sorted(docs.rglob("*.md")):
            text = path.read_text(encoding="utf-8-sig")
            if not text.startswith("---"):
                continue
            meta = yaml.safe_load(text.split("\n---", 1)[0].removeprefix("---")) or {}
            if isinstance(meta, dict) and str(meta.get("timeline", "")).strip() == name:
                found = folder.get_file_from_path(path.relative_to(docs).as_posix())
                return found.url if found else ""
        return ""

    def renderer(self, page: _Page) -> Renderer:
        if self._renderer is None:
            from jinja2 import FileSystemLoader

            root = Path(page.config.get("root_dir") or ".")
            folders = [str(root / folder) for folder in self.getConfig("templates")]
            self._renderer = Renderer(FileSystemLoader(folders) if folders else None)
        return self._renderer

    def _load(self, name: str, page: _Page) -> Timeline:
        root = Path(page.config.get("root_dir") or ".")
        path = root / self.getConfig("data_dir") / name
        key = (path, path.stat().st_mtime_ns)
        if key not in self._cache:
            docs = root / page.config.get("docs_dir", "docs")
            files = page.files or DocsFolder(docs, page.config.get("use_directory_urls", True))
            sections_page = self.getConfig("sections_page")
            sections = (
                Sections(sections_page, label=self.getConfig("sections_label"))
                if sections_page
                else None
            )

            def read(src: str) -> str:
                text = (docs / src).read_text(encoding="utf-8")
                return str(text.split("\n---", 1)[1] if text.startswith("---") else text)

            listed = self._primary_publishers(root)
            site = Site.build(
                files,
                sections,
                read,
                lambda text: slugify(text, "-"),
                require_evidence=bool(self.getConfig("require_evidence")),
                primary_publishers=listed[0] if listed else None,
                primary_list=listed[1] if listed else "",
            )
            shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
            self._cache = {key: load_timeline(path, shown, site)}
            for warning in self._cache[key].warnings:
                log.warning(warning)
        return self._cache[key]

    def _primary_publishers(self, root: Path) -> tuple[tuple[str, ...], str] | None:
        name = self.getConfig("primary_publishers")
        if not name:
            return None
        from .source_quality import SourceQuality

        shown = f"{self.getConfig('data_dir')}/{name}"
        return SourceQuality.read(root / shown).primary, f"'primary:' in {shown}"


def _front_matter(path: Path) -> dict[str, Any]:
    """The YAML front matter of a Markdown file (empty when it has none)."""
    import yaml

    text = path.read_text(encoding="utf-8-sig")
    if not text.startswith("---"):
        return {}
    found = yaml.safe_load(text.split("\n---", 1)[0].removeprefix("---")) or {}
    return found if isinstance(found, dict) else {}


def makeExtension(**kwargs: Any) -> TimelineExtension:
    return TimelineExtension(**kwargs)
