"""CITATION.cff, the machine-readable citation of the site as a whole, is valid Citation File
Format 1.2.0 (against the official schema, kept in tests/tooling/schemas/, offline) and agrees
with mkdocs.yml."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
import yaml
from harness import ROOT

CFF = ROOT / "CITATION.cff"
SCHEMA = ROOT / "tests" / "tooling" / "schemas" / "citation-cff-1.2.0.json"


class CffLoader(yaml.SafeLoader):
    """YAML as CFF tools read it: `date-released: 2026-11-23` stays the text the schema checks
    (PyYAML alone would make it a date object, which JSON Schema cannot check)."""


CffLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def problems(data) -> list[str]:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
        for e in validator.iter_errors(data)
    ]


@pytest.fixture(scope="module")
def cff() -> dict:
    return yaml.load(CFF.read_text(encoding="utf-8"), Loader=CffLoader)


def test_the_schema_is_the_official_one():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$id"] == "https://citation-file-format.github.io/1.2.0/schema.json"


def test_citation_cff_is_valid(cff):
    assert not problems(cff), "\n".join(problems(cff))


@pytest.mark.parametrize(
    "change, wrong",
    [
        (lambda d: d.pop("authors"), "'authors' is a required property"),
        (lambda d: d.update({"date-released": "2026-13-40"}), "is not a 'date'"),
        (lambda d: d.update({"cff-version": "1.1.0"}), "does not match"),
        (
            lambda d: d.update({"license": "CC BY 4.0"}),
            "is not valid under any of the given schemas",
        ),
        (lambda d: d.update({"doi": "not-a-doi"}), "does not match"),
    ],
)
def test_the_check_catches_a_broken_citation(cff, change, wrong):
    broken = json.loads(json.dumps(cff))
    change(broken)
    found = problems(broken)
    assert any(wrong in p for p in found), found


def mkdocs_defaults() -> dict:
    """mkdocs.yml with each `!ENV [NAME, default]` read as its default."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
    Loader.add_multi_constructor(
        "tag:yaml.org,2002:python/name:", lambda loader, suffix, node: None
    )
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def test_citation_agrees_with_the_site(cff):
    site = mkdocs_defaults()
    assert cff["title"] == site["site_name"]
    assert cff["url"] == site["site_url"]
    assert cff["repository-code"] == site["repo_url"]
    assert " ".join(cff["abstract"].split()) == " ".join(site["site_description"].split())
    # the project as an entity: no invented people
    assert cff["authors"] == [{"name": site["site_author"]}]  # as in the feed's author
    assert "doi" not in cff and "identifiers" not in cff


def test_release_date_is_a_past_date(cff):
    released = dt.date.fromisoformat(cff["date-released"])
    assert released <= dt.datetime.now(dt.timezone(dt.timedelta(hours=14))).date()
