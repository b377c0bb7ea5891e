"""Render event bodies: Markdown to HTML, links checked, then sanitised with nh3.

Links to files under docs/ (`task-force-recommendations.md#id`) are written with the
`ROOT` marker in front of the target's URL; `relocate_links` later replaces the marker
with the way from a page (or an export) to the site root.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from typing import NamedTuple
from urllib.parse import unquote

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE, HTML_PLACEHOLDER_RE
from markupsafe import Markup

from .errors import shown
from .urls import is_web_address, split_url

ROOT = "/__timeline_root__/"
LINKS = "https://…, http://…, mailto: or a path relative to docs/ such as 'about.md#sources'"

_ROOT_LINK = re.compile(r'(href|src)="' + re.escape(ROOT) + r'([^"]*)"')

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em",
    "i", "li", "ol", "p", "strong", "sub", "sup", "ul",
}  # fmt: skip
CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags={"script", "style", "iframe", "object", "embed", "template", "noscript"},
    attributes={"a": {"href", "title"}, "abbr": {"title"}},
    url_schemes={"http", "https", "mailto"},
    link_rel=None,
    strip_comments=True,
)


class Body(NamedTuple):
    """A rendered body: safe HTML, what is wrong with the Markdown, and its links to anchors.

    `anchors` holds (path under docs/, anchor) of links such as `about.md#sources`; the
    path is empty for `#anchor` links to the page that shows the timeline.
    """

    html: Markup
    problems: list[str]
    anchors: list[tuple[str, str]]


_BREAKS = {"p", "li", "br", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6"}


class _PlainText(Treeprocessor):
    """The body as plain text, one line per block, from the same tree as the HTML (run
    after Python-Markdown's unescape step; stashed entities are decoded)."""

    text = ""

    def run(self, root: etree.Element) -> None:
        parts: list[str] = []
        stash = self.md.htmlStash.rawHtmlBlocks

        def walk(element: etree.Element) -> None:
            block = element.tag in _BREAKS
            parts.append("\n" if block else "")
            parts.append(element.text or "")
            for child in element:
                walk(child)
                parts.append(child.tail or "")
            parts.append("\n" if block else "")

        walk(root)
        text = "".join(parts).replace(AMP_SUBSTITUTE, "&")
        text = HTML_PLACEHOLDER_RE.sub(lambda m: html.unescape(str(stash[int(m[1])])), text)
        lines = (" ".join(line.split()) for line in text.split("\n"))
        self.text = "\n".join(line for line in lines if line)


class _LinkChecker(Treeprocessor):
    """Checks every link of a body and points links to files under docs/ at their URL."""

    def __init__(self, md: markdown.Markdown, resolve: Callable[[str], str | None]):
        super().__init__(md)
        self.resolve = resolve
        self.problems: list[str] = []
        self.anchors: list[tuple[str, str]] = []

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag == "img":
                self.problems.append("body has an image; put images under 'media:'")
            elif element.tag == "a":
                href = self._check(element.get("href", ""))
                if href is None:
                    element.attrib.pop("href", None)
                else:
                    element.set("href", href)

    def _check(self, href: str) -> str | None:
        """The href to write, or None (with a problem) when the link is not allowed."""
        url = html.unescape(href.replace(AMP_SUBSTITUTE, "&")).strip()
        parts = split_url(url)
        if parts is None:
            self.problems.append(f"link {shown(url)} is not a valid address; expected {LINKS}")
            return None
        scheme = parts.scheme.lower()
        if is_web_address(url) or scheme == "mailto":
            return url
        if scheme or url.startswith("/"):
            self.problems.append(f"link {shown(url)} is not allowed in body; expected {LINKS}")
            return None
        if url.startswith("#"):
            self.anchors.append(("", parts.fragment))
            return url
        path = unquote(parts.path)
        target = self.resolve(path)
        if target is None:
            self.problems.append(
                f"link {shown(url)} points to no file under docs/; expected {LINKS}"
            )
            return None
        if parts.fragment:
            self.anchors.append((path, parts.fragment))
        return ROOT + target + (f"#{parts.fragment}" if parts.fragment else "")


class BodyRenderer:
    """Renders many bodies with one Markdown instance and one compiled sanitiser."""

    def __init__(self, resolve: Callable[[str], str | None]):
        self._md = markdown.Markdown(extensions=["sane_lists"])
        self._links = _LinkChecker(self._md, resolve)
        self._md.treeprocessors.register(self._links, "timeline-links", 0)
        self._text = _PlainText(self._md)
        self._md.treeprocessors.register(self._text, "timeline-text", -1)

    def render(self, text: str) -> Body:
        """Safe HTML on one line, the problems (empty when all is well) and anchor links."""
        self._md.reset()
        self._links.problems, self._links.anchors = [], []
        rendered = self._md.convert(text)
        problems = self._links.problems
        # The stash holds raw HTML as text, or as an element (which is HTML too).
        if any(
            not isinstance(block, str) or block.startswith("<")
            for block in self._md.htmlStash.rawHtmlBlocks
        ):
            problems.append("body contains HTML; write Markdown (*emphasis*, [text](https://…))")
        html = Markup(" ".join(CLEANER.clean(rendered).split("\n")))
        self.text = self._text.text  # the last body as plain text, from the same tree
        return Body(html, problems, self._links.anchors)


def relocate_links(body_html: str, base: str) -> str:
    """Replace the `ROOT` marker in links with `base` (`../`, `https://site/`, or empty)."""
    return _ROOT_LINK.sub(lambda m: f'{m[1]}="{base + m[2] or "./"}"', body_html)
