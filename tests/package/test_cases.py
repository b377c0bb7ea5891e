"""Golden cases: each `cases/*.yml` holds a timeline file (`input`) and what loading it gives.

A case may set `require_evidence: true` (the plugin option of that name). It has either
`errors` (the exact build error, one line per problem) or `events`
(`id date era kind` of each event, in timeline order). Add a case by adding a file.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from mkdocs_timeline import loader
from mkdocs_timeline.errors import TimelineError
from mkdocs_timeline.validate import parse_timeline

from .conftest import CASES

CASE_FILES = sorted(CASES.glob("*.yml"))


@pytest.mark.parametrize("parser", ["libyaml", "python"])
@pytest.mark.parametrize("case_file", CASE_FILES, ids=[path.stem for path in CASE_FILES])
def test_case(case_file: Path, parser: str, case_site, monkeypatch) -> None:
    if parser == "python":  # messages must not depend on whether libyaml is installed
        monkeypatch.setattr(loader, "FAST_PARSER", yaml.SafeLoader)
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    data = case["input"].encode(case.get("encoding", "utf-8"))
    site = replace(case_site, require_evidence=case.get("require_evidence", False))
    if "errors" in case:
        with pytest.raises(TimelineError) as caught:
            parse_timeline(data, "data/timeline.yml", site)
        assert str(caught.value).splitlines() == case["errors"].splitlines()
    else:
        timeline = parse_timeline(data, "data/timeline.yml", site)
        got = [f"{e.id} {e.date.iso} {e.era.id} {e.kind.id}" for e in timeline.events]
        assert got == case["events"]


def test_every_case_says_what_it_shows() -> None:
    for path in CASE_FILES:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# ") and len(first) > 10, f"{path.name} needs a comment line"
