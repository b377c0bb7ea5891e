"""hooks/front_matter.py: front matter that could inject HTML, or that MkDocs would silently
drop, stops the build and is named as `docs/page.md:line:column: message`.

`check()` is tested on page sources; `on_files` on a loaded copy of the site (the path is
shown relative to mkdocs.yml); and one real `mkdocs build` shows what an editor sees.
What the accepted values look like in a browser is tested in
tests/browser/test_hostile_input.py.
"""

from __future__ import annotations

import importlib.util
from types import SimpleNamespace

import pytest
from harness import ROOT


def _load_hook():
    path = ROOT / "hooks" / "front_matter.py"
    spec = importlib.util.spec_from_file_location("front_matter_hook", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hook = _load_hook()
# The page templates of the real theme override (overrides/): main.html, not 404.html.
TEMPLATES = hook.page_templates(
    SimpleNamespace(theme=SimpleNamespace(custom_dir=str(ROOT / "overrides")))
)


def check(source: str) -> list[tuple[int, int, str]]:
    return hook.check(source, TEMPLATES)


# ---- Accepted: plain text, quotes in titles, and what the site's pages use ---------------

ACCEPTED = {
    "plain": "---\ntitle: About and sources\ndescription: The sources.\n---\n\n# About\n",
    "quotes in a title": '---\ntitle: The "Hague Invasion Act"\n---\n',
    "quotes in a subtitle": '---\nsubtitle: The "Hague Invasion Act"\n---\n',
    "single quotes anywhere": "---\ndescription: The 'Hague Invasion Act' and O'Brien\n---\n",
    "ampersands": "---\ntitle: AT&T & Q&A\ndescription: R&D; &c; &#; &x\n---\n",
    "folded description": "---\ndescription: >-\n  One line,\n  and another.\n---\n",
    "dates and numbers": "---\nreviewed: 2026-11-23\nweight: 3\nhide: [toc, navigation]\n---\n",
    "the site's page template": "---\ntemplate: main.html\n---\n",
    "no front matter": "# A page\n\nText with <b>HTML</b> in the Markdown.\n",
    "MultiMarkdown": 'Title: The "Hague" act\nDescription: Plain text\n    goes on.\n\n# X\n',
    "empty front matter": "---\n\n---\n# X\n",
    "a BOM": "\ufeff---\ntitle: Home\n---\n",
}


@pytest.mark.parametrize("source", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_plain_text_is_accepted(source):
    assert check(source) == []


def test_every_page_of_the_site_is_accepted():
    pages = sorted((ROOT / "docs").rglob("*.md"))
    assert pages
    for page in pages:
        assert check(page.read_text(encoding="utf-8-sig")) == [], page


# ---- Refused: (source, line, column, words the message must hold) ------------------------

REFUSED = {
    "tag in a title": (
        "---\ntitle: '\"><svg onload=alert(1)>'\n---\n",
        2,
        10,
        ["'title' contains '<' and '>'", "plain text"],
    ),
    "script in a description": (
        "---\ntitle: Home\ndescription: Hi <script>alert(1)</script>\n---\n",
        3,
        17,
        ["'description' contains '<' and '>'"],
    ),
    "quote in a description": (
        '---\ndescription: x" onmouseover="alert(1)\n---\n',
        2,
        15,
        ["'description' contains '\"'", "attribute", "“ ”"],
    ),
    "quote in an author": (
        '---\nauthor: Jo "JJ" Smith\n---\n',
        2,
        12,
        ["'author' contains '\"'"],
    ),
    "escaped quote in a double-quoted value": (
        '---\ndescription: "It said \\"no\\""\n---\n',
        2,
        24,
        ["'description' contains '\"'"],
    ),
    "quote in a nested title": (
        '---\nextra:\n  title: a "b"\n---\n',
        3,
        12,
        ["'extra.title' contains '\"'"],
    ),
    "tag on a later line of a folded value": (
        "---\ndescription: >-\n  line one\n  has <b>bold</b>\n---\n",
        4,
        7,
        ["'description' contains '<' and '>'"],
    ),
    "tag in a list item": (
        "---\nhide:\n  - toc\n  - <img src=x onerror=alert(1)>\n---\n",
        4,
        5,
        ["'hide[1]' contains '<' and '>'"],
    ),
    "tag written with an escape": (
        '---\ntitle: "\\x3cscript>"\n---\n',
        2,
        8,
        ["'title' contains '<' and '>'"],
    ),
    "tag in !!binary": (
        "---\ntitle: !!binary PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\n---\n",
        2,
        8,
        ["'title' contains '<' and '>'"],
    ),
    "character references": (
        '---\ntitle: "&lt;b&gt; &#60; &amp; &copy 2026"\n---\n',
        2,
        9,
        [
            "the character references '&lt;', '&gt;', '&#60;', '&amp;' and '&copy'",
            "character itself",
        ],
    ),
    "foreign template": (
        "---\ntemplate: redirect.html\nlocation: javascript:alert(1)\n---\n",
        2,
        11,
        ["'template: redirect.html' is not a page template", "expected one of main.html"],
    ),
    "the 404 page's template": (
        "---\ntemplate: 404.html\n---\n",
        2,
        11,
        ["'template: 404.html' is not a page template"],
    ),
    "unquoted colon": (
        "---\ntitle: The US: a review\nreviewed: 2026-11-23\n---\n",
        2,
        14,
        ["not valid YAML", "MkDocs would drop the whole front matter", "quote"],
    ),
    "unclosed list": (
        "---\nhide: [toc\n---\n",
        3,
        1,
        ["not valid YAML"],
    ),
    "unknown tag": (
        "---\ntitle: !!python/object:os.system x\n---\n",
        2,
        8,
        ["not valid YAML"],
    ),
    "a list, not a mapping": (
        "---\n- title\n- Home\n---\n",
        2,
        1,
        ["front matter is a list, not 'key: value' lines"],
    ),
    "text, not a mapping": (
        "---\n<script>alert(1)</script>\n---\n",
        2,
        1,
        ["front matter is text, not 'key: value' lines"],
    ),
    "MultiMarkdown tag": (
        "Title: Home\nDescription: a\n    b <i>c</i>\n\n# X\n",
        3,
        7,
        ["'description' contains '<' and '>'"],
    ),
    "MultiMarkdown quote": (
        'Title: Home\nAuthor: Jo "JJ"\n\n# X\n',
        2,
        12,
        ["'author' contains '\"'"],
    ),
}


@pytest.mark.parametrize("case", REFUSED.values(), ids=REFUSED.keys())
def test_unsafe_or_dropped_front_matter_is_refused_with_its_place(case):
    source, line, column, words = case
    problems = check(source)
    assert [(p[0], p[1]) for p in problems] == [(line, column)], problems
    for word in words:
        assert word in problems[0][2], problems[0][2]


def test_every_problem_of_a_page_is_reported():
    source = '---\ntitle: <b>\ndescription: a "b"\nauthor: <i>\n---\n'
    assert [(line, column) for line, column, _ in check(source)] == [(2, 8), (3, 16), (4, 9)]


def test_anchors_aliases_and_merge_keys_are_refused_where_they_are():
    """A value reached through an alias or a merge key would be checked under one key only:
    an aliased `template:` or a quote moved into `description:` could slip through."""
    source = "---\ntitle: &a 'x\" y'\ndescription: *a\n<<: {template: redirect.html}\n---\n"
    found = check(source)
    assert [(line, column) for line, column, _ in found] == [(2, 8), (3, 14), (4, 1)], found
    assert "anchor '&a'" in found[0][2] and "alias '*a'" in found[1][2]
    assert "merge key '<<'" in found[2][2]
    aliased = check(
        "---\nx: &t redirect.html\ntemplate: *t\nlocation: javascript:alert(1)//\n---\n"
    )
    assert [(line, column) for line, column, _ in aliased] == [(2, 4), (3, 11)], aliased


def test_a_billion_laughs_is_refused_at_once():
    lines = ["---", "a0: &a0 [x, '<']"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]" for i in range(1, 40)]
    problems = check("\n".join([*lines, "---", ""]))
    assert problems and all("YAML a" in message for _, _, message in problems)
    assert (problems[0][0], problems[0][1]) == (2, 5)


# ---- In MkDocs: the page's path, and the build stops ----------------------------------------


def test_on_files_names_the_page_relative_to_mkdocs_yml(site_copy):
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import get_files

    page = site_copy / "docs" / "editors" / "timeline-data.md"
    page.write_text("---\ntitle: Data\nauthor: <b>me</b>\n---\n\n# Data\n", encoding="utf-8")
    config = load_config(config_file=str(site_copy / "mkdocs.yml"))
    with pytest.raises(PluginError) as raised:
        hook.on_files(get_files(config), config=config)
    assert str(raised.value).splitlines() == [
        "Unsafe front matter: 1 problem",
        "docs/editors/timeline-data.md:3:9: front matter 'author' contains '<' and '>'; "
        "write it as plain text without < and > (they could start an HTML tag)",
    ]


def test_a_real_build_stops_and_names_the_page(site_copy, build_site):
    page = site_copy / "docs" / "about.md"
    text = page.read_text(encoding="utf-8")
    text = text.replace("\ntitle: ", "\ntitle: <script>alert(1)</script> ", 1)
    page.write_text(text, encoding="utf-8")
    result = build_site(site_copy / "mkdocs.yml", expect_ok=False)
    assert not result.ok, result
    assert "Unsafe front matter: 1 problem" in result.output, result
    assert "docs/about.md:2:8: front matter 'title' contains '<' and '>'" in result.output, result
    assert not (result.site_dir / "about" / "index.html").exists()
