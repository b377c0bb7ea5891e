"""What the timeline adds to its page: its anchors and its table-of-contents entries.

The timeline is put into the page's HTML after Markdown has run, so neither the toc
extension nor MkDocs' anchor collection sees it; its `h2` and `h3` headings (the section
and the eras, not the events) and all its ids are added here.
"""

from __future__ import annotations

import re
from html import escape, unescape

from mkdocs.structure.toc import AnchorLink, TableOfContents

_HEADING = re.compile(r'<h([23])\b[^>]*?\sid="([^"]+)"[^>]*>(.*?)</h\1>', re.DOTALL)
_ID = re.compile(r'\sid="([^"]+)"')
_TAG = re.compile(r"<[^>]*>")


def fragment_ids(fragment: str) -> set[str]:
    """Every id in the rendered timeline (events, eras, the section, the filters)."""
    return {unescape(value) for value in _ID.findall(fragment)}


def fragment_links(fragment: str) -> list[AnchorLink]:
    """The `h2` and `h3` headings of a rendered timeline as a tree of toc links."""
    tree: list[AnchorLink] = []
    for level, anchor, inner in _HEADING.findall(fragment):
        text = " ".join(unescape(_TAG.sub("", inner)).split())
        link = AnchorLink(escape(text), unescape(anchor), int(level))
        parent = tree[-1] if tree and tree[-1].level < link.level else None
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
