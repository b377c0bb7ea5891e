"""The timeline page in headless Chromium: complete without JavaScript, filters that work by
mouse and keyboard and live in the URL, deep links, phones, print, accessibility.

Every test also fails on a console error or a request to another host (see `open_page`).
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
OVERRIDES = Path(__file__).resolve().parents[2] / "overrides"


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
    page = open_page(PAGE, javascript=False)
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
    page = open_page(PAGE)
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
    page = open_page(PAGE)
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
    page = open_page(PAGE)
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
    page = open_page(PAGE + f"?kind={kind}&text=zzzz-no-such-word")
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
    page = open_page(PAGE)
    page.keyboard.press("Tab")
    assert "md-skip" in focused(page)["cls"], "the skip link is not the first Tab stop"

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
    page = open_page(PAGE + f"?kind={other}#{event['id']}")
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


# ---- Phone, print -----------------------------------------------------------------------


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_no_sideways_scroll_at_390px(open_page, javascript):
    page = open_page(PAGE, width=390, javascript=javascript)
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"page is {widths[0]} px wide in a {widths[1]} px window"


def pdf_text(path: Path) -> str:
    """The text of every page of a PDF."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_print_contains_every_event_even_when_filtered(open_page, timeline_events, tmp_path):
    kind = two_kinds(timeline_events)[0]
    page = open_page(PAGE + f"?kind={kind}")
    expect(page.locator(".tl-filters")).to_be_visible()
    pdf = tmp_path / "timeline.pdf"
    page.pdf(path=str(pdf), format="A4")

    def squash(text):
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))

    text = squash(pdf_text(pdf))
    missing = [e["title"] for e in timeline_events if squash(e["title"]) not in text]
    assert not missing, f"{len(missing)} event titles missing from the PDF, e.g. {missing[:3]}"
    assert "Clearfilters" not in text, "the filter controls are printed"


# ---- Accessibility ----------------------------------------------------------------------

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("state", ["plain", "filtered", "deep-linked"])
def test_axe_finds_no_wcag_violations(open_page, timeline_events, scheme, width, state):
    from axe_playwright_python.sync_playwright import Axe

    suffix = {
        "plain": "",
        "filtered": f"?kind={two_kinds(timeline_events)[0]}&text=a",
        "deep-linked": "#" + timeline_events[1]["id"],
    }[state]
    page = open_page(PAGE + suffix, width=width, scheme=scheme, reduced_motion="reduce")
    page.wait_for_timeout(400)  # let the status settle
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    violations = [
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
    ]
    assert not violations, "\n".join(violations)


# ---- Template plumbing ------------------------------------------------------------------


def test_stylesheets_are_inlined_whole(site_dir):
    """main.html inlines the CSS through Jinja, minified (hooks/minify.py); a stray "{#"
    in a stylesheet would silently eat some of it."""
    import rcssmin

    html = (site_dir / PAGE / "index.html").read_text(encoding="utf-8")
    package = OVERRIDES.parent / "mkdocs_timeline" / "templates"  # the timeline's own, package data
    for name in ("site.css", "a11y.css", "page-facts.css", "timeline.css"):
        folder = package if name == "timeline.css" else OVERRIDES
        css = (folder / "assets" / "stylesheets" / name).read_text(encoding="utf-8")
        assert rcssmin.cssmin(css).strip() in html, (
            f"{name} is not inlined whole in the timeline page"
        )
