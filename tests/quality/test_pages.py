"""Every page, at 1280 and 390 px, in the light and the dark palette, in headless Chromium.

Each (page, width, palette) is loaded once (`visit`, conftest.py): these tests assert on
parts of that one visit. Its screenshot goes to reports/screenshots/, its axe results to
reports/axe.json.
"""

from __future__ import annotations

import pytest

from .conftest import NOT_FOUND, SCHEMES, WIDTHS, describe, page_id

pytestmark = pytest.mark.browser

matrix = pytest.mark.parametrize(
    "width, scheme", [(w, s) for w in WIDTHS for s in SCHEMES], ids=lambda v: str(v)
)


def test_the_pages_are_every_page_the_build_wrote(built_site, site_pages):
    """The pages audited here (from the nav and docs/) are exactly the HTML pages built."""
    built = sorted(
        "" if p.parent == built_site else p.parent.relative_to(built_site).as_posix() + "/"
        for p in built_site.rglob("index.html")
    )
    assert (built_site / NOT_FOUND).is_file(), "the build wrote no 404 page"
    assert sorted(p for p in site_pages if p != NOT_FOUND) == built


@matrix
def test_page_loads_with_status_200(visit, site_page, width, scheme):
    v = visit(site_page, width, scheme)
    assert v.status == 200, f"{page_id(site_page)}: HTTP {v.status}"


@matrix
def test_page_makes_no_request_to_another_host(visit, site_page, width, scheme):
    hosts = visit(site_page, width, scheme).watch.other_hosts
    assert not hosts, f"{page_id(site_page)} requested another host: {hosts[0]}" + (
        f" (first of {len(hosts)})" if len(hosts) > 1 else ""
    )


@matrix
def test_page_has_no_console_error(visit, site_page, width, scheme):
    watch = visit(site_page, width, scheme).watch
    problems = watch.console_errors + watch.exceptions + watch.dialogs
    assert not problems, f"{page_id(site_page)}:\n" + "\n".join(problems)


@matrix
def test_page_is_shown_in_the_palette_asked_for(visit, site_page, width, scheme):
    """The reader's preferred palette is applied (else the dark audit would audit light)."""
    palette = visit(site_page, width, scheme).palette
    assert palette == {"light": "default", "dark": "slate"}[scheme], palette


@matrix
def test_axe_finds_no_wcag_a_or_aa_violation(visit, site_page, width, scheme):
    violations = visit(site_page, width, scheme).violations
    assert not violations, f"{page_id(site_page)} at {width} px, {scheme}:\n" + describe(violations)


@matrix
def test_page_does_not_scroll_sideways(visit, site_page, width, scheme):
    scroll, window = visit(site_page, width, scheme).widths
    assert scroll <= window, f"{page_id(site_page)} is {scroll} px wide in a {window} px window"


@matrix
def test_screenshot_is_kept_for_reviewers(visit, site_page, width, scheme):
    shot = visit(site_page, width, scheme).screenshot
    assert shot.is_file() and shot.stat().st_size > 1000, f"no screenshot at {shot}"
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_an_unknown_address_gets_the_404_page(open_site_page):
    """GitHub Pages answers an unknown address with 404.html: it must work from any depth."""
    opened = open_site_page("no/such/page/")
    assert opened.status == 404
    page = opened.page
    assert page.locator("h1").inner_text().startswith("404")
    # Its stylesheets and scripts loaded (absolute paths from site_url): Material styled it
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in (
        "fixed",
        "sticky",
    )
    problems = [
        p for p in opened.watch.problems() if "status of 404" not in p or "no/such" not in p
    ]
    assert not problems, "\n".join(problems)
