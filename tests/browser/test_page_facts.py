"""Issue 7 in the browser: the review date and the citation at a page's end, with and without
JavaScript, and the 404 page that GitHub Pages serves for an unknown address at any depth.

The built HTML of both (every page's facts, the 404 page's links, search form and absolute
paths) is checked without a browser in tests/site/test_page_meta.py.
"""

from __future__ import annotations

import re

import pytest
from harness import ROOT

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_end_of_a_page_says_when_it_was_reviewed_and_how_to_cite_it(open_page, javascript):
    page = open_page("about/", javascript=javascript).page
    facts = page.locator("article footer.page-facts")
    facts.scroll_into_view_if_needed()
    assert facts.is_visible()
    reviewed = page.locator(".page-facts__reviewed")
    assert re.fullmatch(
        r"Last reviewed: \d{1,2} [A-Z][a-z]+ \d{4}\.", reviewed.inner_text().strip()
    )
    cite = page.locator(".page-facts__cite")
    assert cite.is_visible()
    text = " ".join(cite.inner_text().split())
    assert re.fullmatch(
        r"How to cite this page: US–ICC Relations, “About and sources”, "
        r"https?://\S+/about/, last reviewed \d{1,2} [A-Z][a-z]+ \d{4}\.",
        text,
    ), text
    # readable: the theme's muted text, not hidden or clipped
    box = cite.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 10


def test_the_404_page_works_at_any_depth_its_links_and_its_search(open_page, served_site):
    opened = open_page("a/b/c", status=404)
    page = opened.page
    assert page.locator("h1").inner_text().startswith("404")
    assert "There is no page at this address" in page.locator("article").inner_text()
    # Material's stylesheet and script loaded from absolute paths: the header is styled and
    # the bundle ran
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in (
        "fixed",
        "sticky",
    )
    assert page.evaluate("document.documentElement.classList.contains('no-js')") is False
    # each link to a page leads to that page
    links = page.locator("article .not-found__pages a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert len(hrefs) == len(list((ROOT / "docs").rglob("*.md")))  # every page
    for href in hrefs:
        response = page.request.get(served_site.origin + href)
        assert response.status == 200, href
    # its search opens the site's search with the words, and finds pages
    page.get_by_label("Words to look for").fill("Rome Statute")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_load_state("load")
    assert page.url.startswith(served_site.url) and "q=Rome+Statute" in page.url
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert page.locator(".md-search-result__item").count() > 0
    assert page.locator(".md-search__input").input_value() == "Rome Statute"
