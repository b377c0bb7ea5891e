"""The real site's sources page and the sources on the timeline page, checked against
data/timeline.yml as editors wrote it (read here with PyYAML, not by the plugin)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from harness import ROOT

# …/20070623020724/http://… : a web archive's address of its copy of a page
ARCHIVE_COPY = re.compile(r"/\d{8,14}[a-z_]*/https?:/")


@pytest.fixture(scope="module")
def written() -> dict[str, dict]:
    """Every source as written, by address, with the ids of the events that cite it."""
    with (ROOT / "data" / "timeline.yml").open(encoding="utf-8") as file:
        events = yaml.safe_load(file)["events"]
    found: dict[str, dict] = {}
    for event in events:
        for source in event["sources"]:
            found.setdefault(source["url"], {**source, "events": []})["events"].append(event["id"])
    return found


class Links(HTMLParser):
    """Each <li> of the page's source lists: its links (href and attributes) and text."""

    def __init__(self, list_class: str) -> None:
        super().__init__()
        self.list_class = list_class
        self.items: list[dict] = []
        self.depth = 0  # inside a wanted <ul>
        self.heading: list[str] | None = None
        self.headings: list[tuple[str, str]] = []  # (h2 or h3, text) in page order

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "ul" and self.list_class in (a.get("class") or "").split():
            self.depth = 1
        elif tag == "li" and self.depth:
            self.items.append({"links": [], "text": "", "heading": self.headings[-1][1]})
        elif tag == "a" and self.depth and self.items:
            self.items[-1]["links"].append(a)
        elif tag in ("h2", "h3"):
            self.heading = [tag]

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul":
            self.depth = 0
        elif tag in ("h2", "h3") and self.heading:
            text = "".join(self.heading[1:]).replace("¶", "").strip()  # the toc's permalink
            self.headings.append((self.heading[0], text))
            self.heading = None

    def handle_data(self, data: str) -> None:
        if self.heading is not None:
            self.heading.append(data)
        if self.depth and self.items:
            self.items[-1]["text"] += data


def parsed(site: Path, page: str, list_class: str) -> Links:
    links = Links(list_class)
    links.feed((site / page / "index.html").read_text(encoding="utf-8"))
    return links


def test_every_source_is_listed_once_under_its_publisher_and_type(built_site, written) -> None:
    page = parsed(built_site, "timeline-sources", "tl-sources")
    by_url = {item["links"][0]["href"]: item for item in page.items}
    assert len(page.items) == len(by_url) == len(written)
    h2 = [text for level, text in page.headings if level == "h2"]
    assert h2[:2] == ["Primary sources", "Secondary sources"]
    for url, source in written.items():
        item = by_url[url]
        assert item["heading"] == source["publisher"], url
        cited = [link["href"].rsplit("#", 1)[1] for link in item["links"] if "#" in link["href"]]
        assert cited == list(dict.fromkeys(source["events"])), url
        assert all(
            link["href"].startswith("../relationship/#")
            for link in item["links"][1:]
            if "#" in link["href"]
        )
    # each type's publishers are under that type's heading
    order = [text for _level, text in page.headings]
    secondary_at = order.index("Secondary sources")
    for url, source in written.items():
        at = order.index(source["publisher"], 0 if source["type"] == "primary" else secondary_at)
        assert (at < secondary_at) == (source["type"] == "primary"), url


def test_timeline_sources_show_publisher_primary_mark_and_archived_copy(
    built_site, written
) -> None:
    page = parsed(built_site, "relationship", "tl-event__sources")
    assert len(page.items) == sum(len(s["events"]) for s in written.values())
    for item in page.items:
        link = item["links"][0]
        source = written[link["href"]]
        assert f", {source['publisher']}" in item["text"]
        assert ("primary source" in item["text"]) == (source["type"] == "primary")
        if "archived" in source:
            assert link["data-versionurl"] == source["archived"]["url"]
            assert link["data-versiondate"] == source["archived"]["date"]
            assert link["data-originalurl"] == source["url"]
            assert item["links"][1]["href"] == source["archived"]["url"]
            assert "archived copy" in item["text"]
        elif ARCHIVE_COPY.search(source["url"]):  # an archive's own copy of a page
            assert link["data-versionurl"] == source["url"]
            assert "an archived copy of" in item["text"]
        else:
            assert "data-versionurl" not in link
