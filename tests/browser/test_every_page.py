"""Every page, at 1280 and 390 px (the desktop and the phone layout), in the light and the
dark palette, in headless Chromium: it works and axe finds no WCAG 2.0/2.1 A or AA violation.

Each (page, width, palette) is loaded once (`visit`): the tests assert on parts of that one
visit. The harness fails a visit on a console error, an uncaught exception, a dialog or a
request to another host. Its axe results go to reports/axe.json and a screenshot of the
page (its first 8000 px) to reports/screenshots/ (for reviewers; CI keeps reports/ as an
artifact).

axe runs once per page, layout and palette, the timeline page included: that page is
audited in the state that shows every part at once, from a shared link that checks every
kind filter (all events stay visible, with the checked boxes, the count and the Clear
button) and points at an event (its highlight). Without JavaScript, each page is audited
once per layout in test_no_javascript.py.

In the light palette's visit, at both widths, every link of the content to another host
carries rel="noopener" and is marked as external for every reader: a mark to see (CSS
::after) and words to hear (its accessible name, as Chromium computes it for screen readers,
says "external link"). Material's edit/view icon buttons and the ¶ permalinks are theme
chrome, not content.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import pytest
from harness import REPORTS, Watch, describe_violations, open_in, page_id, run_axe

pytestmark = pytest.mark.browser

WIDTHS = [1280, 390]
SCHEMES = ["light", "dark"]
SCREENSHOTS = REPORTS / "screenshots"
SHOT_MAX = 8000  # px: the top of the longest pages (the timeline page is some 40 000 px)
TIMELINE_PAGE = "relationship/"

matrix = pytest.mark.parametrize(
    "width, scheme", [(w, s) for w in WIDTHS for s in SCHEMES], ids=lambda v: str(v)
)


@dataclass
class Visit:
    address: str
    status: int
    watch: Watch
    violations: list[dict]
    widths: tuple[int, int]  # the page's scroll width and the window's width
    palette: str  # Material's scheme on <body>: "default" (light) or "slate" (dark)
    external: list[dict]  # the content's links to other hosts (light palette only)


# Marks each link of the content to another host (data-external-under-test) and says what
# it carries: its rel, its ::after mark.
EXTERNAL_LINKS = """() => [...document.querySelectorAll('article.md-content__inner a[href]')]
  .filter(a => !a.matches('.md-content__button, .headerlink'))
  .filter(a => /^https?:$/.test(a.protocol) && a.host !== location.host)
  .map(a => (a.setAttribute('data-external-under-test', ''), {
    href: a.getAttribute('href'),
    text: a.textContent.trim().slice(0, 50),
    rel: [...a.relList],
    mark: getComputedStyle(a, '::after').content,
  }))"""


def external_links(page) -> list[dict]:
    """EXTERNAL_LINKS, each with the accessible name Chromium gives it (what a screen reader
    announces). Three calls to the browser whatever the number of links: the snapshot of the
    DOM finds the marked links' nodes, one query of the accessibility tree names every link."""
    links = page.evaluate(EXTERNAL_LINKS)
    if not links:
        return links
    cdp = page.context.new_cdp_session(page)
    try:
        snapshot = cdp.send("DOMSnapshot.captureSnapshot", {"computedStyles": []})
        strings, nodes = snapshot["strings"], snapshot["documents"][0]["nodes"]
        marked = [
            backend
            for backend, attributes in zip(nodes["backendNodeId"], nodes["attributes"], strict=True)
            if any(strings[i] == "data-external-under-test" for i in attributes[::2])
        ]
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["backendNodeId"]
        tree = cdp.send("Accessibility.queryAXTree", {"backendNodeId": root, "role": "link"})
        names = {
            n["backendDOMNodeId"]: n.get("name", {}).get("value", "")
            for n in tree["nodes"]
            if not n.get("ignored") and "backendDOMNodeId" in n
        }
    finally:
        cdp.detach()
    assert len(marked) == len(links), (len(marked), len(links))
    return [{**link, "name": names.get(node)} for link, node in zip(links, marked, strict=True)]


def settle(page, quiet_ms: int = 300, limit_ms: int = 3000) -> None:
    """Wait until the page has made no request for `quiet_ms`, at most `limit_ms`."""
    pending = set()
    last = [time.monotonic()]

    def start(request):
        pending.add(request)
        last[0] = time.monotonic()

    def end(request):
        pending.discard(request)
        last[0] = time.monotonic()

    page.context.on("request", start)
    page.context.on("requestfinished", end)
    page.context.on("requestfailed", end)
    deadline = time.monotonic() + limit_ms / 1000
    while time.monotonic() < deadline:
        page.wait_for_timeout(50)
        if not pending and time.monotonic() - last[0] >= quiet_ms / 1000:
            break


def address(path: str, events: list[dict]) -> str:
    """The address a page is audited at: the timeline page with every part shown."""
    if path != TIMELINE_PAGE:
        return path
    kinds = ",".join(sorted({event["kind"] for event in events}))
    return f"{path}?kind={kinds}#{events[1]['id']}"


@pytest.fixture(scope="module")
def visit(browser, served_site, axe_report, timeline_events):
    """visit(path, width, scheme) -> Visit: one load, audit and screenshot, cached."""
    cache: dict[tuple, Visit] = {}

    def visit_(path: str, width: int, scheme: str) -> Visit:
        key = (path, width, scheme)
        if key not in cache:
            shown = address(path, timeline_events)
            opened = open_in(browser, served_site, shown, width=width, scheme=scheme)
            try:
                page = opened.page
                settle(page)
                response = run_axe(page)
                axe_report.add(shown, width, scheme, True, response)
                widths = tuple(
                    page.evaluate(
                        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
                    )
                )
                palette = page.evaluate("document.body.dataset.mdColorScheme || ''")
                external = external_links(page) if scheme == "light" else []
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                shot = SCREENSHOTS / f"{page_id(path).replace('/', '_')}-{width}-{scheme}.png"
                height = min(page.evaluate("document.documentElement.scrollHeight"), SHOT_MAX)
                page.screenshot(
                    path=str(shot),
                    full_page=True,
                    clip={"x": 0, "y": 0, "width": width, "height": height},
                )
                cache[key] = Visit(
                    shown,
                    opened.status,
                    opened.watch,
                    response.get("violations", []),
                    widths,
                    palette,
                    external,
                )
            finally:
                opened.context.close()
        return cache[key]

    return visit_


@matrix
def test_page_works_in_the_palette_asked_for_without_sideways_scroll(
    visit, site_page, width, scheme
):
    v = visit(site_page, width, scheme)
    assert v.status == 200, f"{v.address}: HTTP {v.status}"
    problems = v.watch.problems()
    assert not problems, f"{v.address}:\n" + "\n".join(problems)
    # The reader's preferred palette is applied (else the dark audit would audit light).
    assert v.palette == {"light": "default", "dark": "slate"}[scheme], v.palette
    scroll, window = v.widths
    assert scroll <= window, f"{v.address} is {scroll} px wide in a {window} px window"


@matrix
def test_axe_finds_no_wcag_a_or_aa_violation(visit, site_page, width, scheme):
    v = visit(site_page, width, scheme)
    assert not v.violations, f"{v.address} at {width} px, {scheme}:\n" + describe_violations(
        v.violations
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_external_links_carry_noopener_and_are_marked(visit, site_page, width):
    v = visit(site_page, width, "light")
    links = v.external
    if not links:
        pytest.skip(f"{page_id(site_page)} links to no other host")
    name = page_id(site_page)

    no_rel = [link for link in links if "noopener" not in link["rel"]]
    assert not no_rel, f"{name}: {len(no_rel)} links without rel=noopener: {no_rel[:3]}"

    unmarked = [link for link in links if link["mark"] in ("none", "normal", '""', "")]
    assert not unmarked, (
        f"{name}: {len(unmarked)} external links without a visible mark: {unmarked[:3]}"
    )

    unspoken = [
        (link["href"], link["name"])
        for link in links
        if "external link" not in (link["name"] or "").lower()
    ]
    assert not unspoken, (
        f"{name}: {len(unspoken)} external links whose accessible name does not say so, "
        f"e.g. {unspoken[:3]}"
    )
