"""What timelines are checked against: files under docs/ and the recommendation headings."""

from __future__ import annotations

from dataclasses import replace

from markdown.extensions.toc import slugify

from mkdocs_timeline.site import read_headings
from mkdocs_timeline.validate import parse_timeline

from .conftest import timeline_yaml


def test_headings_use_explicit_ids_or_the_toc_slug() -> None:
    markdown = (
        "# Title\n\n"
        "## Accept Evidence { #accept-evidence }\n\n"
        "## Support Victims and Survivors\n\n"
        "```markdown\n## Not a heading\n```\n\n"
        "### A subsection\n\n"
        "## Closing hashes ##\n"
        "## Attributes {: #with-colon .class }\n"
    )
    assert read_headings(markdown, lambda text: slugify(text, "-")) == [
        ("accept-evidence", "Accept Evidence"),
        ("support-victims-and-survivors", "Support Victims and Survivors"),
        ("closing-hashes", "Closing hashes"),
        ("with-colon", "Attributes"),
    ]


def test_site_paths_are_normalised_and_stay_under_docs(case_site) -> None:
    assert case_site.url_of("images/photo.jpg") == "images/photo.jpg"
    assert case_site.url_of("./images/../images/photo.jpg") == "images/photo.jpg"
    assert case_site.url_of("task-force-recommendations.md") == "task-force-recommendations/"
    assert case_site.url_of("../mkdocs.yml") is None
    assert case_site.url_of("missing.md") is None


def test_without_the_recommendations_page_ids_are_kept_unlinked(case_site) -> None:
    site = replace(case_site, recommendations=None)
    timeline = parse_timeline(timeline_yaml().encode(), "data/timeline.yml", site)
    (recommendation,) = timeline.events[1].recommendations
    assert (recommendation.id, recommendation.title, recommendation.url) == (
        "accept-information-and-evidence-from-icc",
        None,
        None,
    )


def test_recommendations_link_to_their_heading(case_site) -> None:
    timeline = parse_timeline(timeline_yaml().encode(), "data/timeline.yml", case_site)
    (recommendation,) = timeline.relocated("../").events[1].recommendations
    assert recommendation.title == "Accept Information and Evidence from ICC"
    assert (
        recommendation.url
        == "../task-force-recommendations/#accept-information-and-evidence-from-icc"
    )
