"""Page-weight budgets (issue "Quality gates", performance budget), and a static weigher.

Shared by scripts/bench_pages.py (measures pages in Chromium) and
tests/site/test_page_weight.py (weighs the built files, no browser). Budgets:

- every page, with everything it loads on page load, under 100 KB gzip in total; the
  timeline page (front matter `timeline:`) under 110 KB;
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
TIMELINE_PAGE_BUDGET = 110 * KB
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


def budget_for(timeline: bool) -> int:
    """The gzip budget, in bytes, of a page with or without a timeline."""
    return TIMELINE_PAGE_BUDGET if timeline else PAGE_BUDGET


def failures(*, gzip_bytes: int, requests: int, other_hosts: int, timeline: bool) -> list[str]:
    """What is over budget, in words; empty if the page is within every budget."""
    found = []
    budget = budget_for(timeline)
    if gzip_bytes > budget:
        found.append(f"{gzip_bytes / KB:.1f} KB gzip > {budget / KB:.0f} KB")
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
    page_url = urljoin(_OWN + prefix.strip("/") + "/", page.removesuffix("index.html"))
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
