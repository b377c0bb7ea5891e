"""What a timeline is checked against: the site's files and the Task Force recommendations."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass

from markdown.extensions.toc import slugify as default_slugify
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.utils.meta import get_data

from .model import Recommendation

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}## +(?P<text>.+?)(?: +#+)? *$")
_ATTRS = re.compile(r"\s*\{:?(?P<attrs>[^}]*)\}\s*$")
_ATTR_ID = re.compile(r"(?:^|\s)#(?P<id>[^\s}]+)")


@dataclass(frozen=True)
class Site:
    """The files a timeline may link to, and the recommendations it may name.

    `recommendations` is None when the site has no recommendations page: ids are then
    not checked. With `require_evidence`, every event must say which source states its date.
    """

    files: Files
    recommendations: dict[str, Recommendation] | None
    require_evidence: bool = False

    def url_of(self, path: str) -> str | None:
        """The URL (from the site root) of a file under docs/, or None if there is none."""
        normal = posixpath.normpath(path)
        if normal.startswith("../") or normal in ("..", "."):
            return None
        file = self.files.get_file_from_path(normal)
        return None if file is None else file.url

    @classmethod
    def from_files(
        cls,
        files: Files,
        config: MkDocsConfig,
        recommendations_page: str,
        *,
        require_evidence: bool = False,
    ) -> Site:
        """Read the recommendation headings of `recommendations_page`, if the site has it."""
        page = files.get_file_from_path(recommendations_page)
        if page is None:
            return cls(files, None, require_evidence)
        markdown, _meta = get_data(page.content_string)
        toc = config.mdx_configs.get("toc", {})
        slugify = toc.get("slugify", default_slugify)
        separator = toc.get("separator", "-")
        headings = read_headings(markdown, lambda text: slugify(text, separator))
        return cls(
            files,
            {id: Recommendation(id, title, f"{page.url}#{id}") for id, title in headings},
            require_evidence,
        )


def read_headings(markdown: str, slugify: Callable[[str], str]) -> list[tuple[str, str]]:
    """The (id, text) of every `##` heading outside code fences, as the toc extension ids them."""
    headings = []
    fence = None
    for line in markdown.splitlines():
        opening = _FENCE.match(line)
        if opening and (fence is None or opening[1].startswith(fence)):
            fence = None if fence else opening[1][0] * 3
            continue
        match = None if fence else _HEADING.match(line)
        if not match:
            continue
        text = match["text"]
        attrs = _ATTRS.search(text)
        explicit = attrs and _ATTR_ID.search(attrs["attrs"])
        if attrs:
            text = text[: attrs.start()]
        headings.append((explicit["id"] if explicit else slugify(text), text.strip()))
    return headings
