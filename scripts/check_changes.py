#!/usr/bin/env python3
"""The pull-request check of the public record of changes: compare the timeline data with
main, and fail on a change to an event's facts that the data does not record.

    .venv/bin/python scripts/check_changes.py [--base REF] [--file data/timeline.yml]

The working copy of the file (committed or not) is compared with the file at the merge base
of HEAD and the base: --base when given, else `origin/main`, else the local branch `main`.
When none exists (no git, or a clone without main) the check says it skipped and passes:
comparing with HEAD~1 instead would re-check only the last commit, whatever the change is.
On main itself the merge base is HEAD, so only uncommitted changes are compared.

Fails, with `path:line:col` and what to add, when
- an event's `date`, `end_date`, `title` or `body` changed without a new `updated` date;
- its `date` or `end_date` changed without a new entry under `corrections`;
- an event of the base is gone and not listed under `withdrawn:` (with a reason);
- a new event has no `added` date.
Exit status: 0 passed or skipped, 1 failed, 2 bad input.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

FACTS = ("date", "end_date", "title", "body")
DATES = ("date", "end_date")


@dataclass
class Event:
    """What the check needs of one event, with where its keys are written."""

    id: str
    values: dict[str, str] = field(default_factory=dict)  # facts, with white space collapsed
    marks: dict[str, tuple[int, int]] = field(default_factory=dict)  # key -> (line, column)
    updated: str | None = None
    corrections: int = 0


@dataclass
class Data:
    events: dict[str, Event]
    withdrawn: dict[str, bool]  # id -> has a reason
    marks: dict[str, tuple[int, int]]  # top-level key -> (line, column)


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _text(node: Node) -> str | None:
    return " ".join(node.value.split()) if isinstance(node, ScalarNode) else None


def read(text: str) -> Data:
    """The events and withdrawn ids of one version of the file."""
    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    data = Data({}, {}, {})
    if not isinstance(root, MappingNode):
        return data
    for key, value in root.value:
        data.marks[key.value] = _mark(key)
        if key.value == "events" and isinstance(value, SequenceNode):
            for node in value.value:
                event = _event(node)
                if event is not None:
                    data.events.setdefault(event.id, event)
        if key.value == "withdrawn" and isinstance(value, SequenceNode):
            for node in value.value:
                if isinstance(node, MappingNode):
                    keys = {k.value: _text(v) for k, v in node.value}
                    if keys.get("id"):
                        data.withdrawn[str(keys["id"])] = bool(keys.get("reason"))
    return data


def _event(node: Node) -> Event | None:
    if not isinstance(node, MappingNode):
        return None
    keys = {k.value: (k, v) for k, v in node.value if isinstance(k, ScalarNode)}
    if "id" not in keys or not _text(keys["id"][1]):
        return None
    event = Event(str(_text(keys["id"][1])))
    for name, (key, value) in keys.items():
        event.marks[name] = _mark(key)
        if name in FACTS:
            event.values[name] = _text(value) or ""
    event.updated = _text(keys["updated"][1]) if "updated" in keys else None
    corrections = keys.get("corrections", (None, None))[1]
    event.corrections = len(corrections.value) if isinstance(corrections, SequenceNode) else 0
    return event


def git(*args: str, cwd: Path) -> str | None:
    """The output of a git command, or None when it fails (or there is no git)."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except OSError:
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def find_base(given: str | None, cwd: Path) -> tuple[str, str] | None:
    """(the merge base's commit, the ref it was found with), or None."""
    for ref in [given] if given else ["origin/main", "main"]:
        if git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", cwd=cwd) is None:
            continue
        base = git("merge-base", "HEAD", ref, cwd=cwd)
        if base:
            return base, ref
    return None


def problems(old: Data, new: Data, shown: str, ref: str, today: str) -> list[str]:
    """Every change the new data does not record, as `path:line:col: message`."""
    found = []
    for event in new.events.values():
        where = f"{shown}:{{}}:{{}}: event '{event.id}': "
        before = old.events.get(event.id)
        if before is None:
            if "added" not in event.marks:
                found.append(
                    where.format(*event.marks["id"])
                    + f"new event without 'added'; add 'added: {today}' after its evidence"
                )
            continue
        changed = [k for k in FACTS if before.values.get(k) != event.values.get(k)]
        if not changed:
            continue
        at = event.marks.get(changed[0]) or event.marks["id"]
        what = " and ".join(changed)
        if event.updated is None or event.updated == before.updated:
            hint = (
                f"set 'updated: {today}'"
                if event.updated
                else f"add 'updated: {today}' after 'added'"
            )
            found.append(
                where.format(*at) + f"{what} changed since {ref} without a new 'updated' date; "
                f"{hint}"
            )
        dates = [k for k in changed if k in DATES]
        if dates and event.corrections <= before.corrections:
            was = ", ".join(f"{k} was {before.values.get(k) or 'not given'}" for k in dates)
            found.append(
                where.format(*event.marks.get(dates[0], at))
                + f"{' and '.join(dates)} changed since {ref} ({was}) without a new correction; "
                f"add under 'corrections:' '- date: {today}' with a 'note:' saying what was "
                "corrected"
            )
    gone = [event_id for event_id in old.events if event_id not in new.events]
    for event_id in gone:
        at = new.marks.get("withdrawn") or new.marks.get("events") or (1, 1)
        if event_id not in new.withdrawn:
            found.append(
                f"{shown}:{at[0]}:{at[1]}: event '{event_id}' (in {ref}) was removed but is not "
                f"listed as withdrawn; add under 'withdrawn:' '- id: {event_id}' with "
                f"'date: {today}' and a 'reason:'"
            )
        elif not new.withdrawn[event_id]:
            found.append(
                f"{shown}:{at[0]}:{at[1]}: withdrawn event '{event_id}' has no reason; "
                "add a 'reason:' saying why it was taken out"
            )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", help="compare with the merge base of HEAD and this ref")
    parser.add_argument("--file", type=Path, default=Path("data/timeline.yml"))
    args = parser.parse_args(argv)
    name = "check_changes"
    if not args.file.is_file():
        print(f"{name}: {args.file} is not a file", file=sys.stderr)
        return 2
    cwd = args.file.resolve().parent
    top = git("rev-parse", "--show-toplevel", cwd=cwd)
    found = find_base(args.base, cwd) if top else None
    if args.base and found is None:
        print(f"{name}: {args.base} is not a commit of this repository; fetch it first")
        return 2
    if top is None or found is None:
        tried = args.base or "origin/main or main"
        print(f"{name}: skipped: no git history with {tried} to compare {args.file} with")
        return 0
    base, ref = found
    relative = args.file.resolve().relative_to(Path(top).resolve()).as_posix()
    old_text = git("show", f"{base}:{relative}", cwd=cwd)
    if old_text is None:
        print(f"{name}: skipped: {relative} is not in {ref} ({base[:7]}); nothing to compare")
        return 0
    today = datetime.now(UTC).date().isoformat()
    try:
        old, new = read(old_text), read(args.file.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        print(f"{name}: cannot read the file: {error}", file=sys.stderr)
        return 2
    shown = args.file.as_posix()
    found_problems = problems(old, new, shown, ref, today)
    for line in found_problems:
        print(line)
    changed = sum(
        1
        for event_id, event in new.events.items()
        if event_id in old.events and old.events[event_id].values != event.values
    )
    summary = (
        f"{len(new.events)} events against {ref} ({base[:7]}): {changed} changed, "
        f"{len(set(new.events) - set(old.events))} new, "
        f"{len(set(old.events) - set(new.events))} withdrawn"
    )
    if found_problems:
        print(f"{name}: {len(found_problems)} unrecorded change(s); {summary}")
        return 1
    print(f"{name}: every change is recorded; {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
