"""Citing a timeline event, in headless Chromium: without JavaScript, one citation pattern for
the page (each event's # link gives its address); with it, a Cite button on every event that
opens one dialog with the event's citation, a copy button and a live-region announcement.

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


def article_of(page, event_id: str):
    return page.locator(f".tl-event:has(> h4[id='{event_id}'])")


def expected_citation(page, event: dict) -> str:
    """The citation of `event`: the page's pattern, filled with the event's title, its date
    as the page shows it, and its address (the page's canonical URL and the event's id)."""
    article = article_of(page, event["id"])
    when = " ".join(article.locator(".tl-event__when").inner_text().split())
    pattern = page.locator(".tl-cite__text")
    site = pattern.inner_text().split(". “")[0]
    reviewed = re.search(r" Page reviewed [^.]+\.", pattern.inner_text())
    url = page.evaluate("document.querySelector('link[rel=canonical]').href")
    return (
        f"{site}. “{event['title']}” ({when})."
        + (reviewed[0] if reviewed else "")
        + f" {url}#{event['id']}"
    )


def open_cite(page, event: dict):
    """Click the event's Cite button; the open dialog."""
    article_of(page, event["id"]).get_by_role("button", name=re.compile(r"^Cite")).click()
    dialog = page.locator("dialog.tl-cite-dialog")
    expect(dialog).to_be_visible()
    return dialog


def test_without_javascript_the_page_says_how_to_cite_an_event(open_page, timeline_events):
    page = open_page(PAGE, javascript=False).page
    block = page.locator(".tl-cite")
    expect(block).to_be_visible()
    expect(block.get_by_role("heading", name="Cite an event")).to_be_visible()
    text = block.locator(".tl-cite__text")
    expect(text).to_contain_text("“title of the event” (its date).")
    expect(text).to_contain_text("relationship/#event-id")
    assert text.locator("var").count() == 3  # the slots a reader fills in
    # every event's address is its # link, next to its date
    event = timeline_events[0]
    link = article_of(page, event["id"]).locator("a.tl-event__permalink")
    expect(link).to_have_attribute("href", f"#{event['id']}")
    expect(link).to_have_accessible_name("Link to this event")
    expect(page.locator(".tl-event__cite")).to_have_count(0)  # nothing that would not work
    expect(page.locator("dialog")).to_have_count(0)


def test_with_javascript_every_event_has_a_cite_button(open_page, timeline_events):
    page = open_page(PAGE).page
    expect(page.locator(".tl-event > button.tl-event__cite")).to_have_count(len(timeline_events))
    event = timeline_events[0]
    button = article_of(page, event["id"]).locator("button.tl-event__cite")
    expect(button).to_have_text("Cite")
    expect(button).to_have_accessible_name(f"Cite: {event['title']}")


def test_the_dialog_shows_the_events_citation_and_copies_it(open_page, timeline_events):
    page = open_page(PAGE, permissions=CLIPBOARD).page
    ranged = [e for e in timeline_events if e.get("end_date")]
    for event in [timeline_events[3], *ranged[:1]]:
        dialog = open_cite(page, event)
        expect(dialog).to_have_accessible_name("Cite this event")
        assert dialog.evaluate("d => d.matches(':modal')")
        text = dialog.locator(".tl-cite-dialog__text")
        expect(text).to_have_text(expected_citation(page, event))
        dialog.get_by_role("button", name="Copy citation").click()
        expect(dialog.locator("[role=status][aria-live=polite]")).to_have_text("Citation copied")
        assert page.evaluate("navigator.clipboard.readText()") == text.inner_text()
        expect(dialog.locator(".tl-cite__done")).to_have_text("Copied")
        dialog.get_by_role("button", name="Close").click()
        expect(dialog).to_be_hidden()


def test_cite_works_from_the_keyboard_with_visible_focus(open_page, timeline_events):
    page = open_page(PAGE, permissions=CLIPBOARD).page
    event = timeline_events[1]
    article = article_of(page, event["id"])
    article.locator("a.tl-event__permalink").focus()
    button = article.locator("button.tl-event__cite")
    for _ in range(30):  # Tab past the event's links to its Cite button
        page.keyboard.press("Tab")
        if button.evaluate("el => el === document.activeElement"):
            break
    expect(button).to_be_focused()
    assert button.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.tl-cite-dialog")
    expect(dialog).to_be_visible()
    copy = dialog.get_by_role("button", name="Copy citation")
    expect(copy).to_be_focused()  # the dialog opens on its first action
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")  # keyboard focus, so :focus-visible applies
    expect(copy).to_be_focused()
    assert copy.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    page.keyboard.press("Space")
    expect(dialog.locator("[role=status]")).to_have_text("Citation copied")
    assert page.evaluate("navigator.clipboard.readText()") == expected_citation(page, event)
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(button).to_be_focused()  # back where the reader was


def test_without_the_clipboard_api_the_citation_is_selected(open_page, timeline_events):
    page = open_page(PAGE, javascript=True).page
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.reload()
    dialog = open_cite(page, timeline_events[2])
    dialog.get_by_role("button", name="Copy citation").click()
    text = dialog.locator(".tl-cite-dialog__text").inner_text()
    assert page.evaluate("getSelection().toString()") == text
    # copied the old way (execCommand) where the browser still allows it, else selected
    expect(dialog.locator("[role=status]")).to_have_text(
        re.compile(r"^Citation (copied|selected: press (Control|Command)\+C to copy it)$")
    )
