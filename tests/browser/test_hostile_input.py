"""Hostile input in data/timeline.yml and in front matter cannot run script in a reader's browser.

Payloads are planted in temporary copies of the site (never the working tree), which are
built for real with MkDocs, in strict mode, as CI builds them:

- Accepted as text (one build): titles, bodies, source titles, image alt text, captions,
  credits, an era label, the timeline's title, a related-events list and a page's front
  matter `title` hold `<script>`, `<img onerror>`, `"><svg onload>`, attribute breakouts
  and character references, and source URLs hold breakouts without spaces. In Chromium
  nothing may run (no dialog, no `PWNED` in the console, no `window.__pwned`, no console
  error), no `on…` attribute, script or stray element may appear, no link may lead to a
  `javascript:` or `data:` URL, and every payload must show as the text the editor wrote
  -- also after hovering, focusing and clicking every link of the planted events, filtering
  the timeline (typed, and from a hostile URL query and fragment) and using the site search.
- Rejected (one build for the timeline, one for front matter): `javascript:`/`data:` URLs,
  ids and kinds with quotes or angle brackets, raw HTML in bodies, front matter with `<`,
  `"` in attributes, character references, a foreign template, `!!binary` and broken YAML.
  The build must fail and name each planted value as `path:line:column: message`: nothing
  is dropped in silence.

Every payload calls `alert()`, logs `PWNED-…` or sets `window.__pwned`, so any execution
is seen. The front matter rules are those of hooks/front_matter.py (unit tests in
tests/site/test_front_matter.py); the timeline's in mkdocs_timeline (tests/package/).
"""

from __future__ import annotations

import json
import re
import zlib
from pathlib import Path
from struct import pack
from urllib.parse import quote, urlencode

import pytest
from harness import Server, Watch, build, copy_site, open_in

pytestmark = pytest.mark.browser

MARK = "PWNED"

# ---- Payloads -------------------------------------------------------------------------

# Text an editor may write anywhere plain text goes: each would run script if it were
# printed as HTML, or inside an attribute, without escaping.
TEXT_PAYLOADS = {
    "script": "<script>alert('PWNED-script')</script>",
    "img": "<img src=x onerror=alert('PWNED-img')>",
    "svg": "\"><svg onload=console.log('PWNED-svg')>",
    "single-quote": "' onmouseover='window.__pwned=1' x='",
    "double-quote": '" onfocus="window.__pwned=1" autofocus x="',
    "javascript-link": '<a href="javascript:window.__pwned=1">click me</a>',
    "entity": "&lt;img src=x onerror=alert('PWNED-entity')&gt;",
}

# Web addresses without spaces are valid sources: the breakout must stay inside href="…".
URL_PAYLOADS = {
    "url-tag": "https://example.org/?q=\"><svg/onload=alert('PWNED-url')>",
    "url-single-quote": "https://example.org/#'onmouseover='window.__pwned=1'",
    "url-double-quote": 'https://example.org/"onfocus="window.__pwned=1"autofocus="',
}

# Where the accepted payloads of the timeline file's own texts go.
TIMELINE_TITLE = TEXT_PAYLOADS["svg"]
ERA_ID, ERA_LABEL = "george-w-bush", TEXT_PAYLOADS["img"]
RELATED = ("hostile-script", "accept-information-and-evidence-from-icc")

# Front matter an editor may write, quotes and all: accepted, and shown as written.
FRONT_MATTER_PAGE = "about.md"
FRONT_MATTER_TITLE = "The \"Hague Invasion Act\" ' onmouseover='window.__pwned=1' & co"
FRONT_MATTER_DESCRIPTION = "On the 'Hague Invasion Act' & its critics"

# Rejected in data/timeline.yml: (case, field of an otherwise valid event, value, message).
TIMELINE_REJECTED = [
    ("url-javascript", "url", "javascript:alert('PWNED')", "is not a web address"),
    ("url-javascript-mixed-case", "url", "JaVaScRiPt:alert(1)", "is not a web address"),
    ("url-javascript-tab", "url", "java\tscript:alert(1)", "is not a web address"),
    ("url-data", "url", "data:text/html,<script>alert(1)</script>", "is not a web address"),
    (
        "url-breakout-spaces",
        "url",
        'https://example.org/" onmouseover="alert(1)',
        "is not a web address",
    ),
    ("url-protocol-relative", "url", "//evil.example/x.js", "is not a web address"),
    ("id-breakout", "id", "x\"><svg onload=alert('PWNED')>", "is not URL-safe"),
    ("id-single-quote", "id", "a' onmouseover='alert(1)", "is not URL-safe"),
    ("kind-breakout", "kind", 'report" onmouseover="alert(1)', "unknown kind"),
    ("date-breakout", "date", '2004"><svg onload=alert(1)>', "date"),
    ("media-src-javascript", "src", "javascript:alert(1)", "is not a file under docs/"),
    (
        "media-src-data",
        "src",
        "data:image/svg+xml,<svg onload=alert(1)>",
        "is not a file under docs/",
    ),
    ("body-script", "body", "<script>alert('PWNED')</script>", "body contains HTML"),
    ("body-img", "body", "See <img src=x onerror=alert(1)> here.", "body contains HTML"),
    ("body-svg-breakout", "body", '"><svg onload=alert(1)>', "body contains HTML"),
    ("body-autolink-javascript", "body", "<javascript:alert(1)>", "body contains HTML"),
    ("body-link-javascript", "body", "[x](javascript:alert(1))", "is not allowed in body"),
    ("body-link-data", "body", "[x](data:text/html;base64,PHNjcmlwdD4=)", "is not allowed in body"),
    (
        "recommendation-breakout",
        "recommendations",
        '"><svg onload=alert(1)>',
        "unknown recommendation",
    ),
]

# Rejected front matter: (page, front matter lines, where the problem is, message).
FRONT_MATTER_REJECTED = [
    ("about.md", ["title: '\"><svg onload=alert(1)>'"], "><svg", "'title' contains '<' and '>'"),
    (
        "index.md",
        ["title: Home", 'description: x" onmouseover="alert(1)'],
        '" onm',
        "'description' contains '\"'",
    ),
    (
        "task-force-recommendations.md",
        ["author: <script>alert(1)</script>"],
        "<script",
        "'author' contains",
    ),
    (
        "us-policy-toward-the-icc.md",
        ['title: "&lt;img src=x onerror=alert(1)&gt;"'],
        "&lt;",
        "character references '&lt;' and '&gt;'",
    ),
    (
        "office-of-global-criminal-justice.md",
        ["title: Office", "template: redirect.html", "location: javascript:alert(1)"],
        "redirect.html",
        "is not a page template of this site",
    ),
    (
        "editors/timeline-data.md",
        ["title: !!binary PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="],
        "!!binary",
        "'title' contains '<' and '>'",
    ),
    ("us-and-icc-review.md", ["title: The US: a review"], ": a review", "is not valid YAML"),
]


# ---- Planting -------------------------------------------------------------------------


def tiny_png() -> bytes:
    """A valid 1×1 PNG, so that no planted image fails to load."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return pack(">I", len(data)) + kind + data + pack(">I", zlib.crc32(kind + data))

    header = pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


def q(value: str) -> str:
    """A YAML double-quoted scalar holding exactly `value` (JSON strings are YAML)."""
    return json.dumps(value, ensure_ascii=False)


def event_yaml(event: dict) -> list[str]:
    """An event as lines of data/timeline.yml; every scalar double-quoted."""
    lines = [f"  - id: {q(event['id'])}"]
    for key in ("date", "title", "kind", "body"):
        lines.append(f"    {key}: {q(event[key])}")
    lines.append("    sources:")
    for source in event["sources"]:
        lines += [f"      - title: {q(source['title'])}", f"        url: {q(source['url'])}"]
        lines += [
            f"        publisher: {q(source.get('publisher', 'Example Publisher'))}",
            f"        type: {q(source.get('type', 'secondary'))}",
        ]
    # the site requires evidence for every date: the event's own title and date, quoted from
    # its first source, so that a hostile title is also a hostile excerpt
    evidence = event.get("evidence") or {
        "source": event["sources"][0]["url"],
        "excerpt": f"{event['title']} ({event['date']})",
    }
    lines += [
        "    evidence:",
        f"      source: {q(evidence['source'])}",
        f"      excerpt: {q(evidence['excerpt'])}",
    ]
    if "media" in event:
        lines.append("    media:")
        lines += [f"      {key}: {q(value)}" for key, value in event["media"].items()]
    if "recommendations" in event:
        lines.append("    recommendations:")
        lines += [f"      - {q(value)}" for value in event["recommendations"]]
    return lines


def append_events(data_file: Path, events: list[dict]) -> dict[str, tuple[int, list[str]]]:
    """Add events at the end of the file's `events:` list (before any top-level key that
    follows it, such as `withdrawn:`); return each event's first line number and its lines."""
    lines = data_file.read_text(encoding="utf-8").rstrip("\n").split("\n")
    start = lines.index("events:")
    end = next(
        (i for i in range(start + 1, len(lines)) if re.match(r"[A-Za-z_]", lines[i])), len(lines)
    )
    # before the blank lines and comments that lead into the next key
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    placed = {}
    added: list[str] = []
    for event in events:
        event_lines = event_yaml(event)
        placed[event["id"]] = (end + len(added) + 1, event_lines)
        added += event_lines
    lines[end:end] = added
    data_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return placed


def set_front_matter(page: Path, lines: list[str]) -> None:
    """Put `lines` first in the page's `---` front matter, replacing the keys they set and
    keeping the others (`reviewed:`, …) after them."""
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{page} has no front matter"
    end = text.index("\n---\n", 3)
    blocks: list[list[str]] = []  # a top-level key with its indented continuation lines
    for line in text[4:end].split("\n"):
        if blocks and line[:1] in (" ", "\t", ""):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    keys = {line.split(":")[0] for line in lines}
    kept = [line for block in blocks if block[0].split(":")[0] not in keys for line in block]
    page.write_text("---\n" + "\n".join(lines + kept) + text[end:], encoding="utf-8")


def position(path: Path, needle: str, start_line: int = 1) -> tuple[int, int]:
    """1-based (line, column) of the first `needle` in `path` from `start_line` on."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for number, line in enumerate(lines[start_line - 1 :], start_line):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in {path}")


def valid_event(event_id: str, date: str, **changes) -> dict:
    event = {
        "id": event_id,
        "date": date,
        "title": "Planted event",
        "kind": "report",
        "body": "Planted.",
        "sources": [{"title": "Planted source", "url": "https://example.org/"}],
    }
    return {**event, **changes}


def build_copy(root: Path, *, expect_ok: bool):
    """A strict build of the copy in `root`, as CI runs it."""
    return build(root / "mkdocs.yml", root / "site", expect_ok=expect_ok)


# ---- The accepted payloads, in a browser -------------------------------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The site with every accepted payload planted, built strict; returns its folder."""
    root = copy_site(tmp_path_factory.mktemp("hostile"))
    (root / "docs" / "images").mkdir(exist_ok=True)
    (root / "docs" / "images" / "hostile.png").write_bytes(tiny_png())
    events = []
    for day, (name, payload) in enumerate(TEXT_PAYLOADS.items(), 1):
        events.append(
            valid_event(
                f"hostile-{name}",
                f"2003-03-{day:02}",
                title=payload,
                body=f"Written in code: `{payload}`.",
                sources=[{"title": payload, "url": f"https://example.org/{name}"}],
                media={
                    "src": "images/hostile.png",
                    "alt": payload,
                    "caption": payload,
                    "credit": payload,
                },
            )
        )
    for day, (name, url) in enumerate(URL_PAYLOADS.items(), 1):
        events.append(
            valid_event(
                f"hostile-{name}", f"2003-04-{day:02}", sources=[{"title": name, "url": url}]
            )
        )
    events[0]["recommendations"] = [RELATED[1]]
    assert events[0]["id"] == RELATED[0]
    data = root / "data" / "timeline.yml"
    append_events(data, events)
    text = data.read_text(encoding="utf-8")
    text, titles = re.subn(
        r"^title: .*$", lambda _: f"title: {q(TIMELINE_TITLE)}", text, count=1, flags=re.M
    )
    text, labels = re.subn(
        rf"^(  - id: {ERA_ID}\n    label: ).*$",
        lambda m: m[1] + q(ERA_LABEL),
        text,
        count=1,
        flags=re.M,
    )
    assert titles == labels == 1, "the timeline's title or the era's label was not found"
    data.write_text(text, encoding="utf-8")
    page = root / "docs" / FRONT_MATTER_PAGE
    set_front_matter(
        page, [f"title: {q(FRONT_MATTER_TITLE)}", f"description: {q(FRONT_MATTER_DESCRIPTION)}"]
    )
    # Without its `# heading`, the front matter title is the title of the page's first
    # section in the search index, where Material puts it without escaping.
    text, headings = re.subn(r"^# .*\n", "", page.read_text(encoding="utf-8"), count=1, flags=re.M)
    assert headings == 1, f"no '# heading' in {page}"
    page.write_text(text, encoding="utf-8")
    return build_copy(root, expect_ok=True).site_dir


@pytest.fixture(scope="module")
def hostile_server(hostile_site):
    """The planted site, served on 127.0.0.1."""
    with Server(hostile_site) as server:
        yield server


@pytest.fixture
def visit(open_page, hostile_server):
    """visit(path) -> a page of the planted site; `visit.watches` record what happened."""
    watches: list[Watch] = []

    def open_(path: str):
        opened = open_page(path, site=hostile_server)
        watches.append(opened.watch)
        return opened.page

    open_.watches = watches
    return open_


@pytest.fixture(scope="module")
def timeline_page(browser, hostile_server):
    """The planted timeline page, opened once for the tests that only read it
    (`timeline_page.watches` record what happened since it was opened)."""
    opened = open_in(browser, hostile_server, "relationship/")
    opened.page.watches = [opened.watch]
    yield opened.page
    opened.context.close()


# What the page must never hold: an `on…` attribute anywhere, a script (other than the
# timeline's JSON-LD data, which must parse), frame or stray element in the content, a link
# or source to a javascript:, data: or vbscript: URL.
INERT = """() => {
  const problems = [];
  const show = el => el.outerHTML.slice(0, 120);
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) problems.push('on* attribute: ' + show(el));
      if (/^(href|src|action|formaction|xlink:href|srcdoc)$/i.test(attr.name)
          && /^\\s*(javascript|data|vbscript):/i.test(attr.value)) {
        problems.push('URL: ' + show(el));
      }
    }
  }
  for (const el of document.querySelectorAll('.md-content script[type="application/ld+json"]')) {
    try { JSON.parse(el.textContent); } catch (e) { problems.push('broken JSON-LD: ' + show(el)); }
  }
  for (const el of document.querySelectorAll(
      '.md-content script:not([type="application/ld+json"]), .md-content iframe, '
      + '.md-content object, .md-content embed, '
      + '.tl svg, .tl img:not(.tl-event__image), .tl a:not([href])')) {
    // the package's own SVG: the overview, and its legend's kind shapes (one <use> each)
    const own = el.matches('.tl-overview svg.tl-overview__svg')
      || (el.closest('.tl-overview') && el.children.length === 1
          && el.firstElementChild.tagName === 'use'
          && /^#tl-k-[a-z0-9-]+$/.test(el.firstElementChild.getAttribute('href')));
    if (!own) problems.push('element: ' + show(el));
  }
  if (window.__pwned !== undefined) problems.push('window.__pwned = ' + window.__pwned);
  return problems;
}"""


def assert_inert(page, watches: list[Watch]) -> None:
    """Nothing ran: no dialog, no marker in the console, no console error, no uncaught
    exception, no request to another host, and nothing in the page that could run."""
    page.wait_for_timeout(300)  # let an onload, autofocus or timer fire, if any
    problems = page.evaluate(INERT)
    for watch in watches:
        problems += watch.problems() + [f"console: {m}" for m in watch.console if MARK in m]
    assert not problems, "\n".join(problems)


def visible_text(page, selector: str) -> str:
    """The text a reader sees in an element (without words for screen readers only)."""
    return page.eval_on_selector(
        selector,
        """el => { const c = el.cloneNode(true);
                   c.querySelectorAll('.tl-visually-hidden').forEach(h => h.remove());
                   return c.textContent; }""",
    )


def event_selector(name: str) -> str:
    """The planted event `hostile-<name>` (its heading has the event's id)."""
    return f".tl-event:has(#hostile-{name})"


@pytest.mark.parametrize("name", list(TEXT_PAYLOADS))
def test_timeline_text_shows_as_written(timeline_page, name):
    """Each field of the event shows the payload, character for character, as text."""
    payload = TEXT_PAYLOADS[name]
    page = timeline_page
    event = event_selector(name)
    assert page.is_visible(f"{event} h4")
    assert visible_text(page, f"{event} h4") == payload
    assert visible_text(page, f"{event} .tl-event__body") == f"Written in code: {payload}."
    assert visible_text(page, f"{event} .tl-event__source") == payload
    assert page.get_attribute(f"{event} img", "alt") == payload
    assert visible_text(page, f"{event} figcaption") == f"{payload} Credit: {payload}"
    assert_inert(page, page.watches)


@pytest.mark.parametrize("name", list(URL_PAYLOADS))
def test_source_urls_stay_inside_their_attribute(timeline_page, name):
    page = timeline_page
    link = f"{event_selector(name)} .tl-event__source"
    assert page.get_attribute(link, "href") == URL_PAYLOADS[name]
    assert page.eval_on_selector(link, "a => a.getAttributeNames().sort()") == [
        "class",
        "href",
        "rel",
    ]
    assert_inert(page, page.watches)


def test_timeline_title_era_label_and_toc_show_as_written(timeline_page):
    page = timeline_page
    assert visible_text(page, "#timeline-heading") == TIMELINE_TITLE
    assert visible_text(page, f"#era-{ERA_ID}").startswith(ERA_LABEL + ", ")
    option = page.eval_on_selector(f'#tl-era option[value="{ERA_ID}"]', "o => o.textContent")
    assert option.startswith(ERA_LABEL + " (")
    toc = page.eval_on_selector_all(
        ".md-nav--secondary a", "links => links.map(a => a.textContent.trim())"
    )
    assert TIMELINE_TITLE in toc
    assert any(entry.startswith(ERA_LABEL + ", ") for entry in toc), toc
    assert_inert(page, page.watches)


def test_hovering_focusing_and_clicking_the_events_runs_nothing(visit):
    page = visit("relationship/")
    # A click on a link to another page would leave this one: keep the page, but let the
    # click reach the link and any handler an injected attribute would have added.
    page.evaluate(
        """() => document.addEventListener('click', e => {
             const a = e.target.closest('a[href]');
             if (a && !a.getAttribute('href').startsWith('#')) e.preventDefault();
           })"""
    )
    for name in [*TEXT_PAYLOADS, *URL_PAYLOADS]:
        event = page.locator(event_selector(name))
        for part in event.locator("h4, .tl-event__body, img, figcaption").all():
            part.hover()
        for link in event.locator("a").all():
            link.hover()
            link.focus()
            link.click()
    assert_inert(page, visit.watches)


def test_filters_take_payloads_as_search_terms(visit):
    """Typed into the filter, each payload is a search term: it finds its event, and goes
    into the URL query as it is."""
    page = visit("relationship/")
    for name, payload in TEXT_PAYLOADS.items():
        page.fill("#tl-text", payload)
        page.wait_for_timeout(100)
        assert page.is_visible(f"{event_selector(name)} h4"), name
        assert page.evaluate("() => new URLSearchParams(location.search).get('text')") == payload
    assert_inert(page, visit.watches)


@pytest.mark.parametrize("name", ["img", "double-quote"])
def test_hostile_url_query_and_fragment_run_nothing(visit, name):
    """A shared link may carry anything in ?text=, ?era=, ?kind=, Material's ?q= and ?h=,
    and the #fragment: all are read as text."""
    payload = TEXT_PAYLOADS[name]
    query = urlencode({"text": payload, "era": payload, "kind": payload, "h": payload})
    page = visit(f"relationship/?{query}#{quote(payload)}")
    assert page.input_value("#tl-text") == payload
    assert page.input_value("#tl-era") == ""
    assert page.is_visible(f"{event_selector(name)} h4")
    assert_inert(page, visit.watches)
    page = visit(f"relationship/?{urlencode({'q': payload})}")
    assert_inert(page, visit.watches)


def test_related_events_on_the_recommendations_page_show_as_written(visit):
    page = visit("task-force-recommendations/")
    links = page.eval_on_selector_all(
        f'.tl-related a[href$="#{RELATED[0]}"]', "links => links.map(a => a.textContent)"
    )
    assert links == [TEXT_PAYLOADS["script"]]
    assert_inert(page, visit.watches)


def test_front_matter_title_shows_as_written(visit):
    """Quotes are allowed in a title (printed only as text) and show as written."""
    page = visit(FRONT_MATTER_PAGE.removesuffix(".md") + "/")
    assert page.title().startswith(FRONT_MATTER_TITLE + " - ")
    header = page.eval_on_selector_all(
        ".md-header__topic .md-ellipsis", "els => els.map(e => e.textContent.trim())"
    )
    assert FRONT_MATTER_TITLE in header
    description = page.get_attribute('meta[name="description"]', "content")
    assert description == FRONT_MATTER_DESCRIPTION
    assert_inert(page, visit.watches)


@pytest.mark.parametrize("query", ["Hague Invasion", "onerror", "PWNED-script", "onload"])
def test_site_search_shows_payloads_as_text(visit, query):
    """Material's search shows result titles and text as HTML: the planted titles must be
    in its index as text, so they show as text there too."""
    page = visit("")
    page.fill(".md-search__input", query)
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    page.wait_for_timeout(300)
    results = page.eval_on_selector(".md-search-result", "el => el.textContent")
    wanted = {
        "Hague Invasion": FRONT_MATTER_TITLE,
        "onerror": TEXT_PAYLOADS["img"],
        "PWNED-script": TEXT_PAYLOADS["script"],
        "onload": TEXT_PAYLOADS["svg"],
    }[query]
    assert wanted in results
    for result in page.locator(".md-search-result__link:visible").all()[:5]:
        result.hover()
    assert_inert(page, visit.watches)


# ---- The rejected payloads: the build stops and names each one ---------------------------


@pytest.fixture(scope="module")
def rejected_timeline(tmp_path_factory):
    """A copy with every rejected timeline payload, each in an otherwise valid event."""
    root = copy_site(tmp_path_factory.mktemp("rejected-timeline"))
    events = []
    for number, (case, field, value, _message) in enumerate(TIMELINE_REJECTED, 1):
        event = valid_event(f"rejected-{case}", f"2004-05-{number:02}")
        if field == "url":
            event["sources"] = [{"title": "Planted source", "url": value}]
        elif field == "src":
            event["media"] = {"src": value, "alt": "Planted"}
        elif field == "recommendations":
            event["recommendations"] = [value]
        else:
            event[field] = value
        events.append(event)
    data = root / "data" / "timeline.yml"
    placed = append_events(data, events)
    where = {}
    for (case, _field, value, _message), event in zip(TIMELINE_REJECTED, events, strict=True):
        first, _lines = placed[event["id"]]
        where[case] = position(data, q(value), first)
    return build_copy(root, expect_ok=False), where


@pytest.mark.parametrize(
    "case, message", [(case, message) for case, _f, _v, message in TIMELINE_REJECTED]
)
def test_rejected_timeline_payload_is_named_with_its_line(rejected_timeline, case, message):
    result, where = rejected_timeline
    assert not result.ok, result
    count = len(TIMELINE_REJECTED)  # one problem per planted value: none lost, none merged
    assert f"timeline file 'data/timeline.yml': {count} problems" in result.output, result
    line, column = where[case]
    prefix = f"data/timeline.yml:{line}:{column}: event '"
    reported = [text for text in result.output.splitlines() if text.startswith(prefix)]
    assert reported, f"no problem reported at {prefix}…\n{result}"
    assert any(message in text for text in reported), f"{reported}\n{result}"


@pytest.fixture(scope="module")
def rejected_front_matter(tmp_path_factory):
    """A copy with a rejected front matter in each of several pages."""
    root = copy_site(tmp_path_factory.mktemp("rejected-front-matter"))
    where = {}
    for page, lines, needle, _message in FRONT_MATTER_REJECTED:
        set_front_matter(root / "docs" / page, lines)
        where[page] = position(root / "docs" / page, needle)
    return build_copy(root, expect_ok=False), where


@pytest.mark.parametrize(
    "page, message", [(page, message) for page, _l, _n, message in FRONT_MATTER_REJECTED]
)
def test_rejected_front_matter_is_named_with_its_line(rejected_front_matter, page, message):
    result, where = rejected_front_matter
    assert not result.ok, result
    assert f"Unsafe front matter: {len(FRONT_MATTER_REJECTED)} problems" in result.output, result
    line, column = where[page]
    prefix = f"docs/{page}:{line}:{column}: front matter "
    reported = [text for text in result.output.splitlines() if text.startswith(prefix)]
    assert reported and message in reported[0], f"nothing at {prefix}…\n{result}"
