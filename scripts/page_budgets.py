"""Page-weight budgets, and a static weigher.

Shared by scripts/bench_pages.py (measures pages in Chromium) and
tests/site/test_page_weight.py (weighs the built files, no browser). Budgets:

- every page without a timeline, with everything it loads on page load, under 100 KB gzip
  in total;
- a timeline page (front matter `timeline:`) grows with its events: its gzip bytes beyond
  those of the site's lightest plain page (all files loaded counted) at most 1.25 x the gzip
  size of the events' own text (`event_text`) plus 14.4 KB for the page's own controls
  (`growth`, which also says which part of the page the bytes are in);
- a listing page rendered from the timeline's data (a `<!-- timeline-… -->` marker line, such
  as the sources page) grows with what it lists: its gzip bytes beyond the lightest plain
  page's at most 1.25 x the gzip size of its own text (the words of its `<article>` and the
  addresses it links to) plus 3 KB (`listing_failures`);
- at most 8 requests per page, the page itself included;
- no request to another host.

KB = 1000 bytes. "gzip" is gzip -9 of each file, computed locally.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

KB = 1000
PAGE_BUDGET = 100 * KB
TEXT_FACTOR = 1.25  # a timeline page's bytes per byte of its events' text (both gzip)
# and the timeline page's own controls, styles and scripts: 6.6 KB, plus 7.4 KB measured for
# issue 16 at 127 events: the overview (its marks, 5.9 KB), the situation filter and the
# headlines switch (0.1 KB), their styles (0.3 KB) and script (1.1 KB); then 0.3 KB of
# styles for the compact headline rows (a grid of aligned columns) and content-visibility;
# plus 0.1 KB for issue 15 (below)
CONTROLS_BUDGET = 14.4 * KB
LISTING_BUDGET = 3 * KB  # a listing page's own headings and introduction, beyond its text
LISTING_MARKER = "<!-- timeline-"  # a page rendered from the data, other than the timeline
MAX_REQUESTS = 8
MAX_OTHER_HOST_REQUESTS = 0

# The script of overrides/partials/search-lazy.html: with it, Material's search worker (and
# index) load when the reader starts to use search, not on page load.
LAZY_SEARCH_ID = "search-lazy"

# <link rel=...> values that make the browser fetch the target on page load.
_LOADING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch"}
_OWN = "http://site.invalid/"  # stands for the site's own host when resolving references


def gzip_size(data: bytes) -> int:
    """Size of `data` compressed with gzip -9 (no file name, no time stamp)."""
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def built_path(src: str) -> str:
    """The built file of a docs/ source path, with MkDocs' directory URLs: a/b.md -> a/b/index.html."""
    stem = src.removesuffix(".md")
    name = stem.rsplit("/", 1)[-1]
    if name in ("index", "README"):
        parent = stem[: -len(name)]
        return f"{parent}index.html"
    return f"{stem}/index.html"


def source_pages(docs_dir: Path) -> dict[str, bool]:
    """Built path of every Markdown page under `docs_dir` -> whether it has a timeline."""
    from mkdocs.utils.meta import get_data

    pages = {}
    for path in sorted(docs_dir.rglob("*.md")):
        _, meta = get_data(path.read_text(encoding="utf-8-sig"))
        pages[built_path(path.relative_to(docs_dir).as_posix())] = bool(meta.get("timeline"))
    return pages


def listing_pages(docs_dir: Path) -> list[str]:
    """Built path of every page under `docs_dir` that lists the timeline's data (a marker line
    `<!-- timeline-… -->`) without being a timeline page itself."""
    timelines = source_pages(docs_dir)
    return [
        built_path(path.relative_to(docs_dir).as_posix())
        for path in sorted(docs_dir.rglob("*.md"))
        if LISTING_MARKER in path.read_text(encoding="utf-8-sig")
        and not timelines[built_path(path.relative_to(docs_dir).as_posix())]
    ]


class _ArticleText(HTMLParser):
    """The words of a page's `<article>` elements, and the addresses their links point to."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.depth = 0
        self.words: list[str] = []
        self.addresses: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        elif self.depth and tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith(("http://", "https://")):
                self.addresses.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.words.append(data)

    def text(self) -> str:
        return " ".join(" ".join(self.words).split()) + "\n" + "\n".join(self.addresses)


def listing_failures(site_dir: Path, page: str, plain: str, prefix: str = "/") -> list[str]:
    """What is over the listing page's budget (see the module's docstring), in words."""
    extra = page_weight(site_dir, page, prefix).gzip_bytes
    extra -= page_weight(site_dir, plain, prefix).gzip_bytes
    html = (site_dir / page).read_text(encoding="utf-8")
    text = gzip_size(_ArticleText(html).text().encode())
    budget = round(TEXT_FACTOR * text + LISTING_BUDGET)
    if extra <= budget:
        return []
    return [
        f"{extra / KB:.1f} KB gzip beyond the plain page {plain} > {budget / KB:.1f} KB "
        f"({TEXT_FACTOR} x the {text / KB:.1f} KB gzip of its own text and addresses + "
        f"{LISTING_BUDGET / KB:.0f} KB): its markup per item grew"
    ]


def failures(*, gzip_bytes: int, requests: int, other_hosts: int, timeline: bool) -> list[str]:
    """What is over budget, in words; empty if the page is within every budget. A timeline
    page has no fixed byte budget (see `growth`): only its requests are judged here."""
    found = []
    if not timeline and gzip_bytes > PAGE_BUDGET:
        found.append(f"{gzip_bytes / KB:.1f} KB gzip > {PAGE_BUDGET / KB:.0f} KB")
    if requests > MAX_REQUESTS:
        found.append(f"{requests} requests > {MAX_REQUESTS}")
    if other_hosts > MAX_OTHER_HOST_REQUESTS:
        found.append(f"{other_hosts} request(s) to other hosts")
    return found


class _LoadedRefs(HTMLParser):
    """Collects the URLs an HTML page fetches on page load, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[str] = []
        self.lazy_search = False
        self.worker: str | None = None
        self.alternates: list[str] = []
        self._in_config = False
        self._config = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if (
            tag == "link"
            and _LOADING_RELS & set(a.get("rel", "").lower().split())
            and a.get("href")
        ):
            self.refs.append(a["href"])
        elif tag == "link" and "alternate" in a.get("rel", "").lower().split() and a.get("href"):
            self.alternates.append(a["href"])
        elif tag == "script":
            if a.get("src"):
                self.refs.append(a["src"])
            self.lazy_search |= a.get("id") == LAZY_SEARCH_ID
            self._in_config = a.get("id") == "__config"
        elif tag in ("img", "iframe") and a.get("src"):
            self.refs.append(a["src"])

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self._config += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_config:
            self._in_config = False
            self.worker = json.loads(self._config).get("search")


@dataclass
class Weight:
    """What a page loads on page load: its own file first, then each file it fetches."""

    page: str
    files: list[tuple[str, int]] = field(default_factory=list)  # (site path, gzip bytes)
    other_hosts: list[str] = field(default_factory=list)  # URLs on other hosts
    missing: list[str] = field(default_factory=list)  # site paths not in the build

    @property
    def requests(self) -> int:
        """Requests on page load: the page, its files, and any to other hosts."""
        return len(self.files) + len(self.other_hosts) + len(self.missing)

    @property
    def gzip_bytes(self) -> int:
        """Total of the gzip -9 sizes of the page and its files."""
        return sum(size for _, size in self.files)

    def breakdown(self) -> str:
        """One line per file with its gzip size, for failure messages."""
        lines = [f"  {size / KB:7.1f} KB  {path}" for path, size in self.files]
        lines += [f"  other host: {url}" for url in self.other_hosts]
        lines += [f"  missing: {path}" for path in self.missing]
        return "\n".join(lines)


def page_load_refs(html: str, page_url: str) -> list[str]:
    """URLs (absolute, resolved against `page_url`) that a page fetches on page load: stylesheets, icons,
    preloads, scripts (defer and async too), images and frames; and what Material's bundle
    fetches: its search worker (URL in the `__config` JSON) unless the lazy-search script
    defers it, and sitemap.xml next to each <link rel=alternate> (Material looks for alternate
    versions of the site: integrations/alternate). Data URLs excluded."""
    parser = _LoadedRefs()
    parser.feed(html)
    parser.close()
    refs = list(parser.refs)
    if parser.worker and not parser.lazy_search:
        refs.append(parser.worker)
    refs = [urljoin(page_url, ref) for ref in refs]
    refs += [
        urljoin(urljoin(page_url, alternate), "sitemap.xml") for alternate in parser.alternates
    ]
    return [ref for ref in refs if not ref.startswith("data:")]


def page_weight(site_dir: Path, page: str, prefix: str = "/") -> Weight:
    """Weigh a built page (`page`: path in `site_dir`, e.g. about/index.html) and what it
    loads. `prefix`: the path the site is served under (site_url's), for absolute links.
    Each distinct URL counts once, like a browser's requests."""
    html = (site_dir / page).read_bytes()
    weight = Weight(page, files=[(page, gzip_size(html))])
    site_url = _OWN + prefix.strip("/") + "/" if prefix.strip("/") else _OWN
    page_url = urljoin(site_url, page.removesuffix("index.html"))
    root = urlsplit(page_url.removesuffix(page.removesuffix("index.html"))).path
    seen = {page}
    for url in page_load_refs(html.decode("utf-8"), page_url):
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}/" != _OWN:
            if url not in weight.other_hosts:
                weight.other_hosts.append(url)
            continue
        path = unquote(parts.path)
        if not path.startswith(root):
            weight.missing.append(path)  # on the site's host, outside the site
            continue
        path = path[len(root) :]
        path = path + "index.html" if path == "" or path.endswith("/") else path
        if path in seen:
            continue
        seen.add(path)
        if (site_dir / path).is_file():
            weight.files.append((path, gzip_size((site_dir / path).read_bytes())))
        else:
            weight.missing.append(path)
    return weight


# ---- A timeline page: bytes that grow with its events ----------------------------------

# The parts of a timeline page's bytes beyond a plain page's, and how the budget
# (TEXT_FACTOR x the events' text + CONTROLS_BUDGET) is shared among them, so that a failure
# can name the parts that grew: per event as a factor of the events' text, per page in bytes.
# The shares are the page as it was accepted, rounded up; they add up to the budget, so a
# page over budget always has a part over its share.
EVENTS = "events' HTML (their text and markup)"
STRUCTURED = "structured data (JSON-LD)"
CONTROLS = "timeline controls (heading, intro, filters, citation pattern)"
STYLES = "styles (inline and files)"
SCRIPTS = "scripts (inline and files)"
REST = "the rest of the page (prose, navigation, other files)"
PER_EVENT_SHARES = {STRUCTURED: 0.0, EVENTS: TEXT_FACTOR}  # microdata is in the events' HTML
# Issue 15 raised CONTROLS and REST by 50 bytes each: measured, the sources page's nav
# entry adds 14 bytes gzip to the rest of the timeline page, and the controls' span grew
# 12 bytes in gzip context (1398 -> 1410) with no change to their markup; both were within
# 10 bytes of their shares before.
PAGE_SHARES = {CONTROLS: 7.45 * KB, STYLES: 2.55 * KB, SCRIPTS: 3.65 * KB, REST: 0.75 * KB}
# Class names of the timeline's markup (overrides/partials/timeline.html): the section and
# the list of its events.
TIMELINE_CLASS = "tl"
EVENTS_CLASS = "tl-eras"
# The withdrawn events' list: their ids and reasons are counted as events' text, so their
# markup is weighed with the events'
WITHDRAWN_CLASS = "tl-withdrawn"


def event_text(timeline) -> str:
    """What a reader reads of each event of a `mkdocs_timeline` Timeline, as plain text: its
    date (and end date), title, kind, situations, body, each source's title, address and
    record (its publisher, published date, primary mark and archived copy's address), the
    recommendations and related events (title and date) it lists, its picture's description,
    caption and credit, the excerpt of its evidence (shown collapsed under the sources), and
    the day it was added with each correction's day and note; then each withdrawn event's id
    and reason. One item a line, a blank line between events."""
    texts = []
    for event in timeline.events:
        lines = [event.when.display, event.title, event.kind.label, event.body_text]
        lines += [situation.label for situation in getattr(event, "situations", ())]
        for source in event.sources:
            lines += [source.title, source.url, source.publisher]
            lines += [source.published.display if source.published else ""]
            lines += ["primary source" if source.primary else ""]
            if source.version:
                lines += ["archived copy", source.version.url, source.version.date.iso]
        if event.evidence:
            lines.append(event.evidence.excerpt)
        lines += [rec.title or rec.id for rec in event.recommendations]
        lines += [f"{other.title} ({other.display})" for other in getattr(event, "related", ())]
        if event.media:
            lines += [event.media.alt, event.media.caption or "", event.media.credit or ""]
        if event.added:
            lines.append(event.added.display)
        for correction in event.corrections:
            lines += [correction.date.display, correction.note]
        texts.append("\n".join(line for line in lines if line))
    for withdrawn in timeline.withdrawn:
        texts.append("\n".join([withdrawn.id, withdrawn.date.display, withdrawn.reason]))
    return "\n\n".join(texts)


def page_timelines(config_file: Path) -> dict:
    """Built page (`relationship/index.html`) -> the Timeline it shows, read by the site's
    own timeline plugin as a build of `config_file` reads it (without building)."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(config_file=str(config_file))
    config = config.plugins.on_config(config)
    config.plugins.on_files(get_files(config), config=config)
    loaded = config.plugins["timeline"].loaded
    return {page.dest_uri: item.timeline for item in loaded.values() for page in item.pages}


class _Spans(HTMLParser):
    """Where the outermost elements that `wanted(tag, attrs)` picks start and end in an HTML
    text, as (start, end) character offsets."""

    def __init__(self, html: str, wanted) -> None:
        super().__init__(convert_charrefs=False)
        self.html = html
        self.wanted = wanted
        self.line_starts = [0] + [i + 1 for i, char in enumerate(html) if char == "\n"]
        self.spans: list[tuple[int, int]] = []
        self._open: list = []  # [tag, nesting depth of the same tag, start offset]
        self.feed(html)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._open and tag == self._open[0]:
            self._open[1] += 1
        elif not self._open and self.wanted(tag, {k: v or "" for k, v in attrs}):
            self._open = [tag, 0, self._offset()]

    def handle_endtag(self, tag: str) -> None:
        if not self._open or tag != self._open[0]:
            return
        if self._open[1]:
            self._open[1] -= 1
            return
        end = self.html.index(">", self._offset()) + 1
        self.spans.append((self._open[2], end))
        self._open = []


def _without(html: str, wanted) -> str:
    """`html` without the elements `wanted(tag, attrs)` picks."""
    spans = _Spans(html, wanted).spans
    kept, at = [], 0
    for start, end in spans:
        kept.append(html[at:start])
        at = end
    return "".join(kept) + html[at:]


def _has_class(name: str):
    return lambda tag, attrs: name in attrs.get("class", "").split()


def _is_json_ld(tag: str, attrs: dict) -> bool:
    return tag == "script" and attrs.get("type") == "application/ld+json"


def _page_parts(site_dir: Path, weight: Weight) -> dict[str, int]:
    """A page's gzip bytes by part: each part is what the page's HTML loses in gzip when it
    goes (removed in the order of the parts), plus the files the page loads of its kind. The
    parts add up to the page's total."""
    html = (site_dir / weight.page).read_text(encoding="utf-8")
    steps = [
        (STRUCTURED, _is_json_ld),
        (
            EVENTS,
            lambda tag, attrs: (
                _has_class(EVENTS_CLASS)(tag, attrs) or _has_class(WITHDRAWN_CLASS)(tag, attrs)
            ),
        ),
        (CONTROLS, _has_class(TIMELINE_CLASS)),
        (STYLES, lambda tag, attrs: tag == "style"),
        (SCRIPTS, lambda tag, attrs: tag == "script"),
    ]
    parts = {}
    size = gzip_size(html.encode())
    for part, wanted in steps:
        html = _without(html, wanted)
        smaller = gzip_size(html.encode())
        parts[part] = size - smaller
        size = smaller
    parts[REST] = size
    for path, file_size in weight.files[1:]:
        part = {".css": STYLES, ".js": SCRIPTS}.get(Path(path).suffix, REST)
        parts[part] += file_size
    return parts


@dataclass
class Growth:
    """A timeline page's gzip bytes beyond a plain page's, by part, against its events' text."""

    page: str
    plain: str  # the plain page it is weighed against
    text: int  # gzip bytes of the events' text (`event_text`)
    events: int  # how many events the page shows
    parts: dict[str, int]  # the bytes beyond the plain page's, by part; they add up to `extra`

    @property
    def extra(self) -> int:
        """The page's gzip bytes beyond the plain page's, all files loaded counted."""
        return sum(self.parts.values())

    @property
    def budget(self) -> int:
        """TEXT_FACTOR x the events' text + CONTROLS_BUDGET, in bytes."""
        return round(TEXT_FACTOR * self.text + CONTROLS_BUDGET)

    @property
    def ratio(self) -> float:
        """The page's extra bytes, less CONTROLS_BUDGET, per byte of its events' text."""
        return (self.extra - CONTROLS_BUDGET) / self.text

    def share(self, part: str) -> int:
        """The bytes of the budget that fall to `part`."""
        if part in PER_EVENT_SHARES:
            return round(PER_EVENT_SHARES[part] * self.text)
        return round(PAGE_SHARES[part])

    def over(self) -> list[str]:
        """The parts over their shares of the budget."""
        return [part for part in self.parts if self.parts[part] > self.share(part)]

    def failures(self) -> list[str]:
        """What is over budget, in words, naming the parts that grew; empty if within it."""
        if self.extra <= self.budget:
            return []
        grew = [
            f"{part}: {self.describe(part)} > its share {self.describe(part, self.share(part))}"
            for part in self.over()
        ]
        message = (
            f"{self.extra / KB:.1f} KB gzip beyond the plain page {self.plain} > "
            f"{self.budget / KB:.1f} KB ({TEXT_FACTOR} x the {self.text / KB:.1f} KB gzip of "
            f"the {self.events} events' text + {CONTROLS_BUDGET / KB:.0f} KB); "
            f"grew: {'; '.join(grew)}"
        )
        return [message]

    def describe(self, part: str, size: int | None = None) -> str:
        """`part`'s bytes (or `size`), and per byte of text for the per-event parts."""
        size = self.parts[part] if size is None else size
        if part in PER_EVENT_SHARES:
            return f"{size / KB:.1f} KB ({size / self.text:.2f} x the text)"
        return f"{size / KB:.1f} KB"

    def breakdown(self) -> str:
        """One line per part with its bytes and its share, for failure messages."""
        lines = [
            f"  {self.parts[part] / KB:7.1f} KB  {part} (share {self.describe(part, self.share(part))})"
            for part in self.parts
        ]
        lines.append(f"  {self.extra / KB:7.1f} KB  in all, of {self.budget / KB:.1f} KB")
        lines.append(f"  events' text: {self.text / KB:.1f} KB gzip; {self.ratio:.2f} x")
        return "\n".join(lines)


def plain_page(site_dir: Path, pages: dict[str, bool], prefix: str = "/") -> str:
    """The lightest built page without a timeline (404.html aside), all files counted."""
    plain = [page for page, timeline in pages.items() if not timeline and page != "404.html"]
    return min(plain, key=lambda page: page_weight(site_dir, page, prefix).gzip_bytes)


def growth(
    site_dir: Path, page: str, plain: str, text: str, events: int, prefix: str = "/"
) -> Growth:
    """Weigh the timeline page `page` against the plain page `plain` of the same build; `text`
    is what a reader reads of its `events` events (`event_text`)."""
    mine = _page_parts(site_dir, page_weight(site_dir, page, prefix))
    theirs = _page_parts(site_dir, page_weight(site_dir, plain, prefix))
    parts = {part: mine[part] - theirs[part] for part in mine}
    return Growth(page, plain, gzip_size(text.encode()), events, parts)
