"""Where each section of the sections page stands: the status file (`sections.status_file`).

A status file gives sections of the sections page a status (from a short declared list),
the day it was checked, a factual reading and the timeline events it rests on. Every
problem is reported as `path:line:col`, like the timeline's own; a status that cites
events must cite at least one, and each cited event must name the section in its own
list (so event and section link each other).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode

from .dates import PartialDate
from .errors import Problems, closest, shown
from .loader import compose, decode
from .model import Event, Recommendation
from .schema import SECTION_STATUS, STATUS, STATUS_FILE, Fields
from .validate import ID_HINT, URL_SAFE, item_subject

EXPECTED_TOP = "expected a mapping with the key 'sections' (and optionally 'statuses')"
TRUE, FALSE = ("true", "yes"), ("false", "no")


@dataclass(frozen=True)
class Status:
    """One status a section may have; `count` is the sections that have it."""

    id: str
    label: str
    description: str
    cites_events: bool = True
    count: int = 0


# The statuses when a file declares none (docs/plugin.md lists them)
DEFAULT_STATUSES = (
    Status("acted-on", "Acted on", "The public record shows the step taken."),
    Status(
        "partly-acted-on",
        "Partly acted on",
        "The public record shows some of the step taken, not all of it.",
    ),
    Status("reversed", "Reversed", "The step was taken and later undone."),
    Status(
        "no-public-action-found",
        "No public action found",
        "No public record of the step was found when the section was checked.",
        cites_events=False,
    ),
)


@dataclass(frozen=True)
class SectionStatus:
    """Where one section stands: its status, when that was checked, and why."""

    section: Recommendation
    status: Status
    checked: PartialDate
    reading: str
    events: tuple[Event, ...]


@dataclass(frozen=True)
class StatusBoard:
    """Every status declared and every section's status, in the order of the page."""

    statuses: tuple[Status, ...]
    sections: tuple[SectionStatus, ...]

    def of(self, section_id: str) -> SectionStatus | None:
        """The status of one section, if it has one."""
        return next((s for s in self.sections if s.section.id == section_id), None)


def latest_day(environ: Mapping[str, str] | None = None) -> date:
    """The latest day a check can have happened: today anywhere on Earth (UTC+14), or the
    day of SOURCE_DATE_EPOCH when that is later."""
    environ = os.environ if environ is None else environ
    today = datetime.now(timezone(timedelta(hours=14))).date()
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        today = max(today, datetime.fromtimestamp(int(epoch), UTC).date())
    return today


def load_statuses(
    path: Path,
    shown_path: str,
    sections: Mapping[str, Recommendation],
    events: Mapping[str, Event],
    page: str,
) -> StatusBoard:
    """The validated status file in `path`; raise `TimelineError` listing every problem.

    `sections` are the page's `##` sections by id (in page order), `events` the timeline
    events by id, `page` the sections page as messages name it.
    """
    return parse_statuses(path.read_bytes(), shown_path, sections, events, page)


def parse_statuses(
    data: bytes,
    shown_path: str,
    sections: Mapping[str, Recommendation],
    events: Mapping[str, Event],
    page: str,
    today: date | None = None,
) -> StatusBoard:
    """The validated status file in the bytes of a file; see `load_statuses`."""
    problems = Problems(shown_path, "status file")
    text = decode(data, problems)
    root = None if text is None else compose(text, problems, EXPECTED_TOP)
    board = None
    if root is not None:
        reader = _Reader(sections, events, page, today or latest_day(), problems)
        board = reader.read(root)
    problems.raise_if_any()
    assert board is not None
    return board


class _Reader:
    """Reads one status file, remembering the ids it has seen."""

    def __init__(
        self,
        sections: Mapping[str, Recommendation],
        events: Mapping[str, Event],
        page: str,
        today: date,
        problems: Problems,
    ):
        self.known = sections
        self.events = events
        self.page = page
        self.today = today
        self.problems = problems

    def read(self, root: MappingNode) -> StatusBoard:
        fields = Fields(root, STATUS_FILE, "", self.problems)
        declared = fields.get("statuses")
        statuses = self._statuses(fields.items("statuses")) if declared else DEFAULT_STATUSES
        by_id = {status.id: status for status in statuses}
        seen: dict[str, int] = {}
        found = []
        for number, node in enumerate(fields.items("sections"), 1):
            item = self._section(node, number, by_id, seen)
            if item is not None:
                found.append(item)
        order = list(self.known)
        found.sort(key=lambda item: order.index(item.section.id))
        counts = {s.id: sum(1 for item in found if item.status.id == s.id) for s in statuses}
        counted = {s.id: replace(s, count=counts[s.id]) for s in statuses}
        return StatusBoard(
            tuple(counted.values()),
            tuple(replace(item, status=counted[item.status.id]) for item in found),
        )

    def _statuses(self, nodes: list[Node]) -> tuple[Status, ...]:
        seen: dict[str, int] = {}
        statuses = []
        for number, node in enumerate(nodes, 1):
            fields = Fields.read(node, STATUS, item_subject(node, "status", number), self.problems)
            if fields is None:
                continue
            status_id = _unique_id(fields, seen, "status")
            label, description = fields.text("label"), fields.text("description")
            cites = fields.text("cites_events")
            if cites is not None and cites.lower() not in TRUE + FALSE:
                fields.report(
                    fields.values["cites_events"],
                    f"cites_events {shown(cites)} is not true or false; "
                    f"expected {STATUS.key('cites_events').expected}",
                )
                continue
            if status_id and label and description:
                cites_events = cites is None or cites.lower() in TRUE
                statuses.append(Status(status_id, label, description, cites_events))
        return tuple(statuses)

    def _section(
        self, node: Node, number: int, statuses: dict[str, Status], seen: dict[str, int]
    ) -> SectionStatus | None:
        fields = Fields.read(
            node, SECTION_STATUS, item_subject(node, "section", number), self.problems
        )
        if fields is None:
            return None
        section = self._section_id(fields, seen)
        status = self._status(fields, statuses)
        checked = self._checked(fields)
        reading = fields.text("reading")
        cited = self._events(fields, section)
        if status is not None and status.cites_events and cited == ():
            fields.report(
                fields.values.get("events") or fields.values["status"],
                f"status '{status.id}' cites no events; expected 'events:' with the id of at "
                "least one timeline event that shows it, or a status that needs none "
                f"({', '.join(s.id for s in statuses.values() if not s.cites_events) or 'none'})",
            )
            return None
        if section is None or status is None or checked is None or not reading or cited is None:
            return None
        return SectionStatus(section, status, checked, reading, cited)

    def _section_id(self, fields: Fields, seen: dict[str, int]) -> Recommendation | None:
        value = fields.text("id")
        if value is None:
            return None
        node = fields.values["id"]
        if value not in self.known:
            match = closest(value, self.known)
            hint = (
                f"did you mean '{match}'?"
                if match
                else f"expected the id of a '##' heading of {self.page}"
            )
            fields.report(node, f"unknown section {shown(value)}; {hint}")
            return None
        if value in seen:
            fields.report(
                node,
                f"duplicate section {shown(value)} (first on line {seen[value]}); "
                "give each section one status",
            )
            return None
        seen[value] = node.start_mark.line + 1
        return self.known[value]

    def _status(self, fields: Fields, statuses: dict[str, Status]) -> Status | None:
        value = fields.text("status")
        if value is None:
            return None
        if value in statuses:
            return statuses[value]
        match = closest(value, statuses)
        hint = f" (did you mean '{match}'?)" if match else ""
        fields.report(
            fields.values["status"],
            f"unknown status {shown(value)}{hint}; expected one of: {', '.join(statuses)}",
        )
        return None

    def _checked(self, fields: Fields) -> PartialDate | None:
        checked = fields.date("checked", full=True)
        if checked is not None and checked.first_day > self.today:
            fields.report(
                fields.values["checked"],
                f"checked {checked} is in the future (today is at most {self.today}, "
                "anywhere on Earth); expected the day the status was last checked",
            )
            return None
        return checked

    def _events(self, fields: Fields, section: Recommendation | None) -> tuple[Event, ...] | None:
        """The cited events (empty when none), or None when one is wrong (and reported)."""
        cited = []
        ok = True
        for node in fields.items("events"):
            value = node.value.strip() if isinstance(node, ScalarNode) else ""
            event = self.events.get(value)
            if event is None:
                match = closest(value, self.events) if value else None
                hint = (
                    f"did you mean '{match}'?" if match else "expected the id of a timeline event"
                )
                fields.report(node, f"unknown event {shown(value)}; {hint}")
                ok = False
            elif section is not None and section.id not in {r.id for r in event.recommendations}:
                fields.report(
                    node,
                    f"event {shown(value)} does not name section '{section.id}'; expected the "
                    "event to list it under its own sections key in the timeline file, so "
                    "the event links back to the section",
                )
                ok = False
            else:
                cited.append(event)
        return tuple(cited) if ok else None


def _unique_id(fields: Fields, seen: dict[str, int], noun: str) -> str | None:
    value = fields.text("id")
    if value is None:
        return None
    node = fields.values["id"]
    if not URL_SAFE.fullmatch(value):
        fields.report(node, f"id {shown(value)} is not URL-safe; use {ID_HINT}")
        return None
    if value in seen:
        fields.report(
            node,
            f"duplicate id {shown(value)} (first on line {seen[value]}); give each {noun} its own id",
        )
        return None
    seen[value] = node.start_mark.line + 1
    return value
