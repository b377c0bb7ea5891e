"""docs/plugin.md documents every option of the plugin exactly as the code declares it.

The options table (under "## Options") has one row per option of
`mkdocs_timeline.config.TimelineConfig`, in the class's order, with its type and default as
the class gives them. The "What it does" column is, word for word, the comment block
directly above the option in config.py (comment lines joined with spaces). An option with
no comment of its own (it shares the one of the option above it, or has none) must still be
described, in words of the page's own. So: give each new option a comment, and copy it into
the page; a failure here prints the row the page needs.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import yaml
from mkdocs.config import config_options

from mkdocs_timeline import config as config_module
from mkdocs_timeline.config import TimelineConfig

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "plugin.md"
ROW = re.compile(
    r"^\| `(?P<name>[a-z_]+)` \| (?P<type>[^|]+) \| (?P<default>[^|]+) \| (?P<what>.*) \|$"
)
TYPES = {
    bool: "boolean",
    str: "string",
    int: "integer",
    float: "number",
    list: "list",
    dict: "mapping",
}


def documented_options() -> list[dict[str, str]]:
    """The rows of the page's options table, in order."""
    text = PAGE.read_text(encoding="utf-8")
    section = text.split("\n## Options\n", 1)[1].split("\n## ", 1)[0]
    rows = [ROW.match(line) for line in section.splitlines() if line.startswith("| `")]
    assert all(rows), f"a row of the options table of {PAGE.name} is not `| `name` | … |`"
    return [{k: v.strip() for k, v in row.groupdict().items()} for row in rows if row]


def own_comments() -> dict[str, str]:
    """Each option's own comment: the `#` lines directly above its line in the class."""
    lines, _start = inspect.getsourcelines(TimelineConfig)
    found: dict[str, str] = {}
    for number, line in enumerate(lines):
        option = re.match(r"\s+([a-z_]+)\s*=", line)
        if not option:
            continue
        comment: list[str] = []
        above = number - 1
        while above >= 0 and lines[above].strip().startswith("#"):
            comment.insert(0, lines[above].strip().removeprefix("#").strip())
            above -= 1
        if comment:
            found[option.group(1)] = " ".join(comment)
    return found


def type_name(option: config_options.BaseConfigOption) -> str:
    if isinstance(option, config_options.Type):
        kind = option._type
        assert kind in TYPES, f"add a name for {kind} to TYPES in this test"
        return TYPES[kind]
    if isinstance(option, config_options.SubConfig):
        return "mapping"
    if isinstance(option, config_options.ListOfItems):
        return "list"
    return type(option).__name__


def default_shown(value: object) -> str:
    """A default as it would be written in mkdocs.yml, in a code span."""
    if isinstance(value, str) and value:
        return f"`{value}`"
    text = yaml.safe_dump(value, default_flow_style=True).removesuffix("\n...\n").strip()
    return '`""`' if value == "" else f"`{text}`"


def expected_row(name: str, option: config_options.BaseConfigOption, what: str) -> str:
    return f"| `{name}` | {type_name(option)} | {default_shown(option.default)} | {what} |"


def test_the_table_lists_every_option_in_the_class_order():
    names = [name for name, _option in TimelineConfig._schema]
    documented = [row["name"] for row in documented_options()]
    assert documented == names, (
        f"{PAGE.name} lists the options {documented}; config.py declares {names}"
    )


def test_each_row_gives_the_options_type_default_and_comment():
    comments = own_comments()
    rows = {row["name"]: row for row in documented_options()}
    for name, option in TimelineConfig._schema:
        row = rows[name]
        what = comments.get(name, row["what"])
        expected = expected_row(name, option, what)
        shown = f"| `{name}` | {row['type']} | {row['default']} | {row['what']} |"
        assert shown == expected, f"{PAGE.name}: the row of `{name}` should read\n{expected}"
        assert row["what"], f"{PAGE.name}: say what `{name}` does"


def test_the_comments_are_read_from_the_config_module():
    """The rule above reads real comments: config.py has some, one per commented option."""
    comments = own_comments()
    assert comments, f"no option comment found in {config_module.__file__}"
    assert set(comments) <= {name for name, _option in TimelineConfig._schema}


def test_defaults_are_shown_as_mkdocs_yml_would_write_them():
    assert default_shown(True) == "`true`"
    assert default_shown("data") == "`data`"
    assert default_shown("") == '`""`'
    assert default_shown(["a", "b"]) == "`[a, b]`"


def test_the_page_names_every_template_the_package_lets_a_theme_override():
    text = PAGE.read_text(encoding="utf-8")
    section = text.split("\n## Overriding the templates\n", 1)[1].split("\n## ", 1)[0]
    named = re.findall(r"^\| `([^`]+)` \|", section, re.M)
    assert named == [
        "partials/timeline.html",
        "partials/timeline-overview.html",
        "partials/timeline-related.html",
        "partials/timeline-changes.html",
        "partials/timeline-sources.html",
        "partials/timeline-status.html",
        "partials/timeline-status-table.html",
        "assets/stylesheets/timeline.css",
        "assets/javascripts/timeline.js",
        "assets/stylesheets/timeline-status.css",
        "assets/javascripts/timeline-status.js",
        "exports/timelinejs-text.html",
        "exports/source-item.html",
        "exports/feed-entry.html",
        "exports/change-entry.html",
    ]
    # the package's own copies (before they moved into the package: the site's overrides/)
    templates = ROOT / "mkdocs_timeline" / "templates"
    folder = templates if templates.is_dir() else ROOT / "overrides"
    if templates.is_dir():  # and every file the package ships is named
        shipped = {str(f.relative_to(templates)) for f in templates.rglob("*") if f.is_file()}
        assert shipped == set(named), f"{PAGE.name} does not name {shipped - set(named)}"
    missing = [name for name in named if not (folder / name).is_file()]
    assert not missing, f"{PAGE.name} names templates {folder} lacks: {missing}"


def test_the_page_names_every_command_of_the_command_line():
    from mkdocs_timeline.cli import parser

    commands = next(action for action in parser()._actions if action.dest == "command").choices
    text = PAGE.read_text(encoding="utf-8")
    section = text.split("\n## The command line\n", 1)[1].split("\n## ", 1)[0]
    documented = re.findall(r"^\| `mkdocs-timeline ([a-z]+)", section, re.M)
    assert documented == list(commands), f"{PAGE.name} documents {documented}"
