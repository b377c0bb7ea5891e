"""Sources are judged by publisher (data/source-quality.yml); no event rests on weak ones."""

from __future__ import annotations

import pytest

from mkdocs_timeline.model import Source
from mkdocs_timeline.source_quality import SourceQuality, host_of

from .conftest import ROOT

QUALITY = SourceQuality.read(ROOT / "data" / "source-quality.yml")


@pytest.fixture(scope="module")
def real_timeline():
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from mkdocs_timeline.plugin import mkdocs_site
    from mkdocs_timeline.validate import load_timeline

    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    site = mkdocs_site(get_files(config), config, config.plugins["timeline"].config)
    return load_timeline(ROOT / "data" / "timeline.yml", "data/timeline.yml", site)


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.state.gov/releases/2025/06/x", "state.gov"),
        ("https://2009-2017.state.gov/j/gcj/", "2009-2017.state.gov"),
        ("https://web.archive.org/web/2010/http://www.state.gov/x", "state.gov"),
        ("https://web.archive.org/web/20070623020724/http:/www.icc-cpi.int/x.html", "icc-cpi.int"),
        (
            "https://cybercemetery.unt.edu/archive/oilspill/2013/http://www.loc.gov/exhibits/x",
            "loc.gov",
        ),
    ],
)
def test_host_looks_through_web_archive_copies(url: str, host: str) -> None:
    assert host_of(url) == host


def test_publishers_match_their_subdomains_only() -> None:
    assert QUALITY.is_primary(Source("t", "https://asp.icc-cpi.int/x"))
    assert not QUALITY.is_primary(Source("t", "https://icc-cpi.int.example.com/x"))
    assert not QUALITY.is_primary(Source("t", "https://notstate.gov/x"))


def test_no_publisher_is_both_primary_and_weak() -> None:
    assert set(QUALITY.primary).isdisjoint(QUALITY.weak)


def test_no_event_rests_only_on_weak_sources(real_timeline) -> None:
    weak = [e.id for e in real_timeline.events if QUALITY.only_weak(e)]
    assert weak == [], (
        f"events {weak} cite only sources listed as weak in data/source-quality.yml; "
        "add a primary or reputable source to each"
    )


def test_a_party_statement_is_primary_only_for_the_event_it_is_listed_for(real_timeline) -> None:
    events = {e.id: e for e in real_timeline.events}
    quality = SourceQuality((), (), {"sadat-v-trump-lawsuit": ("aclu.org",)})
    assert quality.has_primary(events["sadat-v-trump-lawsuit"])
    other = events["sadat-v-trump-lawsuit"]
    assert not SourceQuality((), (), {"osji-v-trump-lawsuit": ("aclu.org",)}).has_primary(other)
    assert not quality.is_primary(other.sources[0])


def test_party_statements_name_events_that_exist(real_timeline) -> None:
    ids = {e.id for e in real_timeline.events}
    unknown = sorted(set(QUALITY.parties) - ids)
    assert unknown == [], f"party_statements in data/source-quality.yml name no event: {unknown}"
