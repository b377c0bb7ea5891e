"""Read a timeline file into YAML nodes that keep their line and column.

Only parsing and composing are done, with the safe loader's parser and resolver: no
Python object is ever constructed, and scalars are later read exactly as written.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from typing import Any, NamedTuple

import yaml
import yaml.reader
from yaml.composer import ComposerError
from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from .errors import Problems

FAST_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 50
EXPECTED_TOP = "expected a mapping with the keys 'eras' and 'events'"


def decode(data: bytes, problems: Problems) -> str | None:
    """The text of the file (without a BOM), or None with a problem if it is not UTF-8."""
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start
        line_start = body.rfind(b"\n", 0, offset) + 1
        problems.add_at(
            body.count(b"\n", 0, offset) + 1,
            len(body[line_start:offset].decode("utf-8", "replace")) + 1,
            f"the file is not valid UTF-8 (byte 0x{body[offset]:02x} at offset "
            f"{offset + len(data) - len(body)}); save it as UTF-8",
        )
        return None


def compose(text: str, problems: Problems, expected: str = EXPECTED_TOP) -> MappingNode | None:
    """The top-level mapping node, or None with a problem for syntax errors and wrong shapes
    (`expected` says what the top level should be)."""
    try:
        root = _compose(text)
    except _TooDeep as error:
        problems.add(error.mark, "the YAML is nested too deeply; expected events a few levels deep")
        return None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = error.problem or error.context or "invalid YAML"
        if error.context and what.startswith("but "):  # "expected …" + "but found …"
            what = f"{error.context} {what}"
        problems.add(
            mark,
            f"YAML syntax error: {what}; check the indentation, the '-' of list items "
            "and quote text that contains ': ' or starts with a special character",
        )
        return None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        problems.add_at(
            line,
            column,
            f"the file contains the control character U+{error.character:04X}; "
            "remove it (only printable characters, tabs and line breaks are allowed)",
        )
        return None
    if root is None or _is_blank(root):
        problems.add(None, f"the file is empty; {expected}")
        return None
    if not isinstance(root, MappingNode):
        is_list = root.id == "sequence"  # type: ignore[attr-defined]
        hint = " (put the list under 'events:')" if is_list and expected == EXPECTED_TOP else ""
        problems.add(root, f"the top level is {describe(root)}; {expected}{hint}")
        return None
    return root


class _TooDeep(Exception):
    """Collections nested deeper than any timeline file needs."""

    def __init__(self, mark: Mark):
        super().__init__("nested too deeply")
        self.mark = mark


def _compose(text: str) -> Node | None:
    """The document's node tree, parsed by libyaml when available.

    Errors are always reported in the words of PyYAML's own parser, so messages do not
    depend on whether libyaml is installed.
    """
    if FAST_PARSER is yaml.SafeLoader:
        return _nodes(yaml.parse(text, Loader=yaml.SafeLoader))
    try:
        return _nodes(yaml.parse(text, Loader=FAST_PARSER))
    except yaml.YAMLError:
        _nodes(yaml.parse(text, Loader=yaml.SafeLoader))
        raise


def _nodes(events: Iterator[yaml.Event]) -> Node | None:
    """Compose parser events into nodes without recursion (PyYAML's composer recurses)."""
    # The `type: ignore[arg-type]` below: libyaml's marks (yaml._yaml.Mark) have the line and
    # column of PyYAML's own (yaml.error.Mark), but types-PyYAML accepts only the latter.
    resolver = Resolver()
    anchors: dict[str, Node] = {}
    open_nodes: list[list[Any]] = []  # [collection node, pending mapping key]
    root = None
    first_document = None
    for event in events:
        if isinstance(event, yaml.DocumentStartEvent):
            if first_document is not None:
                raise ComposerError(
                    "expected a single document in the stream", first_document,  # type: ignore[arg-type]
                    "but found another document", event.start_mark,  # type: ignore[arg-type]
                )  # fmt: skip
            first_document = event.start_mark
            continue
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            open_nodes.pop()[0].end_mark = event.end_mark
            continue
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in anchors:
                raise ComposerError(
                    None, None, f"found undefined alias {event.anchor!r}",
                    event.start_mark,  # type: ignore[arg-type]
                )  # fmt: skip
            node = anchors[event.anchor]
        elif isinstance(event, yaml.ScalarEvent):
            tag = (
                event.tag
                if event.tag not in (None, "!")
                else resolver.resolve(ScalarNode, event.value, event.implicit)
            )
            node = ScalarNode(
                tag, event.value,
                event.start_mark, event.end_mark,  # type: ignore[arg-type]
                style=event.style or None,
            )  # fmt: skip
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            kind = SequenceNode if isinstance(event, yaml.SequenceStartEvent) else MappingNode
            tag = (
                event.tag
                if event.tag not in (None, "!")
                else resolver.resolve(kind, None, event.implicit)
            )
            node = kind(
                tag, [],
                event.start_mark, event.end_mark,  # type: ignore[arg-type]
                flow_style=event.flow_style,
            )  # fmt: skip
        else:
            continue
        anchor: str | None = getattr(event, "anchor", None)
        if anchor is not None:
            anchors[anchor] = node
        if not open_nodes:
            root = node
        elif isinstance(open_nodes[-1][0], SequenceNode):
            open_nodes[-1][0].value.append(node)
        elif open_nodes[-1][1] is None:
            open_nodes[-1][1] = node
        else:
            open_nodes[-1][0].value.append((open_nodes[-1][1], node))
            open_nodes[-1][1] = None
        if isinstance(node, (SequenceNode, MappingNode)) and not isinstance(event, yaml.AliasEvent):
            open_nodes.append([node, None])
            if len(open_nodes) > MAX_DEPTH:
                raise _TooDeep(event.start_mark)  # type: ignore[arg-type]
    return root


class EventLines(NamedTuple):
    """Where one event is written: its id and its lines, 1-based, `end` not included."""

    id: str
    line: int
    end: int


def event_lines(data: bytes) -> list[EventLines]:
    """Each event of a timeline file with an id, and the lines it is written on, in order.

    For tools that point editors at an event (scripts/linkcheck). The marks are the ones the
    plugin's own messages use; a file that does not compose gives an empty list (the build
    reports why).
    """
    problems = Problems("")
    text = decode(data, problems)
    root = None if text is None else compose(text, problems)
    if text is None or root is None:
        return []
    lines = text.splitlines()
    found: list[EventLines] = []
    for key, value in root.value:
        if not (isinstance(key, ScalarNode) and key.value == "events"):
            continue
        if not isinstance(value, SequenceNode):
            continue
        for event in value.value:
            if not isinstance(event, MappingNode):
                continue
            ids = [
                v.value.strip()
                for k, v in event.value
                if isinstance(k, ScalarNode) and k.value == "id" and isinstance(v, ScalarNode)
            ]
            if ids and ids[0]:
                found.append(EventLines(ids[0], event.start_mark.line + 1, _end(event, lines)))
    return found


def _end(node: Node, lines: list[str]) -> int:
    """The first line after `node` (1-based): a block ends where the next one starts."""
    mark = node.end_mark
    before = lines[mark.line][: mark.column] if mark.line < len(lines) else ""
    return int(mark.line) + (1 if before.strip(" -") == "" else 2)


def describe(node: Node) -> str:
    """`a list`, `a mapping` or `text`, for messages about a value of the wrong shape."""
    # Every node PyYAML makes has an `id`; types-PyYAML declares it on the subclasses only.
    return {"sequence": "a list", "mapping": "a mapping"}.get(node.id, "text")  # type: ignore[attr-defined]


def _is_blank(node: Node) -> bool:
    is_scalar = node.id == "scalar"  # type: ignore[attr-defined]
    return is_scalar and node.tag == "tag:yaml.org,2002:null" and not node.value
