"""The timeline page in headless Chromium: complete without JavaScript, filters that work by
mouse and keyboard and live in the URL, deep links, print.

Every test also fails on a console error or a request to another host (see `open_page`).
The page's layout at both widths, its axe audit (with filters and a deep link) and its
keyboard focus are tested with every other page: test_every_page.py, test_keyboard.py and
test_no_javascript.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGE = "relationship/"


def fold(text: str) -> str:
    """What timeline.js compares: lower case, without diacritics (as its fold())."""
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    letters = {"đ": "d", "ð": "d", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"}
    return text.translate(str.maketrans(letters))


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def article_of(page, event_id: str):
    """The article of one event, found by its heading's id."""
    return page.locator(f".tl-event:has(> h4[id='{event_id}'])")


def shown_events(page) -> list[str]:
    """Ids of the events a reader can see."""
    return page.eval_on_selector_all(
        ".tl-event",
        "els => els.filter(e => e.checkVisibility()).map(e => e.querySelector('h4').id)",
    )


def expect_status(page, shown: int, total: int):
    expect(page.locator(".tl-filters__status")).to_have_text(f"Showing {shown} of {total} events")


def two_kinds(events) -> list[str]:
    """The two kinds with the most events (a filter that keeps some and hides some)."""
    return [kind for kind, _ in Counter(e["kind"] for e in events).most_common(2)]


# ---- Without JavaScript -----------------------------------------------------------------


def test_without_javascript_every_event_is_visible_and_controls_hidden(open_page, timeline_events):
    page = open_page(PAGE, javascript=False).page
    for event in timeline_events:
        heading = page.locator(f"h4[id='{event['id']}']")
        expect(heading).to_be_visible()
        expect(heading).to_have_text(event["title"])
        article = article_of(page, event["id"])
        expect(article.locator("time").first).to_be_visible()
        expect(article.locator(".tl-event__sources a").first).to_be_visible()
    assert page.locator(".tl-event").count() == len(timeline_events)
    expect(page.locator(".tl-filters")).to_be_hidden()


# ---- Filters, the count and the URL -----------------------------------------------------


def test_kind_filter_counts_and_lives_in_the_url(open_page, timeline_events):
    total = len(timeline_events)
    kinds = two_kinds(timeline_events)
    expected = sorted(e["id"] for e in timeline_events if e["kind"] in kinds)
    page = open_page(PAGE).page
    expect_status(page, total, total)
    for kind in kinds:
        page.locator(f"#tl-kind-{kind}").check()
    expect_status(page, len(expected), total)
    assert sorted(shown_events(page)) == expected
    assert sorted(query(page)["kind"][0].split(",")) == sorted(kinds)
    assert re.search(r"[?&]kind=[a-z-]+,[a-z-]+", page.url), "commas in the URL are not escaped"

    page.reload()
    expect_status(page, len(expected), total)
    for kind in kinds:
        expect(page.locator(f"#tl-kind-{kind}")).to_be_checked()
    assert sorted(shown_events(page)) == expected


def test_administration_filter_hides_other_eras(open_page, timeline_events):
    total = len(timeline_events)
    page = open_page(PAGE).page
    era = page.locator("#tl-era option").nth(2).get_attribute("value")
    expected = page.eval_on_selector_all(
        f".tl-era[data-era='{era}'] .tl-event", "els => els.map(e => e.querySelector('h4').id)"
    )
    page.locator("#tl-era").select_option(era)
    expect_status(page, len(expected), total)
    assert shown_events(page) == expected
    assert query(page)["era"] == [era]
    # Eras left without events are hidden, headings and all
    assert page.eval_on_selector_all(
        ".tl-era", "els => els.filter(e => e.checkVisibility()).map(e => e.dataset.era)"
    ) == [era]

    page.goto(page.url)
    expect(page.locator("#tl-era")).to_have_value(era)
    assert shown_events(page) == expected


def test_text_filter_ignores_case_and_diacritics(open_page, timeline_events):
    total = len(timeline_events)
    page = open_page(PAGE).page
    texts = page.eval_on_selector_all(
        ".tl-event",
        """els => els.map(e => { const c = e.cloneNode(true);
            c.querySelectorAll('.tl-visually-hidden').forEach(h => h.remove());
            return [e.querySelector('h4').id,
              ['.tl-event__title', '.tl-event__body', '.tl-event__sources']
                .map(s => (c.querySelector(s) || {}).textContent || '').join(' ')]; })""",
    )
    # A word with diacritics if the data has one, else a long word of the first title
    words = re.findall(r"\w{5,}", " ".join(text for _, text in texts))
    accented = [w for w in words if fold(w) != w.lower()]
    word = fold(accented[0]) if accented else max(timeline_events[0]["title"].split(), key=len)
    typed = word.upper()
    expected = [id_ for id_, text in texts if fold(word) in fold(text)]
    assert len(expected) > 0

    page.locator("#tl-text").fill(typed)
    expect_status(page, len(expected), total)
    assert shown_events(page) == expected
    assert query(page)["text"] == [typed]

    page.reload()
    expect(page.locator("#tl-text")).to_have_value(typed)
    assert shown_events(page) == expected


def test_filters_combine_and_clear(open_page, timeline_events):
    total = len(timeline_events)
    kind = two_kinds(timeline_events)[0]
    page = open_page(PAGE + f"?kind={kind}&text=zzzz-no-such-word").page
    expect_status(page, 0, total)
    assert shown_events(page) == []
    page.locator(".tl-filters__clear").click()
    expect_status(page, total, total)
    assert len(shown_events(page)) == total
    assert urlsplit(page.url).query == ""
    expect(page.locator(f"#tl-kind-{kind}")).not_to_be_checked()


# ---- Keyboard ---------------------------------------------------------------------------


def focused(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement, s = getComputedStyle(e);
        return {id: e.id, cls: e.className, tag: e.tagName,
                outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0}; }"""
    )


def tab_to(page, predicate, limit=150):
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if predicate(now):
            assert now["outline"], f"no visible focus on {now}"
            return now
    pytest.fail("could not reach the control with Tab")


def test_keyboard_alone_operates_every_control(open_page, timeline_events):
    total = len(timeline_events)
    page = open_page(PAGE).page

    tab_to(page, lambda f: f["id"] == "tl-text")
    word = max(timeline_events[0]["title"].split(), key=len)
    page.keyboard.type(word)
    expect(page.locator(".tl-filters__status")).not_to_have_text(
        f"Showing {total} of {total} events"
    )
    assert query(page)["text"] == [word]
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    expect_status(page, total, total)

    tab_to(page, lambda f: f["id"] == "tl-era")
    page.keyboard.press("ArrowDown")
    assert "era" in query(page)
    expect(page.locator(".tl-filters__status")).not_to_have_text(
        f"Showing {total} of {total} events"
    )

    checkbox = tab_to(page, lambda f: f["id"].startswith("tl-kind-"))
    page.keyboard.press("Space")
    expect(page.locator("#" + checkbox["id"])).to_be_checked()
    assert query(page)["kind"] == [checkbox["id"].removeprefix("tl-kind-")]

    tab_to(page, lambda f: "tl-filters__clear" in f["cls"])
    page.keyboard.press("Enter")
    expect_status(page, total, total)
    assert urlsplit(page.url).query == ""


# ---- Deep links -------------------------------------------------------------------------


def in_view(page, id_: str) -> bool:
    """The event's heading is on screen and not under Material's fixed header."""
    return page.evaluate(
        """id => { const r = document.getElementById(id).getBoundingClientRect();
        const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
        return r.top >= header && r.bottom <= innerHeight; }""",
        id_,
    )


def test_deep_link_clears_hiding_filters_highlights_and_scrolls(open_page, timeline_events):
    event = timeline_events[len(timeline_events) // 2]
    other = next(k for k in [*two_kinds(timeline_events), "treaty", "court"] if k != event["kind"])
    page = open_page(PAGE + f"?kind={other}#{event['id']}").page
    article = article_of(page, event["id"])
    expect(article).to_have_class(re.compile(r"\btl-event--highlight\b"))
    expect(article).to_be_visible()
    assert "kind" not in query(page)
    page.wait_for_function(
        """id => { const r = document.getElementById(id).getBoundingClientRect();
        return r.top >= 0 && r.top < innerHeight; }""",
        arg=event["id"],
    )
    assert in_view(page, event["id"])

    # Following another event's permalink moves the highlight
    last = timeline_events[-1]["id"]
    page.locator(f"a.tl-event__permalink[href='#{last}']").click()
    expect(article_of(page, last)).to_have_class(re.compile(r"\btl-event--highlight\b"))
    expect(article).not_to_have_class(re.compile(r"\btl-event--highlight\b"))
    assert page.locator(".tl-event--highlight").count() == 1


# ---- Print -----------------------------------------------------------------------


def pdf_text(path: Path) -> str:
    """The text of every page of a PDF."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_print_contains_every_event_even_when_filtered(open_page, timeline_events, tmp_path):
    kind = two_kinds(timeline_events)[0]
    page = open_page(PAGE + f"?kind={kind}").page
    expect(page.locator(".tl-filters")).to_be_visible()
    pdf = tmp_path / "timeline.pdf"
    page.pdf(path=str(pdf), format="A4")

    def squash(text):
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))

    text = squash(pdf_text(pdf))
    missing = [e["title"] for e in timeline_events if squash(e["title"]) not in text]
    assert not missing, f"{len(missing)} event titles missing from the PDF, e.g. {missing[:3]}"
    assert "Clearfilters" not in text, "the filter controls are printed"
