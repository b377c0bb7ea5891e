"""Sources in the browser: the "primary source" mark is words a screen reader hears (not a
colour), archived copies are named and carry Robust Links attributes, and the sources page
works at 1280 and 390 px in both palettes, its event links landing on the events, with no
axe violation. (Every page's general audit is test_every_page.py; this one looks at the
parts issue 15 added.)"""

from __future__ import annotations

import pytest
import yaml
from harness import ROOT, describe_violations, run_axe

pytestmark = pytest.mark.browser

SOURCES_PAGE = "timeline-sources/"


@pytest.fixture(scope="module")
def written() -> list[dict]:
    with (ROOT / "data" / "timeline.yml").open(encoding="utf-8") as file:
        return yaml.safe_load(file)["events"]


def test_primary_mark_is_visible_words_in_the_accessible_name(open_page, written) -> None:
    event = next(e for e in written if any(s["type"] == "primary" for s in e["sources"]))
    source = next(s for s in event["sources"] if s["type"] == "primary")
    page = open_page(f"relationship/#{event['id']}").page
    item = page.locator(f"#{event['id']} ~ ul.tl-event__sources > li").filter(
        has=page.locator(f'a[href="{source["url"]}"]')
    )
    mark = item.locator(".tl-primary")
    assert mark.inner_text() == "primary source"
    assert mark.is_visible()
    box = mark.bounding_box()
    assert box and box["width"] > 20 and box["height"] > 8
    # the words themselves carry the meaning: a border frames them, and they are in the
    # item's text that assistive technology reads
    assert mark.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
    assert "primary source" in item.evaluate("e => e.innerText")
    secondary = next((e, s) for e in written for s in e["sources"] if s["type"] == "secondary")
    other = page.locator(f"#{secondary[0]['id']} ~ ul.tl-event__sources > li").filter(
        has=page.locator(f'a[href="{secondary[1]["url"]}"]')
    )
    assert other.locator(".tl-primary").count() == 0


def test_an_archive_copy_source_says_so_and_carries_robust_links(open_page, written) -> None:
    url = "https://web.archive.org/web/20070623020724/http:/www.icc-cpi.int/press/pressreleases/132.html"
    event = next(e for e in written if any(s["url"] == url for s in e["sources"]))
    page = open_page(f"relationship/#{event['id']}").page
    link = page.locator(f'#{event["id"]} ~ ul.tl-event__sources a[href="{url}"]')
    assert link.get_attribute("data-versionurl") == url
    assert link.get_attribute("data-versiondate") == "2007-06-23"
    assert link.get_attribute("data-originalurl") == (
        "http://www.icc-cpi.int/press/pressreleases/132.html"
    )
    text = link.locator("xpath=..").inner_text()
    assert "(an archived copy of 23 June 2007)" in text


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_sources_page_fits_passes_axe_and_links_to_events(open_page, width, scheme) -> None:
    opened = open_page(SOURCES_PAGE, width=width, scheme=scheme)
    page = opened.page
    scroll, window = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= window, f"{scroll} px wide in a {window} px window"
    violations = run_axe(page).get("violations", [])
    assert not violations, describe_violations(violations)
    event_link = page.locator('ul.tl-sources a[href^="../relationship/#"]').first
    target = event_link.get_attribute("href").split("#", 1)[1]
    event_link.click()
    page.wait_for_url(f"**/relationship/#{target}")
    heading = page.locator(f"#{target}")
    assert heading.evaluate("e => e.tagName") == "H4"
    assert heading.is_visible()
