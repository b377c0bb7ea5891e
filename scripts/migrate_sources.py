#!/usr/bin/env python3
"""Give every source of a timeline file a `publisher:` and a `type:`.

    scripts/migrate_sources.py [--check] [--quality data/source-quality.yml] [FILE ...]

For each source that lacks them, the publisher comes from the `publishers:` table of
data/source-quality.yml (by host; a web-archive copy by the page it keeps) and the type is
`primary` when the host is on its `primary:` list, or is listed under `party_statements:`
for that event (then `confirmed: true` is added too), else `secondary`. The new keys go on the
lines right after the source's `url:`; nothing else in the file changes (comments, layout,
other keys). Re-running it changes nothing. Hosts the table does not know are listed (with
file:line) and the file is left as it was: add them to the table and run it again.
`--check` writes nothing and exits 1 when a file would change. FILE defaults to
data/timeline.yml.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mkdocs_timeline.source_quality import SourceQuality, on_list  # noqa: E402


@dataclass(frozen=True)
class Unknown:
    """A source whose host has no publisher in the table."""

    line: int  # 1-based, the url's
    url: str


def _scalar(text: str) -> str:
    """`text` as a YAML scalar: plain when it reads back the same, else double-quoted."""
    try:
        plain = yaml.safe_load(f"k: {text}")
    except yaml.YAMLError:
        plain = None
    return text if plain == {"k": text} else json.dumps(text, ensure_ascii=False)


def _sources(root: object) -> list[tuple[str, MappingNode]]:
    """Every source mapping under `events:` (each event's `sources:` items), with its event's id."""
    found: list[tuple[str, MappingNode]] = []
    if not isinstance(root, MappingNode):
        return found
    events = next((v for k, v in root.value if getattr(k, "value", None) == "events"), None)
    for event in events.value if isinstance(events, SequenceNode) else ():
        if not isinstance(event, MappingNode):
            continue
        ids = [v.value for k, v in event.value if getattr(k, "value", None) == "id"]
        event_id = str(ids[0]) if ids else ""
        for key, value in event.value:
            if getattr(key, "value", None) == "sources" and isinstance(value, SequenceNode):
                found += [(event_id, i) for i in value.value if isinstance(i, MappingNode)]
    return found


def migrate_text(text: str, quality: SourceQuality) -> tuple[str, list[int], list[Unknown]]:
    """The text with the missing keys added, the 0-based indexes of the lines inserted
    (in the new text), and the sources whose host is unknown (then the text is unchanged)."""
    lines = text.split("\n")
    inserts: list[tuple[int, list[str]]] = []  # (index of the line to insert after, lines)
    unknown: list[Unknown] = []
    for event_id, source in _sources(yaml.compose(text, Loader=yaml.SafeLoader)):
        keys = {k.value: (k, v) for k, v in source.value if isinstance(k, ScalarNode)}
        if "url" not in keys or not isinstance(keys["url"][1], ScalarNode):
            continue
        key, value = keys["url"]
        url = value.value.strip()
        new: list[str] = []
        indent = " " * key.start_mark.column
        if "publisher" not in keys:
            publisher = quality.publisher_of(url)
            if publisher is None:
                unknown.append(Unknown(key.start_mark.line + 1, url))
                continue
            new.append(f"{indent}publisher: {_scalar(publisher)}")
        if "type" not in keys:
            # A party's own statement of its own act is primary for that event only: the
            # host is not on the primary list, so the record says it was checked.
            party = on_list(url, quality.parties.get(event_id, ()))
            primary = on_list(url, quality.primary) or party
            new.append(f"{indent}type: {'primary' if primary else 'secondary'}")
            if party and not on_list(url, quality.primary) and "confirmed" not in keys:
                new.append(f"{indent}confirmed: true")
        if new:
            end = value.end_mark
            after = end.line if end.column > 0 else end.line - 1
            inserts.append((after, new))
    if unknown:
        return text, [], unknown
    added: list[int] = []
    for after, new in sorted(inserts, reverse=True):
        lines[after + 1 : after + 1] = new
    shift = 0
    for after, new in sorted(inserts):
        added += range(after + 1 + shift, after + 1 + shift + len(new))
        shift += len(new)
    return "\n".join(lines), added, []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, default=[ROOT / "data" / "timeline.yml"])
    parser.add_argument("--quality", type=Path, default=ROOT / "data" / "source-quality.yml")
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if a file would change"
    )
    args = parser.parse_args(argv)
    quality = SourceQuality.read(args.quality)
    status = 0
    for path in args.files:
        text = path.read_text(encoding="utf-8")
        new, added, unknown = migrate_text(text, quality)
        if unknown:
            print(
                f"{path}: {len(unknown)} source(s) on hosts with no publisher in "
                f"{args.quality.name} ('publishers:'); add them and run this again. "
                "Nothing was written.",
                file=sys.stderr,
            )
            for item in unknown:
                print(f"{path}:{item.line}: {item.url}", file=sys.stderr)
            status = 2
            continue
        sources = len(added)
        if new == text:
            print(
                f"{path}: every source has a publisher and a type; nothing to do", file=sys.stderr
            )
        elif args.check:
            print(
                f"{path}: {sources} line(s) to add; run scripts/migrate_sources.py", file=sys.stderr
            )
            status = max(status, 1)
        else:
            path.write_text(new, encoding="utf-8", newline="\n")
            print(f"{path}: added {sources} line(s)", file=sys.stderr)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
