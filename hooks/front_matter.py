"""MkDocs hook: a page's front matter is plain text, so it can never inject HTML.

MkDocs' theme environment does not autoescape, and Material prints front matter as it is:
`title` into the `<title>`, the header, the navigation and the search index (whose results
are shown as HTML), `description` and `author` into `<meta content="…">`. A title such as
`"><svg onload=…>` would run script in every reader's browser. So the build stops, with
`path:line:column: what is wrong; what is expected`, on front matter text that holds

- `<` or `>`, anywhere: they could open a tag;
- `"`, anywhere but the top-level `title` and `subtitle` (Material prints them only as
  element text; overrides/partials/social-meta.html escapes the title it puts in
  attributes): other values may be printed inside a `"…"` attribute, which `"` would end;
- a character reference such as `&lt;` or `&copy`: the page would show the character it
  stands for, not what the editor wrote (`AT&T`, `R&D` are fine);

and on front matter MkDocs would silently drop (not valid YAML, or not `key: value`
mappings), and on any `template:` that is not one of this site's page templates (Material's
redirect.html, for one, puts `location:` into a script).

Registered in mkdocs.yml under `hooks:`; tested by tests/site/test_front_matter.py and,
in a real build and browser, by tests/browser/test_hostile_input.py.
"""

from __future__ import annotations

import base64
import binascii
import html
import posixpath
import re
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import META_MORE_RE, META_RE, YAML_RE

# Top-level keys Material prints only as element text (never inside an attribute).
TEXT_ONLY_KEYS = {"title", "subtitle"}
# What may be a character reference; it is one if a browser would read it as another text.
CHAR_REF = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
BINARY = "tag:yaml.org,2002:binary"


# Templates at the top of overrides/ that are not for pages: the "not found" page (noindex).
NOT_PAGE_TEMPLATES = {"404.html"}


def page_templates(config) -> list[str]:
    """Templates a page may name: Material's main.html and this site's own at the top of
    the theme's custom_dir (overrides/), but the 404 page's."""
    names = {"main.html"}
    custom_dir = config.theme.custom_dir
    if custom_dir:
        names |= {path.name for path in Path(custom_dir).glob("*.html")}
    return sorted(names - NOT_PAGE_TEMPLATES)


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def text_problem(key: str, value: str) -> tuple[str, str] | None:
    """(first offending text, message) for a front matter value printed as `value`, or None."""
    forbidden = "<>" if key in TEXT_ONLY_KEYS else '<>"'
    chars = sorted({char for char in value if char in forbidden}, key=forbidden.index)
    refs = list(dict.fromkeys(ref for ref in CHAR_REF.findall(value) if html.unescape(ref) != ref))
    if not chars and not refs:
        return None
    found = [repr(char) for char in chars]
    if refs:
        plural = "s" if len(refs) > 1 else ""
        found.append(f"the character reference{plural} " + _and([f"'{ref}'" for ref in refs]))
    advice = []
    if "<" in chars or ">" in chars:
        advice.append("write it as plain text without < and > (they could start an HTML tag)")
    if '"' in chars:
        advice.append(
            "use ' or “ ” instead of \" (only 'title' and 'subtitle' may hold \"; other "
            'values may be printed inside an HTML attribute, which " would end)'
        )
    if refs:
        advice.append("write the character itself (the page would show what it stands for)")
    positions = [value.index(char) for char in chars] + [value.index(ref) for ref in refs]
    first = min(positions)
    offending = next(item for item in chars + refs if value.index(item) == first)
    return offending, f"front matter '{key}' contains {_and(found)}; {'; '.join(advice)}"


def _walk(node: yaml.Node, key: str, seen: set[int]):
    """(key, scalar node) for every scalar in a front matter node, nested ones included;
    a node reached again through an alias (`*name`) is checked once."""
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            inner = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
            yield from _walk(value_node, f"{key}.{inner}" if key else str(inner), seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _walk(item, f"{key}[{index}]", seen)
    elif isinstance(node, yaml.ScalarNode):
        yield key, node


def _printed(node: yaml.ScalarNode) -> str:
    """The scalar as the theme would print it: `!!binary` values are printed as b'…'."""
    if node.tag == BINARY:
        try:
            return str(base64.decodebytes(node.value.encode("ascii")))
        except (binascii.Error, UnicodeEncodeError):
            return node.value
    return node.value


def _kind(data) -> str:
    """`a list`, `text`, … for a front matter that is not a mapping."""
    return {list: "a list", str: "text"}.get(type(data), f"a single value ({data!r})")


def _position(text: str, index: int, first_line: int) -> tuple[int, int]:
    """1-based (line, column) of `index` in `text`, whose first line is `first_line`."""
    line_start = text.rfind("\n", 0, index) + 1
    return first_line + text.count("\n", 0, index), index - line_start + 1


def _reuse_problems(block: str) -> list[tuple[int, int, str]]:
    """Anchors (`&name`), aliases (`*name`) and merge keys (`<<`): a value written once and
    used under other keys would be checked under one key only (an aliased `template:` could
    otherwise slip through), and editors never need them. Each is refused where it is."""
    problems = []
    advice = "write each value out in full where it is used"
    for event in yaml.parse(block, Loader=yaml.SafeLoader):
        mark = event.start_mark
        where = (mark.line + 2, mark.column + 1)
        if isinstance(event, yaml.AliasEvent):
            problems.append(
                (*where, f"front matter uses the YAML alias '*{event.anchor}'; {advice}")
            )
        elif getattr(event, "anchor", None):
            problems.append(
                (*where, f"front matter uses the YAML anchor '&{event.anchor}'; {advice}")
            )
        elif isinstance(event, yaml.ScalarEvent) and event.value == "<<" and event.style is None:
            problems.append((*where, f"front matter uses the YAML merge key '<<'; {advice}"))
    return problems


def _yaml_problems(block: str, judge) -> list[tuple[int, int, str]]:
    """Problems of a `---` front matter block (its text starts on line 2 of the page)."""
    dropped = "MkDocs would drop the whole front matter"
    try:
        # Read as MkDocs reads it (any error there and it silently ignores the front
        # matter), then composed for the line and column of every value.
        data = yaml.load(block, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        root = yaml.compose(block, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = error.problem or error.context or "invalid YAML"
        line, column = (mark.line + 2, mark.column + 1) if mark else (1, 1)
        return [
            (
                line,
                column,
                f"front matter is not valid YAML ({what}); {dropped}: "
                "write 'key: value' lines and quote values that contain ': ' or start with "
                "a special character",
            )
        ]
    except (yaml.YAMLError, RecursionError, ValueError) as error:
        return [(1, 1, f"front matter is not valid YAML ({error}); {dropped}")]
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        return [
            (
                2,
                1,
                f"front matter is {_kind(data)}, not 'key: value' lines; {dropped}: "
                "write 'key: value' lines between the '---' lines",
            )
        ]
    problems = _reuse_problems(block)
    if problems:
        return problems
    for key, node in _walk(root, "", set()):
        found = judge(key, _printed(node))
        if found is None:
            continue
        offending, message = found
        start = node.start_mark.index
        begin = start + 1 if block[start : start + 1] in ("'", '"') else start  # past a quote
        at = block.find(offending, begin, node.end_mark.index)
        index = at if at >= 0 else start  # written escaped (\x3c), or !!binary
        problems.append((*_position(block, index, 2), message))
    return problems


def check(source: str, templates: list[str]) -> list[tuple[int, int, str]]:
    """(line, column, message) for every problem in the front matter of a page's source."""

    def judge(key: str, value: str) -> tuple[str, str] | None:
        if (found := text_problem(key, value)) is not None:
            return found
        if key == "template" and value not in templates:
            return value, (
                f"front matter 'template: {value}' is not a page template of this site; "
                f"expected one of {', '.join(templates)}"
            )
        return None

    source = source.removeprefix("\ufeff")
    if match := YAML_RE.match(source):
        return _yaml_problems(match.group(1), judge)

    # MultiMarkdown-style meta-data: 'Key: value' lines up to the first blank line
    problems = []
    key = None
    for number, line in enumerate(source.replace("\r\n", "\n").split("\n"), start=1):
        if not line.strip():
            break
        if m := META_RE.match(line):
            key = m["key"].lower().strip()
        elif not ((m := META_MORE_RE.match(line)) and key):
            break
        if (found := judge(key, m["value"].strip())) is not None:
            offending, message = found
            problems.append((number, line.index(offending, m.start("value")) + 1, message))
    return problems


def on_files(files, *, config):
    """MkDocs event: check every page's front matter before anything is rendered."""
    templates = page_templates(config)
    config_dir = Path(config.config_file_path or ".").resolve().parent
    docs = Path(config.docs_dir).resolve()
    shown_docs = posixpath.relpath(docs.as_posix(), config_dir.as_posix())
    lines = []
    for file in files.documentation_pages():
        try:
            source = file.content_string
        except UnicodeDecodeError:
            continue  # MkDocs itself reports the page as not UTF-8
        for line, column, message in check(source, templates):
            lines.append(f"{shown_docs}/{file.src_uri}:{line}:{column}: {message}")
    if lines:
        count = len(lines)
        raise PluginError(
            f"Unsafe front matter: {count} problem{'' if count == 1 else 's'}\n" + "\n".join(lines)
        )
    return files
