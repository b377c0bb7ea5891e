"""The public record of changes: `added`, `updated`, `corrections` and `withdrawn` in the
model, on the timeline page, in the Atom feed, on a "What's new" page and in its feed.

The real site's pages are checked in tests/site/test_timeline_outputs.py and, in a
browser, tests/browser/test_changes_page.py; the pull-request check of the data in
tests/tooling/test_check_changes.py.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import feedparser
import markdown
import pytest
from atom_rules import atom_problems
from harness import build

from mkdocs_timeline.changes import ChangeLog
from mkdocs_timeline.feed import change_items, changes_atom, timeline_atom
from mkdocs_timeline.markdown import TimelineExtension
from mkdocs_timeline.validate import parse_timeline

from .conftest import EVENTS, make_site, timeline_yaml
from .test_feeds import BASE, PAGE, info, items

HISTORY = {  # event id -> the lines after its last key
    "rome-statute-adopted": "added: 2026-11-23\nupdated: 2026-12-02\ncorrections:\n"
    "  - date: 2026-12-02\n    note: Gave the vote as 120 to 8; it was 120 to 7.\n",
    "aspa-signed": "added: 2026-11-23\n",
    "kampala-review-conference": "added: 2026-12-01\n",
}
WITHDRAWN = """\
    withdrawn:
      - id: old-event
        date: 2026-12-03
        reason: A duplicate of the Kampala event.
    """
WHATS_NEW = "---\ntitle: What's new\n---\n\n# What's new\n\n<!-- timeline-changes -->\n"


def history_yaml() -> str:
    events = textwrap.dedent(EVENTS)
    for event_id, lines in HISTORY.items():
        start = events.index(f"  - id: {event_id}\n")
        end = events.find("  - id: ", start + 1)
        end = len(events) if end < 0 else end
        events = events[:end] + textwrap.indent(lines, "    ") + events[end:]
    return timeline_yaml(events) + textwrap.dedent(WITHDRAWN)


@pytest.fixture
def timeline(case_site):
    return parse_timeline(history_yaml().encode(), "data/timeline.yml", case_site).relocated(BASE)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The tiny site with the record of changes and a What's new page, built once."""
    folder = tmp_path_factory.mktemp("tiny-site-changes")
    config = make_site(folder, history_yaml())
    (folder / "docs" / "whats-new.md").write_text(WHATS_NEW, encoding="utf-8")
    return build(config, folder / "site").site_dir


# ---- The model ---------------------------------------------------------------------------


def test_the_model_holds_the_record(timeline) -> None:
    rome = next(e for e in timeline.events if e.id == "rome-statute-adopted")
    assert (rome.added.iso, rome.updated.iso, rome.changed.iso) == (
        "2026-11-23",
        "2026-12-02",
        "2026-12-02",
    )
    assert [(c.date.iso, c.note) for c in rome.corrections] == [
        ("2026-12-02", "Gave the vote as 120 to 8; it was 120 to 7.")
    ]
    assert [(w.id, w.date.iso) for w in timeline.withdrawn] == [("old-event", "2026-12-03")]
    assert "old-event" in timeline.anchor_ids and "withdrawn-events" in timeline.anchor_ids


def test_changes_are_grouped_by_month_newest_first(timeline) -> None:
    log = ChangeLog.of(timeline)
    assert [(m.heading, m.summary) for m in log.months] == [
        ("December 2026", "1 event added, 1 corrected, 1 withdrawn."),
        ("November 2026", "2 events added."),
    ]
    assert [c.anchor for c in log.changes] == [
        "withdrawn-old-event",
        "corrected-rome-statute-adopted-1",
        "added-kampala-review-conference",
        "added-aspa-signed",
        "added-rome-statute-adopted",
    ]
    assert [(t.level, t.id) for t in log.toc] == [(2, "changes-2026-12"), (2, "changes-2026-11")]


# ---- The timeline's feed -----------------------------------------------------------------


def test_feed_entries_are_published_when_added_and_updated_when_changed(timeline) -> None:
    data = timeline_atom(items(timeline), info())
    assert atom_problems(data) == []
    feed = feedparser.parse(data)
    assert not feed.bozo
    got = [(e.id.split("#")[1], e.published[:10], e.updated[:10]) for e in feed.entries]
    assert got == [  # by the last change, newest first; a tie: the later event first
        ("rome-statute-adopted", "2026-11-23", "2026-12-02"),
        ("kampala-review-conference", "2026-12-01", "2026-12-01"),
        ("aspa-signed", "2026-11-23", "2026-11-23"),
    ]
    assert feed.feed.updated == "2026-12-02T00:00:00+00:00"  # the newest entry's
    rome = feed.entries[0].content[0].value
    assert rome.endswith(
        "<p>Added 23 November 2026.</p>"
        "<p>Corrected 2 December 2026: Gave the vote as 120 to 8; it was 120 to 7.</p>"
    )


# ---- The feed of changes -----------------------------------------------------------------


def test_the_feed_of_changes_has_one_entry_per_change(timeline) -> None:
    log_url = BASE + "whats-new/"
    data = changes_atom(change_items(timeline, PAGE, log_url), info(feed_url=BASE + "c.xml"))
    assert atom_problems(data) == []
    feed = feedparser.parse(data)
    assert not feed.bozo and feed.feed.updated == "2026-12-03T00:00:00+00:00"
    got = [(e.id, e.link, e.title, e.updated[:10]) for e in feed.entries]
    assert got == [
        (log_url + "#withdrawn-old-event", PAGE + "#old-event", "Withdrawn: old-event",
         "2026-12-03"),
        (log_url + "#corrected-rome-statute-adopted-1", PAGE + "#rome-statute-adopted",
         "Corrected: Rome Statute adopted", "2026-12-02"),
        (log_url + "#added-kampala-review-conference", PAGE + "#kampala-review-conference",
         "Added: Review Conference in Kampala", "2026-12-01"),
        (log_url + "#added-aspa-signed", PAGE + "#aspa-signed",
         "Added: American Service-Members' Protection Act signed", "2026-11-23"),
        (log_url + "#added-rome-statute-adopted", PAGE + "#rome-statute-adopted",
         "Added: Rome Statute adopted", "2026-11-23"),
    ]  # fmt: skip
    assert feed.entries[1].content[0].value == (
        "<p>Gave the vote as 120 to 8; it was 120 to 7.</p>"
    )


@pytest.mark.parametrize(
    ("plant", "problem"),
    [
        (("<published>2026-11-23", "<published>2027-01-01"), "is after updated"),
        (("#added-aspa-signed</id>", "#added-kampala-review-conference</id>"), "another entry"),
        (("<id>https://example.org/site/whats-new/#withdrawn", "<id>whats-new/#w"), "absolute"),
        (("<updated>2026-12-03T00:00:00+00:00</updated>\n  <author>", "<author>"), "atom:updated"),
        (("T00:00:00+00:00</published>", "</published>"), "RFC 3339"),
    ],
)
def test_the_atom_rules_catch_a_planted_defect(timeline, plant, problem) -> None:
    data = changes_atom(change_items(timeline, PAGE, BASE + "whats-new/"), info())
    planted = data.decode().replace(*plant, 1).encode()
    assert planted != data
    assert any(problem in line for line in atom_problems(planted)), atom_problems(planted)


# ---- The build ---------------------------------------------------------------------------


def test_events_say_when_they_were_added_and_what_was_corrected(built: Path) -> None:
    html = (built / "relationship" / "index.html").read_text(encoding="utf-8")
    assert (
        '<p class="tl-event__changes">Added <time datetime="2026-11-23">23 November 2026</time>.'
        ' Corrected <time datetime="2026-12-02">2 December 2026</time>: Gave the vote as 120 to '
        "8; it was 120 to 7.</p>"
    ) in html
    assert '<li id="old-event"><code>old-event</code>, withdrawn ' in html
    assert '<h3 class="tl-withdrawn__title" id="withdrawn-events">Withdrawn events</h3>' in html


def test_the_whats_new_page_lists_the_changes_and_links_the_feed(built: Path) -> None:
    html = (built / "whats-new" / "index.html").read_text(encoding="utf-8")
    months = re.findall(r'<h2 id="(changes-[0-9-]+)">([^<]+)', html)
    assert months == [("changes-2026-12", "December 2026"), ("changes-2026-11", "November 2026")]
    anchors = re.findall(r'<li id="((?:added|corrected|withdrawn)-[a-z0-9-]+)">', html)
    assert anchors[:2] == ["withdrawn-old-event", "corrected-rome-statute-adopted-1"]
    assert '<a href="../relationship/#rome-statute-adopted">Rome Statute adopted</a>' in html
    assert '<a href="../changes.xml" type="application/atom+xml">' in html
    assert 'href="#changes-2026-12"' in html  # in the table of contents
    feed = (built / "changes.xml").read_bytes()
    assert atom_problems(feed) == []
    assert b"<id>https://example.org/site/whats-new/#withdrawn-old-event</id>" in feed
    assert atom_problems((built / "feed.xml").read_bytes()) == []


def test_plain_python_markdown_renders_the_changes_marker(tmp_path, monkeypatch) -> None:
    config = make_site(tmp_path, history_yaml())
    (tmp_path / "docs" / "whats-new.md").write_text(WHATS_NEW, encoding="utf-8")
    monkeypatch.chdir(config.parent)
    md = markdown.Markdown(extensions=[TimelineExtension(page_url="whats-new/"), "toc"])
    html = md.convert("# What's new\n\n<!-- timeline-changes -->\n")
    assert '<h2 id="changes-2026-12">December 2026</h2>' in html
    assert '<a href="../relationship/#aspa-signed">' in html
    assert [t["id"] for t in md.toc_tokens[0]["children"]] == [
        "changes-2026-12",
        "changes-2026-11",
    ]


def test_a_changes_line_naming_no_shown_timeline_stops_the_build(
    site_factory, build_site, caplog
) -> None:
    from .test_build import build_error

    config = site_factory()
    (config.parent / "docs" / "whats-new.md").write_text(
        "# New\n\n<!-- timeline-changes other.yml -->\n", encoding="utf-8"
    )
    message = build_error(build_site, config, caplog)
    assert "Page 'whats-new.md': its '<!-- timeline-changes -->' line names 'other.yml'" in message
