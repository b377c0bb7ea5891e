"""The link checks catch every kind of broken link an editor can make, and name where it is.

Mistakes are planted in a temporary copy of the site (never in the working tree); the strict
build and scripts/linkcheck must fail and name each one with its page and its source file.
(That the real site passes is the link check step of ./scripts/check, not a test.)
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import re
import sys
from pathlib import Path

import pytest
from harness import ROOT, build, copy_site, run

LINKCHECK = ROOT / "scripts" / "linkcheck"


def linkcheck_module():
    """scripts/linkcheck as a module, to test its parts."""
    sys.path.insert(0, str(ROOT / "scripts"))
    loader = importlib.machinery.SourceFileLoader("linkcheck_script", str(LINKCHECK))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    loader.exec_module(module)
    return module


# Planted in docs/index.md: (what, Markdown or HTML as written, the link as the check shows it).
PAGE_MISTAKES = {
    "missing page": ("[a missing page](planted-missing-page.md)", "planted-missing-page.md"),
    "missing anchor": (
        "[a missing anchor](about.md#planted-missing-anchor)",
        "#planted-missing-anchor",
    ),
    "missing image": (
        "![a missing image](img/planted-missing-image.png)",
        "img/planted-missing-image.png",
    ),
    "raw HTML link": ('<a href="planted-nowhere.html">a raw HTML link</a>', "planted-nowhere.html"),
    # LinkChecker takes a link above the site's folder for an external one and skips it.
    "link out of the site": (
        '<a href="../planted-outside/">a link out of the site</a>',
        "../planted-outside/",
    ),
}
TIMELINE_LINK = "[another event](relationship.md#planted-no-such-event)"
TIMELINE_FRAGMENT = "#planted-no-such-event"


def line_of(path: Path, text: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return n
    raise AssertionError(f"{text!r} not in {path}")


def plant_in_timeline_body(data_file: Path, text: str) -> tuple[int, str]:
    """Put `text` at the start of the first event body written as a block (`body: >-`).

    Returns the line number of the planted text and the id of its event.
    """
    lines = data_file.read_text(encoding="utf-8").split("\n")
    event_id = None
    for i, line in enumerate(lines):
        m = re.match(r"^\s*-?\s*id:\s*['\"]?([\w.:-]+)", line)
        if m and not line.startswith(" " * 6):
            event_id = m.group(1)
        if event_id and re.match(r"^\s+body:\s*[>|][-+]?\s*$", line):
            indent = re.match(r"^(\s*)", lines[i + 1]).group(1)
            lines.insert(i + 1, f"{indent}See {text}.")
            data_file.write_text("\n".join(lines), encoding="utf-8")
            return i + 2, event_id
    raise AssertionError(f"no event with a block body (body: >-) in {data_file}")


def blocks(output: str) -> list[str]:
    """The reports of scripts/linkcheck, one per broken link ('  source: what' + details)."""
    return re.findall(r"^  \S.*\n(?:      .*\n)+", output, flags=re.M)


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """A copy of the site with every kind of broken link, built strict and checked."""
    root = copy_site(tmp_path_factory.mktemp("planted"))
    page = root / "docs" / "index.md"
    with page.open("a", encoding="utf-8") as fh:
        fh.write(
            "\n\nPlanted mistakes:\n" + ",\n".join(m for m, _ in PAGE_MISTAKES.values()) + ".\n"
        )
    data_file = root / "data" / "timeline.yml"  # data/ also holds source-quality.yml
    assert data_file.is_file(), "no timeline data file in data/"
    timeline_line, event_id = plant_in_timeline_body(data_file, TIMELINE_LINK)
    # A strict build stops at the end, with the whole site written: check that site.
    strict = build(root / "mkdocs.yml", root / "site", expect_ok=False)
    assert (strict.site_dir / "index.html").is_file(), strict
    checked = run(LINKCHECK, strict.site_dir, "--config-file", root / "mkdocs.yml", cwd=root)
    return {
        "root": root,
        "page": page,
        "data": data_file,
        "timeline_line": timeline_line,
        "event_id": event_id,
        "strict": strict,
        "linkcheck": checked,
    }


def test_strict_build_fails_on_planted_markdown_mistakes(planted):
    strict = planted["strict"]
    assert not strict.ok, strict
    assert "Aborted" in strict.output and "strict mode" in strict.output, strict
    # MkDocs names the page and the link for the mistakes it can see in Markdown.
    assert "Doc file 'index.md' contains a link 'planted-missing-page.md'" in strict.output, strict
    assert "'about.md#planted-missing-anchor'" in strict.output, strict
    assert "does not contain an anchor '#planted-missing-anchor'" in strict.output, strict
    assert "'img/planted-missing-image.png'" in strict.output, strict


def test_linkcheck_fails_on_planted_mistakes(planted):
    checked = planted["linkcheck"]
    assert checked.returncode == 1, checked
    assert "linkcheck: FAILED" in checked.output, checked
    count = re.search(r"linkcheck: (\d+) broken links", checked.output)
    assert count and int(count.group(1)) >= len(PAGE_MISTAKES) + 1, checked


@pytest.mark.parametrize("kind", PAGE_MISTAKES)
def test_linkcheck_names_page_link_and_source(planted, kind):
    written, shown = PAGE_MISTAKES[kind]
    expected_source = f"docs/index.md:{line_of(planted['page'], written)}:"
    matching = [
        b
        for b in blocks(planted["linkcheck"].output)
        if shown in b.split("link:")[1].split("\n")[0]
    ]
    assert len(matching) == 1, planted["linkcheck"]
    report = matching[0]
    assert report.lstrip().startswith(expected_source), report
    assert "page:   index.html" in report, report


def test_linkcheck_traces_a_timeline_link_to_its_event(planted):
    matching = [b for b in blocks(planted["linkcheck"].output) if TIMELINE_FRAGMENT in b]
    assert len(matching) == 1, planted["linkcheck"]
    report = matching[0]
    data = planted["data"].relative_to(planted["root"]).as_posix()
    assert report.lstrip().startswith(
        f"{data}:{planted['timeline_line']}: event '{planted['event_id']}'"
    ), report
    assert f"the anchor '{TIMELINE_FRAGMENT}' does not exist" in report, report


def test_linkcheck_reports_skipped_external_links(planted):
    assert re.search(r"skipped \d+ external links", planted["linkcheck"].output), planted[
        "linkcheck"
    ]


def test_unknown_related_recommendation_is_named(site_copy, build_site):
    """A related recommendation that does not exist fails the build or the link check."""
    data = site_copy / "data" / "timeline.yml"
    text = data.read_text(encoding="utf-8")
    m = re.search(r"^(\s+)recommendations:\s*\n(\s+)- ", text, flags=re.M)
    assert m, f"no event with related recommendations in {data}"
    text = (
        text[: m.end(0) - 2]
        + "- planted-no-such-recommendation\n"
        + m.group(2)
        + text[m.end(0) - 2 :]
    )
    data.write_text(text, encoding="utf-8")
    planted_line = line_of(data, "planted-no-such-recommendation")
    strict = build_site(site_copy / "mkdocs.yml", expect_ok=False)
    if not strict.ok:
        # The timeline plugin checks recommendation ids itself: path:line:column: ...
        assert re.search(
            rf"data/{data.name}:{planted_line}:\d+: .*planted-no-such-recommendation", strict.output
        ), strict
    else:
        checked = run(LINKCHECK, strict.site_dir, "--config-file", site_copy / "mkdocs.yml")
        assert checked.returncode == 1, checked
        assert f"data/{data.name}:{planted_line}" in checked.output, checked


def test_a_url_without_a_result_is_a_problem_even_after_a_valid_one():
    """Each URL of LinkChecker's report is judged on its own <valid> element (a missing one
    once inherited the verdict of the URL before it)."""
    base = "http://127.0.0.1:1/site/"
    report = f"""<?xml version="1.0"?><linkchecker>
      <urldata><url>a/</url><realurl>{base}a/</realurl><valid result="200 OK">1</valid>
        <parent line="3" column="5">{base}index.html</parent></urldata>
      <urldata><url>b/</url><realurl>{base}b/</realurl>
        <parent line="4" column="5">{base}index.html</parent></urldata>
      <urldata><url>c/</url><realurl>{base}c/</realurl><valid result="404 Not Found">0</valid>
        <parent line="5" column="5">{base}index.html</parent></urldata>
    </linkchecker>"""
    problems, checked = linkcheck_module().read_report(report, base)
    assert checked == 3
    assert [(p.url, p.valid, p.result, p.page, p.line) for p in problems] == [
        ("b/", False, "LinkChecker gave no result", "index.html", 4),
        ("c/", False, "404 Not Found", "index.html", 5),
    ]
