"""What a timeline is checked against: the site's files, and the sections events may name.

No builder here: `Site` takes anything with `get_file_from_path(path) -> file with .url`
(MkDocs' `Files`, or `DocsFolder`, a walk of the docs folder for the Markdown extension).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .model import Kind, Recommendation

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}## +(?P<text>.+?)(?: +#+)? *$")
_ATTRS = re.compile(r"\s*\{:?(?P<attrs>[^}]*)\}\s*$")
_ATTR_ID = re.compile(r"(?:^|\s)#(?P<id>[^\s}]+)")


class _HasUrl(Protocol):
    @property
    def url(self) -> str: ...


class FileLookup(Protocol):
    """The one thing a timeline needs of a builder's files: a source path's URL."""

    def get_file_from_path(self, path: str) -> _HasUrl | None: ...


@dataclass(frozen=True)
class _Url:
    url: str


class DocsFolder:
    """The files under a docs folder, with the URLs MkDocs would give them."""

    def __init__(self, docs: Path, directory_urls: bool = True):
        self.urls: dict[str, _Url] = {}
        for path in docs.rglob("*"):
            src = path.relative_to(docs).as_posix()
            url = src
            if src.endswith(".md"):
                stem = src[:-3]
                if directory_urls:
                    url = "" if stem in ("index", "README") else stem.removesuffix("/index") + "/"
                else:
                    url = stem + ".html"
            self.urls[src] = _Url(url)

    def get_file_from_path(self, path: str) -> _Url | None:
        return self.urls.get(path)


@dataclass(frozen=True)
class Sections:
    """The option `sections`: events' `key` list names `##` sections of `page`.

    `label` heads the list on an event ("Related section"; an "s" is added for more than
    one); the section page gets the related events at the end of each named section.
    """

    page: str
    key: str = "recommendations"
    label: str = "Related section"


@dataclass(frozen=True)
class Site:
    """The files a timeline may link to, the sections it may name and the kinds it may use.

    `recommendations` (the sections of `sections.page`, by id) is None when the site has
    no such page: ids are then not checked. `kinds` are the kinds declared in the plugin's
    config (a file's own `kinds:` win); with none anywhere, any URL-safe kind is allowed.
    With `require_evidence`, every event must say which source states its date.
    """

    files: FileLookup
    recommendations: dict[str, Recommendation] | None
    require_evidence: bool = False
    sections: Sections | None = None
    kinds: tuple[Kind, ...] = ()
    # the hosts whose sources may be `type: primary` without `confirmed: true` (option
    # `primary_publishers`), and the file that lists them; None: no list, no warning
    primary_publishers: tuple[str, ...] | None = None
    primary_list: str = ""

    def url_of(self, path: str) -> str | None:
        """The URL (from the site root) of a file under docs/, or None if there is none."""
        normal = posixpath.normpath(path)
        if normal.startswith("../") or normal in ("..", "."):
            return None
        file = self.files.get_file_from_path(normal)
        return None if file is None else file.url

    @classmethod
    def build(
        cls,
        files: FileLookup,
        sections: Sections | None,
        read: Callable[[str], str],
        slugify: Callable[[str], str],
        *,
        require_evidence: bool = False,
        kinds: tuple[Kind, ...] = (),
        primary_publishers: tuple[str, ...] | None = None,
        primary_list: str = "",
    ) -> Site:
        """Read the `##` headings of the sections page (Markdown from `read(path)`), if any."""
        page = files.get_file_from_path(sections.page) if sections else None
        found = None
        if page is not None and sections is not None:
            headings = read_headings(read(sections.page), slugify)
            found = {id: Recommendation(id, title, f"{page.url}#{id}") for id, title in headings}
        return cls(
            files, found, require_evidence, sections, kinds, primary_publishers, primary_list
        )


def read_headings(markdown: str, slugify: Callable[[str], str]) -> list[tuple[str, str]]:
    """The (id, text) of every `##` heading outside code fences, as the toc extension ids them."""
    return [(id, text) for id, text, _line in read_sections(markdown, slugify)]


def read_sections(markdown: str, slugify: Callable[[str], str]) -> list[tuple[str, str, int]]:
    """(id, text, line index) of every `##` heading outside code fences."""
    headings = []
    fence = None
    for number, line in enumerate(markdown.splitlines()):
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
        headings.append((explicit["id"] if explicit else slugify(text), text.strip(), number))
    return headings


def insert_after_sections(
    markdown: str, slugify: Callable[[str], str], blocks: dict[str, str]
) -> str:
    """`markdown` with each of `blocks` (by section id) at the end of that `##` section.

    Raises KeyError naming the ids that are not a section of the page: a related list is
    never dropped silently.
    """
    lines = markdown.splitlines()
    sections = read_sections(markdown, slugify)
    missing = sorted(set(blocks) - {id for id, _text, _line in sections})
    if missing:
        raise KeyError(", ".join(missing))
    ends = [line for _id, _text, line in sections[1:]] + [len(lines)]
    for (id, _text, _line), end in reversed(list(zip(sections, ends, strict=True))):
        if id in blocks:
            lines[end:end] = ["", blocks[id], ""]
    return "\n".join(lines) + ("\n" if markdown.endswith("\n") else "")


def insert_after_headings(
    markdown: str, slugify: Callable[[str], str], blocks: dict[str, str]
) -> str:
    """`markdown` with each of `blocks` (by section id) right under that `##` heading.

    Raises KeyError naming the ids that are not a section of the page.
    """
    lines = markdown.splitlines()
    sections = read_sections(markdown, slugify)
    missing = sorted(set(blocks) - {id for id, _text, _line in sections})
    if missing:
        raise KeyError(", ".join(missing))
    for id, _text, line in reversed(sections):
        if id in blocks:
            lines[line + 1 : line + 1] = ["", blocks[id], ""]
    return "\n".join(lines) + ("\n" if markdown.endswith("\n") else "")


STATUS_MARKER = re.compile(r"^ {0,3}<!--\s*timeline-status\s*-->[ \t]*$")


def insert_summary(markdown: str, slugify: Callable[[str], str], block: str) -> str:
    """`markdown` with `block` at its `<!-- timeline-status -->` line, else just before its
    first `##` heading (else at its end)."""
    lines = markdown.splitlines()
    marker = next((n for n, line in enumerate(lines) if STATUS_MARKER.match(line)), None)
    if marker is not None:
        lines[marker : marker + 1] = ["", block, ""]
    else:
        sections = read_sections(markdown, slugify)
        at = sections[0][2] if sections else len(lines)
        lines[at:at] = ["", block, ""]
    return "\n".join(lines) + ("\n" if markdown.endswith("\n") else "")
