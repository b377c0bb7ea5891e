"""The Task Force page's statuses (data/recommendations.yml, the plugin's
`sections.status_file`): every recommendation keeps its address and its search result, and
has a status with a checked date and a reading, in the summary table and under its heading;
the events a status cites link to the timeline, and those events link back."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
import yaml
from harness import ROOT

PAGE = "task-force-recommendations/index.html"
TIMELINE = "relationship/index.html"

# The recommendations' anchors as the page has always had them: links to them must land.
ANCHORS = [
    "enhance-general-support-for-international-justice-efforts",
    "build-accountability-into-the-presidents-national-security-strategy",
    "attend-and-participate-in-the-asp-and-other-relevant-meetings-and-conferences",
    "preserve-political-capital-when-it-comes-to-diplomatic-references-to-the-icc",
    "actively-follow-the-courts-substantive-jurisprudence",
    "pursue-possibility-of-sanctions-against-persons-sought-by-the-icc",
    "implement-a-no-contacts-or-restricted-contacts-policy",
    "task-us-diplomatic-missions-to-report-on-relevant-icc-developments-and-views-of-host-states-about-the-court",
    "provide-reporting-to-congress-on-activities-undertaken-by-icc-in-other-situations-and-enhance-opportunities-for-engagement-between-the-us-government-and-the-icc",
    "accept-information-and-evidence-from-icc",
    "maintain-the-office-of-global-criminal-justice-and-the-position-of-ambassador-at-large",
    "assure-steady-and-predictable-funding-for-ad-hoc-and-hybrid-tribunals-and-other-local-and-international-justice-efforts",
    "support-domestic-proceedings-involving-international-crimes",
    "continue-to-issue-rewards-under-the-war-crimes-rewards-program",
    "support-victims-and-survivors-of-international-crimes",
    "contribute-to-witness-protection-measures",
    "enact-crimes-against-humanity-and-other-atrocity-crimes-legislation",
    "prosecute-international-crimes-domestically",
]


@pytest.fixture(scope="module")
def html(built_site: Path) -> str:
    return (built_site / PAGE).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def data() -> dict:
    return yaml.safe_load((ROOT / "data" / "recommendations.yml").read_text(encoding="utf-8"))


def test_every_recommendation_keeps_its_anchor(html):
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    missing = [anchor for anchor in ANCHORS if anchor not in ids]
    assert not missing, f"anchors gone from {PAGE}: {missing}"


def test_every_recommendation_has_a_status(data):
    assert [section["id"] for section in data["sections"]] == ANCHORS
    for section in data["sections"]:
        assert section["reading"].strip() and section["checked"], section["id"]


def test_the_summary_table_lists_every_recommendation_in_page_order(html):
    table = html.split('<div class="tl-status-summary">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<tr data-status="([a-z-]+)"><td><a href="#([^"]+)">', table)
    assert [anchor for _status, anchor in rows] == ANCHORS
    dates = re.findall(r'<td><time datetime="(\d{4}-\d\d-\d\d)">', table)
    assert len(dates) == len(ANCHORS)
    # the table is at the top: before the first recommendation's heading
    assert html.index("tl-status-summary") < html.index(f'id="{ANCHORS[0]}"')


def test_each_status_stands_under_its_heading_and_links_its_events(html, built_site, data):
    timeline_ids = set(re.findall(r'\sid="([^"]+)"', (built_site / TIMELINE).read_text("utf-8")))
    for section in data["sections"]:
        after = html.split(f'id="{section["id"]}"', 1)[1]
        block = after.split('<div class="tl-status"', 1)[1].split("</div>", 1)[0]
        assert after.index('class="tl-status"') < after.find("<h2"), section["id"]
        assert unescape(" ".join(section["reading"].split())) in unescape(block)
        linked = re.findall(r'href="\.\./relationship/#([^"]+)"', block)
        assert linked == section.get("events", []), section["id"]
        assert set(linked) <= timeline_ids


def test_cited_events_link_back_to_their_section(data):
    events = yaml.safe_load((ROOT / "data" / "timeline.yml").read_text(encoding="utf-8"))
    named = {event["id"]: event.get("recommendations") or [] for event in events["events"]}
    for section in data["sections"]:
        for event in section.get("events", []):
            assert section["id"] in named[event], f"{event} does not name {section['id']}"


def test_every_recommendation_is_a_search_result_with_its_anchor(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    locations = {doc["location"]: doc for doc in index["docs"]}
    for anchor in ANCHORS:
        doc = locations.get(f"task-force-recommendations/#{anchor}")
        assert doc is not None, f"no search entry for #{anchor}"
        assert doc["title"] and doc["text"], anchor
