"""The Cite control of every timeline event, in headless Chromium: a <details> that works
without JavaScript, and a copy button (with a live-region announcement) with it.

Uses the browser fixtures of tests/conftest.py (the real site, served locally;
every test fails on a console error or a request to another host).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGE = "relationship/"
CLIPBOARD = ["clipboard-read", "clipboard-write"]


def cite_of(page, event_id: str):
    return page.locator(f"article[aria-labelledby='{event_id}'] details.tl-cite")


def test_without_javascript_cite_opens_and_shows_the_citation(open_page, timeline_events):
    page = open_page(PAGE, javascript=False).page
    event = timeline_events[0]
    cite = cite_of(page, event["id"])
    text = cite.locator("p")
    expect(text).to_be_hidden()
    cite.locator("summary").click()
    expect(cite).to_have_attribute("open", "")
    expect(text).to_be_visible()
    expect(text).to_contain_text(f"“{event['title']}”")
    expect(text).to_contain_text(f"relationship/#{event['id']}")
    expect(cite.locator("button")).to_have_count(0)  # nothing that would not work
    # the citation is plain text a reader can select and copy
    selected = page.evaluate(
        """el => { const r = document.createRange(); r.selectNodeContents(el);
        const s = getSelection(); s.removeAllRanges(); s.addRange(r); return s.toString(); }""",
        text.element_handle(),
    )
    assert selected == text.inner_text()


def test_with_javascript_the_button_copies_and_is_announced(open_page, timeline_events):
    page = open_page(PAGE, permissions=CLIPBOARD).page
    event = timeline_events[3]
    cite = cite_of(page, event["id"])
    button = cite.get_by_role("button", name="Copy citation")
    expect(button).to_be_hidden()  # inside the closed details
    cite.locator("summary").click()
    expect(button).to_be_visible()
    expect(button).to_have_attribute("type", "button")
    button.click()
    live = page.locator(".tl > [role=status][aria-live=polite]")
    expect(live).to_have_text("Citation copied")
    citation = cite.locator("p").inner_text()
    assert page.evaluate("navigator.clipboard.readText()") == citation
    assert citation.endswith(f"relationship/#{event['id']}")
    expect(cite.locator(".tl-cite__done")).to_have_text("Copied")


def test_cite_works_from_the_keyboard_with_visible_focus(open_page, timeline_events):
    page = open_page(PAGE, permissions=CLIPBOARD).page
    event = timeline_events[1]
    cite = cite_of(page, event["id"])
    summary = cite.locator("summary")
    summary.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")  # keyboard focus, so :focus-visible applies
    expect(summary).to_be_focused()
    assert summary.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    expect(cite).to_have_attribute("open", "")
    page.keyboard.press("Tab")
    button = cite.locator("button.tl-cite__copy")
    expect(button).to_be_focused()
    assert button.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    page.keyboard.press("Space")
    expect(page.locator(".tl > [role=status][aria-live=polite]")).to_have_text("Citation copied")
    assert page.evaluate("navigator.clipboard.readText()") == cite.locator("p").inner_text()


def test_without_the_clipboard_api_the_citation_is_selected(open_page, timeline_events):
    page = open_page(PAGE, javascript=True).page
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.reload()
    event = timeline_events[2]
    cite = cite_of(page, event["id"])
    cite.locator("summary").click()
    cite.locator("button.tl-cite__copy").click()
    text = cite.locator("p").inner_text()
    assert page.evaluate("getSelection().toString()") == text
    # copied the old way (execCommand) where the browser still allows it, else selected
    expect(page.locator(".tl > [role=status][aria-live=polite]")).to_have_text(
        re.compile(r"^Citation (copied|selected: press (Control|Command)\+C to copy it)$")
    )
