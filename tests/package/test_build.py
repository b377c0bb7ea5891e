"""Build a tiny site in-process into tmp_path (`build_site`) and look at what the plugin
produced."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from pathlib import Path

import pytest
from harness import build

from mkdocs_timeline.timelinejs import CSV_COLUMNS

from .conftest import make_site, timeline_yaml

EVENT_IDS = ["rome-statute-adopted", "aspa-signed", "kampala-review-conference"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The tiny site, built once for the tests that only read it."""
    folder = tmp_path_factory.mktemp("tiny-site")
    return build(make_site(folder, timeline_yaml()), folder / "site").site_dir


def page_html(site: Path) -> str:
    return (site / "relationship" / "index.html").read_text(encoding="utf-8")


def test_every_event_is_in_the_page(built: Path) -> None:
    html = page_html(built)
    for event_id in EVENT_IDS:
        assert f'<h4 class="tl-event__title" id="{event_id}" itemprop="name">' in html
        assert f'<a class="tl-event__permalink" href="#{event_id}"' in html
    assert '<time datetime="1998-07-17" itemprop="startDate">17 July 1998</time>' in html
    assert (
        html.index("rome-statute-adopted")
        < html.index('id="aspa-signed"')
        < html.index('id="kampala-review')
    )


def test_timeline_is_one_raw_block_where_the_marker_was(built: Path) -> None:
    html = page_html(built)
    assert "&lt;article" not in html and "<p><section" not in html and "<p><article" not in html
    assert "<!-- timeline -->" not in html
    assert (
        html.index('id="introduction"')
        < html.index('<section class="tl"')
        < html.index('id="after"')
    )


def test_body_links_media_and_recommendations_are_page_relative(built: Path) -> None:
    html = page_html(built)
    assert 'href="../task-force-recommendations/#support-victims-and-survivors"' in html
    assert 'href="../task-force-recommendations/#accept-information-and-evidence-from-icc"' in html
    assert 'src="../images/photo.jpg"' in html
    assert 'href="../exports/timeline.json"' in html and 'href="../exports/timeline.csv"' in html


def test_era_headings_are_in_the_table_of_contents(built: Path) -> None:
    html = page_html(built)
    toc = html[html.index('class="md-nav md-nav--secondary"') : html.index('class="md-content"')]
    links = list(dict.fromkeys(re.findall(r'href="#([^"]+)"', toc)))
    assert links == [
        "introduction",
        "timeline-heading",
        "era-clinton",
        "era-george-w-bush",
        "era-obama",
        "cite-an-event",
        "after",
    ]


def test_events_are_in_the_search_index_with_their_anchors(built: Path) -> None:
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    by_location = {doc["location"]: doc for doc in index["docs"]}
    for event_id in EVENT_IDS:
        assert f"relationship/#{event_id}" in by_location
    assert "observer" in by_location["relationship/#kampala-review-conference"]["text"]
    assert (
        by_location["relationship/#aspa-signed"]["title"]
        == "American Service-Members' Protection Act signed"
    )


def test_exports_are_written(built: Path) -> None:
    data = json.loads((built / "exports" / "timeline.json").read_text(encoding="utf-8"))
    assert [event["unique_id"] for event in data["events"]] == EVENT_IDS
    assert data["events"][0]["media"]["url"] == "https://example.org/site/images/photo.jpg"
    text = (built / "exports" / "timeline.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert "\r" not in text


def test_links_to_events_from_other_pages_are_checked(site_factory, build_site, caplog) -> None:
    config = site_factory()
    index = config.parent / "docs" / "index.md"
    index.write_text("# Home\n\nSee [nothing](relationship.md#no-such-event).\n", encoding="utf-8")
    built = build_site(config, expect_ok=False)
    assert not built.ok and "strict mode" in built.output, built
    assert any("no-such-event" in message for message in built.messages(logging.WARNING)), built
    caplog.clear()


def build_error(build_site, config: Path, caplog) -> str:
    """The error a failing build logged (MkDocs logs a plugin's error, then aborts)."""
    built = build_site(config, expect_ok=False)
    assert not built.ok, built
    errors = [r.getMessage() for r in built.records if r.levelno >= logging.ERROR]
    caplog.clear()
    assert len(errors) == 1, built
    return errors[0]


def test_bad_data_stops_the_build_and_writes_nothing(site_factory, build_site, caplog) -> None:
    config = site_factory(timeline_yaml().replace("date: 2002-08-02", "date: 2002-02-30"))
    site = config.parent / "site"
    assert build_error(build_site, config, caplog).splitlines() == [
        "Error reading timeline file 'data/timeline.yml': 1 problem",
        "data/timeline.yml:33:11: event 'aspa-signed': date '2002-02-30' is not a real date "
        "(February 2002 has 28 days); write a real date as YYYY-MM-DD (e.g. 1998-07-17), YYYY-MM or YYYY",
    ]
    assert not site.exists() or not any(site.iterdir())


def set_front_matter(config: Path, value: str) -> None:
    page = config.parent / "docs" / "relationship.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("timeline: timeline.yml", f"timeline: {value}"),
        encoding="utf-8",
    )


def test_missing_timeline_file_names_the_page(site_factory, build_site, caplog) -> None:
    config = site_factory()
    set_front_matter(config, "nope.yml")
    message = build_error(build_site, config, caplog)
    assert message.startswith(
        "Page 'relationship.md': front matter 'timeline: nope.yml' names no file in 'data/'"
    )


def test_timeline_file_outside_the_data_folder_is_refused(site_factory, build_site, caplog):
    config = site_factory()
    set_front_matter(config, "../mkdocs.yml")
    assert "names no file in 'data/'" in build_error(build_site, config, caplog)


def test_timeline_front_matter_must_be_a_file_name(site_factory, build_site, caplog) -> None:
    config = site_factory()
    set_front_matter(config, "[a, b]")
    message = build_error(build_site, config, caplog)
    assert message.startswith(
        "Page 'relationship.md': front matter 'timeline: ['a', 'b']' is not a file name"
    )


def test_without_marker_the_timeline_goes_at_the_end(site_factory, build_site) -> None:
    config = site_factory()
    page = config.parent / "docs" / "relationship.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("<!-- timeline -->\n", ""), encoding="utf-8"
    )
    html = page_html(build_site(config).site_dir)
    assert html.index('id="after"') < html.index('<section class="tl"')


def test_disabled_plugin_does_nothing(site_factory, build_site) -> None:
    config = site_factory()
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - timeline:\n", "  - timeline:\n      enabled: false\n"
        ),
        encoding="utf-8",
    )
    (config.parent / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    site = build_site(config).site_dir
    assert '<section class="tl"' not in page_html(site)
    assert not (site / "exports").exists()


def test_serve_watches_the_data_folder(site_factory) -> None:
    from mkdocs.config import load_config

    config = load_config(config_file=str(site_factory()))
    plugin = config.plugins["timeline"]
    plugin.on_config(config)

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = Server()
    plugin.on_serve(server, config=config, builder=None)
    assert server.watched == [str(Path(config.config_file_path).parent / "data")]


def test_anchors_in_body_links_are_checked(site_factory, build_site, caplog) -> None:
    data = timeline_yaml().replace(
        "The United States attended as an observer.",
        "See [the Act](#aspa-signed), [nothing](#no-such-event) and [a section](index.md#nowhere).",
    )
    built = build_site(site_factory(data), expect_ok=False)
    assert not built.ok, built
    warnings = sorted(built.messages(logging.WARNING))
    caplog.clear()
    assert warnings == [
        "Doc file 'relationship.md' contains a link '#no-such-event (in data/timeline.yml:56, "
        "event 'kampala-review-conference')', but there is no such anchor on this page.",
        "Doc file 'relationship.md' contains a link 'index.md#nowhere (in data/timeline.yml:56, "
        "event 'kampala-review-conference')', but the doc 'index.md' does not contain an anchor '#nowhere'.",
    ]
