"""The timeline plugin's own tests: a tiny site to validate against and to build (with
`build_site`, tests/conftest.py), and no MkDocs warning that a test did not expect."""

from __future__ import annotations

import logging
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from harness import ROOT

CASES = Path(__file__).parent / "cases"

RECOMMENDATIONS_PAGE = """\
    # Task Force recommendations

    ## Accept Information and Evidence from ICC { #accept-information-and-evidence-from-icc }

    Text.

    ## Support Victims and Survivors

    Text.
    """

ERAS = """\
    eras:
      - id: clinton
        label: Clinton administration
        start: 1993-01-20
        end: 2001-01-20
      - id: george-w-bush
        label: George W. Bush administration
        start: 2001-01-20
        end: 2009-01-20
      - id: obama
        label: Obama administration
        start: 2009-01-20
    """

EVENTS = """\
    events:
      - id: rome-statute-adopted
        date: 1998-07-17
        title: Rome Statute adopted
        kind: treaty
        body: >-
          The *Rome Statute* was adopted in Rome; see the
          [recommendations](task-force-recommendations.md#support-victims-and-survivors).
        sources:
          - title: Rome Statute
            url: https://legal.un.org/icc/statute/romefra.htm
            publisher: United Nations
            type: primary
        media:
          src: images/photo.jpg
          alt: Delegates in the conference hall
          caption: The conference in Rome
          credit: UN Photo
      - id: aspa-signed
        date: 2002-08-02
        title: American Service-Members' Protection Act signed
        kind: legislation
        body: |
          The Act restricts **cooperation** with the Court.

          It was part of an appropriations law.
        sources:
          - title: H.R. 4775
            url: https://www.congress.gov/bill/107th-congress/house-bill/4775
            publisher: U.S. Congress (Library of Congress)
            type: primary
          - title: Public Law 107-206
            url: https://www.govinfo.gov/app/details/PLAW-107publ206
            publisher: U.S. Government Publishing Office
            type: primary
        recommendations:
          - accept-information-and-evidence-from-icc
      - id: kampala-review-conference
        date: 2010-05-31
        end_date: 2010-06-11
        title: Review Conference in Kampala
        kind: diplomacy
        body: The United States attended as an observer.
        sources:
          - title: Review Conference
            url: https://asp.icc-cpi.int/review-conference
            publisher: International Criminal Court
            type: primary
    """


def timeline_yaml(events: str = EVENTS, eras: str = ERAS, title: str = "Test timeline") -> str:
    """A timeline file with the given (dedented) eras and events blocks."""
    return f"title: {title}\n" + textwrap.dedent(eras) + textwrap.dedent(events)


def make_site(folder: Path, data: str, *, page_extra: str = "", **config: str) -> Path:
    """Write a tiny site (config, pages, an image, the data file); return its mkdocs.yml."""
    docs = folder / "docs"
    (docs / "images").mkdir(parents=True, exist_ok=True)
    (folder / "data").mkdir(exist_ok=True)
    (docs / "images" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    (docs / "index.md").write_text(
        "# Home\n\nSee [the Act](relationship.md#aspa-signed) and [the eras](relationship.md#era-clinton).\n",
        encoding="utf-8",
    )
    (docs / "task-force-recommendations.md").write_text(
        textwrap.dedent(RECOMMENDATIONS_PAGE), encoding="utf-8"
    )
    (docs / "relationship.md").write_text(
        "---\ntitle: Relationship\ntimeline: timeline.yml\n---\n\n# Relationship\n\n"
        "## Introduction\n\nBefore the timeline.\n\n<!-- timeline -->\n\n## After\n\nAfter it.\n"
        + page_extra,
        encoding="utf-8",
    )
    (folder / "data" / "timeline.yml").write_text(data, encoding="utf-8")
    settings = {
        "site_name": "Test",
        "site_url": "https://example.org/site/",
        "strict": "true",
        **config,
    }
    lines = [f"{key}: {value}" for key, value in settings.items()]
    lines += [
        "theme:",
        "  name: material",
        f"  custom_dir: {ROOT / 'overrides'}",
        "plugins:",
        "  - search",
        "  - timeline:",
        "      sections:",
        "        page: task-force-recommendations.md",
        "        label: Related Task Force recommendation",
        "hooks:  # the theme's templates use its filters (cssmin)",
        f"  - {ROOT / 'hooks' / 'minify.py'}",
        "markdown_extensions:",
        "  - attr_list",
        "  - toc:",
        "      permalink: true",
        "validation:",
        "  anchors: warn",
        "  unrecognized_links: warn",
    ]
    config_file = folder / "mkdocs.yml"
    config_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config_file


@pytest.fixture(scope="session")
def case_site(tmp_path_factory):
    """The `Site` (files and recommendations) the golden cases are checked against."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from mkdocs_timeline.plugin import mkdocs_site

    folder = tmp_path_factory.mktemp("case-site")
    config = load_config(config_file=str(make_site(folder, timeline_yaml())))
    sections = {"page": "task-force-recommendations.md", "key": "recommendations", "label": "x"}
    return mkdocs_site(get_files(config), config, {"sections": sections})


@pytest.fixture
def site_factory(tmp_path) -> Callable[..., Path]:
    """Make a tiny site in a temporary folder; returns its mkdocs.yml."""
    return lambda data=None, **kwargs: make_site(tmp_path, data or timeline_yaml(), **kwargs)


@pytest.fixture(autouse=True)
def fail_on_warnings(caplog) -> Iterator[None]:
    """Fail any test that makes MkDocs (or a plugin) log a warning it did not expect.

    A test that expects warnings clears `caplog` after checking them.
    """
    caplog.set_level(logging.INFO, logger="mkdocs")
    yield
    warnings = [
        r.getMessage()
        for r in caplog.records
        if r.levelno >= logging.WARNING and r.name.startswith("mkdocs")
    ]
    if warnings:
        pytest.fail("unexpected warnings:\n" + "\n".join(warnings))
