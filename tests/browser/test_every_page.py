"""Every page of the site in a real browser: status, console, hosts, axe, width, no-JS, screenshots."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "reports"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def site_pages(site: Path) -> list[str]:
    """URL paths of every page MkDocs built (directory URLs), but the 404 page."""
    return sorted(
        "" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
        for p in site.rglob("index.html")
    )


def source_pages() -> list[str]:
    """URL paths of every Markdown page under docs/, as MkDocs will write them."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    return sorted(f.url.removeprefix("./") for f in get_files(config).documentation_pages())


def pytest_generate_tests(metafunc):
    if "page_path" in metafunc.fixturenames:
        paths = source_pages()
        metafunc.parametrize("page_path", paths, ids=[p or "home" for p in paths])


def test_the_page_list_matches_the_build(site_dir):
    """The pages the browser tests visit are every page the build wrote."""
    assert source_pages() == site_pages(site_dir)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_page_is_accessible_and_self_contained(open_page, page_path, scheme, width):
    """200, no console error, no other host (open_page fails on those), no axe violation,
    no sideways scroll; a screenshot is kept in reports/screenshots/ for reviewers."""
    from axe_playwright_python.sync_playwright import Axe

    page = open_page(page_path, width=width, scheme=scheme, reduced_motion="reduce")
    page.wait_for_timeout(300)
    shots = REPORTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    name = (page_path.strip("/").replace("/", "_") or "home") + f"-{width}-{scheme}"
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    violations = results.response["violations"]
    (REPORTS / "axe").mkdir(exist_ok=True)
    (REPORTS / "axe" / f"{name}.json").write_text(json.dumps(violations, indent=2) + "\n")
    assert not violations, "\n".join(
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:5]}" for v in violations
    )
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"{page_path} scrolls sideways at {width} px"


@pytest.mark.browser
def test_skip_link_is_the_first_tab_stop_and_focus_is_visible(open_page, page_path):
    page = open_page(page_path)
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "(() => { const e = document.activeElement; const s = getComputedStyle(e);"
        " return [e.className, e.getAttribute('href'), s.outlineStyle, s.outlineWidth,"
        " e.getBoundingClientRect().height]; })()"
    )
    assert "md-skip" in focused[0], f"first Tab stop on {page_path or 'home'} is {focused}"
    assert focused[2] != "none" and focused[3] != "0px" and focused[4] > 0, f"focus not visible: {focused}"


@pytest.mark.browser
def test_main_text_is_readable_without_javascript(open_page, page_path, site_dir):
    """With JavaScript off the article's text is all there and visible."""
    import html as htmllib
    import re

    html = (site_dir / page_path / "index.html").read_text(encoding="utf-8")
    h1 = re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1))
    h1 = htmllib.unescape(h1)
    page = open_page(page_path, javascript=False)
    article = page.locator("article.md-content__inner")
    assert article.is_visible()
    text = article.inner_text()
    assert h1.replace("¶", "").strip() in text
    paragraphs = page.locator("article.md-content__inner > p")
    assert paragraphs.count() >= 2 and all(
        paragraphs.nth(i).is_visible() for i in range(min(paragraphs.count(), 20))
    )
