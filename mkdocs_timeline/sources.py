"""The sources page's model: every source of a timeline once, by type and publisher, with
the events that cite it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Event, Source, Timeline


@dataclass(frozen=True)
class CitedSource:
    """A source and the events that cite it, in timeline order."""

    source: Source
    events: tuple[Event, ...]


@dataclass(frozen=True)
class PublisherGroup:
    """One publisher's sources of one type; `id` is the group's anchor."""

    id: str
    publisher: str
    sources: tuple[CitedSource, ...]


@dataclass(frozen=True)
class SourceIndex:
    """Every source, primary first, each type's publishers in alphabetical order."""

    primary: tuple[PublisherGroup, ...]
    secondary: tuple[PublisherGroup, ...]

    @property
    def count(self) -> int:
        """The number of distinct sources (by address)."""
        return sum(len(g.sources) for g in (*self.primary, *self.secondary))

    def of_type(self, kind: str) -> tuple[PublisherGroup, ...]:
        """The groups of `primary` or `secondary` sources."""
        return self.primary if kind == "primary" else self.secondary


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())) or "publisher"


def source_index(timeline: Timeline) -> SourceIndex:
    """The sources of `timeline`, each address once (validation keeps one record per
    address), grouped by type and publisher, each group's sources by title."""
    cited: dict[str, tuple[Source, list[Event]]] = {}
    for event in timeline.events:
        for source in event.sources:
            cited.setdefault(source.url, (source, []))[1].append(event)
    groups: dict[tuple[bool, str], list[CitedSource]] = {}
    for source, events in cited.values():
        groups.setdefault((source.primary, source.publisher), []).append(
            CitedSource(source, tuple(dict.fromkeys(events)))
        )

    def of(primary: bool) -> tuple[PublisherGroup, ...]:
        kind = "primary" if primary else "secondary"
        found = sorted(
            ((p, s) for (is_primary, p), s in groups.items() if is_primary == primary),
            key=lambda pair: pair[0].casefold(),
        )
        seen: set[str] = set()
        made = []
        for publisher, items in found:
            id = base = f"{kind}-{_slug(publisher)}"
            number = 1
            while id in seen:
                number += 1
                id = f"{base}-{number}"
            seen.add(id)
            ordered = sorted(items, key=lambda c: (c.source.title.casefold(), c.source.url))
            made.append(PublisherGroup(id, publisher, tuple(ordered)))
        return tuple(made)

    return SourceIndex(of(True), of(False))
