"""The record of changes in a browser at 1280 and 390 px, in the light palette without
JavaScript and in the dark one with it (Material applies a palette by script): an event's
"Added … Corrected …" line, a withdrawn event's permalink, and the
What's new page's links to the events. axe runs on the whole page in test_every_page.py
and test_no_javascript.py (What's new is in the nav); here it runs on the parts added.

Screenshots of the parts go to reports/screenshots/changes-*.png.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from harness import REPORTS, Watch, describe_violations, new_context
from harness import open_in as harness_open_in

from .test_no_javascript import refuse_scripts

pytestmark = pytest.mark.browser

CASES = [(w, s) for w in (1280, 390) for s in ("light", "dark")]
SHOTS = REPORTS / "screenshots"
CORRECTED = "us-demands-rome-statute-changes"  # an event with a correction
WITHDRAWN = "us-ratifies-genocide-convention"


def axe_on(page, selector: str) -> list[dict]:
    """axe (WCAG 2.0/2.1 A and AA) on the elements `selector` finds."""
    from axe_playwright_python.sync_playwright import Axe

    options = {
        "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"],
    }
    return (
        Axe().run(page, context={"include": [[selector]]}, options=options).response["violations"]
    )


def open_in(browser, served_site, path: str, *, width: int, scheme: str, javascript: bool):
    """The page in the light palette with none of its own scripts run (a content security
    policy, as in test_no_javascript.py: Playwright's own evaluate, which axe needs, still
    runs); in the dark palette with them, since Material applies a palette by script (without
    it every page is light)."""
    if scheme == "dark":
        opened = harness_open_in(browser, served_site, path, width=width, scheme=scheme)
        assert opened.page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        return opened
    watch = Watch()
    context = new_context(
        browser,
        served_site.origin,
        watch,
        viewport={"width": width, "height": 900},
        color_scheme=scheme,
        reduced_motion="reduce",
    )
    context.route("**/*", refuse_scripts)
    page = context.new_page()
    response = page.goto(served_site.url + path, wait_until="load")
    assert response and response.status == 200
    assert page.evaluate("document.documentElement.classList.contains('no-js')"), "scripts ran"
    assert page.evaluate("document.body.dataset.mdColorScheme || 'default'") == "default"
    return SimpleNamespace(page=page, context=context, watch=watch)


def fits(page, selector: str) -> bool:
    """Whether the element lies within the window's width."""
    box = page.locator(selector).first.bounding_box()
    return (
        box is not None and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]
    )


@pytest.mark.parametrize(("width", "scheme"), CASES, ids=lambda v: str(v))
def test_an_event_says_when_it_was_added_and_what_was_corrected(
    browser, served_site, width, scheme
) -> None:
    opened = open_in(
        browser, served_site, f"relationship/#{CORRECTED}", width=width, scheme=scheme,
        javascript=False,
    )  # fmt: skip
    try:
        page = opened.page
        line = page.locator(f'article:has(> h4[id="{CORRECTED}"]) .tl-event__changes')
        assert line.is_visible()
        assert line.inner_text() == (
            "Added 23 November 2026. Corrected 1 December 2026: Gave the Assembly's 24th "
            "session as 1–6 December 2025; it was held from 1 to 5 December."
        )
        assert fits(page, f'article:has(> h4[id="{CORRECTED}"]) .tl-event__changes')
        size = float(line.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
        assert size >= 12, f"{size} px: too small to read"
        violations = axe_on(page, ".tl-event__changes")
        assert not violations, describe_violations(violations)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.locator(f'article:has(> h4[id="{CORRECTED}"])').screenshot(
            path=str(SHOTS / f"changes-event-{width}-{scheme}.png")
        )
    finally:
        opened.context.close()


@pytest.mark.parametrize(("width", "scheme"), CASES, ids=lambda v: str(v))
def test_a_withdrawn_events_permalink_lands_on_why(browser, served_site, width, scheme) -> None:
    opened = open_in(
        browser, served_site, f"relationship/#{WITHDRAWN}", width=width, scheme=scheme,
        javascript=False,
    )  # fmt: skip
    try:
        page = opened.page
        item = page.locator(f'li[id="{WITHDRAWN}"]')
        assert item.is_visible()
        assert "withdrawn 1 December 2026: No source the editors could check" in item.inner_text()
        box = item.bounding_box()
        assert box is not None and 0 <= box["y"] < page.viewport_size["height"], box  # scrolled to
        assert fits(page, ".tl-withdrawn")
        violations = axe_on(page, ".tl-withdrawn")
        assert not violations, describe_violations(violations)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.locator(".tl-withdrawn").screenshot(
            path=str(SHOTS / f"changes-withdrawn-{width}-{scheme}.png")
        )
    finally:
        opened.context.close()


@pytest.mark.parametrize(("width", "scheme"), CASES, ids=lambda v: str(v))
def test_whats_new_links_land_on_the_events(browser, served_site, width, scheme) -> None:
    opened = open_in(
        browser, served_site, "whats-new/", width=width, scheme=scheme, javascript=False
    )
    try:
        page = opened.page
        months = page.locator(".tl-changes h2").all_inner_texts()
        assert months[:2] == ["December 2026", "November 2026"]
        assert fits(page, ".tl-changes")
        link = page.locator(f'li[id="corrected-{CORRECTED}-1"] a')
        assert link.get_attribute("href") == f"../relationship/#{CORRECTED}"
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"changes-whats-new-{width}-{scheme}.png"))
        link.click()
        page.wait_for_url(f"**/relationship/#{CORRECTED}")
        heading = page.locator(f'h4[id="{CORRECTED}"]')
        box = heading.bounding_box()
        assert box is not None and 0 <= box["y"] < page.viewport_size["height"]
    finally:
        opened.context.close()
