"""Readers who follow and cite (issue 7), in the real built HTML: every page's canonical URL,
description, Open Graph and Twitter card metadata and `lang`; its review date, last change
and "How to cite this page" line; the sitemap, robots.txt and the 404 page."""

from __future__ import annotations

import datetime as dt
import re
import struct
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from harness import ROOT
from mkdocs.utils.meta import YAML_RE

# The site writes dates in English whatever the machine's locale ("23 November 2026").
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip

DOCS = ROOT / "docs"
PAGES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
FACTS = ("page-facts__reviewed", "page-facts__changed", "page-facts__citation")
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class Page(HTMLParser):
    """What a reader's browser, a crawler and a link preview read from a page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.title = ""
        self.meta: dict[str, list[str]] = {}  # name or property -> contents
        self.links: dict[str, list[str]] = {}  # rel -> hrefs
        self.anchors: list[str] = []
        self.ids: set[str] = set()
        self.forms: list[dict] = []
        self.inputs: list[dict] = []
        self.text: dict[str, str] = {}  # class -> text, for the classes in FACTS
        self._open: list[list] = []  # [class, depth, parts] being read
        self._in_title = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "title":
            self._in_title = True
        elif tag == "meta" and (a.get("name") or a.get("property")):
            self.meta.setdefault(a.get("name") or a.get("property"), []).append(
                a.get("content", "")
            )
        elif tag == "link":
            for rel in a.get("rel", "").split():
                self.links.setdefault(rel, []).append(a.get("href", ""))
        elif tag == "a" and "href" in a:
            self.anchors.append(a["href"])
        elif tag == "form":
            self.forms.append(a)
        elif tag == "input":
            self.inputs.append(a)
        if tag in VOID:
            return
        for item in self._open:
            item[1] += 1
        for cls in a.get("class", "").split():
            if cls in FACTS:
                self._open.append([cls, 1, []])

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag in VOID:
            return
        for item in list(self._open):
            item[1] -= 1
            if item[1] == 0:
                self.text[item[0]] = " ".join("".join(item[2]).split())
                self._open.remove(item)

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        for item in self._open:
            item[2].append(data)

    def one(self, key: str) -> str:
        values = self.meta.get(key, [])
        assert len(values) == 1, f"{key}: {values}"
        return values[0]


def front_matter(src: str) -> dict:
    match = YAML_RE.match((DOCS / src).read_text(encoding="utf-8"))
    return yaml.safe_load(match.group(1))


def page_url(src: str) -> str:
    stem = src.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index") + "/"


def built(site: Path, src: str) -> Page:
    url = page_url(src)
    return Page((site / url / "index.html").read_text(encoding="utf-8"))


def long_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def git_last_change(paths: list[Path]) -> dt.date | None:
    """The last commit's date (UTC) for paths, when this checkout has the whole history and
    the paths no uncommitted change; else None (the check is skipped)."""

    def git(*args):
        try:
            done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        except OSError:
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    if git("rev-parse", "--is-shallow-repository") != "false":
        return None
    if git("status", "--porcelain", "--", *map(str, paths)) != "":
        return None
    stamp = git("log", "-1", "--format=%ct", "--", *map(str, paths))
    return dt.datetime.fromtimestamp(int(stamp), dt.UTC).date() if stamp else None


@pytest.fixture(scope="session")
def site_url(real_config) -> str:
    assert real_config.site_url, "site_url is not set"
    return real_config.site_url


@pytest.mark.parametrize("src", PAGES)
def test_page_has_canonical_url_description_and_lang(built_site, site_url, src):
    page = built(built_site, src)
    meta = front_matter(src)
    assert page.lang == "en"
    assert page.links.get("canonical") == [site_url + page_url(src)]
    assert isinstance(meta.get("description"), str) and len(meta["description"]) >= 40, (
        f"{src}: give the page its own description: in its front matter"
    )
    assert page.one("description") == meta["description"].strip()


def test_every_page_has_its_own_description(built_site):
    descriptions = [built(built_site, src).one("description") for src in PAGES]
    assert len(set(descriptions)) == len(PAGES), descriptions


@pytest.mark.parametrize("src", PAGES)
def test_page_has_open_graph_and_twitter_card(built_site, real_config, site_url, src):
    page = built(built_site, src)
    meta = front_matter(src)
    title = real_config.site_name if src == "index.md" else meta["title"]
    canonical = site_url + page_url(src)
    assert page.one("og:title") == title
    assert page.one("og:description") == meta["description"].strip()
    assert page.one("og:url") == canonical
    assert page.one("og:site_name") == real_config.site_name
    assert page.one("og:type") == ("website" if src == "index.md" else "article")
    assert page.one("twitter:card") == "summary_large_image"
    assert page.one("twitter:title") == title
    assert page.one("twitter:description") == meta["description"].strip()
    image = page.one("og:image")
    assert page.one("twitter:image") == image
    assert image.startswith(site_url), f"the card image must be the site's own: {image}"
    assert page.one("og:image:alt") and page.one("twitter:image:alt")
    assert (page.one("og:image:width"), page.one("og:image:height")) == ("1200", "630")


def test_the_card_image_is_a_small_1200_by_630_png(built_site, site_url):
    image = built(built_site, "index.md").one("og:image")
    path = built_site / image.removeprefix(site_url)
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    assert struct.unpack(">II", data[16:24]) == (1200, 630)
    assert len(data) < 150_000, f"{path}: {len(data)} bytes"


@pytest.mark.parametrize("src", PAGES)
def test_page_shows_its_review_date_and_how_to_cite_it(built_site, real_config, site_url, src):
    page = built(built_site, src)
    meta = front_matter(src)
    reviewed = meta["reviewed"]
    reviewed = reviewed if isinstance(reviewed, dt.date) else dt.date.fromisoformat(reviewed)
    assert page.text.get("page-facts__reviewed") == f"Last reviewed: {long_date(reviewed)}."
    assert page.text.get("page-facts__citation") == (
        f"{real_config.site_name}, “{meta['title']}”, {site_url + page_url(src)}, "
        f"last reviewed {long_date(reviewed)}."
    )


@pytest.mark.parametrize("src", PAGES)
def test_page_shows_its_last_change_from_git(built_site, src):
    sources = [DOCS / src]
    if timeline := front_matter(src).get("timeline"):
        sources.append(ROOT / "data" / timeline)
    expected = git_last_change(sources)
    if expected is None:
        pytest.skip("no full git history of this page here (shallow clone, no git, or uncommitted)")
    shown = built(built_site, src).text.get("page-facts__changed")
    assert shown == f"Last changed: {long_date(expected)} (from the repository's history)."


def test_sitemap_lists_every_page(built_site, site_url):
    tree = ET.parse(built_site / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = sorted(loc.text.strip() for loc in tree.getroot().findall("s:url/s:loc", ns))
    assert locs == sorted(site_url + page_url(src) for src in PAGES)
    built_pages = sorted(p.parent for p in built_site.rglob("index.html"))
    assert len(built_pages) == len(locs), built_pages


def test_robots_txt_points_to_the_sitemap(built_site, site_url):
    lines = (built_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {site_url}sitemap.xml" in lines
    assert not any(line.startswith("Disallow: /") and line != "Disallow: " for line in lines)


def test_site_url_decides_every_absolute_address(build_site):
    """SITE_URL (site_url) is the single source of the canonical, Open Graph, citation and
    sitemap addresses."""
    other = "https://example.org/mirror/"
    site = build_site(site_url=other).site_dir
    assert f"Sitemap: {other}sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")
    page = built(site, "about.md")
    assert page.one("og:url") == f"{other}about/" == page.links["canonical"][0]
    assert page.one("og:image") == f"{other}assets/images/social-card.png"
    assert f", {other}about/, " in page.text["page-facts__citation"]


# ---- The 404 page ---------------------------------------------------------------------------


def test_404_page_says_what_happened_and_offers_search_and_the_pages(
    built_site, real_config, site_url
):
    html = (built_site / "404.html").read_text(encoding="utf-8")
    page = Page(html)
    base = urlsplit(site_url).path  # GitHub Pages serves it at any depth: absolute paths
    assert re.search(r"<h1 id=\"page-not-found\">404 - Page not found</h1>", html)
    assert "There is no page at this address" in html
    assert page.title.strip() == f"Page not found - {real_config.site_name}"
    assert page.one("robots") == "noindex"
    # the skip link, kept
    assert "#page-not-found" in page.anchors and "page-not-found" in page.ids
    # the search: a form that opens the home page with ?q= (Material's search link)
    search = [f for f in page.forms if f.get("role") == "search" and f.get("method") == "get"]
    assert search and search[0]["action"].rstrip(".") == base, page.forms
    assert any(i.get("name") == "q" and i.get("id") == "not-found-query" for i in page.inputs)
    assert '<label for="not-found-query">' in html
    # every page of the navigation, by an absolute path from site_url
    for src in PAGES:
        target = base + page_url(src)
        assert target in page.anchors or (target + ".") in page.anchors, f"no link to {target}"
    # its stylesheets and scripts are absolute too
    assert all(h.startswith(("/", "http", "data:")) for h in page.links.get("icon", []))
    assert re.search(rf'<script src="{re.escape(base)}assets/javascripts/bundle\.', html)
