"""Sources as records: the typed `Source`, the primary-publisher warning, the sources
page's model and markup, the exports' source fields, and scripts/migrate_sources.py."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from harness import ROOT

from mkdocs_timeline.dates import PartialDate
from mkdocs_timeline.model import Archived, Source
from mkdocs_timeline.render import Renderer
from mkdocs_timeline.sources import source_index
from mkdocs_timeline.timelinejs import read_text
from mkdocs_timeline.validate import parse_timeline

from .conftest import EVENTS, timeline_yaml

WAYBACK = "https://web.archive.org/web/20070623020724/http:/www.icc-cpi.int/press/132.html"


def test_an_archive_address_is_a_copy_of_the_page_it_keeps() -> None:
    source = Source("t", WAYBACK, "International Criminal Court", True)
    assert source.copy_of == Archived(
        "http://www.icc-cpi.int/press/132.html", PartialDate(2007, 6, 23)
    )
    assert source.original == "http://www.icc-cpi.int/press/132.html"
    assert source.version == Archived(WAYBACK, PartialDate(2007, 6, 23))


def test_a_live_address_has_only_the_copy_it_is_given() -> None:
    live = Source("t", "https://www.state.gov/x", "U.S. Department of State", True)
    assert live.copy_of is None and live.version is None and live.original == live.url
    copy = Archived(
        "https://web.archive.org/web/2024/https://www.state.gov/x", PartialDate(2024, 1, 2)
    )
    assert replace(live, archived=copy).version == copy


WITH_RECORD = EVENTS.replace(
    "            type: primary\n        media:",
    "            type: primary\n"
    "            published: 1998-07-17\n"
    "            archived:\n"
    "              url: https://web.archive.org/web/20240102030405/https://legal.un.org/icc/statute/romefra.htm\n"
    "              date: 2024-01-02\n"
    "        media:",
    1,
)


def test_a_source_record_is_read_whole(case_site) -> None:
    timeline = parse_timeline(timeline_yaml(WITH_RECORD).encode(), "data/timeline.yml", case_site)
    source = timeline.events[0].sources[0]
    assert (source.publisher, source.type, source.published) == (
        "United Nations", "primary", PartialDate(1998, 7, 17)
    )  # fmt: skip
    assert source.archived == Archived(
        "https://web.archive.org/web/20240102030405/https://legal.un.org/icc/statute/romefra.htm",
        PartialDate(2024, 1, 2),
    )


UNLISTED = EVENTS.replace("https://asp.icc-cpi.int/review-conference", "https://example.gov/rc")


def test_a_primary_source_on_an_unlisted_host_is_a_warning(case_site) -> None:
    site = replace(case_site, primary_publishers=("un.org", "congress.gov", "govinfo.gov"),
                   primary_list="'primary:' in data/q.yml")  # fmt: skip
    timeline = parse_timeline(timeline_yaml(UNLISTED).encode(), "data/timeline.yml", site)
    assert timeline.warnings == (
        "data/timeline.yml:61:15: event 'kampala-review-conference': source 1: type 'primary', "
        "but 'example.gov' is not on the list of primary publishers ('primary:' in data/q.yml); "
        "if this is the document itself or the body that acted, add its host to that list or "
        "write 'confirmed: true' under the source; else write 'type: secondary'",
    )
    confirmed = UNLISTED.replace(
        "            url: https://example.gov/rc\n",
        "            url: https://example.gov/rc\n            confirmed: true\n",
    )
    again = parse_timeline(timeline_yaml(confirmed).encode(), "data/timeline.yml", site)
    assert again.warnings == ()
    listed = replace(site, primary_publishers=(*site.primary_publishers, "example.gov"))
    assert parse_timeline(timeline_yaml(UNLISTED).encode(), "x", listed).warnings == ()
    assert parse_timeline(timeline_yaml(UNLISTED).encode(), "x", case_site).warnings == ()


def test_the_warning_fails_a_strict_build(site_factory, build_site, caplog) -> None:
    config = site_factory(timeline_yaml(UNLISTED))
    (config.parent / "data" / "source-quality.yml").write_text(
        "primary:\n  - un.org\n  - congress.gov\n  - govinfo.gov\n", encoding="utf-8"
    )
    text = config.read_text(encoding="utf-8").replace(
        "  - timeline:\n", "  - timeline:\n      primary_publishers: source-quality.yml\n"
    )
    config.write_text(text, encoding="utf-8")
    built = build_site(config, expect_ok=False)
    assert not built.ok
    assert (
        "data/timeline.yml:61:15: event 'kampala-review-conference': source 1: type 'primary'"
        in built.output
    )
    caplog.clear()


def test_the_sources_index_lists_each_address_once_with_its_events(case_site) -> None:
    events = EVENTS.replace(
        "https://asp.icc-cpi.int/review-conference\n            publisher: International Criminal Court",
        "https://www.congress.gov/bill/107th-congress/house-bill/4775\n"
        "            publisher: U.S. Congress (Library of Congress)",
    )
    timeline = parse_timeline(timeline_yaml(events).encode(), "data/timeline.yml", case_site)
    index = source_index(timeline)
    assert index.count == 3
    assert [g.publisher for g in index.primary] == [
        "U.S. Congress (Library of Congress)", "U.S. Government Publishing Office", "United Nations"
    ]  # fmt: skip
    congress = index.primary[0].sources[0]
    assert [e.id for e in congress.events] == ["aspa-signed", "kampala-review-conference"]
    assert index.secondary == ()


def test_exports_carry_the_record_and_read_it_back() -> None:
    copy = Archived("https://web.archive.org/web/2024/https://un.org/x", PartialDate(2024, 1, 2))
    source = Source("Rome", "https://un.org/x", "United Nations", True, PartialDate(1998), copy)
    item = Renderer().render("exports/source-item.html", source=source)
    assert 'data-publisher="United Nations" data-type="primary" data-published="1998"' in item
    assert 'data-originalurl="https://un.org/x"' in item
    assert 'data-versionurl="https://web.archive.org/web/2024/https://un.org/x"' in item
    assert 'data-versiondate="2024-01-02"' in item
    assert "(United Nations; primary source)" in item
    html = f'<p>Body.</p><div class="tl-export"><p>Sources:</p><ul>{item}</ul></div>'
    assert read_text(html, lambda href: href).trailer["sources"] == [
        {
            "title": "Rome",
            "url": "https://un.org/x",
            "publisher": "United Nations",
            "type": "primary",
            "published": "1998",
            "archived": {"url": copy.url, "date": "2024-01-02"},
        }
    ]


# ---- scripts/migrate_sources.py ----------------------------------------------------------


@pytest.fixture(scope="module")
def migrate():
    spec = importlib.util.spec_from_file_location(
        "migrate_sources", ROOT / "scripts" / "migrate_sources.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


BEFORE = """\
# a comment
events:
  - id: a
    sources:
      - title: Treasury  # keeps this comment
        url: https://home.treasury.gov/news/x
      - title: >-
          A long
          title
        url: https://www.justsecurity.org/1/
        publisher: Just Security
    evidence:
      source: https://home.treasury.gov/news/x
"""


def quality(migrate, party: bool = False):
    """A small publisher table (the real one is data/source-quality.yml)."""
    from mkdocs_timeline.source_quality import SourceQuality

    return SourceQuality(
        primary=("treasury.gov",),
        weak=(),
        parties={"a": ("justsecurity.org",)} if party else {},
        publishers={"treasury.gov": "U.S. Department of the Treasury",
                    "justsecurity.org": "Just Security"},
    )  # fmt: skip


def test_migration_marks_a_party_statement_primary_and_confirmed(migrate) -> None:
    text, _, _ = migrate.migrate_text(BEFORE, quality(migrate, party=True))
    assert (
        "        type: primary\n        confirmed: true\n        publisher: Just Security\n" in text
    )


def test_migration_adds_lines_after_url_and_nothing_else(migrate) -> None:
    text, added, unknown = migrate.migrate_text(BEFORE, quality(migrate))
    assert unknown == []
    assert text == BEFORE.replace(
        "        url: https://home.treasury.gov/news/x\n",
        "        url: https://home.treasury.gov/news/x\n"
        "        publisher: U.S. Department of the Treasury\n"
        "        type: primary\n",
    ).replace(
        "        publisher: Just Security\n",
        "        type: secondary\n        publisher: Just Security\n",
    )
    assert [text.split("\n")[i] for i in added] == [
        "        publisher: U.S. Department of the Treasury",
        "        type: primary",
        "        type: secondary",
    ]
    assert migrate.migrate_text(text, quality(migrate))[0] == text  # idempotent


def test_migration_lists_unknown_hosts_and_changes_nothing(migrate, tmp_path: Path, capsys) -> None:
    data = tmp_path / "timeline.yml"
    data.write_text(BEFORE.replace("home.treasury.gov", "www.unknown.example"), encoding="utf-8")
    table = tmp_path / "q.yml"
    table.write_text(
        "primary: [treasury.gov]\npublishers:\n  treasury.gov: U.S. Department of the Treasury\n",
        encoding="utf-8",
    )
    before = data.read_text(encoding="utf-8")
    assert migrate.main(["--quality", str(table), str(data)]) == 2
    err = capsys.readouterr().err
    assert f"{data}:6: https://www.unknown.example/news/x" in err
    assert "Nothing was written." in err
    assert data.read_text(encoding="utf-8") == before


def test_the_real_data_is_migrated(migrate) -> None:
    assert migrate.main(["--check"]) == 0


def test_the_real_data_has_no_unconfirmed_primary_source(real_timeline) -> None:
    assert real_timeline.warnings == ()


@pytest.fixture(scope="module")
def real_timeline():
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from mkdocs_timeline.plugin import mkdocs_site
    from mkdocs_timeline.validate import load_timeline

    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    site = mkdocs_site(get_files(config), config, config.plugins["timeline"].config)
    return load_timeline(ROOT / "data" / "timeline.yml", "data/timeline.yml", site)


def test_sources_page_markup_is_escaped_and_links_events(case_site) -> None:
    from mkdocs_timeline.render import SOURCES, Renderer

    events = EVENTS.replace("title: Rome Statute\n", 'title: "<b>Rome</b> & Statute"\n', 1)
    timeline = parse_timeline(timeline_yaml(events).encode(), "data/timeline.yml", case_site)
    html = Renderer().render(
        SOURCES, index=source_index(timeline), kinds=["primary"], timeline_url="../relationship/"
    )
    assert "&lt;b&gt;Rome&lt;/b&gt; &amp; Statute" in html and "<b>" not in html
    assert (
        '<a href="../relationship/#rome-statute-adopted">Rome Statute adopted</a> (17 July 1998)'
        in html
    )
    assert (
        '<h3 class="tl-sources__publisher" id="primary-united-nations">United Nations</h3>' in html
    )


def test_plain_python_markdown_renders_the_sources_marker(site_factory, monkeypatch) -> None:
    import markdown

    config = site_factory()
    monkeypatch.chdir(config.parent)
    md = markdown.Markdown(extensions=["mkdocs_timeline.markdown"])
    html = md.convert("# Sources\n\n<!-- timeline-sources relationship.md secondary -->\n")
    assert html.startswith("<h1>Sources</h1>")
    assert '<p class="tl-sources__count">0 secondary sources from 0 publishers.</p>' in html
    html = md.reset().convert("<!-- timeline-sources relationship.md -->\n")
    assert '<h2 id="primary-sources">Primary sources</h2>' in html
    assert '<a href="relationship/#aspa-signed">' in html


def test_feed_and_calendar_name_the_publisher_type_and_archived_copy(case_site) -> None:
    from mkdocs_timeline.feed import entry_content
    from mkdocs_timeline.ics import timeline_ics

    timeline = parse_timeline(timeline_yaml(WITH_RECORD).encode(), "data/timeline.yml", case_site)
    event = timeline.events[0]
    copy = event.sources[0].archived
    content = entry_content(event)
    assert (
        '<li><a href="https://legal.un.org/icc/statute/romefra.htm">Rome Statute</a>, '
        f'United Nations (primary source) (<a href="{copy.url}">archived copy</a>)</li>'
    ) in content
    from datetime import UTC, datetime

    ics = timeline_ics(
        [(event, "https://example.org/t/#rome-statute-adopted")],
        name="T", site="T", host="example.org", page_url="https://example.org/t/",
        stamp=datetime(2026, 1, 1, tzinfo=UTC),
    )  # fmt: skip
    unfolded = ics.decode("utf-8").replace("\r\n ", "")
    assert "- Rome Statute (United Nations\\; primary source): https://legal.un.org" in unfolded
    assert f"archived copy (2024-01-02): {copy.url}" in unfolded
