"""Search, with its index and worker loaded lazily (overrides/partials/search-lazy.html).

The search index (about 48 KB gzip) and Material's search worker load when the reader starts
to use search: the field gets focus (click, the / s f hotkeys), the search button is pressed
(small screens), or the address has ?q= (a shared search) or ?h= (a result's highlighting).
Search must then work as before: results, links to the right sections, highlighting.
The `open_page` fixture fails a test on any console error or request to another host.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser

INDEX = "/search/search_index.json"
WORKER = "/assets/javascripts/workers/search."
RESULT_LINKS = ".md-search-result__list a.md-search-result__link"


def loaded(page) -> list[str]:
    """Paths of every file the page has fetched so far (Resource Timing: XHRs and the
    worker's script included), once the network is idle."""
    page.wait_for_load_state("networkidle")
    names = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    return [urlsplit(name).path for name in names]


def search_files(page) -> dict[str, bool]:
    """Whether the search index and the search worker have been fetched."""
    paths = loaded(page)
    return {
        "index": any(path.endswith(INDEX) for path in paths),
        "worker": any(WORKER in path for path in paths),
    }


def wait_for_results(page) -> list[str]:
    """Wait for search results; return the result links' addresses."""
    page.wait_for_selector(RESULT_LINKS, state="attached", timeout=15_000)
    return page.eval_on_selector_all(RESULT_LINKS, "links => links.map(a => a.href)")


def start_search(page, how: str) -> None:
    """Start to use search as a reader would."""
    if how == "click":
        page.click(".md-search__input")
    elif how in ("/", "s", "f"):
        page.click("h1")  # focus in the page, outside any field
        page.keyboard.press(how)
    elif how == "button":  # small screens: the magnifier button in the header
        page.click("label.md-header__button[for=__search]")
    page.wait_for_function("document.activeElement.matches('.md-search__input')")


@pytest.mark.parametrize("how", ["click", "/", "s", "f", "button"])
def test_index_and_worker_load_only_once_search_is_used(open_page, how):
    page = open_page("", width=390 if how == "button" else 1280).page
    page.wait_for_timeout(300)
    assert search_files(page) == {"index": False, "worker": False}, "fetched before search was used"
    start_search(page, how)
    page.keyboard.type("Rome Statute")
    assert wait_for_results(page)
    assert search_files(page) == {"index": True, "worker": True}


def test_finds_sections_and_links_to_their_anchors(open_page):
    page = open_page("about/").page
    start_search(page, "click")
    page.keyboard.type("Rome Statute")
    links = [link for link in wait_for_results(page) if urlsplit(link).fragment]
    assert links, "no result links to a section"
    assert parse_qs(urlsplit(links[0]).query)["h"] == ["rome statute"]
    for link in links[:3]:
        anchor = urlsplit(link).fragment
        page.goto(link)
        assert page.locator(f"[id='{anchor}']").count() == 1, (
            f"{link}: no element with id {anchor!r}"
        )


def test_finds_a_timeline_event(open_page, timeline_events):
    event = timeline_events[0]
    page = open_page("").page
    start_search(page, "/")
    page.keyboard.type(event["title"])
    links = wait_for_results(page)
    assert any(urlsplit(link).path.endswith("/relationship/") and urlsplit(link).fragment == event["id"]
               for link in links), f"no result for {event['id']!r} among {links}"  # fmt: skip
    page.locator(f'{RESULT_LINKS}[href$="#{event["id"]}"]').first.evaluate("a => a.click()")
    page.wait_for_url(f"**/relationship/**#{event['id']}")
    assert page.locator(f"[id='{event['id']}']").is_visible()


def test_shared_search_address_opens_with_results(open_page):
    page = open_page("?q=Rome+Statute").page
    assert page.locator(".md-search__input").input_value() == "Rome Statute"
    assert wait_for_results(page)
    assert search_files(page) == {"index": True, "worker": True}


def test_result_highlights_the_words_on_its_page(open_page):
    page = open_page("us-and-icc-review/?h=rome+statute").page
    page.wait_for_selector("mark[data-md-highlight]", timeout=15_000)
    assert search_files(page)["index"]
    assert page.locator(".md-search__input").input_value() == ""
