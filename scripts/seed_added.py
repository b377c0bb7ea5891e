#!/usr/bin/env python3
"""Give every event of the timeline file an `added:` date from the repository's history.

    .venv/bin/python scripts/seed_added.py [--file data/timeline.yml] [--dry-run]

An event's `added` is the day (UTC) of the first commit, in the history of the file, whose
version holds the event's id. An event no commit holds yet (written but not committed) is
given today's date. Only missing `added:` lines are inserted, each right after the event's
`evidence:` block (after its last key when it has none), indented like its other keys; the
rest of the file is left as written. Re-running changes nothing: run it again after merging
branches that add events. Prints what it added and a count by month.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

ROOT = Path(__file__).resolve().parents[1]


def git(*args: str, cwd: Path) -> str:
    env = {**os.environ, "TZ": "UTC"}
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    ).stdout


def event_ids(text: str) -> list[str]:
    """The ids of the events of one version of the file ([] if it does not parse)."""
    try:
        data = yaml.load(text, Loader=yaml.BaseLoader)
    except yaml.YAMLError:
        return []
    events = data.get("events") if isinstance(data, dict) else None
    return [e["id"] for e in events or [] if isinstance(e, dict) and isinstance(e.get("id"), str)]


def first_seen(path: Path) -> dict[str, str]:
    """Each event id → the day (YYYY-MM-DD, UTC) of the first commit whose file holds it."""
    top = Path(git("rev-parse", "--show-toplevel", cwd=path.parent).strip())
    relative = path.resolve().relative_to(top.resolve()).as_posix()
    log = git(
        "log", "--reverse", "--topo-order", "--follow",
        "--format=%H %cd", "--date=format-local:%Y-%m-%d", "--name-only", "--", relative,
        cwd=top,
    )  # fmt: skip
    seen: dict[str, str] = {}
    commit = day = None
    for line in log.splitlines():
        if not line.strip():
            continue
        parts = line.split()
        if len(parts) == 2 and len(parts[0]) == 40:
            commit, day = parts
            continue
        if commit is None or day is None:
            continue
        try:  # the file's name in that commit (--follow: it may have been renamed)
            text = git("show", f"{commit}:{line.strip()}", cwd=top)
        except subprocess.CalledProcessError:
            continue
        for event_id in event_ids(text):
            seen.setdefault(event_id, day)
        commit = None
    return seen


def insertions(text: str) -> list[tuple[int, str, str]]:
    """(0-based line to insert before, indent, event id) for each event without `added`."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    lines = text.splitlines()
    found = []
    assert isinstance(root, MappingNode)
    for key, value in root.value:
        if key.value != "events" or not isinstance(value, SequenceNode):
            continue
        for event in value.value:
            if not isinstance(event, MappingNode):
                continue
            keys = {k.value: (k, v) for k, v in event.value if isinstance(k, ScalarNode)}
            if "added" in keys or "id" not in keys:
                continue
            last_key, last_value = keys.get("evidence") or event.value[-1]
            end = last_value.end_mark.line  # the line after the block (0-based)
            if last_value.end_mark.column > 0 and lines[end][: last_value.end_mark.column].strip():
                end += 1  # the value ends inside that line (a one-line value)
            while end > last_key.start_mark.line + 1 and (
                not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")
            ):
                end -= 1  # not after the blank lines and comments that follow it
            indent = " " * last_key.start_mark.column
            found.append((end, indent, str(keys["id"][1].value)))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--file", type=Path, default=ROOT / "data" / "timeline.yml")
    parser.add_argument("--dry-run", action="store_true", help="print, do not write")
    args = parser.parse_args(argv)
    text = args.file.read_text(encoding="utf-8")
    seen = first_seen(args.file)
    today = datetime.now(UTC).date().isoformat()
    lines = text.split("\n")
    months: Counter[str] = Counter()
    for index, indent, event_id in sorted(insertions(text), reverse=True):
        day = seen.get(event_id, today)
        lines.insert(index, f"{indent}added: {day}")
        months[day[:7]] += 1
        note = "" if event_id in seen else " (in no commit yet: today)"
        print(f"{event_id}: added {day}{note}")
    total = sum(months.values())
    if not total:
        print(f"{args.file.name}: every event has 'added'; nothing to do")
        return 0
    print(f"{total} 'added' lines:", ", ".join(f"{m}: {n}" for m, n in sorted(months.items())))
    if not args.dry_run:
        args.file.write_text("\n".join(lines), encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
