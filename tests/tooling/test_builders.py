"""scripts/builders' two judges: the canary (every event on the timeline page) and the
comparison of two builds that ignores only the generator tag (scripts/compare_sites.py)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import canary  # scripts/canary.py (pyproject: pytest puts scripts/ on the path)
import compare_sites  # scripts/compare_sites.py
import pytest
from harness import ROOT, run

CANARY = ROOT / "scripts" / "canary.py"
COMPARE = ROOT / "scripts" / "compare_sites.py"

DATA = """\
title: Three events
events:
  - id: first-event
    date: 1998-07-17
    title: One
  - id: second-event
    date: 2002-07-01
    title: Two
  - id: third-event
    date: 2020-06-11
    title: Three
"""


def event(anchor: str) -> str:
    """One event as the timeline template writes it today: the id is on its heading."""
    return (
        '<article class="tl-event" data-kind="treaty" itemscope>'
        f'<h4 class="tl-event__title" id="{anchor}">Title</h4>'
        '<p class="tl-event__meta"><img src="x.png" alt=""><br>'
        f'<a class="tl-event__permalink" href="#{anchor}"></a></p>'
        '<div class="tl-event__body"><p id="not-this-one">Body</p></div></article>'
    )


def page(*articles: str, extra: str = "") -> str:
    return (
        '<!doctype html><html><body><article class="md-content__inner" id="content">'
        f'<h1 id="timeline">Timeline</h1>{extra}<section class="tl">{"".join(articles)}'
        "</section></article></body></html>"
    )


def site(folder: Path, html: str) -> Path:
    (folder / "relationship").mkdir(parents=True)
    (folder / "relationship" / "index.html").write_text(html, encoding="utf-8")
    return folder


def run_canary(tmp_path: Path, html: str) -> object:
    data = tmp_path / "timeline.yml"
    data.write_text(DATA, encoding="utf-8")
    return run(sys.executable, CANARY, "--data", data, site(tmp_path / "site", html))


# ---- The canary ----------------------------------------------------------------------------


def test_canary_passes_a_page_with_every_event(tmp_path):
    result = run_canary(
        tmp_path, page(event("first-event"), event("second-event"), event("third-event"))
    )
    assert result.returncode == 0, result
    assert "3 of 3 events" in result.output


def test_canary_fails_a_page_missing_an_event_and_names_it(tmp_path):
    result = run_canary(tmp_path, page(event("first-event"), event("third-event")))
    assert result.returncode == 1, result
    assert "2 of 3 events" in result.output
    assert "missing (1): second-event" in result.output
    assert "first-event" not in result.output.split("missing")[1]


def test_canary_says_when_nothing_rendered_the_timeline(tmp_path):
    """What Zensical without the Markdown extension builds: the marker is left in the page."""
    html = page(extra="<!-- timeline -->")
    result = run_canary(tmp_path, html)
    assert result.returncode == 1, result
    assert "0 of 3 events" in result.output
    assert "missing (3): first-event, second-event, third-event" in result.output
    assert "mkdocs_timeline.markdown" in result.output


def test_canary_fails_a_missing_page(tmp_path):
    data = tmp_path / "timeline.yml"
    data.write_text(DATA, encoding="utf-8")
    (tmp_path / "empty").mkdir()
    result = run(sys.executable, CANARY, "--data", data, tmp_path / "empty")
    assert result.returncode == 1, result
    assert "no such page (0 of 3 events)" in result.output


def test_canary_fails_an_event_shown_twice_or_not_in_the_data(tmp_path):
    wanted = ["first-event", "second-event", "third-event"]
    shown = [event("first-event"), event("second-event"), event("third-event")]
    twice = canary.check(page(*shown, event("second-event")), wanted)
    assert not twice.ok
    assert twice.repeated == ["second-event"]
    stale = canary.check(page(*shown, event("removed-event")), wanted)
    assert not stale.ok
    assert stale.unexpected == ["removed-event"]


def test_canary_fails_a_download_the_build_did_not_write(tmp_path):
    """Under Zensical the exports come from the command line: a forgotten one must show."""
    links = (
        '<a href="../exports/timeline.json" download>JSON</a>'
        '<a href="https://example.org/x.csv" download>elsewhere</a>'
        '<link rel="alternate" type="application/atom+xml" href="../feed.xml">'
    )
    html = page(event("first-event"), event("second-event"), event("third-event"), extra=links)
    result = run_canary(tmp_path, html)
    assert result.returncode == 1, result
    assert "did not write: ../exports/timeline.json, ../feed.xml" in result.output
    (tmp_path / "site" / "exports").mkdir()
    (tmp_path / "site" / "exports" / "timeline.json").write_text("{}", encoding="utf-8")
    (tmp_path / "site" / "feed.xml").write_text("<feed/>", encoding="utf-8")
    result = run(sys.executable, CANARY, "--data", tmp_path / "timeline.yml", tmp_path / "site")
    assert result.returncode == 0, result


def test_canary_reads_the_id_from_the_article_or_its_heading():
    own_id = '<article class="tl-event" id="first-event"><h4 id="other">x</h4></article>'
    labelled = '<article class="tl-event big" aria-labelledby="second-event"></article>'
    assert canary.page_event_ids(page(own_id, labelled, event("third-event"))) == [
        "first-event",
        "second-event",
        "third-event",
    ]
    assert canary.page_event_ids(page('<article class="tl-event"><p>no id</p></article>')) == [None]


def test_canary_on_the_real_site(built_site, tmp_path):
    """The real page passes; the same page with one event cut out fails, naming that event."""
    result = run(sys.executable, CANARY, built_site)
    assert result.returncode == 0, result
    wanted = canary.data_event_ids(ROOT / "data" / "timeline.yml")
    assert f"{len(wanted)} of {len(wanted)} events" in result.output

    html = (built_site / "relationship" / "index.html").read_text(encoding="utf-8")
    victim = wanted[len(wanted) // 2]
    heading = html.index(f'id="{victim}"')
    start = html.rindex('<article class="tl-event"', 0, heading)
    end = html.index("</article>", heading) + len("</article>")
    planted = site(tmp_path / "site", html[:start] + html[end:])
    result = run(sys.executable, CANARY, planted)
    assert result.returncode == 1, result
    assert f"{len(wanted) - 1} of {len(wanted)} events" in result.output
    assert f"missing (1): {victim}" in result.output


# ---- Two builds that may differ only in the generator tag ----------------------------------

MKDOCS_HEAD = '<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.1">'
PROPERDOCS_HEAD = '<meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1">'


def build(folder: Path, head: str, body: str = "<p>Text</p>", **extra: str) -> Path:
    files = {
        "index.html": f"<html><head>{head}</head><body>{body}</body></html>",
        "about/index.html": f"<html><head>{head}</head><body>About</body></html>",
        "sitemap.xml": "<urlset></urlset>",
        **extra,
    }
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_builds_differing_only_in_the_generator_tag_match(tmp_path):
    a = build(tmp_path / "mkdocs", MKDOCS_HEAD)
    b = build(tmp_path / "properdocs", PROPERDOCS_HEAD)
    assert compare_sites.compare(a, b) == []
    result = run(sys.executable, COMPARE, a, b)
    assert result.returncode == 0, result
    assert "the 3 files match" in result.output


def test_any_other_difference_fails_and_names_the_file(tmp_path):
    a = build(tmp_path / "mkdocs", MKDOCS_HEAD)
    b = build(tmp_path / "properdocs", PROPERDOCS_HEAD, body="<p>Texts</p>")
    result = run(sys.executable, COMPARE, a, b)
    assert result.returncode == 1, result
    assert "1 difference(s)" in result.output
    assert "differs: index.html" in result.output
    assert "about/index.html" not in result.output  # it differs only in the generator tag


def test_files_in_one_build_only_and_other_files_fail(tmp_path):
    a = build(tmp_path / "mkdocs", MKDOCS_HEAD, **{"exports/timeline.json": "[]"})
    b = build(tmp_path / "properdocs", PROPERDOCS_HEAD, **{"sitemap.xml": "<urlset/>"})
    problems = compare_sites.compare(a, b)
    assert problems[0] == f"only in {a}: exports/timeline.json"
    assert [p.split(" (")[0] for p in problems[1:]] == ["differs: sitemap.xml"]


@pytest.mark.parametrize(
    "page_a, page_b",
    [
        # a generator tag only in one build is a difference, not a generator difference
        (f"<head>{MKDOCS_HEAD}</head>", "<head></head>"),
        # the normaliser touches the tag's content only: the same tag with another name is not it
        (
            '<meta name="description" content="one">',
            '<meta name="description" content="two">',
        ),
    ],
)
def test_the_normaliser_replaces_the_generator_content_only(page_a, page_b):
    assert compare_sites.normalise(page_a.encode()) != compare_sites.normalise(page_b.encode())


def test_the_normaliser_unifies_generator_tags():
    text = "<head>{}<title>T</title></head>"
    normalised = {
        compare_sites.normalise(text.format(head).encode())
        for head in (
            MKDOCS_HEAD,
            PROPERDOCS_HEAD,
            '<meta name="generator" content="zensical-0.0.73">',
        )
    }
    assert len(normalised) == 1
    assert re.search(rb'content="GENERATOR"', normalised.pop())
