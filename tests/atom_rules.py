"""The rules of RFC 4287 (Atom) that a test can check, for every feed the package writes.

The W3C feed validator is online only; these are its checks that matter here, from the
RFC's text (section numbers in the messages):

- the feed has exactly one `atom:id`, `atom:title` and `atom:updated` (4.1.1), an author
  (4.1.1, unless every entry has one), a `rel="self"` link (recommended, 4.1.1), and at
  most one `rel="alternate"` link per type and language (4.1.1);
- every entry has exactly one `atom:id`, `atom:title` and `atom:updated`, at most one
  `atom:published` (4.1.2), and content or a `rel="alternate"` link (4.1.1.1... 4.1.2);
- ids are absolute IRIs (4.2.6) and no two entries share one (4.1.1: entries with one id
  are the same entry);
- dates are RFC 3339 date-times (3.3);
- and, beyond the RFC but what the W3C validator warns on and readers rely on:
  `published` is not after `updated`, and no entry is newer than the feed's `updated`.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _one(element, name: str, where: str, problems: list[str]) -> str | None:
    found = element.findall(ATOM + name)
    if len(found) != 1:
        problems.append(f"{where}: {len(found)} atom:{name} elements; expected exactly one")
        return None
    return (found[0].text or "").strip()


def _date(value: str | None, what: str, problems: list[str]) -> datetime | None:
    if value is None:
        return None
    if not RFC3339.match(value):
        problems.append(f"{what} {value!r} is not an RFC 3339 date-time (3.3)")
        return None
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _absolute(iri: str | None, what: str, problems: list[str]) -> None:
    if iri is not None and not urlsplit(iri).scheme:
        problems.append(f"{what} {iri!r} is not an absolute IRI (4.2.6)")


def atom_problems(data: bytes) -> list[str]:
    """Every rule above that the feed breaks, in words; empty when it keeps them all."""
    problems: list[str] = []
    root = etree.fromstring(data)
    if root.tag != ATOM + "feed":
        return [f"the root is {root.tag}; expected atom:feed"]
    feed_id = _one(root, "id", "feed", problems)
    _absolute(feed_id, "the feed id", problems)
    _one(root, "title", "feed", problems)
    feed_updated = _date(_one(root, "updated", "feed", problems), "feed updated", problems)
    links = root.findall(ATOM + "link")
    if not any(link.get("rel") == "self" for link in links):
        problems.append("feed: no rel=self link (4.1.1)")
    alternates = [(link.get("type"), link.get("hreflang")) for link in links
                  if link.get("rel", "alternate") == "alternate"]  # fmt: skip
    if len(alternates) != len(set(alternates)):
        problems.append("feed: two rel=alternate links of one type and language (4.1.1)")
    entries = root.findall(ATOM + "entry")
    if not root.findall(ATOM + "author") and not all(e.findall(ATOM + "author") for e in entries):
        problems.append("feed: no atom:author, and not every entry has one (4.1.1)")
    seen: set[str] = set()
    for number, entry in enumerate(entries, 1):
        where = f"entry {number}"
        entry_id = _one(entry, "id", where, problems)
        _absolute(entry_id, f"{where} id", problems)
        if entry_id in seen:
            problems.append(f"{where}: id {entry_id} is another entry's (4.1.1)")
        seen.add(entry_id or "")
        _one(entry, "title", where, problems)
        updated = _date(_one(entry, "updated", where, problems), f"{where} updated", problems)
        published_elements = entry.findall(ATOM + "published")
        if len(published_elements) > 1:
            problems.append(f"{where}: more than one atom:published (4.1.2)")
        published = _date(
            (published_elements[0].text or "").strip() if published_elements else None,
            f"{where} published",
            problems,
        )
        alternate = [
            link for link in entry.findall(ATOM + "link")
            if link.get("rel", "alternate") == "alternate"
        ]  # fmt: skip
        if not entry.findall(ATOM + "content") and not alternate:
            problems.append(f"{where}: neither atom:content nor a rel=alternate link (4.1.2)")
        for link in entry.findall(ATOM + "link"):
            _absolute(link.get("href"), f"{where} link", problems)
        if published and updated and published > updated:
            problems.append(f"{where}: published {published} is after updated {updated}")
        if updated and feed_updated and updated > feed_updated:
            problems.append(f"{where}: updated {updated} is after the feed's {feed_updated}")
    return problems
