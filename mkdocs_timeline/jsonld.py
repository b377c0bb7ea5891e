"""Structured data for search engines: the timeline as a schema.org `ItemList` of `Event`s.

The list's elements are the events themselves, oldest first (`itemListOrder` ascending),
each an `Event` with `name`, `startDate`, `endDate` when there is one, and `url` (the
permalink; absolute when the site has a `site_url`). Dates are ISO 8601 as known:
`1998-07-17`, `1950-06` or `1998`. Events are not wrapped in `ListItem`s: schema.org allows
any Thing as an element, and the wrappers would cost the page about 0.4 KB gzip (it has a
size budget).

The JSON goes into a `<script type="application/ld+json">` inside the page, and titles are
editor input, so `<`, `>` and `&` are written as `\\u003c`, `\\u003e` and `\\u0026`: no
title can close the script (`</script>`) or open a comment (`<!--`). JSON readers decode
them back to the same characters.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from .model import Timeline

_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def item_list(timeline: Timeline, page_url: str) -> dict[str, Any]:
    """The timeline as a schema.org ItemList; `page_url` is the page (absolute or empty)."""
    elements = []
    for event in timeline.events:
        item = {"@type": "Event", "name": event.title, "startDate": event.date.iso}
        if event.end_date:
            item["endDate"] = event.end_date.iso
        item["url"] = f"{page_url}#{event.id}"
        elements.append(item)
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": timeline.title,
        "itemListOrder": "https://schema.org/ItemListOrderAscending",
        "numberOfItems": len(elements),
        "itemListElement": elements,
    }


def script_tag(data: dict[str, Any]) -> Markup:
    """`data` as a `<script type="application/ld+json">` safe to put in any HTML page."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    for char, escaped in _UNSAFE.items():
        text = text.replace(char, escaped)
    return Markup(f'<script type="application/ld+json">{text}</script>')
