"""The real site's Atom feed, iCalendar file, structured data and citation pattern, checked against
data/timeline.yml as editors wrote it (dates are worked out here, not by the plugin).

The site is built once per session (`built_site`, tests/conftest.py). That two builds give
the same bytes is tested once, for every file, in test_reproducible.py.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import extruct
import feedparser
import icalendar
import pytest
import yaml
from harness import ROOT
from mkdocs.utils.meta import get_data

MONTHS = [calendar.month_name[number] for number in range(13)]
PAGE = "relationship/"


@pytest.fixture(scope="module")
def events() -> list[dict]:
    with (ROOT / "data" / "timeline.yml").open(encoding="utf-8") as file:
        return yaml.safe_load(file)["events"]


@pytest.fixture(scope="module")
def site_url(real_config) -> str:
    url = real_config.site_url
    assert url, "mkdocs.yml has a site_url (SITE_URL with a default)"
    return url if url.endswith("/") else url + "/"


def permalink(site_url: str, event: dict) -> str:
    return f"{site_url}{PAGE}#{event['id']}"


def period(value) -> tuple[date, date]:
    """First and last day of a date as written: 1998-07-17, 1950-06 or 1998."""
    parts = [int(part) for part in str(value).split("-")]
    year, month, day = parts + [None] * (3 - len(parts))
    if day:
        return date(year, month, day), date(year, month, day)
    if month:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(year, 1, 1), date(year, 12, 31)


def display(value) -> str:
    """17 July 1998, June 1950 or 1998."""
    parts = [int(part) for part in str(value).split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {MONTHS[parts[1]]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[parts[1]]} {parts[0]}"
    return str(parts[0])


# ---- Atom --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def feed(built_site: Path):
    parsed = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_feed_has_every_event_once(feed, events, site_url) -> None:
    assert len(feed.entries) == len(events)
    assert sorted(entry.id for entry in feed.entries) == sorted(
        permalink(site_url, event) for event in events
    )


def changed(event: dict) -> str:
    """The day an event last changed, as written: `updated`, else `added`."""
    return str(event.get("updated") or event["added"])


def test_every_event_says_when_it_was_added(events) -> None:
    assert [event["id"] for event in events if "added" not in event] == []


def test_feed_is_last_changed_first(feed, events, site_url) -> None:
    updated = [entry.updated for entry in feed.entries]
    assert updated == sorted(updated, reverse=True)
    by_id = {entry.id: entry for entry in feed.entries}
    for event in events:
        entry = by_id[permalink(site_url, event)]
        assert entry.published == f"{event['added']}T00:00:00+00:00"
        assert entry.updated == f"{changed(event)}T00:00:00+00:00"


def test_both_feeds_keep_the_atom_rules(built_site: Path) -> None:
    from atom_rules import atom_problems

    for name in ("feed.xml", "changes.xml"):
        assert atom_problems((built_site / name).read_bytes()) == [], name


def test_the_feed_of_changes_has_every_addition_correction_and_withdrawal(
    built_site: Path, events, site_url
) -> None:
    data = yaml.safe_load((ROOT / "data" / "timeline.yml").read_text(encoding="utf-8"))
    changes = feedparser.parse((built_site / "changes.xml").read_bytes())
    assert not changes.bozo
    expected = {f"{site_url}whats-new/#added-{event['id']}" for event in events}
    expected |= {
        f"{site_url}whats-new/#corrected-{event['id']}-{number}"
        for event in events
        for number, _ in enumerate(event.get("corrections", []), 1)
    }
    expected |= {f"{site_url}whats-new/#withdrawn-{item['id']}" for item in data["withdrawn"]}
    assert {entry.id for entry in changes.entries} == expected
    page = (built_site / "whats-new" / "index.html").read_text(encoding="utf-8")
    for entry in changes.entries:  # each entry's id is an anchor of the What's new page
        assert f'<li id="{entry.id.split("#")[1]}">' in page


def test_feed_entries_carry_the_events_facts(feed, events, site_url, built_site) -> None:
    by_id = {entry.id: entry for entry in feed.entries}
    page = (built_site / PAGE / "index.html").read_text(encoding="utf-8")
    for event in events:
        link = permalink(site_url, event)
        entry = by_id[link]
        assert entry.link == link
        assert entry.title == event["title"]
        assert [tag.term for tag in entry.tags] == [event["kind"]]
        related = [(item.href, item.title) for item in entry.links if item.rel == "related"]
        assert related == [(source["url"], source["title"]) for source in event["sources"]]
        content = entry.content[0]
        assert content.type == "text/html"
        # the body as the page shows it (links made absolute), then the date and the sources
        body = re.search(
            rf'<h4 class="tl-event__title" id="{event["id"]}"[^>]*>.*?'
            r'<div class="tl-event__body"[^>]*>(.*?)</div>',
            page,
            re.DOTALL,
        )[1]
        absolute = re.sub(
            r'(href|src)="([^"]*)"', lambda m: f'{m[1]}="{urljoin(site_url + PAGE, m[2])}"', body
        )
        assert content.value.startswith(absolute), event["id"]
        assert "<script" not in content.value and "onerror" not in content.value
        for source in event["sources"]:
            assert f'href="{source["url"].replace("&", "&amp;")}"' in content.value


def test_feed_time_stamp_is_the_newest_change_not_the_clock(feed, events) -> None:
    assert feed.feed.updated == f"{max(changed(event) for event in events)}T00:00:00+00:00"


def test_every_page_links_the_feed_from_its_head(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        links = re.findall(r'<link rel="alternate" type="application/atom\+xml"[^>]*>', head)
        assert len(links) == 1, page
        href = re.search(r'href="([^"]+)"', links[0])[1]
        if href.startswith("/"):  # 404.html: absolute paths under site_url's path
            continue
        target = (page.parent / href).resolve()
        assert target == (built_site / "feed.xml").resolve(), page


def test_timeline_page_lists_the_feed_and_calendar_beside_the_exports(built_site: Path) -> None:
    html = (built_site / PAGE / "index.html").read_text(encoding="utf-8")
    intro = re.search(r'<p class="tl__intro">(.*?)</p>', html, re.DOTALL)[1]
    hrefs = re.findall(r'<a href="([^"]+)" type="([^"]+)"', intro)
    assert hrefs == [
        ("../exports/timeline.json", "application/json"),
        ("../exports/timeline.csv", "text/csv"),
        ("../exports/timeline.ics", "text/calendar"),
        ("../feed.xml", "application/atom+xml"),
    ]
    for href, _type in hrefs:
        assert (built_site / PAGE / href).resolve().is_file(), href


# ---- iCalendar ---------------------------------------------------------------------------


def test_calendar_has_every_event_on_its_dates(built_site: Path, events, site_url) -> None:
    data = (built_site / "exports" / "timeline.ics").read_bytes()
    parsed = icalendar.Calendar.from_ical(data)
    found = {str(item["UID"]): item for item in parsed.walk("VEVENT")}
    host = re.match(r"https?://([^/:]+)", site_url)[1]
    assert sorted(found) == sorted(f"{event['id']}@{host}" for event in events)
    for event in events:
        item = found[f"{event['id']}@{host}"]
        first, _ = period(event["date"])
        _, last = period(event.get("end_date") or event["date"])
        assert item.decoded("DTSTART") == first and type(item.decoded("DTSTART")) is date
        assert item.decoded("DTEND") == last + timedelta(days=1), event["id"]
        assert str(item["SUMMARY"]) == event["title"]
        assert str(item["URL"]) == permalink(site_url, event)
        if len(str(event["date"])) < 10:
            assert "the day is not known" in str(item["DESCRIPTION"])
    month_only = [event for event in events if len(str(event["date"])) == 7]
    assert month_only, "the data has events known only to the month"


# ---- JSON-LD and citations ---------------------------------------------------------------


def test_page_structured_data_is_an_item_list_of_every_event(
    built_site: Path, events, site_url
) -> None:
    html = (built_site / PAGE / "index.html").read_text(encoding="utf-8")
    data = extruct.extract(html, base_url=site_url + PAGE, syntaxes=["microdata", "json-ld"],
                           uniform=True)  # fmt: skip
    assert data["json-ld"] == [] and len(data["microdata"]) == 1
    (found,) = data["microdata"]
    assert found["@context"] == "https://schema.org" and found["@type"] == "ItemList"
    items = {item["url"]: item for item in found["itemListElement"]}
    assert len(items) == len(events) == int(found["numberOfItems"])
    for event in events:
        item = items[permalink(site_url, event)]
        assert item["@type"] == "Event"
        assert item["name"] == event["title"]
        assert item["startDate"] == str(event["date"])
        assert item.get("endDate") == (str(event["end_date"]) if "end_date" in event else None)


def test_the_page_says_how_to_cite_an_event(built_site: Path, site_url, real_config) -> None:
    html = (built_site / PAGE / "index.html").read_text(encoding="utf-8")
    _, meta = get_data((ROOT / "docs" / "relationship.md").read_text(encoding="utf-8"))
    reviewed = meta.get("reviewed")
    (pattern,) = re.findall(r'<p class="tl-cite__text">(.*?)</p>', html, re.DOTALL)
    pattern = unescape(re.sub(r'<var data-cite="([a-z]+)">[^<]*</var>', r"[\1]", pattern))
    expected = f"{real_config.site_name}. “[title]” ([when])."
    if reviewed:
        expected += f" Page reviewed {display(reviewed)}."
    assert pattern == expected + f" {site_url}{PAGE}#[id]"
