"""Reading URLs written by editors, which may be malformed in any way."""

from __future__ import annotations

from urllib.parse import SplitResult, urlsplit


def split_url(text: str) -> SplitResult | None:
    """The parts of a URL, or None when it cannot be read (e.g. `https://[`)."""
    try:
        return urlsplit(text)
    except ValueError:
        return None


def is_web_address(text: str) -> bool:
    """Whether `text` is an absolute http(s) address with a host and no spaces."""
    parts = split_url(text)
    # split() splits at exactly the characters isspace() names: one part means no space
    no_space = text.split() == [text]
    return bool(parts and parts.scheme.lower() in ("http", "https") and parts.netloc) and no_space


# Where an archived copy may be kept: the Internet Archive, perma.cc and archive.today
# (under each of its domains).
ARCHIVE_HOSTS = (
    "web.archive.org",
    "wayback.archive.org",
    "perma.cc",
    "archive.today",
    "archive.ph",
    "archive.is",
    "archive.li",
    "archive.vn",
    "archive.md",
    "archive.fo",
)


def is_archive_address(text: str) -> bool:
    """Whether `text` is an http(s) address at one of the `ARCHIVE_HOSTS`."""
    parts = split_url(text)
    host = (parts.hostname or "") if parts and is_web_address(text) else ""
    host = host.removeprefix("www.")
    return any(host == h or host.endswith("." + h) for h in ARCHIVE_HOSTS)
