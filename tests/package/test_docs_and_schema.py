"""The editors' page, the JSON Schema and the real data agree with the code."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest
import yaml
from harness import ROOT
from jsonschema import Draft202012Validator

from mkdocs_timeline.model import Kind
from mkdocs_timeline.schema import (
    ARCHIVED,
    CORRECTION,
    ERA,
    EVENT,
    EVIDENCE,
    KIND,
    MEDIA,
    SOURCE,
    TIMELINE,
    WITHDRAWN,
)

from .conftest import CASES

SCHEMA_FILE = ROOT / "data" / "timeline.schema.json"
DATA_FILE = ROOT / "data" / "timeline.yml"
EDITORS_PAGE = ROOT / "docs" / "editors" / "timeline-data.md"
# this site's kinds: declared in its data file
KINDS = [Kind(**k) for k in yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))["kinds"]]


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def test_editors_page_lists_exactly_the_kinds_in_code() -> None:
    page = EDITORS_PAGE.read_text(encoding="utf-8")
    section = page[page.index("## Kinds") : page.index("## Eras")]
    rows = re.findall(r"^\| `([a-z-]+)` \| ([^|]+) \| ([^|]+) \|$", section, re.MULTILINE)
    assert [(id, label.strip(), text.strip()) for id, label, text in rows] == [
        (kind.id, kind.label, kind.description) for kind in KINDS
    ]


def test_editors_page_lists_every_event_key() -> None:
    page = EDITORS_PAGE.read_text(encoding="utf-8")
    section = page[page.index("## Events") : page.index("## Kinds")]
    keys = re.findall(r"^\| `([a-z_]+)` \|", section, re.MULTILINE)
    assert keys == EVENT.names + SOURCE.names + EVIDENCE.names + CORRECTION.names + MEDIA.names


def test_editors_page_lists_every_withdrawn_key() -> None:
    page = EDITORS_PAGE.read_text(encoding="utf-8")
    section = page[page.index("## Withdrawn events") : page.index("## A blank event")]
    keys = re.findall(r"^\| `([a-z_]+)` \|", section, re.MULTILINE)
    assert keys == WITHDRAWN.names


def test_editors_page_error_examples_are_real_messages() -> None:
    page = EDITORS_PAGE.read_text(encoding="utf-8")
    examples = re.findall(r"^`(data/timeline\.yml:\d+:\d+: .+)`$", page, re.MULTILINE)
    golden = "\n".join(
        yaml.safe_load(path.read_text(encoding="utf-8")).get("errors", "")
        for path in CASES.glob("*.yml")
    )
    assert len(examples) >= 10
    assert [e for e in examples if e not in golden] == []


def test_schema_is_valid_2020_12(schema: dict) -> None:
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_kinds_equal_the_code(schema: dict) -> None:
    assert schema["$defs"]["kind"]["enum"] == [kind.id for kind in KINDS]


def test_schema_keys_equal_the_code(schema: dict) -> None:
    defs = schema["$defs"]
    for shape, properties in (
        (TIMELINE, schema["properties"]),
        (KIND, defs["kindDeclaration"]["properties"]),
        (ERA, defs["era"]["properties"]),
        (EVENT, defs["event"]["properties"]),
        (SOURCE, defs["source"]["properties"]),
        (ARCHIVED, defs["archived"]["properties"]),
        (EVIDENCE, defs["evidence"]["properties"]),
        (MEDIA, defs["media"]["properties"]),
        (CORRECTION, defs["correction"]["properties"]),
        (WITHDRAWN, defs["withdrawn"]["properties"]),
    ):
        assert list(properties) == shape.names


def check_jsonschema(*paths: Path) -> subprocess.CompletedProcess[str]:
    tool = Path(sys.executable).parent / "check-jsonschema"
    return subprocess.run(
        [tool, "--schemafile", SCHEMA_FILE, *paths], capture_output=True, text=True, check=False
    )


def test_real_data_validates_against_the_schema() -> None:
    result = check_jsonschema(DATA_FILE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_rejects_what_the_plugin_rejects(tmp_path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(
        DATA_FILE.read_text(encoding="utf-8").replace("kind: treaty", "kind: treaties", 1),
        encoding="utf-8",
    )
    assert check_jsonschema(bad).returncode == 1


def test_real_data_is_valid_for_the_real_site() -> None:
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from mkdocs_timeline.plugin import mkdocs_site
    from mkdocs_timeline.validate import load_timeline

    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    site = mkdocs_site(get_files(config), config, config.plugins["timeline"].config)
    timeline = load_timeline(DATA_FILE, "data/timeline.yml", site)
    assert timeline.count >= 1


def test_real_eras_are_the_administrations_back_to_back() -> None:
    eras = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))["eras"]
    assert eras[0]["start"].isoformat() == "1933-03-04"
    for before, after in pairwise(eras):
        assert before["end"] == after["start"], before["id"]
    assert "end" not in eras[-1]
    starts = {era["id"]: era["start"].isoformat() for era in eras}
    assert starts["truman"] == "1945-04-12"
    assert starts["johnson"] == "1963-11-22"
    assert starts["ford"] == "1974-08-09"
    assert starts["trump-second-term"] == "2025-01-20"
