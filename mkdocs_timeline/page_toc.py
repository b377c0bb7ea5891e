"""Add the timeline's section and era headings to a page's table of contents.

The timeline reaches the page as raw HTML, which the toc extension does not see; its
`h2` and `h3` headings (the section and the eras, not the events) are added here at
the place the timeline has in the page.
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

from mkdocs.structure.toc import AnchorLink, TableOfContents

LEVELS = {"h2": 2, "h3": 3}


class _Headings(HTMLParser):
    """Collects (level, id, text) of the `h2` and `h3` headings that carry an id."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[int, str, str]] = []
        self._open: tuple[int, str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        anchor = dict(attrs).get("id")
        if tag in LEVELS and anchor:
            self._open = (LEVELS[tag], anchor, [])

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[2].append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag in LEVELS:
            level, anchor, text = self._open
            self.found.append((level, anchor, " ".join("".join(text).split())))
            self._open = None


def fragment_links(fragment: str) -> list[AnchorLink]:
    """The headings of a rendered timeline as a tree of toc links."""
    parser = _Headings()
    parser.feed(fragment)
    tree: list[AnchorLink] = []
    for level, anchor, text in parser.found:
        link = AnchorLink(escape(text), anchor, level)
        parent = tree[-1] if tree and tree[-1].level < level else None
        (parent.children if parent else tree).append(link)
    return tree


def insert_links(toc: TableOfContents, links: list[AnchorLink], html: str, at: int) -> None:
    """Put `links` into `toc` after the entries whose headings come before offset `at`."""

    def place(link: AnchorLink, siblings: list[AnchorLink]) -> None:
        before = sum(1 for item in siblings if html.find(f'id="{item.id}"') < at)
        if before and siblings[before - 1].level < link.level:
            place(link, siblings[before - 1].children)
        else:
            siblings.insert(before, link)

    for link in reversed(links):
        place(link, toc.items)
