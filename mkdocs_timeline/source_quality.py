"""Judge sources by publisher: primary (the acting body's own document), weak, or other."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .model import Event, Source

# An archive's copy of a page (web.archive.org/web/2010/http://…, cybercemetery's
# /archive/name/2013/http://…) is judged by the page it keeps. The Wayback Machine also
# serves, and people copy, addresses whose inner "//" was collapsed to "/" (…/http:/www.…).
_ARCHIVED = re.compile(r"https?://.+?/(https?):/+(.+)$")


def host_of(url: str) -> str:
    """The host a source was published on, looking through web-archive copies."""
    archived = _ARCHIVED.match(url)
    kept = f"{archived[1]}://{archived[2]}" if archived else url
    host = urlsplit(kept).hostname or ""
    return host.removeprefix("www.")


def _matches(host: str, publishers: Iterable[str]) -> bool:
    return any(host == p or host.endswith("." + p) for p in publishers)


def on_list(url: str, hosts: Iterable[str]) -> bool:
    """Whether the host of `url` (see `host_of`) is one of `hosts` or a subdomain of one."""
    return _matches(host_of(url), hosts)


def _closest_match(host: str, keys: Iterable[str]) -> str | None:
    """The most specific of `keys` that `host` is, or is a subdomain of."""
    found = [k for k in keys if host == k or host.endswith("." + k)]
    return max(found, key=len) if found else None


@dataclass(frozen=True)
class SourceQuality:
    """The publisher lists of a `source-quality.yml` file.

    `parties` maps an event id to the hosts of the parties whose own statement of their own
    act (a suit they filed or withdrew) is primary for that event, and for no other.
    """

    primary: tuple[str, ...]
    weak: tuple[str, ...]
    parties: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    publishers: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> SourceQuality:
        """The lists in `path` (YAML with `primary:` and `weak:` lists of hosts, a
        `publishers:` mapping of host to publisher name, and an optional
        `party_statements:` mapping of event ids to lists of hosts)."""
        with path.open(encoding="utf-8-sig") as file:
            data = yaml.safe_load(file) or {}
        parties = {str(k): tuple(v) for k, v in (data.get("party_statements") or {}).items()}
        return cls(
            tuple(data.get("primary") or ()),
            tuple(data.get("weak") or ()),
            parties,
            dict(data.get("publishers") or {}),
        )

    def publisher_of(self, url: str) -> str | None:
        """The publisher named for the host of `url` (its most specific entry), if any."""
        key = _closest_match(host_of(url), self.publishers)
        return None if key is None else self.publishers[key]

    def is_primary(self, source: Source) -> bool:
        return _matches(host_of(source.url), self.primary)

    def is_weak(self, source: Source) -> bool:
        return _matches(host_of(source.url), self.weak)

    def is_party_statement(self, event: Event, source: Source) -> bool:
        """Whether `source` is a party's own statement listed for this event."""
        return _matches(host_of(source.url), self.parties.get(event.id, ()))

    def has_primary(self, event: Event) -> bool:
        """Whether any of the event's sources is primary (or a party statement listed for it)."""
        return any(self.is_primary(s) or self.is_party_statement(event, s) for s in event.sources)

    def only_weak(self, event: Event) -> bool:
        """Whether every source of the event is weak."""
        return all(self.is_weak(s) for s in event.sources)
