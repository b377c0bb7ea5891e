"""Event bodies: Markdown rendered, links checked and rewritten, HTML sanitised by nh3."""

from __future__ import annotations

import posixpath
import re

import pytest

from mkdocs_timeline.markdown_body import BodyRenderer, relocate_links

PAGES = {"about.md": "about/", "index.md": "", "images/photo.jpg": "images/photo.jpg"}

XSS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](java&#115;cript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<svg onload=alert(1)><circle/></svg>",
    '<div onclick="alert(1)">x</div>',
    "<style>body{display:none}</style>",
    '<object data="https://evil.example/x.swf"></object>',
    '<embed src="https://evil.example/x.swf">',
    '<form action="https://evil.example"><input name=x></form>',
    '<a href="https://ok.example" onmouseover="alert(1)">x</a>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<!--<img src=x onerror=alert(1)>-->",
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    "`<script>` in code stays text",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
]
FORBIDDEN = re.compile(
    r"<\s*(script|iframe|style|object|embed|svg|math|form|input|img|meta|base|noscript)\b"
    r"|\son\w+\s*="
    r"|\sstyle\s*="
    r"|javascript:|vbscript:|data:",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def renderer() -> BodyRenderer:
    return BodyRenderer(lambda path: PAGES.get(posixpath.normpath(path)))


@pytest.mark.parametrize("payload", XSS)
def test_nothing_dangerous_survives(renderer: BodyRenderer, payload: str) -> None:
    html, _problems, _anchors = renderer.render(f"Before {payload} after.")
    assert not FORBIDDEN.search(html), html
    assert "\n" not in html


@pytest.mark.parametrize("payload", [p for p in XSS if not p.startswith("`")])
def test_dangerous_input_is_also_reported(renderer: BodyRenderer, payload: str) -> None:
    _html, problems, _anchors = renderer.render(f"Before {payload} after.")
    assert problems


def test_markdown_is_rendered(renderer: BodyRenderer) -> None:
    html, problems, _anchors = renderer.render(
        "One *two* **three** `four` & <https://example.org>.\n\n- a\n- b"
    )
    assert problems == []
    assert html == (
        "<p>One <em>two</em> <strong>three</strong> <code>four</code> &amp; "
        '<a href="https://example.org">https://example.org</a>.</p> <ul> <li>a</li> <li>b</li> </ul>'
    )


def test_allowed_links_are_kept(renderer: BodyRenderer) -> None:
    html, problems, _anchors = renderer.render(
        "[a](https://x.org/?a=1&b=2) [b](http://x.org) [c](mailto:a@b.org) [d](#other-event)"
    )
    assert problems == []
    assert 'href="https://x.org/?a=1&amp;b=2"' in html and 'href="mailto:a@b.org"' in html
    assert 'href="#other-event"' in html


def test_page_links_are_relocated_per_page(renderer: BodyRenderer) -> None:
    html, problems, _anchors = renderer.render(
        "[About](about.md#sources), [home](index.md), [photo](./images/photo.jpg)"
    )
    assert problems == []
    assert relocate_links(html, "../") == (
        '<p><a href="../about/#sources">About</a>, <a href="../">home</a>, '
        '<a href="../images/photo.jpg">photo</a></p>'
    )
    assert 'href="./"' in relocate_links(html, "")
    assert 'href="https://example.org/site/about/#sources"' in relocate_links(
        html, "https://example.org/site/"
    )


@pytest.mark.parametrize(
    ("markdown", "problem"),
    [
        ("[x](missing.md)", "link 'missing.md' points to no file under docs/"),
        ("[x](../outside.md)", "link '../outside.md' points to no file under docs/"),
        ("[x](/about/)", "link '/about/' is not allowed in body"),
        ("[x](//evil.example/)", "link '//evil.example/' is not allowed in body"),
        ("[x](https:no-host)", "link 'https:no-host' is not allowed in body"),
        ("![photo](images/photo.jpg)", "body has an image; put images under 'media:'"),
        ("<b>bold</b>", "body contains HTML"),
    ],
)
def test_problems(renderer: BodyRenderer, markdown: str, problem: str) -> None:
    _html, problems, _anchors = renderer.render(markdown)
    assert any(p.startswith(problem) for p in problems), problems


def test_renderer_is_reusable(renderer: BodyRenderer) -> None:
    renderer.render("[x](missing.md) <b>x</b>")
    assert renderer.render("Plain.") == ("<p>Plain.</p>", [], [])


def test_links_to_anchors_are_collected(renderer: BodyRenderer) -> None:
    body = renderer.render(
        "[a](about.md#sources) [b](#other-event) [c](about.md) [d](https://x.org/#y)"
    )
    assert body.anchors == [("about.md", "sources"), ("", "other-event")]
