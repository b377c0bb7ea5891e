"""Read a timeline file into YAML nodes that keep their line and column.

Only composing is done (`yaml.compose` with the safe loader's resolver): no Python
object is ever constructed, and scalars are later read exactly as written.
"""

from __future__ import annotations

import codecs

import yaml
import yaml.reader
from yaml.nodes import MappingNode, Node

from .errors import Problems

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


def compose(text: str, problems: Problems) -> MappingNode | None:
    """The top-level mapping node, or None with a problem for syntax errors and wrong shapes."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
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
    except RecursionError:
        problems.add(None, "the YAML is nested too deeply; expected events a few levels deep")
        return None
    if root is None or _is_blank(root):
        problems.add(None, f"the file is empty; {EXPECTED_TOP}")
        return None
    if not isinstance(root, MappingNode):
        hint = " (put the list under 'events:')" if root.id == "sequence" else ""
        problems.add(root, f"the top level is {describe(root)}; {EXPECTED_TOP}{hint}")
        return None
    return root


def describe(node: Node) -> str:
    """`a list`, `a mapping` or `text`, for messages about a value of the wrong shape."""
    return {"sequence": "a list", "mapping": "a mapping"}.get(node.id, "text")


def _is_blank(node: Node) -> bool:
    return node.id == "scalar" and node.tag == "tag:yaml.org,2002:null" and not node.value
