"""The built site: every page is present, titled, free of web-page chrome and of other hosts.

(That links to other hosts carry rel="noopener" is tested in the browser, with their mark
and spoken name: tests/browser/test_external_link_marks.py.)
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from harness import ROOT
from markdown.extensions.toc import slugify

# Every page the site promises, by source file, with a word its title must contain.
PAGES = {
    "index.md": "US–ICC Relations",
    "office-of-global-criminal-justice.md": "Office of Global Criminal Justice",
    "us-policy-toward-the-icc.md": "policy",
    "task-force-recommendations.md": "Task Force",
    "us-and-icc-review.md": "review",
    "relationship.md": "relationship",
    "timeline-sources.md": "sources",
    "whats-new.md": "new",
    "editors/timeline-data.md": "timeline",
    "editors/recommendation-status.md": "status",
    "plugin.md": "plugin",
    "about.md": "About",
}

# Web-page chrome of the source documents that must never reach a page.
CHROME = [
    "printable banner",
    "Great Seal",
    "Diplomacy in Action",
    "Stay Connected",
    "Sign-in",
    "service has been discontinued",
    "Recent News",
    "Google+",
    "Images of Rwanda",
    "hrc berkeley logo",
    "an an ardent",
    "Untied States",
]


def page_html(site: Path, src: str) -> str:
    """The built HTML of a docs/ source file (directory URLs)."""
    stem = src.removesuffix(".md")
    path = site / ("index.html" if stem == "index" else f"{stem}/index.html")
    return path.read_text(encoding="utf-8")


def nav_sources(items) -> list[str]:
    """Source paths of every page in a nav tree, in order."""
    found = []
    for item in items:
        if isinstance(item, dict):
            for value in item.values():
                found += nav_sources(value) if isinstance(value, list) else [value]
        elif isinstance(item, list):
            found += nav_sources(item)
        else:
            found.append(item)
    return found


def test_every_page_is_in_the_nav(real_config):
    assert sorted(nav_sources(real_config["nav"])) == sorted(PAGES)


@pytest.mark.parametrize("src, word", PAGES.items())
def test_page_renders_its_title(built_site, src, word):
    html = page_html(built_site, src)
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert h1, f"{src} has no <h1>"
    title = re.sub(r"<[^>]+>", "", h1.group(1))
    assert word.lower() in title.lower(), f"{src}: h1 is {title!r}"
    head_title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert word.lower() in head_title.lower(), f"{src}: <title> is {head_title!r}"


# The pages written from a source document (not the editors' guide or the plugin's manual)
@pytest.mark.parametrize(
    "src", [p for p in PAGES if not p.startswith("editors/") and p != "plugin.md"]
)
def test_page_ends_with_its_source(built_site, src):
    html = page_html(built_site, src)
    headings = re.findall(r'<h2 id="([^"]+)"', html)
    assert headings and headings[-1].startswith("source"), (
        f"{src} does not end with a Source section"
    )


def seed_recommendations(seeds: Path) -> list[str]:
    """Recommendation titles of the Task Force seed: each is the line before a lone '+'."""
    lines = (seeds / "002_1ffef6be99a8376d.txt").read_text(encoding="utf-8").splitlines()
    return [lines[i - 1].strip() for i, line in enumerate(lines) if line.strip() == "+" and i]


def test_every_recommendation_has_its_section(built_site, seeds):
    titles = seed_recommendations(seeds)
    assert len(titles) >= 10, "the seed's recommendations were not found"
    html = page_html(built_site, "task-force-recommendations.md")
    ids = set(re.findall(r'<h2 id="([^"]+)"', html))
    missing = [t for t in titles if slugify(t, "-") not in ids]
    assert not missing, f"recommendations without a section: {missing}"


def test_recommendations_have_an_on_page_toc(built_site, seeds):
    html = page_html(built_site, "task-force-recommendations.md")
    toc = html.split('data-md-component="toc"', 1)[-1]
    for title in seed_recommendations(seeds):
        assert f'href="#{slugify(title, "-")}"' in toc


@pytest.mark.parametrize("src", PAGES)
def test_no_web_page_chrome(built_site, src):
    text = page_html(built_site, src).lower()
    found = [c for c in CHROME if c.lower() in text]
    assert not found, f"{src} contains {found}"


class _AssetCollector(HTMLParser):
    """Collects URLs a page loads itself: scripts, styles, fonts, images, frames."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed"):
            self.urls.append(attrs.get("src") or "")
        if tag == "link" and attrs.get("rel") in (
            "stylesheet",
            "preload",
            "preconnect",
            "icon",
            "modulepreload",
        ):
            self.urls.append(attrs.get("href") or "")


def test_no_asset_from_another_host(built_site):
    offenders = []
    for html_file in sorted(built_site.rglob("*.html")):
        parser = _AssetCollector()
        html = html_file.read_text(encoding="utf-8")
        parser.feed(html)
        for url in parser.urls:
            if urlsplit(url).netloc:
                offenders.append(f"{html_file.relative_to(built_site)}: {url}")
        for url in re.findall(
            r"@import\s+url\(([^)]+)\)|fonts\.googleapis\.com|fonts\.gstatic\.com", html
        ):
            offenders.append(f"{html_file.relative_to(built_site)}: {url or 'Google Fonts'}")
    for css in sorted(built_site.rglob("*.css")):
        if re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")):
            offenders.append(f"{css.relative_to(built_site)}: url() to another host")
    assert not offenders, "assets from other hosts:\n" + "\n".join(offenders)


def test_recommendations_link_back_to_their_events(built_site):
    """Every event that names a recommendation is listed under that recommendation."""
    data = ROOT / "data" / "timeline.yml"
    events = yaml.safe_load(data.read_text(encoding="utf-8"))["events"]
    html = page_html(built_site, "task-force-recommendations.md")
    sections = dict(re.findall(r'<h2 id="([^"]+)"(.*?)(?=<h2 |</article>)', html, re.S))
    pairs = [(r, e["id"]) for e in events for r in e.get("recommendations") or []]
    assert pairs, "no event names a recommendation"
    missing = [p for p in pairs if f'href="../relationship/#{p[1]}"' not in sections[p[0]]]
    assert not missing, f"(recommendation, event) pairs without a back-link: {missing}"


def test_stylesheets_are_inlined_whole(built_site):
    """main.html inlines the CSS through Jinja, minified (hooks/minify.py); a stray "{#"
    in a stylesheet would silently eat some of it."""
    import rcssmin

    html = page_html(built_site, "relationship.md")
    package = ROOT / "mkdocs_timeline" / "templates"  # the timeline's own, package data
    for name in ("site.css", "a11y.css", "page-facts.css", "timeline.css"):
        folder = package if name == "timeline.css" else ROOT / "overrides"
        css = (folder / "assets" / "stylesheets" / name).read_text(encoding="utf-8")
        assert rcssmin.cssmin(css).strip() in html, (
            f"{name} is not inlined whole in the timeline page"
        )
