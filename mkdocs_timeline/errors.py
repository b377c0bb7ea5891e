"""Problems found in a timeline file, reported together as one build error."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from yaml import Mark, Node

MAX_PROBLEMS = 50


@dataclass(frozen=True)
class Problem:
    """One thing wrong at a place in the file: `what is wrong; what is expected`."""

    line: int
    column: int
    message: str

    def format(self, path: str) -> str:
        """`path:line:column: message`, the form editors' tools can jump to."""
        message = self.message.replace("\r", "\\r").replace("\n", "\\n")
        return f"{path}:{self.line}:{self.column}: {message}"


class TimelineError(Exception):
    """The build-stopping error for a timeline file: a summary line, then one line per problem
    (or one `message` about the file as a whole). Adapters turn it into their own error
    (the plugin: MkDocs' PluginError; the command line: a message and exit 2)."""

    def __init__(
        self,
        path: str,
        problems: list[Problem],
        message: str | None = None,
        noun: str = "timeline file",
    ):
        self.path = path
        self.problems = problems
        super().__init__(message or format_problems(path, problems, noun))


class Problems:
    """Collects the problems of one file in the order they were found."""

    def __init__(self, path: str, noun: str = "timeline file"):
        self.path = path
        self.noun = noun  # what the file is, for the summary line
        self.items: list[Problem] = []

    def add(self, where: Node | Mark | None, message: str, subject: str = "") -> None:
        """Record a problem at a node or mark (file start if None), naming the event or era."""
        mark = where.start_mark if isinstance(where, Node) else where
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        self.add_at(line, column, f"{subject}: {message}" if subject else message)

    def add_at(self, line: int, column: int, message: str) -> None:
        """Record a problem at a 1-based line and column."""
        self.items.append(Problem(line, column, message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        """Stop here with every problem found so far."""
        if self.items:
            raise TimelineError(self.path, sorted(self.items, key=_position), noun=self.noun)


def _position(problem: Problem) -> tuple[int, int]:
    return (problem.line, problem.column)


def format_problems(path: str, problems: list[Problem], noun: str = "timeline file") -> str:
    """The error message: a summary line, then up to `MAX_PROBLEMS` problems."""
    count = len(problems)
    lines = [f"Error reading {noun} '{path}': {count} problem{'' if count == 1 else 's'}"]
    lines += [problem.format(path) for problem in problems[:MAX_PROBLEMS]]
    if count > MAX_PROBLEMS:
        lines.append(f"… and {count - MAX_PROBLEMS} more")
    return "\n".join(lines)


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to a misspelt `word`, if one is close enough."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def shown(value: str, limit: int = 60) -> str:
    """A value from the file quoted for a one-line message: `'1998-7-17'`."""
    text = value.encode("unicode_escape").decode("ascii") if not value.isprintable() else value
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"
