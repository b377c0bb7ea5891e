"""Page weight (issue "Quality gates", performance budget), weighed from the built files.

For each page: the page and every file it loads on page load (stylesheets, scripts, icon,
images, what Material's bundle fetches at once), each gzip -9; the total must be under
100 KB (110 KB for the timeline page, front matter `timeline:`), with at most 8 requests and
none to another host. The budgets and the weigher are scripts/page_budgets.py, shared with
scripts/bench_pages.py, which measures the same in Chromium. KB = 1000 bytes.
"""

from __future__ import annotations

import random
from pathlib import Path
from urllib.parse import urlsplit

import page_budgets as budgets  # scripts/page_budgets.py (tests/conftest.py puts scripts/ on the path)
import pytest

ROOT = Path(__file__).resolve().parents[2]


# Said to an editor whose new events take the timeline page past its budget.
TIMELINE_HINT = (
    ". The timeline page grows by about 0.4 KB gzip per event; new events are not wrong. "
    "Say so on the pull request: the maintainers choose a larger budget or a lighter page "
    "(CONTRIBUTING.md, Tests)"
)

PAGES = budgets.source_pages(ROOT / "docs")  # built path -> has a timeline
PAGES["404.html"] = False


@pytest.fixture(scope="module")
def prefix(real_config) -> str:
    """The path the site is served under (site_url's): the 404 page links from it."""
    path = urlsplit(real_config.site_url or "/").path
    return path if path.endswith("/") else path + "/"


@pytest.mark.parametrize(
    "page", PAGES, ids=lambda p: p.removesuffix("index.html").strip("/") or "home"
)
def test_page_is_within_its_byte_budget(built_site, prefix, page):
    weight = budgets.page_weight(built_site, page, prefix)
    problems = budgets.failures(
        gzip_bytes=weight.gzip_bytes, requests=0, other_hosts=0, timeline=PAGES[page]
    )
    hint = TIMELINE_HINT if PAGES[page] and problems else ""
    assert not problems, f"{page}: {'; '.join(problems)}{hint}\n{weight.breakdown()}"


@pytest.mark.parametrize(
    "page", PAGES, ids=lambda p: p.removesuffix("index.html").strip("/") or "home"
)
def test_page_makes_few_requests_all_to_its_own_host(built_site, prefix, page):
    weight = budgets.page_weight(built_site, page, prefix)
    problems = budgets.failures(
        gzip_bytes=0,
        requests=weight.requests,
        other_hosts=len(weight.other_hosts),
        timeline=PAGES[page],
    )
    problems += [f"missing file: {path}" for path in weight.missing]
    assert not problems, f"{page}: {'; '.join(problems)}\n{weight.breakdown()}"


def test_every_built_page_is_weighed(built_site):
    built = {p.relative_to(built_site).as_posix() for p in built_site.rglob("index.html")}
    assert built <= set(PAGES), f"pages not weighed: {sorted(built - set(PAGES))}"


# ---- The weigher itself, on a small synthetic site ---------------------------------------

SYNTHETIC_PAGE = """<!doctype html>
<html><head>
<link rel="stylesheet" href="../a.css">
<link rel="icon" href="../i.png">
<link rel="canonical" href="https://example.org/sub/">
<link rel="alternate" type="application/atom+xml" href="../feed.xml">
<script src="../b.js"></script>
</head><body>
<p><img src="../pic.bin" alt=""> <img src="data:image/gif;base64,R0lGOD" alt="">
<a href="../not-loaded.bin">a link is not loaded</a></p>
<script id="__config" type="application/json">{"base": "..", "search": "../w.js"}</script>
LAZY
<script src="../b.js" defer></script>
<script src="https://cdn.example.com/x.js" defer></script>
</body></html>
"""


def incompressible(size: int, seed: int = 0) -> bytes:
    """Bytes gzip cannot shrink: a file's gzip size is about its raw size."""
    return random.Random(seed).randbytes(size)


def synthetic_site(tmp_path: Path, *, lazy: bool = False, picture: int = 1000) -> Path:
    """A site with one page, sub/index.html, and the files it refers to."""
    html = SYNTHETIC_PAGE.replace(
        "LAZY", '<script id="search-lazy">/* lazy */</script>' if lazy else ""
    )
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "index.html").write_text(html, encoding="utf-8")
    for number, name in enumerate(
        ["a.css", "i.png", "b.js", "w.js", "sitemap.xml", "not-loaded.bin"]
    ):
        (tmp_path / name).write_bytes(incompressible(500, seed=number))
    (tmp_path / "pic.bin").write_bytes(incompressible(picture, seed=99))
    return tmp_path


def test_weigher_counts_what_a_page_loads(tmp_path):
    site = synthetic_site(tmp_path)
    weight = budgets.page_weight(site, "sub/index.html")
    paths = [path for path, _ in weight.files]
    assert paths == ["sub/index.html", "a.css", "i.png", "b.js", "pic.bin", "w.js", "sitemap.xml"]
    assert weight.other_hosts == ["https://cdn.example.com/x.js"]
    assert weight.missing == []
    assert weight.requests == 8  # the page, 6 files (b.js once), 1 to another host
    expected = sum(budgets.gzip_size((site / path).read_bytes()) for path in paths)
    assert weight.gzip_bytes == expected


def test_lazy_search_script_keeps_the_worker_out(tmp_path):
    weight = budgets.page_weight(synthetic_site(tmp_path, lazy=True), "sub/index.html")
    assert "w.js" not in [path for path, _ in weight.files]
    assert weight.requests == 7


def test_weigher_serves_absolute_links_under_the_prefix(tmp_path):
    site = synthetic_site(tmp_path)
    (site / "404.html").write_text(
        '<link rel="stylesheet" href="/name/a.css"><script src="/elsewhere/c.js"></script>',
        encoding="utf-8",
    )
    weight = budgets.page_weight(site, "404.html", "/name/")
    assert [path for path, _ in weight.files] == ["404.html", "a.css"]
    assert weight.missing == ["/elsewhere/c.js"]


@pytest.mark.parametrize("timeline", [False, True])
def test_budget_fails_for_a_planted_big_page(tmp_path, timeline):
    budget = budgets.budget_for(timeline)
    site = synthetic_site(tmp_path, picture=budget)  # the picture alone fills the budget
    weight = budgets.page_weight(site, "sub/index.html")
    found = budgets.failures(
        gzip_bytes=weight.gzip_bytes, requests=weight.requests, other_hosts=0, timeline=timeline
    )
    assert weight.gzip_bytes > budget
    assert found == [f"{weight.gzip_bytes / 1000:.1f} KB gzip > {budget // 1000} KB"]


def test_budget_checks_requests_and_other_hosts():
    assert budgets.failures(gzip_bytes=1, requests=8, other_hosts=0, timeline=False) == []
    assert budgets.failures(gzip_bytes=1, requests=9, other_hosts=0, timeline=False) == [
        "9 requests > 8"
    ]
    assert budgets.failures(gzip_bytes=1, requests=2, other_hosts=1, timeline=False) == [
        "1 request(s) to other hosts"
    ]
    assert budgets.failures(gzip_bytes=100_000, requests=1, other_hosts=0, timeline=False) == []
    assert budgets.failures(gzip_bytes=100_001, requests=1, other_hosts=0, timeline=False) != []
    assert budgets.failures(gzip_bytes=110_000, requests=1, other_hosts=0, timeline=True) == []
