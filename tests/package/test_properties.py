"""Property tests: any input either loads or stops with editor-readable problems, never a traceback."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_timeline.errors import TimelineError
from mkdocs_timeline.validate import parse_timeline

from .conftest import timeline_yaml

LINE = re.compile(r"data/timeline\.yml:\d+:\d+: \S")
SUMMARY = re.compile(r"Error reading timeline file 'data/timeline\.yml': \d+ problems?")
MORE = re.compile(r"… and \d+ more")
VALID = timeline_yaml()
YAML_PIECES = [
    ":",
    "- ",
    "  ",
    "\n",
    "'",
    '"',
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "!!str ",
    "#",
    "|",
    ">",
    "\t",
    "~",
    "null",
    "1998",
    "2002-02-30",
    "é",
    "\x00",
    "\ufeff",
    "---\n",
    "?",
    ",",
    "%",
    "@",
    "`",
]


def check(data: bytes, site) -> None:
    """Loading gives a timeline, or a TimelineError whose every line is one we promise."""
    try:
        parse_timeline(data, "data/timeline.yml", site)
    except TimelineError as error:
        lines = str(error).splitlines()
        assert SUMMARY.fullmatch(lines[0]), lines[0]
        assert 1 <= len(lines) - 1 <= 51
        for line in lines[1:]:
            assert LINE.match(line) or MORE.fullmatch(line), line


SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(st.binary(max_size=300))
def test_random_bytes(case_site, data: bytes) -> None:
    check(data, case_site)


@SETTINGS
@given(st.lists(st.sampled_from(YAML_PIECES) | st.text(max_size=3), max_size=60).map("".join))
def test_random_yaml_like_text(case_site, text: str) -> None:
    check(text.encode("utf-8", "surrogatepass"), case_site)


@st.composite
def mutated(draw) -> str:
    """The valid file with a few random edits: deletions, insertions, swapped or repeated lines."""
    lines = VALID.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["delete", "insert", "swap", "repeat", "drop-line"]))
        index = draw(st.integers(0, len(lines) - 1))
        line = lines[index]
        if action == "delete" and line:
            at = draw(st.integers(0, len(line) - 1))
            lines[index] = line[:at] + line[at + 1 :]
        elif action == "insert":
            at = draw(st.integers(0, len(line)))
            lines[index] = line[:at] + draw(st.sampled_from(YAML_PIECES)) + line[at:]
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif action == "repeat":
            lines.insert(index, line)
        elif len(lines) > 1:
            del lines[index]
    return "".join(lines)


@SETTINGS
@given(mutated())
def test_mutated_valid_file(case_site, text: str) -> None:
    check(text.encode("utf-8", "surrogatepass"), case_site)
