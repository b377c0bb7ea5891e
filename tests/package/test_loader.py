"""Reading the file: encoding, YAML composing, and values read exactly as written."""

from __future__ import annotations

import codecs

import pytest

from mkdocs_timeline.errors import TimelineError
from mkdocs_timeline.validate import parse_timeline

from .conftest import timeline_yaml


def load(text: str | bytes, site):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_timeline(data, "data/timeline.yml", site)


def problems(text: str | bytes, site) -> list[str]:
    with pytest.raises(TimelineError) as caught:
        load(text, site)
    return str(caught.value).splitlines()[1:]


def test_valid_file_loads(case_site) -> None:
    timeline = load(timeline_yaml(), case_site)
    assert [e.id for e in timeline.events] == [
        "rome-statute-adopted",
        "aspa-signed",
        "kampala-review-conference",
    ]
    assert timeline.title == "Test timeline"


def test_byte_order_mark_is_ignored(case_site) -> None:
    assert load(codecs.BOM_UTF8 + timeline_yaml().encode(), case_site).count == 3


def test_not_utf8_after_bom_counts_columns_without_it(case_site) -> None:
    data = codecs.BOM_UTF8 + b"title: caf\xe9\n"
    assert problems(data, case_site) == [
        "data/timeline.yml:1:11: the file is not valid UTF-8 (byte 0xe9 at offset 13); save it as UTF-8"
    ]


def test_scalars_are_read_as_written(case_site) -> None:
    text = (
        timeline_yaml()
        .replace("title: Rome Statute adopted", "title: no")
        .replace("body: The United States attended as an observer.", "body: 1998")
    )
    timeline = load(text, case_site)
    assert timeline.events[0].title == "no"
    assert timeline.events[-1].body_html == "<p>1998</p>"


def test_quoted_null_is_text(case_site) -> None:
    text = timeline_yaml().replace("title: Rome Statute adopted", "title: 'null'")
    assert load(text, case_site).events[0].title == "null"


def test_unquoted_null_title_is_empty(case_site) -> None:
    text = timeline_yaml().replace("title: Rome Statute adopted", "title: ~")
    assert problems(text, case_site) == [
        "data/timeline.yml:17:12: event 'rome-statute-adopted': 'title' is empty; expected a short, neutral title"
    ]


def test_aliases_are_followed_and_merge_keys_are_unknown_keys(case_site) -> None:
    text = (
        timeline_yaml()
        .replace(
            "      - title: H.R. 4775\n        url: https://www.congress.gov/bill/107th-congress/house-bill/4775\n"
            "        publisher: U.S. Congress (Library of Congress)\n        type: primary\n",
            "      - *rome\n",
        )
        .replace("      - title: Rome Statute\n", "      - &rome\n        title: Rome Statute\n")
    )
    assert load(text, case_site).events[1].sources[0].title == "Rome Statute"
    merged = timeline_yaml().replace(
        "    title: Review Conference in Kampala\n", "    <<: {title: x}\n"
    )
    assert "unknown key '<<'" in "\n".join(problems(merged, case_site))


def test_recursive_alias_does_not_loop(case_site) -> None:
    found = problems("title: T\neras: &a [*a]\nevents: &b [*b]\n", case_site)
    assert found[0].startswith("data/timeline.yml:2:")


def test_deep_nesting_is_a_problem_not_a_crash(case_site) -> None:
    found = problems("events: " + "[" * 5000 + "]" * 5000 + "\n", case_site)
    assert found == [
        "data/timeline.yml:1:58: the YAML is nested too deeply; expected events a few levels deep"
    ]


def test_two_documents_are_a_syntax_error(case_site) -> None:
    found = problems(timeline_yaml() + "---\ntitle: again\n", case_site)
    assert (
        found[0].startswith("data/timeline.yml:")
        and "YAML syntax error: expected a single document in the stream but found another document"
        in found[0]
    )


def test_python_tags_are_never_constructed(case_site) -> None:
    text = timeline_yaml().replace(
        "title: Test timeline", "title: !!python/object/apply:os.system ['echo hacked']"
    )
    assert "is a list" in "\n".join(problems(text, case_site))


def test_very_deep_nesting_stops_early(case_site) -> None:
    depth = 200_000
    found = problems("events: " + "[" * depth + "]" * depth + "\n", case_site)
    assert found == [
        "data/timeline.yml:1:58: the YAML is nested too deeply; expected events a few levels deep"
    ]


def test_event_lines_give_each_event_its_id_and_lines() -> None:
    """What scripts/linkcheck points editors at: each event's id, first line and end."""
    from mkdocs_timeline.loader import event_lines

    text = timeline_yaml()
    lines = text.splitlines()
    found = event_lines(codecs.BOM_UTF8 + text.encode())
    assert [e.id for e in found] == [
        "rome-statute-adopted",
        "aspa-signed",
        "kampala-review-conference",
    ]
    for event, after in zip(found, [*found[1:], None], strict=True):
        assert lines[event.line - 1].strip() == f"- id: {event.id}"
        assert event.end == (after.line if after else len(lines) + 1)
    flow = event_lines(b"events:\n  - {id: one, title: x}\n  - id: two\n    title: y\n")
    assert flow == [("one", 2, 3), ("two", 3, 5)]
    assert event_lines(b"events: [\n") == []  # a broken file: the build says why
