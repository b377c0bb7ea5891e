"""Issue 7 in the browser: the review date and the citation at a page's end, with and without
JavaScript, and the 404 page served by GitHub Pages for an unknown address at any depth.

Screenshots (1280 px) go to reports/screenshots/issue7-*.png.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "reports" / "screenshots"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_end_of_a_page_says_when_it_was_reviewed_and_how_to_cite_it(open_site_page, javascript):
    result = open_site_page("about/", javascript=javascript)
    assert result.status == 200
    page = result.page
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
    assert not result.watch.problems(), result.watch.problems()
    if javascript:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.set_viewport_size({"width": 1280, "height": 900})
        facts.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / "issue7-footer.png"))


def test_the_404_page_works_at_any_depth(open_site_page, served_site):
    result = open_site_page("a/b/c")
    assert result.status == 404
    page = result.page
    assert page.locator("h1").inner_text().startswith("404")
    assert "There is no page at this address" in page.locator("article").inner_text()
    # Material's stylesheet and script loaded from absolute paths: the header is styled and
    # the search field, which the bundle wires up, is there
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in (
        "fixed",
        "sticky",
    )
    assert page.evaluate("document.documentElement.classList.contains('no-js')") is False
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "issue7-404.png"), full_page=True)
    # each link to a page leads to that page
    links = page.locator("article .not-found__pages a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert len(hrefs) == len(list((ROOT / "docs").rglob("*.md")))  # every page
    for href in hrefs:
        response = page.request.get(served_site.origin + href)
        assert response.status == 200, href
    links.nth(len(hrefs) - 1).click()
    page.wait_for_load_state("load")
    assert page.url == served_site.url + "about/"
    problems = [p for p in result.watch.problems() if "404" not in p]
    assert not problems, problems


def test_the_404_search_finds_pages(open_site_page, served_site):
    result = open_site_page("no/such/page/")
    page = result.page
    page.get_by_label("Words to look for").fill("Rome Statute")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_load_state("load")
    assert page.url.startswith(served_site.url) and "q=Rome+Statute" in page.url
    # Material opens its search with the words and lists what it found
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert page.locator(".md-search-result__item").count() > 0
    assert page.locator(".md-search__input").input_value() == "Rome Statute"
