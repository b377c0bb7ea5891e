"""Section statuses (option `sections.status_file`): golden cases and a tiny site's build.

Each `cases/status/*.yml` holds a status file (`input`), checked against the tiny site's
sections page and timeline (tests/package/conftest.py), and either `errors` (the exact
build error) or `statuses` (`section status checked events…` of each, in page order).
"""

from __future__ import annotations

import logging
import re
from datetime import date
from pathlib import Path

import pytest

from mkdocs_timeline.errors import TimelineError
from mkdocs_timeline.status import latest_day, parse_statuses
from mkdocs_timeline.validate import parse_timeline

from .conftest import CASES, timeline_yaml

STATUS_CASES = sorted((CASES / "status").glob("*.yml"))
TODAY = date(2026, 12, 1)

GOOD = """\
sections:
  - id: accept-information-and-evidence-from-icc
    status: partly-acted-on
    checked: 2026-11-30
    reading: The Act <restricts> cooperation.
    events: [aspa-signed]
"""


@pytest.fixture(scope="module")
def events(case_site):
    timeline = parse_timeline(timeline_yaml().encode(), "data/timeline.yml", case_site)
    return {event.id: event for event in timeline.events}


def parse(data: str, case_site, events):
    return parse_statuses(
        data.encode(), "data/recommendations.yml", case_site.recommendations, events,
        "task-force-recommendations.md", TODAY,
    )  # fmt: skip


@pytest.mark.parametrize("case_file", STATUS_CASES, ids=[p.stem for p in STATUS_CASES])
def test_status_case(case_file: Path, case_site, events) -> None:
    import yaml

    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    assert case_file.read_text(encoding="utf-8").startswith("# ")
    if "errors" in case:
        with pytest.raises(TimelineError) as caught:
            parse(case["input"], case_site, events)
        assert str(caught.value).splitlines() == case["errors"].splitlines()
    else:
        board = parse(case["input"], case_site, events)
        got = [
            " ".join([s.section.id, s.status.id, s.checked.iso, *(e.id for e in s.events)])
            for s in board.sections
        ]
        assert got == case["statuses"]


def test_counts_and_order(case_site, events) -> None:
    board = parse(GOOD, case_site, events)
    assert [(s.id, s.count) for s in board.statuses][:2] == [
        ("acted-on", 0),
        ("partly-acted-on", 1),
    ]
    assert board.of("accept-information-and-evidence-from-icc") is board.sections[0]
    assert board.of("support-victims-and-survivors") is None


def test_latest_day_follows_source_date_epoch() -> None:
    assert latest_day({"SOURCE_DATE_EPOCH": str(4102444800)}) == date(2100, 1, 1)
    assert latest_day({}) >= date.today()


def _site_with_statuses(site_factory, status: str) -> Path:
    config = site_factory()
    text = config.read_text(encoding="utf-8").replace(
        "        label: Related Task Force recommendation\n",
        "        label: Related Task Force recommendation\n"
        "        status_file: recommendations.yml\n"
        "        noun: recommendation\n",
    )
    config.write_text(text, encoding="utf-8")
    (config.parent / "data" / "recommendations.yml").write_text(status, encoding="utf-8")
    return config


def test_the_build_shows_each_status_and_the_summary(site_factory, build_site) -> None:
    config = _site_with_statuses(site_factory, GOOD)
    site = build_site(config).site_dir
    html = (site / "task-force-recommendations" / "index.html").read_text(encoding="utf-8")
    table = html.split('<div class="tl-status-summary">', 1)[1].split("</table>", 1)[0]
    assert '<a href="#accept-information-and-evidence-from-icc">' in table
    assert "Where each recommendation stands: 1 recommendations" in table
    assert '<option value="partly-acted-on">Partly acted on (1)</option>' in table
    # the table stands before the first section; the status right under its heading
    assert html.index("tl-status-summary") < html.index('id="accept-information')
    section = html.split('id="accept-information-and-evidence-from-icc"', 1)[1]
    status = section.split('<div class="tl-status"', 1)[1].split("</div>", 1)[0]
    assert "The Act &lt;restricts&gt; cooperation." in status  # escaped, from YAML
    assert '<time datetime="2026-11-30">30 November 2026</time>' in status
    assert re.search(r'<a href="\.\./relationship/#aspa-signed">[^<]+</a>', status)
    assert section.index('class="tl-status"') < section.index('class="tl-related"')
    # link_assets (the default): the page links the package's status assets
    assert (site / "assets" / "javascripts" / "timeline-status.js").is_file()
    assert "../assets/stylesheets/timeline-status.css" in html


def build_error(build_site, config: Path, caplog) -> str:
    """The one error a failing build logged."""
    built = build_site(config, expect_ok=False)
    assert not built.ok, built
    errors = [r.getMessage() for r in built.records if r.levelno >= logging.ERROR]
    caplog.clear()
    assert len(errors) == 1, built
    return errors[0]


def test_the_build_refuses_a_status_without_events(site_factory, build_site, caplog) -> None:
    planted = GOOD.replace("    events: [aspa-signed]\n", "")
    config = _site_with_statuses(site_factory, planted)
    error = build_error(build_site, config, caplog)
    assert error.splitlines()[1] == (
        "data/recommendations.yml:3:13: section 'accept-information-and-evidence-from-icc': "
        "status 'partly-acted-on' cites no events; expected 'events:' with the id of at least "
        "one timeline event that shows it, or a status that needs none (no-public-action-found)"
    )


def test_a_missing_status_file_is_named(site_factory, build_site, caplog) -> None:
    config = _site_with_statuses(site_factory, GOOD)
    (config.parent / "data" / "recommendations.yml").unlink()
    error = build_error(build_site, config, caplog)
    assert "'sections.status_file: recommendations.yml' names no file in 'data/'" in error
