"""The Atom feed, the iCalendar file, the structured data and the citation pattern, on a
tiny site.

The real site's files are checked in tests/site/test_timeline_outputs.py; the Cite control
in a browser in tests/browser/test_cite.py.
"""

from __future__ import annotations

import re
import time
from dataclasses import replace
from datetime import UTC, date, datetime
from html import unescape
from pathlib import Path

import extruct
import feedparser
import icalendar
import pytest
from harness import build

from mkdocs_timeline.dates import build_time
from mkdocs_timeline.feed import FeedInfo, entry_content, newest_first, timeline_atom
from mkdocs_timeline.ics import plain_text, timeline_ics
from mkdocs_timeline.plugin import reviewed_on
from mkdocs_timeline.validate import parse_timeline

from .conftest import make_site, timeline_yaml
from .test_build import build_error, page_html

BASE = "https://example.org/site/"
PAGE = BASE + "relationship/"
EPOCH = "1700000000"  # 2023-11-14T22:13:20Z

# Three more events: known to the month, to the year, and a title that tries to break out
MORE_EVENTS = """\
      - id: month-only
        date: 2009-03
        title: Known to the month
        kind: diplomacy
        body: Some day in March.
        sources:
          - title: A source
            url: https://example.org/a
            publisher: Example Publisher
            type: secondary
      - id: year-only
        date: 2004
        end_date: 2005-02
        title: Known to the year
        kind: executive
        body: Some time in 2004, until February 2005.
        sources:
          - title: Another source
            url: https://example.org/b
            publisher: Example Publisher
            type: secondary
      - id: script-title
        date: 2010-01-05
        title: "</script><!-- & <b>not bold</b>"
        kind: court
        body: A title with markup in it.
        sources:
          - title: A third source
            url: https://example.org/c
            publisher: Example Publisher
            type: secondary
"""


def more_yaml() -> str:
    from .conftest import EVENTS

    return timeline_yaml(EVENTS.rstrip() + "\n" + MORE_EVENTS)


@pytest.fixture
def timeline(case_site):
    return parse_timeline(more_yaml().encode(), "data/timeline.yml", case_site).relocated(BASE)


def items(timeline):
    return [(event, f"{PAGE}#{event.id}") for event in timeline.events]


def info(**changes) -> FeedInfo:
    values = dict(
        title="Test: Test timeline",
        feed_url=BASE + "feed.xml",
        page_url=PAGE,
        author="Editors",
        updated=datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC),
    )
    return FeedInfo(**{**values, **changes})


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The tiny site with MORE_EVENTS, built once (SOURCE_DATE_EPOCH set) for the tests
    that only read it."""
    folder = tmp_path_factory.mktemp("tiny-site-feeds")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return build(make_site(folder, more_yaml()), folder / "site").site_dir


# ---- Build time --------------------------------------------------------------------------


def test_build_time_is_source_date_epoch_else_the_latest_day_of_the_data() -> None:
    latest = date(2010, 6, 11)
    assert build_time(latest, {"SOURCE_DATE_EPOCH": EPOCH}) == datetime(
        2023, 11, 14, 22, 13, 20, tzinfo=UTC
    )
    assert build_time(latest, {}) == datetime(2010, 6, 11, tzinfo=UTC)
    assert build_time(latest, {"SOURCE_DATE_EPOCH": " "}) == datetime(2010, 6, 11, tzinfo=UTC)
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH='yesterday' is not a number"):
        build_time(latest, {"SOURCE_DATE_EPOCH": "yesterday"})


def test_a_bad_source_date_epoch_stops_the_build(site_factory, build_site, caplog, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "-5")
    message = build_error(build_site, site_factory(), caplog)
    assert message.startswith("Timeline feed and calendar: SOURCE_DATE_EPOCH='-5' is not a number")


# ---- Atom --------------------------------------------------------------------------------


def test_atom_has_every_event_newest_first_with_its_facts(timeline) -> None:
    feed = feedparser.parse(timeline_atom(items(timeline), info()))
    assert not feed.bozo and feed.version == "atom10"
    assert feed.feed.id == BASE + "feed.xml"
    assert feed.feed.updated == "2023-11-14T22:13:20+00:00"
    ids = [entry.id for entry in feed.entries]
    assert ids == [
        PAGE + "#kampala-review-conference",
        PAGE + "#script-title",
        PAGE + "#month-only",
        PAGE + "#year-only",
        PAGE + "#aspa-signed",
        PAGE + "#rome-statute-adopted",
    ]
    by_id = {entry.id.split("#")[1]: entry for entry in feed.entries}
    aspa = by_id["aspa-signed"]
    assert aspa.link == PAGE + "#aspa-signed"
    assert aspa.title == "American Service-Members' Protection Act signed"
    assert aspa.published == aspa.updated == "2002-08-02T00:00:00+00:00"
    assert [(tag.term, tag.label) for tag in aspa.tags] == [("legislation", "Legislation")]
    assert [(link.href, link.title) for link in aspa.links if link.rel == "related"] == [
        ("https://www.congress.gov/bill/107th-congress/house-bill/4775", "H.R. 4775"),
        ("https://www.govinfo.gov/app/details/PLAW-107publ206", "Public Law 107-206"),
    ]
    content = aspa.content[0]
    assert content.type == "text/html"
    assert content.value.startswith(
        "<p>The Act restricts <strong>cooperation</strong> with the Court.</p>\n"
        "<p>It was part of an appropriations law.</p>"
    ) or content.value.startswith(
        "<p>The Act restricts <strong>cooperation</strong> with the Court.</p> "
        "<p>It was part of an appropriations law.</p>"
    )
    assert "<p>Date: 2 August 2002</p><p>Sources:</p><ul><li><a href=" in content.value
    # dates known to the month or year: the first day, and the date as written in the text
    assert by_id["month-only"].published == "2009-03-01T00:00:00+00:00"
    assert "<p>Date: March 2009</p>" in by_id["month-only"].content[0].value
    assert "<p>Date: 2004 – February 2005</p>" in by_id["year-only"].content[0].value
    # a title is text, whatever it holds
    assert by_id["script-title"].title == "</script><!-- & <b>not bold</b>"


def test_atom_content_is_the_sanitised_body_with_absolute_links(timeline) -> None:
    rome = timeline.events[0]
    html = entry_content(rome)
    assert html.startswith(str(rome.body_html))
    assert 'href="https://example.org/site/task-force-recommendations/#support' in html
    feed = feedparser.parse(timeline_atom(items(timeline), info()))
    entry = next(e for e in feed.entries if e.id.endswith("#rome-statute-adopted"))
    assert entry.content[0].value == html


def test_ties_keep_the_later_listed_event_first(timeline) -> None:
    first, second = timeline.events[:2]
    tied = [(first, "a"), (replace(second, date=first.date), "b")]
    assert [link for _, link in newest_first(tied)] == ["b", "a"]


def test_atom_is_the_same_bytes_every_time(timeline) -> None:
    one = timeline_atom(items(timeline), info())
    time.sleep(1.1)  # a clock-derived time stamp would now differ
    assert timeline_atom(items(timeline), info()) == one
    assert b"2023-11-14T22:13:20+00:00" in one


# ---- iCalendar ---------------------------------------------------------------------------


def vevents(data: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_ics_has_every_event_all_day_with_exclusive_ends(timeline) -> None:
    stamp = datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    data = timeline_ics(
        items(timeline), name="Test: Test timeline", site="Test", host="example.org",
        page_url=PAGE, stamp=stamp,
    )  # fmt: skip
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    events = vevents(data)
    expected = {
        "rome-statute-adopted": (date(1998, 7, 17), date(1998, 7, 18)),
        "aspa-signed": (date(2002, 8, 2), date(2002, 8, 3)),
        "kampala-review-conference": (date(2010, 5, 31), date(2010, 6, 12)),
        "month-only": (date(2009, 3, 1), date(2009, 4, 1)),
        "year-only": (date(2004, 1, 1), date(2005, 3, 1)),
        "script-title": (date(2010, 1, 5), date(2010, 1, 6)),
    }
    assert set(events) == {f"{id}@example.org" for id in expected}
    for event_id, (start, end) in expected.items():
        event = events[f"{event_id}@example.org"]
        assert event.decoded("DTSTART") == start and type(event.decoded("DTSTART")) is date
        assert event.decoded("DTEND") == end and type(event.decoded("DTEND")) is date
        assert str(event["URL"]) == f"{PAGE}#{event_id}"
        assert event.decoded("DTSTAMP") == stamp
        assert str(event["TRANSP"]) == "TRANSPARENT"
    aspa = events["aspa-signed@example.org"]
    assert str(aspa["SUMMARY"]) == "American Service-Members' Protection Act signed"
    assert aspa["CATEGORIES"].cats == ["Legislation"]
    assert str(aspa["DESCRIPTION"]) == (
        "Date: 2 August 2002\n\n"
        "The Act restricts cooperation with the Court.\nIt was part of an appropriations law.\n\n"
        "Sources:\n"
        "- H.R. 4775 (U.S. Congress (Library of Congress); primary source): "
        "https://www.congress.gov/bill/107th-congress/house-bill/4775\n"
        "- Public Law 107-206 (U.S. Government Publishing Office; primary source): "
        "https://www.govinfo.gov/app/details/PLAW-107publ206"
    )
    month = str(events["month-only@example.org"]["DESCRIPTION"])
    assert month.startswith(
        "Date: March 2009 (the day is not known; the calendar shows the whole month)\n"
    )
    year = str(events["year-only@example.org"]["DESCRIPTION"])
    assert year.startswith(
        "Date: 2004 – February 2005 (the day is not known; the calendar shows the whole year)\n"
    )


def icalendar_reference(pairs, *, name, site, host, page_url, stamp) -> bytes:
    """The same calendar written by the icalendar library (the writer timeline_ics
    replaced, for speed): the two must give the same bytes."""
    from datetime import timedelta

    from mkdocs_timeline.ics import description

    calendar = icalendar.Calendar()
    for key, value in (("prodid", f"-//{site}//mkdocs-timeline//EN"), ("version", "2.0"),
                       ("calscale", "GREGORIAN"), ("name", name), ("x-wr-calname", name),
                       ("url", page_url)):  # fmt: skip
        calendar.add(key, value)
    for event, permalink in pairs:
        item = icalendar.Event()
        item.add("uid", f"{event.id}@{host}")
        item.add("dtstamp", stamp)
        item.add("dtstart", event.date.first_day)
        item.add("dtend", event.last_date.last_day + timedelta(days=1))
        item.add("summary", event.title)
        item.add("description", description(event))
        item.add("url", permalink)
        item.add("categories", [event.kind.label])
        item.add("transp", "TRANSPARENT")
        calendar.add_component(item)
    return calendar.to_ical()


@pytest.mark.parametrize(
    "title",
    [
        "Plain",
        "Commas, semicolons; a back\\slash and a caret ^ in a title " + "long " * 30,
        "Non-ASCII – “quotes”, accents é and 中文 " * 6,
        "x" * 73 + "\\" + "y" * 80,  # an escape at the fold
    ],
)
def test_ics_writes_what_the_icalendar_library_writes(timeline, title) -> None:
    pairs = [(replace(event, title=title), link) for event, link in items(timeline)]
    # (a name without , and ;: icalendar 7 leaves them unescaped in NAME, against RFC 7986)
    options = dict(name="Test: Ämter – Zeit", site="Test", host="example.org",
                   page_url=PAGE, stamp=datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC))  # fmt: skip
    assert timeline_ics(pairs, **options) == icalendar_reference(pairs, **options)


def test_ics_name_is_escaped_text() -> None:
    from mkdocs_timeline.ics import text

    assert text("A, b; c\\d\nnext") == "A\\, b\\; c\\\\d\\nnext"


def test_plain_text_drops_tags_and_decodes_entities() -> None:
    html = '<p>A <a href="x">link</a> &amp; <em>more</em>.</p><ul><li>one</li><li>two</li></ul>'
    assert plain_text(html) == "A link & more.\none\ntwo"


# ---- The build: files, head link, intro, citation, structured data ----------------------


def test_build_writes_the_feed_and_calendar_and_links_them(built: Path) -> None:
    feed = feedparser.parse((built / "feed.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == 6
    assert feed.feed.updated == "2023-11-14T22:13:20+00:00"  # SOURCE_DATE_EPOCH
    assert len(vevents((built / "exports" / "timeline.ics").read_bytes())) == 6
    html = page_html(built)
    assert (
        '<a href="../exports/timeline.json" type="application/json" download>TimelineJS JSON</a>, '
        '<a href="../exports/timeline.csv" type="text/csv" download>CSV</a>, '
        '<a href="../exports/timeline.ics" type="text/calendar" download>iCalendar (.ics)</a> '
        'and as an <a href="../feed.xml" type="application/atom+xml">Atom feed</a>'
    ) in html
    for page, href in (("relationship/index.html", "../feed.xml"), ("index.html", "feed.xml")):
        head = (built / page).read_text(encoding="utf-8").split("</head>")[0]
        assert (
            '<link rel="alternate" type="application/atom+xml" title="Test: Test timeline" '
            f'href="{href}">'
        ) in head


def test_without_source_date_epoch_time_stamps_come_from_the_data(
    site_factory, build_site, monkeypatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    site = build_site(site_factory(more_yaml())).site_dir
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert feed.feed.updated == "2010-06-11T00:00:00+00:00"  # the last day of the latest event
    for event in vevents((site / "exports" / "timeline.ics").read_bytes()).values():
        assert event.decoded("DTSTAMP") == datetime(2010, 6, 11, tzinfo=UTC)


def citation(html: str) -> str:
    """The page's citation pattern, its slots (<var>) written as [slot]."""
    found = re.findall(r'<p class="tl-cite__text">(.*?)</p>', html, re.DOTALL)
    assert len(found) == 1, found
    return unescape(re.sub(r'<var data-cite="([a-z]+)">[^<]*</var>', r"[\1]", found[0]))


def test_the_page_says_how_to_cite_an_event(built: Path) -> None:
    assert citation(page_html(built)) == (
        "Test. “[title]” ([when]). https://example.org/site/relationship/#[id]"
    )


@pytest.mark.parametrize(
    ("written", "shown"),
    [("2025-06-01", "1 June 2025"), ("'2025-06'", "June 2025"), ("'last spring'", "last spring")],
)
def test_citation_gives_the_pages_review_date(site_factory, build_site, written, shown) -> None:
    config = site_factory()
    page = config.parent / "docs" / "relationship.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace("timeline: timeline.yml", f"timeline: timeline.yml\nreviewed: {written}")
    )
    assert citation(page_html(build_site(config).site_dir)) == (
        f"Test. “[title]” ([when]). Page reviewed {shown}. "
        "https://example.org/site/relationship/#[id]"
    )


def test_reviewed_on_reads_dates_and_leaves_out_nothing_useful() -> None:
    assert reviewed_on(date(2025, 6, 1)) == "1 June 2025"
    assert reviewed_on(datetime(2025, 6, 1, 12, 0)) == "1 June 2025"
    assert reviewed_on(None) is None and reviewed_on("  ") is None and reviewed_on(5) is None


def structured_data(html: str, url: str) -> list[dict]:
    """The schema.org items a search engine reads in the page (microdata and JSON-LD)."""
    data = extruct.extract(html, base_url=url, syntaxes=["microdata", "json-ld"], uniform=True)
    return data["microdata"] + data["json-ld"]


def test_page_has_structured_data_of_every_event(built: Path) -> None:
    (data,) = structured_data(page_html(built), PAGE)
    assert data["@type"] == "ItemList" and data["@context"] == "https://schema.org"
    assert data["name"] == "Test timeline" and data["numberOfItems"] == "6"
    assert data["itemListOrder"] == "https://schema.org/ItemListOrderAscending"
    events = data["itemListElement"]
    assert [item["url"] for item in events] == [
        PAGE + "#rome-statute-adopted",
        PAGE + "#aspa-signed",
        PAGE + "#year-only",
        PAGE + "#month-only",
        PAGE + "#script-title",
        PAGE + "#kampala-review-conference",
    ]
    assert [item["startDate"] for item in events][2:4] == ["2004", "2009-03"]
    assert {key: value for key, value in events[5].items() if key != "description"} == {
        "@type": "Event",
        "name": "Review Conference in Kampala",
        "startDate": "2010-05-31",
        "endDate": "2010-06-11",
        "url": PAGE + "#kampala-review-conference",
    }
    assert events[4]["name"] == "</script><!-- & <b>not bold</b>"  # text, not markup
    assert events[4]["description"] == "A title with markup in it."


def test_without_site_url_there_is_no_feed_or_calendar(site_factory, build_site) -> None:
    site = build_site(site_factory(site_url="''")).site_dir
    assert not (site / "feed.xml").exists()
    assert not (site / "exports" / "timeline.ics").exists()
    assert (site / "exports" / "timeline.json").exists()
    html = page_html(site)
    assert "application/atom+xml" not in html and "timeline.ics" not in html
    assert (
        '<a href="../exports/timeline.json" type="application/json" download>TimelineJS JSON</a> '
        'and <a href="../exports/timeline.csv" type="text/csv" download>CSV</a>.</p>'
    ) in html
    # the citation has no address to give; the structured data's are page-relative
    assert citation(html) == "Test. “[title]” ([when])."
    assert '<a class="tl-event__permalink" href="#aspa-signed" itemprop="url"' in html


def test_feed_path_is_a_setting_and_can_be_turned_off(site_factory, build_site) -> None:
    config = site_factory()
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  - timeline:\n", "  - timeline:\n      feed: news/events.atom\n")
    )
    site = build_site(config).site_dir
    assert (site / "news" / "events.atom").is_file() and not (site / "feed.xml").exists()
    assert 'href="../news/events.atom"' in page_html(site)
    config.write_text(text.replace("  - timeline:\n", "  - timeline:\n      feed: ''\n"))
    site = build_site(config).site_dir
    assert not (site / "feed.xml").exists() and "application/atom+xml" not in page_html(site)
    assert (site / "exports" / "timeline.ics").is_file()


def test_calendar_text_decodes_character_references_once() -> None:
    """A body that shows the literal text "&lt;b&gt;" on the page says the same in a calendar."""
    from mkdocs_timeline.ics import plain_text

    assert plain_text("<p>Tags look like &amp;lt;b&amp;gt; and <b>AT&amp;T</b> is a firm.</p>") == (
        "Tags look like &lt;b&gt; and AT&T is a firm."
    )
