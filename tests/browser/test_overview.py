"""The timeline at a glance (issue 16) in headless Chromium: the overview, headlines only,
the situation filter and related events, with JavaScript on and off, axe in both palettes,
and screenshots at 1280 and 390 px (reports/screenshots/overview-*.png, to look at)."""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import ROOT, describe_violations, run_axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGE = "relationship/"
SHOTS = ROOT / "reports" / "screenshots"


def test_without_javascript_the_overview_links_every_event(open_page, timeline_events):
    page = open_page(PAGE, javascript=False).page
    marks = page.locator(".tl-overview__svg a")
    assert marks.count() == len(timeline_events)
    first = timeline_events[0]
    expect(marks.first).to_have_accessible_name(
        f"{first['title']} {marks.first.get_attribute('aria-label')}"
    )
    marks.nth(5).click()
    assert page.url.endswith("#" + timeline_events[5]["id"])
    # the full view: no headlines-only switch, every body shown
    expect(page.locator(".tl-event__body").first).to_be_visible()


def test_overview_is_operated_by_keyboard_and_jumps_on_enter(open_page, timeline_events):
    page = open_page(PAGE).page
    marks = page.locator(".tl-overview__svg a")
    assert [m.get_attribute("tabindex") for m in marks.all()[:3]] == ["0", "-1", "-1"]
    marks.first.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(marks.nth(2)).to_be_focused()
    expect(page.locator(".tl-overview__caption")).to_contain_text(timeline_events[2]["title"])
    page.keyboard.press("Enter")
    target = timeline_events[2]["id"]
    page.wait_for_url(f"**#{target}")
    expect(page.locator(f"h4[id='{target}']")).to_be_in_viewport()
    # where the reader is: the mark of an event at the top of the list
    expect(page.locator(".tl-overview__svg a[aria-current=location]")).to_have_count(1)


def test_situation_filter_dims_marks_and_lives_in_the_url(open_page, timeline_events):
    page = open_page(PAGE).page
    option = page.locator("#tl-situation option").nth(1)
    situation = option.get_attribute("value")
    count = int(option.inner_text().rsplit("(", 1)[1].rstrip(")"))
    page.locator("#tl-situation").select_option(situation)
    expect(page.locator(".tl-filters__status")).to_have_text(
        f"Showing {count} of {len(timeline_events)} events"
    )
    assert f"situation={situation}" in page.url
    shown = page.locator(f".tl-event[data-situations~='{situation}']")
    assert shown.count() == count
    dimmed = page.locator(".tl-overview__svg a.tl-overview__off")
    assert dimmed.count() == len(timeline_events) - count
    page.reload()
    expect(page.locator("#tl-situation")).to_have_value(situation)


def test_headlines_only_and_back_and_find_in_page(open_page):
    page = open_page(PAGE).page
    body = page.locator(".tl-event__body").first
    page.locator("input[name=view]").check()
    assert "view=headlines" in page.url
    expect(body).to_be_hidden()
    assert body.get_attribute("hidden") == "until-found"
    rows = page.evaluate(
        """() => [...document.querySelectorAll('.tl-event')].map(e => {
          const parts = [...e.querySelectorAll(':scope > [hidden]')];
          const button = e.querySelector('.tl-event__toggle').getBoundingClientRect();
          return {row: e.getBoundingClientRect().height, button: [button.width, button.height],
                  hidden: Math.max(0, ...parts.map(p => p.getBoundingClientRect().height))};
        })"""
    )
    # one row each (two where a date range or a long kind wraps), nothing of the hidden
    # parts showing (a border of the evidence's <details> drew a line under each row), and
    # the Details button at least WCAG 2.2's 24 x 24 px target
    assert max(r["row"] for r in rows) <= 40, rows
    assert sorted(r["row"] for r in rows)[len(rows) // 2] <= 26
    assert all(r["hidden"] == 0 for r in rows), [r for r in rows if r["hidden"]]
    assert all(w >= 24 and h >= 24 for r in rows for w, h in [r["button"]])
    height = page.locator(".tl-eras").bounding_box()["height"]
    print(f"headlines only: the list {height:.0f} px, {height / 900:.1f} screens at 1280 x 900")
    toggle = page.locator(".tl-event__toggle").first
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(body).to_be_visible()
    toggle.click()
    expect(body).to_be_hidden()
    # find-in-page: the browser reveals a hidden-until-found part (beforematch)
    second = page.locator(".tl-event__body").nth(3)
    page.evaluate(
        "el => el.dispatchEvent(new Event('beforematch', {bubbles: true}))", second.element_handle()
    )
    expect(second).to_be_visible()
    page.reload()
    expect(page.locator("input[name=view]")).to_be_checked()
    page.locator("input[name=view]").uncheck()
    expect(page.locator(".tl-event__body").first).to_be_visible()
    assert "view=" not in page.url


def test_related_link_goes_to_the_other_event_and_back(open_page):
    page = open_page(PAGE).page
    article = page.locator(".tl-event:has(> h4[id='eo-14022'])")
    link = article.locator("a[href='#eo-13928']")
    link.click()
    page.wait_for_url("**#eo-13928")
    back = page.locator(".tl-event:has(> h4[id='eo-13928']) a[href='#eo-14022']")
    expect(back).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_axe_and_screenshots(open_page, width, scheme):
    page = open_page(PAGE, width=width, scheme=scheme).page
    if scheme == "dark":
        page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    page.locator(".tl-overview").scroll_into_view_if_needed()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(Path(SHOTS / f"overview-{width}-{scheme}.png")))
    page.locator("input[name=view]").check()
    page.locator(".tl-eras").scroll_into_view_if_needed()
    page.screenshot(path=str(Path(SHOTS / f"headlines-{width}-{scheme}.png")))
    audit = run_axe(page)
    assert audit["violations"] == [], describe_violations(audit["violations"])


def test_print_shows_the_overview_whole_and_every_event_in_full(open_page):
    """On paper nothing scrolls: the overview fits the page's width (480 px, narrower than
    the overview at 127 events), and headlines only still prints every event in full."""
    page = open_page(PAGE + "?view=headlines", width=480).page
    page.emulate_media(media="print")
    overview = page.locator(".tl-overview__svg")
    expect(overview).to_be_visible()
    fits = page.evaluate(
        """() => {
          const box = document.querySelector('.tl-overview__scroll');
          const svg = box.querySelector('svg').getBoundingClientRect();
          return {scroll: box.scrollWidth, client: box.clientWidth, svg: svg.width,
                  page: document.querySelector('.md-content').getBoundingClientRect().width};
        }"""
    )
    assert fits["scroll"] <= fits["client"] + 1 and 0 < fits["svg"] <= fits["page"], fits
    bodies = page.locator(".tl-event__body")
    hidden = page.evaluate(
        "els => els.filter(el => !el.checkVisibility() || !el.getBoundingClientRect().height).length",
        bodies.element_handles(),
    )
    assert bodies.count() > 0 and hidden == 0
