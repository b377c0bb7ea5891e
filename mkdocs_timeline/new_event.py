"""Add a skeleton event to a timeline file at its place in date order, as text.

The file is edited as lines, never loaded and dumped again, so its comments, quoting and
blank lines stay as the editors wrote them; the loader's line marks say where events start.
"""

from __future__ import annotations

import re
import unicodedata

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .dates import PartialDate
from .errors import Problems
from .loader import compose, decode

SKELETON = """\
  - id: {id}
    date: {date}
    title: {title}
    kind: {kind}
    body: >-
      What happened, in your own words (one to four sentences).
    sources:
      - title:
        url:
    evidence:
      source:
      excerpt: >-

    added: {added}

"""


class NewEventError(ValueError):
    """The event cannot be added; the message says why."""


def slug(title: str, limit: int = 50) -> str:
    """A URL-safe id from a title: ASCII, lowercase, single hyphens."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", text.lower().replace("'", ""))
    found = "-".join(words)
    if len(found) > limit:
        found = found[:limit].rsplit("-", 1)[0]
    return found or "new-event"


def _events(root: MappingNode) -> SequenceNode:
    for key, value in root.value:
        is_events = isinstance(key, ScalarNode) and key.value == "events"
        if is_events and isinstance(value, SequenceNode) and value.value:
            return value
    raise NewEventError("the file has no list of events under 'events:'")


def _field(node: object, name: str) -> str | None:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == name and isinstance(value, ScalarNode):
                return str(value.value).strip()
    return None


def _quoted(text: str) -> str:
    """`text` as a YAML scalar: double-quoted when plain would be misread."""
    if re.search(r"(: |\s#)|^[\[\]{}*&!#'\"%@`|>-]|:$", text):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def add_event(
    text: str,
    path: str,
    date: PartialDate,
    title: str,
    kind: str | None,
    added: PartialDate | None = None,
) -> tuple[str, str, int]:
    """(the new text, the new event's id, its 1-based line) with a skeleton event added
    before the first event dated later, above that event's own comments, or after the
    last event (before what follows the list: `withdrawn:`). `added` is the day it is
    added (the record of changes), left blank when None."""
    problems = Problems(path)
    decoded = decode(text.encode("utf-8"), problems)
    root = None if decoded is None else compose(decoded, problems)
    problems.raise_if_any()
    assert root is not None
    events = _events(root)
    ids = {_field(item, "id") for item in events.value}
    event_id, number = slug(title), 2
    base = event_id
    while event_id in ids:
        event_id, number = f"{base}-{number}", number + 1
    lines = text.splitlines(keepends=True)
    at = len(lines)
    if events.value and events.end_mark.line < len(lines):  # something follows the list
        at = events.end_mark.line
        while at > 0 and (not lines[at - 1].strip() or lines[at - 1].lstrip().startswith("#")):
            at -= 1
    for item in events.value:
        written = _field(item, "date")
        try:
            later = written is not None and PartialDate.parse(written) > date
        except ValueError:
            later = False
        if later:
            at = item.start_mark.line
            while at > 0 and lines[at - 1].strip().startswith("#"):
                at -= 1
            break
    if at == len(lines) and lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    skeleton = SKELETON.format(
        id=event_id,
        date=date.iso,
        title=_quoted(title),
        kind=kind or "",
        added=added.iso if added else "",
    )
    new_lines = skeleton.splitlines(keepends=True)
    separated = 0 < at < len(lines) and not lines[at - 1].strip()
    if not separated:  # keep the file's layout: a blank line between events, or none
        new_lines = new_lines[:-1]
    return "".join(lines[:at] + new_lines + lines[at:]), event_id, at + 1
