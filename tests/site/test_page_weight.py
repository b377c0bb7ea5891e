"""Page weight, weighed from the built files.

For each page: the page and every file it loads on page load (stylesheets, scripts, icon,
images, what Material's bundle fetches at once), each gzip -9. A page without a timeline
must stay under 100 KB in total. A timeline page (front matter `timeline:`) has a budget that
grows with its events: its bytes beyond the site's lightest plain page, in the same build,
at most 1.25 x the gzip size of its events' own text plus 14.4 KB for its own controls; a
failure names the part of the page that grew. Every page makes at most 8 requests (that
none goes to another host is tests/site/test_pages.py's). The budgets and the weigher are
scripts/page_budgets.py, shared with scripts/bench_pages.py, which measures the same in
Chromium. KB = 1000 bytes.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import page_budgets as budgets  # scripts/page_budgets.py (tests/conftest.py puts scripts/ on the path)
import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE_SOURCES = ("mkdocs.yml", "docs", "includes", "data", "overrides", "hooks")

# Said to whoever's pull request takes the timeline page past its budget.
TIMELINE_HINT = (
    ". The budget grows with the events' text, so new events alone do not fail it: the markup, "
    "styles or scripts of the page grew (the part named). Make that part lighter, or say so on "
    "the pull request (CONTRIBUTING.md, Tests)"
)

PAGES = budgets.source_pages(ROOT / "docs")  # built path -> has a timeline
PAGES["404.html"] = False
LISTINGS = budgets.listing_pages(ROOT / "docs")  # the sources page and the like
PLAIN_PAGES = [page for page, timeline in PAGES.items() if not timeline and page not in LISTINGS]


def page_id(page: str) -> str:
    return page.removesuffix("index.html").strip("/") or "home"


@pytest.fixture(scope="module")
def prefix(real_config) -> str:
    """The path the site is served under (site_url's): the 404 page links from it."""
    path = urlsplit(real_config.site_url or "/").path
    return path if path.endswith("/") else path + "/"


def timeline_growth(site_dir: Path, config_file: Path, prefix: str) -> list[budgets.Growth]:
    """How each timeline page of a build of `config_file` (in `site_dir`) grows."""
    pages = budgets.source_pages(config_file.parent / "docs")
    plain = budgets.plain_page(site_dir, pages, prefix)
    return [
        budgets.growth(site_dir, page, plain, budgets.event_text(timeline), timeline.count, prefix)
        for page, timeline in budgets.page_timelines(config_file).items()
    ]


@pytest.mark.parametrize("page", PLAIN_PAGES, ids=page_id)
def test_page_is_within_its_byte_budget(built_site, prefix, page):
    weight = budgets.page_weight(built_site, page, prefix)
    problems = budgets.failures(
        gzip_bytes=weight.gzip_bytes, requests=0, other_hosts=0, timeline=False
    )
    assert not problems, f"{page}: {'; '.join(problems)}\n{weight.breakdown()}"


def test_timeline_page_grows_only_with_its_events(built_site, prefix):
    found = timeline_growth(built_site, ROOT / "mkdocs.yml", prefix)
    assert [growth.page for growth in found] == [p for p, timeline in PAGES.items() if timeline]
    for growth in found:
        problems = growth.failures()
        assert not problems, (
            f"{growth.page}: {'; '.join(problems)}{TIMELINE_HINT}\n{growth.breakdown()}"
        )


def test_site_has_listing_pages():
    assert "timeline-sources/index.html" in LISTINGS


@pytest.mark.parametrize("page", LISTINGS, ids=page_id)
def test_listing_page_grows_only_with_what_it_lists(built_site, prefix, page):
    plain = budgets.plain_page(built_site, budgets.source_pages(ROOT / "docs"), prefix)
    problems = budgets.listing_failures(built_site, page, plain, prefix)
    assert not problems, f"{page}: {'; '.join(problems)}"


def test_heavier_markup_per_listed_item_fails(built_site, prefix, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / "timeline-sources" / "index.html"
    html = page.read_text(encoding="utf-8")
    # every item also carries markup no reader sees, different each time (gzip cannot fold it)
    rng = random.Random(3)
    parts = html.split("<li>")
    planted = parts[0] + "".join(
        f'<li><span hidden data-x="{rng.getrandbits(64):x}"></span>' + part for part in parts[1:]
    )
    page.write_text(planted, encoding="utf-8")
    plain = budgets.plain_page(site, budgets.source_pages(ROOT / "docs"), prefix)
    assert budgets.listing_failures(built_site, "timeline-sources/index.html", plain, prefix) == []
    (problem,) = budgets.listing_failures(site, "timeline-sources/index.html", plain, prefix)
    assert "markup per item grew" in problem


# A heavier template: every event also carries its body's text again, reversed (so gzip cannot
# fold it into the copy it has already seen), in markup no reader sees.
PLANTED = '<p class="tl-planted" hidden>{{ event.body_html|striptags|reverse }}</p>'


def test_heavier_markup_per_event_fails_and_names_the_part(tmp_path, prefix):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = tmp_path / "copy"
    root.mkdir()
    for name in SITE_SOURCES:
        source = ROOT / name
        copy = shutil.copytree if source.is_dir() else shutil.copy2
        copy(source, root / name)
    # the package's template, overridden under its own name from the theme's custom_dir
    package = ROOT / "mkdocs_timeline" / "templates" / "partials" / "timeline.html"
    template = root / "overrides" / "partials" / "timeline.html"
    text = package.read_text(encoding="utf-8")
    assert text.count("</article></li>") == 1, "where an event ends, in the template"
    template.write_text(text.replace("</article></li>", PLANTED + "</article></li>"), "utf-8")
    site = root / "site"
    build(load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site)))

    (growth,) = timeline_growth(site, root / "mkdocs.yml", prefix)
    problems = growth.failures()
    assert len(problems) == 1, growth.breakdown()
    grew = problems[0].split("grew: ", 1)[1]
    assert grew.startswith(budgets.EVENTS + ": "), problems[0]
    for part in (budgets.STRUCTURED, budgets.STYLES, budgets.SCRIPTS, budgets.CONTROLS):
        assert part not in grew, problems[0]


def test_every_built_page_is_weighed(built_site):
    built = {p.relative_to(built_site).as_posix() for p in built_site.rglob("index.html")}
    assert built <= set(PAGES), f"pages not weighed: {sorted(built - set(PAGES))}"


# (That nothing comes from another host is test_pages.py's test_no_asset_from_another_host.)
@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_page_makes_few_requests(built_site, prefix, page):
    weight = budgets.page_weight(built_site, page, prefix)
    problems = budgets.failures(
        gzip_bytes=0, requests=weight.requests, other_hosts=0, timeline=PAGES[page]
    )
    problems += [f"missing file: {path}" for path in weight.missing]
    assert not problems, f"{page}: {'; '.join(problems)}\n{weight.breakdown()}"


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


def test_budget_fails_for_a_planted_big_page(tmp_path):
    site = synthetic_site(tmp_path, picture=budgets.PAGE_BUDGET)  # the picture fills the budget
    weight = budgets.page_weight(site, "sub/index.html")
    found = budgets.failures(
        gzip_bytes=weight.gzip_bytes, requests=weight.requests, other_hosts=0, timeline=False
    )
    assert weight.gzip_bytes > budgets.PAGE_BUDGET
    assert found == [f"{weight.gzip_bytes / 1000:.1f} KB gzip > 100 KB"]


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
    # a timeline page's bytes are judged by how they grow (below), its requests as any page's
    assert budgets.failures(gzip_bytes=500_000, requests=8, other_hosts=0, timeline=True) == []
    assert budgets.failures(gzip_bytes=1, requests=9, other_hosts=0, timeline=True) != []


# ---- How a timeline page grows, on a small synthetic site ---------------------------------

PLAIN = """<!doctype html><html><head><style>body { margin: 0 }</style>
<script src="../bundle.js"></script></head><body><p>Some prose.</p></body></html>"""
TIMELINE = """<!doctype html><html><head><style>body { margin: 0 } STYLE</style>
<script src="bundle.js"></script></head><body><p>Some prose.</p>
<section class="tl"><h2>Timeline</h2><form>CONTROLS</form>
<ol class="tl-eras"><li><ol>EVENTS</ol></li></ol>JSONLD</section>
<script src="timeline.js"></script></body></html>"""


def noise(size: int, seed: int) -> str:
    """Text gzip shrinks only to about half: `size` hex digits."""
    return random.Random(seed).randbytes(size // 2).hex()


def timeline_site(tmp_path: Path, *, events=4000, script=500, style=0, jsonld=0) -> Path:
    """A plain page and a timeline page whose parts are `noise` of the sizes given."""
    parts = {
        "STYLE": noise(style, 1),
        "CONTROLS": noise(400, 2),
        "EVENTS": "".join(
            f"<li><article>{noise(events // 10, n)}</article></li>" for n in range(10)
        ),
        "JSONLD": f'<script type="application/ld+json">"{noise(jsonld, 3)}"</script>'
        if jsonld
        else "",
    }
    html = TIMELINE
    for key, value in parts.items():
        html = html.replace(key, value)
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "index.html").write_text(PLAIN, encoding="utf-8")
    (tmp_path / "index.html").write_text(html, encoding="utf-8")
    (tmp_path / "bundle.js").write_bytes(incompressible(2000, seed=4))
    (tmp_path / "timeline.js").write_bytes(incompressible(script, seed=5))
    return tmp_path


def synthetic_growth(site: Path, text: int = 4000) -> budgets.Growth:
    return budgets.growth(site, "index.html", "plain/index.html", noise(text, 6), 10)


def test_growth_parts_add_up_to_the_bytes_beyond_the_plain_page(tmp_path):
    site = timeline_site(tmp_path)
    growth = synthetic_growth(site)
    total = budgets.page_weight(site, "index.html").gzip_bytes
    plain = budgets.page_weight(site, "plain/index.html").gzip_bytes
    assert growth.extra == total - plain
    script = budgets.gzip_size((site / "timeline.js").read_bytes())
    assert script <= growth.parts[budgets.SCRIPTS] <= script + 30  # the file and its tag
    assert growth.parts[budgets.STRUCTURED] == 0
    assert 1900 < growth.parts[budgets.EVENTS] < 2400  # 4000 hex digits: about 2 KB gzip
    assert growth.text == budgets.gzip_size(noise(4000, 6).encode())
    assert growth.failures() == []


@pytest.mark.parametrize(
    ("planted", "part"),
    [
        # each past CONTROLS_BUDGET (14.3 KB) + 1.25 x the 2.3 KB of text on its own
        ({"events": 40_000}, budgets.EVENTS),
        ({"script": 18_000}, budgets.SCRIPTS),
        ({"style": 34_000}, budgets.STYLES),
        ({"jsonld": 34_000}, budgets.STRUCTURED),
    ],
    ids=["events", "scripts", "styles", "json-ld"],
)
def test_growth_beyond_the_budget_names_the_part_that_grew(tmp_path, planted, part):
    growth = synthetic_growth(timeline_site(tmp_path, **planted))
    assert growth.extra > growth.budget
    (problem,) = growth.failures()
    assert problem.startswith(f"{growth.extra / 1000:.1f} KB gzip beyond the plain page")
    grew = problem.split("grew: ", 1)[1]
    assert grew.startswith(part + ": ") and grew.count(" > its share ") == 1, problem


def test_event_text_is_what_a_reader_reads_of_each_event():
    from markupsafe import Markup

    from mkdocs_timeline.dates import PartialDate
    from mkdocs_timeline.model import (
        Era,
        Event,
        Evidence,
        Kind,
        Media,
        Recommendation,
        Source,
        Timeline,
    )  # fmt: skip

    diplomacy = Kind("diplomacy", "Diplomacy")

    era = Era("obama", "Obama administration", PartialDate.parse("2009-01-20"), None)
    event = Event(
        id="kampala",
        title="Review Conference in Kampala",
        date=PartialDate.parse("2010-05-31"),
        end_date=PartialDate.parse("2010-06-11"),
        kind=diplomacy,
        era=era,
        body_html=Markup('<p>The <a href="https://example.org/x">first</a> review.</p>'),
        sources=(Source("Report", "https://example.org/report"),),
        media=Media("img.jpg", "A hall", "The hall", "UN Photo"),
        recommendations=(Recommendation("engage", "Engage the Court"),),
        evidence=Evidence(Source("Report", "https://example.org/report"), "on 31 May 2010"),
        body_text="The first review.",
    )
    timeline = Timeline("T", [], [event, event], [])
    one = "\n".join([
        "31 May – 11 June 2010", "Review Conference in Kampala",
        diplomacy.label, "The first review.", "Report",
        "https://example.org/report", "on 31 May 2010", "Engage the Court", "A hall",
        "The hall", "UN Photo",
    ])  # fmt: skip
    assert budgets.event_text(timeline) == one + "\n\n" + one
